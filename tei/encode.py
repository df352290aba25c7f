"""Encode the document model as TEI P5 (an lxml tree).

Every choice of element is recorded, with its reason and an example from the
seeds, in docs/encoding-guide.md; keep the two in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from tei.align import Alignment
from tei.authority import PREFIX, REPLACEMENT
from tei.edition import Edition
from tei.model import (
    Block,
    DateText,
    Division,
    Expansion,
    Hi,
    Hyphen,
    Inline,
    LineBreak,
    Link,
    Name,
    NoteRef,
    PageBreak,
    Rule,
    Supplied,
    Text,
    Transcript,
    Transliteration,
)
from tei.read import LANGUAGE_NAMES, parse_archival_ref
from tei.shapes import SHAPES

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
T = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"

PROCESSOR = "tei convert"
NAME_ELEMENTS = {"person": "persName", "place": "placeName", "org": "orgName"}


@dataclass
class EncodeOptions:
    version: str
    date: str  # ISO date of the conversion, for revisionDesc
    schema_href: str = ""  # relative href of the project's RELAX NG schema, for <?xml-model?>
    schematron_href: str = ""
    review: list[str] | None = None  # why the reader was unsure, when a low-confidence reading was accepted
    confidence: float = 1.0


@dataclass
class AlignedPair:
    translation: Division
    original: Division
    alignment: Alignment


# ---------------------------------------------------------------------------
# Small builders.


def el(parent: etree._Element | None, name: str, text: str | None = None, **attrs: str) -> etree._Element:
    """Make a TEI element (under ``parent`` if given); ``xml_id``/``xml_lang`` map to xml:id/xml:lang."""
    qattrs = {}
    for key, value in attrs.items():
        if value in (None, ""):
            continue
        key = {"xml_id": XML_ID, "xml_lang": XML_LANG}.get(key, key)
        qattrs[key] = value
    if parent is None:
        node = etree.Element(T + name, qattrs, nsmap={None: TEI_NS})
    else:
        node = etree.SubElement(parent, T + name, qattrs)
    if text:
        node.text = text
    return node


def append_text(node: etree._Element, text: str) -> None:
    """Append text at the end of node's content (into the last child's tail if it has children)."""
    if not text:
        return
    if len(node):
        last = node[-1]
        last.tail = (last.tail or "") + text
    else:
        node.text = (node.text or "") + text


def inline(node: etree._Element, nodes: list[Inline]) -> etree._Element:
    """Write inline model nodes into ``node``."""
    for n in nodes:
        if isinstance(n, Text):
            append_text(node, n.text)
        elif isinstance(n, Hi):
            inline(el(node, "hi", rend=n.rend), n.children)
        elif isinstance(n, LineBreak):
            el(node, "lb")
        elif isinstance(n, PageBreak):
            el(node, "pb", n=n.n, **({"break": "no"} if n.in_word else {}))
        elif isinstance(n, Hyphen):
            el(node, "pc", n.text, force="weak")
        elif isinstance(n, NoteRef):
            note = el(node, "note", type="footnote", place="foot", n=n.marker)
            if n.note is None:
                el(note, "gap", reason="not-in-transcript")
            else:
                if n.note.id:
                    note.set(XML_ID, n.note.id)
                _note_paragraphs(note, n.note.paragraphs)
        elif isinstance(n, Expansion):
            choice = el(node, "choice")
            el(choice, "abbr", n.abbr)
            el(choice, "expan", n.expan)
        elif isinstance(n, Supplied):
            el(node, "supplied", n.text, reason=n.reason)
        elif isinstance(n, Transliteration):
            supplied = el(node, "supplied", reason="original-wording")
            el(supplied, "foreign", n.text, xml_lang=n.lang)
        elif isinstance(n, DateText):
            el(node, "date", n.text, when=n.when, **({} if n.certain else {"cert": "medium"}))
        elif isinstance(n, Link):
            el(node, "ref", n.text, target=n.url)
        elif isinstance(n, Name):  # a person, place or organisation of the authority file
            inline(el(node, NAME_ELEMENTS[n.kind], ref=f"{PREFIX}:{n.ref}"), n.children)
        elif isinstance(n, Rule):  # a blank drawn with underscores: its length, no words
            el(node, "space", dim="horizontal", unit="chars", quantity=str(n.chars), rend="underscore")
        else:  # a new model node must get an encoding before it can be used
            raise TypeError(f"no TEI encoding for {type(n).__name__}")
    return node


def _note_paragraphs(note: etree._Element, paragraphs: list[list[Inline]]) -> None:
    if len(paragraphs) == 1:
        inline(note, paragraphs[0])
    else:
        for para in paragraphs:
            inline(el(note, "p"), para)


# ---------------------------------------------------------------------------
# The text.

BODY_KINDS = {"p", "list", "table"}
CLOSER_KINDS = {"signed", "dateline"}


def block(parent: etree._Element, b: Block, *, demote: bool = False) -> etree._Element:
    """One model block as a TEI element; ``demote`` writes a top or bottom part met mid-text as a paragraph."""
    k = b.kind
    if demote and k in ("salute", "dateline", "signed"):
        k = "p"
    if k == "p":
        p = inline(el(parent, "p", xml_id=b.id, n=b.n), b.content)
        if b.breaks_off:  # the copy stops here: say so, where it stops
            gap = el(p, "gap", reason="witness-ends")
            el(gap, "desc", "The transcription of this witness breaks off here, mid-sentence; "
                            "what follows in the other versions is not in it.")
        return p
    if k == "head":
        if demote:  # a heading in the middle of a text: TEI allows <label> there, not <head>
            return inline(el(parent, "label", xml_id=b.id, type="heading"), b.content)
        return inline(el(parent, "head", xml_id=b.id, type=b.subtype), b.content)
    if k == "fw":
        return inline(el(parent, "fw", xml_id=b.id, type=b.subtype), b.content)
    if k == "pb":
        return el(parent, "pb", n=b.n)
    if k == "rule":  # a typed rule across the page: a boundary, so a milestone
        return el(parent, "milestone", unit="rule", rend=b.subtype)
    if k in ("salute", "dateline", "signed"):
        return inline(el(parent, k, xml_id=b.id), b.content)
    if k == "list":
        lst = el(parent, "list", xml_id=b.id, type=b.subtype)
        if b.content:  # a distribution list's head ("Copies:"); a bulleted list has none
            inline(el(lst, "head"), b.content)
        for item in b.items:
            inline(el(lst, "item"), item)
        if b.rows:
            _table(el(lst, "item"), b.rows)
        return lst
    if k == "table":
        return _table(parent, b.rows, b.id)
    if k == "note":
        note = el(parent, "note", xml_id=b.id, type=b.subtype)
        for para in b.paragraphs:
            inline(el(note, "p"), para)
        return note
    raise ValueError(f"unknown block kind {b.kind!r}")


def _table(parent: etree._Element, rows, xml_id: str = "") -> etree._Element:
    table = el(parent, "table", xml_id=xml_id, rows=str(len(rows)), cols=str(max((len(r) for r in rows), default=0)))
    for row in rows:
        r = el(table, "row")
        for cell in row:
            inline(el(r, "cell"), cell)
    return table


def document_content(div: etree._Element, blocks: list[Block]) -> None:
    """Lay one document's blocks out as TEI's div content model requires.

    A div holds opening parts (headings, opener), then the body, then closing
    parts (closer), and anything after the closer that is not a note or an
    archival mark goes into a postscript (``Разослано:``, ``Shown to cde. …``).
    """
    first_body = next((i for i, b in enumerate(blocks) if b.kind in BODY_KINDS), len(blocks))
    closer_at = next((i for i in range(first_body, len(blocks)) if blocks[i].kind in CLOSER_KINDS), len(blocks))
    if first_body == len(blocks):  # no body: the closing parts are whatever comes after the first body-less run
        closer_at = len(blocks)
    _top(div, blocks[:first_body])
    for b in blocks[first_body:closer_at]:
        block(div, b, demote=True)
    _bottom(div, blocks[closer_at:])


def _top(div: etree._Element, blocks: list[Block]) -> None:
    opener = None
    for k, b in enumerate(blocks):
        if b.kind in ("salute", "dateline"):
            opener = opener if opener is not None else el(div, "opener")
            block(opener, b)
        elif opener is not None and b.kind in ("fw", "pb") and any(
                x.kind in ("salute", "dateline") for x in blocks[k + 1:]):
            block(opener, b)
        else:
            opener = None
            block(div, b)


def _bottom(div: etree._Element, blocks: list[Block]) -> None:
    closer = None
    postscript = None
    for k, b in enumerate(blocks):
        if postscript is not None:
            block(postscript, b, demote=True)
        elif b.kind in BODY_KINDS:
            postscript = el(div, "postscript")
            block(postscript, b)
        elif b.kind in CLOSER_KINDS:
            closer = closer if closer is not None else el(div, "closer")
            block(closer, b)
        elif closer is not None and b.kind in ("fw", "pb") and any(x.kind in CLOSER_KINDS for x in blocks[k + 1:]):
            block(closer, b)
        elif b.kind in ("fw", "pb", "note", "rule"):
            closer = None  # what follows it must not be moved back into it
            block(div, b)
        else:  # a heading or address line after the closing: TEI admits it only in a postscript
            postscript = el(div, "postscript")
            block(postscript, b, demote=True)


def encode_text(tei: etree._Element, t: Transcript) -> None:
    text = el(tei, "text")
    body = el(text, "body")
    originals = [d for d in t.divisions if d.type == "original"]
    for d in t.divisions:
        div = el(body, "div", type=d.type, subtype=None if d.subtype == "translation" else d.subtype,
                 xml_lang=d.lang, xml_id=d.id, source=f"#{t.doc_id}.wit.{d.witness}")
        if d.type == "translation":
            targets = [f"#{o.id}" for o in originals]
            if not targets and (t.header.citation and t.header.citation.archival_refs
                                or _archival_sources(t.header.sources)):
                targets = [f"#{t.doc_id}.ms1"]  # the original is not reproduced: point at its description
            if targets:
                div.set("corresp", " ".join(targets))
        if len(d.documents) == 1:
            document_content(div, d.documents[0])
        else:
            for k, doc in enumerate(d.documents, 1):
                document_content(el(div, "div", type="document", n=str(k), xml_id=f"{d.id}.d{k}"), doc)


def encode_standoff(tei: etree._Element, pairs: list[AlignedPair]) -> None:
    if not pairs:
        return
    standoff = el(tei, "standOff")
    for pair in pairs:
        grp = el(standoff, "linkGrp", type="alignment",
                 corresp=f"#{pair.translation.id} #{pair.original.id}")
        for link in pair.alignment.links:
            targets = " ".join(f"#{i}" for i in link.source + link.target)
            el(grp, "link", type=link.kind, target=targets, cert=f"{link.confidence:.2f}",
               subtype="partial" if link.partial else None)


# ---------------------------------------------------------------------------
# The header.


def encode_header(tei: etree._Element, t: Transcript, edition: Edition, pairs: list[AlignedPair],
                  options: EncodeOptions) -> None:
    h, c = t.header, t.header.citation
    inferred = {i.fact: i for i in t.inferences}
    header = el(tei, "teiHeader")
    file_desc = el(header, "fileDesc")

    title_stmt = el(file_desc, "titleStmt")
    el(title_stmt, "title", h.title, type="main", xml_id=f"{t.doc_id}.title" if "title" in inferred else None)
    corr = t.correspondence
    for who in (corr.senders if corr else []):
        el(title_stmt, "author", who.name, ref=_ref(who.ref))
    edition_editors(title_stmt, edition)
    for funder in h.funders:
        el(title_stmt, "funder", funder)
    if c and c.translator:
        resp = el(title_stmt, "respStmt")
        el(resp, "resp", "translation" + (f" (for {c.translated_for})" if c.translated_for else ""))
        el(resp, "persName", c.translator)
    resp = el(title_stmt, "respStmt")
    el(resp, "resp", f"TEI encoding, converted from the archive's transcript by {PROCESSOR} {options.version}")
    el(resp, "name", edition.publisher.name)

    pub = edition_publisher(file_desc, edition)
    el(pub, "idno", t.doc_id, type="edition")
    el(pub, "idno", f"{edition.base_url}{t.doc_id}.xml", type="URL")
    avail = el(pub, "availability")
    el(avail, "licence", edition.licence.name, target=edition.licence.url)

    notes = [(i, f"#{t.doc_id}.{i.fact}") for i in t.inferences]
    if notes or h.credits:
        notes_stmt = el(file_desc, "notesStmt")
        for credit in h.credits:
            el(notes_stmt, "note", credit, type="credits")
        for inf, _target in notes:
            note = el(notes_stmt, "note", type="inferred", subtype=inf.fact)
            note.text = f"{inf.fact.replace('-', ' ').capitalize()} ({inf.value}): {inf.evidence}."

    _source_desc(file_desc, t)
    _encoding_desc(header, t, edition, pairs, options)
    _profile_desc(header, t)
    rev = el(header, "revisionDesc")
    if options.review is not None:  # accepted below the confidence threshold: an editor must check it
        rev.set("status", "needs-review")
    el(rev, "change", f"Encoded from the archive's transcript {t.source.name} by {PROCESSOR} {options.version}.",
       when=options.date)
    if options.review is not None:
        el(rev, "change", f"Read with low confidence ({options.confidence:.2f}): " + "; ".join(options.review)
           + ". Accepted for conversion; needs review against the source.", when=options.date, status="needs-review")


def edition_editors(title_stmt: etree._Element, edition: Edition) -> None:
    """The edition's editors (with their ORCID iDs) in a titleStmt: every file and export names them alike."""
    for editor in edition.editors:
        node = el(title_stmt, "editor", editor.name, role=_token(editor.role or ""))
        if editor.orcid:
            node.set("ref", editor.orcid if editor.orcid.startswith("https://") else f"https://orcid.org/{editor.orcid}")


