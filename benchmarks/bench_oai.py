"""Benchmark the OAI-PMH endpoint: a full harvest of a generated edition, and the exports' sizes.

    python benchmarks/bench_oai.py [--files 1000] [--page-size 100] [--small-pages 2]

Makes --files encodings in a temporary folder by copying the corpus files round robin,
each copy with its own xml:ids and its own datestamp (a day of 2026, so that the
repository spans a year), serves them with `tei serve`'s server (tei.serve, Werkzeug)
on a free port of 127.0.0.1, and harvests everything with Sickle, as a harvester
would: ListRecords in oai_dc and in tei, and ListIdentifiers, --page-size records a
response; then oai_dc again with --small-pages records a response (0: skip).  Each
harvest must return every record exactly once.  Then it writes every export of
`tei export` for the generated edition and prints their sizes.  Peak memory is the
maximum resident set size of this process (the server runs in it, in a thread).
"""

from __future__ import annotations

import argparse
import logging
import resource
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from tei.edition import load_edition
from tei.exchange import FORMATS, export
from tei.serve import make_server
from generated import make_corpus  # noqa: E402  (benchmarks/generated.py)

ROOT = Path(__file__).resolve().parents[1]


def harvest(base: str, verb: str, prefix: str, expected: int) -> float:
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


def size(n: int) -> str:
    return f"{n / 1048576:.2f} MiB" if n >= 1048576 else f"{n / 1024:.1f} KiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--small-pages", type=int, default=2)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    edition = load_edition(ROOT / "corpus" / "edition.toml")
    with tempfile.TemporaryDirectory(prefix="bench-oai-") as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "tei").mkdir()
        (tmp_path / "site").mkdir()
        (tmp_path / "site" / "index.html").write_text("<!doctype html><title>bench</title>", encoding="utf-8")
        files = make_corpus(tmp_path / "tei", args.files)
        runs = [("ListRecords", "oai_dc", args.page_size), ("ListRecords", "tei", args.page_size),
                ("ListIdentifiers", "oai_dc", args.page_size)]
        if args.small_pages:
            runs.append(("ListRecords", "oai_dc", args.small_pages))
        print(f"edition: {len(files)} documents ({size(sum(p.stat().st_size for p in files))} of TEI)")
        for page_size in sorted({r[2] for r in runs}, reverse=True):
            server = make_server(tmp_path / "site", "127.0.0.1", 0, tei_dir=tmp_path / "tei", edition=edition,
                                 page_size=page_size)
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            base = f"http://127.0.0.1:{server.server_address[1]}/oai"
            try:
                start = time.perf_counter()
                server.app.source.current()
                print(f"page size {page_size}: repository made from the TEI files in "
                      f"{time.perf_counter() - start:.2f} s")
                for verb, prefix, size_wanted in runs:
                    if size_wanted != page_size:
                        continue
                    took = harvest(base, verb, prefix, len(files))
                    requests = -(-len(files) // page_size)
                    print(f"  {verb} {prefix}: {len(files)} records, each once, in {requests} responses: "
                          f"{took:.2f} s = {len(files) / took:.0f} records/s")
            finally:
                server.shutdown()
                server.server_close()
                thread.join(timeout=30)
        print("exports:")
        for fmt, name in FORMATS.items():
            report = export(fmt, files, edition, tmp_path / "exports" / name)
            print(f"  {fmt}: {len(report.files)} file{'s' if len(report.files) > 1 else ''}, "
                  f"{size(report.bytes)}, {report.seconds:.2f} s")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
