"""Reader front ends: recognise the shape a page comes in and read its header facts.

The archive's documents reach users in several shapes: its Markdown export (the
seeds), its web page saved as text, its PDF export as extracted text, US FRUS
pages, and bare transcripts with no header at all.  Each front end reads one
shape into the same ``Page``: the header facts (each with where it was found),
which lines are the document's text and how their line breaks are meant, and
which lines belong to something else (the site's navigation, a neighbouring
document's summary), so that the body reader (``tei.read``) and the
conservation check (``tei.conserve``) work alike for every shape.  The shape is
recognised from the text, never from the file name; each decision is in
docs/encoding-guide.md, "Shapes of page".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tei import dates
from tei.conserve import is_furniture
from tei.model import Header
from tei.read import (
    LANGUAGE_CODES,
    ReadError,
    parse_archival_ref,
    parse_citation,
    parse_inline,
    plain,
    read_header,
    script_language,
)

SHAPES = {
    "markdown-export": "the archive's Markdown export (Citation:, Summary:, … on lines of their own)",
    "web-page": "the archive's web page saved as text (date and title lines, text, Document Information)",
    "pdf-export": "the archive's PDF export as extracted text (banner, date, title and Citation run together)",
    "frus": "a Foreign Relations of the United States document (file line, heading, numbered footnotes)",
    "bare": "a bare transcript with no header",
}

# Line roles: what each line of the page is.
HEADER, BODY, OMITTED = "header", "body", "omitted"


@dataclass
class Found:
    """A header fact and where it was read: the report shows these to the user."""

    fact: str  # "title" | "date" | "summary" | "record-id" | "languages" | "source" | ...
    value: str
    where: str  # "line 3, the title line under the date"


@dataclass
class Page:
    shape: str
    header: Header
    roles: list[str]  # one per line: HEADER, BODY or OMITTED
    breaks: str = "blank"  # paragraphs end at: "blank" lines, every "line", or where a "wrapped" line ends a sentence
    found: list[Found] = field(default_factory=list)
    omitted: list[tuple[int, str, str]] = field(default_factory=list)  # (1-based line, text, why)
    footnotes: str = "asterisk"  # how notes are marked: "asterisk" (*), or "numbered" (FRUS: word1 … 1. text)

    def note(self, fact: str, value: str, where: str) -> None:
        self.found.append(Found(fact, value, where))

    def omit(self, index: int, line: str, why: str) -> None:
        self.roles[index] = OMITTED
        self.omitted.append((index + 1, line.strip(), why))

    @property
    def body_lines(self) -> list[int]:
        return [k + 1 for k, role in enumerate(self.roles) if role == BODY]


def read_page(lines: list[str], path: Path) -> Page:
    """Recognise the page's shape and run its front end."""
    listed = _listing(lines)
    if listed >= 3:
        raise ReadError(path, f"a list of {listed} documents (date and title lines, as the archive's search results "
                              "and collection pages give them), not one document: convert each document's own page")
    shape = recognise(lines)
    return FRONT_ENDS[shape](lines, path)


# ---------------------------------------------------------------------------
# Recognition: signals in the text, strongest first.

_MD_LABEL = re.compile(r"^\s*\**\s*citation\s*:?\s*\**\s*:?\s*$", re.I)
_INLINE_CITATION = re.compile(r"Citation\s*:\s*[\"“]", re.I)
_DOC_INFO = re.compile(r"^\s*Document Information\s*$", re.I)
_FRUS_FILE = re.compile(r"^\s*(?:File No\.\s*)?\d{3}[A-Z]?\.\d+\w*(?: [A-Z][\w ]*?(?: \([\w .]+\))?)?"
                        r"(?:/[\w–\-]+)+(?::\s*\w[\w ]*)?\s*$")