def edition_publisher(file_desc: etree._Element, edition: Edition) -> etree._Element:
    """A publicationStmt begun with the edition's publisher and place; the caller adds ids and licence."""
    pub = el(file_desc, "publicationStmt")
    el(pub, "publisher", edition.publisher.name)
    if edition.publisher.place:
        el(pub, "pubPlace", edition.publisher.place)
    return pub


def _token(text: str) -> str:
    return re.sub(r"\s+", "-", text.strip().lower())


def _source_desc(file_desc: etree._Element, t: Transcript) -> None:
    h, c = t.header, t.header.citation
    sd = el(file_desc, "sourceDesc")
    bibl = el(sd, "bibl", type="archive-record", xml_id=f"{t.doc_id}.source")
    if c:
        el(bibl, "title", c.title or h.title)
        el(bibl, "date", c.date_text or h.date_text, when=h.date)
        el(bibl, "publisher", c.publisher)
        if c.number:
            el(bibl, "idno", c.number, type="archive")
        if c.url:
            el(bibl, "idno", c.url, type="URL")
        if h.original_language:
            el(bibl, "textLang", h.original_language, mainLang=h.original_lang or None)
        el(bibl, "note", c.text, type="citation")
        for banner in h.banner:
            inline(el(bibl, "note", type="banner"), banner)
        if t.shape != "markdown-export" and not (c.number and c.url):
            el(bibl, "note", NOT_STATED, type="record-information", subtype="not-stated")
    else:
        el(bibl, "title", h.title)
        if h.date:
            el(bibl, "date", h.date_text or h.date, when=h.date)
        if h.publisher:
            el(bibl, "publisher", h.publisher)
        if h.record_id:
            el(bibl, "idno", h.record_id, type="archive")
        if h.original_language:
            el(bibl, "textLang", h.original_language, mainLang=h.original_lang or None)
        el(bibl, "note", _no_citation(t), type="citation")
        for banner in h.banner:
            inline(el(bibl, "note", type="banner"), banner)
    # Facts the page states outside a citation (a web page's Document Information, a FRUS source line).
    for source in h.sources:
        el(bibl, "note", source, type="source")
    for rights in h.rights:
        el(bibl, "note", rights, type="rights")
    if h.doc_type:
        el(bibl, "note", h.doc_type, type="document-type")
    if h.uploaded_text:
        el(bibl, "note", h.uploaded_text, type="uploaded")
    for name, value in h.other:
        el(bibl, "note", value, type="record-information", subtype=_token(name))
    holdings = (c.archival_refs if c else []) + _archival_sources(h.sources)
    for k, ref in enumerate(holdings, 1):
        _ms_desc(sd, ref, f"{t.doc_id}.ms{k}", h.title)
    for k, collection in enumerate(c.collections if c else [], len(holdings) + 1):
        ms = el(sd, "msDesc", xml_id=f"{t.doc_id}.ms{k}")
        ident = el(ms, "msIdentifier")
        parts = [p.strip() for p in collection.split(",")]
        el(ident, "repository", parts[-1])
        for part in parts[:-1]:
            el(ident, "collection", part)
    if t.witnesses:
        lw = el(sd, "listWit")
        for w in t.witnesses.values():
            wit = el(lw, "witness", xml_id=f"{t.doc_id}.wit.{w.key}")
            wit.text = w.label
            if w.printed_number or w.printed_pages:
                wb = el(wit, "bibl")
                if w.printed_number:
                    el(wb, "biblScope", f"№ {w.printed_number}", unit="document", n=w.printed_number)
                if w.printed_pages:
                    pages = w.printed_pages
                    el(wb, "biblScope", f"pp. {pages[0]}–{pages[-1]}" if len(pages) > 1 else f"p. {pages[0]}",
                       unit="page", **{"from": pages[0], "to": pages[-1]})
            if w.source_ref:
                note = el(wit, "note", type="source")
                note.text = "Printed from: "
                _ms_identifier_bibl(note, w.source_ref)
            if not w.listed and w.key != "printed":
                el(wit, "note", "not named in the archive's Contents list", type="listing")


