"""The ``tei`` command.  The only module that prints or exits."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from tei import __version__
from tei.convert import convert_file, sources_in
from tei.edition import EditionError, load_edition
from tei.render import RenderError, make_server, render_edition

DEFAULT_SOURCES = Path("corpus/sources")
DEFAULT_TEI = Path("corpus/tei")
DEFAULT_EDITION = Path("corpus/edition.toml")
DEFAULT_HTML = Path("build/html")


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

    b = sub.add_parser("build", help="build the bundled edition: TEI, then the HTML site",
                       description="Build the edition from corpus/: convert the sources whose TEI is missing "
                                   f"or out of date (hand-edited TEI is kept), then render the HTML edition to "
                                   f"{DEFAULT_HTML}/, redoing only the pages whose inputs changed.")
    b.add_argument("-q", "--quiet", action="store_true")
    b.add_argument("--force", action="store_true", help="render every page, changed or not")

    s = sub.add_parser("serve", help=f"preview the built HTML edition ({DEFAULT_HTML}/)",
                       description=f"Serve {DEFAULT_HTML}/ over HTTP, for previewing (Python's http.server; "
                                   "not for production).")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")

    v = sub.add_parser("validate", help="check TEI files against the edition's schema and rules",
                       description="Check TEI files against the edition's RELAX NG grammar and Schematron rules "
                                   "(or other schemas). Exit status 0 when no file has errors.")
    v.add_argument("paths", nargs="*", type=Path, help=f"TEI files or folders of *.xml (default: {DEFAULT_TEI})")
    v.add_argument("--schema", type=Path, metavar="FILE.rng",
                   help="a RELAX NG grammar (XML syntax) instead of the edition's; the edition's Schematron "
                        "rules are then not run unless --schematron is given")
    v.add_argument("--schematron", type=Path, metavar="FILE.sch",
                   help="an ISO Schematron schema (queryBinding xslt2/xslt3) instead of the edition's")
    v.add_argument("--xml-model", action="store_true",
                   help="use the schemas each file names in its <?xml-model?> instructions (local files only)")
    v.add_argument("--format", choices=("text", "json"), default="text",
                   help="text: file:line:column: severity: message [rule]; json: see "
                        "schemas/validation-report.schema.json")
    v.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: all CPUs)")

    args = parser.parse_args(argv)
    if args.command == "validate":  # needs no edition file: it checks any TEI file, from any folder
        return _validate(args)
    try:
        edition = load_edition(args.edition)
    except EditionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command == "convert":
        return _convert(args.sources or [DEFAULT_SOURCES], args.output, edition, args.force, args.quiet)
    if args.command == "build":
        converted = _convert([DEFAULT_SOURCES], DEFAULT_TEI, edition, False, args.quiet)
        if converted == 2:
            return 2
        tei_files = sorted(DEFAULT_TEI.glob("*.xml"))
        if not _validate_for_build(tei_files):
            print("build stopped: fix the errors above (an invalid encoding is never published)", file=sys.stderr)
            return 1
        return max(converted, _render(tei_files, DEFAULT_HTML, edition, args.force, args.quiet))
    if args.command == "serve":
        return _serve(DEFAULT_HTML, args.host, args.port)
    return 2


def _validate_for_build(tei_files: list[Path]) -> bool:
    """Validate the encodings before they are published; print the problems; True when none is an error."""
    from tei.validate import validate_files

    report = validate_files(tei_files)
    _print_diagnostics(report)
    return report.ok


def _render(tei_files: list[Path], out_dir: Path, edition, force: bool, quiet: bool) -> int:
    try:
        report = render_edition(tei_files, out_dir, edition, force=force)
    except RenderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    removed = f", {report.removed} removed" if report.removed else ""
    print(f"html: {report.documents} documents ({report.rendered} rendered, {report.unchanged} unchanged{removed}); "
          f"{report.pages} pages, {report.pages_written} written to {out_dir}/; "
          f"{len(report.warnings)} warnings; {len(report.errors)} errors; {report.seconds:.2f} s")
    return 0 if report.ok else 1


def _serve(directory: Path, host: str, port: int) -> int:
    if not (directory / "index.html").is_file():
        print(f"error: {directory}/index.html not found: run 'tei build' first", file=sys.stderr)
        return 2
    try:
        server = make_server(directory, host, port)
    except OSError as exc:
        print(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    with server:
        shown_host = f"[{host}]" if ":" in host else host
        print(f"Serving {directory}/ at http://{shown_host}:{server.server_address[1]}/ (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print()
    return 0


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


PROGRESS_MIN_FILES = 50  # fewer files are done before a bar would be worth drawing


def _validate(args: argparse.Namespace) -> int:
    from tei.progress import ProgressBar
    from tei.validate import SchemaError, validate_files, xml_files_in

    paths = args.paths or [DEFAULT_TEI]
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        print(f"error: {p}: no such file or folder", file=sys.stderr)
    files = xml_files_in(paths)
    if missing or not files:
        if not missing:
            print(f"error: no TEI files (*.xml) in {', '.join(map(str, paths))}", file=sys.stderr)
        return 2
    bar = ProgressBar(sys.stderr, "validating") if sys.stderr.isatty() and len(files) >= PROGRESS_MIN_FILES else None
    try:
        report = validate_files(files, schema=args.schema, schematron=args.schematron,
                                use_xml_model=args.xml_model, jobs=args.jobs, progress=bar)
    except SchemaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        if bar:
            bar.close()
    if args.format == "json":
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_diagnostics(report)
    return 0 if report.ok else 1


def _print_diagnostics(report) -> None:
    for d in report.diagnostics:
        print(f"{d.file}:{d.line}:{d.column}: {d.severity}: {d.message} [{d.rule}]")
    print(f"{_count(len(report.files), 'file')}, {_count(report.errors, 'error')}, "
          f"{_count(report.warnings, 'warning')}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


if __name__ == "__main__":
    sys.exit(main())
