"""The in-memory document model: what the reader understood of one transcript.

The reader (``tei.read``) fills it from the raw text; the encoder (``tei.encode``)
writes it out as TEI.  Nothing here knows about Markdown or about XML, so either
side can change without the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# ---------------------------------------------------------------------------
# Inline content: a paragraph is a list of these.


@dataclass
class Text:
    text: str


@dataclass
class Hi:
    """Emphasis in the transcript (``*…*`` italic, ``**…**`` bold)."""

    rend: str  # "italic" | "bold"
    children: list[Inline]


@dataclass
class LineBreak:
    """An explicit line break (Markdown's two trailing spaces)."""


@dataclass
class PageBreak:
    """A printed page number such as ``- 1020 -``; ``in_word`` when it splits a word."""

    n: str
    in_word: bool = False


@dataclass
class Hyphen:
    """The end-of-page hyphen of a word split across a page break (``указа-``)."""

    text: str = "-"


@dataclass
class NoteRef:
    """A footnote anchor (``*``); ``note`` is None when the transcript lacks its text."""

    marker: str
    note: Block | None = None


@dataclass
class Expansion:
    """``MID [Ministry of Foreign Affairs]``: a translator's expansion of an abbreviation."""

    abbr: str
    expan: str


@dataclass
class Supplied:
    """``[expires]``: words a translator or editor added in square brackets."""

    text: str
    reason: str  # "clarification" | "variant-name"


@dataclass
class Transliteration:
    """``URGENT [vne ocheredi]``: the original wording, transliterated, in brackets."""

    text: str
    lang: str = "ru-Latn"


@dataclass
class DateText:
    """A date in a dateline, with its normalised value."""

    text: str
    when: str
    certain: bool = True
    note: str = ""


@dataclass
class Link:
    text: str
    url: str


@dataclass
class Rule:
    """A typed rule inside a line (``Received by ________``): a blank drawn with underscores, not words."""

    chars: int  # how many underscores the typist drew


@dataclass
class Name:
    """A mention of a person, place or organisation of the authority file (tei.entities)."""

    kind: str  # "person" | "place" | "org"
    ref: str  # the authority entry's id
    children: list[Inline]


Inline = (Text | Hi | LineBreak | PageBreak | Hyphen | NoteRef | Expansion | Supplied | Transliteration | DateText
          | Link | Rule | Name)

# ---------------------------------------------------------------------------
# Blocks: the units of a text.

BLOCK_KINDS = {
    "p",  # paragraph or numbered point (``n`` set)
    "head",  # heading; subtype "number" / "editorial" for a printed collection's
    "fw",  # archival marks: subtype stamp | folio | registry | letterhead | classification
    "pb",  # page break between blocks
    "salute",  # addressee line ("Товарищу СТАЛИНУ И.В.")
    "dateline",  # date (and place) of writing
    "signed",  # signature
    "list",  # distribution list: ``head`` + ``items``
    "table",  # ``rows`` of cells
    "note",  # subtype footnote | source | editorial; ``paragraphs``
    "rule",  # a line of its own drawn with ``___``, ``---`` or ``***``; subtype names the character
}


@dataclass
class Block:
    kind: str
    content: list[Inline] = field(default_factory=list)
    subtype: str | None = None
    n: str | None = None  # number of a numbered point, or of a page break
    items: list[list[Inline]] = field(default_factory=list)  # list items
    rows: list[list[list[Inline]]] = field(default_factory=list)  # table rows
    paragraphs: list[list[Inline]] = field(default_factory=list)  # note paragraphs
    line: int = 0  # 1-based line in the source where the block starts
    id: str = ""  # xml:id, assigned by the reader once the text is complete
    breaks_off: bool = False  # the witness's text stops here, mid-sentence (an incomplete copy)


@dataclass
class Division:
    """One language version of the text: an original or a translation."""

    type: str  # "original" | "translation"
    lang: str  # BCP 47: "ru", "en"
    subtype: str  # "archival" (from the scan) | "printed" (from a document collection) | "translation"
    documents: list[list[Block]]  # one list of blocks per document held in the file
    witness: str = ""  # key into Transcript.witnesses
    id: str = ""

    @property
    def blocks(self) -> list[Block]:
        return [b for doc in self.documents for b in doc]


# ---------------------------------------------------------------------------
# Header facts.


@dataclass
class ArchivalRef:
    """One archival reference: ``AVPRF, Fond 059a, Opis 5a, Delo 5, Papka 11, Listy 120-122``."""

    text: str
    repository: str  # as cited: "AVPRF"
    repository_name: str = ""  # expanded: "Archive of Foreign Policy of the Russian Federation"
    parts: list[tuple[str, str]] = field(default_factory=list)  # ("fond", "059a"), ...
    note: str = ""  # e.g. "Подлинник." of a Russian source note


@dataclass
class Citation:
    text: str
    title: str = ""
    date_text: str = ""
    publisher: str = ""  # "Wilson Center Digital Archive"
    collections: list[str] = field(default_factory=list)  # "CWIHP archive", "Volkogonov Collections, Library of Congress"
    archival_refs: list[ArchivalRef] = field(default_factory=list)
    translator: str = ""
    translated_for: str = ""
    url: str = ""
    number: str = ""  # the archive's document number, from the URL


@dataclass
class Witness:
    key: str  # "scan" | "printed" | "translation-en" ...
    label: str  # as the archive's Contents list names it, or a description
    lang: str
    listed: bool  # named in the Contents list
    printed_pages: list[str] = field(default_factory=list)
    printed_number: str = ""
    source_ref: ArchivalRef | None = None  # "Печ. по: АП РФ. Ф. 3 …"


@dataclass
class Inference:
    """A header fact the transcript did not state, and what it was inferred from."""

    fact: str  # "date" | "title" | "author" | "addressee" | "original-language" | "language"
    value: str
    evidence: str


@dataclass
class Party:
    name: str
    place: str = ""
    ref: str = ""  # the authority entry the name is (tei.entities), when one matched
    place_ref: str = ""


@dataclass
class Correspondence:
    kind: str  # "telegram" | "letter" | "message" | "memorandum"
    senders: list[Party] = field(default_factory=list)
    addressees: list[Party] = field(default_factory=list)


@dataclass
class Header:
    date_text: str = ""
    date: str = ""  # ISO
    title: str = ""
    banner: list[list[Inline]] = field(default_factory=list)
    citation: Citation | None = None
    summary: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    funders: list[str] = field(default_factory=list)
    original_language: str = ""  # as stated: "Russian"
    original_lang: str = ""  # code: "ru"
    contents: list[str] = field(default_factory=list)
    present: bool = True  # False when the transcript has no metadata header
    # Facts of the shapes other than the Markdown export (web page, PDF export, FRUS):
    publisher: str = ""  # who publishes the page, when no Citation names it
    sources: list[str] = field(default_factory=list)  # archival source lines, as given ("RGASPI, f. 558, …")
    record_id: str = ""  # the archive's record id ("Record ID", a FRUS document number)
    rights: list[str] = field(default_factory=list)
    doc_type: str = ""  # the archive's type of document ("Telegram")
    uploaded: str = ""  # ISO date the archive uploaded the document
    uploaded_text: str = ""
    other: list[tuple[str, str]] = field(default_factory=list)  # further labelled facts, kept word for word


@dataclass
class Transcript:
    source: Path
    header: Header
    divisions: list[Division]
    witnesses: dict[str, Witness]
    correspondence: Correspondence | None
    inferences: list[Inference]
    warnings: list[str]
    doc_id: str
    body_lines: list[int]  # 1-based lines holding the document's text, for the conservation check
    shape: str = "markdown-export"  # the shape of page it was read from (tei.shapes.SHAPES)
    found: list = field(default_factory=list)  # tei.shapes.Found: each header fact and where it was read
    omitted: list[tuple[int, str, str]] = field(default_factory=list)  # lines not the document's: (line, text, why)
    fallback_paragraphs: int = 0  # blocks that became paragraphs for want of any other reading
