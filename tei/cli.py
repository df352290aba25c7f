"""The ``tei`` command.  The only module that prints or exits."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


DEFAULT_CORPUS = Path("corpus")
DEFAULT_BUILD = Path("build")
DEFAULT_SOURCES = Path("corpus/sources")
DEFAULT_TEI = Path("corpus/tei")
DEFAULT_EDITION = Path("corpus/edition.toml")
DEFAULT_HTML = Path("build/html")
DEFAULT_PRINT = Path("build/print")
DEFAULT_IMPORTED = Path("corpus/imported")
DEFAULT_EXPORTS = Path("build/exports")


def main(argv: list[str] | None = None) -> int:
    # Imported here, not at the top: the worker processes of a build start by importing
    # this module again (multiprocessing's "spawn"), and need none of it.
    from tei import __version__
    from tei.authority import AuthorityError, for_edition
    from tei.edition import EditionError, default_edition, load_edition
    from tei.exchange import FORMATS as EXPORT_FORMATS

    parser = argparse.ArgumentParser(prog="tei", description="A TEI P5 digital edition pipeline.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--edition", type=Path, default=None,
                        help=f"the edition facts file (default: {DEFAULT_EDITION}, or with 'build --corpus DIR', "
                             "DIR/edition.toml)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("convert", help="encode archive transcripts as TEI",
                       description="Encode archive transcripts as TEI P5, one file per source.")
    p.add_argument("sources", nargs="*", type=Path, help=f"transcript files or folders (default: {DEFAULT_SOURCES})")
    p.add_argument("-o", "--output", type=Path, default=DEFAULT_TEI, help=f"output folder (default: {DEFAULT_TEI})")
    p.add_argument("--force", action="store_true", help="overwrite TEI files that were edited by hand")
    p.add_argument("-q", "--quiet", action="store_true", help="print only problems and the summary")
    p.add_argument("--report", type=Path, metavar="FILE.json",
                   help="write what was read of each document (shape, each header fact and where it was found or "
                        "what it was inferred from, paragraphs by fallback, lines left out, confidence) as JSON; "
                        "see schemas/conversion-report.schema.json")
    p.add_argument("--accept-low-confidence", action="store_true",
                   help="convert documents read with a confidence below the threshold too, marked in revisionDesc "
                        "and on their HTML page as needing review")

    b = sub.add_parser("build", help="build the bundled edition: TEI, then the HTML site and the PDF book",
                       description="Build an edition folder (default corpus/: edition.toml, sources/, tei/): "
                                   "convert the sources whose TEI is missing or out of date (hand-edited TEI is "
                                   "kept), validate the encodings (an error stops the build), render the HTML "
                                   f"edition to OUT/html/ and typeset the print edition, OUT/print/edition.pdf "
                                   f"(OUT: default {DEFAULT_BUILD}/). Only what changed since the last build is "
                                   "redone (OUT/manifest.json records what each output was made from).")
    b.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, metavar="DIR",
                   help=f"the edition folder to build (default: {DEFAULT_CORPUS})")
    b.add_argument("--out", type=Path, default=DEFAULT_BUILD, metavar="DIR",
                   help=f"where the site and the book go (default: {DEFAULT_BUILD})")
    b.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="worker processes for the per-document stages (default: the number of CPUs; 1: none)")
    b.add_argument("--executor", choices=("local", "dask"), default="local",
                   help="local: worker processes on this machine; dask: tasks on a Dask distributed cluster "
                        "(pip install 'tei-edition[dask]')")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --executor dask: the scheduler, e.g. tcp://10.0.0.5:8786 (default: start a local "
                        "cluster of --jobs worker processes)")
    b.add_argument("-q", "--quiet", action="store_true")
    b.add_argument("--force", action="store_true", help="render every page and PDF, changed or not")
    b.add_argument("--no-print", action="store_true", help="leave out the print edition (the PDF book)")
    b.add_argument("--accept-low-confidence", action="store_true",
                   help="convert sources read with low confidence too, marked as needing review (as tei convert)")
    b.add_argument("--volume-pages", type=int, metavar="N", default=None,
                   help="split the print edition into volumes of about N pages of documents each (default 1000), "
                        "each a book with its own contents and index: OUT/print/edition-1.pdf ...")
    b.add_argument("--pdf-per-document", action="store_true",
                   help="also typeset each document as a PDF of its own, OUT/print/documents/ID.pdf")

    s = sub.add_parser("serve", help=f"preview the built HTML edition ({DEFAULT_HTML}/) and its OAI-PMH endpoint",
                       description="Serve a built edition, OUT/html/, over HTTP, and the edition's documents "
                                   "(CORPUS/tei/) as an OAI-PMH 2.0 repository at /oai, for previewing (Werkzeug's "
                                   "development server; not for production).")
    s.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, metavar="DIR",
                   help=f"the edition folder whose documents /oai serves (default: {DEFAULT_CORPUS})")
    s.add_argument("--out", type=Path, default=DEFAULT_BUILD, metavar="DIR",
                   help=f"where 'tei build --out' put the site (default: {DEFAULT_BUILD})")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    s.add_argument("--page-size", type=int, default=100, metavar="N",
                   help="OAI-PMH records (or headers) per response before a resumption token (default: 100)")
    s.add_argument("--admin-email", metavar="ADDRESS",
                   help="the OAI-PMH Identify adminEmail (default: webmaster@ the host of the edition's base_url)")

    x = sub.add_parser("export", help="export the edition for other archives (teiCorpus, oai_dc, CMIF, JSON, ...)",
                       description=f"Export the edition's documents ({DEFAULT_TEI}/) in a format of exchange. "
                                   "Formats: teicorpus (one teiCorpus file), oai_dc (a Dublin Core record per "
                                   "document), cmif (letters and telegrams in CMIF), json (a record per document "
                                   "and a manifest), csl-json (for reference managers), oai-static (an OAI-PMH "
                                   f"static repository); all: each, under {DEFAULT_EXPORTS}/.")
    x.add_argument("format", choices=[*EXPORT_FORMATS, "all"])
    x.add_argument("-o", "--output", type=Path,
                   help=f"file (or folder, for oai_dc and json) to write (default: under {DEFAULT_EXPORTS}/)")
    x.add_argument("--url", help="where the file will be published, for CMIF's idno and the static repository's "
                                 "baseURL (default: the edition's base_url + the file name)")
    x.add_argument("--gateway", metavar="URL", help="oai-static: the static repository gateway's base URL")
    x.add_argument("--admin-email", metavar="ADDRESS", help="oai-static: the Identify adminEmail")

    i = sub.add_parser("import", help="import TEI files from another archive into the edition",
                       description=f"Check TEI files from another archive (well-formed, no DTD tricks, valid against "
                                   "--schema or the local schemas they declare), keep each byte for byte in "
                                   f"{DEFAULT_IMPORTED}/, register it ({DEFAULT_IMPORTED}/registry.json) and report "
                                   "what the HTML edition makes of it. 'tei build' renders the imported files too.")
    i.add_argument("files", nargs="+", type=Path,
                   help="TEI files (TEI or teiCorpus), or folders: every TEI file below them")
    i.add_argument("--schema", type=Path, metavar="FILE.rng",
                   help="validate against this RELAX NG grammar (e.g. full TEI, tei_all.rng) instead of the "
                        "schemas the files declare")
    i.add_argument("--schematron", type=Path, metavar="FILE.sch", help="and against these Schematron rules")
    i.add_argument("--replace", action="store_true", help="replace an imported file of the same name")
    i.add_argument("--no-render", action="store_true",
                   help="do not render the files to count their words (faster)")

    n = sub.add_parser("entities", help="list the names in the encodings that the authority file lacks, for review",
                       description="Find the names of persons, places and organisations in the Russian texts of the "
                                   "encodings that are not tagged (no entry of corpus/authority.xml matched them), "
                                   "print each with its contexts, and write them as a review file in the authority "
                                   "file's shape. Edit it (delete what is not a name, complete the names, add the "
                                   "Wikidata id), then add its entries with --accept FILE; the next 'tei build' "
                                   "tags them (hand-edited TEI is kept as it is).")
    n.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help=f"edition folder (default: {DEFAULT_CORPUS})")
    n.add_argument("-o", "--output", type=Path, default=DEFAULT_BUILD / "entities-review.xml",
                   help=f"the review file to write (default: {DEFAULT_BUILD}/entities-review.xml)")
    n.add_argument("--accept", type=Path, metavar="FILE",
                   help="add the entries of a reviewed file to the authority file, instead of finding names")

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
    if args.command == "entities":
        return _entities(args)
    stated = args.edition is not None
    if args.edition is None:
        args.edition = args.corpus / "edition.toml" if args.command in ("build", "serve") else DEFAULT_EDITION
    try:
        if args.command == "convert" and not stated and not args.edition.exists():
            # One transcript converted anywhere: no edition folder needed, and the user is told so.
            edition, defaults = default_edition()
            print(f"note: no edition file ({args.edition}): converting with the default edition facts of "
                  f"{defaults.name} (no publisher, licence or editor stated); give --edition FILE for your own",
                  file=sys.stderr)
        else:
            edition = load_edition(args.edition)
    except EditionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command == "convert":
        try:
            authority = for_edition(args.edition) if args.edition.exists() else None
        except AuthorityError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return _convert(args.sources or [DEFAULT_SOURCES], args.output, edition, args.force, args.quiet,
                        report=args.report, accept_low_confidence=args.accept_low_confidence, authority=authority)
    if args.command == "build":
        return _build(args, edition)
    if args.command == "serve":
        return _serve(args.out / "html", args.corpus / "tei", args.host, args.port, edition, args.page_size,
                      args.admin_email)
    if args.command == "export":
        return _export(args, edition)
    if args.command == "import":
        return _import(args, edition)
    return 2


def _build(args: argparse.Namespace, edition) -> int:
    """convert -> validate -> render (HTML, search) -> typeset (PDF); each stage reports, then one summary."""
    from tei.build import Layout, Manifest, convert_stage, pdf_outputs, validate_stage
    from tei.executors import ExecutorError, make_executor
    from tei.progress import StageProgress

    start = time.perf_counter()
    layout = Layout(args.corpus, args.out)
    if not layout.sources.is_dir() and not layout.tei.is_dir():
        print(f"error: {args.corpus}: not an edition folder (no sources/ or tei/ in it)", file=sys.stderr)
        return 2
    if args.jobs is not None and args.jobs < 1:
        print("error: --jobs must be at least 1", file=sys.stderr)
        return 2
    if args.volume_pages is not None and args.volume_pages < 1:
        print("error: --volume-pages must be at least 1", file=sys.stderr)
        return 2
    if args.scheduler and args.executor != "dask":
        print("error: --scheduler goes with --executor dask", file=sys.stderr)
        return 2
    try:
        executor = make_executor(args.executor, args.jobs, args.scheduler)
    except ExecutorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    progress = StageProgress(sys.stderr)
    times: dict[str, float] = {}
    try:
        manifest = Manifest(layout, args.edition)
        converted = convert_stage(layout, edition, manifest, executor, progress=progress.stage("convert"),
                                  accept_low_confidence=args.accept_low_confidence)
        times["convert"] = converted.seconds
        conversions_ok = _report_conversions(converted, args.quiet)
        manifest.save()
        tei_files = sorted(layout.tei.glob("*.xml"))
        checked = validate_stage(tei_files, manifest, executor, progress=progress.stage("validate"),
                                 authority=layout.authority)
        times["validate"] = checked.seconds
        manifest.save()
        _print_diagnostics(checked)
        if not checked.ok:
            print("build stopped: fix the errors above (an invalid encoding is never published)", file=sys.stderr)
            return 1
        imported, imports_ok = _imported_for_build(layout)
        rendered, html = _render(tei_files + imported, layout.html, edition, args.force, executor,
                                 progress.stage("html"), authority=layout.authority)
        if html:
            times["html"] = html.seconds - html.search_seconds
            times["search"] = html.search_seconds
            manifest.replace_outputs("html/", html.outputs)
            manifest.save()
        printed, pdf = (0, None)
        if not args.no_print:
            progress.close()  # WeasyPrint's own warnings must not tear a bar
            printed, pdf = _typeset(tei_files + imported, layout.print, edition, args.force, args.pdf_per_document,
                                    executor, args.volume_pages)
            if pdf:
                times["print"] = pdf.seconds
                manifest.replace_outputs("print/", pdf_outputs(layout.print))
                manifest.save()
    finally:
        progress.close()
        executor.close()
    warnings = (sum(len(o.warnings) for o in converted.outcomes) + checked.warnings
                + (len(html.warnings) if html else 0) + (len(pdf.warnings) if pdf else 0))
    status = max(0 if conversions_ok else 1, rendered, printed, 0 if imports_ok else 1)
    stages = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in times.items())
    print(f"build {'done' if status == 0 else 'FAILED'}: {len(tei_files)} documents"
          + (f" (+{len(imported)} imported)" if imported else "")
          + (f"; {html.pages} HTML pages" if html else "") + (f"; {pdf.pages} PDF pages" if pdf else "")
          + f"; {warnings} warnings; {stages}; {time.perf_counter() - start:.2f} s")
    return status


def _report_conversions(report, quiet: bool) -> bool:
    """Print what the convert stage did (each change, each problem, then a summary); False when one failed."""
    counts: dict[str, int] = {}
    for outcome in report.outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
        _print_outcome(outcome, quiet or outcome.status == "unchanged")
    parts = [f"{n} {status}" for status, n in sorted(counts.items())]
    warnings = sum(len(o.warnings) for o in report.outcomes)
    for schema in report.schemas:
        print(f"wrote {schema}: the edition's schema, which its TEI files name")
    print(f"convert: {len(report.outcomes)} transcripts: {', '.join(parts) or 'none'}; {warnings} warnings; "
          f"{report.seconds:.2f} s")
    return not counts.get("failed")


def _imported_for_build(layout) -> tuple[list[Path], bool]:
    """The imported files to render after the edition's own, each checked with its own schema; print problems."""
    if not layout.imported.is_dir():
        return [], True
    from tei.exchange.imports import files_for_build

    inputs = files_for_build(layout.imported, layout.out / "imported")
    for d in inputs.diagnostics:
        print(f"{d.file}:{d.line}:{d.column}: {d.severity}: {d.message} [{d.rule}]")
    for problem in inputs.problems:
        print(f"error: {problem}", file=sys.stderr)
    return inputs.files, not inputs.problems