NOT_STATED = "The page's citation gives no record id or address of the document in the archive."


def _no_citation(t: Transcript) -> str:
    """The citation note of a page that gives no citation: what it is and where its facts came from."""
    if not t.header.present:
        return "The transcript has no metadata header: no citation, archive or identifier is known."
    return (f"No citation is given: the source is {SHAPES.get(t.shape, t.shape)}; the facts here were read from "
            "its header lines (see the conversion report).")


def _archival_sources(sources: list[str]) -> list:
    """Source lines that are archival references (``RGASPI, f. 558, op. 11, d. 103, ll. 007``)."""
    refs = [parse_archival_ref(s) for s in sources]
    return [r for r in refs if r.parts]


_PART_LABELS = {"fond": "fond", "opis": "opis", "delo": "delo", "papka": "papka", "listy": "listy"}


def _ms_desc(parent: etree._Element, ref, xml_id: str, title: str) -> None:
    ms = el(parent, "msDesc", xml_id=xml_id)
    ident = el(ms, "msIdentifier")
    el(ident, "repository", ref.repository_name or ref.repository, n=ref.repository if ref.repository_name else None)
    for key, value in ref.parts:
        if key != "listy":
            el(ident, "idno", value, type=_PART_LABELS[key])
    folios = [v for k, v in ref.parts if k == "listy"]
    if folios:
        contents = el(ms, "msContents")
        item = el(contents, "msItem")
        for f in folios:
            a, _, b = f.partition("-")
            el(item, "locus", f, **{"from": a.strip(), "to": (b or a).strip()})
        el(item, "title", title)
    add = el(ms, "additional")
    adm = el(add, "adminInfo")
    el(el(adm, "note", type="citation"), "bibl", ref.text)


