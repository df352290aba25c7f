"""Render the HTML edition: TEI documents to a static site, by the XSLT 3.0 stylesheets in xslt/.

Saxon runs the stylesheets, through saxonche, with the process's one
processor (tei.saxon); each stylesheet is compiled once per process and then
transforms every document.

The site (the output folder):

    index.html        the home page: the edition, its introduction, a table of all
                      documents (html/index.xsl, applied to the catalogue)
    ID.html           one page per document (html/page.xsl), ID being TEI/@xml:id
    ID.xml            a copy of the document's TEI file, which its page links to
    ID.bib            how to cite the document: BibTeX, and
    ID.csl.json       CSL-JSON (tei/cite.py), which the page's "Cite this document" links to
    search.html       the search page (html/search.xsl, assets/search.js)
    pagefind-LANG/    the search index of the texts in language LANG (tei/search.py)
    assets/           the CSS and JavaScript of xslt/assets/
    .tei-build.json   what each page was built from, for the next build

Every link is relative and nothing is fetched from elsewhere, so the site opens
from file:// as well as from any static host.  Search is the exception that
needs http(s): Pagefind fetches its index files, which browsers refuse to pages
opened from file:// (`tei serve` serves the site locally).

The citation of each document is formatted here, in Python (citeproc-py, by
tei/cite.py), and handed to page.xsl as the parameter $citation; the page's
layout stays in the stylesheet.

A build redoes only what changed.  A page depends on its TEI file, on the
catalogue entries of the previous and next documents (for their links), on
the stylesheets and on the edition facts; the index on the catalogue (the
entries of all documents, in reading order).  Catalogue entries are cached
per TEI file, so an unchanged file is not even parsed.

The search index is rebuilt, whole, when any page changed (tei/search.py).

This module neither prints nor exits (tei.cli does): it returns a RenderReport.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from lxml import etree

import tei.saxon
from tei import __version__
from tei import cite
from tei import search as site_search
from tei.files import load_state, sha, tree_digest, write_atomically
from tei.resources import resource_dir, xslt_path

if TYPE_CHECKING:
    from saxonche import PySaxonProcessor, PyXdmNode, PyXsltExecutable

    from tei.edition import Edition

ED_NS = "urn:tei-edition:xslt"
STATE_FILE = ".tei-build.json"
# Bump when the state file, or what this module hands the stylesheets, changes meaning.
STATE_FORMAT = 2
ASSETS = "assets"
STYLESHEETS = {
    "catalogue": "catalogue.xsl",
    "page": "html/page.xsl",
    "index": "html/index.xsl",
    "search": "html/search.xsl",
}
# The files of one document in the site.
PAGE_FILES = (".html", ".xml", ".bib", ".csl.json")
# Parsed trees kept from the catalogue pass for the page pass: beyond this many, a
# document is parsed again for its page (20% slower) so that memory stays flat.
KEEP_PARSED = 500
# Everything in xslt/ the HTML edition is made with: files and folders.
TOOLKIT = ("core.xsl", "catalogue.xsl", "i18n.xml", "html", ASSETS)
# A document id becomes a file name and a URL path segment: keep it to safe characters.
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class RenderError(Exception):
    """A stylesheet could not be compiled: nothing can be rendered."""


@dataclass
class RenderReport:
    """What a build did: counts, the warnings (xsl:message) and errors, the time it took."""

    output: Path
    documents: int = 0  # documents in the edition
    rendered: int = 0  # document pages written this time
    unchanged: int = 0  # document pages already up to date
    index_written: bool = False  # the index and the search page
    removed: int = 0  # pages of documents no longer in the edition, deleted
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    citation_seconds: float = 0.0  # formatting citations (part of seconds)
    search_built: bool = False  # the search index was rebuilt this time
    search_pages: dict[str, int] = field(default_factory=dict)  # language -> pages in its index
    search_seconds: float = 0.0  # building the search index (part of seconds)

    @property
    def pages_written(self) -> int:
        return self.rendered + 2 * int(self.index_written)  # the index and the search page go together

    @property
    def pages(self) -> int:
        """HTML pages in the site: one per document, the index and the search page."""
        return self.documents + 2

    @property
    def ok(self) -> bool:
        return not self.errors


# ---------------------------------------------------------------- Saxon, once

_compiled: dict[str, PyXsltExecutable] = {}


def saxon() -> PySaxonProcessor:
    """The process's one Saxon processor (shared with the validator)."""
    return tei.saxon.processor()


