"""Benchmark the search index: Pagefind's bundles (per language, in shards) of a rendered site.

    python benchmarks/bench_search.py [--documents 1000] [--jobs N] [--seed 0] [--keep DIR] [--json PATH]

Generates --documents transcripts (benchmarks/make_corpus.py), converts them and
renders the site (not timed), then times the search index twice, each time as the
HTML stage builds it (tei.render.render_edition calls tei/search.py when a page
changed or a bundle is missing): the full index, after every bundle was removed; and
the update after one word of one document changed (only the bundles of its shard are
indexed again; its page is re-rendered too, a few hundredths of a second, not
counted: see benchmarks/bench_html.py).  Peak memory is of the whole process tree:
Pagefind runs as child processes, one per bundle being indexed.
"""

from __future__ import annotations

import shutil
import sys
from contextlib import closing
import time

from common import Result, TreeMemory, arguments, edit_one_word, site_workspace, size_of, workspace
from tei.executors import make_executor
from tei.render import render_edition
from tei.search import BUNDLE_PREFIX


def main() -> int:
    args = arguments(__doc__).parse_args()
    result = Result("search", args)
    with workspace(args.keep, "search") as work:
        files, edition, site = site_workspace(work, args, result)
        with closing(make_executor("local", args.jobs)) as executor:
            start = time.perf_counter()
            render_edition(files, site, edition, executor=executor)
            print(f"{'site':>24}: rendered in {time.perf_counter() - start:.1f} s")
            for label in ("full index", "one page changed"):
                if label == "full index":
                    for bundle in site.glob(BUNDLE_PREFIX + "*"):
                        shutil.rmtree(bundle)
                else:
                    result.note("edit", edit_one_word(files[len(files) // 2]))
                with TreeMemory() as memory:
                    report = render_edition(files, site, edition, executor=executor)
                if not report.ok or not report.search_built:
                    raise SystemExit(f"{label}: search index not built: {report.errors[:3] or report.warnings[:3]}")
                bundles = [p for p in sorted(site.glob(BUNDLE_PREFIX + "*")) if p.is_dir()]
                result.run(label, documents=report.documents, seconds=report.search_seconds, memory=memory,
                           outputs={"search index": size_of(*bundles)}, pages_indexed=report.search_pages,
                           bundles=report.search_bundles, bundles_rebuilt=report.search_rebuilt,
                           pages_rendered=report.rendered)
                print(f"{'':>24}  {report.search_rebuilt} of {report.search_bundles} bundles indexed; pages in the "
                      "index: " + ", ".join(f"{lang} {n}" for lang, n in sorted(report.search_pages.items())))
    result.write()
    return 0


if __name__ == "__main__":
    sys.exit(main())
