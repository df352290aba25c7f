"""The edition's documents as the exchange formats see them: facts read once from each TEI file.

Every export (teiCorpus, oai_dc, CMIF, JSON, CSL-JSON, the static OAI-PMH
repository) and the OAI-PMH endpoint start from a `Document`: the facts of one
TEI file's header that other archives ask for (title, authors, date, languages,
correspondents, sources, licence), its identifiers and URLs in the edition, its
datestamp, and the file's bytes.  The facts are read with the same meaning as
xslt/core.xsl gives them (the document date is creation, else the archive
record, else sending; the title the main title), so that the HTML edition and
the exports agree.

Files are read as tei.validate reads them: a DOCTYPE that declares entities or
names an external DTD is refused before parsing, and the parser loads nothing.

The datestamp of a document (OAI-PMH's "date of last change") is the latest
revisionDesc/change/@when of its TEI file, to the day; only a file with no such
date falls back to the file's modification time.  change/@when is written by the
converter and by editors and travels with the file, where a modification time
changes with every checkout.
"""

from __future__ import annotations

import hashlib
import re
import urllib.parse
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from tei.resources import xslt_path
from tei.validate import parse, refuse_hostile_doctype

if TYPE_CHECKING:
    from tei.edition import Edition

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NS = {"tei": TEI_NS}
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_WHEN = re.compile(r"^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$")


class DocumentError(Exception):
    """A TEI file cannot be read as a document of the edition (not well-formed, hostile, not TEI)."""


@dataclass(frozen=True)
class CorrespAction:
    """One side of a letter or telegram: who sent (or received) it, where, when."""

    type: str  # "sent" | "received"
    persons: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    date: str | None = None  # ISO yyyy[-mm[-dd]]
    # The authority URI (Wikidata) of each person and place, in their order; "" where none is known.
    person_uris: tuple[str, ...] = ()
    place_uris: tuple[str, ...] = ()


@dataclass(frozen=True)
class Text:
    """A text division of the body: an original or a translation."""

    id: str
    type: str  # "original" | "translation"
    language: str
    subtype: str | None = None  # "archival" | "printed"
    witness: str | None = None  # the witness's label: "Original Scan", "Printed document collection, № 338"
    corresp: tuple[str, ...] = ()  # for a translation: the ids it translates (divisions, or an msDesc)


@dataclass(frozen=True)
class Manuscript:
    """An archival holding of the original: repository and shelfmark."""

    repository: str
    abbreviation: str | None = None
    collection: str | None = None
    fond: str | None = None
    opis: str | None = None
    delo: str | None = None
    papka: str | None = None
    folios: str | None = None

    @property
    def reference(self) -> str:
        """The reference as archives write it: "AVPRF, Fond 059a, Opis 5a, Delo 5, Papka 11, Listy 120-122"."""
        repository = self.abbreviation or self.repository
        parts = [repository, self.collection]
        for label, value in (("Fond", self.fond), ("Opis", self.opis), ("Delo", self.delo), ("Papka", self.papka),
                             ("Listy", self.folios)):
            if value:
                parts.append(f"{label} {value}")
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class ArchiveRecord:
    """The archive's record of the document (sourceDesc/bibl[@type='archive-record'])."""

    name: str | None = None
    url: str | None = None
    number: str | None = None
    citation: str | None = None