def stylesheet(name: str) -> PyXsltExecutable:
    """A compiled stylesheet of STYLESHEETS, compiled on first use and kept for the process."""
    if name not in _compiled:
        from saxonche import PySaxonApiError

        path = xslt_path(STYLESHEETS[name])
        compiler = saxon().new_xslt30_processor()
        try:
            executable = compiler.compile_stylesheet(stylesheet_file=str(path))
        except PySaxonApiError as exc:
            raise RenderError(f"{path}: cannot compile: {exc}") from None
        executable.set_save_xsl_message(True)
        _compiled[name] = executable
    return _compiled[name]


_strings: PyXdmNode | None = None


def _interface_strings() -> PyXdmNode:
    """xslt/i18n.xml, parsed once per process (core.xsl would read it in every transformation)."""
    global _strings
    if _strings is None:
        _strings = saxon().parse_xml(xml_file_name=str(xslt_path("i18n.xml")))
    return _strings


def _transform(executable: PyXsltExecutable, node: PyXdmNode) -> tuple[str, list[str]]:
    """Run a compiled stylesheet on a parsed document: its output, and its xsl:messages."""
    try:
        result = executable.transform_to_string(xdm_node=node)
    finally:
        messages = executable.get_xsl_messages()
        found = [str(messages.item_at(i)) for i in range(messages.size)] if messages is not None else []
        executable.clear_xsl_messages()
    return result or "", found


# ---------------------------------------------------------------- inputs

def xslt_params(edition: Edition) -> dict[str, str]:
    """The stylesheet parameters: the edition facts, flattened (Edition.to_xslt_params)."""
    return edition.to_xslt_params()


def toolkit_fingerprint() -> str:
    """A hash of what the HTML edition is made with (TOOLKIT): when it changes, every page is redone.

    Only those files: other tools keep stylesheets in xslt/ too, and a change
    to them must not rebuild the site.
    """
    return tree_digest(resource_dir("xslt"), TOOLKIT, f"{STATE_FORMAT}:{__version__}")


@dataclass
class _Document:
    path: Path
    data: bytes
    sha: str
    entry: str  # its catalogue entry, serialized <ed:entry>
    id: str
    node: PyXdmNode | None = None  # parsed, when it had to be
    # xsl:messages of its catalogue entry and of its page, kept in the state file so
    # that a later build reports them again while the document stays as it is.
    entry_warnings: list[str] = field(default_factory=list)
    page_warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- the build

