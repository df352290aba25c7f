"""Benchmark the convert stage: generated transcripts to TEI, as `tei build` converts them.

    python benchmarks/bench_convert.py [--documents 1000] [--jobs N] [--seed 0] [--keep DIR] [--json PATH]
                                       [--no-names]

Generates an edition folder of --documents transcripts (benchmarks/make_corpus.py),
then converts them all into an empty tei/ with tei.build.convert_stage on the local
executor (--jobs worker processes; 1: this process), starting the workers included.
Prints documents per second, the multiple of the lxml floor (parsing and serialising
the TEI that came out), peak memory of this process and its workers, and the sizes of
the transcripts and of the TEI.  The edition's authority file (corpus/authority.xml) is
put beside the generated sources, so that names are recognised as in the bundled
edition (tei/entities.py: natasha and pymorphy3 load once per worker); --no-names
converts without it, to measure what recognition costs.
"""

from __future__ import annotations

import shutil
import sys

from common import REPO, Result, TreeMemory, arguments, convert, edition_folder, empty, size_of, workspace


def main() -> int:
    parser = arguments(__doc__)
    parser.add_argument("--no-names", action="store_true", help="no authority file: names are not recognised")
    args = parser.parse_args()
    result = Result("convert" + ("-no-names" if args.no_names else ""), args)
    with workspace(args.keep, "convert") as work:
        folder = edition_folder(work / "edition", args.documents, args.seed)
        if not args.no_names:
            shutil.copy(REPO / "corpus" / "authority.xml", folder / "authority.xml")
        with TreeMemory() as memory:
            report, files = convert(folder, args.jobs, empty(work / "state"))
        result.floor(files)
        statuses = {status: report.count(status) for status in ("written", "unchanged", "failed")}
        result.run(f"convert, {args.jobs} workers" + (", no names" if args.no_names else ", names"), documents=len(report.outcomes), seconds=report.seconds,
                   memory=memory, outputs={"transcripts": size_of(folder / "sources"), "tei": size_of(*files)},
                   statuses=statuses, warnings=sum(len(o.warnings) for o in report.outcomes))
        if statuses["failed"]:
            print(f"{statuses['failed']} transcripts failed to convert", file=sys.stderr)
    result.write()
    return 1 if statuses["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