@dataclass(frozen=True)
class Document:
    """The facts of one TEI document that the exchange formats carry."""

    path: Path
    # The file's bytes, or None: read again from `path` when needed, so that a whole
    # corpus of documents (an OAI-PMH repository, an export) holds their facts only.
    data: bytes | None = field(repr=False)
    sha256: str
    id: str
    title: str
    title_inferred: bool
    authors: tuple[str, ...]
    date: str | None  # ISO yyyy[-mm[-dd]]
    date_inferred: bool
    type: str | None  # correspDesc/@type: letter, telegram, message ...
    correspondence: tuple[CorrespAction, ...]
    languages: tuple[str, ...]  # of the texts reproduced, in order
    original_language: str | None
    summary: str | None
    texts: tuple[Text, ...]
    archive: ArchiveRecord | None
    manuscripts: tuple[Manuscript, ...]
    translators: tuple[str, ...]
    funders: tuple[str, ...]
    licence_name: str | None
    licence_url: str | None
    page_url: str
    tei_url: str
    datestamp: str  # YYYY-MM-DD, UTC
    datestamp_source: str  # "revisionDesc" | "mtime"
    language_names: tuple[tuple[str, str], ...] = ()  # (ident, name) from langUsage
    # Imported from another archive (corpus/imported): the project that published it, as its
    # publicationStmt names it (publisher, authority, distributor); None for the edition's own.
    source_project: str | None = None

    def language_name(self, code: str | None) -> str:
        """The name the document's langUsage gives a language code ("Russian"), else the code itself."""
        own = next((name for ident, name in self.language_names if ident == code and name), None)
        return own or language_name(code)

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None

    @property
    def is_correspondence(self) -> bool:
        return bool(self.correspondence)

    def actions(self, kind: str) -> tuple[CorrespAction, ...]:
        return tuple(a for a in self.correspondence if a.type == kind)

    def tree(self) -> etree._ElementTree:
        """The file parsed afresh (hardened): a tree the caller may change."""
        data = self.data
        if data is None:
            try:
                data = self.path.read_bytes()
            except OSError as exc:
                raise DocumentError(f"{self.path}: cannot read: {exc.strerror or exc}") from None
            if hashlib.sha256(data).hexdigest() != self.sha256:
                raise DocumentError(f"{self.path}: changed while it was being exported or served; run again")
        tree, problem = parse(str(self.path), data)
        assert tree is not None, problem  # it parsed when the document was loaded
        return tree


# ---------------------------------------------------------------- reading

def read_tei(path: Path, data: bytes | None = None) -> tuple[etree._ElementTree, bytes]:
    """Read and parse a TEI file safely; DocumentError says why it cannot be used."""
    path = Path(path)
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DocumentError(f"{path}: cannot read: {exc.strerror or exc}") from None
    refused = refuse_hostile_doctype(str(path), data)
    if refused:
        raise DocumentError(f"{path}:{refused.line}:{refused.column}: {refused.message}")
    tree, problem = parse(str(path), data)
    if tree is None:
        where = f"{problem.line}:{problem.column}: " if problem else ""
        raise DocumentError(f"{path}:{where}{problem.message if problem else 'not XML'}")
    return tree, data


def load_documents(paths: list[Path], edition: Edition) -> list[Document]:
    """The documents of the TEI files `paths`, in the order given; DocumentError on the first bad file."""
    # Their facts only (data=None): the bytes are read again when a document's tree is needed.
    documents = [replace(load_document(Path(p), edition), data=None) for p in paths]
    seen: dict[str, Path] = {}
    for document in documents:
        if document.id in seen:
            raise DocumentError(f"{document.path}: document id {document.id!r} is also the id of {seen[document.id]}")
        seen[document.id] = document.path
    return documents


def load_document(path: Path, edition: Edition, data: bytes | None = None) -> Document:
    tree, data = read_tei(path, data)
    root = tree.getroot()
    if root.tag != f"{{{TEI_NS}}}TEI":
        raise DocumentError(f"{path}: the root element is {root.tag!r}, not TEI in the TEI namespace")
    return document_from(root, path, data, edition)