def _export(args: argparse.Namespace, edition) -> int:
    from tei.exchange import FORMATS, ExportError, export

    tei_files = sorted(DEFAULT_TEI.glob("*.xml"))
    if not tei_files:
        print(f"error: no TEI files (*.xml) in {DEFAULT_TEI}", file=sys.stderr)
        return 2
    formats = list(FORMATS) if args.format == "all" else [args.format]
    if args.output and len(formats) > 1:
        print("error: -o names one output: give it with one format, not with 'all'", file=sys.stderr)
        return 2
    import tempfile

    with tempfile.TemporaryDirectory(prefix="tei-export-") as scratch:
        imported: list[Path] = []
        if DEFAULT_IMPORTED.is_dir():  # other archives' documents, as the build renders them
            from tei.exchange.imports import files_for_build

            inputs = files_for_build(DEFAULT_IMPORTED, Path(scratch))
            for problem in inputs.problems:
                print(f"warning: imported: {problem}; not exported", file=sys.stderr)
            imported = inputs.files
        for fmt in formats:
            output = args.output or DEFAULT_EXPORTS / FORMATS[fmt]
            try:
                report = export(fmt, tei_files, edition, output, url=args.url, gateway=args.gateway,
                                admin_email=args.admin_email, imported=imported)
            except (ExportError, OSError) as exc:
                print(f"error: {fmt}: {exc}", file=sys.stderr)
                return 1
            for warning in report.warnings:
                print(f"warning: {fmt}: {warning}", file=sys.stderr)
            files = f"{len(report.files)} files in {output}/" if len(report.files) > 1 else str(output)
            print(f"{fmt}: {report.documents} documents"
                  + (f" ({len(imported)} imported)" if imported else "")
                  + f" -> {files} ({_size(report.bytes)}); {report.seconds:.2f} s")
    return 0


