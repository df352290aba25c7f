"""Benchmark: render the HTML edition of a generated corpus of 1,000+ documents.

The corpus is copies of corpus/tei/*.xml under new document ids (every xml:id
in a file starts with its document id, so a new id is a string replacement),
with their dates spread over 1951-1953 so that the catalogue has an order to
sort.  Three builds are timed: a full one into an empty folder, a rebuild
with nothing changed, and a rebuild after one document changed.  Each build's
time includes formatting the citations (citeproc-py, tei/cite.py) of the pages
it renders and rebuilding the search index (Pagefind, tei/search.py) when a
page changed; both are also given on their own.  Peak memory is the process's
peak resident set (Saxon's native heap included; Pagefind runs as child
processes, not counted).

    python benchmarks/bench_html.py [--documents 1000] [--keep DIR]
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
from tei.render import render_edition  # noqa: E402
from generated import make_corpus  # noqa: E402  (benchmarks/generated.py)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="build here and keep the corpus and site")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-html-"))
    try:
        edition = load_edition(REPO / "corpus" / "edition.toml")
        started = time.perf_counter()
        files = make_corpus(work / "tei", args.documents)
        size = sum(p.stat().st_size for p in files)
        print(f"corpus: {len(files)} documents, {size / 2**20:.1f} MiB of TEI "
              f"(made in {time.perf_counter() - started:.1f} s); peak memory so far {peak_mib():.0f} MiB")
        site = work / "site"
        if site.exists():
            shutil.rmtree(site)

        for label, change in (("full build", None), ("nothing changed", None), ("one document changed", files[7])):
            if change is not None:
                change.write_bytes(change.read_bytes().replace(b"<p xml:id=", b"<p n='x' xml:id=", 1))
            report = render_edition(files, site, edition)
            assert report.ok, report.errors[:5]
            rate = report.documents / report.seconds
            print(f"{label:>22}: {report.seconds:7.2f} s, {report.rendered:5d} pages rendered, "
                  f"{report.unchanged:5d} unchanged, {rate:8.0f} documents/s through the build; "
                  f"{len(report.warnings)} warnings; peak memory {peak_mib():.0f} MiB")
            search = (f"search index {report.search_seconds:.2f} s "
                      f"({', '.join(f'{k}: {v} pages' for k, v in sorted(report.search_pages.items()))})"
                      if report.search_built else "search index kept")
            print(f"{'':>22}  of which citations {report.citation_seconds:.2f} s "
                  f"({1000 * report.citation_seconds / max(report.rendered, 1):.1f} ms a page), {search}")
            if label == "full build":
                print(f"{'':>22}  {report.rendered / report.seconds:.0f} documents rendered per second")
        html = sum(p.stat().st_size for p in site.glob("*.html"))
        index = sum(p.stat().st_size for p in site.glob("pagefind-*/**/*") if p.is_file())
        print(f"site: {len(list(site.glob('*.html')))} pages, {html / 2**20:.1f} MiB of HTML; "
              f"search index {index / 2**20:.1f} MiB")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
