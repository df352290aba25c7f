"""The text-conservation check: nothing of the transcript may be lost in the TEI.

Two independent readings are compared.  From the source, the words of the body
are taken with a deliberately simple tokeniser that knows only Markdown's syntax
characters; from the TEI, the words of ``<text>`` in document order (footnote
texts, which the source gives at the end of their version, are read there too;
the number of a page break is read where the break stands, and the address of a
Markdown link after its text).  The two word
sequences must be identical.  The header's words must all appear in the
teiHeader.  A difference is a conversion error, never a warning.
"""

from __future__ import annotations

import difflib
import re

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"
_WORD = re.compile(r"\w+")
# Lines a reader front end may leave out of both text and header, because they are the
# site's or the PDF's, not the document's.  Closed list: anything else left out is a loss.
FURNITURE = [re.compile(p, re.I) for p in (
    r"^skip to (?:main )?content$",
    r"^(?:menu|search|search in|home|close|share|print|download|back to top|main navigation|toggle navigation)$",
    # the archive's older page: its citation and sharing widgets, and the tab of the transcript
    r"^[•*-]?\s*(?:citation|get citation|share document)$",
    r"^(?:english|russian|chinese|korean|german|polish|hungarian|romanian) (?:html|pdf|transcription|translation)$",
    r"^document information$",
    # the web page's widgets between the summary and Document Information (their entries are links)
    r"^(?:associated (?:people & organizations|people|organizations|places|topics)|subjects discussed|"
    r"author\(s\)\s*:?)$",
    # the labels of a web page's Document Information block, each on a line of its own
    r"^(?:source|original archive|rights|type|languages?|original language|record id|uploaded date|"
    r"original uploaded date|subjects?|keywords|themes?|related documents|people|places|collections?|credits|"
    r"summary|citation|date)\s*:?$",
    r"^(?:page\s+)?\d+\s+(?:of|/)\s+\d+$",
    r"^total page\s*:?\s*\d+$",
)]
# A neighbouring document's summary above a web page's own date and title is the other reason.
NEIGHBOUR = "another document's summary, above this document's date and title"
# FRUS footnote marks glued to the word before them ("Molotov5", "State,1").
FRUS_PAGE = r"\s?\[Page (\d+)\]"  # FRUS's page numbers of the printed volume
GLUED_MARK = r"(?:(?<=[a-zа-яё])|(?<=[a-zа-яё][)”’,.]))(\d{1,2})(?=[\s,.;:)”’]|$)"
# … and to a year ("of 01 July 19491", "the treaty of 18831"): the year after a month or "of"/"in".
YEAR_MARK = (r"\b((?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
             r"(?: \d{1,2},?)?|of|in|since|until) 1[6-9]\d\d)(\d{1,2})(?=[\s,.;:)”’]|$)")


def is_furniture(line: str) -> bool:
    return any(p.match(line.strip()) for p in FURNITURE)
# The header's field labels are structure, not text.
_LABELS = {"citation", "summary", "credits", "original", "language", "languages", "contents"}


def source_words(text: str, glued_marks: bool = False) -> list[str]:
    """Words of transcript text, with Markdown syntax characters removed (and glued note marks split off)."""
    if glued_marks:  # FRUS: note marks and page numbers as the reader takes them ("[Page 1218]" is pb n="1218")
        text = re.sub(r"(?m)" + YEAR_MARK, r"\1 \2", text)
        text = re.sub(r"(?m)" + GLUED_MARK, r" \1", text)
        text = re.sub(FRUS_PAGE, r" \1 ", text)
    text = re.sub(r"(?m)^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", " ", text)  # rules
    text = re.sub(r"(?m)^\s*[-*+]?\s*\|?[\s:|-]+\|\s*$", " ", text)  # table rule rows
    text = re.sub(r"\\([_*\\\[\]#|`-])", r"\1", text)  # Markdown escapes (\_, \*, \\), left to right
    text = re.sub(r"_{3,}|(?:_ ){2,}_", " ", text)  # rules typed with underscores are markup (space, milestone)
    return _WORD.findall(re.sub(r"[*\\|#`]", " ", text))