def _ms_identifier_bibl(parent: etree._Element, ref) -> None:
    bibl = el(parent, "bibl")
    el(bibl, "orgName", ref.repository, type="archive")
    for key, value in ref.parts:
        el(bibl, "idno" if key != "listy" else "citedRange", value, **({"type": key} if key != "listy" else {"unit": "folio"}))
    append_text(bibl, " ")
    el(bibl, "note", ref.text)


def _encoding_desc(header: etree._Element, t: Transcript, edition: Edition, pairs: list[AlignedPair],
                   options: EncodeOptions) -> None:
    enc = el(header, "encodingDesc")
    app = el(el(enc, "appInfo"), "application", ident="tei-convert", version=options.version)
    el(app, "label", PROCESSOR)
    el(el(enc, "projectDesc"), "p", f"Part of the digital edition {edition.title}"
       + (f": {edition.subtitle}" if edition.subtitle else "") + ".")
    ed = el(enc, "editorialDecl")
    el(ed, "p", "The text follows the archive's transcript word for word: spelling, typing errors and "
                "OCR misreadings are kept. Markdown emphasis became hi, printed page numbers became pb, "
                "archival stamps and marks fw, and square-bracketed insertions of the translator choice "
                "(abbreviation and expansion) or supplied. See the edition's encoding guide.")
    if pairs:
        summary = "; ".join(f"{p.translation.id} to {p.original.id}: {p.alignment.summary()}" for p in pairs)
        el(ed, "p", "Translation units are aligned with the original by a length-based aligner in the manner "
                    "of Gale and Church (1993), anchored on numbered points, numbers and dates; each link in "
                    f"standOff carries its confidence in @cert. {summary}.")