def render_edition(tei_files: list[Path], out_dir: Path, edition: Edition, *, force: bool = False,
                   progress: Callable[[int, int], None] | None = None) -> RenderReport:
    """Render the documents `tei_files` and the index into `out_dir`, redoing only what changed.

    `force` redoes every page; `progress(done, total)` is called as pages are done.  Problems with one document (not well-formed,
    a stylesheet error) are listed in report.errors and the others are still
    rendered; xsl:message output is listed in report.warnings.
    """
    start = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = RenderReport(output=out_dir)
    proc = saxon()
    executables = {name: stylesheet(name) for name in STYLESHEETS}

    params = xslt_params(edition)
    toolkit = toolkit_fingerprint()
    inputs_key = sha(toolkit, json.dumps(params, sort_keys=True), cite.fingerprint())
    state = _load_state(out_dir)
    fresh = force or state.get("inputs") != inputs_key
    old_docs: dict[str, dict] = {} if fresh else state.get("documents", {})
    strings = _interface_strings()
    for executable in executables.values():
        for name, value in params.items():
            executable.set_parameter(name, proc.make_string_value(value))
        executable.set_parameter(f"{{{ED_NS}}}strings", strings)

    # 1. A catalogue entry for every document: from the cache, or from catalogue.xsl.
    documents: dict[str, _Document] = {}
    for path in tei_files:
        keep = len(documents) < KEEP_PARSED  # reuse the tree for the page, up to a point
        document = _catalogue_entry(Path(path), old_docs, executables["catalogue"], report, keep)
        if document is None:
            continue
        if document.id in documents:
            report.errors.append(f"{path}: document id {document.id!r} is also the id of "
                                 f"{documents[document.id].path}; not rendered")
            continue
        documents[document.id] = document
    report.documents = len(documents)

    # 2. The catalogue: every entry, in reading order.
    entries = "".join(d.entry for d in documents.values())
    catalogue_node = proc.parse_xml(xml_text=f'<ed:entries xmlns:ed="{ED_NS}">{entries}</ed:entries>')
    catalogue, messages = _transform(executables["catalogue"], catalogue_node)
    report.warnings.extend(f"catalogue: {m}" for m in messages)
    ordered = [e for e in etree.fromstring(catalogue.encode()) if e.get("id") in documents]

    # 3. A page for every document whose inputs changed.
    new_docs: dict[str, dict] = {}
    for position, entry in enumerate(ordered):
        if progress:
            progress(position, len(ordered))
        document = documents[entry.get("id")]
        neighbours = _neighbours(ordered, position)
        page_key = sha(inputs_key, document.sha, neighbours)
        html_file, tei_copy = out_dir / f"{document.id}.html", out_dir / f"{document.id}.xml"
        old = old_docs.get(str(document.path))
        if (old and old.get("page") == page_key
                and all((out_dir / f"{document.id}{suffix}").is_file() for suffix in PAGE_FILES)):
            report.unchanged += 1
            document.page_warnings = list(old.get("page_warnings", []))
        elif _render_page(document, neighbours, executables["page"], html_file, tei_copy, report, edition):
            report.rendered += 1
        else:
            continue
        report.warnings.extend(f"{document.path}: {m}" for m in document.entry_warnings + document.page_warnings)
        new_docs[str(document.path)] = {
            "sha256": document.sha, "id": document.id, "entry": document.entry, "page": page_key,
            "entry_warnings": document.entry_warnings, "page_warnings": document.page_warnings}

    # 4. The index and the search page, when the catalogue changed.
    index_key = sha(inputs_key, catalogue)
    index_file, search_file = out_dir / "index.html", out_dir / "search.html"
    if state.get("index") != index_key or fresh or not index_file.is_file() or not search_file.is_file():
        catalogue_node = proc.parse_xml(xml_text=catalogue)
        for name, target in (("index", index_file), ("search", search_file)):
            html, messages = _transform(executables[name], catalogue_node)
            report.warnings.extend(f"{name}: {m}" for m in messages)
            write_atomically(target, html.encode("utf-8"))
        report.index_written = True

    _copy_assets(out_dir)

    # 5. Pages of documents that left the edition.
    current = {d.id for d in documents.values()}
    for old in state.get("documents", {}).values():
        if old.get("id") not in current:
            for suffix in PAGE_FILES:
                stale = out_dir / f"{old['id']}{suffix}"
                if stale.is_file():
                    stale.unlink()
                    report.removed += suffix == ".html"

    # 6. The search index, when any page changed.
    languages = sorted({lang for entry in ordered for lang in (entry.get("languages") or "").split()})
    search_key = sha(inputs_key, site_search.pagefind_version(), json.dumps(languages),
                      *sorted(d["page"] for d in new_docs.values()))
    if state.get("search") != search_key or not site_search.bundles_present(out_dir, languages):
        try:
            found = site_search.build_search_index(out_dir, languages)
        except site_search.SearchUnavailable as exc:
            report.warnings.append(f"search index not built: {exc}")
            search_key = ""
        else:
            report.errors.extend(found.errors)
            report.search_built, report.search_pages = True, found.pages
            report.search_seconds = found.seconds
            if found.errors:
                search_key = ""

    _save_state(out_dir, {"format": STATE_FORMAT, "inputs": inputs_key, "index": index_key,
                          "search": search_key, "documents": new_docs})
    report.warnings = list(dict.fromkeys(report.warnings))  # one element is rendered in several views
    report.seconds = time.perf_counter() - start
    return report


def _catalogue_entry(path: Path, old_docs: dict[str, dict], executable: PyXsltExecutable,
                     report: RenderReport, keep: bool) -> _Document | None:
    from saxonche import PySaxonApiError

    try:
        data = path.read_bytes()
    except OSError as exc:
        report.errors.append(f"{path}: cannot read: {exc.strerror or exc}")
        return None
    digest = sha(data)
    old = old_docs.get(str(path))
    if old and old.get("sha256") == digest:
        return _Document(path, data, digest, old["entry"], old["id"], entry_warnings=list(old.get("entry_warnings", [])))
    try:
        node = saxon().parse_xml(xml_file_name=str(path.resolve()))  # Saxon resolves against its start folder, not the cwd
        entry, messages = _transform(executable, node)
    except PySaxonApiError as exc:
        report.errors.append(f"{path}: {_one_line(exc)}")
        return None
    doc_id = etree.fromstring(entry.encode()).get("id", "")
    if not _SAFE_ID.fullmatch(doc_id):
        report.errors.append(f"{path}: document id {doc_id!r} cannot name a page "
                             "(letters, digits, '.', '_' and '-' only); not rendered")
        return None
    return _Document(path, data, digest, entry, doc_id, node if keep else None, entry_warnings=messages)