def document_from(root: etree._Element, path: Path, data: bytes, edition: Edition) -> Document:
    """The facts of the TEI element `root` (read from the file `path`, whose bytes are `data`)."""
    header = _first(root, "tei:teiHeader")
    doc_id = document_id(root)
    title_stmt = _first(header, "tei:fileDesc/tei:titleStmt")
    titles = _all(title_stmt, "tei:title")
    main = [t for t in titles if t.get("type") == "main"] + titles
    title = next((_text(t) for t in main if _text(t)), "") or doc_id
    record = _first(header, "tei:fileDesc/tei:sourceDesc/tei:bibl[@type='archive-record']")
    texts = tuple(_texts(root))
    languages = tuple(dict.fromkeys(t.language for t in texts if t.language))
    licence = _first(header, "tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence")
    tei_url = _text(_first(header, "tei:fileDesc/tei:publicationStmt/tei:idno[@type='URL']"))
    quoted = urllib.parse.quote(doc_id)
    datestamp, source = _datestamp(header, path)
    return Document(
        path=path,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        id=doc_id,
        title=title,
        title_inferred=_inferred(header, "title"),
        authors=tuple(_texts_of(title_stmt, "tei:author")),
        date=document_date(header),
        date_inferred=_inferred(header, "date"),
        type=_attr(header, "tei:profileDesc/tei:correspDesc[1]/@type"),
        correspondence=tuple(_correspondence(header, authority_uris(root, path))),
        languages=languages,
        original_language=_original_language(header, texts, edition),
        summary=" ".join(" ".join(_all(header, "tei:profileDesc/tei:abstract//text()")).split()) or None,
        texts=texts,
        archive=_archive_record(record),
        manuscripts=tuple(_manuscript(ms) for ms in _all(header, "tei:fileDesc/tei:sourceDesc/tei:msDesc")),
        translators=tuple(_translators(title_stmt)),
        funders=tuple(_texts_of(title_stmt, "tei:funder")),
        licence_name=_text(licence) or None,
        licence_url=licence.get("target") if licence is not None else None,
        page_url=f"{edition.base_url}{quoted}.html",
        tei_url=tei_url or f"{edition.base_url}{quoted}.xml",
        datestamp=datestamp,
        datestamp_source=source,
        language_names=tuple((str(lang.get("ident")), _text(lang))
                             for lang in _all(header, "tei:profileDesc/tei:langUsage/tei:language")
                             if lang.get("ident")),
    )


def as_imported(document: Document, edition: Edition) -> Document:
    """The document as the edition publishes an import: under its own page and TEI addresses,
    with the project that first published it recorded."""
    root = document.tree().getroot()
    names = [_text(e) for e in _all(root, "tei:teiHeader/tei:fileDesc/tei:publicationStmt/"
                                          "*[self::tei:publisher or self::tei:authority or self::tei:distributor]")]
    quoted = urllib.parse.quote(document.id)
    return replace(document, source_project="; ".join(dict.fromkeys(n for n in names if n)) or "another archive",
                   tei_url=f"{edition.base_url}{quoted}.xml")


def document_id(root: etree._Element) -> str:
    """The document's id as the HTML edition names its page: TEI/@xml:id, else the edition idno."""
    idno = _text(_first(root, "tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:idno[@type='edition']"))
    return root.get(f"{{{XML_NS}}}id") or idno or "document"


def document_date(header: etree._Element | None) -> str | None:
    """creation date, else the archive record's date, else the sending date (as core.xsl's ed:date-when)."""
    for xpath in ("tei:profileDesc/tei:creation/tei:date/@when",
                  "tei:fileDesc/tei:sourceDesc/tei:bibl[@type='archive-record']/tei:date/@when",
                  "tei:profileDesc/tei:correspDesc/tei:correspAction[@type='sent']/tei:date/@when"):
        for value in _all(header, xpath):
            if ISO_DATE.match(value):
                return str(value)
    return None


def _datestamp(header: etree._Element | None, path: Path) -> tuple[str, str]:
    days = []
    for when in _all(header, "tei:revisionDesc//tei:change/@when"):
        match = _WHEN.match(when.strip())
        if match:
            days.append(_utc_day(when.strip(), match))
    if days:
        return max(days), "revisionDesc"
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    return datetime.fromtimestamp(mtime, UTC).date().isoformat(), "mtime"


def _utc_day(when: str, match: re.Match[str]) -> str:
    """The UTC day of an ISO date or dateTime; a dateTime with no zone is taken as UTC."""
    if not match.group(2):
        return match.group(1)
    try:
        moment = datetime.fromisoformat(when.replace("Z", "+00:00"))
    except ValueError:
        return match.group(1)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.date().isoformat()


