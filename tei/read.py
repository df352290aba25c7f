"""Read an archive transcript into the document model (``tei.model``).

The transcripts are exports of an online archive in loose Markdown: a metadata
header (date, title, Citation, Summary, Credits, Original Language, Contents)
followed by the text of the original and/or of its translation.  Every export
is formatted a little differently, so the reader works from general signals
(labels, scripts, line shapes, position in the document) and never from a
particular file.  Each decision is described in docs/encoding-guide.md.

Pages come in other shapes too (the archive's web page and PDF export as text,
FRUS documents, bare transcripts): ``tei.shapes`` recognises the shape and reads
the header facts with this module's helpers, and says which lines are the text.

Stages, each a function from data to data:
  decode -> shape and header (tei.shapes) -> raw blocks -> language runs ->
  versions -> documents -> block kinds -> inline markup -> footnotes -> ids.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tei import dates
from tei.conserve import FRUS_PAGE, GLUED_MARK, YEAR_MARK
from tei.model import (
    ArchivalRef,
    Block,
    Citation,
    Correspondence,
    DateText,
    Division,
    Expansion,
    Header,
    Hi,
    Hyphen,
    Inference,
    Inline,
    LineBreak,
    Link,
    NoteRef,
    PageBreak,
    Party,
    Rule,
    Supplied,
    Text,
    Transcript,
    Transliteration,
    Witness,
)


class ReadError(Exception):
    """The file cannot be read as a transcript; the message says why."""

    def __init__(self, path: Path, message: str, line: int = 0):
        self.path, self.message, self.line = path, message, line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


# ---------------------------------------------------------------------------
# Decoding: UTF-8 first; legacy Russian code pages detected, or refused.

_LEGACY_ENCODINGS = ["cp1251", "koi8_r", "cp866", "mac_cyrillic"]


def decode(data: bytes, path: Path) -> str:
    if not data.strip():
        raise ReadError(path, "the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif b"\x00" in data[:8192] or _control_ratio(data[:8192]) > 0.05:
        raise ReadError(path, "this is a binary file, not a text transcript")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            text = _decode_legacy(data, path, exc)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text


def _control_ratio(data: bytes) -> float:
    bad = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    return bad / max(len(data), 1)


def _decode_legacy(data: bytes, path: Path, exc: UnicodeDecodeError) -> str:
    """Decode a file that is not UTF-8: a single-byte Cyrillic code page or nothing.

    charset-normalizer ranks the candidates; we then insist that the result reads
    as Russian (mostly lower-case Cyrillic letters), because a wrong code page
    still "decodes" without error, into nonsense.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_LEGACY_ENCODINGS).best()
    candidates = ([best.encoding] if best else []) + _LEGACY_ENCODINGS
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _reads_as_russian(text):
            return text
    raise ReadError(
        path,
        f"the file is not UTF-8 (invalid byte at offset {exc.start}) and is not "
        "Russian text in cp1251, KOI8-R, cp866 or Mac Cyrillic; convert it to UTF-8",
    )


def _reads_as_russian(text: str) -> bool:
    cyr = [c for c in text if "\u0400" <= c <= "\u04ff"]
    if len(cyr) < 20:
        return False
    lower = sum(1 for c in cyr if c.islower())
    common = sum(1 for c in cyr if c.lower() in "оеаинтсрвл")
    return lower / len(cyr) > 0.6 and common / len(cyr) > 0.35


# ---------------------------------------------------------------------------
# Small text helpers.

_MD_EMPH = re.compile(r"\*\*|(?<!\\)\*|\\(?=[*_\\\[\]#|`-])")


@lru_cache(maxsize=8192)  # asked of the same block text many times while its kind is decided
def plain(text: str) -> str:
    """Text without Markdown emphasis marks and escapes, whitespace collapsed."""
    return re.sub(r"\s+", " ", _MD_EMPH.sub("", text)).strip()


def _letters(text: str) -> tuple[int, int]:
    cyr = sum(1 for c in text if "\u0400" <= c <= "\u04ff")
    lat = sum(1 for c in text if c.isascii() and c.isalpha())
    return cyr, lat


def script_language(text: str) -> str | None:
    """ru for Cyrillic, en for Latin; None when there are too few letters to tell."""
    cyr, lat = _letters(text)
    if cyr + lat < 4:
        return None
    return "ru" if cyr > lat else "en"


LANGUAGE_CODES = {
    "russian": "ru", "english": "en", "chinese": "zh", "korean": "ko", "german": "de",
    "french": "fr", "polish": "pl", "czech": "cs", "hungarian": "hu", "mongolian": "mn",
    "vietnamese": "vi", "japanese": "ja", "ukrainian": "uk", "bulgarian": "bg",
    "romanian": "ro", "serbian": "sr", "spanish": "es", "italian": "it",
}
LANGUAGE_NAMES = {code: name.capitalize() for name, code in LANGUAGE_CODES.items()}

# Archives the citations name, by their usual abbreviations (Latin and Russian).
ARCHIVES = {
    "APRF": ("Archive of the President of the Russian Federation", ["АП РФ", "АПРФ"]),
    "AVPRF": ("Archive of Foreign Policy of the Russian Federation", ["АВП РФ", "АВПРФ"]),
    "RGASPI": ("Russian State Archive of Social and Political History", ["РГАСПИ"]),
    "RGANI": ("Russian State Archive of Contemporary History", ["РГАНИ"]),
    "GARF": ("State Archive of the Russian Federation", ["ГА РФ", "ГАРФ"]),
    "TsAMO": ("Central Archive of the Ministry of Defence of the Russian Federation", ["ЦАМО"]),
}

# ---------------------------------------------------------------------------
# Header.

_LABEL = re.compile(
    r"^\s*\**\s*(citation|summary|credits|original languages?|contents)\s*:?\s*\**\s*:?\s*$",
    re.IGNORECASE,
)
_WITNESS_LINE = re.compile(
    r"^(original scan|original|transcription|transcript|"
    r"(?:translation|original)\s*[-–—]\s*[A-Za-z]+)$",
    re.IGNORECASE,
)
_URL = re.compile(r"<(https?://[^>\s]+)>|\[([^\]]*)\]\((https?://[^)\s]+)\)|(https?://[^\s<>()]+)")


@dataclass
class _HeaderScan:
    header: Header
    body_start: int  # index into lines


def _blocks_of(lines: list[str]) -> list[list[str]]:
    blocks, cur = [], []
    for line in lines:
        if line.strip():
            cur.append(line)
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


def _para(lines: list[str]) -> str:
    return plain(" ".join(line.strip() for line in lines))


def _is_date_line(text: str) -> dates.DateMatch | None:
    text = plain(text)
    m = dates.parse_date(text)
    if m and len(text) - len(m.text) <= 3:
        return m
    return None


def read_header(lines: list[str], path: Path) -> _HeaderScan:
    labels = [(i, _LABEL.match(line).group(1).lower()) for i, line in enumerate(lines[:120]) if _LABEL.match(line)]
    if not any(name == "citation" for _, name in labels):
        return _HeaderScan(Header(present=False), 0)
    header = Header()
    first = labels[0][0]
    # Before the first label: banner lines of the archive, the date, the title.
    date_at = None
    for i in range(first):
        if lines[i].strip() and _is_date_line(lines[i]):
            date_at = i
            break
    if date_at is None:
        raise ReadError(path, "the metadata header has no date line before 'Citation:'", first + 1)
    m = _is_date_line(lines[date_at])
    header.date_text, header.date = m.text, m.iso
    header.banner = [parse_inline(block_text(b)) for b in _blocks_of(lines[:date_at])]
    header.title = _para([ln for ln in lines[date_at + 1:first] if ln.strip()])
    if not header.title:
        raise ReadError(path, "the metadata header has no title between the date and 'Citation:'", date_at + 1)

    body_start = len(lines)
    for k, (i, name) in enumerate(labels):
        end = labels[k + 1][0] if k + 1 < len(labels) else len(lines)
        section = lines[i + 1:end]
        if k + 1 == len(labels):  # the last section ends where the body begins
            section, body_start = _last_section(name, lines, i + 1)
        paras = [_para(b) for b in _blocks_of(section)]
        if name == "citation":
            header.citation = parse_citation(" ".join(line.strip() for line in section if line.strip()))
        elif name == "summary":
            header.summary = paras
        elif name == "credits":
            header.credits = paras
            header.funders = [m.group(1).strip().rstrip(".") for p in paras
                              for m in [re.search(r"support from (?:the )?(.+)$", p, re.I)] if m]
        elif name.startswith("original language"):
            header.original_language = " ".join(paras)
            header.original_lang = LANGUAGE_CODES.get(header.original_language.lower().split()[0], "") if paras else ""
        elif name == "contents":
            header.contents = [plain(ln) for ln in section if ln.strip()]
    return _HeaderScan(header, body_start)


