"""Typeset the print edition: TEI documents to PDF books, by xslt/print/ and WeasyPrint, in parts.

The volume is typeset in parts, each on its own: every document, and each
volume's front matter (title page, imprint, contents, introduction, list of
documents) and back matter (the indexes).  A part is two steps, as a page of
the HTML edition (tei.render), with the same Saxon:

1. XSLT 3.0 (xslt/print/book.xsl, importing the shared xslt/core.xsl) makes
   its paged HTML; the layout is CSS Paged Media, in xslt/print/print.css
   (and parts.css);
2. WeasyPrint lays it out in pages and writes its PDF: tagged, PDF/A-2a (an
   archival PDF whose text carries its structure and Unicode), with the fonts
   embedded and the metadata (title, editors, language, date) from the HTML.

The parts run where the build's other per-document work runs (tei/executors.py:
here, worker processes, a Dask cluster), bytes in and bytes out, one part at a
time per worker: the memory a build needs does not grow with the edition.
tei/pdfjoin.py joins them (pikepdf) into the volume, stamping each page's
number.  Every part starts on a right-hand page and prints no folio, so that
its layout is the same wherever it stands: an edited document is typeset
again alone, whatever it does to the pages after it.  The front and back
matter cite pages (contents, list of documents, index): they get the page of
every anchor they link to from the parts' pages (number_page_references), and
are typeset again when a number they print moved.

A large edition makes several volumes, each a complete book with its own
front and back matter: the documents in reading order, a volume closed when
the next document would take it past `volume_pages` pages (VOLUME_PAGES, a
bound book's).

The output folder (build/print/):

    edition.pdf          the volume (edition-1.pdf, edition-2.pdf ... when there are several)
    documents/ID.pdf     one PDF per document (an offprint), when asked for
    .parts/              the parts' PDFs and facts (pages, anchors, bookmarks), and the folio sheets
    .tei-print.json      what each part and volume was made from, for the next build

A build redoes only what changed: a document's part when its TEI or its
number in the edition did (or what all are made with: the stylesheets, the
edition facts, the typeface, WeasyPrint); the front and back matter when the
numbers they print did; the join when any part did.

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
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree

import tei.saxon
from tei import __version__
from tei.render import EntryJob, xslt_params  # a document's bytes and the edition's parameters, as for the HTML
from tei.executors import Executor, run
from tei.files import (atomic_path, digest, file_digest, load_state, save_state, sha, sweep_temporaries,
                       tree_digest, write_atomically)
from tei.pdfjoin import ANCHOR_URI
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
STATE_FORMAT = 2
# Everything in xslt/ the print edition is made with.
TOOLKIT = ("core.xsl", "entities.xsl", "i18n.xml", PRINT_DIR)
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
    documents: int = 0  # documents in the volume(s)
    volume: Path | None = None  # the (first) volume's PDF, when there is one
    volumes: list[Path] = field(default_factory=list)  # every volume's PDF
    pages: int = 0  # pages of the volume(s)
    volume_written: bool = False  # False: every volume was up to date
    volumes_written: int = 0
    parts_written: int = 0  # documents typeset again this time
    pages_typeset: int = 0  # pages of the parts typeset this time (documents, front and back matter)
    offprints: int = 0  # per-document PDFs in the output
    offprints_written: int = 0
    offprint_pages: int = 0  # pages of the offprints written
    removed: int = 0  # offprints of documents no longer in the edition, deleted
    typeface: str = ""
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    # Where the time went (seconds, summed over the workers): "xslt", "layout" (WeasyPrint's pages),
    # "pdf" (writing the parts), "join" (the volumes, here).
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
        # string_value: the message as written; str() serialises it as XML ("&lt;birth&gt;").
        found = [messages.item_at(i).string_value for i in range(messages.size)] if messages is not None else []
        executable.clear_xsl_messages()
    return result or "", found


def _driver(scope: str, attributes: dict[str, str]) -> str:
    book = etree.Element(f"{{{ED_NS}}}book", nsmap={"ed": ED_NS}, scope=scope)
    for name, value in attributes.items():
        book.set(name, value)
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

def paged_html(documents: PyXdmValue, params: dict[str, str], scope: str, *, authority: bytes = b"",
               **book: str) -> tuple[str, list[str]]:
    """The paged HTML of a part (book.xsl's scopes: "part", "front", "back", "document"; "entry": its text).

    `documents` are the parsed TEI documents (the part's document, or those of
    the volume); `params` the stylesheet parameters; `authority` the edition's
    authority file (its names for the indexes; none: b""); `book` the driver's
    attributes (document, number, first ...).  Returns the HTML and the
    xsl:messages.
    """
    from saxonche import PyXdmValue

    proc = tei.saxon.processor()
    executable = stylesheet()
    for name, value in params.items():
        executable.set_parameter(name, proc.make_string_value(value))
    executable.set_parameter(f"{{{ED_NS}}}strings", interface_strings())
    executable.set_parameter(f"{{{ED_NS}}}documents", documents)
    # Set every time, to nothing when there is none: a parameter stays set on the executable.
    executable.set_parameter(f"{{{ED_NS}}}authority", _parsed_authority(authority) if authority else PyXdmValue(proc))
    return _transform(executable, _driver(scope, book))


_authority: tuple[str, PyXdmValue] | None = None


def _parsed_authority(data: bytes) -> PyXdmValue:
    """The authority file parsed, once per process while it is unchanged.  Kept here: Saxon frees a parsed
    document whose Python value is collected, even while the executable holds it as a parameter."""
    global _authority
    key = sha(data)
    if _authority is None or _authority[0] != key:
        _authority = (key, _documents([data]))
    return _authority[1]


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
    """Start a new page after, or else at, each table row holding a footnote whose note went to a later page.

    WeasyPrint may set the note of a call in a table row on the next page when a later
    row does not fit (Kozea/WeasyPrint#1564).  The first repair starts a new page at the
    row after the call's, so that the call, its note and what comes before stay where
    they are; if the note is still misplaced (the call's own row did not fit), the next
    repair moves the call's row itself to the next page.  Moving the call's row at once
    left the page before it near-empty (seed 004: 47 mm of a page blank before the first
    row of the parallel text).  Changes the parsed tree of `source`; True when a row moved.
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
        if row is None or "break-before" in (row.get("style") or ""):
            continue
        siblings = list(parents[row])  # (xml.etree: no getnext)
        following = next((sibling for sibling in siblings[siblings.index(row) + 1:]
                          if sibling.tag.rsplit("}", 1)[-1] == "tr"), None)
        if row.get("data-repair") is None and following is not None and "break-before" not in (
                following.get("style") or ""):
            following.set("style", "break-before: page")
            row.set("data-repair", "after")
        else:
            if following is not None and row.get("data-repair") == "after":
                following.attrib.pop("style", None)  # the call's row starts the page: the break after it was no use
            row.set("style", "break-before: page")
            row.set("data-repair", "at")
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


# ---------------------------------------------------------------- the tasks (run in workers)
#
# Pure functions of bytes and small facts, as tei/render.py's: a build runs them here, in
# worker processes or on a Dask cluster (tei/executors.py), and writes their results itself.

@dataclass
class Entry:
    """What puts a document in the volume's order: its id, date key, and whether it is another archive's."""

    id: str = ""
    sort: str = ""
    foreign: bool = False
    error: str = ""


def print_entries(jobs: list[EntryJob]) -> list[Entry]:
    """The entry of each document (book.xsl's scope "entry")."""
    from saxonche import PySaxonApiError

    out = []
    for job in jobs:
        try:
            doc_id = _document_id(job.data)
            if not _SAFE_ID.fullmatch(doc_id):
                raise ValueError(f"document id {doc_id!r} cannot name a PDF (letters, digits, '.', '_' and '-' only)")
            text, _messages = paged_html(_documents([job.data]), job.params, "entry")
            found_id, sort, foreign = text.strip().split("\t")
        except (etree.XMLSyntaxError, PySaxonApiError, ValueError) as exc:
            out.append(Entry(error=f"{job.path}: {_one_line(exc)}; left out of the print edition"))
            continue
        out.append(Entry(found_id, sort, foreign == "true"))
    return out


@dataclass
class PartJob:
    """A part to typeset: a document of the volume ("part"), its front or back matter, an offprint
    ("document"), or a sheet of folios ("folios")."""

    scope: str
    path: str  # what an error names
    documents: list[bytes]  # the TEI: the document, or all documents of the volume
    params: dict[str, str]
    typeface: str
    book: dict[str, str] = field(default_factory=dict)  # the driver's attributes (document, number, first ...)
    pages: dict[str, int] = field(default_factory=dict)  # front and back matter: anchor -> its page in the volume
    authority: bytes = b""  # the edition's authority file: the names of the indexes of persons, places, organisations
    kept: str = ""  # the hash of the paged HTML of the part as it was last typeset: the same HTML is not laid out again
    kept_date: str = ""  # the build date it was typeset on: a new day alone does not typeset it again


@dataclass
class Part:
    """A typeset part: its PDF, its pages (with the kind of folio each takes), the page of each anchor in it
    (from 0), its bookmarks, warnings; or the error that stopped it."""

    pdf: bytes = b""
    pages: int = 0
    kinds: list[str] = field(default_factory=list)
    anchors: dict[str, int] = field(default_factory=dict)
    bookmarks: list[tuple[str, int, float, float, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    html: str = ""  # the hash of its paged HTML
    unchanged: bool = False  # its paged HTML is the job's `kept`: not typeset again


def typeset_parts(jobs: list[PartJob]) -> list[Part]:
    """Typeset each part: XSLT to paged HTML, the page numbers of its links, WeasyPrint to PDF."""
    from saxonche import PySaxonApiError

    out = []
    for job in jobs:
        start = time.perf_counter()
        if job.scope == "folios":
            html, messages = _folio_sheet(int(job.book["first"]), int(job.book["count"]), job.book["kind"]), []
        else:
            try:
                html, messages = _part_html(job, job.kept_date or job.params.get("build_date", ""))
                if job.kept and sha(html) != job.kept and job.kept_date:
                    html, messages = _part_html(job, job.params.get("build_date", ""))
            except (PySaxonApiError, etree.XMLSyntaxError, ValueError) as exc:
                out.append(Part(error=f"{job.path}: print/book.xsl cannot typeset it: {_one_line(exc)}; "
                                      "left out of the print edition"))
                continue
        warnings = [f"print: {m}" for m in messages]
        if job.scope in ("front", "back"):
            missing = [line.rsplit("#", 1)[1] for line in messages if line.startswith("\0missing #")]
            warnings = [w for w in warnings if "\0missing #" not in w]
            warnings.extend(f"a page reference to #{name}: no such anchor in the volume" for name in missing)
        made = time.perf_counter()
        html_key = sha(html)
        if job.kept and job.kept == html_key:
            out.append(Part(html=html_key, unchanged=True, timings={"xslt": made - start}))
            continue
        extra = {"part": [PARTS_CSS], "front": [PARTS_CSS], "back": [PARTS_CSS], "folios": [FOLIOS_CSS]}
        try:
            # An offprint's indexes cite its own pages.
            result = render_part(html, job.typeface, extra.get(job.scope, []),
                                 own_page_references=job.scope == "document")
        except Exception as exc:  # WeasyPrint's own errors have no common base class
            out.append(Part(error=f"{job.path}: WeasyPrint could not typeset it: {type(exc).__name__}: "
                                  f"{_one_line(exc)}"))
            continue
        result.warnings[:0] = warnings
        result.timings["xslt"] = made - start
        result.html = html_key
        out.append(result)
    return out


def _part_html(job: PartJob, day: str) -> tuple[str, list[str]]:
    """A part's paged HTML made on `day`, its page references numbered (their missing anchors as messages)."""
    html, messages = paged_html(_documents(job.documents), {**job.params, "build_date": day}, job.scope,
                                authority=job.authority, **job.book)
    if job.scope in ("front", "back"):
        html, missing = number_page_references(html, job.pages)
        messages = messages + [f"\0missing #{name}" for name in missing]
    return html, messages


def _documents(data: list[bytes]) -> PyXdmValue:
    from saxonche import PyXdmValue

    from tei.render import xml_text

    proc = tei.saxon.processor()
    value = PyXdmValue(proc)
    for item in data:
        _document_id(item)  # refuses a document type declaration before Saxon sees it
        value.add_xdm_item(proc.parse_xml(xml_text=xml_text(item)))
    return value


def number_page_references(html: str, pages: dict[str, int]) -> tuple[str, list[str]]:
    """Give every link to an anchor (<a href="#ID">) the page where ID landed in the volume (data-page).

    A link to an anchor in another part points at it through ANCHOR_URI, which the join
    (tei/pdfjoin.py) turns into a link to its destination; inside an element of class
    index-pages, the links are put in page order, one per page.  Returns the HTML and
    the anchors not found.
    """
    import lxml.html

    root = lxml.html.document_fromstring(html)
    own = {element.get("id") for element in root.iter() if isinstance(element.tag, str) and element.get("id")}
    missing: list[str] = []
    for link in root.iter("a"):
        href = link.get("href") or ""
        if not href.startswith("#"):
            continue
        name = href[1:]
        page = pages.get(name)
        if page is None:
            missing.append(name)
            link.set("data-page", "?")
            continue
        link.set("data-page", str(page))
        if name not in own:
            link.set("href", ANCHOR_URI + name)
    for holder in root.find_class("index-pages"):
        links = [child for child in holder if child.tag == "a" and child.get("data-page", "").isdigit()]
        for child in links:
            holder.remove(child)
        kept: dict[int, Any] = {}
        for child in links:
            kept.setdefault(int(child.get("data-page")), child)
        for number in sorted(kept):
            holder.append(kept[number])
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>"), list(dict.fromkeys(missing))


def _folio_sheet(first: int, count: int, kind: str) -> str:
    """A sheet of `count` empty pages numbered from `first`, the folio of each where `kind` puts it."""
    side = "left" if first % 2 == 0 else "right"
    pages = "".join(f'<div class="folio {kind}"></div>' for _ in range(count))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>folios</title>'
            f'<link rel="stylesheet" href="print.css"><style>@page :first {{ counter-reset: page {first} }} '
            f'html {{ break-before: {side} }}</style></head><body>{pages}</body></html>')


# A font configuration per process: WeasyPrint's default makes one per document, and fontconfig's setup costs.
_font_config: Any = None


def render_part(html: str, typeface: str, extra_css: list[str], own_page_references: bool = False) -> Part:
    """Lay out paged HTML and write the PDF (as render_pdf), with what the join needs to know of its pages.

    Fonts are embedded as subsets: WeasyPrint maps a glyph of a subset to the text it was shaped from,
    but a font embedded whole (full_fonts) only by the font's own character map, so that the text of a
    Devanagari conjunct or an Arabic joining form cannot be read back from the PDF, and "fi" is read
    as the ligature "ﬁ".

    With `own_page_references` (an offprint, whose indexes cite its own pages), a part whose
    HTML has page references is laid out once to find where its anchors land, and again with
    those numbers (number_page_references); the indexes follow the text, which they do not move.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    global _font_config
    if _font_config is None:
        _font_config = FontConfiguration()
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    base = resource_dir("xslt").joinpath(PRINT_DIR).resolve().as_uri() + "/"
    try:
        start = time.perf_counter()
        extra = [CSS(url=base + name, url_fetcher=_url_fetcher(), font_config=_font_config) for name in extra_css]
        if typeface != TYPEFACE:
            extra.append(CSS(string=f'html {{ font-family: "{typeface}", serif !important }}', font_config=_font_config))

        def layout(html: str) -> Any:
            source = HTML(string=html, base_url=base, url_fetcher=_url_fetcher())
            document = source.render(stylesheets=extra, font_config=_font_config)
            for _ in range(REPAIRS):
                if not _move_rows_of_misplaced_footnotes(source, document):
                    break
                document = source.render(stylesheets=extra, font_config=_font_config)
            return document

        document = layout(html)
        missing: list[str] = []
        if own_page_references and 'class="page-ref"' in html:
            own = {name: page + 1 for name, page in anchor_pages(document).items()}
            html, missing = number_page_references(html, own)
            document = layout(html)
        laid_out = time.perf_counter()
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
        written = time.perf_counter()
    finally:
        logger.removeHandler(collect)
    part = Part(pdf=pdf, pages=len(document.pages),
                timings={"layout": laid_out - start, "pdf": written - laid_out})
    part.warnings.extend(f"WeasyPrint: {m}" for m in dict.fromkeys(collect.messages))
    part.warnings.extend(f"a page reference to #{name}: no such anchor in the document" for name in missing)
    for text, call, note in misplaced_footnotes(document):
        where = f"on page {note}" if note else "nowhere"
        part.warnings.append(f"the footnote “{text}” is {where}, its call on page {call}")
    faces = sorted({font.family for font in document.fonts.values()} - {typeface})
    if faces:
        part.warnings.append(f"glyphs set in {', '.join(faces)}, not in {typeface}: a character {typeface} lacks")
    part.anchors = anchor_pages(document)
    for number, page in enumerate(document.pages):
        part.kinds.append(_folio_kind(page))
        for level, label, _position, _state in page.bookmarks:
            part.bookmarks.append((label, number, 0.0, 0.0, level))
    return part


def anchor_pages(document: Any) -> dict[str, int]:
    """The page (from 0) where each anchor of a laid-out document landed.

    The anchor of a name (class name-anchor, print/text.xsl) is a box of no width that a line may
    break after: one left at the end of a line marks a name that begins on the next line of its
    block, and takes that line's page (the next page, when the line was the last of its page).
    """
    from weasyprint.formatting_structure import boxes

    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for name in page.anchors:
            pages.setdefault(name, number)
    lines: list[tuple[int, Any, Any]] = []  # (page, the block's element, line box), in the order of the text

    def walk(box: Any, number: int, block: Any) -> None:
        if isinstance(box, boxes.LineBox):
            lines.append((number, block, box))
            return
        for child in getattr(box, "children", ()):
            walk(child, number, box.element if isinstance(box, boxes.BlockContainerBox) else block)

    for number, page in enumerate(document.pages):
        walk(page._page_box, number, None)
    for index, (number, block, line) in enumerate(lines):
        trailing: list[str] = []
        for box in line.descendants():
            if isinstance(box, boxes.TextBox) and box.text.strip():
                trailing = []
            elif isinstance(box, boxes.InlineBlockBox) and box.element is not None \
                    and "name-anchor" in (box.element.get("class") or "").split() and box.element.get("id"):
                trailing.append(box.element.get("id"))
        if trailing:
            following = next((n for n, b, _line in lines[index + 1:] if b is block), None)
            for name in trailing:
                if following is not None and pages.get(name) == number:
                    pages[name] = following
    return pages


def _folio_kind(page: Any) -> str:
    """Where a page takes its folio, as print.css says: none on the title page, the imprint and blank pages;
    at the foot on the first page of a document or a part; else at the head."""
    page_type = page._page_box.page_type
    if page_type.blank or page_type.name == "front":
        return "none"
    if any(name in ("document", "matter") and index == 0 for name, index in page_type.groups):
        return "foot"
    return "head"


# ---------------------------------------------------------------- the build

# The parts' PDFs and what is known of each (their pages and anchors), for the join and the next build.
PARTS = ".parts"
PARTS_CSS = "parts.css"
FOLIOS_CSS = "folios.css"
# A volume holds about this many pages of documents at most (a bound book's); more make more volumes.
VOLUME_PAGES = 1000
# Rounds of typesetting the front matter when its own length moves the documents (it rarely does twice).
FRONT_ROUNDS = 3
# Parts per task sent to a worker: one (a part is seconds of work; the results are PDFs).
PART_CHUNK = 1


def typeset_edition(tei_files: list[Path], out_dir: Path, edition: Edition, *, per_document: bool = False,
                    force: bool = False, date: dt.date | None = None, executor: Executor | None = None,
                    volume_pages: int = VOLUME_PAGES) -> TypesetReport:
    """Typeset `tei_files` as the volume out_dir/edition.pdf (or volumes edition-1.pdf ... when they make more
    than `volume_pages` pages of documents) and, with `per_document`, an offprint each.

    Each document, and each volume's front and back matter, is typeset as a part of its own by
    `executor` (default: here), and the parts are joined (tei/pdfjoin.py).  Only what changed is
    redone (`force`: everything): a part whose inputs are unchanged is kept.  A document that
    cannot be read, parsed or typeset is an error and is left out; the others are still typeset.
    Raises TypesetError when nothing can be (no stylesheet, no font).
    """
    from tei.executors import SerialExecutor

    start = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sweep_temporaries(out_dir)
    (out_dir / PARTS).mkdir(exist_ok=True)
    sweep_temporaries(out_dir / PARTS)
    executor = executor or SerialExecutor()
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
    state = {} if force else _load_state(out_dir)
    if state.get("base") != base_key:
        state = {}

    # 1. Each document's entry (its id and place in the reading order), kept while its TEI is unchanged.
    files: dict[str, str] = {}  # path -> SHA-256 of its bytes
    for path in map(Path, tei_files):
        try:
            files[str(path)] = sha(path.read_bytes())
        except OSError as exc:
            report.errors.append(f"{path}: cannot read: {exc.strerror or exc}")
    old_entries: dict[str, dict] = state.get("entries", {})
    entries: dict[str, Entry] = {}
    to_do = [name for name in files if old_entries.get(name, {}).get("sha256") != files[name]]
    for name in files:
        if name not in to_do:
            entries[name] = Entry(**old_entries[name]["entry"])
    jobs = (EntryJob(name, Path(name).read_bytes(), params) for name in to_do)
    for name, entry in zip(to_do, run(executor, print_entries, jobs, len(to_do), 8, 24)):
        entries[name] = entry
    documents: dict[str, str] = {}  # id -> path
    for name in files:  # in the order given: the first of two files with one id wins
        entry = entries[name]
        if entry.error:
            report.errors.append(entry.error)
        elif entry.id in documents:
            report.errors.append(f"{name}: document id {entry.id!r} is also the id of {documents[entry.id]}; "
                                 "left out of the print edition")
        else:
            documents[entry.id] = name
    authority = _authority_file([documents[doc_id] for doc_id in documents], report)
    order = sorted(documents, key=lambda doc_id: (entries[documents[doc_id]].foreign,
                                                  entries[documents[doc_id]].sort, doc_id))
    first_foreign = next((doc_id for doc_id in order if entries[documents[doc_id]].foreign), None)

    # 2. The documents, each a part, numbered in the edition.
    old_parts: dict[str, dict] = state.get("parts", {})
    parts: dict[str, dict] = {}
    pending: list[tuple[str, str]] = []  # (document id, key)
    for number, doc_id in enumerate(order, 1):
        key = sha(base_key, files[documents[doc_id]], str(number), str(doc_id == first_foreign))
        old = old_parts.get(doc_id, {})
        if old.get("key") == key and _part_is_whole(out_dir, doc_id, old):
            parts[doc_id] = old
        else:
            pending.append((doc_id, key))
    jobs = (PartJob("part", documents[doc_id], [Path(documents[doc_id]).read_bytes()], params, typeface,
                    {"document": doc_id, "number": str(order.index(doc_id) + 1),
                     "opens-foreign": str(doc_id == first_foreign).lower()})
            for doc_id, _key in pending)
    for (doc_id, key), part in zip(pending, run(executor, typeset_parts, jobs, len(pending), PART_CHUNK, 2)):
        if part.error:
            report.errors.append(part.error)
            continue
        parts[doc_id] = _keep_part(out_dir, doc_id, part, key)
        _add_timings(report, part)
        report.parts_written += 1
    order = [doc_id for doc_id in order if doc_id in parts]
    report.documents = len(order)
    for doc_id in order:
        report.warnings.extend(f"{Path(documents[doc_id]).name}: {m}" for m in parts[doc_id]["warnings"])

    # 3. Volumes: the documents in order, a volume closed when the next would take it past volume_pages.
    volumes: list[list[str]] = []
    pages = 0
    for doc_id in order:
        count = parts[doc_id]["pages"] + parts[doc_id]["pages"] % 2
        if volumes and volumes[-1] and pages + count > volume_pages:
            volumes.append([])
            pages = 0
        if not volumes:
            volumes.append([])
        volumes[-1].append(doc_id)
        pages += count
    volumes = volumes or [[]]

    # 4. Each volume: its front and back matter (numbered from its documents' pages), then the join.
    old_volumes: dict[str, dict] = state.get("volumes", {})
    new_volumes: dict[str, dict] = {}
    names = [VOLUME] if len(volumes) == 1 else [f"edition-{n}.pdf" for n in range(1, len(volumes) + 1)]
    first_number = 1
    folio_sheets: dict[str, dict] = dict(state.get("folios", {}))
    for index, (name, members) in enumerate(zip(names, volumes), 1):
        made = _make_volume(out_dir, name, index, len(volumes), members, first_number, documents, files, parts,
                            params, typeface, base_key, old_volumes.get(name, {}), folio_sheets, executor, report,
                            authority)
        first_number += len(members)
        if made is not None:
            new_volumes[name] = made
    report.volumes = [out_dir / name for name in names if name in new_volumes]
    report.volume = report.volumes[0] if report.volumes else None

    # 5. Offprints: each document typeset on its own, numbered as in the volume.
    old_offprints: dict[str, dict] = state.get("offprints", {}) if isinstance(state.get("offprints"), dict) else {}
    offprints: dict[str, dict] = {}
    if per_document:
        pending = []
        for number, doc_id in enumerate(order, 1):
            key = sha(base_key, files[documents[doc_id]], str(number), sha(authority))  # its indexes name entries
            old = old_offprints.get(doc_id, {})
            if old.get("key") == key and (out_dir / OFFPRINTS / f"{doc_id}.pdf").is_file():
                offprints[doc_id] = old
                report.warnings.extend(old.get("warnings", []))
            else:
                pending.append((doc_id, key))
        jobs = (PartJob("document", documents[doc_id], [Path(documents[doc_id]).read_bytes()], params, typeface,
                        {"document": doc_id, "number": str(order.index(doc_id) + 1)}, authority=authority)
                for doc_id, _key in pending)
        for (doc_id, key), part in zip(pending, run(executor, typeset_parts, jobs, len(pending), PART_CHUNK, 2)):
            if part.error:
                report.errors.append(part.error)
                continue
            write_atomically(out_dir / OFFPRINTS / f"{doc_id}.pdf", part.pdf)
            report.offprints_written += 1
            report.offprint_pages += part.pages
            _add_timings(report, part)
            offprints[doc_id] = {"key": key, "warnings": [f"{OFFPRINTS}/{doc_id}.pdf: {m}" for m in part.warnings]}
            report.warnings.extend(offprints[doc_id]["warnings"])
        for doc_id in set(old_offprints) - set(offprints):  # documents that left the edition
            stale = out_dir / OFFPRINTS / f"{doc_id}.pdf"
            if stale.is_file():
                stale.unlink()
                report.removed += 1
    else:
        offprints = old_offprints  # not asked for this time: kept as they are, for the next time they are
    report.offprints = sum((out_dir / OFFPRINTS / f"{doc_id}.pdf").is_file() for doc_id in offprints)

    # 6. What left the edition: parts and volumes no longer made.
    for doc_id in set(old_parts) - set(parts):
        for suffix in (".pdf", ".json"):
            (out_dir / PARTS / f"{doc_id}{suffix}").unlink(missing_ok=True)
    for stale in set(old_volumes) - set(new_volumes):
        (out_dir / stale).unlink(missing_ok=True)
        for suffix in ("front", "back"):
            for ext in (".pdf", ".json"):
                (out_dir / PARTS / f"{stale}.{suffix}{ext}").unlink(missing_ok=True)

    save_state(out_dir / STATE_FILE, {
        "format": STATE_FORMAT, "base": base_key,
        "entries": {name: {"sha256": files[name], "entry": asdict(entries[name])} for name in files if name in entries},
        "parts": parts, "volumes": new_volumes, "folios": folio_sheets, "offprints": offprints})
    report.warnings = list(dict.fromkeys(report.warnings))
    report.seconds = time.perf_counter() - start
    return report


def _part_is_whole(out_dir: Path, name: str, record: dict) -> bool:
    path = out_dir / PARTS / f"{name}.pdf"
    return path.is_file() and record.get("sha256") == file_digest(path) and (out_dir / PARTS / f"{name}.json").is_file()


def _keep_part(out_dir: Path, name: str, part: Part, key: str = "") -> dict:
    """Write a part's PDF and what is known of it; its record for the state."""
    write_atomically(out_dir / PARTS / f"{name}.pdf", part.pdf)
    write_atomically(out_dir / PARTS / f"{name}.json", json.dumps(
        {"kinds": part.kinds, "anchors": part.anchors, "bookmarks": part.bookmarks}, ensure_ascii=False).encode())
    return {"key": key or part.html, "sha256": digest(part.pdf), "pages": part.pages, "warnings": part.warnings}


def _part_facts(out_dir: Path, name: str) -> dict:
    return json.loads((out_dir / PARTS / f"{name}.json").read_text(encoding="utf-8"))


def _add_timings(report: TypesetReport, part: Part) -> None:
    if not part.unchanged:
        report.pages_typeset += part.pages
    for step, seconds in part.timings.items():
        report.timings[step] = report.timings.get(step, 0.0) + seconds


def _make_volume(out_dir: Path, name: str, number: int, volumes: int, members: list[str], first_number: int,
                 documents: dict[str, str], files: dict[str, str], parts: dict[str, dict], params: dict[str, str],
                 typeface: str, base_key: str, old: dict, folio_sheets: dict[str, dict], executor: Executor,
                 report: TypesetReport, authority: bytes = b"") -> dict | None:
    """Typeset a volume's front and back matter (as far as they changed) and join its parts; its state record."""
    from tei import pdfjoin

    target = out_dir / name
    data = [Path(documents[doc_id]).read_bytes() for doc_id in members]
    book = {"first": str(first_number), "volume": str(number), "volumes": str(volumes)}
    members_key = sha(base_key, name, json.dumps(book), *(f"{doc_id}\0{parts[doc_id]['key']}" for doc_id in members))
    facts = {doc_id: _part_facts(out_dir, doc_id) for doc_id in members}
    front_name, back_name = f"{name}.front", f"{name}.back"

    def anchors_of(front_pages: int, back: dict | None, front: dict | None) -> dict[str, int]:
        """Every anchor's page in the volume."""
        counts = [front_pages] + [parts[doc_id]["pages"] for doc_id in members]
        starts, total = pdfjoin.start_pages(counts)
        pages: dict[str, int] = {}
        if front:
            pages.update({anchor: 1 + page for anchor, page in front["anchors"].items()})
        for doc_id, first in zip(members, starts[1:]):
            for anchor, page in facts[doc_id]["anchors"].items():
                pages.setdefault(anchor, first + page)
        back_first = total + 1
        if back:
            for anchor, page in back["anchors"].items():
                pages.setdefault(anchor, back_first + page)
        else:
            pages.setdefault("index-sources", back_first)
        return pages

    def job(scope: str, part_name: str, pages: dict[str, int]) -> PartJob:
        """The front or back matter numbered with `pages`, to be typeset again only when its HTML changed."""
        record = old.get(scope, {})
        whole = _part_is_whole(out_dir, part_name, record)
        return PartJob(scope, f"{name} ({scope} matter)", data, params, typeface, book, pages, authority,
                       record.get("html", "") if whole else "", record.get("date", "") if whole else "")

    def take(scope: str, part_name: str, part: Part) -> dict | None:
        _add_timings(report, part)
        if part.error:
            report.errors.append(part.error)
            return None
        record = old.get(scope, {})
        if not part.unchanged:
            record = {**_keep_part(out_dir, part_name, part), "html": part.html, "date": params["build_date"]}
        old[scope] = record
        return {**record, **_part_facts(out_dir, part_name)}

    def matter(scope: str, part_name: str, pages: dict[str, int]) -> dict | None:
        [part] = run(executor, typeset_parts, [job(scope, part_name, pages)], 1, 1, 1)
        return take(scope, part_name, part)

    # The numbers the front matter prints depend on its own length (where the documents start)
    # and on the anchors of the back matter, which follows the documents.  When the last build
    # left both, both are typeset at once (two workers) with the numbers it found: if their
    # pages and anchors are still those, that is the end (an edited document moved the pages
    # after it, say, but not the front matter's length).  Else, one after the other: the front
    # matter with the numbers known, again until they are those it makes (rarely more than
    # once), then the back matter, then the front again if an anchor it cites moved.
    front = _facts_if_whole(out_dir, front_name, old.get("front", {}))
    back = _facts_if_whole(out_dir, back_name, old.get("back", {}))
    settled = False
    if front and back:
        pages = anchors_of(front["pages"], back, front)
        front_part, back_part = run(executor, typeset_parts,
                                    [job("front", front_name, pages), job("back", back_name, pages)], 2, 1, 1)
        front, back = take("front", front_name, front_part), take("back", back_name, back_part)
        if front is None or back is None:
            return None
        settled = anchors_of(front["pages"], back, front) == pages
    if not settled:
        front_pages = front["pages"] if front else 6
        for _ in range(FRONT_ROUNDS):
            pages = anchors_of(front_pages, back, front)
            front = matter("front", front_name, pages)
            if front is None:
                return None
            settled = anchors_of(front["pages"], back, front) == pages
            front_pages = front["pages"]
            if settled:
                break
        pages = anchors_of(front_pages, back, front)
        back = matter("back", back_name, pages)
        if back is None:
            return None
        final = anchors_of(front_pages, back, front)
        if final != pages:  # an anchor of the back matter that the front cites moved
            front = matter("front", front_name, final)
            if front is None:
                return None
    front_pages = front["pages"]
    report.warnings.extend(f"{name}: {m}" for m in front["warnings"] + back["warnings"])

    # The join: when any part changed, or the volume is missing.
    join_key = sha(members_key, front["key"], back["key"])
    joined = old.get("join") == join_key and target.is_file() and old.get("sha256") == file_digest(target)
    record = {"front": _record(front), "back": _record(back), "join": join_key, "documents": members}
    if joined:
        report.pages += int(old["pages"])
        return {**record, "sha256": old["sha256"], "pages": old["pages"]}
    started = time.perf_counter()
    counts = [front_pages] + [parts[doc_id]["pages"] for doc_id in members] + [back["pages"]]
    _starts, total = pdfjoin.start_pages(counts)
    sheets = _folio_sheets(out_dir, total, params, typeface, folio_sheets, executor, report)
    join_parts = [pdfjoin.JoinPart(out_dir / PARTS / f"{front_name}.pdf", front["kinds"], _marks(front), "front")]
    join_parts += [pdfjoin.JoinPart(out_dir / PARTS / f"{doc_id}.pdf", facts[doc_id]["kinds"], _marks(facts[doc_id]))
                   for doc_id in members]
    join_parts.append(pdfjoin.JoinPart(out_dir / PARTS / f"{back_name}.pdf", back["kinds"], _marks(back), "back"))
    with atomic_path(target) as temporary:
        total = pdfjoin.join(join_parts, sheets, temporary, _interface_string("documents", params["language"]))
    report.timings["join"] = report.timings.get("join", 0.0) + time.perf_counter() - started
    report.volume_written = True
    report.volumes_written += 1
    report.pages += total
    return {**record, "sha256": file_digest(target), "pages": total}


def _authority_file(paths: list[str], report: TypesetReport) -> bytes:
    """The bytes of the authority file the documents point at (their prefixDef auth: ../authority.xml), for the
    names of the indexes; b"" when none does.  Documents pointing at one that cannot be read, or at another
    than most of them, are warnings: their entries are indexed by their ids."""
    from collections import Counter

    from tei.authority import file_of

    pointed: dict[str, Path | None] = {}
    for path in paths:
        try:
            pointed[path] = file_of(parse_safely(path, Path(path).read_bytes()), path)
        except (OSError, ValueError, etree.XMLSyntaxError):
            pointed[path] = None  # the document's own error is reported where it is typeset
    counts = Counter(target for target in pointed.values() if target is not None)
    if not counts:
        return b""
    target = counts.most_common(1)[0][0]
    for path, other in pointed.items():
        if other is not None and other != target:
            report.warnings.append(f"{path}: its authority file is {other}, not {target} as most documents': "
                                   "the indexes name its entries from the latter")
    try:
        return target.read_bytes()
    except OSError as exc:
        report.warnings.append(f"{target}: cannot read the authority file ({exc.strerror or exc}): the indexes "
                               "of persons, places and organisations name their entries by their ids")
        return b""


def _facts_if_whole(out_dir: Path, name: str, record: dict) -> dict | None:
    return {**record, **_part_facts(out_dir, name)} if _part_is_whole(out_dir, name, record) else None


def _record(part: dict) -> dict:
    return {key: part[key] for key in ("key", "sha256", "pages", "warnings", "html", "date") if key in part}


def _marks(facts: dict) -> list:
    from tei.pdfjoin import Bookmark

    return [Bookmark(label, page, x, y, level) for label, page, x, y, level in facts["bookmarks"]]


def _folio_sheets(out_dir: Path, pages: int, params: dict[str, str], typeface: str, known: dict[str, dict],
                  executor: Executor, report: TypesetReport):
    """The sheets of folios a volume of `pages` pages needs, typeset once and kept (a number's folio never changes)."""
    from tei import pdfjoin

    key = sha(toolkit_fingerprint(), typeface)
    wanted = [(kind, first) for kind in ("head", "foot") for first in pdfjoin.sheet_firsts(pages)]
    missing = [(kind, first) for kind, first in wanted
               if known.get(f"{kind}-{first}", {}).get("key") != key
               or not _part_is_whole(out_dir, f"folios-{kind}-{first}", known[f"{kind}-{first}"])]
    jobs = (PartJob("folios", f"folios {first}", [], params, typeface,
                    {"first": str(first), "count": str(pdfjoin.SHEET), "kind": kind}) for kind, first in missing)
    for (kind, first), part in zip(missing, run(executor, typeset_parts, jobs, len(missing), 4, 4)):
        if part.error:
            raise TypesetError(part.error)
        known[f"{kind}-{first}"] = _keep_part(out_dir, f"folios-{kind}-{first}", part, key)
    return pdfjoin.Folios({kind: [(first, out_dir / PARTS / f"folios-{kind}-{first}.pdf")
                                  for first in pdfjoin.sheet_firsts(pages)] for kind in ("head", "foot")})


def _interface_string(key: str, language: str) -> str:
    """An interface string of xslt/i18n.xml in `language` (English when it has none)."""
    root = etree.parse(str(xslt_path("i18n.xml"))).getroot()
    found = {t.get("{http://www.w3.org/XML/1998/namespace}lang"): t.text or ""
             for t in root.iterfind(f"{{{I18N_NS}}}s[@key='{key}']/{{{I18N_NS}}}t")}
    return found.get(language) or found.get("en") or key


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