_FRUS_NUMBER = re.compile(r"^\s*(?:No\.\s*)?(\d{1,4})\.?\s*$")
# The Office of the Historian's own heading: number, title and the heading's note mark on one line
# ("111. Memorandum of Conversation0", "58. Telegram From … the Soviet Union 0").
_FRUS_NUMBERED_HEADING = re.compile(r"^\s*(?P<n>\d{1,4})\.\s+(?P<title>[A-Z][^.]{5,200}?[a-z)]) ?(?P<mark>\d{1,2})\s*$")
_FRUS_SOURCE = re.compile(r"^\s*Source\s*:\s*(National Archives|Library of Congress|Department of State|"
                          r"[A-Z][\w .]+ Library)", re.I)


def recognise(lines: list[str]) -> str:
    top = lines[:150]
    if any(_MD_LABEL.match(line) for line in top):
        return "markdown-export"
    head = " ".join(line.strip() for line in lines[:12])
    if _INLINE_CITATION.search(head) or re.search(r"International History Declassified", head) and \
            re.search(r"Citation\s*:", " ".join(lines[:40])):
        return "pdf-export"
    first = next((line.strip() for line in lines if line.strip()), "")
    if any(_DOC_INFO.match(line) for line in lines) or is_furniture(first) and any(
            _date_line(line) for line in lines[:40]) or _archive_date_and_title(lines) is not None:
        return "web-page"
    if any(_FRUS_FILE.match(line) for line in lines[:8]) or any(_FRUS_SOURCE.match(line) for line in lines[:12]) \
            or _FRUS_NUMBERED_HEADING.match(first):
        return "frus"
    return "bare"


# The archive's own date line: "July 4, 1953" (its pages and listings always write it so).
_ARCHIVE_DATE = re.compile(r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
                           r"December) \d{1,2}, \d{4}$")


def _title_like(line: str) -> bool:
    text = line.strip()
    return 8 <= len(text) <= 250 and text[:1].isupper() and not _ARCHIVE_DATE.match(text)


def _archive_date_and_title(lines: list[str]) -> int | None:
    """The archive's date line among the first three lines of text, with a title line under it."""
    filled = [k for k, line in enumerate(lines) if line.strip()][:4]
    for a, b in zip(filled, filled[1:]):
        if _ARCHIVE_DATE.match(lines[a].strip()) and _title_like(lines[b]):
            return a
    return None


def _listing(lines: list[str]) -> int:
    """How many (date line, title line) entries the page lists: a search result or collection page."""
    filled = [line.strip() for line in lines if line.strip()]
    return sum(1 for a, b in zip(filled, filled[1:])
               if _ARCHIVE_DATE.match(a.lstrip("•-* ").strip()) and _title_like(b))


def _date_line(line: str) -> dates.DateMatch | None:
    """A line that is a date and nothing else (a few characters of punctuation allowed)."""
    text = plain(line).strip()
    if not text or len(text) > 40:
        return None
    m = dates.parse_date(text)
    if m and len(text) - len(m.text) <= 3:
        return m
    return None


def _nonblank(lines: list[str], start: int, stop: int | None = None) -> int | None:
    stop = len(lines) if stop is None else stop
    return next((k for k in range(start, stop) if lines[k].strip()), None)


# ---------------------------------------------------------------------------
# 1. The Markdown export: the header reader of tei.read, unchanged.


def markdown_export(lines: list[str], path: Path) -> Page:
    scan = read_header(lines, path)
    roles = [HEADER] * scan.body_start + [BODY] * (len(lines) - scan.body_start)
    page = Page("markdown-export", scan.header, roles)
    h = scan.header
    where = {"date": "the date line above the title", "title": "the title lines under the date",
             "summary": "the Summary: section", "record-id": "the document URL in the Citation: section",
             "languages": "the Original Language: section", "source": "the Citation: section"}
    page.note("date", h.date, where["date"])
    page.note("title", h.title, where["title"])
    if h.summary:
        page.note("summary", h.summary[0], where["summary"])
    if h.citation and h.citation.number:
        page.note("record-id", h.citation.number, where["record-id"])
    if h.original_language:
        page.note("original-language", h.original_language, where["languages"])
    if h.citation and (h.citation.archival_refs or h.citation.collections):
        page.note("source", "; ".join([r.text for r in h.citation.archival_refs] + h.citation.collections),
                  where["source"])
    return page