def _last_section(name: str, lines: list[str], start: int) -> tuple[list[str], int]:
    """The last label's section: Contents runs while lines name witnesses; others are one paragraph."""
    i = start
    while i < len(lines) and not lines[i].strip():
        i += 1
    if name == "contents":
        while i < len(lines) and (not lines[i].strip() or _WITNESS_LINE.match(plain(lines[i]))):
            i += 1
    else:
        while i < len(lines) and lines[i].strip():
            i += 1
    return lines[start:i], i


def parse_citation(text: str) -> Citation:
    cit = Citation(text=plain(text))
    rest = text
    url = _URL.search(rest)
    if url:
        cit.url = next(g for g in url.groups() if g and g.startswith("http"))
        rest = (rest[: url.start()] + rest[url.end():]).strip()
        number = re.search(r"/document/(\d+)", cit.url)
        cit.number = number.group(1) if number else ""
    # "Title", date, … — or, American style, "Title," date, …
    m = re.match(r'\s*["“](?P<title>.+?),?["”]\s*,?\s*(?P<rest>.*)$', plain(rest))
    if not m:
        return cit
    cit.title, rest = m.group("title"), m.group("rest")
    d = dates.parse_date(rest)
    if d and d.start == 0:
        cit.date_text = d.text
        rest = rest[d.end:].lstrip(" ,")
    publisher, _, rest = rest.partition(",")
    cit.publisher = publisher.strip()
    tr = re.search(r"\.?\s*Translated (?:for (?P<for>.+?) )?by (?P<who>[^.;]+)\.?", rest)
    if tr:
        cit.translator, cit.translated_for = tr.group("who").strip(), (tr.group("for") or "").strip()
        rest = rest[: tr.start()] + rest[tr.end():]
    rest = rest.strip().rstrip(".").strip()
    # Holdings are separated by ";" or by " and " before another archive's reference.
    for part in re.split(r";\s*|\s+and\s+(?=[A-Z][\w]*,\s*Fond\b)", rest):
        part = part.strip().rstrip(".")
        if not part:
            continue
        if re.search(r"\bFond\b", part):
            cit.archival_refs.append(parse_archival_ref(part))
        else:
            cit.collections.append(part)
    return cit


_EN_PARTS = {"fond": "fond", "opis": "opis", "delo": "delo", "papka": "papka", "listy": "listy",
             "list": "listy", "folio": "listy", "folios": "listy", "pages": "listy"}
_EN_ABBREVIATIONS = {"f": "fond", "op": "opis", "d": "delo", "p": "papka", "l": "listy", "ll": "listy"}
_RU_PARTS = {"ф": "fond", "оп": "opis", "д": "delo", "п": "papka", "л": "listy", "лл": "listy"}


def parse_archival_ref(text: str) -> ArchivalRef:
    """``AVPRF, Fond 059a, Opis 5a, Delo 5, Papka 11, Listy 120-122``."""
    repo = text.split(",")[0].strip()
    ref = ArchivalRef(text=text, repository=repo, repository_name=_archive_name(repo))
    for m in re.finditer(r"\b(Fond|Opis|Delo|Papka|Listy|List|Folios?|Pages|f|op|d|p|ll|l)(?:\s+|\.\s*)([^,;]+)",
                         text[len(repo):]):
        key = m.group(1).lower()
        ref.parts.append((_EN_PARTS.get(key) or _EN_ABBREVIATIONS[key], m.group(2).strip().rstrip(".")))
    return ref


def parse_russian_source_note(text: str) -> ArchivalRef | None:
    """``АП РФ. Ф. 3. Оп. 65. Д. 830. Л. 148-150. Подлинник.``"""
    m = re.match(r"\s*(?P<repo>.+?)\.?\s+(?=[ФфОоДд][пП]?\.\s*\d)", text)
    if not m:
        return None
    repo = m.group("repo").strip().rstrip(".")
    ref = ArchivalRef(text=text.strip(), repository=repo, repository_name=_archive_name(repo))
    end = m.end()
    for part in re.finditer(r"\b(Ф|ф|Оп|оп|Д|д|П|п|Л|л|Лл|лл)\.\s*([\w\-–]+)", text[m.end():]):
        ref.parts.append((_RU_PARTS[part.group(1).lower()], part.group(2)))
        end = m.end() + part.end()
    ref.note = text[end:].strip(" .") + ("." if text[end:].strip(" .") else "")
    return ref


def _archive_name(abbr: str) -> str:
    for key, (name, russian) in ARCHIVES.items():
        if abbr.replace(" ", "") in {key, *[r.replace(" ", "") for r in russian]}:
            return name
    m = re.match(r"(.+?)\s*\((\w+)\)$", abbr)  # "Archive of the President … (APRF)"
    return m.group(1) if m else ""


# ---------------------------------------------------------------------------
# Body: raw blocks.


@dataclass
class RawBlock:
    lines: list[str]
    line: int  # 1-based line number of the first line
    blank_before: int  # blank lines before it
    lang: str | None = None
    kind: str = ""
    subtype: str | None = None
    n: str | None = None
    extra: list[RawBlock] = field(default_factory=list)  # items / note paragraphs joined to it
    fallback: bool = False  # became a paragraph because nothing else fitted (the report counts these)

    @property
    def text(self) -> str:
        return block_text(self.lines)

    @property
    def plain(self) -> str:
        return plain(" ".join(self.lines))


def block_text(lines: list[str]) -> str:
    """Join a block's lines; a hard break (two trailing spaces or a backslash) becomes U+E001."""
    out = []
    for k, line in enumerate(lines):
        last = k == len(lines) - 1
        hard = line.endswith("  ") or line.endswith("\\")
        line = line.strip()
        if hard and line.endswith("\\") and not line.endswith("\\\\"):
            line = line[:-1]
        out.append(line + ("" if last else (HARD_BREAK if hard else " ")))
    return "".join(out).strip()


HARD_BREAK = "\ue001"
PB_IN_WORD = "\ue010"  # PB_IN_WORD n PB_END: a page break splitting a word
PB_BETWEEN = "\ue012"
PB_END = "\ue011"
NOTE_MARK = "\ue020"  # NOTE_MARK n PB_END: a numbered footnote mark
_NUMBERED = re.compile(r"^(\d+(?:-\d+)?)\s*[.)]\s*-?\s*(?=\S)")
_TABLE_LINE = re.compile(r"^(?:[-*+]\s+)?\|")


def raw_blocks(lines: list[str], offset: int, breaks: str = "blank") -> list[RawBlock]:
    """Blocks of lines.  ``breaks`` says where the source ends a paragraph: at a blank line
    (the Markdown export), at every line break (web text), or where a line that ends a
    sentence is also short of the text's width (PDF text, whose extractor wrapped the rest)."""
    blocks: list[RawBlock] = []
    cur: list[str] = []
    start, blanks, blank_run = 0, 0, 0
    width = _text_width(lines) if breaks == "wrapped" else 0
    longest = _longest_line(lines) if breaks == "wrapped" else 0
    for i, line in enumerate(lines):
        if line.strip():
            if cur and (breaks == "line" or breaks == "wrapped" and (_ends_paragraph(cur[-1], width) or
                                                                      _not_a_wrap(cur[-1], line, longest))):
                blocks.append(RawBlock(cur, offset + start + 1, blanks))
                cur, blank_run = [], 0
            if not cur:
                # Web text spaces its lines anyhow: there a run of blank lines is not a gap between documents.
                start, blanks = i, min(blank_run, 1) if breaks == "line" else blank_run
            cur.append(line)
            blank_run = 0
        else:
            if cur:
                blocks.append(RawBlock(cur, offset + start + 1, blanks))
                cur = []
            blank_run += 1
    if cur:
        blocks.append(RawBlock(cur, offset + start + 1, blanks))
    return [piece for b in blocks for piece in _split_numbered_lines(b)]


