"""Benchmark the OAI-PMH endpoint: a full harvest of a generated edition, and the exports.

    python benchmarks/bench_oai.py [--documents 1000] [--page-size 100] [--small-pages 2] [--seed 0]
                                   [--keep DIR] [--json PATH]

Generates --documents transcripts (benchmarks/make_corpus.py) and converts them to
TEI (not timed), serves them with `tei serve`'s server (tei.serve, Werkzeug) on a
free port of 127.0.0.1, in a thread of this process, and harvests everything with
Sickle, as a harvester would: ListRecords in oai_dc and in tei, and ListIdentifiers,
--page-size records a response; then oai_dc again with --small-pages records a
response (0: skip).  Each harvest must return every record exactly once.  Then it
writes every export of `tei export` and gives their sizes.  Documents per second
are records per second; the server and the harvester share the process, so its
peak memory is theirs together.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections import Counter

from common import Result, TreeMemory, arguments, site_workspace, workspace
from tei.exchange import FORMATS, export
from tei.serve import make_server


def harvest(base: str, verb: str, prefix: str, expected: int) -> float:
    """Harvest everything; the seconds it took.  Exits unless every record came exactly once."""
    from sickle import Sickle

    sickle = Sickle(base, max_retries=0, timeout=120)
    start = time.perf_counter()
    items = sickle.ListRecords(metadataPrefix=prefix) if verb == "ListRecords" \
        else sickle.ListIdentifiers(metadataPrefix=prefix)
    seen = Counter((item.header if verb == "ListRecords" else item).identifier for item in items)
    took = time.perf_counter() - start
    if len(seen) != expected or set(seen.values()) != {1}:
        raise SystemExit(f"{verb} {prefix}: {len(seen)} identifiers, {sum(seen.values())} records; "
                         f"expected {expected}, each once")
    return took


def main() -> int:
    parser = arguments(__doc__, jobs=False)
    parser.add_argument("--page-size", type=int, default=100, help="records a response (default 100)")
    parser.add_argument("--small-pages", type=int, default=2, help="a second oai_dc harvest with this many "
                        "records a response (default 2; 0: none)")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    result = Result("oai", args)
    with workspace(args.keep, "oai") as work:
        files, edition, site = site_workspace(work, args, result)
        (site / "index.html").write_text("<!doctype html><title>bench</title>", encoding="utf-8")
        runs = [("ListRecords", "oai_dc", args.page_size), ("ListRecords", "tei", args.page_size),
                ("ListIdentifiers", "oai_dc", args.page_size)]
        if args.small_pages:
            runs.append(("ListRecords", "oai_dc", args.small_pages))
        for page_size in sorted({r[2] for r in runs}, reverse=True):
            server = make_server(site, "127.0.0.1", 0, tei_dir=files[0].parent, edition=edition, page_size=page_size)
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            base = f"http://127.0.0.1:{server.server_address[1]}/oai"
            try:
                with TreeMemory() as memory:
                    start = time.perf_counter()
                    server.app.source.current()
                result.run(f"repository (page {page_size})", documents=len(files),
                           seconds=time.perf_counter() - start, memory=memory)
                for verb, prefix, wanted in runs:
                    if wanted == page_size:
                        with TreeMemory() as memory:
                            took = harvest(base, verb, prefix, len(files))
                        result.run(f"{verb} {prefix} ({page_size})", documents=len(files), seconds=took,
                                   memory=memory, responses=-(-len(files) // page_size))
            finally:
                server.shutdown()
                server.server_close()
                thread.join(timeout=30)
        for fmt, name in FORMATS.items():
            with TreeMemory() as memory:
                report = export(fmt, files, edition, work / "exports" / name)
            result.run(f"export {fmt}", documents=len(files), seconds=report.seconds, memory=memory,
                       outputs={name: report.bytes}, files=len(report.files))
    result.write()
    return 0


if __name__ == "__main__":
    sys.exit(main())