def _size(n: int) -> str:
    return f"{n} bytes" if n < 10_000 else f"{n / 1024:.1f} KiB" if n < 10_000_000 else f"{n / 1048576:.1f} MiB"


def _import(args: argparse.Namespace, edition) -> int:
    from tei.exchange.documents import DocumentError
    from tei.exchange.imports import files_in, import_files

    missing = [p for p in args.files if not p.exists()]
    for p in missing:
        print(f"error: {p}: no such file or folder", file=sys.stderr)
    if missing:
        return 2
    files: list[Path] = []
    names: dict[Path, str] = {}
    for given in args.files:
        if given.is_dir():
            found, found_names, skipped = files_in(given)
            for path, why in skipped:
                print(f"skipped: {path}: {why}")
            files += found
            names.update(found_names)
        else:
            files.append(given)
    if not files:
        print(f"error: no TEI file in {', '.join(map(str, args.files))}", file=sys.stderr)
        return 2
    try:
        outcomes = import_files(files, DEFAULT_IMPORTED, sorted(DEFAULT_TEI.glob("*.xml")), edition,
                                schema=args.schema, schematron=args.schematron, replace=args.replace,
                                render=not args.no_render, names=names)
    except DocumentError as exc:  # the registry itself is broken
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for outcome in outcomes:
        check = outcome.check
        if check:
            for d in check.diagnostics:
                print(f"{d.file}:{d.line}:{d.column}: {d.severity}: {d.message} [{d.rule}]")
        if outcome.status == "refused":
            print(f"refused: {outcome.source}: {outcome.message}", file=sys.stderr)
            continue
        print(f"{outcome.status}: {outcome.source} -> {outcome.target}"
              + (f" ({outcome.message})" if outcome.message else ""))
        for document in outcome.documents:
            page = document.get("page", document["id"])
            named = "" if page == document["id"] else (
                " (it has no id)" if document["id"] == "document" else f" (its id {document['id']!r} is taken)")
            print(f"  document {page}: {document['title']}{named}")
        if check:
            how = {"schema": f"valid against {', '.join(check.schemas)}",
                   "xml-model": f"valid against the schemas it declares: {', '.join(check.schemas)}",
                   "structure": "not validated"}[check.method]
            print(f"  checked: {how}")
            for note in check.notes:
                print(f"  note: {note}")
        mapping = outcome.mapping
        if mapping:
            def listed(counts) -> str:
                return ", ".join(f"{name} ({n})" for name, n in sorted(counts.items())) or "none"
            print(f"  rendered by the edition's templates: {listed(mapping.edition)}")
            print(f"  rendered by the templates for other archives' TEI: {listed(mapping.foreign)}")
            print(f"  shown as plain text (no template): {listed(mapping.plain)}")
            if mapping.rendered is None:
                print(f"  words: {mapping.words} (not rendered)")
            else:
                print(f"  words: {mapping.rendered} of {mapping.words} on the page"
                      + (f"; missing: {' '.join(mapping.missing[:20])}" if mapping.missing else ""))
    refused = sum(o.status == "refused" for o in outcomes)
    print(f"{len(outcomes)} files: {len(outcomes) - refused} imported or up to date, {refused} refused")
    return 1 if refused else 0


