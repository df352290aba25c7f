"""The whole edition as one teiCorpus file, and the documents read back out of one.

The corpus header is made from the edition facts (corpus/edition.toml): title,
editors, publisher, licence, the introduction, the languages of the documents.
Each document follows as its TEI element, unchanged, preceded by the processing
instructions and comments of its file's prolog (the converter's stamp, the
xml-model lines): inside the corpus they are inert (an xml-model counts only in
a file's prolog), and they let a receiver rebuild each file exactly: the
round trip corpus/tei -> teiCorpus -> split_corpus gives documents whose
canonical form (C14N 2.0) is that of the files (tests/test_exchange.py).

The file names full TEI P5 as its schema; it is valid against tei_all.rng.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from tei import __version__
from tei.encode import edition_editors, edition_publisher, el
from tei.exchange.documents import NS, TEI_NS, Document
from tei.files import atomic_writer

if TYPE_CHECKING:
    from tei.edition import Edition

TEI_ALL_RNG = "http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"
RELAXNG_NS = "http://relaxng.org/ns/structure/1.0"


def corpus_header(documents: list[Document], edition: Edition, parent: etree._Element | None = None,
                  kind: str = "teiCorpus") -> etree._Element:
    """A teiHeader for the edition as a whole (used by the corpus, and by CMIF for its own file)."""
    header = el(parent, "teiHeader")
    file_desc = el(header, "fileDesc")
    title_stmt = el(file_desc, "titleStmt")
    el(title_stmt, "title", edition.title, type="main")
    if edition.subtitle:
        el(title_stmt, "title", edition.subtitle, type="sub")
    edition_editors(title_stmt, edition)
    resp_stmt = el(title_stmt, "respStmt")
    el(resp_stmt, "resp", f"{kind} export of the edition's TEI files by tei export {__version__}")
    el(resp_stmt, "name", edition.publisher.name)
    pub = edition_publisher(file_desc, edition)
    if edition.year:
        el(pub, "date", str(edition.year), when=str(edition.year))
    el(pub, "idno", edition.base_url, type="URL")
    availability = el(pub, "availability")
    el(availability, "licence", edition.licence.name, target=edition.licence.url)
    source_desc = el(file_desc, "sourceDesc")
    archive = edition.archive.name + (f" ({edition.archive.url})" if edition.archive.url else "")
    el(source_desc, "p", f"The {len(documents)} documents of the digital edition, each a TEI file of its own, "
                          f"encoded from the transcripts of the {archive}.")
    if edition.introduction:
        project = el(el(header, "encodingDesc"), "projectDesc")
        for paragraph in edition.introduction.strip().split("\n\n"):
            if paragraph.strip():
                el(project, "p", " ".join(paragraph.split()))
    languages = _languages(documents)
    if languages:
        usage = el(el(header, "profileDesc"), "langUsage")
        for ident, name in languages.items():
            el(usage, "language", name, ident=ident)
    if documents:
        revision = el(header, "revisionDesc")
        latest = max(d.datestamp for d in documents)
        el(revision, "change", f"{kind} made from the edition's {len(documents)} TEI files, "
                                f"the latest changed on {latest}.", when=latest)
    return header


def _languages(documents: list[Document]) -> dict[str, str]:
    """ident -> name, from the documents' own langUsage."""
    found: dict[str, str] = {}
    for document in documents:
        root = document.tree().getroot()
        for language in root.xpath("tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language", namespaces=NS):
            ident = language.get("ident")
            if ident and ident not in found:
                found[ident] = " ".join("".join(language.itertext()).split())
    return found


def write_teicorpus(documents: list[Document], edition: Edition, target: Path) -> None:
    """Write the teiCorpus file to `target`, whole or not at all.

    Streamed: each document is read, written and let go in turn, so an edition of
    10,000 documents is never in memory at once.
    """
    # The root element's tags are written as text, each part inside as lxml serialises it.
    start = etree.tostring(el(None, "teiCorpus", xml_lang=edition.language), encoding="UTF-8")
    start_tag, end_tag = start[:-2] + b">", b"</teiCorpus>"  # from <teiCorpus .../>
    with atomic_writer(target) as fh:
        fh.write(b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(_schema_model(), encoding="UTF-8")
                 + b"\n" + start_tag + b"\n")
        header = corpus_header(documents, edition)
        etree.indent(header, space="  ", level=0)
        fh.write(etree.tostring(header, encoding="UTF-8") + b"\n")
        for document in documents:
            tree = document.tree()
            for node in _prolog(tree):
                fh.write(etree.tostring(node, encoding="UTF-8") + b"\n")
            fh.write(etree.tostring(tree.getroot(), encoding="UTF-8", with_tail=False) + b"\n")
        fh.write(end_tag + b"\n")


def with_prolog(root: etree._Element) -> bytes:
    """The file: XML declaration, an xml-model naming full TEI P5, the root element."""
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(_schema_model(), encoding="UTF-8") + b"\n"
            + etree.tostring(root, encoding="UTF-8") + b"\n")


def _schema_model() -> etree._Element:
    """The xml-model naming full TEI P5, the schema of a teiCorpus file."""
    return etree.ProcessingInstruction(
        "xml-model", f'href="{TEI_ALL_RNG}" type="application/xml" schematypens="{RELAXNG_NS}"')


def _prolog(tree: etree._ElementTree) -> list[etree._Element]:
    """Copies of the comments and processing instructions before the root element, in order."""
    nodes = reversed(list(tree.getroot().itersiblings(preceding=True)))
    return [_copy(n) for n in nodes]


def _copy(node: etree._Element) -> etree._Element:
    if isinstance(node, etree._ProcessingInstruction):
        return etree.ProcessingInstruction(node.target, node.text)
    return etree.Comment(node.text)


def split_corpus(root: etree._Element) -> Iterator[etree._ElementTree]:
    """The TEI documents of a teiCorpus (nested corpora too), each a document of its own.

    The comments and processing instructions just before a TEI element (since the
    previous element) become its prolog again.
    """
    pending: list[etree._Element] = []
    for child in root:
        if not isinstance(child.tag, str):
            pending.append(_copy(child))
            continue
        if child.tag == f"{{{TEI_NS}}}TEI":
            copy = etree.fromstring(etree.tostring(child))
            copy.tail = None
            tree = etree.ElementTree(copy)
            for node in pending:
                copy.addprevious(node)
            yield tree
        elif child.tag == f"{{{TEI_NS}}}teiCorpus":
            yield from split_corpus(child)
        pending = []


def serialise(tree: etree._ElementTree) -> bytes:
    """A standalone document as a file: XML declaration, prolog, root."""
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"