# ---------------------------------------------------------------------------
# 2. The archive's web page as text.

# Labels of the web page's "Document Information" block, and the Header field each fills.
_INFO_LABELS = {
    "source": "source", "original archive": "archive", "rights": "rights", "type": "type",
    "language": "language", "languages": "language", "record id": "record-id",
    "uploaded date": "uploaded", "original uploaded date": "uploaded", "subjects": "subjects",
    "subject": "subjects", "keywords": "subjects", "theme": "subjects", "themes": "subjects",
    "original language": "language", "related documents": "related", "people": "subjects",
    "places": "subjects", "collections": "collections", "collection": "collections",
    "credits": "credits", "summary": "summary", "citation": "citation", "date": "info-date",
}
_INFO_LABEL = re.compile(r"^\s*(?P<label>" + "|".join(sorted((re.escape(k) for k in _INFO_LABELS), key=len,
                                                               reverse=True))
                         + r")\s*:?\s*(?P<value>.*)$", re.I)
_CREDITS = re.compile(r"^\s*This document was made possible with support from\s+(?P<funder>.+?)\s*\.?\s*$", re.I)
# A summary paragraph speaks of the document: its writer "reports", "informs", "discusses" …
_SUMMARY_VERB = re.compile(
    r"\b(report|inform|discuss|describ|request|propos|instruct|advis|approv|express|outlin|summari[sz]|"
    r"conve|recount|explain|ask|suggest|notif|detail|tell|relay|transmit|agree|refus|complain|warn|say|said|"
    r"invit|thank|congratulat|protest|demand|announc|confirm|criticiz|urg|order|accept|reject|"
    r"assess|analy[sz]|evaluat|provid|present|cover|address|note|argu|recommend|review|respond|reply|repl)\w*",
    re.I)


def web_page(lines: list[str], path: Path) -> Page:
    page = Page("web-page", Header(), [HEADER] * len(lines), breaks="line")
    h = page.header
    # Site furniture above the document: "Skip to content", menus.
    k = 0
    while k < len(lines) and (not lines[k].strip() or is_furniture(lines[k])):
        if lines[k].strip():
            page.omit(k, lines[k], "the site's navigation")
        k += 1
    # The date line; what stands before it is another document's summary (a listing's neighbour),
    # or, on the archive's older pages, its banner.
    date_at = next((j for j in range(k, min(len(lines), k + 60)) if _date_line(lines[j])), None)
    if date_at is None:
        raise ReadError(path, "a web page of the archive, but no date line stands above its title", k + 1)
    for j in range(k, date_at):
        if not lines[j].strip():
            continue
        if re.search(r"International History Declassified", lines[j]):
            h.banner.append(parse_inline(lines[j].strip()))
            page.note("banner", lines[j].strip(), f"line {j + 1}, above the date")
        else:
            page.omit(j, lines[j], "another document's summary, above this document's date and title")
    m = _date_line(lines[date_at])
    h.date_text, h.date = m.text, m.iso
    page.note("date", m.iso, f"line {date_at + 1}, the date line")
    title_at = _nonblank(lines, date_at + 1)
    if title_at is None:
        raise ReadError(path, "a web page of the archive with a date line but no title line", date_at + 1)
    start = title_at
    if not _CREDITS.match(lines[title_at]):
        h.title = plain(lines[title_at]).strip()
        page.note("title", h.title, f"line {title_at + 1}, the title line under the date")
        start = title_at + 1
    credit_at = _nonblank(lines, start)
    if credit_at is not None and _CREDITS.match(lines[credit_at]):
        h.credits = [plain(lines[credit_at]).strip()]
        h.funders = [_CREDITS.match(lines[credit_at]).group("funder").rstrip(".")]
        page.note("credits", h.credits[0], f"line {credit_at + 1}, under the title")
        start = credit_at + 1
    start = _older_page_widgets(page, lines, start)
    info_at = next((j for j in range(start, len(lines)) if _DOC_INFO.match(lines[j])), len(lines))
    if info_at < len(lines):
        page.omit(info_at, lines[info_at], "the heading of the page's Document Information block")
        _document_information(page, lines, info_at + 1)
    end = info_at
    # The page's widgets stand between the summary and Document Information.
    widgets = False
    while end > start and (not lines[end - 1].strip() or is_furniture(lines[end - 1])):
        if lines[end - 1].strip():
            page.omit(end - 1, lines[end - 1], "the page's widgets above Document Information")
            widgets = True
        end -= 1
    summary = _summary_before(lines, start, end, h.title, widgets) if info_at < len(lines) else None
    if summary is not None:
        a, b = summary
        h.summary = [plain(" ".join(line.strip() for line in lines[a:b] if line.strip()))]
        page.note("summary", h.summary[0], (f"lines {a + 1}–{b}" if b - a > 1 else f"line {a + 1}")
                  + ", the paragraph above Document Information")
        end = a
    for j in range(start, end):
        page.roles[j] = BODY
    if not any(page.roles[j] == BODY and lines[j].strip() for j in range(len(lines))):
        raise ReadError(path, "a web page of the archive with a title but no document text", start + 1)
    return page


