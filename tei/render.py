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
    pagefind-LANG-N/  the search index of the texts in language LANG, in shards (tei/search.py)
    assets/           the CSS and JavaScript of xslt/assets/
    .tei-build.json   what each page was built from, for the next build

Every link is relative and nothing is fetched from elsewhere, so the site opens
from file:// as well as from any static host.  Search is the exception that
needs http(s): Pagefind fetches its index files, which browsers refuse to pages
opened from file:// (`tei serve` serves the site locally).

The citation of each document is formatted in Python (citeproc-py, by
tei/cite.py), and handed to page.xsl as the parameter $citation; the page's
layout stays in the stylesheet.

The work per document (its catalogue entry, its page and citation) is done by
task functions of bytes in, bytes out, run by an executor (tei/executors.py):
here, in worker processes, or on a Dask cluster.  The files are written here.

A build redoes only what changed.  A page depends on its TEI file, on the
catalogue entries of the previous and next documents (for their links), on
the stylesheets and on the edition facts; the index on the catalogue (the
entries of all documents, in reading order).  Catalogue entries are cached
per TEI file, so an unchanged file is not even parsed.  The state is saved
while pages are written, so an interrupted build resumes where it stopped.

The search index is kept in shards; the shards holding a changed page are
indexed again (tei/search.py).

This module neither prints nor exits (tei.cli does): it returns a RenderReport.
"""

from __future__ import annotations

import io
import json
import os
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
from tei.executors import Executor, SerialExecutor, run
from tei.files import (digest, file_digest, give_back_memory, load_state, save_state, sha, sweep_temporaries,
                       tree_digest, write_atomically)
from tei.resources import SCHEMA_FOLDER, install_schemas, resource_dir, xslt_path
from tei.validate import parse_safely

if TYPE_CHECKING:
    from saxonche import PySaxonProcessor, PyXdmNode, PyXsltExecutable

    from tei.edition import Edition

ED_NS = "urn:tei-edition:xslt"
STATE_FILE = ".tei-build.json"
# The catalogue of the last build (catalogue.xsl's output), kept for the next: most rebuilds have the same entries.
CATALOGUE_FILE = ".tei-catalogue.xml"
# Bump when the state file, or what this module hands the stylesheets, changes meaning.
STATE_FORMAT = 4
ASSETS = "assets"
STYLESHEETS = {
    "catalogue": "catalogue.xsl",
    "page": "html/page.xsl",
    "index": "html/index.xsl",
    "search": "html/search.xsl",
}
# The files of one document in the site.
PAGE_FILES = (".html", ".xml", ".bib", ".csl.json")
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
    # Formatting citations: seconds summed over the workers (with N workers, up to N times `seconds`).
    citation_seconds: float = 0.0
    search_built: bool = False  # some of the search index was rebuilt this time
    search_bundles: int = 0  # bundles of the search index (tei/search.py)
    search_rebuilt: int = 0  # of which rebuilt this time
    search_pages: dict[str, int] = field(default_factory=dict)  # language -> pages in its index
    search_seconds: float = 0.0  # building the search index (part of seconds)
    outputs: dict[str, str] = field(default_factory=dict)  # every file of the site this build knows: path -> SHA-256

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
        # string_value: the message as written; str() serialises it as XML ("&lt;birth&gt;").
        found = [messages.item_at(i).string_value for i in range(messages.size)] if messages is not None else []
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


# ---------------------------------------------------------------- the tasks (run in workers)
#
# Pure functions of bytes and small facts, so that a build can run them in
# worker processes or on a Dask cluster (tei/executors.py); the build writes
# their results.  Each worker process compiles the stylesheets once and sets
# the edition's parameters again only when they change.

@dataclass
class EntryJob:
    path: str  # named in messages
    data: bytes
    params: dict[str, str]


@dataclass
class Entry:
    """A document's catalogue entry (serialized <ed:entry>), or the error that stopped it."""

    id: str = ""
    entry: str = ""
    warnings: list[str] = field(default_factory=list)
    error: str = ""


@dataclass
class PageJob:
    path: str
    id: str
    data: bytes
    neighbours: str  # page.xsl's $neighbours
    edition: Edition
    params: dict[str, str]


@dataclass
class Page:
    """A document's page and its citation files, or the error that stopped it."""

    html: bytes = b""
    bib: bytes = b""
    csl: bytes = b""
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    citation_seconds: float = 0.0