def _typeset(tei_files: list[Path], out_dir: Path, edition, force: bool, per_document: bool, executor=None,
             volume_pages: int | None = None):
    """The print edition (the edition's own documents, then the imported ones: print/book.xsl puts those last).

    Returns (exit status, report or None).
    """
    from tei.typeset import VOLUME_PAGES, TypesetError, typeset_edition

    try:
        report = typeset_edition(tei_files, out_dir, edition, per_document=per_document, force=force,
                                 executor=executor, volume_pages=volume_pages or VOLUME_PAGES)
    except TypesetError as exc:
        print(f"error: print: {exc}", file=sys.stderr)
        return 1, None
    for warning in report.warnings:
        print(f"warning: print: {warning}", file=sys.stderr)
    for error in report.errors:
        print(f"error: print: {error}", file=sys.stderr)
    volume = "written" if report.volume_written else "unchanged"
    offprints = (f"; {report.offprints} per-document PDFs ({report.offprints_written} written) in "
                 f"{out_dir}/documents/" if per_document else "")
    where = (f"{out_dir}/edition.pdf" if len(report.volumes) <= 1 else
             f"{len(report.volumes)} volumes, {out_dir}/edition-1.pdf … edition-{len(report.volumes)}.pdf")
    print(f"print: {report.documents} documents, {report.pages} pages in {where} ({volume}, "
          f"{report.typeface}){offprints}; {len(report.warnings)} warnings; {len(report.errors)} errors; "
          f"{report.seconds:.2f} s")
    return (0 if report.ok else 1), report