_TITLE_WORDS = {"Cable", "Telegram", "Letter", "Record", "Memorandum", "Conversation", "Report", "Ciphered",
                "Incoming", "Outgoing", "Cde", "Comrade", "From", "To", "The", "Of", "On", "And", "Note", "Minutes",
                "Resolution", "Decision", "Information", "Message", "Excerpt", "No"}


_CITATION_LINE = re.compile(r'^\s*["“].+?,["”]\s*\w+ \d{1,2}, \d{4},')


def _older_page_widgets(page: Page, lines: list[str], start: int) -> int:
    """The archive's older pages: a "Citation" widget with the summary and the citation, then a
    "share document" widget and the transcript's tab ("English HTML"), before the text.
    The citation gives the title those pages have no line for.  Returns where the text starts."""
    h = page.header
    widget = next((j for j in range(start, min(len(lines), start + 6)) if lines[j].strip()), None)
    if widget is None or not re.match(r"^\s*[•*-]?\s*citation\s*$", lines[widget], re.I):
        return start
    j, text_start = widget, start
    while j < len(lines):
        line = lines[j]
        if not line.strip():
            j += 1
            continue
        if is_furniture(line):
            page.omit(j, line, "the page's citation and sharing widgets")
            text_start = j + 1
        elif _CITATION_LINE.match(line):
            h.citation = parse_citation(line.strip())
            if not h.title:
                h.title = h.citation.title
                page.note("title", h.title, f"line {j + 1}, the title in the page's citation")
            if h.citation.number:
                page.note("record-id", h.citation.number, f"line {j + 1}, the citation's URL")
            page.note("source", h.citation.text, f"line {j + 1}, the page's citation")
        elif not h.summary and script_language(line) == "en":
            h.summary = [plain(line).strip()]
            page.note("summary", h.summary[0], f"line {j + 1}, in the page's citation widget")
        else:
            break
        j += 1
    return text_start