_configured: dict[str, str] = {}  # stylesheet -> the parameters it was last given (their hash)


def configured(name: str, params: dict[str, str]) -> PyXsltExecutable:
    """A compiled stylesheet with the edition's parameters and the interface strings set."""
    executable = stylesheet(name)
    key = sha(json.dumps(params, sort_keys=True))
    if _configured.get(name) != key:
        proc = saxon()
        for param, value in params.items():
            executable.set_parameter(param, proc.make_string_value(value))
        executable.set_parameter(f"{{{ED_NS}}}strings", _interface_strings())
        _configured[name] = key
    return executable


def catalogue_entries(jobs: list[EntryJob]) -> list[Entry]:
    """The catalogue entry of each document (catalogue.xsl)."""
    from saxonche import PySaxonApiError

    out = []
    for job in jobs:
        try:
            node = saxon().parse_xml(xml_text=xml_text(job.data))
            entry, messages = _transform(configured("catalogue", job.params), node)
        except (PySaxonApiError, etree.XMLSyntaxError) as exc:
            out.append(Entry(error=f"{job.path}: {_one_line(exc)}"))
            continue
        doc_id = etree.fromstring(entry.encode()).get("id", "")
        if not _SAFE_ID.fullmatch(doc_id):
            out.append(Entry(error=f"{job.path}: document id {doc_id!r} cannot name a page "
                                   "(letters, digits, '.', '_' and '-' only); not rendered"))
            continue
        out.append(Entry(doc_id, entry, messages))
    return out


def render_pages(jobs: list[PageJob]) -> list[Page]:
    """The page of each document (page.xsl) and its citation (tei/cite.py)."""
    from saxonche import PySaxonApiError

    proc = saxon()
    out = []
    for job in jobs:
        started = time.perf_counter()
        citation = _citation(job.id, job.data, job.edition)
        took = time.perf_counter() - started
        try:
            executable = configured("page", job.params)
            node = proc.parse_xml(xml_text=xml_text(job.data))
            executable.set_parameter("neighbours", proc.parse_xml(xml_text=job.neighbours))
            executable.set_parameter("citation", proc.parse_xml(xml_text=citation[0]))
            html, messages = _transform(executable, node)
        except (PySaxonApiError, etree.XMLSyntaxError) as exc:
            out.append(Page(error=f"{job.path}: {_one_line(exc)}", citation_seconds=took))
            continue
        out.append(Page(html.encode("utf-8"), citation[1].encode("utf-8"), citation[2].encode("utf-8"),
                        messages + citation[3], citation_seconds=took))
    return out


@dataclass
class CatalogueJob:
    entries: bytes  # the documents' <ed:entry> elements, serialized (UTF-8), in the order of the files
    params: dict[str, str]


def order_catalogue(jobs: list[CatalogueJob]) -> list[tuple[bytes, list[str]]]:
    """The catalogue (catalogue.xsl), UTF-8: the entries in reading order; and its xsl:messages.

    Bytes in and out, not str: a catalogue of 10,000 entries is 12 MiB of UTF-8 but
    twice or four times that as a str with one Cyrillic letter in it.
    """
    out = []
    for job in jobs:
        entries = f'<ed:entries xmlns:ed="{ED_NS}">{job.entries.decode("utf-8")}</ed:entries>'
        catalogue, messages = _transform(configured("catalogue", job.params), saxon().parse_xml(xml_text=entries))
        out.append((catalogue.encode("utf-8"), messages))
    return out


@dataclass
class IndexJob:
    catalogue: bytes  # order_catalogue's
    params: dict[str, str]
    search_bundles: str  # the search page's bundles (tei/search.py's plan_bundles)


def render_index(jobs: list[IndexJob]) -> list[dict[str, tuple[bytes, list[str]]]]:
    """The home page (index.xsl) and the search page (search.xsl) of a catalogue, UTF-8, with their xsl:messages."""
    out = []
    for job in jobs:
        node = saxon().parse_xml(xml_text=job.catalogue.decode("utf-8"))
        pages = {"index": _transform(configured("index", job.params), node),
                 "search": _transform(configured("search", {**job.params, "search_bundles": job.search_bundles}),
                                      node)}
        out.append({name: (html.encode("utf-8"), messages) for name, (html, messages) in pages.items()})
    return out