def _text_width(lines: list[str]) -> int:
    """The width the extractor wrapped at: the length most full lines come near."""
    lengths = sorted(len(line.rstrip()) for line in lines if len(line.strip()) > 30)
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def _longest_line(lines: list[str]) -> int:
    """The longest line of words: no extractor wraps a line shorter than that (a line ending in a
    long unbreakable token, a URL, may stand out beyond the width, so it does not count)."""
    return max((len(line.rstrip()) for line in lines if line.split() and len(line.split()[-1]) < 30), default=0)


def _not_a_wrap(line: str, following: str, longest: int) -> bool:
    """A line the next line's first word would have fitted on was not wrapped: the line ended there
    ("ALL-UNION COMMUNIST PARTY (bolsheviks), CENTRAL COMMITTEE" / "No. P84/422 …").  Only before a
    capital or a digit, since character counts stand in for a proportional font's widths."""
    first = following.split()[0]
    return bool(longest) and (first[0].isupper() or first[0].isdigit()) and \
        len(line.rstrip()) + 1 + len(first) <= longest


def _ends_paragraph(line: str, width: int) -> bool:
    if not width:  # no line reaches a wrapping width: each line stands as written
        return True
    line = line.rstrip()
    return bool(_SENTENCE_END.search(line)) and len(line) < 0.8 * width or len(line) < 0.5 * width


def _split_numbered_lines(block: RawBlock) -> list[RawBlock]:
    """A block whose lines are numbered points (``1. …\\n2. …``) is one unit per point."""
    starts = [k for k, line in enumerate(block.lines) if _NUMBERED.match(line.strip())]
    if len(starts) < 2 or starts[0] != 0 or any(_TABLE_LINE.match(ln.strip()) for ln in block.lines):
        return [block]
    bounds = starts + [len(block.lines)]
    return [RawBlock(block.lines[a:b], block.line + a, block.blank_before if a == 0 else 0)
            for a, b in zip(bounds, bounds[1:])]


# ---------------------------------------------------------------------------
# Block kinds.

_PAGE_NUMBER = re.compile(r"^[-–—]\s*(\d+)\s*[-–—]$")
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,}|(?:\\_){3,}|(?:_ ){2,}_|[—–]{3,})$")
# Underscores drawn as a blank inside a line (``№ ______``, ``_ _ _ _``): markup, not words.
RULE_IN_LINE = r"_{3,}|(?:_ ){2,}_"
_RULE_NAMES = {"-": "hyphen", "*": "asterisk", "_": "underscore", "\\": "underscore", "—": "dash", "–": "dash"}
_FOOTNOTE_TEXT = re.compile(r"^(?:\\\*|\*(?=\s))\s*(?=\S)")
_SOURCE_NOTE = re.compile(r"^(Печ\.\s*по|Printed from|Source)\s*:", re.I)
_EDITORIAL_NOTE = re.compile(r"^(Справка|Примечание|Editor's note|Note)\s*:", re.I)
_DISTRIBUTION = re.compile(r"^(Разослано|Копии|Копия|Рассылка|Copies|Copy to|Distribution(?: list)?\b[^:]{0,20})\s*:",
                           re.I)
_CLASSIFICATION = re.compile(
    r"^(совершенно секретно|секретно|не секретно|строго секретно|вне очереди|особая папка|срочно|"
    r"весьма срочно|строго секретно|"
    r"top secret|strictly secret|secret|not secret|top priority|special file|extremely urgent|very urgent|urgent|"
    r"strictly confidential|confidential|making copies prohibited|"
    r"reproduction prohibited|copying prohibited|highest priority|priority|eyes only|personal)"
    r"[.!]?$",
    re.I,
)
_REGISTRY = re.compile(
    r"^(№|No\.|N\s*\d|#|Copy\s*(?:N[º°o]|№|No\.?)\s*\d|Исход|Исх\.|Вх\.|Служ\.|Окз\.|Отп\.|Экз\.|Получена|Отправлена|Received|Sent|"
    r"Incoming\s+(?:N[º°o]|№|No)|Outgoing\s+(?:N[º°o]|№|No)|Ref\.\s*(?:N[º°o]|№|No)|Tenth Department\b.*\bReceived\b|"
    r"(?:Ciphered Telegram|Cable|Шифртелеграмма|Телеграмма)\s*(?:#|No\.?|№|N[º°])\s*\d)",
    re.I
)
# A telegram's transmission record in the archive's English, longer than a mark:
# "from SOCHI sent at 1450 3 December 1946", "Deciphered at 1530 … Two copies printed. …"
_TRANSMISSION = re.compile(
    r"^(?:Deciphered|Decoded|Dispatched)\s+at\s+\d{3,4}\b|^arrived\b.{0,60}\bat\s+\d{3,4}\b|"
    r"^(?:Sent|Received|Arrived|Deciphered|Decoded|Typed|Dispatched)\b.{0,60}\bat\s+\d{1,2}:\d{2}\b|"
    r"^from\s+(?:[A-Z]{3,}\b)?.{0,30}\b(?:sent|received)\s+at\s+\d{3,4}\b", re.I)
_LETTERHEAD = re.compile(
    r"пролетарии всех стран|центральный комитет|central committee|^мид ссср|^mid ussr$|^mfa ussr$|^tenth department of the|коммунистическая партия|"
    r"communist party|министерство иностранных дел|ministry of foreign affairs of the ussr|"
    r"главное управление генерального штаба|main directorate of the general staff",
    re.I,
)
_SALUTE = re.compile(
    r"^(To\b|To:|Товарищу|Товарищам|Тов\.|Т\.\s?т\.|Dear\b|Уважаемый|Куда\b|Господину|Comrade\b)", re.I
)
# The name of the form at the head of a telegram, in any case ("Ciphered Telegram.", "Шифртелеграмма").
_FORM_NAME = re.compile(r"^(?:ciphered telegram|cipher telegram|coded telegram|telegram|cable|шифртелеграмма|"
                        r"шифровка|телеграмма)\.?$", re.I)
_ARCHIVAL_DOC_NUMBER = re.compile(r"^[№N]\s*\d+\s*,\s*[IVXІ]+\b")
_COLLECTION_NUMBER = re.compile(r"^№\s*\d+$")
_SENTENCE_END = re.compile(r"[.!?…:;»\"”)]$")


def _mark_line(line: str) -> str | None:
    """The kind of archival mark one short line is, if it is one."""
    text = re.sub(r"\[[^\]]*\]", "", plain(line)).strip()
    if _TRANSMISSION.match(text) and len(text) <= 100:
        return "registry"
    if not text or len(text) > 60:
        return None
    if _CLASSIFICATION.match(text) or _CLASSIFICATION.match(re.sub(r"[\[\]]", "", plain(line)).strip()):
        return "classification"  # "В[есьма] срочно": the translator's expansion inside the mark
    if re.fullmatch(r"\d+(\s+\d+)*", text):
        return "folio"
    if _REGISTRY.match(text) or (text[:1] in "\"«" and "№" in text and len(text) <= 40):
        return "registry"
    cyr, lat = _letters(text)
    if len(text) <= 25 and cyr + lat <= 4 and re.search(r"\d", text):
        return "stamp"
    return None