def tei_text_words(tei: etree._Element) -> list[str]:
    words: list[str] = []
    for div in tei.iterfind(f"{TEI}text/{TEI}body/{TEI}div"):
        notes: list[str] = []
        words.extend(_words(div, notes))
        words.extend(notes)
    return words


def _words(node: etree._Element, notes: list[str]) -> list[str]:
    out: list[str] = []
    if node.tag == f"{TEI}gap":  # the encoder's description of what is missing: not the source's words
        return _WORD.findall(node.tail or "")
    if node.tag == f"{TEI}pb":
        out.extend(_WORD.findall(node.get("n", "")))
    elif node.tag == f"{TEI}note" and node.get("place") == "foot":
        inner: list[str] = []
        notes.extend(_WORD.findall(node.text or "") + [w for c in node for w in _words(c, inner)] + inner)
        # A numbered mark ("Molotov5") stands in the text where the note is anchored.
        return _WORD.findall(node.get("n", "")) + _WORD.findall(node.tail or "")
    out.extend(_WORD.findall(node.text or ""))
    for child in node:
        out.extend(_words(child, notes))
    if node.tag == f"{TEI}ref" and node.get("target") != "".join(node.itertext()):
        out.extend(_WORD.findall(node.get("target", "")))  # [text](url): the address is kept in @target
    out.extend(_WORD.findall(node.tail or ""))
    return out


def check(source_text: str, body_lines: list[int], tei: etree._Element,
          omitted: list[tuple[int, str, str]] = (), glued_marks: bool = False) -> list[str]:
    """Problems found, as messages with the source line where the text departs; empty when all is kept.

    ``body_lines`` are the (1-based) lines of the document's text; ``omitted`` the
    lines left out as not the document's, each with its reason; every other line
    is header, whose words must all be in the teiHeader.
    """
    lines = source_text.split("\n")
    problems = []
    for number, text, why in omitted:
        if why != NEIGHBOUR and not is_furniture(lines[number - 1]):
            problems.append(f"line {number}: text not conserved: {text!r} left out ({why}), "
                            "but it is not the site's or the PDF's furniture")
    body_set = set(body_lines)
    left_out = {number for number, _, _ in omitted}
    body = "\n".join(line if k in body_set else "" for k, line in enumerate(lines, 1))
    want, got = source_words(body, glued_marks), tei_text_words(tei)
    if want != got:
        problems.append(_first_difference(want, got, lines, body_lines, glued_marks))
    header_text = "\n".join(line for k, line in enumerate(lines, 1) if k not in body_set and k not in left_out)
    header_words = [w for w in source_words(header_text, glued_marks) if w.lower() not in _LABELS]
    header = tei.find(f"{TEI}teiHeader")
    have = set(_WORD.findall(" ".join(header.itertext()))) if header is not None else set()
    missing = sorted({w for w in header_words if w not in have})
    if missing:
        problems.append("header words missing from the teiHeader: " + ", ".join(missing[:20]))
    return problems


def _first_difference(want: list[str], got: list[str], lines: list[str], body_lines: list[int],
                      glued_marks: bool) -> str:
    matcher = difflib.SequenceMatcher(a=want, b=got, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        line = _line_of_word(lines, body_lines, i1, glued_marks)
        lost = " ".join(want[i1:i2][:12])
        added = " ".join(got[j1:j2][:12])
        what = {"delete": f"lost {lost!r}", "insert": f"added {added!r}",
                "replace": f"{lost!r} became {added!r}"}[tag]
        return f"line {line}: text not conserved: {what}"
    return "text not conserved"


def _line_of_word(lines: list[str], body_lines: list[int], index: int, glued_marks: bool) -> int:
    count = 0
    for k in body_lines:
        count += len(source_words(lines[k - 1], glued_marks))
        if count > index:
            return k
    return len(lines)