def _summary_before(lines: list[str], start: int, stop: int, title: str,
                    widgets: bool = False) -> tuple[int, int] | None:
    """The last paragraph above Document Information, when it reads as a summary of the document.

    The page puts the archive's summary there, on one line, with nothing to label it: it is taken
    when it is English prose that speaks of the document (a reporting verb, or it names the kind
    of document: "Telegram from …") or of the people of its title; otherwise the paragraph stays
    text.  When the page's widgets ("Associated Places", "Author(s):") stand below it, English
    prose is enough: the site puts them under the summary, never under the text.
    """
    b = stop
    while b > start and not lines[b - 1].strip():
        b -= 1
    a = b - 1  # web text keeps a paragraph on one line
    if a <= start:
        return None
    text = plain(" ".join(lines[a:b]))
    names = {w for w in re.findall(r"\b[A-Z][a-z]+\b", title)} - _TITLE_WORDS
    prose = len(text) >= 30 and text.rstrip().endswith((".", "”", '"', ")")) and script_language(text) == "en"
    kind = re.match(r"(?:Ciphered |Coded |Outgoing |Incoming )?(?:Telegram|Cable|Letter|Memorandum|Record|Report|"
                    r"Note|Minutes|Resolution|Decree|Directive|Instruction|Message)s?\b", text)
    speaks_of = (_SUMMARY_VERB.search(text) or kind) and (any(n in text for n in names) or not names)
    return (a, b) if prose and (speaks_of or widgets) else None


def _document_information(page: Page, lines: list[str], start: int) -> None:
    """The block under "Document Information": labelled fields, or an unlabelled source line first."""
    h = page.header
    fields: list[tuple[str, list[int]]] = []
    current: tuple[str, list[int]] | None = None
    for j in range(start, len(lines)):
        line = lines[j]
        if not line.strip():
            continue
        m = _INFO_LABEL.match(line)
        if m and (len(line.strip()) < 40 or m.group("value")) and m.group("label").lower() in _INFO_LABELS:
            label = m.group("label")
            current = (_INFO_LABELS[label.lower()], [])
            fields.append(current)
            if m.group("value").strip():
                current[1].append(j)
            else:
                page.omit(j, line, "a label of the Document Information block")
            continue
        if current is None:  # values before any label: the archive puts the archival source first
            current = ("source", [])
            fields.append(current)
        current[1].append(j)
    for name, at in fields:
        values = [plain(lines[j]).strip() for j in at]
        for j in at:  # a "Label: value" line gives only its value
            m = _INFO_LABEL.match(lines[j])
            if m and m.group("value").strip() and m.group("label").lower() in _INFO_LABELS:
                values[at.index(j)] = plain(m.group("value")).strip()
        value = " ".join(v for v in values if v)
        if not value:
            continue
        where = f"line {at[0] + 1}, Document Information: {name.replace('-', ' ')}"
        if name == "source":
            h.sources.extend(values)
            page.note("source", value, where)
        elif name == "record-id":
            digits = re.fullmatch(r"\s*(\d+)\s*(.*)", value)
            if digits:
                h.record_id = digits.group(1)
                page.note("record-id", h.record_id, where)
                value = digits.group(2).strip()
            if value and value.rstrip(".") in h.funders:
                pass  # an empty Record ID over the page's funder widget, which repeats the credits line
            elif value:
                h.other.append(("record-id", value))
        elif name == "language":
            h.original_language = value
            h.original_lang = LANGUAGE_CODES.get(value.lower().split()[0].strip(","), "")
            page.note("original-language", value, where)
        elif name == "rights":
            h.rights.append(value)
        elif name == "type":
            h.doc_type = value
        elif name == "uploaded":
            d = dates.parse_date(value)
            h.uploaded, h.uploaded_text = (d.iso, value) if d else ("", value)
        elif name == "summary" and not h.summary:
            h.summary = [value]
            page.note("summary", value, where)
        elif name == "credits" and not h.credits:
            h.credits = [value]
        else:
            h.other.append((name, value))


# ---------------------------------------------------------------------------
# 3. The archive's PDF export as extracted text.

_PDF_CITATION = re.compile(r"Citation\s*:\s*(?P<citation>[\"“].+)", re.I | re.S)
_PDF_FIELD = re.compile(r"^\s*(Summary|Credits|Original Language|Contents)\s*:\s*(?P<value>.*)$", re.I)
_PAGE_COUNT = re.compile(r"^\s*(?:Page\s+)?\d+\s+(?:of|/)\s+\d+\s*$|^\s*Total Page\s*:?\s*\d+\s*$", re.I)


