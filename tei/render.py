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
    persons.html      an index of the authority file's entries of each kind (html/entity.xsl), with
    places.html       organisations.html: each entry's names, dates and mentions, linked to
    entity-ID.html    the page of each entry: its names, dates, note, Wikidata id and every
                      mention in the documents (html/mentions.xsl finds them), in both languages
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

Persons, places and organisations (with an authority file, `authority`): a
document's page is given the entries it points at (their names, for the links
and for search) and the ALA-LC romanisation of its Russian names (iuliia), so it
depends on those entries too.  An entry's page depends on the entry and on its
mentions in every document (each document's mentions are kept with its page's
record): it is rendered again when either changed, and only then.

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
STATE_FORMAT = 5
ASSETS = "assets"
STYLESHEETS = {
    "catalogue": "catalogue.xsl",
    "page": "html/page.xsl",
    "index": "html/index.xsl",
    "search": "html/search.xsl",
    "mentions": "html/mentions.xsl",
    "entity": "html/entity.xsl",
}
# The index page of each kind of entry of the authority file (html/layout.xsl's ed:entity-index-href).
ENTITY_INDEXES = {"person": "persons.html", "place": "places.html", "org": "organisations.html"}
ENTITY_PAGE = "entity-{}"  # an entry's page, ENTITY_PAGE.format(id) + ".html": a document id never starts so
# The files of one document in the site.
PAGE_FILES = (".html", ".xml", ".bib", ".csl.json")
# Everything in xslt/ the HTML edition is made with: files and folders.
TOOLKIT = ("core.xsl", "entities.xsl", "catalogue.xsl", "i18n.xml", "html", ASSETS)
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
    entities_rendered: int = 0  # entity pages (and index pages of entities) written this time
    entities_unchanged: int = 0  # entity pages already up to date
    entity_pages: int = 0  # pages of entries and indexes of entries in the site
    outputs: dict[str, str] = field(default_factory=dict)  # every file of the site this build knows: path -> SHA-256

    @property
    def pages_written(self) -> int:
        # The index and the search page go together.
        return self.rendered + 2 * int(self.index_written) + self.entities_rendered

    @property
    def pages(self) -> int:
        """HTML pages in the site: one per document, the index and the search page, the entities' pages."""
        return self.documents + 2 + self.entity_pages

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
    entities: str = ""  # the entries the document points at (page_entities), page.xsl's $entities less the romanised forms


@dataclass
class Page:
    """A document's page and its citation files, or the error that stopped it."""

    html: bytes = b""
    bib: bytes = b""
    csl: bytes = b""
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    citation_seconds: float = 0.0
    mentions: str = ""  # html/mentions.xsl's <ed:mentions>


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
            executable.set_parameter("entities", proc.parse_xml(xml_text=_with_romanised(job.entities, job.data)))
            html, messages = _transform(executable, node)
        except (PySaxonApiError, etree.XMLSyntaxError) as exc:
            out.append(Page(error=f"{job.path}: {_one_line(exc)}", citation_seconds=took))
            continue
        mentions = ""
        if job.entities:  # the names the entity pages list; a document they cannot be read from keeps its page
            try:
                mentions, _ = _transform(configured("mentions", job.params), node)
            except PySaxonApiError as exc:
                messages.append(f"its names are not on the pages of persons, places and organisations: "
                                f"{_one_line(exc)}")
        out.append(Page(html.encode("utf-8"), citation[1].encode("utf-8"), citation[2].encode("utf-8"),
                        messages + citation[3], citation_seconds=took, mentions=mentions))
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
    entities: str = ""  # the authority's entries, for the documents' filters (index.xsl's $entities)