def _fw_kind(block: RawBlock) -> str | None:
    """Archival marks: a block all of whose lines are short marks (or office notes with a number)."""
    if len(block.plain) > 100:
        return None
    kinds = [_mark_line(line) for line in block.lines]
    if all(kinds):
        for kind in ("classification", "registry", "stamp", "folio"):
            if kind in kinds:
                return kind
    # Several lines: a classification with its form lines ("Top Secret" under "Ciphered Telegram # 13464"),
    # or an office note with its number ("Синие копии воспроизводятся" / "Служ. № 1041-1043").
    others = [plain(ln) for ln, kind in zip(block.lines, kinds) if not kind]
    if len(block.lines) > 1 and any(kinds) and all(len(o) <= 40 for o in others):
        if "classification" in kinds:
            return "classification"
        if not any(re.search(r"\d", o) or _SENTENCE_END.search(o) for o in others):
            return "registry"
    return None


def _is_prose(block: RawBlock) -> bool:
    text = block.plain
    if re.match(r"^\[(?:Handwritten|Stamp|Signature|Seal|Illegible|Resolution|Notation)\b", text) and \
            text.endswith("]"):
        return False  # the translator's description of a mark on the page, not the text's prose
    words = len(text.split())
    return len(text) >= 60 or (words >= 3 and text.endswith((".", "!", "?", ",")) and not _is_name_like(text))


_NAME_TOKEN = re.compile(r"^(?:[A-ZА-ЯЁ]\.)+[A-ZА-ЯЁ]?[\w'’-]*[.,]?$|^[A-ZА-ЯЁ][\w'’-]*[.,]?$|^(?:and|и|&)$")


def _is_name_like(text: str) -> bool:
    """A signature: a few capitalised words or initials (``A. Gromyko``, ``Кузнецов, Федоренко``)."""
    text = re.sub(r"[/()\[\]*]", " ", text)
    tokens = [t for t in re.split(r"[\s,]+", text) if t]
    if not 1 <= len(tokens) <= 6:
        return False
    return all(_NAME_TOKEN.match(t) for t in tokens)


_TRANSMISSION_WORDS = {"sent", "received", "dispatched", "deciphered", "отправлена", "получена", "отправлено",
                       "получено"}


def _date_line(block: RawBlock) -> dates.DateMatch | None:
    """A dateline: the block's first line is a date, perhaps with a time, a place and a footnote mark."""
    first = plain(block.lines[0]).replace("\\", "")
    m = dates.parse_date(first)
    if not m:
        return None
    after = re.sub(r"^\s*[—–-]\s*(?:\d{1,2}(?:[.:]\d{2})?\s*[ap]\.\s?m\.|noon|midnight)", " ", first[m.end:])  # FRUS: —6 p.m.
    leftover = re.sub(r"\d{1,2}[.:]\d{2}|\*|\bг\.|\bгода\b|[,.;]", " ", first[: m.start] + " " + after)
    words = leftover.split()  # what may stand beside the date: a time, a footnote mark, one place name
    if len(words) > 1 or (words and not re.fullmatch(r"[A-ZА-ЯЁ][\w-]+", words[0])):
        return None
    if words and words[0].lower() in _TRANSMISSION_WORDS:  # "Sent 20:50 21.XI.1951": a registry mark
        return None
    if any(not _mark_line(line) for line in block.lines[1:]):
        return None
    return m


def classify(blocks: list[RawBlock], printed: bool) -> None:
    """Give each raw block its kind, using its shape and its place in the document.

    The place matters: a short all-capitals line before the text is a heading,
    after the text it is a signature; an addressee line only opens a document.
    """
    if printed:
        _mark_printed_heads(blocks)
    shape = {id(b): _shape(b) for b in blocks}
    for prev, b in zip(blocks, blocks[1:]):  # a note's continuation paragraphs ("№ 242 (исх. № 6277) …")
        if shape[id(prev)] == "note" and shape[id(b)] == "prose" and _continues_note(b):
            shape[id(b)] = "note"
    prose = [k for k, b in enumerate(blocks) if not b.kind and shape[id(b)] == "prose"]
    first_prose = prose[0] if prose else len(blocks)
    # What follows a distribution list ("Shown to cde. …") is a postscript, not the body.
    lists = [k for k, b in enumerate(blocks) if shape[id(b)] == "list" and k > first_prose]
    prose = [k for k in prose if not lists or k < lists[0]]
    last_prose = prose[-1] if prose else -1
    for k, b in enumerate(blocks):
        if b.kind:
            continue
        text, s = b.plain, shape[id(b)]
        top, bottom = k < first_prose, k > last_prose
        if s == "list" and top and not any(_TABLE_LINE.match(ln.strip()) for ln in b.lines):
            # "Copies: Stalin, Molotov, …" at the head of a ciphered telegram is a line of its form,
            # like the copy numbers: a mark, which leaves the dateline and addressee after it in the opener.
            b.kind, b.subtype = "fw", "distribution"
        elif s in ("head", "list"):
            b.kind = s
        elif s == "date" and (top or bottom):
            b.kind = "dateline"
        elif s.startswith("fw:"):
            b.kind, b.subtype = "fw", s[3:]
        elif s == "letterhead" and top:
            b.kind, b.subtype = "fw", "letterhead"
        elif s == "from" and top:
            b.kind = "dateline"
        elif s == "salute" and k <= first_prose:
            b.kind = "salute"
        elif s == "name" and bottom:
            b.kind = "signed"
        elif top and (len(text) < 80 and text.upper() == text and _letters(text) != (0, 0) or _FORM_NAME.match(text)):
            b.kind = "head"
        else:
            b.kind = "p"
            b.fallback = s != "prose"  # not prose in shape: a paragraph only because nothing else fitted
            m = _NUMBERED.match(text)
            b.n = m.group(1) if m else None


def _shape(b: RawBlock) -> str:
    """What a block looks like, before its place in the document is considered."""
    text = b.plain
    if b.lines[0].lstrip().startswith("#"):
        return "head"
    if _DISTRIBUTION.match(text):
        return "list"
    if _SOURCE_NOTE.match(text) or _EDITORIAL_NOTE.match(text):
        return "note"
    if _date_line(b):
        return "date"
    fw = _fw_kind(b)
    if fw:
        return "fw:" + fw
    if _LETTERHEAD.search(text) and len(text) < 120:
        return "letterhead"
    if text.lower().startswith("from ") and len(text) < 60 or \
            text.lower().startswith("из ") and len(text) < 110 and re.search(r"\d", text):
        return "from"  # "From Pyongyang.", "Из Пекина   22.7.1950 г."
    if _SALUTE.match(text) and len(text) < 80 and len(text.split()) <= 12:
        return "salute"
    if _is_name_like(text) and len(text) < 60:
        return "name"
    return "prose" if _is_prose(b) else "short"


def _mark_printed_heads(blocks: list[RawBlock]) -> None:
    """A document collection opens each entry with its number (``№ 338``) and an editor's title."""
    for k, b in enumerate(blocks):
        if b.kind == "pb":
            continue
        if _COLLECTION_NUMBER.match(b.plain):
            b.kind, b.subtype = "head", "number"
            nxt = next((x for x in blocks[k + 1:] if x.kind != "pb"), None)
            if nxt and not nxt.kind:
                nxt.kind, nxt.subtype, nxt.n = "head", "editorial", None
        return


# ---------------------------------------------------------------------------
# Inline markup.

_STAR = "\ue000"  # a literal or footnote asterisk, kept apart from emphasis asterisks
_INLINE = re.compile(
    r"(?P<bold>\*\*(?=\S)(?P<bt>.+?)(?<=\S)\*\*)"
    r"|(?P<ital>(?<![\w*])\*(?=[^\s*])(?P<it>[^*]+?)(?<=[^\s\\])\*(?![\w*]))"
    r"|(?P<mdlink>\[(?P<lt>[^\]]+)\]\((?P<lu>https?://[^)\s]+)\))"
    r"|(?P<auto><(?P<au>https?://[^>\s]+)>)"
    r"|(?P<br>" + HARD_BREAK + ")"
    r"|(?P<pbw>" + PB_IN_WORD + r"(?P<pbwn>\d+)" + PB_END + ")"
    r"|(?P<pbb>" + PB_BETWEEN + r"(?P<pbbn>\d+)" + PB_END + ")"
    r"|(?P<star>(?<=\S)" + _STAR + ")"
    r"|(?P<mark>" + NOTE_MARK + r"(?P<markn>\d+)" + PB_END + ")"
    r"|(?P<rule>" + RULE_IN_LINE + ")"
)
_ABBR = re.compile(r"(?:^|(?<=\s))(?P<abbr>[A-ZА-ЯЁ]{2,}(?:\([a-zа-я]+\))?)\s*$")
_BRACKET = re.compile(r"\s?\[(?P<content>[^\[\]]+)\]")