def pdf_export(lines: list[str], path: Path) -> Page:
    page = Page("pdf-export", Header(), [HEADER] * len(lines), breaks="wrapped")
    h = page.header
    # The run of text before "Summary:" holds banner, date, title and citation, wrapped anyhow.
    field_at = [j for j, line in enumerate(lines[:200]) if _PDF_FIELD.match(line)]
    head_end = field_at[0] if field_at else min(len(lines), 12)
    head = " ".join(line.strip() for line in lines[:head_end] if line.strip())
    cm = _PDF_CITATION.search(head)
    if not cm:
        raise ReadError(path, "a PDF export of the archive, but no 'Citation: “…”' in its header", 1)
    before = head[: cm.start()].strip()
    d = dates.find_dates(before)
    if not d:
        raise ReadError(path, "a PDF export of the archive, but no date before its title", 1)
    date = d[0]
    h.date_text, h.date = date.text, date.iso
    banner = before[: date.start].strip()
    h.title = before[date.end:].strip(" .,")
    if banner:
        h.banner = [parse_inline(banner)]
    page.note("date", date.iso, "the run of header text, after the banner")
    page.note("title", h.title, "the run of header text, between the date and Citation:")
    h.citation = parse_citation(cm.group("citation"))
    if h.citation.number:
        page.note("record-id", h.citation.number, "the document URL in the citation")
    for j in range(head_end):
        if _PAGE_COUNT.match(lines[j]):
            page.omit(j, lines[j], "the PDF's page furniture")
    # Labelled fields, each running to the next label; Contents names the witnesses.
    k = head_end
    body_start = len(lines)
    while k < len(lines):
        m = _PDF_FIELD.match(lines[k])
        if not m:
            break
        label = m.group(1).lower()
        j = k + 1
        values = [m.group("value").strip()] if m.group("value").strip() else []
        while j < len(lines) and not _PDF_FIELD.match(lines[j]) and (
                label != "contents" or _contents_line(lines[j])):
            if _PAGE_COUNT.match(lines[j]):
                page.omit(j, lines[j], "the PDF's page furniture")
            elif lines[j].strip():
                values.append(lines[j].strip())
            if label != "contents" and not lines[j].strip() and values:
                j += 1
                break
            j += 1
        text = plain(" ".join(values))
        if label == "summary":
            h.summary = [text]
            page.note("summary", text, f"line {k + 1}, Summary:")
        elif label == "credits":
            h.credits = [text]
            fm = re.search(r"support from (?:the )?(.+)$", text, re.I)
            h.funders = [fm.group(1).strip().rstrip(".")] if fm else []
        elif label == "original language":
            h.original_language = text
            h.original_lang = LANGUAGE_CODES.get(text.lower().split()[0], "") if text else ""
            page.note("original-language", text, f"line {k + 1}, Original Language:")
        elif label == "contents":
            h.contents = [plain(v) for v in values]
        k = j
        body_start = j
    for j in range(body_start, len(lines)):
        if _PAGE_COUNT.match(lines[j]):
            page.omit(j, lines[j], "the PDF's page furniture")
        elif page.roles[j] != OMITTED:
            page.roles[j] = BODY
    return page


def _contents_line(line: str) -> bool:
    return not line.strip() or bool(re.match(r"^\s*(Original Scan|Transcription|Translation\s*-\s*\w+|"
                                             r"Original\s*-\s*\w+)\s*$", line, re.I))


# ---------------------------------------------------------------------------
# 5. FRUS documents.

_FRUS_FOOTNOTE = re.compile(r"^\s*(?:[-*•]\s*|(?P<n>\d{1,3})\.\s+)(?=\S)")


