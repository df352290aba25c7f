"""Benchmark: typeset the print volume of a generated corpus of 100+ documents.

The corpus is copies of corpus/tei/*.xml under new document ids (every xml:id
in a file starts with its document id, so a new id is a string replacement),
with their dates spread over 1951-1953 so that the volume has an order to
sort.  The volume is typeset once into an empty folder (XSLT, WeasyPrint's
layout, the PDF) and pages per second are given for the whole and for each
step; then a rebuild with nothing changed.  With --offprints, the documents
are also typeset one by one.  Peak memory is the process's peak resident set
(Saxon's native heap and WeasyPrint's page boxes included).

    python benchmarks/bench_print.py [--documents 120] [--offprints] [--keep DIR]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tei.edition import load_edition  # noqa: E402
from tei.typeset import typeset_edition  # noqa: E402
from generated import make_corpus  # noqa: E402  (benchmarks/generated.py)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=120)
    parser.add_argument("--offprints", action="store_true", help="also typeset one PDF per document")
    parser.add_argument("--keep", type=Path, help="build here and keep the corpus and the PDFs")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-print-"))
    try:
        edition = load_edition(REPO / "corpus" / "edition.toml")
        files = make_corpus(work / "tei", args.documents)
        size = sum(p.stat().st_size for p in files)
        print(f"corpus: {len(files)} documents, {size / 2**20:.1f} MiB of TEI; peak memory so far {peak_mib():.0f} MiB")
        out = work / "print"
        if out.exists():
            shutil.rmtree(out)

        report = typeset_edition(files, out, edition)
        assert report.ok, report.errors[:5]
        volume = out / "edition.pdf"
        misplaced = [w for w in report.warnings if "the footnote" in w]
        other = [w for w in report.warnings if w not in misplaced]
        t = report.timings
        print(f"{'volume':>16}: {report.pages} pages, {volume.stat().st_size / 2**20:.1f} MiB PDF, "
              f"{report.seconds:.1f} s: {report.pages / report.seconds:.1f} pages/s")
        print(f"{'steps':>16}: XSLT {t.get('xslt', 0):.1f} s, layout {t.get('layout', 0):.1f} s "
              f"({report.pages / t['layout']:.1f} pages/s), PDF {t.get('pdf', 0):.1f} s "
              f"({report.pages / t['pdf']:.1f} pages/s)")
        print(f"{'footnotes':>16}: {len(misplaced)} not on the page of their call; {len(other)} other warnings")
        for warning in (misplaced + other)[:5]:
            print(f"{'':>18}{warning}")
        print(f"{'peak memory':>16}: {peak_mib():.0f} MiB")

        started = time.perf_counter()
        again = typeset_edition(files, out, edition)
        assert not again.volume_written
        print(f"{'nothing changed':>16}: {time.perf_counter() - started:.2f} s (volume kept)")

        if args.offprints:  # the volume is up to date: this run typesets the offprints only
            offprints = typeset_edition(files, out, edition, per_document=True)
            assert offprints.ok and not offprints.volume_written, offprints.errors[:5]
            print(f"{'offprints':>16}: {offprints.offprints_written} PDFs, {offprints.offprint_pages} pages, "
                  f"{offprints.seconds:.1f} s: {offprints.offprint_pages / offprints.seconds:.1f} pages/s; "
                  f"{len(offprints.warnings)} warnings; peak memory {peak_mib():.0f} MiB")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