def parse_inline(text: str) -> list[Inline]:
    """Markdown-ish inline text to model nodes: emphasis, links, breaks, notes, brackets."""
    text = text.replace("\\*", _STAR)
    # A lone asterisk after a word or number, with no partner to make emphasis, is a footnote mark.
    singles = re.findall(r"(?<!\*)\*(?!\*)", text)
    if len(singles) % 2 == 1:
        text = re.sub(r"(?<=[\w.)])\*(?=[\s.,;:]|$)(?!.*(?<!\*)\*(?!\*))", _STAR, text, count=1)
    text = re.sub(r"\\([_\\\[\]#|`-])", r"\1", text)
    return _parse(text)


def _parse(text: str) -> list[Inline]:
    nodes: list[Inline] = []
    pos = 0
    for m in _INLINE.finditer(text):
        nodes.extend(_text_nodes(text[pos: m.start()]))
        if m.group("bold"):
            nodes.append(Hi("bold", _parse(m.group("bt"))))
        elif m.group("ital"):
            nodes.append(Hi("italic", _parse(m.group("it"))))
        elif m.group("mdlink"):
            nodes.append(Link(m.group("lt"), m.group("lu")))
        elif m.group("auto"):
            nodes.append(Link(m.group("au"), m.group("au")))
        elif m.group("br"):
            nodes.append(LineBreak())
        elif m.group("pbw"):
            nodes.extend([Hyphen(), PageBreak(m.group("pbwn"), in_word=True)])
        elif m.group("pbb"):
            nodes.append(PageBreak(m.group("pbbn")))
        elif m.group("star"):
            nodes.append(NoteRef("*"))
        elif m.group("mark"):
            nodes.append(NoteRef(m.group("markn")))
        elif m.group("rule"):
            nodes.append(Rule(m.group("rule").count("_")))
        pos = m.end()
    nodes.extend(_text_nodes(text[pos:]))
    return [n for n in nodes if not (isinstance(n, Text) and n.text == "")]


def _text_nodes(text: str) -> list[Inline]:
    """Plain text, with square-bracketed insertions made explicit."""
    text = text.replace(_STAR, "*")
    nodes: list[Inline] = []
    pos = 0
    for m in _BRACKET.finditer(text):
        before = text[pos: m.start()]
        content = m.group("content").strip()
        abbr = _ABBR.search(before)
        if abbr and content[:1].isupper():
            nodes.append(Text(before[: abbr.start("abbr")]))
            nodes.append(Expansion(abbr.group("abbr"), content))
        elif abbr and re.fullmatch(r"[a-z' -]+", content):
            nodes.append(Text(before + (" " if m.group(0).startswith(" ") else "")))
            nodes.append(Transliteration(content))
        else:
            prev_word = re.search(r"([\w'’-]+)\s*$", before)
            variant = prev_word and prev_word.group(1)[:1].isupper() and content[:1].isupper() and m.group(0).startswith(" ")
            nodes.append(Text(before + (" " if m.group(0).startswith(" ") else "")))
            nodes.append(Supplied(content, "variant-name" if variant else "clarification"))
        pos = m.end()
    nodes.append(Text(text[pos:]))
    return [n for n in nodes if not (isinstance(n, Text) and n.text == "")]


def tag_dates(nodes: list[Inline]) -> list[Inline]:
    """Wrap the dates found in plain text nodes."""
    out: list[Inline] = []
    for node in nodes:
        if not isinstance(node, Text):
            if isinstance(node, Hi):
                node.children = tag_dates(node.children)
            out.append(node)
            continue
        pos = 0
        for m in dates.find_dates(node.text):
            out.append(Text(node.text[pos: m.start]))
            out.append(DateText(m.text, m.iso, m.certain, m.note))
            pos = m.end
        out.append(Text(node.text[pos:]))
    return [n for n in out if not (isinstance(n, Text) and n.text == "")]


# ---------------------------------------------------------------------------
# The whole transcript.


@dataclass
class ReadOptions:
    source_language: str = "ru"  # the archive's usual original language, for files with no header
    id_prefix: str = "wcda"
    century: int = 1900


def read_transcript(path: Path, options: ReadOptions | None = None) -> Transcript:
    options = options or ReadOptions()
    text = decode(path.read_bytes(), path)
    return parse_transcript(text, path, options)


def parse_transcript(text: str, path: Path, options: ReadOptions | None = None) -> Transcript:
    # Imported here: the front ends use this module's header helpers (citations, dates, languages).
    from tei.shapes import BODY, read_page

    options = options or ReadOptions()
    stripped = text.lstrip()
    if stripped.startswith(("<?xml", "<TEI", "<!DOCTYPE", "<html", "{", "[")) and not stripped.startswith("[digital"):
        raise ReadError(path, "this looks like XML, HTML or JSON, not an archive transcript")
    lines = text.split("\n")
    _refuse_non_xml_characters(lines, path)
    page = read_page(lines, path)
    header = page.header
    # The body reader sees the document's lines only, each at its own line number.
    body = [line if role == BODY else "" for line, role in zip(lines, page.roles)]
    blocks = raw_blocks(body, 0, page.breaks)
    if not blocks:
        raise ReadError(path, "the transcript has a header but no document text")
    warnings: list[str] = []
    # A fact the front end inferred (FRUS: the date from the file number) says so in the TEI, too.
    inferences = [Inference(f.fact, f.value, f.where) for f in page.found if f.where.startswith("inferred")]

    runs = _language_runs(blocks)
    if not header.present:
        _require_document_shape(blocks, path)
    original_lang = header.original_lang
    if not original_lang:
        original_lang = options.source_language
        inferences.append(Inference(
            "original-language", original_lang,
            "assumed: the transcript states no original language, so the edition's default source language "
            f"({LANGUAGE_NAMES.get(original_lang, original_lang)}) is taken"))

    divisions: list[Division] = []
    for lang, run in runs:
        kind = "original" if lang == original_lang else "translation"
        for subtype, version in _versions(run, kind):
            divisions.append(_division(kind, lang, subtype, version, path, warnings, page.footnotes))

    transcript = Transcript(
        source=path, header=header, divisions=divisions, witnesses={}, correspondence=None,
        inferences=inferences, warnings=warnings, doc_id="", body_lines=page.body_lines,
        shape=page.shape, found=page.found, omitted=page.omitted,
        fallback_paragraphs=sum(1 for b in blocks if b.kind == "p" and b.fallback),
    )
    _attach_witnesses(transcript)
    _infer_missing_facts(transcript)
    transcript.correspondence = _correspondence(transcript)
    transcript.doc_id = _doc_id(transcript, options)
    _assign_ids(transcript)
    return transcript


_NON_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _refuse_non_xml_characters(lines: list[str], path: Path) -> None:
    """Control characters cannot be stored in XML: refuse rather than silently drop them."""
    for number, line in enumerate(lines, 1):
        m = _NON_XML.search(line)
        if m:
            raise ReadError(path, f"control character U+{ord(m.group()):04X} in column {m.start() + 1} "
                                  "cannot be represented in XML; remove or replace it", number)


def _require_document_shape(blocks: list[RawBlock], path: Path) -> None:
    """With no header, insist on something a document has: a date, an addressee or a signature."""
    text = "\n".join(b.plain for b in blocks)
    words = re.findall(r"\w+", text)
    code_like = sum(text.count(c) for c in "{};=<>$") / max(len(text), 1)
    if len(words) < 20 or code_like > 0.02 or not dates.find_dates(text):
        raise ReadError(
            path,
            "not an archive transcript: no metadata header (Citation:, Summary:, …) and no dated document text",
        )


