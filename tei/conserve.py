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
# The header's field labels are structure, not text.
_LABELS = {"citation", "summary", "credits", "original", "language", "languages", "contents"}


def source_words(text: str) -> list[str]:
    """Words of transcript text, with Markdown syntax characters removed."""
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
    if node.tag == f"{TEI}pb":
        out.extend(_WORD.findall(node.get("n", "")))
    elif node.tag == f"{TEI}note" and node.get("place") == "foot":
        inner: list[str] = []
        notes.extend(_WORD.findall(node.text or "") + [w for c in node for w in _words(c, inner)] + inner)
        return _WORD.findall(node.tail or "")
    out.extend(_WORD.findall(node.text or ""))
    for child in node:
        out.extend(_words(child, notes))
    if node.tag == f"{TEI}ref" and node.get("target") != "".join(node.itertext()):
        out.extend(_WORD.findall(node.get("target", "")))  # [text](url): the address is kept in @target
    out.extend(_WORD.findall(node.tail or ""))
    return out


def check(source_text: str, body_start_line: int, tei: etree._Element) -> list[str]:
    """Problems found, as messages with the source line where the text departs; empty when all is kept."""
    lines = source_text.split("\n")
    body = "\n".join(lines[body_start_line - 1:])
    want, got = source_words(body), tei_text_words(tei)
    problems = []
    if want != got:
        problems.append(_first_difference(want, got, lines, body_start_line))
    header_words = [w for w in source_words("\n".join(lines[: body_start_line - 1])) if w.lower() not in _LABELS]
    header = tei.find(f"{TEI}teiHeader")
    have = set(_WORD.findall(" ".join(header.itertext()))) if header is not None else set()
    missing = sorted({w for w in header_words if w not in have})
    if missing:
        problems.append("header words missing from the teiHeader: " + ", ".join(missing[:20]))
    return problems


def _first_difference(want: list[str], got: list[str], lines: list[str], start: int) -> str:
    matcher = difflib.SequenceMatcher(a=want, b=got, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        line = _line_of_word(lines, start, i1)
        lost = " ".join(want[i1:i2][:12])
        added = " ".join(got[j1:j2][:12])
        what = {"delete": f"lost {lost!r}", "insert": f"added {added!r}",
                "replace": f"{lost!r} became {added!r}"}[tag]
        return f"line {line}: text not conserved: {what}"
    return "text not conserved"


def _line_of_word(lines: list[str], start: int, index: int) -> int:
    count = 0
    for k, line in enumerate(lines[start - 1:], start):
        count += len(source_words(line))
        if count > index:
            return k
    return len(lines)
