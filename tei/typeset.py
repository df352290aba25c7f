"""Typeset the print edition: TEI documents to a PDF book, by xslt/print/ and WeasyPrint.

Two steps, as for the HTML edition (tei.render), with the same Saxon:

1. XSLT 3.0 (xslt/print/book.xsl, importing the shared xslt/core.xsl) turns
   the documents into one paged HTML document: title page, imprint, contents,
   introduction, list of documents, the documents in reading order (each on a
   new page, original and translation in parallel), index of archival sources.
   The layout is CSS Paged Media, in xslt/print/print.css.
2. WeasyPrint lays it out in pages and writes the PDF: tagged, PDF/A-2a (an
   archival PDF whose text carries its structure and Unicode), with the fonts
   embedded and the metadata (title, editors, language, date) from the HTML.

The output folder (build/print/):

    edition.pdf          the whole volume
    documents/ID.pdf     one PDF per document (an offprint), when asked for
    .tei-print.json      what each PDF was made from, for the next build

A build redoes only what changed: the volume when any document, stylesheet,
edition fact, the typeface or WeasyPrint changed; an offprint when its own
document or its number in the edition did (or those shared inputs).

The typeface is PT Serif (Debian's fonts-paratype: full Cyrillic); when it is
not installed the volume is set in DejaVu Serif, with a warning, and the
imprint names the face actually used.  After layout, every footnote is
checked to stand on the page of its call (WeasyPrint may move a footnote to
the next page to keep two lines of a paragraph together): one that does not
is a warning.

This module neither prints nor exits (tei.cli does): it returns a TypesetReport.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree

import tei.saxon
from tei import __version__
from tei.render import xslt_params
from tei.files import load_state, save_state, sha, tree_digest, write_atomically
from tei.resources import resource_dir, xslt_path
from tei.validate import parse_safely

if TYPE_CHECKING:
    from saxonche import PyXdmNode, PyXdmValue, PyXsltExecutable

    from tei.edition import Edition

ED_NS = "urn:tei-edition:xslt"
I18N_NS = "urn:tei-edition:i18n"
STYLESHEET = "print/book.xsl"
PRINT_DIR = "print"
VOLUME = "edition.pdf"
OFFPRINTS = "documents"
STATE_FILE = ".tei-print.json"
# Bump when the state file, or what this module hands the stylesheets, changes meaning.
STATE_FORMAT = 1
# Everything in xslt/ the print edition is made with.
TOOLKIT = ("core.xsl", "i18n.xml", PRINT_DIR)
# PDF/A-2a: archival (fonts embedded, colours defined, XMP metadata) and tagged
# (the structure of the text, for reading aloud and reflowing).
PDF_VARIANT = "pdf/a-2a"
TYPEFACE = "PT Serif"
FALLBACK_TYPEFACE = "DejaVu Serif"
TYPEFACE_PACKAGE = "fonts-paratype"
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class TypesetError(Exception):
    """Nothing can be typeset: the stylesheet does not compile, or no usable font is installed."""


@dataclass
class TypesetReport:
    """What a print build did: the PDFs, their pages, warnings and errors, the time it took."""

    output: Path
    documents: int = 0  # documents in the volume
    volume: Path | None = None  # the volume's PDF, when there is one
    pages: int = 0  # pages of the volume
    volume_written: bool = False  # False: it was up to date
    offprints: int = 0  # per-document PDFs in the output
    offprints_written: int = 0
    offprint_pages: int = 0  # pages of the offprints written
    removed: int = 0  # offprints of documents no longer in the edition, deleted
    typeface: str = ""
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    # Where the time went (seconds): "xslt", "layout" (WeasyPrint's pages), "pdf" (writing).
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


# ---------------------------------------------------------------- Saxon, once

_compiled: dict[str, PyXsltExecutable] = {}
_strings: PyXdmNode | None = None


def stylesheet() -> PyXsltExecutable:
    """print/book.xsl, compiled on first use and kept for the process (with the process's one Saxon)."""
    if STYLESHEET not in _compiled:
        from saxonche import PySaxonApiError

        path = xslt_path(STYLESHEET)
        compiler = tei.saxon.processor().new_xslt30_processor()
        try:
            executable = compiler.compile_stylesheet(stylesheet_file=str(path))
        except PySaxonApiError as exc:
            raise TypesetError(f"{path}: cannot compile: {exc}") from None
        executable.set_save_xsl_message(True)
        _compiled[STYLESHEET] = executable
    return _compiled[STYLESHEET]


def interface_strings() -> PyXdmNode:
    """xslt/i18n.xml and xslt/print/i18n.xml as one document, parsed once per process."""
    global _strings
    if _strings is None:
        root = etree.Element(f"{{{I18N_NS}}}strings", nsmap={None: I18N_NS})
        for name in ("i18n.xml", f"{PRINT_DIR}/i18n.xml"):
            root.extend(etree.parse(str(xslt_path(name))).getroot().iterfind(f"{{{I18N_NS}}}s"))
        _strings = tei.saxon.processor().parse_xml(xml_text=etree.tostring(root, encoding="unicode"))
    return _strings


def _transform(executable: PyXsltExecutable, driver: str) -> tuple[str, list[str]]:
    """Run the stylesheet on a driver document (<ed:book .../>): its output and its xsl:messages."""
    proc = tei.saxon.processor()
    try:
        result = executable.transform_to_string(xdm_node=proc.parse_xml(xml_text=driver))
    finally:
        messages = executable.get_xsl_messages()
        found = [str(messages.item_at(i)) for i in range(messages.size)] if messages is not None else []
        executable.clear_xsl_messages()
    return result or "", found


def _driver(scope: str, document: str | None = None) -> str:
    book = etree.Element(f"{{{ED_NS}}}book", nsmap={"ed": ED_NS}, scope=scope)
    if document is not None:
        book.set("document", document)
    return etree.tostring(book, encoding="unicode")


# ---------------------------------------------------------------- inputs

def build_date() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH when it is set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def _font_installed(family: str) -> bool | None:
    """Whether fontconfig has `family` with Cyrillic (lang=ru); None when fc-list is not there to ask."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        result = subprocess.run([fc_list, f"{family}:lang=ru", "family"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return any(family in line.split(",") for line in result.stdout.splitlines())


def choose_typeface() -> tuple[str, str | None]:
    """The face to set the volume in, and a warning when it is the fallback.

    PT Serif when it is installed (or when fontconfig cannot be asked: the
    fonts embedded are checked after layout anyway); else DejaVu Serif, with
    a warning; with neither, TypesetError.
    """
    if _font_installed(TYPEFACE) is not False:
        return TYPEFACE, None
    if _font_installed(FALLBACK_TYPEFACE):
        return FALLBACK_TYPEFACE, (f"the print edition's typeface {TYPEFACE} is not installed (Debian: apt-get "
                                   f"install {TYPEFACE_PACKAGE}); the PDFs are set in {FALLBACK_TYPEFACE} instead")
    raise TypesetError(f"no serif font with Cyrillic is installed: install {TYPEFACE} (Debian: apt-get install "
                       f"{TYPEFACE_PACKAGE}), or at least {FALLBACK_TYPEFACE} (fonts-dejavu-core)")


def toolkit_fingerprint() -> str:
    """A hash of what the print edition is made with (TOOLKIT, this module's version, WeasyPrint's)."""
    import weasyprint

    return tree_digest(resource_dir("xslt"), TOOLKIT,
                       f"{STATE_FORMAT}:{__version__}:{weasyprint.__version__}:{PDF_VARIANT}")


def _load_state(out_dir: Path) -> dict:
    return load_state(out_dir / STATE_FILE, STATE_FORMAT)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


# ---------------------------------------------------------------- XSLT: the paged HTML

def paged_html(documents: PyXdmValue, params: dict[str, str], scope: str = "volume",
               document: str | None = None) -> tuple[str, list[str]]:
    """The paged HTML of the volume (scope "volume") or of one document (scope "document", its id).

    `documents` are the parsed TEI documents (every one of the edition, also
    for an offprint: its number is its place among them); `params` the
    stylesheet parameters.  Returns the HTML and the xsl:messages.
    """
    proc = tei.saxon.processor()
    executable = stylesheet()
    for name, value in params.items():
        executable.set_parameter(name, proc.make_string_value(value))
    executable.set_parameter(f"{{{ED_NS}}}strings", interface_strings())
    executable.set_parameter(f"{{{ED_NS}}}documents", documents)
    return _transform(executable, _driver(scope, document))


# ---------------------------------------------------------------- WeasyPrint: pages and PDF

def _url_fetcher() -> Any:
    """A WeasyPrint URL fetcher that reads the print module's own files, and nothing else (no network)."""
    from weasyprint.urls import URLFetcher

    allowed = resource_dir("xslt").joinpath(PRINT_DIR).resolve().as_uri() + "/"

    class PrintFiles(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith(allowed):
                raise ValueError(f"the print edition loads nothing from outside xslt/{PRINT_DIR}/: {url}")
            return super().fetch(url, headers)

    return PrintFiles(allowed_protocols=("file",), fail_on_errors=True)


class _Collect(logging.Handler):
    """WeasyPrint's warnings (a CSS rule it ignores, a missing anchor ...) as report warnings."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def misplaced_footnotes(document: Any) -> list[tuple[str, int, int]]:
    """Footnotes not on the page of their call: (the note's text, page of the call, page of the note)."""
    found = []
    for element, call, note in _footnote_pages(document):
        if note != call:
            text = " ".join("".join(element.itertext()).split())
            found.append((text[:60], call, note))
    return found


def _footnote_pages(document: Any) -> list[tuple[Any, int, int]]:
    """Each footnote element with the page of its call and of its note (0: nowhere)."""
    from weasyprint.formatting_structure import boxes

    calls: dict[Any, int] = {}
    bodies: dict[Any, int] = {}

    def walk(box: Any, number: int) -> None:
        footnote = getattr(box, "footnote", None)
        if footnote is not None:
            calls.setdefault(footnote.element, number)
        if isinstance(box, boxes.FootnoteAreaBox):
            for body in box.children:
                bodies.setdefault(body.element, number)
            return
        for child in getattr(box, "children", None) or ():
            walk(child, number)

    for number, page in enumerate(document.pages, 1):
        walk(page._page_box, number)
    return [(element, page, bodies.get(element, 0)) for element, page in calls.items()]


REPAIRS = 3  # layouts tried again, each time with the rows of misplaced footnotes moved to a new page


def _move_rows_of_misplaced_footnotes(source: Any, document: Any) -> bool:
    """Start a new page at each table row holding a footnote whose note went to a later page.

    WeasyPrint may set the note of a call in a table row on the next page when a later
    row does not fit (Kozea/WeasyPrint#1564); moving the row to the next page keeps call
    and note together.  Changes the parsed tree of `source`; True when a row was moved.
    """
    misplaced = {id(element) for element, call, note in _footnote_pages(document) if note != call}
    if not misplaced:
        return False
    parents = {child: parent for parent in source.etree_element.iter() for child in parent}
    moved = False
    for element in source.etree_element.iter():
        if id(element) not in misplaced:
            continue
        row = parents.get(element)
        while row is not None and row.tag.rsplit("}", 1)[-1] != "tr":
            row = parents.get(row)
        if row is not None and "break-before" not in (row.get("style") or ""):
            row.set("style", "break-before: page")
            moved = True
    return moved


def render_pdf(html: str, typeface: str) -> tuple[bytes, int, list[str], dict[str, float]]:
    """Lay out paged HTML and write the PDF: its bytes, its page count, warnings, timings."""
    from weasyprint import CSS, HTML

    warnings: list[str] = []
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        start = time.perf_counter()
        extra = [] if typeface == TYPEFACE else [CSS(string=f'html {{ font-family: "{typeface}", serif !important }}')]
        base = resource_dir("xslt").joinpath(PRINT_DIR).resolve().as_uri() + "/"
        source = HTML(string=html, base_url=base, url_fetcher=_url_fetcher())
        document = source.render(stylesheets=extra)
        for _ in range(REPAIRS):
            if not _move_rows_of_misplaced_footnotes(source, document):
                break
            document = source.render(stylesheets=extra)
        laid_out = time.perf_counter()
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
        written = time.perf_counter()
    finally:
        logger.removeHandler(collect)
    warnings.extend(f"WeasyPrint: {m}" for m in dict.fromkeys(collect.messages))
    for text, call, note in misplaced_footnotes(document):
        where = f"on page {note}" if note else "nowhere"
        warnings.append(f"the footnote “{text}” is {where}, its call on page {call}")
    faces = sorted({font.family for font in document.fonts.values()} - {typeface})
    if faces:
        warnings.append(f"glyphs set in {', '.join(faces)}, not in {typeface}: a character {typeface} lacks")
    return pdf, len(document.pages), warnings, {"layout": laid_out - start, "pdf": written - laid_out}


# ---------------------------------------------------------------- the build

def typeset_edition(tei_files: list[Path], out_dir: Path, edition: Edition, *, per_document: bool = False,
                    force: bool = False, date: dt.date | None = None) -> TypesetReport:
    """Typeset `tei_files` as the volume out_dir/edition.pdf and, with `per_document`, an offprint each.

    Only what changed is redone (`force`: everything).  A document that cannot
    be read or parsed is an error and is left out; the others are still typeset.
    Raises TypesetError when nothing can be (no stylesheet, no font).
    """
    start = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = TypesetReport(output=out_dir)
    typeface, warning = choose_typeface()
    report.typeface = typeface
    if warning:
        report.warnings.append(warning)
    stylesheet()  # compile errors first, before any work

    day = date or build_date()
    import weasyprint

    params = dict(xslt_params(edition))
    params.update({"build_date": day.isoformat(), "typeface": typeface,
                   "generator": f"tei-edition {__version__} with WeasyPrint {weasyprint.__version__}"})
    stable = {k: v for k, v in params.items() if k != "build_date"}  # a new day alone changes nothing
    base_key = sha(toolkit_fingerprint(), json.dumps(stable, sort_keys=True))

    files: list[tuple[Path, bytes]] = []
    for path in map(Path, tei_files):
        try:
            files.append((path, path.read_bytes()))
        except OSError as exc:
            report.errors.append(f"{path}: cannot read: {exc.strerror or exc}")
    volume_key = sha(base_key, *sorted(f"{path}\0{sha(data)}" for path, data in files))
    state = _load_state(out_dir)
    volume = out_dir / VOLUME
    report.volume = volume

    documents: PyXdmValue | None = None
    if not force and state.get("volume") == volume_key and volume.is_file():
        order, shas = list(state.get("order", [])), dict(state.get("documents", {}))
        report.pages = int(state.get("pages", 0))
        volume_warnings = list(state.get("warnings", []))
    else:
        documents, shas = _parse(files, report)
        documents, shas, prepared = _without_failing(documents, shas, params, report)
        made = _make_pdf(documents, params, typeface, report, "volume", prepared=prepared)
        if made is None:
            report.seconds = time.perf_counter() - start
            return report
        html, pdf, report.pages, volume_warnings = made
        volume_warnings = [f"{VOLUME}: {m}" for m in volume_warnings]
        order = _ORDER.findall(html)
        write_atomically(volume, pdf)
        report.volume_written = True
    report.documents = len(order)
    report.warnings.extend(volume_warnings)

    # Offprints: each document typeset on its own, numbered as in the volume.
    old_offprints: dict[str, dict] = state.get("offprints", {}) if isinstance(state.get("offprints"), dict) else {}
    offprints: dict[str, dict] = {}
    for number, doc_id in enumerate(order if per_document else (), 1):
        target = out_dir / OFFPRINTS / f"{doc_id}.pdf"
        key = sha(base_key, doc_id, str(number), shas.get(doc_id, ""))
        old = old_offprints.get(doc_id, {})
        if not force and old.get("key") == key and target.is_file():
            offprints[doc_id] = old
            report.warnings.extend(old.get("warnings", []))
            continue
        if documents is None:
            documents, shas = _parse(files, report)
            documents, shas, _volume = _without_failing(documents, shas, params, report)
        made = _make_pdf(documents, params, typeface, report, "document", doc_id)
        if made is None:
            continue
        _html, pdf, pages, notes = made
        write_atomically(target, pdf)
        report.offprints_written += 1
        report.offprint_pages += pages
        offprints[doc_id] = {"key": key, "warnings": [f"{OFFPRINTS}/{doc_id}.pdf: {m}" for m in notes]}
        report.warnings.extend(offprints[doc_id]["warnings"])
    if per_document:
        for doc_id in set(old_offprints) - set(offprints):  # documents that left the edition
            stale = out_dir / OFFPRINTS / f"{doc_id}.pdf"
            if stale.is_file():
                stale.unlink()
                report.removed += 1
    else:
        offprints = old_offprints  # not asked for this time: kept as they are, for the next time they are
    report.offprints = sum((out_dir / OFFPRINTS / f"{doc_id}.pdf").is_file() for doc_id in offprints)

    save_state(out_dir / STATE_FILE, {
        # A volume made without some document is made again next time, and says why again.
        "format": STATE_FORMAT, "volume": volume_key if report.ok else None, "order": order, "documents": shas,
        "pages": report.pages, "warnings": volume_warnings, "offprints": offprints})
    report.warnings = list(dict.fromkeys(report.warnings))
    report.seconds = time.perf_counter() - start
    return report


# The volume's documents, in its order: print/book.xsl marks each article with data-document="ID".
_ORDER = re.compile(r'<article\b[^>]*\bdata-document="([^"]+)"')


def _make_pdf(documents: PyXdmValue, params: dict[str, str], typeface: str, report: TypesetReport,
              scope: str, document: str | None = None, *,
              prepared: tuple[str, list[str]] | None = None) -> tuple[str, bytes, int, list[str]] | None:
    """The paged HTML and the PDF of the volume or of one document, its pages and warnings; None on an error.

    `prepared`: the paged HTML and messages already made of these documents (by _without_failing).
    """
    from saxonche import PySaxonApiError

    what = document or "the volume"
    start = time.perf_counter()
    try:
        html, messages = prepared or paged_html(documents, params, scope, document)
    except PySaxonApiError as exc:
        report.errors.append(f"print/book.xsl could not make {what}: {_one_line(exc)}")
        return None
    report.timings["xslt"] = report.timings.get("xslt", 0.0) + time.perf_counter() - start
    try:
        pdf, pages, notes, timings = render_pdf(html, typeface)
    except Exception as exc:  # WeasyPrint's own errors have no common base class
        report.errors.append(f"WeasyPrint could not typeset {what}: {type(exc).__name__}: {_one_line(exc)}")
        return None
    for name, seconds in timings.items():
        report.timings[name] = report.timings.get(name, 0.0) + seconds
    return html, pdf, pages, [f"print: {m}" for m in messages] + notes


def _without_failing(documents: PyXdmValue, shas: dict[str, str], params: dict[str, str], report: TypesetReport
                     ) -> tuple[PyXdmValue, dict[str, str], tuple[str, list[str]] | None]:
    """The documents less those the stylesheet fails on (each such one an error naming its file), and the
    volume's paged HTML and messages when made (None when it fails even so: _make_pdf says why).

    One document must not stop the volume: when the volume's stylesheet fails, each
    document is tried in a volume of its own (the stylesheet alone, no layout), and those
    that fail are left out with the stylesheet's error."""
    from saxonche import PySaxonApiError, PyXdmValue

    try:
        return documents, shas, paged_html(documents, params, "volume")
    except PySaxonApiError:
        pass
    proc = tei.saxon.processor()
    kept, kept_shas = PyXdmValue(proc), {}
    files = dict(zip(shas, _document_uris(documents)))
    for doc_id, item in zip(list(shas), _items(documents)):
        alone = PyXdmValue(proc)
        alone.add_xdm_item(item)
        try:
            paged_html(alone, params, "volume")
        except PySaxonApiError as exc:
            report.errors.append(f"{files[doc_id]}: print/book.xsl cannot typeset it: {_one_line(exc)}; "
                                 "left out of the print edition")
            continue
        kept.add_xdm_item(item)
        kept_shas[doc_id] = shas[doc_id]
    return kept, kept_shas, None


def _items(value: PyXdmValue) -> list[Any]:
    return [value.item_at(i) for i in range(value.size)]


def _document_uris(value: PyXdmValue) -> list[str]:
    from urllib.parse import unquote, urlparse

    return [unquote(urlparse(item.base_uri or "").path) or "a document" for item in _items(value)]


def _parse(files: list[tuple[Path, bytes]], report: TypesetReport) -> tuple[PyXdmValue, dict[str, str]]:
    """Parse the documents for Saxon: them, and the hash of each by document id.

    A file that is not well-formed, or whose id another file has or that
    cannot name a PDF, is an error and is left out.
    """
    from saxonche import PySaxonApiError, PyXdmValue

    proc = tei.saxon.processor()
    value = PyXdmValue(proc)
    seen: dict[str, Path] = {}
    shas: dict[str, str] = {}
    for path, data in files:
        try:
            doc_id = _document_id(data)
            node = proc.parse_xml(xml_file_name=str(path.resolve()))
        except (etree.XMLSyntaxError, PySaxonApiError, ValueError) as exc:
            report.errors.append(f"{path}: {_one_line(exc)}; left out of the print edition")
            continue
        if doc_id in seen:
            report.errors.append(f"{path}: document id {doc_id!r} is also the id of {seen[doc_id]}; "
                                 "left out of the print edition")
            continue
        if not _SAFE_ID.fullmatch(doc_id):
            report.errors.append(f"{path}: document id {doc_id!r} cannot name a PDF (letters, digits, '.', '_' "
                                 "and '-' only); left out of the print edition")
            continue
        seen[doc_id] = path
        shas[doc_id] = sha(data)
        value.add_xdm_item(node)
    return value, shas


def _document_id(data: bytes) -> str:
    """The document id as core.xsl's ed:doc-id has it: TEI/@xml:id, else the edition idno."""
    try:
        root = parse_safely("", data)
    except ValueError as exc:
        raise ValueError(f"has a document type declaration, which the print edition does not load ({exc})") from None
    if root.getroottree().docinfo.doctype:
        # A TEI file needs none; Saxon would load what it declares (tei validate refuses such files too).
        raise ValueError("has a document type declaration, which the print edition does not load")
    doc_id = root.get("{http://www.w3.org/XML/1998/namespace}id")
    if not doc_id:
        idno = root.find("{*}teiHeader/{*}fileDesc/{*}publicationStmt/{*}idno[@type='edition']")
        doc_id = " ".join((idno.text or "").split()) if idno is not None else ""
    return doc_id or "document"