_DECLARED_ENCODING = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["\']([A-Za-z0-9._-]+)')


def xml_text(data: bytes) -> str:
    """A TEI file's bytes as the text Saxon parses (saxonche takes a str, and ignores the declared encoding)."""
    declared = _DECLARED_ENCODING.match(data)
    if not declared or declared.group(1).lower() in (b"utf-8", b"utf8"):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    # Another encoding (UTF-16, windows-1251...): lxml reads the declaration and the byte-order mark.
    return etree.tostring(etree.fromstring(data, _SAFE_PARSER).getroottree(), encoding="unicode")


# ---------------------------------------------------------------- the build

# Documents per task: large enough that sending a task costs little, small
# enough that the workers share the work evenly.
CHUNK = 8
# An incremental rebuild with this many documents or fewer to redo runs here:
# starting worker processes (each compiling the stylesheets) would take longer.
SMALL = 24
# While pages are rendered, the state is saved this often (seconds), so that an
# interrupted build resumes where it stopped instead of starting again.
SAVE_EVERY = 10.0


def render_edition(tei_files: list[Path], out_dir: Path, edition: Edition, *, force: bool = False,
                   progress: Callable[[int, int], None] | None = None,
                   executor: Executor | None = None) -> RenderReport:
    """Render the documents `tei_files` and the index into `out_dir`, redoing only what changed.

    `force` redoes every page; `progress(done, total)` is called as pages are
    done; `executor` runs the per-document work (default: here, one process).
    Problems with one document (not well-formed, a stylesheet error) are listed
    in report.errors and the others are still rendered; xsl:message output is
    listed in report.warnings.
    """
    start = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = RenderReport(output=out_dir)
    for folder in (out_dir, out_dir / ASSETS, out_dir / SCHEMA_FOLDER):  # what a build killed while writing left behind
        sweep_temporaries(folder)
    executor = executor or SerialExecutor()

    params = xslt_params(edition)
    toolkit = toolkit_fingerprint()
    inputs_key = sha(toolkit, json.dumps(params, sort_keys=True), cite.fingerprint())
    state = _load_state(out_dir)
    fresh = force or state.get("inputs") != inputs_key
    if fresh:  # new stylesheets: compiled here first, so that one that does not compile stops the build at once
        for name in STYLESHEETS:
            stylesheet(name)
    old_docs: dict[str, dict] = {} if fresh else state.get("documents", {})

    # 1. A catalogue entry for every document: from the state when its TEI is unchanged, else from catalogue.xsl.
    digests: dict[str, str] = {}
    for path in tei_files:
        try:
            digests[str(path)] = file_digest(path)
        except OSError as exc:
            report.errors.append(f"{path}: cannot read: {exc.strerror or exc}")
    entries: dict[str, Entry] = {}
    to_do = []
    for name, content in digests.items():
        old = old_docs.get(name)
        if old and old.get("sha256") == content:
            entries[name] = Entry(old["id"], old["entry"], list(old.get("entry_warnings", [])))
        else:
            to_do.append(name)
    jobs = (EntryJob(name, Path(name).read_bytes(), params) for name in to_do)
    for name, entry in zip(to_do, run(executor, catalogue_entries, jobs, len(to_do), CHUNK, SMALL)):
        entries[name] = entry
    documents: dict[str, str] = {}  # id -> path
    for name in digests:  # in the order given, so that the first of two files with one id wins, as always
        entry = entries[name]
        if entry.error:
            report.errors.append(entry.error)
        elif entry.id in documents:
            report.errors.append(f"{name}: document id {entry.id!r} is also the id of {documents[entry.id]}; "
                                 "not rendered")
        else:
            documents[entry.id] = name
    report.documents = len(documents)

    # 2. The catalogue: every entry, in reading order.  In a full build of a large
    # edition, the catalogue and the index go to a worker too: Saxon's heap grows with
    # them and is never given back, and the worker is replaced in time (tei/executors.py).
    listed = b"".join(entries[name].entry.encode("utf-8") for name in documents.values())
    catalogue_key = sha(inputs_key, listed)
    kept = _kept_catalogue(out_dir, state) if state.get("catalogue") == catalogue_key and not fresh else None
    if kept is not None:
        catalogue, catalogue_messages = kept, state.get("catalogue_warnings", [])
    else:
        [(catalogue, catalogue_messages)] = run(executor, order_catalogue, [CatalogueJob(listed, params)],
                                                len(to_do), 1, SMALL)
        write_atomically(out_dir / CATALOGUE_FILE, catalogue)
    del listed
    catalogue_digest = digest(catalogue)
    report.warnings.extend(f"catalogue: {m}" for m in catalogue_messages)
    # The entries in reading order, each serialized: a list of strings takes a fraction
    # of the memory of the parsed catalogue, which is read an entry at a time.
    ordered: list[str] = []
    text_languages: dict[str, list[str]] = {}  # id -> the languages of its texts, for the search index
    for _, element in etree.iterparse(io.BytesIO(catalogue), tag=f"{{{ED_NS}}}entry"):
        if element.get("id") in documents:
            ordered.append(etree.tostring(element, encoding="unicode"))
            text_languages[element.get("id")] = (element.get("languages") or "").split()
        element.clear()
        while element.getprevious() is not None:  # the entries already read
            del element.getparent()[0]
    give_back_memory()

    # 3. A page for every document whose inputs changed.
    present = {entry.name for entry in os.scandir(out_dir) if entry.is_file()}  # one listing, not a stat a file
    new_docs: dict[str, dict] = {}
    pending: list[tuple[str, int, str]] = []  # (path, place in the reading order, page key) of the pages to render
    for position, doc_id in enumerate(text_languages):
        name = documents[doc_id]
        entry = entries[name]
        old = old_docs.get(name)
        whole = bool(old and old.get("outputs") and all(file in present for file in old["outputs"]))
        if whole and old.get("catalogue") == catalogue_key and old.get("sha256") == digests[name]:
            # Rendered from this TEI within this very catalogue (the same inputs, the same reading
            # order): its page key is the same, without making its neighbours to compute it.
            report.unchanged += 1
            new_docs[name] = old
            continue
        page_key = sha(inputs_key, digests[name], _neighbours(ordered, position))
        if whole and old.get("page") == page_key:
            report.unchanged += 1
            new_docs[name] = {**old, "catalogue": catalogue_key}
        else:
            new_docs[name] = {"sha256": digests[name], "id": entry.id, "entry": entry.entry,
                              "entry_warnings": entry.warnings}
            pending.append((name, position, page_key))
    # The search index's bundles, which the search page lists.
    search_bundles = " ".join(site_search.plan_bundles(text_languages))

    def saved_state(index: str = "", search: dict | None = None) -> dict:
        # Pages not rendered yet keep their old record: their old files are still whole, and still match it.
        documents_now = {**{k: v for k, v in old_docs.items() if k in new_docs and "page" in v},
                         **{k: v for k, v in new_docs.items() if "page" in v}}
        return {"format": STATE_FORMAT, "inputs": inputs_key, "catalogue": catalogue_key,
                "catalogue_sha256": catalogue_digest, "catalogue_warnings": catalogue_messages, "index": index,
                "search": search or {}, "documents": documents_now}

    jobs = (PageJob(name, entries[name].id, Path(name).read_bytes(), _neighbours(ordered, position), edition,
                    params) for name, position, _ in pending)
    saved = time.perf_counter()
    for done, ((name, _, page_key), page) in enumerate(
            zip(pending, run(executor, render_pages, jobs, len(pending), CHUNK, SMALL)), 1):
        if progress:
            progress(done, len(pending))
        report.citation_seconds += page.citation_seconds
        if page.error:
            report.errors.append(page.error)
            del new_docs[name]
            continue
        doc_id = new_docs[name]["id"]
        data = Path(name).read_bytes()
        outputs = {f"{doc_id}.html": page.html, f"{doc_id}.xml": data, f"{doc_id}.bib": page.bib,
                   f"{doc_id}.csl.json": page.csl}
        for file, content in outputs.items():
            write_atomically(out_dir / file, content)
        new_docs[name].update(page=page_key, catalogue=catalogue_key, page_warnings=page.warnings,
                              outputs={file: digest(content) for file, content in outputs.items()})
        report.rendered += 1
        if time.perf_counter() - saved > SAVE_EVERY:
            _save_state(out_dir, saved_state())
            saved = time.perf_counter()
    for name, record in new_docs.items():
        report.warnings.extend(f"{name}: {m}" for m in record.get("entry_warnings", []) + record.get("page_warnings", []))

    # 4. The index and the search page, when the catalogue changed.
    index_key = sha(inputs_key, catalogue, search_bundles)
    shared: dict[str, str] = dict(state.get("shared", {})) if not fresh else {}
    index_file, search_file = out_dir / "index.html", out_dir / "search.html"
    if state.get("index") != index_key or fresh or not index_file.is_file() or not search_file.is_file():
        [pages] = run(executor, render_index, [IndexJob(catalogue, params, search_bundles)], len(to_do), 1,
                      SMALL)
        for name, target in (("index", index_file), ("search", search_file)):
            html, messages = pages[name]
            report.warnings.extend(f"{name}: {m}" for m in messages)
            write_atomically(target, html)
            shared[target.name] = digest(html)
        del pages
        report.index_written = True
    executor.release()  # the workers' memory goes back while Pagefind indexes
    give_back_memory()

    _copy_assets(out_dir)
    # The schemas the TEI downloads (OUT/ID.xml) name in their xml-model, at the same relative href
    # as beside the edition's TEI files: a downloaded file validates against the site's copy.
    install_schemas(out_dir)

    # 5. Pages of documents that left the edition.
    current = {record["id"] for record in new_docs.values()}
    for old in state.get("documents", {}).values():
        if old.get("id") not in current:
            for suffix in PAGE_FILES:
                stale = out_dir / f"{old['id']}{suffix}"
                if stale.is_file():
                    stale.unlink()
                    report.removed += suffix == ".html"

    # 6. The search index: the bundles whose pages changed.
    search_state: dict = {}
    pages = {record["id"]: (text_languages[record["id"]], record["page"]) for record in new_docs.values()}
    try:
        found = site_search.update_search_index(out_dir, pages, {} if fresh else state.get("search", {}))
    except site_search.SearchUnavailable as exc:
        report.warnings.append(f"search index not built: {exc}")
    else:
        report.errors.extend(found.errors)
        report.warnings.extend(found.warnings)
        report.search_built, report.search_pages = bool(found.rebuilt), found.pages
        report.search_bundles, report.search_rebuilt = len(found.bundles), len(found.rebuilt)
        report.search_seconds = found.seconds
        search_state = found.state

    final = saved_state(index_key)
    final["search"] = search_state
    final["shared"] = shared
    _save_state(out_dir, final)
    report.outputs = {**{file: value for record in final["documents"].values()
                         for file, value in record["outputs"].items()}, **shared}
    report.warnings = list(dict.fromkeys(report.warnings))  # one element is rendered in several views
    report.seconds = time.perf_counter() - start
    return report


def _kept_catalogue(out_dir: Path, state: dict) -> bytes | None:
    """The catalogue the last build ordered, if its file is still what that build wrote."""
    try:
        kept = (out_dir / CATALOGUE_FILE).read_bytes()
    except OSError:
        return None
    return kept if digest(kept) == state.get("catalogue_sha256") else None


def _neighbours(ordered: list[str], position: int) -> str:
    """The entries of the previous and next documents, as page.xsl's $neighbours."""
    root = etree.Element(f"{{{ED_NS}}}neighbours", nsmap={"ed": ED_NS})
    for rel, at in (("prev", position - 1), ("next", position + 1)):
        if 0 <= at < len(ordered):
            entry = etree.fromstring(ordered[at])
            entry.set("rel", rel)
            root.append(entry)
    return etree.tostring(root, encoding="unicode")


_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _citation(doc_id: str, data: bytes, edition: Edition) -> tuple[str, str, str, list[str]]:
    """The document's citation: page.xsl's $citation (XML), the BibTeX, the CSL-JSON, and warnings.

    A document whose citation cannot be formatted still gets its page (page.xsl
    falls back to core.xsl's citation) and the files; the problem is a warning.
    """
    root = etree.Element(f"{{{ED_NS}}}citation", nsmap={"ed": ED_NS})
    warnings: list[str] = []
    try:
        item = cite.csl_item(parse_safely(doc_id, data), edition)
    except (etree.XMLSyntaxError, ValueError) as exc:
        warnings.append(f"no citation: {_one_line(exc)}")
        item = {"id": doc_id, "type": "manuscript"}
        known = False
    else:
        known = True
    item["id"] = item.get("id") or doc_id
    bib, csl_json = cite.bibtex(item), json.dumps([item], ensure_ascii=False, indent=2) + "\n"
    root.set("bib", f"{doc_id}.bib")
    root.set("csl", f"{doc_id}.csl.json")
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
    save_state(out_dir / STATE_FILE, state)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


# ---------------------------------------------------------------- preview

def make_server(directory: Path, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """A static file server for a built site (Python's http.server): for previewing, not for production."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(directory))
    return ThreadingHTTPServer((host, port), handler)
