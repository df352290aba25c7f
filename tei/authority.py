"""The edition's authority file: its persons, places and organisations (corpus/authority.xml).

A TEI file whose standOff holds listPerson, listPlace and listOrg.  Each entry has
an xml:id (what the documents' ``@ref="auth:ID"`` name), its names in Russian and
English (``type="main"`` the form an index shows, ``variant`` and ``pseudonym`` the
other forms the sources use), and where known its dates, Wikidata id and a note.
The converter reads it to recognise names (tei/entities.py); ``tei entities``
writes a review file in the same shape, whose entries an editor accepts into it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from tei.files import write_atomically

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
T = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"

FILE_NAME = "authority.xml"  # in the edition folder, beside edition.toml
PREFIX = "auth"  # the documents point at an entry as auth:ID (a prefixDef in their header)
# Where auth:ID leads, relative to a document in corpus/tei/: the prefixDef's replacementPattern.
REPLACEMENT = f"../{FILE_NAME}#$1"
KINDS = {"person": "persName", "place": "placeName", "org": "orgName"}  # entry element -> its name element
LISTS = {"person": "listPerson", "place": "listPlace", "org": "listOrg"}
WIKIDATA = "http://www.wikidata.org/entity/"  # Wikidata's concept URI of an item


class AuthorityError(Exception):
    """An authority or review file that cannot be read or merged; the message names the file."""


@dataclass(frozen=True)
class Name:
    text: str
    lang: str  # "ru" | "en" | ...
    type: str = "variant"  # "main" | "variant" | "pseudonym"


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str  # "person" | "place" | "org"
    names: tuple[Name, ...]
    wikidata: str = ""  # "Q855", only when confirmed
    birth: str = ""
    death: str = ""
    note: str = ""

    def main(self, lang: str) -> str:
        """The entry's name in a language (its main form, else its first), or ""."""
        forms = [n for n in self.names if n.lang == lang]
        return next((n.text for n in forms if n.type == "main"), forms[0].text if forms else "")

    @property
    def uri(self) -> str:
        return WIKIDATA + self.wikidata if self.wikidata else ""


@dataclass(frozen=True)
class Authority:
    """The entries, in file order, and the SHA-256 of the file they were read from."""

    entries: tuple[Entry, ...]
    sha256: str = ""
    path: str = ""
    by_id: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        self.by_id.update({e.id: e for e in self.entries})

    def get(self, ref: str) -> Entry | None:
        """The entry a pointer names: ``auth:molotov`` or ``molotov``."""
        return self.by_id.get(ref.removeprefix(f"{PREFIX}:"))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_blank_text=False)