def _render(tei_files: list[Path], out_dir: Path, edition, force: bool, executor, progress, authority=None):
    """Render the HTML edition and report it; (exit status, report or None)."""
    from tei.render import RenderError, render_edition

    try:
        report = render_edition(tei_files, out_dir, edition, force=force, progress=progress, executor=executor,
                                authority=authority)
    except RenderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1, None
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    if report.search_built:
        indexed = ", ".join(f"{lang} {n} pages" for lang, n in sorted(report.search_pages.items()))
        print(f"search: {report.search_rebuilt} of {report.search_bundles} index bundles rebuilt "
              f"({indexed or 'nothing to index'}) in {report.search_seconds:.2f} s")
    removed = f", {report.removed} removed" if report.removed else ""
    entities = (f"of which {report.entity_pages} of persons, places and organisations "
                f"({report.entities_rendered} written); " if report.entity_pages else "")
    print(f"html: {report.documents} documents ({report.rendered} rendered, {report.unchanged} unchanged{removed}); "
          f"{report.pages} pages, {report.pages_written} written to {out_dir}/; {entities}"
          f"{len(report.warnings)} warnings; {len(report.errors)} errors; {report.seconds:.2f} s")
    return (0 if report.ok else 1), report


def _serve(directory: Path, tei_dir: Path, host: str, port: int, edition, page_size: int,
           admin_email: str | None) -> int:
    from tei.serve import make_server

    if not (directory / "index.html").is_file():
        print(f"error: {directory}/index.html not found: build the site first ('tei build', with the same --corpus "
              "and --out)", file=sys.stderr)
        return 2
    if page_size < 1:
        print("error: --page-size must be at least 1", file=sys.stderr)
        return 2
    try:
        server = make_server(directory, host, port, tei_dir=tei_dir, edition=edition, page_size=page_size,
                             admin_email=admin_email)
    except OSError as exc:
        print(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    with server:
        shown_host = f"[{host}]" if ":" in host else host
        base = f"http://{shown_host}:{server.server_address[1]}/"
        print(f"Serving {directory}/ at {base} and OAI-PMH at {base}oai (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print()
    return 0


def _convert(paths: list[Path], out_dir: Path, edition, force: bool, quiet: bool, *, report: Path | None = None,
             accept_low_confidence: bool = False, authority=None) -> int:
    from tei.convert import convert_file, sources_in
    from tei.resources import install_schemas

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
    outcomes = []
    for source in sources:
        outcome = convert_file(source, out_dir, edition, force=force, accept_low_confidence=accept_low_confidence,
                               authority=authority)
        outcomes.append(outcome)
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
        warnings += len(outcome.warnings)
        _print_outcome(outcome, quiet)
    if report is not None:
        from tei.convert import conversion_report
        from tei.files import write_atomically

        write_atomically(report, conversion_report(outcomes))
        print(f"wrote {report}: what was read of each document")
    if out_dir.is_dir():  # the schemas the TEI files' xml-model name, beside them
        for schema in install_schemas(out_dir):
            print(f"wrote {schema}: the edition's schema, which its TEI files name")
    took = time.perf_counter() - start
    parts = [f"{n} {status}" for status, n in sorted(counts.items())]
    print(f"{len(sources)} transcripts: {', '.join(parts)}; {warnings} warnings; {took:.2f} s")
    return 1 if counts.get("failed") else 0


def _print_outcome(outcome, quiet: bool) -> None:
    """One conversion: problems always (stderr), what was written unless quiet."""
    if outcome.status == "failed":
        print(f"error: {outcome.source}: {outcome.message}", file=sys.stderr)
        return
    if outcome.status == "kept-hand-edited":
        print(f"kept: {outcome.target}: {outcome.message}; not overwritten "
              f"(use 'tei convert --force {outcome.source}' to replace it)", file=sys.stderr)
    elif not quiet:
        print(f"{outcome.status}: {outcome.source} -> {outcome.target}")
        if outcome.assessment is not None:
            print(f"  {outcome.assessment.line()}")
        for line in outcome.alignment:
            print(f"  aligned {line}")
    for w in outcome.warnings:
        print(f"warning: {w}", file=sys.stderr)


def _entities(args: argparse.Namespace) -> int:
    """tei entities: the review list of names the authority file lacks, or --accept a reviewed file."""
    from tei.authority import AuthorityError, accept, load, review_file
    from tei.files import write_atomically

    authority_path = args.corpus / "authority.xml"
    try:
        if args.accept is not None:
            added = accept(authority_path, args.accept)
            print(f"added {len(added)} entries to {authority_path}: {', '.join(added) or 'none'}; "
                  "'tei build' tags their names in the documents not edited by hand")
            return 0
        authority = load(authority_path)
    except AuthorityError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1 if args.accept is not None else 2
    from tei.entities import review_candidates

    files = sorted((args.corpus / "tei").glob("*.xml"))
    if not files:
        print(f"error: {args.corpus / 'tei'}: no TEI files", file=sys.stderr)
        return 2
    candidates = review_candidates(files, authority)
    for c in candidates:
        print(f"{c.lemma} ({c.kind}, {c.lang}, {len(c.contexts)} mention{'s' * (len(c.contexts) != 1)})")
        for unit, snippet in c.contexts:
            print(f"    {unit}: {snippet}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(args.output, review_file(candidates, set(authority.by_id)))
    print(f"{len(candidates)} names not in {authority_path} ({sum(len(c.contexts) for c in candidates)} mentions) "
          f"in {len(files)} documents; wrote {args.output}: edit it, then 'tei entities --accept {args.output}'")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from tei.progress import StageProgress
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
    progress = StageProgress(sys.stderr)
    try:
        report = validate_files(files, schema=args.schema, schematron=args.schematron,
                                use_xml_model=args.xml_model, jobs=args.jobs, progress=progress.stage("validate"))
    except SchemaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        progress.close()
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
