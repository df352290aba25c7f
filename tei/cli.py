"""The ``tei`` command.  The only module that prints or exits."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tei import __version__
from tei.convert import convert_file, sources_in
from tei.edition import EditionError, load_edition

DEFAULT_SOURCES = Path("corpus/sources")
DEFAULT_TEI = Path("corpus/tei")
DEFAULT_EDITION = Path("corpus/edition.toml")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tei", description="A TEI P5 digital edition pipeline.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--edition", type=Path, default=DEFAULT_EDITION,
                        help=f"the edition facts file (default: {DEFAULT_EDITION})")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("convert", help="encode archive transcripts as TEI",
                       description="Encode archive transcripts as TEI P5, one file per source.")
    p.add_argument("sources", nargs="*", type=Path, help=f"transcript files or folders (default: {DEFAULT_SOURCES})")
    p.add_argument("-o", "--output", type=Path, default=DEFAULT_TEI, help=f"output folder (default: {DEFAULT_TEI})")
    p.add_argument("--force", action="store_true", help="overwrite TEI files that were edited by hand")
    p.add_argument("-q", "--quiet", action="store_true", help="print only problems and the summary")

    b = sub.add_parser("build", help="build the bundled edition (converts sources whose TEI is missing)",
                       description="Build the edition from corpus/: convert the sources whose TEI is missing "
                                   "or out of date (hand-edited TEI is kept).")
    b.add_argument("-q", "--quiet", action="store_true")

    args = parser.parse_args(argv)
    try:
        edition = load_edition(args.edition)
    except EditionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command == "convert":
        return _convert(args.sources or [DEFAULT_SOURCES], args.output, edition, args.force, args.quiet)
    if args.command == "build":
        return _convert([DEFAULT_SOURCES], DEFAULT_TEI, edition, False, args.quiet)
    return 2


def _convert(paths: list[Path], out_dir: Path, edition, force: bool, quiet: bool) -> int:
    missing = [p for p in paths if not p.exists()]
    if missing:
        for p in missing:
            print(f"error: {p}: no such file or folder", file=sys.stderr)
        return 2
    sources = sources_in(paths)
    if not sources:
        print(f"error: no transcripts (*.txt) in {', '.join(map(str, paths))}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    counts: dict[str, int] = {}
    warnings = 0
    for source in sources:
        outcome = convert_file(source, out_dir, edition, force=force)
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
        warnings += len(outcome.warnings)
        if outcome.status == "failed":
            print(f"error: {outcome.source}: {outcome.message}", file=sys.stderr)
            continue
        if outcome.status == "kept-hand-edited":
            print(f"kept: {outcome.target}: {outcome.message}; not overwritten "
                  f"(use 'tei convert --force {outcome.source}' to replace it)", file=sys.stderr)
        elif not quiet:
            print(f"{outcome.status}: {outcome.source} -> {outcome.target}")
            for line in outcome.alignment:
                print(f"  aligned {line}")
        for w in outcome.warnings:
            print(f"warning: {w}", file=sys.stderr)
    took = time.perf_counter() - start
    parts = [f"{n} {status}" for status, n in sorted(counts.items())]
    print(f"{len(sources)} transcripts: {', '.join(parts)}; {warnings} warnings; {took:.2f} s")
    return 1 if counts.get("failed") else 0


if __name__ == "__main__":
    sys.exit(main())
