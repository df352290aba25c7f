"""Benchmark the HTML stage: render the site of a generated edition, then rebuild it.

    python benchmarks/bench_html.py [--documents 1000] [--jobs N] [--seed 0] [--keep DIR] [--json PATH] [--names]

Generates --documents transcripts (benchmarks/make_corpus.py) and converts them to
TEI (not timed), then times tei.render.render_edition with the local executor (--jobs
worker processes) three times, as `tei build` runs it: a full build into an empty
site, a rebuild with nothing changed, and a rebuild after one word of one TEI file
changed.  render_edition also rebuilds the search index when a page changed; its
time is given apart and left out of the stage's (as the build's summary does:
benchmarks/bench_search.py measures it).  Citations (citeproc-py) are part of the
stage and are also given on their own.  Documents per second count every document of
the edition, rendered or found up to date; so does "× floor".  --names: with the edition's
authority file (corpus/authority.xml), the names of the texts tagged when converting, and
the pages of the entries and their indexes rendered (counted apart).

The three runs share one process, so the rebuilds find the stylesheets compiled:
benchmarks/bench_build.py times rebuilds as a user meets them, in a new process.
"""

from __future__ import annotations

import sys
from contextlib import closing

from common import Result, TreeMemory, arguments, edit_one_word, site_workspace, size_of, workspace
from tei.executors import make_executor
from tei.render import render_edition
from tei.search import BUNDLE_PREFIX


def main() -> int:
    parser = arguments(__doc__)
    parser.add_argument("--names", action="store_true",
                        help="with the authority file: names tagged, pages of persons, places and organisations")
    args = parser.parse_args()
    result = Result("html" + ("-names" if args.names else ""), args)
    with workspace(args.keep, "html") as work:
        files, edition, site = site_workspace(work, args, result)
        authority = files[0].parent.parent / "authority.xml" if args.names else None
        with closing(make_executor("local", args.jobs)) as executor:
            for label in ("full build", "nothing changed", "one document changed"):
                if label == "one document changed":
                    result.note("edit", edit_one_word(files[len(files) // 2]))
                with TreeMemory() as memory:
                    report = render_edition(files, site, edition, executor=executor, authority=authority)
                if not report.ok:
                    raise SystemExit(f"{label}: {len(report.errors)} errors, e.g. {report.errors[:3]}")
                pages = sorted(site.glob("*.html"))
                search = sorted(p for p in site.glob(BUNDLE_PREFIX + "*") if p.is_dir())
                result.run(label, documents=report.documents, seconds=report.seconds - report.search_seconds,
                           memory=memory, outputs={"html": size_of(*pages), "site": size_of(site),
                                                   "search index": size_of(*search)},
                           rendered=report.rendered, unchanged=report.unchanged, warnings=len(report.warnings),
                           entity_pages=report.entity_pages, entity_pages_rendered=report.entities_rendered,
                           citation_seconds=round(report.citation_seconds, 3),
                           search_seconds=round(report.search_seconds, 3) if report.search_built else None)
                if args.names:
                    print(f"{'':>24}  {report.entities_rendered} of {report.entity_pages} pages of entries rendered")
                print(f"{'':>24}  {report.rendered} pages rendered, {report.unchanged} up to date; of which "
                      f"citations {report.citation_seconds:.2f} s; search index "
                      + (f"{report.search_seconds:.2f} s (not in the stage's time)" if report.search_built
                         else "kept"))
    result.write()
    return 0


if __name__ == "__main__":
    sys.exit(main())