def parse(data: bytes, name: str = FILE_NAME) -> Authority:
    """Read an authority file's bytes; raises AuthorityError naming the file."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise AuthorityError(f"{name}: not well-formed XML: {exc}") from exc
    if root.tag != f"{T}TEI" or root.find(f"{T}standOff") is None:
        raise AuthorityError(f"{name}: not an authority file (a TEI document whose standOff holds "
                             "listPerson, listPlace and listOrg)")
    entries = []
    for kind, name_tag in KINDS.items():
        for node in root.iterfind(f"{T}standOff/{T}{LISTS[kind]}/{T}{kind}"):
            entry_id = node.get(XML_ID, "")
            if not entry_id:
                raise AuthorityError(f"{name}:{node.sourceline}: a {kind} has no xml:id: give it one "
                                     "(lower case, hyphens: kim-il-sung)")
            names = tuple(Name(" ".join("".join(n.itertext()).split()), n.get(XML_LANG, ""), n.get("type", "variant"))
                          for n in node.iterfind(f"{T}{name_tag}"))
            wikidata = node.findtext(f"{T}idno[@type='wikidata']") or ""
            birth, death = node.find(f"{T}birth"), node.find(f"{T}death")
            note = node.find(f"{T}note")
            entries.append(Entry(entry_id, kind, names, wikidata.strip(),
                                 birth.get("when", "") if birth is not None else "",
                                 death.get("when", "") if death is not None else "",
                                 " ".join("".join(note.itertext()).split()) if note is not None else ""))
    seen: set[str] = set()
    for e in entries:
        if e.id in seen:
            raise AuthorityError(f"{name}: xml:id {e.id!r} is used by two entries: ids must be unique")
        seen.add(e.id)
    return Authority(tuple(entries), hashlib.sha256(data).hexdigest(), name)


def load(path: Path) -> Authority:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise AuthorityError(f"{path}: cannot read the authority file: {exc.strerror or exc}") from exc
    return parse(data, str(path))


def file_of(root: etree._Element, path: Path | str) -> Path | None:
    """The authority file a document points at: its prefixDef auth's replacementPattern
    (../authority.xml#$1) taken relative to the document's file; None when it declares none."""
    patterns = root.xpath("tei:teiHeader/tei:encodingDesc/tei:listPrefixDef/tei:prefixDef[@ident = $p]"
                          "/@replacementPattern", namespaces={"tei": TEI_NS}, p=PREFIX)
    target = str(patterns[0]).split("#")[0].strip() if patterns else ""
    if not target or "://" in target:  # a remote authority file is not read
        return None
    return (Path(path).parent / target).resolve()


def for_edition(edition_file: Path) -> Authority | None:
    """The authority file beside an edition's facts file, or None when the edition has none."""
    path = Path(edition_file).parent / FILE_NAME
    return load(path) if path.is_file() else None


# ---------------------------------------------------------------------------
# The review list: candidates an editor accepts into the authority file.


@dataclass
class Candidate:
    """A name the recogniser found but could not match to an entry."""

    text: str  # as it stands in the text
    kind: str  # "person" | "place" | "org"
    lang: str
    lemma: str  # its normal form (nominative), the key candidates are grouped by
    contexts: list[tuple[str, str]] = field(default_factory=list)  # (unit xml:id, snippet)


def review_file(candidates: list[Candidate], known_ids: set[str]) -> bytes:
    """A TEI file in the authority's shape, one entry per candidate, each with its contexts.

    The editor deletes what is not a name of the edition's, corrects the names, adds the
    English name and the Wikidata id, and runs ``tei entities --accept FILE``.
    """
    root = etree.Element(f"{T}TEI", {XML_ID: "authority-review", XML_LANG: "en"}, nsmap={None: TEI_NS})
    header = etree.SubElement(root, f"{T}teiHeader")
    file_desc = etree.SubElement(header, f"{T}fileDesc")
    etree.SubElement(etree.SubElement(file_desc, f"{T}titleStmt"), f"{T}title").text = \
        "Names found in the edition's documents and not in its authority file: for review"
    etree.SubElement(etree.SubElement(file_desc, f"{T}publicationStmt"), f"{T}p").text = "Not published."
    etree.SubElement(etree.SubElement(file_desc, f"{T}sourceDesc"), f"{T}p").text = (
        "Written by tei entities. Delete the entries that are not persons, places or organisations of "
        "the edition; correct each remaining entry's names (the Russian main form in the nominative, and "
        "an English main form), add its Wikidata id where it is confirmed, and its dates; then run "
        "tei entities --accept with this file. The mention notes are dropped on accepting.")
    stand_off = etree.SubElement(root, f"{T}standOff")
    used = set(known_ids)
    lists = {kind: etree.SubElement(stand_off, f"{T}{LISTS[kind]}") for kind in KINDS}  # in TEI's order
    for c in candidates:
        lst = lists[c.kind]
        entry_id = _new_id(c.lemma, used)
        used.add(entry_id)
        node = etree.SubElement(lst, f"{T}{c.kind}", {XML_ID: entry_id})
        name = etree.SubElement(node, f"{T}{KINDS[c.kind]}", {XML_LANG: c.lang, "type": "main"})
        name.text = c.lemma
        if c.text != c.lemma:
            form = etree.SubElement(node, f"{T}{KINDS[c.kind]}", {XML_LANG: c.lang, "type": "variant"})
            form.text = c.text
        for unit, snippet in c.contexts:
            etree.SubElement(node, f"{T}note", {"type": "mention", "target": f"#{unit}"}).text = snippet
    for lst in lists.values():
        if not len(lst):
            stand_off.remove(lst)
    etree.indent(root, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="utf-8") + b"\n"


def _new_id(text: str, used: set[str]) -> str:
    import iuliia  # romanised ids: the authority's ids are ASCII, like molotov and kim-il-sung

    base = "-".join("".join(ch if ch.isalnum() else " " for ch in iuliia.WIKIPEDIA.translate(text).lower()).split())
    base = "".join(ch for ch in base if ch.isascii()) or "entry"
    if not base[0].isalpha():
        base = "e-" + base
    candidate, k = base, 2
    while candidate in used:
        candidate, k = f"{base}-{k}", k + 1
    return candidate


def accept(authority_path: Path, review_path: Path) -> list[str]:
    """Add the entries of a reviewed file to the authority file; returns the ids added.

    Each entry must have an xml:id not yet used and a main name in Russian and in
    English; the review's mention notes are dropped.  Raises AuthorityError, naming
    the file and entry, and changes nothing, if any entry is not ready.
    """
    try:
        tree = etree.parse(str(authority_path), _parser())
        review = etree.parse(str(review_path), _parser())
    except (OSError, etree.XMLSyntaxError) as exc:
        raise AuthorityError(f"cannot read {exc}") from exc
    current = parse(etree.tostring(tree), str(authority_path))
    used = set(current.by_id)
    stand_off = tree.getroot().find(f"{T}standOff")
    problems, added = [], []
    moves: list[tuple[str, etree._Element]] = []
    for kind, name_tag in KINDS.items():
        for node in review.getroot().iterfind(f"{T}standOff/{T}{LISTS[kind]}/{T}{kind}"):
            entry_id = node.get(XML_ID, "")
            where = f"{review_path}:{node.sourceline}"
            if not entry_id or entry_id in used:
                problems.append(f"{where}: {kind} {entry_id!r}: " + ("no xml:id" if not entry_id else
                                "this xml:id is in the authority file already: choose another, or delete "
                                "the entry if it is the same"))
                continue
            langs = {n.get(XML_LANG) for n in node.iterfind(f"{T}{name_tag}[@type='main']")}
            missing = [lang for lang in ("ru", "en") if lang not in langs]
            if missing:
                problems.append(f"{where}: {kind} {entry_id!r} has no main name in " + " and ".join(missing)
                                + f": add {name_tag} xml:lang=\"…\" type=\"main\"")
                continue
            for note in node.findall(f"{T}note[@type='mention']"):
                node.remove(note)
            used.add(entry_id)
            added.append(entry_id)
            moves.append((kind, node))
    if problems:
        raise AuthorityError("\n".join(problems))
    for kind, node in moves:
        lst = stand_off.find(f"{T}{LISTS[kind]}")
        if lst is None:
            lst = etree.SubElement(stand_off, f"{T}{LISTS[kind]}")
        lst.append(node)
    etree.indent(tree.getroot(), space="  ")
    data = etree.tostring(tree, encoding="utf-8", xml_declaration=True)
    parse(data, str(authority_path))  # what is written must read back
    write_atomically(Path(authority_path), data.replace(b"<?xml version='1.0' encoding='utf-8'?>",
                                                        b'<?xml version="1.0" encoding="UTF-8"?>') + b"\n")
    return added
