"""Simple Dublin Core (OAI-PMH's oai_dc) for one document.

One oai_dc:dc record per document, the fifteen-element vocabulary used as
OAI-PMH requires every repository to offer it:

    title        the main title
    creator      the authors (else the senders of a letter or telegram)
    contributor  the translators, then the edition's editors
    description  the summary; what the record reproduces ("Russian original
                 (archival document) and English translation")
    publisher    the edition's publisher
    date         the document's date, ISO 8601 (yyyy[-mm[-dd]])
    type         "Text" (DCMI Type Vocabulary), and the kind: letter, telegram ...
    format       application/tei+xml
    identifier   the page in the edition, the TEI file, the document id
    source       the archive's record (URL and citation) and archival references
    language     the languages of the texts (ISO 639)
    relation     how the texts relate: each translation to its original
    rights       the licence, by name and URL

The element order is the one above; oai_dc allows any order and repetition.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from tei.exchange.documents import Document, language_name

if TYPE_CHECKING:
    from tei.edition import Edition

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
TEI_MEDIA_TYPE = "application/tei+xml"


def dc_record(document: Document, edition: Edition) -> etree._Element:
    """The oai_dc:dc element of one document."""
    root = etree.Element(f"{{{OAI_DC_NS}}}dc", nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_DC_NS} {OAI_DC_SCHEMA}")
    for name, value in dc_fields(document, edition):
        etree.SubElement(root, f"{{{DC_NS}}}{name}").text = value
    return root


def dc_fields(document: Document, edition: Edition) -> list[tuple[str, str]]:
    """(element, value) pairs, in the order written."""
    out: list[tuple[str, str]] = [("title", document.title)]
    creators = document.authors or tuple(p for a in document.actions("sent") for p in a.persons + a.organisations)
    out += [("creator", c) for c in creators]
    out += [("contributor", t) for t in document.translators]
    out += [("contributor", e.name) for e in edition.editors]
    if document.summary:
        out.append(("description", document.summary))
    contents = describe_texts(document)
    if contents:
        out.append(("description", contents))
    out.append(("publisher", edition.publisher.name))
    if document.date:
        out.append(("date", document.date))
    out.append(("type", "Text"))
    if document.type:
        out.append(("type", document.type))
    out.append(("format", TEI_MEDIA_TYPE))
    out += [("identifier", document.page_url), ("identifier", document.tei_url), ("identifier", document.id)]
    if document.archive:
        if document.archive.url:
            out.append(("source", document.archive.url))
        if document.archive.citation:
            out.append(("source", document.archive.citation))
    out += [("source", ms.reference) for ms in document.manuscripts if ms.reference]
    if document.source_project:  # imported: first published by another archive
        out.append(("source", f"First published by {document.source_project}"))
    out += [("language", lang) for lang in document.languages]
    out += [("relation", r) for r in relations(document)]
    if document.licence_name or document.licence_url:
        out += [("rights", v) for v in (document.licence_name, document.licence_url) if v]
    else:
        out += [("rights", edition.licence.name), ("rights", edition.licence.url)]
    return out


def describe_texts(document: Document) -> str:
    """What the record reproduces: "Russian original (archival; printed) and English translation"."""
    originals = [t for t in document.texts if t.type == "original"]
    translations = [t for t in document.texts if t.type == "translation"]
    parts = []
    for language in dict.fromkeys(t.language for t in originals):
        kinds = [t.subtype for t in originals if t.language == language and t.subtype]
        label = f"{document.language_name(language)} original"
        parts.append(label + (f" ({'; '.join(kinds)})" if len(kinds) > 1 else ""))
    for language in dict.fromkeys(t.language for t in translations):
        parts.append(f"{document.language_name(language)} translation")
    if not parts:
        return ""
    text = " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)
    if translations and not originals and document.original_language:
        text += f" (the {language_name(document.original_language)} original is not reproduced)"
    return text[0].upper() + text[1:] + "."


def relations(document: Document) -> list[str]:
    """Each translation and what it translates, in words and ids."""
    by_id = {t.id: t for t in document.texts}
    out = []
    for text in document.texts:
        if text.type != "translation":
            continue
        language = document.language_name(text.language)
        originals = [by_id[ref] for ref in text.corresp if ref in by_id]
        if originals:
            for original in originals:
                kind = f" ({original.subtype})" if original.subtype else ""
                out.append(f"{language} translation {text.id} is a translation of the "
                           f"{document.language_name(original.language)} original{kind} {original.id}")
        else:
            source = document.archive.url if document.archive and document.archive.url else None
            original = (f"a {language_name(document.original_language)} original" if document.original_language
                        else "an original")
            out.append(f"{language} translation {text.id} is a translation of {original} not reproduced here"
                       + (f"; the archive's record: {source}" if source else ""))
    return out