def _ref(entry_id: str) -> str:
    return f"{PREFIX}:{entry_id}" if entry_id else ""


def _uses_authority(tei: etree._Element) -> bool:
    return any((node.get("ref") or "").startswith(f"{PREFIX}:") for node in tei.iter())


def _prefix_def(tei: etree._Element) -> None:
    """Declare auth: (TEI's way of abbreviating pointers) once the file points into the authority file."""
    if not _uses_authority(tei):
        return
    enc = tei.find(f"{T}teiHeader/{T}encodingDesc")
    defs = el(enc, "listPrefixDef")
    prefix = el(defs, "prefixDef", ident=PREFIX, matchPattern="([a-z][a-z0-9-]*)", replacementPattern=REPLACEMENT)
    el(prefix, "p", "Persons, places and organisations: auth:ID is the entry with xml:id ID in the "
                    "edition's authority file.")


def _profile_desc(header: etree._Element, t: Transcript) -> None:
    h = t.header
    prof = el(header, "profileDesc")
    if h.summary:
        abstract = el(prof, "abstract")
        for para in h.summary:
            el(abstract, "p", para)
    if h.date:
        creation = el(prof, "creation")
        el(creation, "date", h.date_text, when=h.date, xml_id=f"{t.doc_id}.date" if not h.present else None,
           **({"cert": "medium"} if not h.present else {}))
    langs = []
    for d in t.divisions:
        if d.lang not in langs:
            langs.append(d.lang)
    if langs:
        usage = el(prof, "langUsage")
        for lang in langs:
            el(usage, "language", LANGUAGE_NAMES.get(lang, lang), ident=lang)
    corr = t.correspondence
    if corr:
        cd = el(prof, "correspDesc", type=corr.kind)
        sent = el(cd, "correspAction", type="sent")
        for p in corr.senders:
            el(sent, "persName", p.name, ref=_ref(p.ref))
        if corr.senders and corr.senders[0].place:
            el(sent, "placeName", corr.senders[0].place, ref=_ref(corr.senders[0].place_ref))
        if h.date:
            el(sent, "date", when=h.date)
        if not corr.senders:
            el(sent, "persName", "unknown")
        if corr.addressees:
            received = el(cd, "correspAction", type="received")
            for p in corr.addressees:
                el(received, "persName", p.name, ref=_ref(p.ref))
            if corr.addressees[0].place:
                el(received, "placeName", corr.addressees[0].place, ref=_ref(corr.addressees[0].place_ref))


# ---------------------------------------------------------------------------
# The whole file.


def encode(t: Transcript, edition: Edition, pairs: list[AlignedPair], options: EncodeOptions) -> etree._Element:
    tei = el(None, "TEI", xml_id=t.doc_id, xml_lang="en")
    encode_header(tei, t, edition, pairs, options)
    encode_text(tei, t)
    encode_standoff(tei, pairs)
    _prefix_def(tei)
    return tei


def serialize(tei: etree._Element, options: EncodeOptions, stamp: str = "") -> bytes:
    """The file's bytes: XML declaration, schema declarations, the converter's stamp, the tree."""
    pis = []
    if options.schema_href:
        pis.append(f'<?xml-model href="{options.schema_href}" type="application/xml" '
                   'schematypens="http://relaxng.org/ns/structure/1.0"?>')
    if options.schematron_href:
        pis.append(f'<?xml-model href="{options.schematron_href}" type="application/xml" '
                   'schematypens="http://purl.oclc.org/dsdl/schematron"?>')
    if stamp:
        pis.append(stamp)
    body = etree.tostring(tei, encoding="unicode", pretty_print=True)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + "".join(p + "\n" for p in pis) + body).encode("utf-8")