def _texts(root: etree._Element) -> list[Text]:
    out = []
    for div in _all(root, "tei:text/tei:body/tei:div[@type='original' or @type='translation']"):
        witness_ids = [ref.lstrip("#") for ref in (div.get("source") or "").split()]
        witness = None
        for witness_id in witness_ids:
            found = root.xpath("//tei:witness[@xml:id=$id]", namespaces=NS, id=witness_id)
            if found:
                own = " ".join(" ".join(found[0].xpath("text()")).split())
                scopes = [_text(s) for s in found[0].xpath("tei:bibl/tei:biblScope", namespaces=NS)]
                witness = ", ".join(p for p in [own, *scopes] if p) or None
                break
        out.append(Text(
            id=div.get(f"{{{XML_NS}}}id") or "",
            type=div.get("type"),
            language=_language(div),
            subtype=div.get("subtype"),
            witness=witness,
            corresp=tuple(ref.lstrip("#") for ref in (div.get("corresp") or "").split()),
        ))
    return out


def _language(element: etree._Element) -> str:
    lang = element.get(f"{{{XML_NS}}}lang")
    if lang:
        return lang
    for ancestor in element.iterancestors():
        if ancestor.get(f"{{{XML_NS}}}lang"):
            return ancestor.get(f"{{{XML_NS}}}lang")
    return ""


def _original_language(header: etree._Element | None, texts: tuple[Text, ...], edition: Edition) -> str | None:
    main = _attr(header, "tei:fileDesc/tei:sourceDesc/tei:bibl/tei:textLang/@mainLang")
    if main:
        return main
    originals = [t.language for t in texts if t.type == "original" and t.language]
    if originals:
        return originals[0]
    # A translation whose original is not reproduced, with no textLang: the converter took
    # the edition's default source language (and says so in notesStmt/note[@subtype='original-language']).
    if any(t.type == "translation" for t in texts):
        return edition.source_language
    return None


def _correspondence(header: etree._Element | None, uris: dict[str, str]) -> list[CorrespAction]:
    out = []
    for action in _all(header, "tei:profileDesc/tei:correspDesc[1]/tei:correspAction"):
        when = [d for d in action.xpath("tei:date/@when", namespaces=NS) if ISO_DATE.match(d)]
        persons = [e for e in _all(action, "tei:persName | tei:name") if _text(e)]
        places = [e for e in _all(action, "tei:placeName") if _text(e)]
        out.append(CorrespAction(
            type=action.get("type") or "",
            persons=tuple(_text(e) for e in persons),
            organisations=tuple(_texts_of(action, "tei:orgName")),
            places=tuple(_text(e) for e in places),
            date=str(when[0]) if when else None,
            person_uris=tuple(_uri_of(e, uris) for e in persons),
            place_uris=tuple(_uri_of(e, uris) for e in places),
        ))
    return out


def _uri_of(element: etree._Element, uris: dict[str, str]) -> str:
    return next((uris[p] for p in (element.get("ref") or "").split() if p in uris), "")


def authority_uris(root: etree._Element, path: Path) -> dict[str, str]:
    """auth:ID -> the entry's Wikidata URI, for the entries of the authority file that the document's
    prefixDef names (relative to the file: ../authority.xml); empty when there is none."""
    from tei.authority import file_of

    target = file_of(root, path)
    if target is None:
        return {}
    try:
        stamp = target.stat().st_mtime_ns
    except OSError:
        return {}
    return dict(_uris_of_authority(str(target), stamp))


@cache
def _uris_of_authority(path: str, stamp: int) -> tuple[tuple[str, str], ...]:
    from tei.authority import AuthorityError, PREFIX, load

    try:
        authority = load(Path(path))
    except AuthorityError:
        return ()
    return tuple((f"{PREFIX}:{e.id}", e.uri) for e in authority.entries if e.uri)