def _neighbours(ordered: list[etree._Element], position: int) -> str:
    """The entries of the previous and next documents, as page.xsl's $neighbours."""
    root = etree.Element(f"{{{ED_NS}}}neighbours", nsmap={"ed": ED_NS})
    for rel, at in (("prev", position - 1), ("next", position + 1)):
        if 0 <= at < len(ordered):
            entry = etree.fromstring(etree.tostring(ordered[at]))
            entry.set("rel", rel)
            root.append(entry)
    return etree.tostring(root, encoding="unicode")


def _render_page(document: _Document, neighbours: str, executable: PyXsltExecutable,
                 html_file: Path, tei_copy: Path, report: RenderReport, edition: Edition) -> bool:
    from saxonche import PySaxonApiError

    proc = saxon()
    started = time.perf_counter()
    citation = _citation(document, edition)
    report.citation_seconds += time.perf_counter() - started
    try:
        node = document.node or proc.parse_xml(xml_file_name=str(document.path.resolve()))
        executable.set_parameter("neighbours", proc.parse_xml(xml_text=neighbours))
        executable.set_parameter("citation", proc.parse_xml(xml_text=citation[0]))
        html, messages = _transform(executable, node)
    except PySaxonApiError as exc:
        report.errors.append(f"{document.path}: {_one_line(exc)}")
        return False
    finally:
        document.node = None  # let Saxon free the tree
    document.page_warnings = messages + citation[3]
    write_atomically(html_file, html.encode("utf-8"))
    write_atomically(tei_copy, document.data)
    out_dir = html_file.parent
    write_atomically(out_dir / f"{document.id}.bib", citation[1].encode("utf-8"))
    write_atomically(out_dir / f"{document.id}.csl.json", citation[2].encode("utf-8"))
    return True


_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _citation(document: _Document, edition: Edition) -> tuple[str, str, str, list[str]]:
    """The document's citation: page.xsl's $citation (XML), the BibTeX, the CSL-JSON, and warnings.

    A document whose citation cannot be formatted still gets its page (page.xsl
    falls back to core.xsl's citation) and the files; the problem is a warning.
    """
    root = etree.Element(f"{{{ED_NS}}}citation", nsmap={"ed": ED_NS})
    warnings: list[str] = []
    try:
        item = cite.csl_item(etree.fromstring(document.data, _SAFE_PARSER), edition)
    except (etree.XMLSyntaxError, ValueError) as exc:
        warnings.append(f"no citation: {_one_line(exc)}")
        item = {"id": document.id, "type": "manuscript"}
        known = False
    else:
        known = True
    item["id"] = item.get("id") or document.id
    bib, csl_json = cite.bibtex(item), json.dumps([item], ensure_ascii=False, indent=2) + "\n"
    root.set("bib", f"{document.id}.bib")
    root.set("csl", f"{document.id}.csl.json")
    if not known:  # nothing to format: page.xsl shows core.xsl's citation
        return etree.tostring(root, encoding="unicode"), bib, csl_json, warnings
    try:
        text, html = cite.formatted_citation(item)
    except Exception as exc:  # noqa: BLE001 - citeproc-py raises many kinds; the page goes on without
        warnings.append(f"citation not formatted ({cite.DEFAULT_STYLE}): {_one_line(exc)}")
        return etree.tostring(root, encoding="unicode"), bib, csl_json, warnings
    root.set("style", cite.style_title())
    etree.SubElement(root, f"{{{ED_NS}}}text").text = text
    formatted = etree.SubElement(root, f"{{{ED_NS}}}html")
    try:
        # citeproc-py's HTML: escaped text and a few inline elements (i, b, sup, sub, span).
        fragment = etree.fromstring(f"<x>{html}</x>", _SAFE_PARSER)
        formatted.text = fragment.text
        formatted.extend(list(fragment))
    except etree.XMLSyntaxError:
        formatted.text = text
    return etree.tostring(root, encoding="unicode"), bib, csl_json, warnings


def _copy_assets(out_dir: Path) -> None:
    source = resource_dir("xslt") / ASSETS
    if not source.is_dir():
        return
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        target = out_dir / ASSETS / path.relative_to(source)
        data = path.read_bytes()
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, data)


def _load_state(out_dir: Path) -> dict:
    return load_state(out_dir / STATE_FILE, STATE_FORMAT)


def _save_state(out_dir: Path, state: dict) -> None:
    write_atomically(out_dir / STATE_FILE, json.dumps(state, ensure_ascii=False, indent=1).encode("utf-8"))


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


# ---------------------------------------------------------------- preview

def make_server(directory: Path, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """A static file server for a built site (Python's http.server): for previewing, not for production."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(directory))
    return ThreadingHTTPServer((host, port), handler)