def _language_runs(blocks: list[RawBlock]) -> list[tuple[str, list[RawBlock]]]:
    """Group blocks into runs of one language; blocks with too few letters join their neighbours."""
    for b in blocks:
        b.lang = script_language(b.plain)
    runs: list[list] = []
    for b in blocks:
        lang = b.lang or (runs[-1][0] if runs else None)
        if runs and runs[-1][0] in (lang, None):
            runs[-1][0] = runs[-1][0] or lang
            runs[-1][1].append(b)
        else:
            runs.append([lang, [b]])
    # A single block in another language between two runs of one language is a quotation.
    merged: list[list] = []
    for k, (lang, run) in enumerate(runs):
        if (merged and k + 1 < len(runs) and len(run) == 1 and merged[-1][0] == runs[k + 1][0]
                and not _PAGE_NUMBER.match(run[0].plain)):
            merged[-1][1].extend(run)
            continue
        if merged and merged[-1][0] == lang:
            merged[-1][1].extend(run)
        else:
            merged.append([lang, run])
    return [(lang or "und", run) for lang, run in merged]


def _versions(run: list[RawBlock], kind: str) -> list[tuple[str, list[RawBlock]]]:
    """Split an original into the archival version and a printed collection's version.

    A printed version starts with its page number followed by the collection's
    document number (``- 1039 -`` then ``№ 338``).
    """
    if kind == "translation":
        return [("translation", run)]
    starts = [k for k in range(len(run) - 1)
              if _PAGE_NUMBER.match(run[k].plain) and _COLLECTION_NUMBER.match(run[k + 1].plain)]
    if not starts:
        return [("archival", run)]
    out = []
    if starts[0] > 0:
        out.append(("archival", run[: starts[0]]))
    bounds = starts + [len(run)]
    out.extend(("printed", run[a:b]) for a, b in zip(bounds, bounds[1:]))
    return out


def _division(kind: str, lang: str, subtype: str, run: list[RawBlock], path: Path, warnings: list[str],
              footnotes_marked: str = "asterisk") -> Division:
    run = _join_page_breaks(run)
    numbered = footnotes_marked == "numbered"
    run, footnotes = _take_numbered_footnotes(run) if numbered else _take_footnotes(run)
    docs = [part for doc in _split_documents(run) for part in _split_after_closers(doc, subtype == "printed")]
    for doc in docs:
        classify(doc, printed=subtype == "printed")
    documents = [_group_and_convert(doc, footnotes, path, warnings, numbered) for doc in docs]
    if numbered:
        footnotes = _key_by_marks(documents, footnotes, path, warnings)
    _check_footnotes(documents, footnotes, path, warnings)
    _mark_breaking_off(documents, path, warnings)  # an original, or a translation the page cuts short
    return Division(type=kind, lang=lang, subtype=subtype, documents=documents)


def _join_page_breaks(run: list[RawBlock]) -> list[RawBlock]:
    """``- 1020 -`` between blocks: a page break; inside a paragraph when the text runs on."""
    out: list[RawBlock] = []
    k = 0
    while k < len(run):
        b = run[k]
        m = _PAGE_NUMBER.match(b.plain)
        if not m:
            out.append(b)
            k += 1
            continue
        prev, nxt = (out[-1] if out else None), (run[k + 1] if k + 1 < len(run) else None)
        if prev and nxt and prev.kind == "" and nxt.plain[:1].islower():
            tail = prev.lines[-1].rstrip()
            if re.search(r"\w-$", tail):  # a word split across the page: указа- / за
                prev.lines[-1] = tail[:-1] + PB_IN_WORD + m.group(1) + PB_END + nxt.lines[0].lstrip()
            else:
                prev.lines[-1] = tail + " " + PB_BETWEEN + m.group(1) + PB_END + nxt.lines[0].lstrip()
            prev.lines.extend(nxt.lines[1:])
            k += 2
            continue
        b.kind, b.n = "pb", m.group(1)
        out.append(b)
        k += 1
    return out


def _take_footnotes(run: list[RawBlock]) -> tuple[list[RawBlock], dict[str, RawBlock]]:
    """Footnote texts (after a ``---`` rule, starting with their mark) leave the flow of text."""
    out, notes = [], {}
    after_rule = False
    for k, b in enumerate(run):
        if _RULE.match(b.lines[0].strip()) and len(b.lines) == 1:
            after_rule = True
            b.kind, b.subtype = "rule", _RULE_NAMES[b.lines[0].strip()[0]]
            following = run[k + 1].lines[0].strip() if k + 1 < len(run) else ""
            if not _FOOTNOTE_TEXT.match(following):  # a rule in the text, not the line above the footnotes
                out.append(b)
            continue
        first = b.lines[0].strip()
        if after_rule and _FOOTNOTE_TEXT.match(first):
            marker = "*"
            b.lines[0] = _FOOTNOTE_TEXT.sub("", first)
            b.kind, b.subtype = "note", "footnote"
            notes.setdefault(marker, b)
            continue
        out.append(b)
    return out, notes


_NUMBERED_NOTE = re.compile(r"^\s*(?:(?P<n>\d{1,3})\.|[-*•])\s+(?=\S)")
RETURN_ARROW = "↩"


def _take_numbered_footnotes(run: list[RawBlock]) -> tuple[list[RawBlock], dict[str, RawBlock]]:
    """FRUS: the notes stand at the end, each a numbered (or bulleted) item, often with a return arrow.

    They are keyed by their order here ("1", "2", …); ``_key_by_marks`` gives
    them the marks of the text, which the page numbers on its own count.
    """
    k = len(run)
    while k > 0 and _NUMBERED_NOTE.match(run[k - 1].lines[0]) and _is_prose(run[k - 1]):
        k -= 1
    # A numbered last paragraph of the text is not a note: notes come after the text's end (a signature).
    if k == 0 or k == len(run) or _NUMBERED_NOTE.match(run[k - 1].lines[0]) and not run[k].lines[0].strip().endswith(
            RETURN_ARROW):
        return run, {}
    notes = {}
    for order, b in enumerate(run[k:], 1):
        b.lines[0] = re.sub(r"^\s*[-*•]\s+", "", b.lines[0])  # the page's bullet, not the note's words
        b.kind, b.subtype = "note", "footnote"
        notes[str(order)] = b
    return run[:k], notes


def _key_by_marks(documents: list[list[Block]], notes: dict[str, RawBlock], path: Path,
                  warnings: list[str]) -> dict[str, RawBlock]:
    """Match the text's numbered marks, in reading order, with the notes in theirs."""
    marks = [n for doc in documents for b in doc for n in _walk(b) if isinstance(n, NoteRef)]
    if notes and len(marks) != len(notes):
        warnings.append(f"{path}: {len(marks)} numbered note marks in the text but {len(notes)} notes at its end; "
                        "matched in order as far as they go, please check")
    keyed = {}
    orders = sorted(notes, key=int)
    for mark, order in zip(marks, orders):
        keyed[mark.marker] = notes[order]
    for order in orders[len(marks):]:  # notes beyond the marks are kept: _check_footnotes puts them at the end
        keyed[order if order not in keyed else f"{order}-unmarked"] = notes[order]
    return keyed


def _mark_breaking_off(documents: list[list[Block]], path: Path, warnings: list[str]) -> None:
    """A text whose last paragraph stops mid-sentence, with no paragraph or signature after it, is an
    incomplete copy (seed 001's archival copy stops at "… возлагается теперь"; a stored web page may
    stop in the middle of its translation)."""
    doc = documents[-1]
    paragraphs = [k for k, b in enumerate(doc) if b.kind in ("p", "signed")]
    if not paragraphs or doc[paragraphs[-1]].kind != "p":
        return
    last = doc[paragraphs[-1]]
    text = text_of(last).rstrip()
    last_word = text.split()[-1].lstrip(",;([«\"") if text.split() else ""
    # It stops inside a sentence: on a word or a comma, not on a number or mark ("… Nº 382/sh").
    cut = re.fullmatch(r"[^\W\d_]+[,;-]?", last_word) and last_word[:1].islower()
    if len(text) >= 40 and cut and not _SENTENCE_END.search(text) and not re.search(r"[.!?…]\W*$", text):
        last.breaks_off = True
        warnings.append(f"{path}:{last.line}: the text breaks off mid-sentence ('… {text[-30:]}'): encoded as an "
                        "incomplete witness (gap reason=\"witness-ends\")")