def with_authority_uris(root: etree._Element, path: Path) -> etree._Element:
    """The document with the Wikidata URI of each entry it points at added to the pointer (@ref="auth:stalin
    http://www.wikidata.org/entity/Q855"), for a harvester that cannot follow auth: to the authority file."""
    uris = authority_uris(root, path)
    if uris:
        for element in root.xpath("//*[@ref]"):
            pointers = (element.get("ref") or "").split()
            added = [uris[p] for p in pointers if p in uris and uris[p] not in pointers]
            if added:
                element.set("ref", " ".join(pointers + added))
    return root


def _archive_record(record: etree._Element | None) -> ArchiveRecord | None:
    if record is None:
        return None
    found = ArchiveRecord(
        name=_text(_first(record, "tei:publisher")) or None,
        url=_text(_first(record, "tei:idno[@type='URL']")) or None,
        number=_text(_first(record, "tei:idno[@type='archive']")) or None,
        citation=_text(_first(record, "tei:note[@type='citation']")) or None,
    )
    return found if any((found.name, found.url, found.number)) else (found if found.citation else None)


def _manuscript(ms: etree._Element) -> Manuscript:
    identifier = _first(ms, "tei:msIdentifier")
    repository = _first(identifier, "tei:repository")
    locus = _first(ms, "tei:msContents/tei:msItem/tei:locus")
    folios = None
    if locus is not None:
        folios = f"{locus.get('from')}-{locus.get('to')}" if locus.get("from") and locus.get("to") else _text(locus)

    def idno(kind: str) -> str | None:
        return _text(_first(identifier, f"tei:idno[@type='{kind}']")) or None

    return Manuscript(
        repository=_text(repository),
        abbreviation=repository.get("n") if repository is not None else None,
        collection=_text(_first(identifier, "tei:collection")) or None,
        fond=idno("fond"), opis=idno("opis"), delo=idno("delo"), papka=idno("papka"),
        folios=folios or None,
    )


def _translators(title_stmt: etree._Element | None) -> list[str]:
    out = []
    for resp_stmt in _all(title_stmt, "tei:respStmt"):
        if re.match(r"^transl", _text(_first(resp_stmt, "tei:resp")), re.I):
            out += _texts_of(resp_stmt, "tei:persName | tei:name | tei:orgName")
    return out


def _inferred(header: etree._Element | None, what: str) -> bool:
    return bool(_all(header, f"tei:fileDesc/tei:notesStmt/tei:note[@type='inferred'][@subtype='{what}']"))


@cache
def _interface_language_names() -> dict[str, str]:
    """English names of languages from the HTML edition's interface strings (xslt/i18n.xml, lang-*)."""
    try:
        strings = etree.parse(str(xslt_path("i18n.xml")), etree.XMLParser(resolve_entities=False, no_network=True))
    except (OSError, etree.XMLSyntaxError):
        return {}
    ns = {"i": "urn:tei-edition:i18n"}
    return {str(s.get("key"))[5:]: " ".join(s.xpath("string(i:t[@xml:lang='en'])", namespaces=ns).split())
            for s in strings.xpath("//i:s[starts-with(@key, 'lang-')]", namespaces=ns)}


def language_name(code: str | None) -> str:
    """The English name of a language code ("ru" -> "Russian"), else the code."""
    if not code:
        return ""
    return _interface_language_names().get(code.split("-")[0].lower()) or code


# ---------------------------------------------------------------- small XPath helpers

def _all(context: etree._Element | None, xpath: str) -> list:
    return [] if context is None else context.xpath(xpath, namespaces=NS)


def _first(context: etree._Element | None, xpath: str) -> etree._Element | None:
    found = _all(context, xpath)
    return found[0] if found else None


def _attr(context: etree._Element | None, xpath: str) -> str | None:
    found = _all(context, xpath)
    return str(found[0]) if found else None


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _texts_of(context: etree._Element | None, xpath: str) -> list[str]:
    return [t for t in (_text(e) for e in _all(context, xpath)) if t]