def frus(lines: list[str], path: Path) -> Page:
    # Office of the Historian pages put each paragraph on a line of its own.
    page = Page("frus", Header(), [HEADER] * len(lines), breaks="line", footnotes="numbered")
    h = page.header
    k = _nonblank(lines, 0) or 0
    file_at = None
    if _FRUS_FILE.match(lines[k]):
        file_at = k
        h.sources.append(plain(lines[k]).strip())
        page.note("source", h.sources[0], f"line {k + 1}, the decimal file line")
        k = _nonblank(lines, k + 1) or k + 1
    number = _FRUS_NUMBER.match(lines[k]) if k < len(lines) else None
    combined = _FRUS_NUMBERED_HEADING.match(lines[k]) if k < len(lines) and not number else None
    if combined:  # "111. Memorandum of Conversation0": the volume's number, the heading, its note mark
        h.record_id = combined.group("n")
        page.note("record-id", h.record_id, f"line {k + 1}, the document number in the heading")
        h.title = combined.group("title").strip()
        h.other.append(("heading-note-mark", combined.group("mark")))
        page.note("title", h.title, f"line {k + 1}, the heading")
    if number:
        h.record_id = number.group(1)
        page.note("record-id", h.record_id, f"line {k + 1}, the document number in the volume")
        k = _nonblank(lines, k + 1) or k + 1
    if k >= len(lines):
        raise ReadError(path, "a FRUS document with no heading", k)
    if not combined:
        k = _frus_heading(page, lines, k)
    else:
        k += 1
    return _frus_body(page, lines, k, file_at)


def _frus_heading(page: Page, lines: list[str], k: int) -> int:
    h = page.header
    printed = plain(lines[k]).strip()
    heading = re.sub(r"(?<=[a-z)])\d{1,3}$", "", printed)  # the heading's note mark (its source note) is not title
    if heading != printed:
        h.other.append(("heading-note-mark", printed[len(heading):]))
    h.title = heading
    page.note("title", heading, f"line {k + 1}, the heading")
    return k + 1


def _frus_body(page: Page, lines: list[str], k: int, file_at: int | None) -> Page:
    h = page.header
    source_at = None
    source = next((j for j in range(k, min(len(lines), k + 6)) if _FRUS_SOURCE.match(lines[j])), None)
    if source is not None:
        source_at = source
        h.sources.append(plain(lines[source]).strip())
        page.note("source", h.sources[-1], f"line {source + 1}, the Source: note")
    body = [j for j in range(k, len(lines)) if j != source_at and j != file_at]
    for j in body:
        page.roles[j] = BODY
    # The date: a dateline at the head of the text ("Moscow, May 23, 1953—6 p.m."), else the file number's.
    for j in body[:8]:
        line = plain(lines[j]).strip()
        m = dates.parse_date(line)
        if m and len(line) < 80 and re.match(r"^[A-Z][\w .,]*,\s*$", line[: m.start] or "X,"):
            h.date_text, h.date = m.text, m.iso
            page.note("date", m.iso, f"line {j + 1}, the dateline at the head of the text")
            break
    if not h.date and file_at is not None:
        fm = re.search(r"/(\d{1,2})[–-](\d{1,2})(\d{2})\b", lines[file_at])
        if fm:
            month, day, year = int(fm.group(1)), int(fm.group(2)), 1900 + int(fm.group(3))
            if 1 <= month <= 12 and 1 <= day <= 31:
                h.date = f"{year:04d}-{month:02d}-{day:02d}"
                h.date_text = ""
                page.note("date", h.date, f"inferred from the decimal file number '{plain(lines[file_at]).strip()}' "
                                          "(month–day and year of the filing)")
    h.original_language = "English"
    h.original_lang = "en"
    h.publisher = "Foreign Relations of the United States, Office of the Historian"
    return page


# ---------------------------------------------------------------------------
# 6. A bare transcript: no header; the body reader infers what it can.


def bare(lines: list[str], path: Path) -> Page:
    return Page("bare", Header(present=False), [BODY] * len(lines))


FRONT_ENDS = {"markdown-export": markdown_export, "web-page": web_page, "pdf-export": pdf_export,
              "frus": frus, "bare": bare}

__all__ = ["SHAPES", "Page", "Found", "read_page", "recognise"]