def render_index(jobs: list[IndexJob]) -> list[dict[str, tuple[bytes, list[str]]]]:
    """The home page (index.xsl) and the search page (search.xsl) of a catalogue, UTF-8, with their xsl:messages."""
    out = []
    for job in jobs:
        node = saxon().parse_xml(xml_text=job.catalogue.decode("utf-8"))
        index = configured("index", job.params)
        index.set_parameter("entities", saxon().parse_xml(xml_text=job.entities or f'<ed:entities xmlns:ed="{ED_NS}"/>'))
        pages = {"index": _transform(index, node),
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


# ---------------------------------------------------------------- persons, places and organisations

def romanise(text: str) -> str:
    """A Russian name in the Library of Congress's romanisation (iuliia's ALA-LC scheme).

    iuliia's table leaves ё as it is (a Cyrillic letter in a romanised name): ALA-LC writes ë.
    """
    import iuliia

    return iuliia.ALA_LC.translate(text).replace("ё", "ë").replace("Ё", "Ë")


def _romaniser_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("iuliia")
    except PackageNotFoundError:
        return ""


def _normalized(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _language(element: etree._Element) -> str:
    for node in element.iterancestors():
        if node.get(XML_LANG):
            return node.get(XML_LANG)
    return element.get(XML_LANG, "")


TEI = "{http://www.tei-c.org/ns/1.0}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NAME_TAGS = {f"{TEI}persName", f"{TEI}placeName", f"{TEI}orgName"}


def _with_romanised(entities: str, data: bytes) -> str:
    """page.xsl's $entities: the entries (`entities`) and the ALA-LC form of each Russian name of the text
    that points at one (<ed:romanised cyr="Молотову">Molotovu</ed:romanised>)."""
    if not entities:
        return f'<ed:entities xmlns:ed="{ED_NS}"/>'
    root = etree.fromstring(entities.encode("utf-8"))
    text = etree.fromstring(data, _TEXT_PARSER).find(f"{TEI}text")
    seen: set[str] = set()
    for name in text.iter(*_NAME_TAGS) if text is not None else ():
        if not (name.get("ref") or "").startswith("auth:") or not _language(name).startswith("ru"):
            continue
        form = _normalized(name)
        if form and form not in seen:
            seen.add(form)
            etree.SubElement(root, f"{{{ED_NS}}}romanised", cyr=form).text = romanise(form)
    return etree.tostring(root, encoding="unicode")


class Entities:
    """The edition's authority file as the HTML edition shows it (tei/authority.py reads it; raises
    AuthorityError naming the file when it cannot)."""

    def __init__(self, path: Path):
        from tei.authority import LISTS, XML_ID, parse

        data = Path(path).read_bytes()
        parse(data, str(path))  # its errors, in the authority module's words
        root = etree.fromstring(data, _SAFE_PARSER)
        self.sha256 = digest(data)
        self.elements: dict[str, etree._Element] = {}  # id -> the entry, in the file's order, by kind
        self.kinds: dict[str, str] = {}  # id -> person | place | org
        for kind, list_name in LISTS.items():
            for node in root.iterfind(f"{TEI}standOff/{TEI}{list_name}/{TEI}{kind}"):
                self.elements[node.get(XML_ID)] = node
                self.kinds[node.get(XML_ID)] = kind
        self._entity: dict[str, str] = {}

    @staticmethod
    def page(entry_id: str) -> str:
        return ENTITY_PAGE.format(entry_id)

    def forms(self, entry_id: str) -> list[tuple[str, str]]:
        """(language, name) of every name of an entry, in the file's order."""
        return [(node.get(XML_LANG, ""), _normalized(node)) for node in self.elements[entry_id]
                if isinstance(node.tag, str) and node.tag.endswith("Name") and _normalized(node)]

    def label(self, entry_id: str, lang: str) -> str:
        names = [node for node in self.elements[entry_id]
                 if isinstance(node.tag, str) and node.tag.endswith("Name") and node.get(XML_LANG) == lang]
        main = [n for n in names if n.get("type") == "main"] or names
        return _normalized(main[0]) if main else ""

    def entity(self, entry_id: str) -> str:
        """<ed:entity>: an entry's page, label and every name (the romanised forms of the Russian ones as ru-Latn)."""
        if entry_id not in self._entity:
            element = etree.Element(f"{{{ED_NS}}}entity", nsmap={"ed": ED_NS}, id=entry_id,
                                    kind=self.kinds[entry_id], page=self.page(entry_id) + ".html",
                                    label=self.label(entry_id, "en") or self.label(entry_id, "ru"))
            forms = self.forms(entry_id)
            for lang, text in forms + [("ru-Latn", romanise(text)) for lang, text in forms if lang.startswith("ru")]:
                etree.SubElement(element, f"{{{ED_NS}}}name", {XML_LANG: lang}).text = text
            self._entity[entry_id] = etree.tostring(element, encoding="unicode")
        return self._entity[entry_id]

    def labels(self) -> str:
        """index.xsl's $entities: every entry's id, kind and main names (what the documents' filters show)."""
        root = etree.Element(f"{{{ED_NS}}}entities", nsmap={"ed": ED_NS})
        for entry_id, kind in self.kinds.items():
            element = etree.SubElement(root, f"{{{ED_NS}}}entity", id=entry_id, kind=kind,
                                       label=self.label(entry_id, "en") or self.label(entry_id, "ru"))
            for lang in ("en", "ru"):
                if self.label(entry_id, lang):
                    etree.SubElement(element, f"{{{ED_NS}}}name", {XML_LANG: lang}).text = self.label(entry_id, lang)
        return etree.tostring(root, encoding="unicode")

    def page_entities(self, refs: list[str]) -> str:
        """page.xsl's $entities (less the romanised forms of the text's names) for a document pointing at `refs`."""
        inner = "".join(self.entity(ref) for ref in refs if ref in self.elements)
        return f'<ed:entities xmlns:ed="{ED_NS}">{inner}</ed:entities>'

    def languages(self, entry_id: str) -> list[str]:
        """The languages an entry's page is searched in: those of its names (Latin forms count as English)."""
        langs = {lang.split("-")[0] for lang, _ in self.forms(entry_id)}
        # Every name has a Latin form (the Russian ones romanised): "en"; "ru" for the Cyrillic ones.
        return sorted(({"en"} if langs else set()) | ({"ru"} & langs))

    def xml(self, entry_id: str) -> str:
        """The entry as the authority file has it, serialized: what its page shows."""
        return etree.tostring(self.elements[entry_id], encoding="unicode", with_tail=False)

    def shown(self, entry_id: str) -> etree._Element:
        """A copy of the entry with what an index shows of it: its names and dates, not its notes and ids."""
        shown = _copy(self.elements[entry_id])
        for unshown in shown.xpath("tei:note | tei:idno", namespaces={"tei": TEI[1:-1]}):
            shown.remove(unshown)
        return shown

    def romanised(self, forms: set[str]) -> list[etree._Element]:
        out = []
        for form in sorted(forms):
            element = etree.Element(f"{{{ED_NS}}}romanised", nsmap={"ed": ED_NS}, cyr=form)
            element.text = romanise(form)
            out.append(element)
        return out


@dataclass
class EntityJob:
    name: str  # the page's file: entity-molotov.html, persons.html
    data: str  # html/entity.xsl's input: <ed:entity-page> or <ed:entity-index>
    params: dict[str, str]


def render_entity_pages(jobs: list[EntityJob]) -> list[tuple[bytes, list[str], str]]:
    """Entity pages and indexes of entities (html/entity.xsl): (HTML, xsl:messages, error) each."""
    from saxonche import PySaxonApiError

    out = []
    for job in jobs:
        try:
            html, messages = _transform(configured("entity", job.params), saxon().parse_xml(xml_text=job.data))
        except PySaxonApiError as exc:
            out.append((b"", [], f"{job.name}: {_one_line(exc)}"))
            continue
        out.append((html.encode("utf-8"), messages, ""))
    return out


def _entity_inputs(entities: Entities, mentions: dict[str, list[etree._Element]],
                   counts: dict[str, list[tuple[str, str, int]]], files: set[str]) -> dict[str, str]:
    """The input of html/entity.xsl for the pages of entities `files`: file name -> <ed:entity-page> or
    <ed:entity-index>.

    `mentions`: entry id -> its mentions, <ed:mentions> of one document each, in reading order (those of the
    entries whose pages are asked for); `counts`: entry id -> (document, digest, mentions) of each document
    naming it (_entity_keys).
    """
    inputs: dict[str, str] = {}
    items: dict[str, list[etree._Element]] = {kind: [] for kind in ENTITY_INDEXES}
    for entry_id, element in entities.elements.items():
        kind = entities.kinds[entry_id]
        file = entities.page(entry_id) + ".html"
        if file in files:
            found = mentions.get(entry_id, [])
            russian = {text for lang, text in entities.forms(entry_id) if lang.startswith("ru")}
            russian |= {m.findtext(f"{{{ED_NS}}}name") for group in found for m in group
                        if m.get("lang", "").startswith("ru")}
            page = etree.Element(f"{{{ED_NS}}}entity-page", nsmap={"ed": ED_NS}, id=entry_id, kind=kind,
                                 page=file, index=ENTITY_INDEXES[kind])
            page.append(_copy(element))
            page.extend(entities.romanised(russian))
            page.extend(found)
            inputs[file] = etree.tostring(page, encoding="unicode")
        if ENTITY_INDEXES[kind] in files:
            named = counts.get(entry_id, [])
            item = etree.Element(f"{{{ED_NS}}}item", nsmap={"ed": ED_NS}, page=file,
                                 mentions=str(sum(n for _, _, n in named)), documents=str(len(named)))
            item.append(entities.shown(entry_id))
            item.extend(entities.romanised({text for lang, text in entities.forms(entry_id) if lang.startswith("ru")}))
            items[kind].append(item)
    for kind, page_name in ENTITY_INDEXES.items():
        if items[kind]:
            index = etree.Element(f"{{{ED_NS}}}entity-index", nsmap={"ed": ED_NS}, kind=kind, page=page_name)
            index.extend(items[kind])
            inputs[page_name] = etree.tostring(index, encoding="unicode")
    return inputs


def _mention_refs(mentions: str) -> dict[str, list]:
    """Of a document's <ed:mentions>: entry id -> [a digest of what its entry's page shows of them (the
    document's title and date, the mentions), how many]."""
    if not mentions:
        return {}
    root = etree.fromstring(mentions.encode("utf-8"))
    head = json.dumps(sorted(root.attrib.items()), ensure_ascii=False)
    grouped: dict[str, list[str]] = {}
    for mention in root:
        grouped.setdefault(mention.get("ref"), []).append(etree.tostring(mention, encoding="unicode"))
    return {ref: [sha(head, *parts), len(parts)] for ref, parts in grouped.items()}


def _entity_keys(entities: Entities, records: list[dict], inputs_key: str
                 ) -> tuple[dict[str, str], dict[str, list[tuple[str, str, int]]]]:
    """The key of each page of entities (file name -> key), which changes when what the page shows changes,
    without reading the mentions: an entry's page, of its entry and the digests of its mentions per document;
    an index, of its entries' names and dates and their counts.  And the counts: entry id -> (document,
    digest, mentions) of each document naming it, in the records' order."""
    counts: dict[str, list[tuple[str, str, int]]] = {}
    for record in records:
        if "mention_refs" not in record:  # a record of a state saved before the digests were kept
            record["mention_refs"] = _mention_refs(record.get("mentions", ""))
        for ref, (found, number) in record["mention_refs"].items():
            counts.setdefault(ref, []).append((record["id"], found, number))
    keys: dict[str, str] = {}
    for entry_id in entities.elements:
        keys[entities.page(entry_id) + ".html"] = sha(inputs_key, "page", entities.xml(entry_id),
                                                      json.dumps(counts.get(entry_id, [])))
    for kind, page_name in ENTITY_INDEXES.items():
        members = [entry_id for entry_id, of in entities.kinds.items() if of == kind]
        if members:
            keys[page_name] = sha(inputs_key, "index", json.dumps(
                [[etree.tostring(entities.shown(e), encoding="unicode"), sum(n for _, _, n in counts.get(e, [])),
                  len(counts.get(e, []))] for e in members], ensure_ascii=False))
    return keys, counts


def _copy(element: etree._Element) -> etree._Element:
    copy = etree.fromstring(etree.tostring(element))
    copy.tail = None
    return copy


def _mentions_by_entry(records: list[dict]) -> dict[str, list[etree._Element]]:
    """Entry id -> the documents' <ed:mentions>, each with that entry's mentions only, in the records' order."""
    out: dict[str, list[etree._Element]] = {}
    for record in records:
        if not record.get("mentions"):
            continue
        root = etree.fromstring(record["mentions"].encode("utf-8"))
        grouped: dict[str, etree._Element] = {}
        for mention in list(root):
            ref = mention.get("ref")
            if ref not in grouped:
                grouped[ref] = etree.Element(root.tag, dict(root.attrib), nsmap={"ed": ED_NS})
                out.setdefault(ref, []).append(grouped[ref])
            grouped[ref].append(mention)
    return out


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
                   executor: Executor | None = None, authority: Path | None = None) -> RenderReport:
    """Render the documents `tei_files` and the index into `out_dir`, redoing only what changed.

    `force` redoes every page; `progress(done, total)` is called as pages are
    done; `executor` runs the per-document work (default: here, one process).
    Problems with one document (not well-formed, a stylesheet error) are listed
    in report.errors and the others are still rendered; xsl:message output is
    listed in report.warnings.  `authority`: the edition's authority file (tei/authority.py), whose
    entries get their pages and indexes, and which the documents' names link to.
    """
    start = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = RenderReport(output=out_dir)
    for folder in (out_dir, out_dir / ASSETS, out_dir / SCHEMA_FOLDER):  # what a build killed while writing left behind
        sweep_temporaries(folder)
    executor = executor or SerialExecutor()

    params = xslt_params(edition)
    entities: Entities | None = None
    if authority is not None and Path(authority).is_file():
        from tei.authority import AuthorityError

        try:
            entities = Entities(Path(authority))
        except (AuthorityError, etree.XMLSyntaxError) as exc:
            report.errors.append(f"{authority}: no pages of persons, places and organisations: {_one_line(exc)}")
    if entities is not None:
        params = {**params, "entity_indexes": " ".join(k for k in ENTITY_INDEXES if k in entities.kinds.values())}
    authority_key = entities.sha256 if entities is not None else ""
    toolkit = toolkit_fingerprint()
    inputs_key = sha(toolkit, json.dumps(params, sort_keys=True), cite.fingerprint(), _romaniser_version())
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
    refs: dict[str, list[str]] = {}  # id -> the entries of the authority file it points at
    for _, element in etree.iterparse(io.BytesIO(catalogue), tag=f"{{{ED_NS}}}entry"):
        if element.get("id") in documents:
            ordered.append(etree.tostring(element, encoding="unicode"))
            text_languages[element.get("id")] = (element.get("languages") or "").split()
            refs[element.get("id")] = (element.get("entities") or "").split()
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
        page_entities = entities.page_entities(refs[doc_id]) if entities is not None else ""
        if (whole and old.get("catalogue") == catalogue_key and old.get("sha256") == digests[name]
                and old.get("authority") == authority_key):
            # Rendered from this TEI within this very catalogue (the same inputs, the same reading
            # order): its page key is the same, without making its neighbours to compute it.
            report.unchanged += 1
            new_docs[name] = old
            continue
        page_key = sha(inputs_key, digests[name], _neighbours(ordered, position), page_entities)
        if whole and old.get("page") == page_key:
            report.unchanged += 1
            new_docs[name] = {**old, "catalogue": catalogue_key, "authority": authority_key}
        else:
            new_docs[name] = {"sha256": digests[name], "id": entry.id, "entry": entry.entry,
                              "entry_warnings": entry.warnings}
            pending.append((name, position, page_key))
    # The search index's bundles, which the search page lists.
    entity_languages: dict[str, list[str]] = {}  # entity page -> the languages it is searched in
    for entry_id in (entities.elements if entities is not None else {}):
        if entities.page(entry_id) in documents:
            report.errors.append(f"{authority}: the page of entry {entry_id!r}, {entities.page(entry_id)}.html, "
                                 f"is the page of the document {documents[entities.page(entry_id)]}; not written")
        else:
            entity_languages[entities.page(entry_id)] = entities.languages(entry_id)
    search_bundles = " ".join(site_search.plan_bundles({**text_languages, **entity_languages}))

    def saved_state(index: str = "", search: dict | None = None) -> dict:
        # Pages not rendered yet keep their old record: their old files are still whole, and still match it.
        documents_now = {**{k: v for k, v in old_docs.items() if k in new_docs and "page" in v},
                         **{k: v for k, v in new_docs.items() if "page" in v}}
        return {"format": STATE_FORMAT, "inputs": inputs_key, "catalogue": catalogue_key,
                "catalogue_sha256": catalogue_digest, "catalogue_warnings": catalogue_messages, "index": index,
                "search": search or {}, "documents": documents_now}

    jobs = (PageJob(name, entries[name].id, Path(name).read_bytes(), _neighbours(ordered, position), edition,
                    params, entities.page_entities(refs[entries[name].id]) if entities is not None else "")
            for name, position, _ in pending)
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
                              outputs={file: digest(content) for file, content in outputs.items()},
                              mentions=page.mentions, mention_refs=_mention_refs(page.mentions),
                              authority=authority_key)
        report.rendered += 1
        if time.perf_counter() - saved > SAVE_EVERY:
            _save_state(out_dir, saved_state())
            saved = time.perf_counter()
    for name, record in new_docs.items():
        report.warnings.extend(f"{name}: {m}" for m in record.get("entry_warnings", []) + record.get("page_warnings", []))

    # 4. The index and the search page, when the catalogue changed.
    index_entities = entities.labels() if entities is not None else ""
    index_key = sha(inputs_key, catalogue, search_bundles, index_entities)
    shared: dict[str, str] = dict(state.get("shared", {})) if not fresh else {}
    index_file, search_file = out_dir / "index.html", out_dir / "search.html"
    if state.get("index") != index_key or fresh or not index_file.is_file() or not search_file.is_file():
        [pages] = run(executor, render_index, [IndexJob(catalogue, params, search_bundles, index_entities)],
                      len(to_do), 1, SMALL)
        for name, target in (("index", index_file), ("search", search_file)):
            html, messages = pages[name]
            report.warnings.extend(f"{name}: {m}" for m in messages)
            write_atomically(target, html)
            shared[target.name] = digest(html)
        del pages
        report.index_written = True
    # 4b. The pages of the authority file's entries and their indexes, when their entry or mentions changed
    # (their keys come from digests kept with each document's record: the mentions are read only for
    # the pages to render).
    old_entities: dict[str, dict] = {} if fresh else state.get("entities", {})
    entity_pages: dict[str, dict] = {}
    if entities is not None:
        records = [new_docs[documents[doc_id]] for doc_id in text_languages if documents[doc_id] in new_docs]
        keys, counts = _entity_keys(entities, records, inputs_key)
        keys = {file: key for file, key in keys.items() if file[:-len(".html")] not in documents}
        due: list[tuple[str, str]] = []
        for file, key in keys.items():
            old = old_entities.get(file)
            if old and old.get("key") == key and file in present:
                entity_pages[file] = old
                report.entities_unchanged += 1
            else:
                due.append((file, key))
        if due:
            wanted = {file for file, _ in due}
            entries = {entry_id for entry_id in entities.elements if entities.page(entry_id) + ".html" in wanted}
            named = {doc for entry_id in entries for doc, _, _ in counts.get(entry_id, [])}
            by_entry = _mentions_by_entry([r for r in records if r["id"] in named])
            inputs = _entity_inputs(entities, by_entry, counts, wanted)
            jobs = (EntityJob(file, inputs[file], params) for file, _ in due)
            for (file, key), (html, messages, error) in zip(due, run(executor, render_entity_pages, jobs, len(due),
                                                                       CHUNK, SMALL)):
                if error:
                    report.errors.append(error)
                    continue
                write_atomically(out_dir / file, html)
                entity_pages[file] = {"key": key, "sha256": digest(html), "warnings": messages}
                report.entities_rendered += 1
        report.entity_pages = len(entity_pages)
        for file, record in entity_pages.items():
            report.warnings.extend(f"{file}: {m}" for m in record.get("warnings", []))
    for file in set(state.get("entities", {})) - set(entity_pages):  # entries no longer in the authority file
        if (out_dir / file).is_file() and file[:-len(".html")] not in documents:
            (out_dir / file).unlink()

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
    # An entry's page is indexed by its names alone (its title and the blocks html/entity.xsl marks for search):
    # its key for the index is theirs, so that a change of its mentions does not index its shard again.
    by_page = {entities.page(entry_id): entry_id for entry_id in entities.elements} if entities is not None else {}
    pages.update({stem: (entity_languages[stem], sha(inputs_key, entities.entity(by_page[stem])))
                  for stem in (file[:-len(".html")] for file in entity_pages) if stem in entity_languages})
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
    final["entities"] = entity_pages
    _save_state(out_dir, final)
    report.outputs = {**{file: value for record in final["documents"].values()
                         for file, value in record["outputs"].items()}, **shared,
                      **{file: record["sha256"] for file, record in entity_pages.items()}}
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
# The same, for reading a document's text: an id given twice is the import's warning, not a reason to fail here.
_TEXT_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                               collect_ids=False)


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