def _split_documents(run: list[RawBlock]) -> list[list[RawBlock]]:
    """Several documents in one file: split at a wide gap or at an archival document-number stamp."""
    docs: list[list[RawBlock]] = [[]]
    for b in run:
        has_text = any(_is_prose(x) for x in docs[-1])
        if docs[-1] and has_text and (b.blank_before >= 3 or _ARCHIVAL_DOC_NUMBER.match(b.plain)):
            docs.append([])
        docs[-1].append(b)
    return docs


def _split_after_closers(doc: list[RawBlock], printed: bool) -> list[list[RawBlock]]:
    """A signature followed by a new document's opening marks (a classification) ends a document.

    A Politburo decision signed "SECRETARY CC" and followed by "Top Secret / Top
    Priority" and the text of the telegram it approves holds two documents.
    """
    shapes = [_shape(b) if b.kind not in ("pb", "note") else b.kind for b in doc]
    for k, b in enumerate(doc):
        caps = b.plain.upper() == b.plain and len(b.plain) < 60 and _letters(b.plain) != (0, 0)
        if not (shapes[k] == "name" or caps) or "prose" not in shapes[:k]:
            continue
        j = k + 1
        while j < len(doc) and shapes[j] in ("date", "fw:stamp", "fw:folio", "fw:registry", "pb"):
            j += 1
        if j < len(doc) and shapes[j] == "fw:classification" and "prose" in shapes[j:]:
            return [doc[:j], *_split_after_closers(doc[j:], printed)]
    return [doc]


def _group_and_convert(doc: list[RawBlock], footnotes: dict[str, RawBlock], path: Path,
                       warnings: list[str], numbered: bool = False) -> list[Block]:
    """Raw blocks to model blocks: join notes and lists with their continuations, parse inline."""
    out: list[Block] = []
    k = 0
    while k < len(doc):
        b = doc[k]
        k += 1
        if b.kind in ("pb", "rule"):
            out.append(Block(b.kind, n=b.n, subtype=b.subtype, line=b.line))
            continue
        if b.kind == "p" and (_SOURCE_NOTE.match(b.plain) or _EDITORIAL_NOTE.match(b.plain)):
            subtype = "source" if _SOURCE_NOTE.match(b.plain) else "editorial"
            paras = [b]
            while subtype == "editorial" and k < len(doc) and doc[k].kind == "p" and _continues_note(doc[k]):
                paras.append(doc[k])
                k += 1
            out.append(Block("note", subtype=subtype, paragraphs=[_inline(p.text) for p in paras], line=b.line))
            continue
        if b.kind == "list":
            block, k = _distribution_list(b, doc, k)
            out.append(block)
            continue
        if _TABLE_LINE.match(b.lines[0].strip()):
            out.append(_table(b))
            continue
        if _bulleted(b) and k < len(doc) and _bulleted(doc[k]):
            # Lines each under a bullet ("- Anatoli Dobrynin", FRUS's participants): a list, not paragraphs.
            items = [b]
            while k < len(doc) and _bulleted(doc[k]):
                items.append(doc[k])
                k += 1
            for item in items:
                item.fallback = False
            out.append(Block("list", subtype="bulleted", line=b.line, items=[
                _inline(_BULLET.sub("", item.text, count=1), numbered) for item in items]))
            continue
        content = _inline(re.sub(r"^#+\s*", "", b.text) if b.kind == "head" else b.text, numbered)
        out.append(Block(b.kind, content=content, subtype=b.subtype, n=b.n, line=b.line))
    return out


_BULLET = re.compile(r"^\s*[-•*]\s+(?=[^\s*|])")


def _bulleted(b: RawBlock) -> bool:
    """One line under a bullet, in a paragraph that is one line."""
    return b.kind == "p" and len(b.lines) == 1 and bool(_BULLET.match(b.lines[0])) and "|" not in b.lines[0]


def _continues_note(b: RawBlock) -> bool:
    text = b.plain
    return not _SOURCE_NOTE.match(text) and (text.startswith(("№", "No.")) or text[:1].islower())


def _inline(text: str, numbered_marks: bool = False) -> list[Inline]:
    """Inline markup of text in the body, with its dates normalised."""
    if numbered_marks:  # FRUS: "Molotov5" is the word Molotov and the mark of note 5; "[Page 1218]" a page break
        text = re.sub(YEAR_MARK, r"\1" + NOTE_MARK + r"\2" + PB_END, text)
        text = re.sub(GLUED_MARK, NOTE_MARK + r"\1" + PB_END, text)
        text = re.sub(FRUS_PAGE, PB_BETWEEN + r"\1" + PB_END, text)
    return tag_dates(parse_inline(text))


def _distribution_list(b: RawBlock, doc: list[RawBlock], k: int) -> tuple[Block, int]:
    """``Разослано:`` / ``Copies:`` with its items: the rest of its lines, numbered blocks after it, or a table."""
    m = re.match(r"[^:]*:", b.text)  # the head ends at the first colon (b.plain matched _DISTRIBUTION)
    head = b.text[: m.end()]
    rest = b.text[m.end():].lstrip(HARD_BREAK + " ")
    items = [_inline(part.strip()) for part in rest.split(HARD_BREAK) if part.strip()]
    block = Block("list", subtype="distribution", content=_inline(head), items=items, line=b.line)
    j = k
    while j < len(doc) and doc[j].kind in ("p", "fw", "head") and re.match(r"^\d+\s*[-.–]?\s*\S", doc[j].plain) and len(
            doc[j].plain) < 60:
        block.items.append(_inline(doc[j].text))
        j += 1
    if j < len(doc) and not block.items and _TABLE_LINE.match(doc[j].lines[0].strip()):
        table = _table(doc[j])
        block.rows = table.rows
        j += 1
    return block, j


def _table(b: RawBlock) -> Block:
    rows = []
    for line in b.lines:
        line = re.sub(r"^[-*+]\s+", "", line.strip())
        if re.fullmatch(r"\|?[\s:|-]+\|?", line):  # the |---|---| rule under the header row
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        rows.append([_inline(c) for c in cells])
    if rows and all(not cell for cell in rows[0]):  # an empty header row: the transcriber's artefact
        rows = rows[1:]
    return Block("table", rows=rows, line=b.line)


def _check_footnotes(documents: list[list[Block]], footnotes: dict[str, RawBlock], path: Path,
                     warnings: list[str]) -> None:
    """Give each anchor its note text; an anchor with no text and a text with no anchor are warned of."""
    used = set()
    for doc in documents:
        for block in doc:
            for node in _walk(block):
                if isinstance(node, NoteRef):
                    raw = footnotes.get(node.marker)
                    if raw is None:
                        warnings.append(f"{path}:{block.line}: footnote mark '{node.marker}' has no footnote "
                                        "text in the transcript; encoded as a note with a gap")
                        continue
                    # FRUS's return arrow is the page's link back to the mark: the note's place says as much.
                    node.note = Block("note", subtype="footnote", n=node.marker,
                                      paragraphs=[_inline(raw.text.rstrip().removesuffix(RETURN_ARROW).rstrip())],
                                      line=raw.line)
                    used.add(node.marker)
    for marker, raw in footnotes.items():
        if marker not in used:
            # Keep the text: a footnote without an anchor becomes a note at the end of the text.
            warnings.append(f"{path}:{raw.line}: footnote '{marker}' has no anchor in the text")
            documents[-1].append(Block("note", subtype="footnote", n=marker, paragraphs=[_inline(raw.text)],
                                       line=raw.line))


def _walk(block: Block):
    stack = list(block.content) + [n for item in block.items for n in item]
    stack += [n for row in block.rows for cell in row for n in cell]
    while stack:
        node = stack.pop(0)
        yield node
        if isinstance(node, Hi):
            stack[:0] = node.children


# ---------------------------------------------------------------------------
# Witnesses, inferred facts, correspondence, identifiers.


