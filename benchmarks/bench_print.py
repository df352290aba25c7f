"""Benchmark the print stage: typeset the volume PDF of a generated edition.

    python benchmarks/bench_print.py [--documents 120] [--offprints] [--seed 0] [--keep DIR] [--json PATH]

Generates --documents transcripts (benchmarks/make_corpus.py) and converts them to
TEI (not timed), then typesets the volume once into an empty folder (XSLT,
WeasyPrint's layout, the PDF) with tei.typeset.typeset_edition, in this process:
documents and pages per second, for the whole and for each step; then a rebuild
with nothing changed; with --offprints, the documents one by one (one PDF each).
WeasyPrint lays a volume out whole, in memory (about 1.4 MiB a page), so the
default is 120 documents, not the 1,000 of the other stages: a volume of thousands
of documents needs gigabytes, and is best typeset in parts.
"""

from __future__ import annotations

import sys
import time

from common import Result, TreeMemory, arguments, site_workspace, size_of, workspace
from tei.typeset import typeset_edition


def main() -> int:
    parser = arguments(__doc__, documents=120, jobs=False)
    parser.add_argument("--offprints", action="store_true", help="also typeset one PDF per document")
    args = parser.parse_args()
    result = Result("print", args)
    with workspace(args.keep, "print") as work:
        files, edition, out = site_workspace(work, args, result, "print")

        with TreeMemory() as memory:
            report = typeset_edition(files, out, edition)
        if not report.ok:
            raise SystemExit(f"volume: {len(report.errors)} errors, e.g. {report.errors[:3]}")
        t = report.timings
        misplaced = sum("the footnote" in w for w in report.warnings)
        result.run("volume", documents=report.documents, seconds=report.seconds, memory=memory,
                   outputs={"volume PDF": size_of(out / "edition.pdf")}, pages=report.pages,
                   pages_per_second=round(report.pages / report.seconds, 2),
                   steps_seconds={k: round(v, 3) for k, v in t.items()},
                   warnings=len(report.warnings), footnotes_misplaced=misplaced)
        print(f"{'':>24}  {report.pages} pages = {report.pages / report.seconds:.1f} pages/s; XSLT "
              f"{t.get('xslt', 0):.1f} s, layout {t.get('layout', 0):.1f} s, PDF {t.get('pdf', 0):.1f} s; "
              f"{misplaced} footnotes not on the page of their call, {len(report.warnings) - misplaced} other warnings")

        start = time.perf_counter()
        again = typeset_edition(files, out, edition)
        assert not again.volume_written, "a rebuild with nothing changed typeset the volume again"
        result.run("nothing changed", documents=again.documents, seconds=time.perf_counter() - start)

        if args.offprints:  # the volume is up to date: this run typesets the offprints only
            with TreeMemory() as memory:
                offprints = typeset_edition(files, out, edition, per_document=True)
            if not offprints.ok or offprints.volume_written:
                raise SystemExit(f"offprints: {offprints.errors[:3]}")
            result.run("offprints", documents=offprints.offprints_written, seconds=offprints.seconds,
                       memory=memory, outputs={"offprint PDFs": size_of(out / "documents")},
                       pages=offprints.offprint_pages,
                       pages_per_second=round(offprints.offprint_pages / offprints.seconds, 2))
    result.write()
    return 0


if __name__ == "__main__":
    sys.exit(main())