def _attach_witnesses(t: Transcript) -> None:
    listed = {c.lower(): c for c in t.header.contents}
    for div in t.divisions:
        if div.subtype == "archival":
            key = "scan"
            label = next((c for k, c in listed.items() if k.startswith("original")), "")
        elif div.subtype == "printed":
            key = "printed"
            label = ""
        else:
            key = f"translation-{div.lang}"
            name = LANGUAGE_NAMES.get(div.lang, div.lang)
            label = next((c for k, c in listed.items() if k.startswith("translation") and name.lower() in k), "")
        if key in t.witnesses:
            key = f"{key}-{len(t.witnesses) + 1}"
        # Only a page with a Contents list can leave a text out of it.
        w = Witness(key=key, label=label, lang=div.lang, listed=bool(label) or not listed)
        if div.subtype == "printed":
            w.printed_pages = [b.n for b in div.blocks if b.kind == "pb"] + [
                n.n for b in div.blocks for n in _walk(b) if isinstance(n, PageBreak)]
            w.printed_number = next((plain(_text_of(b.content)).lstrip("№ ").strip() for b in div.blocks
                                     if b.kind == "head" and b.subtype == "number"), "")
            src = next((b for b in div.blocks if b.kind == "note" and b.subtype == "source"), None)
            if src:
                note_text = _text_of(src.paragraphs[0])
                w.source_ref = parse_russian_source_note(re.sub(r"^[^:]*:\s*", "", note_text))
                if w.source_ref and [p for p, _ in w.source_ref.parts].count("listy") > 1:
                    t.warnings.append(
                        f"{t.source}:{src.line}: the source note gives two folio references ('Л.'); the first "
                        "may be a misprint for 'Д.' (delo); encoded as printed, please check")
        if not w.label and t.shape == "frus" and key == "scan":
            w.label = "Printed in Foreign Relations of the United States (Office of the Historian)"
        if not w.label:
            w.label = {"scan": "Original (archival document)", "printed": "Printed document collection"}.get(
                key, f"Translation - {LANGUAGE_NAMES.get(div.lang, div.lang)}")
        t.witnesses[key] = w
        div.witness = key
    # What the archive holds but the transcript does not reproduce (an "Original Scan") is a witness too.
    labels = {w.label for w in t.witnesses.values()}
    for label in t.header.contents:
        if label not in labels:
            m = re.match(r"translation\s*[-–—]\s*(\w+)", label, re.I)
            key = f"translation-{LANGUAGE_CODES.get(m.group(1).lower(), m.group(1).lower())}" if m else (
                "scan" if "scan" in label.lower() else re.sub(r"\W+", "-", label.lower()))
            if key in t.witnesses:
                key = f"{key}-{len(t.witnesses) + 1}"
            t.witnesses[key] = Witness(key=key, label=label, lang="", listed=True)


def _text_of(nodes: list[Inline]) -> str:
    out = []
    for n in nodes:
        if isinstance(n, Text):
            out.append(n.text)
        elif isinstance(n, Hi):
            out.append(_text_of(n.children))
        elif isinstance(n, (DateText, Supplied, Transliteration)):
            out.append(n.text)
        elif isinstance(n, Expansion):
            out.append(n.abbr)
        elif isinstance(n, Link):
            out.append(n.text)
        elif isinstance(n, LineBreak):
            out.append(" ")
    return "".join(out)


def text_of(block: Block) -> str:
    parts = [_text_of(block.content)] + [_text_of(i) for i in block.items] + [_text_of(p) for p in block.paragraphs]
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def _main_division(t: Transcript) -> Division | None:
    originals = [d for d in t.divisions if d.type == "original"]
    return (originals or t.divisions or [None])[0]


def _infer_missing_facts(t: Transcript) -> None:
    h = t.header
    if h.present:
        return
    div = _main_division(t)
    blocks = div.blocks if div else []
    closers = [b for b in blocks if b.kind == "dateline" and any(isinstance(n, DateText) for n in b.content)]
    if closers:
        d = next(n for n in closers[-1].content if isinstance(n, DateText))
        h.date, h.date_text = d.when, d.text
        t.inferences.append(Inference("date", d.when, f"inferred from the dateline '{text_of(closers[-1])}' (line {closers[-1].line})"))
    langs = sorted({d.lang for d in t.divisions})
    t.inferences.append(Inference(
        "language", " ".join(langs),
        "inferred from the script of the text (" + ", ".join(LANGUAGE_NAMES.get(x, x) for x in langs) + ")"))
    signed = next((b for b in blocks if b.kind == "signed"), None)
    salute = next((b for b in blocks if b.kind == "salute"), None)
    author = text_of(signed) if signed else ""
    addressee = re.sub(_SALUTE, "", text_of(salute)).strip(" :") if salute else ""
    if author:
        t.inferences.append(Inference("author", author, f"inferred from the signature '{author}' (line {signed.line})"))
    if addressee:
        t.inferences.append(Inference("addressee", addressee, f"inferred from the address line '{text_of(salute)}' (line {salute.line})"))
    parts = ["Document"]
    if author:
        parts.append(f"from {author}")
    if addressee:
        parts.append(f"to {addressee}")
    title = " ".join(parts) + (f", {h.date_text}" if h.date_text else "")
    h.title = f"[{title}]"
    t.inferences.append(Inference("title", h.title, "supplied by the converter from the inferred facts; "
                                  "the transcript has no title"))


_CORRESP_KIND = re.compile(r"\b(telegram|cable|letter|message|memorandum|report|note)\b", re.I)


def _correspondence(t: Transcript) -> Correspondence | None:
    """Sender and addressee of a letter or telegram, from the title (or, with no header, the text)."""
    title = t.header.title.strip("[]")
    kind = _CORRESP_KIND.search(title)
    if t.header.present:
        if not kind:
            return None
        m = re.search(r"\bfrom\s+(?P<from>.+?)(?:\s+to\s+(?P<to>.+))?$", title[kind.start():])
        if not m:
            return None
        return Correspondence(kind.group(1).lower(), _parties(m.group("from")), _parties(m.group("to") or ""))
    authors = [i.value for i in t.inferences if i.fact == "author"]
    addressees = [i.value for i in t.inferences if i.fact == "addressee"]
    if not authors and not addressees:
        return None
    return Correspondence("letter", [Party(a) for a in authors], [Party(a) for a in addressees])


def _parties(text: str) -> list[Party]:
    text = text.strip()
    if not text:
        return []
    place = ""
    m = re.match(r"^(?P<who>.+?)\s+in\s+(?P<place>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)$", text)
    if m:
        text, place = m.group("who"), m.group("place")
    names = re.split(r"\s+and\s+", text) if not re.search(r"\b(Ambassador|Minister|Committee)\b.*\band\b", text) else [text]
    return [Party(n.strip(), place) for n in names if n.strip()]


def _doc_id(t: Transcript, options: ReadOptions) -> str:
    c = t.header.citation
    if c and c.number:
        return f"{options.id_prefix}-{c.number}"
    if t.header.record_id and t.shape != "frus":  # a FRUS number counts within its volume only
        return f"{options.id_prefix}-{t.header.record_id}"
    return "doc-" + re.sub(r"[^A-Za-z0-9]+", "-", t.source.stem).strip("-").lower()


def _assign_ids(t: Transcript) -> None:
    """Stable ids: document, division (language and version), then kind and position."""
    seen: dict[str, int] = {}
    for div in t.divisions:
        base = f"{t.doc_id}.{div.lang}" + ("" if div.subtype in ("archival", "translation") else f"-{div.subtype}")
        seen[base] = seen.get(base, 0) + 1
        div.id = base if seen[base] == 1 else f"{base}{seen[base]}"
        counters: dict[str, int] = {}
        for block in div.blocks:
            kind = {"dateline": "date", "signed": "sig", "salute": "to"}.get(block.kind, block.kind)
            counters[kind] = counters.get(kind, 0) + 1
            block.id = f"{div.id}.{kind}{counters[kind]}"
            for node in _walk(block):
                if isinstance(node, NoteRef) and node.note is not None:
                    counters["fn"] = counters.get("fn", 0) + 1
                    node.note.id = f"{div.id}.fn{counters['fn']}"
