"""The print edition (tei/typeset.py, xslt/print/): the PDF checked as its reader meets it.

The five seed documents are typeset once per session (the volume and the
offprints, one per document); the tests read the PDFs with pypdf (structure,
metadata, fonts, outline) and pdfplumber (text and where it stands on the
page), and look at the pages as images with pdftoppm.  A few tests call the
print stylesheet's functions directly (XSLT unit tests), and a few the
typesetter's choices (typeface, what a rebuild redoes).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree
from pypdf import PdfReader

from tei import cli, typeset
from tei.typeset import TypesetError, typeset_edition

REPO = Path(__file__).resolve().parents[1]
CORPUS = sorted((REPO / "corpus" / "tei").glob("*.xml"))
XSLT = REPO / "xslt"
PRINT = XSLT / "print"
TEI = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI}
MM = 72 / 25.4  # PDF points per millimetre
DATE = dt.date(2025, 1, 15)
EDITION_TITLE = "Korean War Diplomacy, 1951–1953"


# ---------------------------------------------------------------- the PDFs, once

class Printed:
    """A typeset PDF and what a reader finds in it, page by page."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.reader = PdfReader(str(path))
        with pdfplumber.open(str(path)) as pdf:
            self.texts = [page.extract_text() or "" for page in pdf.pages]
            self.words = [page.extract_words(keep_blank_chars=False, use_text_flow=False) for page in pdf.pages]
            self.heads = [page.crop((0, 0, page.width, 18 * MM)).extract_text() or "" for page in pdf.pages]
            self.bodies = [page.crop((0, 18 * MM, page.width, page.height)).extract_text() or "" for page in pdf.pages]
            self.width, self.height = pdf.pages[0].width, pdf.pages[0].height

    def outline(self) -> list[tuple[str, int]]:
        """The PDF's bookmarks, those nested under another included: (title, page number from 1)."""
        found = []

        def walk(items: list) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    found.append((item.title, self.reader.get_destination_page_number(item) + 1))

        walk(self.reader.outline)
        return found

    def blank(self, page: int) -> bool:
        """A page with nothing on it (a left-hand page left blank, so that a document starts on a right-hand one)."""
        return not self.texts[page - 1].strip()

    def page_of(self, text: str) -> list[int]:
        """The page numbers (from 1) whose text has `text`, spaces and line breaks aside."""
        needle = re.sub(r"\s+", "", text)
        return [n for n, page in enumerate(self.texts, 1) if needle in re.sub(r"\s+", "", page)]


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory, edition):
    out = tmp_path_factory.mktemp("print")
    report = typeset_edition(CORPUS, out, edition, per_document=True, date=DATE)
    return report, Printed(out / "edition.pdf"), out


@pytest.fixture(scope="session")
def volume(printed) -> Printed:
    return printed[1]


@pytest.fixture(scope="session")
def documents(volume: Printed) -> list[dict]:
    return documents_of(volume)


def documents_of(volume: Printed) -> list[dict]:
    """The documents in the volume's order: number, title, TEI tree, first and last page."""
    trees = {}
    for path in CORPUS:
        tree = etree.parse(str(path))
        trees[" ".join(tree.findtext(".//t:titleStmt/t:title[@type='main']", namespaces=NS).split())] = tree
    outline = volume.outline()
    docs = []
    for title, page in outline:
        match = re.fullmatch(r"(\d+)\. (.+)", title)
        if match:
            docs.append({"number": int(match[1]), "title": match[2], "tree": trees[match[2]], "first": page})
    index_page = dict(outline)["Index of archival sources"]
    for doc, following in zip(docs, docs[1:] + [{"first": index_page}]):
        doc["last"] = following["first"] - 1
    return docs


# ---------------------------------------------------------------- the volume as a whole

def test_the_volume_is_typeset_without_a_warning(printed) -> None:
    report, volume, out = printed
    assert report.ok, report.errors
    assert report.warnings == []  # no WeasyPrint warning, no unhandled element, no footnote off its page
    assert report.documents == 5 and report.offprints == 5
    assert report.pages == len(volume.reader.pages) > 15
    assert report.typeface == "PT Serif", "install Debian's fonts-paratype (.ci/run does)"


def test_trim_size_is_royal_octavo(volume: Printed) -> None:
    for page in volume.reader.pages:
        assert abs(float(page.mediabox.width) - 156 * MM) < 0.5
        assert abs(float(page.mediabox.height) - 234 * MM) < 0.5


def test_title_page_and_imprint_give_the_edition_facts(volume: Printed) -> None:
    assert volume.page_of("Korean War Diplomacy, 1951–1953")[0] == 1
    for fact in (EDITION_TITLE, "Soviet Documents in Translation", "Edited by The Edition Team",
                 "Digital Edition Project", "Washington, DC", "2025"):
        assert 1 in volume.page_of(fact), fact
    for fact in ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/", "Wilson Center Digital Archive",
                 "Typeset on 15 January 2025", "(5 documents)", "Set in PT Serif"):
        assert 2 in volume.page_of(fact), fact
    assert volume.heads[0].strip() == volume.heads[1].strip() == ""  # no running head on either


def test_contents_give_the_page_where_each_document_starts(volume: Printed, documents: list[dict]) -> None:
    (contents,) = [n for n, text in enumerate(volume.texts, 1) if text.startswith("Contents")]
    text = " ".join(volume.texts[contents - 1].split())
    assert len(documents) == 5
    for doc in documents:
        title = r"\s*".join(map(re.escape, doc["title"].split()))
        match = re.search(rf"\b{doc['number']} {title}[ .]*?(\d+)\b", text)
        assert match, (doc["title"], text)
        page = int(match[1])
        assert page == doc["first"], doc["title"]
        # A reader turning to that page finds the document's opening, and on the page before, not.
        assert volume.texts[page - 1].startswith(f"DOCUMENT {doc['number']}\n"), volume.texts[page - 1][:80]
        assert f"DOCUMENT {doc['number']}\n" not in volume.texts[page - 2]
    for part, target in (("Introduction", "Introduction"), ("List of documents", "List of documents"),
                         ("Index of archival sources", "Index of archival sources"),
                         ("Index of persons", "Index of persons"), ("Index of places", "Index of places"),
                         ("Index of organisations", "Index of organisations")):
        page = int(re.search(rf"{part}[ .]*?(\d+)\b", text)[1])
        assert volume.texts[page - 1].startswith(target), part


def test_list_of_documents_gives_dates_and_pages(volume: Printed, documents: list[dict]) -> None:
    (page,) = [n for n, text in enumerate(volume.texts, 1) if text.startswith("List of documents")]
    lines = volume.texts[page - 1].splitlines()
    dates = ["19 November 1951", "25 December 1951 (inferred)", "3 November 1952", "29 March 1953", "4 July 1953"]
    for doc, date in zip(documents, dates):  # in reading order: by date
        # A row: its first line starts with the number and ends with the page; the date may wrap.
        (row,) = [i for i, line in enumerate(lines)
                  if line.startswith(f"{doc['number']} ") and line.endswith(f" {doc['first']}")]
        assert all(word in " ".join(lines[row:row + 2]) for word in date.split()), (date, lines[row:row + 2])
        assert " ".join(doc["title"].split()[:3]) in lines[row]


def test_outline_has_the_parts_and_the_documents(volume: Printed) -> None:
    """The bookmarks are nested as the contents: the parts, and the documents under "Documents"."""
    top = [item.title for item in volume.reader.outline if not isinstance(item, list)]
    assert top == ["Contents", "Introduction", "List of documents", "Documents", "Index of archival sources",
                   "Index of persons", "Index of places", "Index of organisations"]
    (documents,) = [item for item in volume.reader.outline if isinstance(item, list)]
    assert [item.title.split(".")[0] for item in documents] == ["1", "2", "3", "4", "5"]
    # "Documents" opens at the first document.
    assert dict(volume.outline())["Documents"] == volume.outline()[4][1]


def test_running_heads(volume: Printed, documents: list[dict]) -> None:
    for doc in documents:
        short = doc["title"][:30]
        assert volume.heads[doc["first"] - 1].strip() == ""  # a document's first page: no running head
        for page in range(doc["first"] + 1, doc["last"] + 1):
            head = " ".join(volume.heads[page - 1].split())
            if volume.blank(page):  # the left-hand page before the next document: left blank, no head
                assert head == "", (page, head)
                continue
            if page % 2 == 0:  # left page: page number, edition title
                assert head == f"{page} {EDITION_TITLE}", (page, head)
            else:  # right page: document title, page number
                assert head.startswith(short) and head.endswith(str(page)), (page, head)


def test_cyrillic_and_english_text_can_be_extracted(volume: Printed) -> None:
    text = " ".join(" ".join(volume.texts).split())
    # Texts on their own (one column) read on from line to line ...
    for phrase in ("За последние дни некоторые американские и европейские агентства и агентства Франс пресс",
                   "According to the report of Comrade Vyshinsky, reports have been published lately",
                   "Товарищу СТАЛИНУ И.В.", "Опровержение ТАСС", "Шифрованная телеграмма"):
        assert phrase in text, phrase
    # ... texts in parallel, line by line of their column.
    for phrase in ("CIPHERED TELEGRAM", "К нашему № 359.", "In response to your communication No.",
                   "Во время второй встречи", "During the second meeting"):
        assert phrase in text, phrase


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())


# Inline TEI elements: no word boundary at their edges (the others all separate words, as in print).
INLINE = {f"{{{TEI}}}{name}" for name in (
    "hi", "date", "time", "foreign", "pc", "persName", "placeName", "orgName", "name", "rs", "seg", "num",
    "measure", "term", "title", "q", "emph", "unclear", "sic", "orig", "mentioned", "soCalled", "said")}


def _tei_words(element: etree._Element) -> list[str]:
    parts: list[str] = []

    def walk(e: etree._Element) -> None:
        if e.tag == f"{{{TEI}}}gap":  # its description is the encoder's, not the text's
            return
        if e.tag == f"{{{TEI}}}pc" and e.get("force") == "weak":  # the printer's hyphen of a word split by a page
            return
        # A page break inside a word (break="no") does not part it: the print joins the word.
        edge = "" if e.tag in INLINE or (e.tag == f"{{{TEI}}}pb" and e.get("break") == "no") else " "
        parts.append(edge + (e.text or ""))
        for child in e:
            walk(child)
            parts.append(child.tail or "")
        parts.append(edge)

    walk(element)
    return _words("".join(parts))


def _missing(tei_words: list[str], pdf: Counter, fragments: Counter) -> list[str]:
    """The words of the TEI not in the PDF's words, allowing for words hyphenated across lines."""
    missing = []
    for word in tei_words:
        if pdf[word] > 0:
            pdf[word] -= 1
            continue
        for head in [f for f in fragments if fragments[f] > 0 and word.startswith(f) and len(f) < len(word)]:
            tail = word[len(head):]
            if pdf[tail] > 0 and pdf[head] > 0:
                pdf[head] -= 1
                pdf[tail] -= 1
                fragments[head] -= 1
                break
        else:
            missing.append(word)
    return missing


def _pdf_words(texts: list[str]) -> tuple[Counter, Counter]:
    text = unicodedata.normalize("NFKC", "\n".join(texts)).casefold()
    # A word broken by hyphenation ends in "-" before a space or a line break (the columns are read
    # line by line across the page, so its other half may follow after the other column's line).
    return Counter(re.findall(r"\w+", text)), Counter(re.findall(r"(\w+)-\s", text))


def test_no_word_of_any_division_is_dropped(volume: Printed, documents: list[dict]) -> None:
    for doc in documents:
        pdf, fragments = _pdf_words(volume.texts[doc["first"] - 1:doc["last"]])
        for div in doc["tree"].iterfind(".//t:body/t:div", namespaces=NS):
            words = _tei_words(div)
            assert len(words) > 10
            missing = _missing(words, pdf, fragments)
            assert not missing, (doc["title"], div.get("{http://www.w3.org/XML/1998/namespace}id"), missing[:20])


def test_no_word_is_dropped_from_the_offprints(printed, documents: list[dict]) -> None:
    _report, _volume, out = printed
    for doc in documents:
        doc_id = doc["tree"].getroot().get("{http://www.w3.org/XML/1998/namespace}id")
        offprint = Printed(out / "documents" / f"{doc_id}.pdf")
        assert offprint.texts[0].startswith(f"{EDITION_TITLE}: Soviet Documents in Translation\n"
                                            f"DOCUMENT {doc['number']}\n")
        assert offprint.reader.metadata.title == doc["title"]
        pdf, fragments = _pdf_words(offprint.texts)
        for div in doc["tree"].iterfind(".//t:body/t:div", namespaces=NS):
            assert not _missing(_tei_words(div), pdf, fragments), doc_id
        assert "CC BY 4.0" in offprint.texts[-1] and "An offprint of document" in offprint.texts[-1]


def test_footnotes_stand_at_the_foot_of_the_page_of_their_call(volume: Printed) -> None:
    # Seed 001: "4 июля 1953 г. 21.20*" and "* Время отправления."; seed 004: "20.40*" and a gap.
    for call, note in (("4 июля 1953 г. 21.20*", "* Время отправления."),
                       ("29 марта 1953 г. 20.40*", "* [text not transcribed]")):
        (page,) = volume.page_of(call)
        assert volume.page_of(note) == [page], (call, note)
        (line,) = [w for w in volume.words[page - 1] if w["text"] == "Время" or w["text"] == "[text"]
        body_bottom = max(w["bottom"] for w in volume.words[page - 1] if w["top"] < line["top"] - 5)
        assert line["top"] > body_bottom and line["top"] > volume.height * 0.6  # below the text, at the foot


def test_fonts_are_embedded_and_are_pt_serif(volume: Printed) -> None:
    faces = set()
    for page in volume.reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            faces.add(str(font["/BaseFont"]).split("+", 1)[-1])
    assert faces == {"PT-Serif", "PT-Serif-Bold", "PT-Serif-Italic", "PT-Serif-Bold-Italic"} or faces >= {
        "PT-Serif", "PT-Serif-Bold", "PT-Serif-Italic"}, faces
    assert all(face.startswith("PT-Serif") for face in faces), faces


def test_metadata_language_and_tags(volume: Printed) -> None:
    meta = volume.reader.metadata
    assert meta.title == f"{EDITION_TITLE}: Soviet Documents in Translation"
    assert meta.author == "The Edition Team"
    assert meta.creation_date.date() == DATE
    assert meta.creator.startswith("tei-edition ")
    root = volume.reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root  # tagged PDF
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="A"' in xmp  # PDF/A-2a
    assert "The Edition Team" in xmp and EDITION_TITLE in xmp


def test_text_carries_its_languages_for_hyphenation(printed) -> None:
    """The Russian and English texts are tagged with their languages (WeasyPrint hyphenates by them)."""
    import pyphen

    assert "ru" in pyphen.LANGUAGES and "en" in pyphen.LANGUAGES
    _report, volume, _out = printed
    text = "\n".join(volume.texts)
    # Hyphenated words in both scripts: a hyphen at the end of a line, letters on both sides.
    assert re.search(r"[а-я]-\n", text) and re.search(r"[a-z]-\n", text)


def test_index_of_archival_sources_gives_the_pages_citing_each(volume: Printed, documents: list[dict]) -> None:
    (page,) = [n for n, text in enumerate(volume.texts, 1) if text.startswith("Index of archival sources")]
    text = volume.texts[page - 1]
    first = {doc["tree"].getroot().get("{http://www.w3.org/XML/1998/namespace}id"): doc["first"] for doc in documents}
    for entry, doc_id in (("Fond 059a, Opis 5a, Delo 5, Papka 11, Listy 65–66", "wcda-113630"),
                          ("Fond 059a, Opis 5a, Delo 5, Papka 11, Listy 120–122", "wcda-112123"),
                          ("Fond 3, Opis 65, Delo 829, Listy 44–45", "wcda-113630"),
                          ("Fond 3, Opis 65, Delo 830, Listy 148–150 (original of a printed text)", "wcda-117315"),
                          ("Volkogonov Collections", "wcda-117315")):
        match = re.search(re.escape(entry) + r"[ .]*?(\d+)$", text, re.M)
        assert match, (entry, text)
        cited = int(match[1])
        assert cited == first[doc_id]
        # There, the source note gives the reference (the printed text's source as the collection prints it).
        shown = "АП РФ. Ф. 3. Оп. 65. Д. 830" if "printed" in entry else entry.split(", Listy")[0]
        assert shown in " ".join(volume.texts[cited - 1].split()), entry
    assert "Archive of Foreign Policy of the Russian Federation (AVPRF)" in text


def test_text_keeps_to_the_text_block(volume: Printed) -> None:
    """Nothing sticks out of the text block into the side margins but the source's page numbers."""
    for number, words in enumerate(volume.words, 1):
        left = (21 if number % 2 == 0 else 16) * MM  # outer margin on left pages, inner on right ones
        right = volume.width - (16 if number % 2 == 0 else 21) * MM
        for word in words:
            if word["top"] < 18 * MM:  # the running head spans the margins' corner boxes
                continue
            # 1.5 pt (0.5 mm): the end of a justified line measures a little long in pdfplumber's font
            # metrics; a hyphen at the end of a line may hang out by its width.
            overhang = 4 if word["text"].endswith("-") else 1.5
            outside = word["x0"] < left - 1.5 or word["x1"] > right + overhang
            assert not outside or word["text"].isdigit(), (number, word["text"], word["x0"], word["x1"])


def _parallel_lines(volume: Printed) -> list[tuple[int, list[dict]]]:
    """The lines of the parallel text's columns: (page, the words of a line of one column, left to right)."""
    found = []
    with pdfplumber.open(str(volume.path)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            words = page.extract_words(extra_attrs=["size"], x_tolerance=1.5)
            heads = {w["text"]: w for w in words if abs(w["size"] - 7.5) < 0.2 and w["top"] < 30 * MM}
            if "English" not in heads or "Russian" not in heads:  # the column headings, on every page of it
                continue
            left, split = heads["Russian"]["x0"] - 1, heads["English"]["x0"] - 2 * MM
            for column in (False, True):
                # Not the margin's page numbers; a line's words by their middles (the bar marking a page
                # of the source, in smaller type, stands higher).
                inside = sorted((w for w in words if w["x0"] >= left and (w["x0"] >= split) == column
                                 and w["top"] > heads["English"]["bottom"]), key=lambda w: w["top"] + w["bottom"])
                lines: list[list[dict]] = []
                for word in inside:
                    middle = (word["top"] + word["bottom"]) / 2
                    if lines and abs(middle - (lines[-1][0]["top"] + lines[-1][0]["bottom"]) / 2) < 2.5:
                        lines[-1].append(word)
                    else:
                        lines.append([word])
                found.extend((number, sorted(line, key=lambda w: w["x0"])) for line in lines)
    return found


def test_words_in_the_parallel_columns_are_spaced_as_in_a_book(volume: Printed) -> None:
    """No loose lines in the narrow columns: the widest space between two words of a line is under half an
    em (PT Serif's space is 0.24 em; a book's justified line stretches it to about twice that at most).
    Justified, WeasyPrint's first-fit lines opened gaps of 2.7 em ("международным      общественным");
    print.css sets the columns ragged right."""
    lines = _parallel_lines(volume)
    assert len(lines) > 300
    gaps = [((b["x0"] - a["x1"]) / a["size"], page, a["text"], b["text"])
            for page, line in lines for a, b in zip(line, line[1:])
            if abs(a["size"] - 9) < 0.2 and abs(b["size"] - 9) < 0.2]  # the text's (9 pt), not a bar marking a page
    assert len(gaps) > 1000
    worst = max(gaps)
    assert worst[0] < 0.5, worst


def test_no_page_of_a_document_is_left_near_empty(volume: Printed, documents: list[dict]) -> None:
    """A page followed by more of its document is filled to three quarters of its text block at least (the
    body text, notes aside).  The row of a footnote's call moved to the next page (Kozea/WeasyPrint#1564)
    left page 19 blank from 144 mm down; the repair now starts the next page after that row."""
    top, foot = 18, 234 - 20  # print.css: the text block, in mm from the top
    with pdfplumber.open(str(volume.path)) as pdf:
        for doc in documents:
            pages = [n for n in range(doc["first"], doc["last"] + 1) if not volume.blank(n)]
            for number in pages[:-1]:
                page = pdf.pages[number - 1]
                words = page.crop((0, top * MM, page.width, foot * MM)).extract_words(extra_attrs=["size"])
                bottom = max(w["bottom"] for w in words if w["size"] >= 8.4) / MM  # body text: 9 and 10 pt
                assert bottom > top + 0.75 * (foot - top), f"page {number}: the text ends at {bottom:.0f} mm"


def test_source_page_numbers_stand_in_the_margin(volume: Printed, documents: list[dict]) -> None:
    for number in ("1019", "1020", "1039", "1040"):
        found = [(n, w) for n, words in enumerate(volume.words, 1) for w in words if w["text"] == number
                 and w["x1"] < (21 if n % 2 == 0 else 16) * MM]  # left of the text block
        assert found, number


def test_aligned_pairs_start_level(volume: Printed) -> None:
    """Seed 004's aligned paragraphs: the Russian and the English start on the same line, side by side."""
    for russian, english in ((("Во", "время", "второй"), ("During", "the", "second")),
                             (("Далее", "Ким", "Ир"), ("Kim", "Il", "Sung", "further")),
                             (("Ким", "Ир", "Сен", "принимает"), ("Kim", "Il", "Sung", "is")),
                             (("Руководствуясь",), ("Following", "your"))):
        ru, en = _start(volume, russian), _start(volume, english)
        assert ru[0] == en[0] and abs(ru[1]["top"] - en[1]["top"]) < 1, (russian, ru, en)
        assert ru[1]["x0"] < volume.width / 2 < en[1]["x0"]  # original on the left, translation on the right


def _start(volume: Printed, words: tuple[str, ...]) -> tuple[int, dict]:
    for n, page in enumerate(volume.words, 1):
        texts = [w["text"] for w in page]
        for i in range(len(texts) - len(words) + 1):
            if tuple(texts[i:i + len(words)]) == words:
                return n, page[i]
    raise AssertionError(f"{' '.join(words)} not found")


def test_column_headings_name_each_language_on_every_page_of_the_parallel_text(volume: Printed,
                                                                               documents: list[dict]) -> None:
    doc = next(d for d in documents if d["title"].startswith("Telegram from Kuznetsov"))
    for page in range(doc["first"], doc["last"] + 1):
        if not volume.blank(page):
            assert "Russian original English translation" in " ".join(volume.texts[page - 1].split())


def test_both_versions_of_seed_001_are_printed(volume: Printed, documents: list[dict]) -> None:
    doc = next(d for d in documents if d["title"].startswith("Telegram from USSR"))
    text = " ".join(" ".join(volume.texts[doc["first"] - 1:doc["last"]]).split())
    # The printed version, in parallel with the translation (it is the better aligned), then the archival one.
    assert "Russian original (printed edition) English translation" in text
    assert "Russian original (archival copy), in full" in text and "Witness: Original Scan" in text
    assert "Сюшаня" in text and "Сю-цуня" in text  # the versions differ, and both are there


def test_typography_per_language(volume: Printed) -> None:
    text = " ".join(" ".join(volume.texts).split())
    assert "«Вечером 25 октября американские" in text and "корейского конфликта»." in text  # Russian quotes
    assert "1211–1220." in text and "300–400" in text  # number ranges take an en dash
    assert "2 – cde. Molotov" in text  # a spaced hyphen is a dash
    # One quotation style per language, archival marks included (their dashes and spaces stay as transcribed).
    assert "«Известия»" in text and '"Известия"' not in text and "“" not in text.split("Шифрованная")[0][-400:]
    assert "3-кс" in text  # an archival mark's hyphen


def test_the_index_lists_an_archive_once_under_all_its_names(volume: Printed, documents: list[dict]) -> None:
    """АП РФ (the printed collection's) and APRF (the archive record's) are one archive (edition.toml's
    archive_aliases): one heading, its references in shelf order, the archive as a whole last."""
    (page,) = [n for n, text in enumerate(volume.texts, 1) if text.startswith("Index of archival sources")]
    lines = volume.texts[page - 1].splitlines()
    assert "АП РФ" not in lines and "АВП РФ" not in lines
    start = lines.index("Archive of the President of the Russian Federation (APRF)")
    end = next(i for i in range(start + 1, len(lines)) if not re.search(r"\d$", lines[i]) or lines[i].startswith("CWIHP"))
    entries = lines[start + 1:end]
    assert [e.split(" . ")[0].rstrip(" .") for e in entries][:2] == [
        "Fond 3, Opis 65, Delo 829, Listy 44–45", "Fond 3, Opis 65, Delo 830, Listy 148–150 (original of a printed text)"]
    assert entries[-1].startswith("(no reference to a file)")  # the archive as a whole, after its files
    first = {doc["tree"].getroot().get("{http://www.w3.org/XML/1998/namespace}id"): doc["first"] for doc in documents}
    assert entries[0].endswith(f" {first['wcda-113630']}") and entries[-1].endswith(f" {first['wcda-117315']}")


# Molotov as the index heads him (the authority file's names: English, then Russian) and the forms
# the seeds name him by, in either language (Russian inflected: Молотову).
MOLOTOV_HEADING = "Molotov, Vyacheslav (Молотов Вячеслав Михайлович), 1890–1986"
MOLOTOV = r"(?i)molotov|молотов"


def _document_pages(book: Printed) -> list[int]:
    """The pages of a book's documents: from the first document's to the page before the indexes."""
    outline = book.outline()
    first = min(page for title, page in outline if re.match(r"\d+\. ", title))
    return list(range(first, dict(outline)["Index of archival sources"]))


def _pages_naming(book: Printed, pattern: str, pages: list[int]) -> list[int]:
    """The pages among `pages` whose text (below the running head; a word hyphenated at a line's end joined)
    matches `pattern`: found by reading the PDF, not by the typesetter."""
    return [n for n in pages if re.search(pattern, re.sub(r"-\n", "", book.bodies[n - 1]))]


def _index_pages(book: Printed, index: str, heading: str) -> list[int]:
    """The page numbers an index of `book` gives after `heading` (the index may run over pages, an entry
    over lines)."""
    start = next(n for n, text in enumerate(book.texts) if text.startswith(index + "\n"))
    # pdfplumber reads no space between a name and the bracket after it, which the page shows.
    text = re.sub(r"(?<=\S)\(", " (", " ".join(" ".join(book.bodies[start:]).split()))
    match = re.search(re.escape(heading) + r" ((?:\d+, )*\d+)(?!\d)", text)
    return [int(n) for n in match[1].split(", ")] if match else []


def test_the_index_of_persons_gives_every_page_naming_each_in_either_language(volume: Printed) -> None:
    """Molotov, named in the Russian texts (Молотов), the English (Molotov, MOLOTOV) and as the sender of
    seed 001 (its head): the pages where a reader finds him, in page order, each once."""
    expected = _pages_naming(volume, MOLOTOV, _document_pages(volume))
    assert len(expected) >= 4
    listed = _index_pages(volume, "Index of persons", MOLOTOV_HEADING)
    assert listed == expected and listed == sorted(set(listed))
    # Pages with his name in Russian only, and in English only, are both listed under the one heading.
    russian = _pages_naming(volume, r"Молотов", expected)
    english = _pages_naming(volume, r"(?i)molotov", expected)
    assert set(russian) - set(english) and set(english) - set(russian)
    # Stalin (Товарищу СТАЛИНУ, Comrade STALIN I.V.; his pseudonym in ciphered telegrams, Филиппов, too).
    stalin = _pages_naming(volume, r"(?i)stalin|сталин|filippov|филиппов", _document_pages(volume))
    assert _index_pages(volume, "Index of persons", "Stalin, Joseph (Сталин Иосиф Виссарионович), 1878–1953") == stalin


def test_the_indexes_of_persons_places_and_organisations_are_in_alphabetical_order(volume: Printed) -> None:
    for index in ("Index of persons", "Index of places", "Index of organisations"):
        (start,) = [n for n, text in enumerate(volume.texts) if text.startswith(index + "\n")]
        lines = [line for text in volume.bodies[start:start + 2] for line in text.splitlines()]
        lines = lines[:next((i for i, line in enumerate(lines[1:], 1) if line.startswith("Index of")), len(lines))]
        headings = [line.split("(")[0].strip() for line in lines if re.search(r"\d$", line) and "(" in line]
        assert len(headings) >= 8, (index, lines)
        assert headings == sorted(headings, key=str.casefold), index
    text = re.sub(r"(?<=\S)\(", " (", " ".join(" ".join(volume.texts).split()))
    # Surnames first where the sources use them alone; Korean and Chinese names as they stand.
    for heading in ("Kim Il Sung (Ким Ир Сен)", "Rhee, Syngman (Ли Сын Ман)", "Peng Dehuai (Пэн Дэхуай)",
                    "Beijing (Пекин)", "TASS (ТАСС)"):
        assert heading in text, heading


def test_an_offprint_has_the_indexes_of_its_document(printed, documents: list[dict]) -> None:
    _report, _volume, out = printed
    offprint = Printed(out / "documents" / "wcda-117315.pdf")
    (start,) = [n for n, text in enumerate(offprint.texts, 1) if text.startswith("Index of persons\n")]
    expected = _pages_naming(offprint, MOLOTOV, list(range(1, start)))
    assert len(expected) >= 2
    assert _index_pages(offprint, "Index of persons", MOLOTOV_HEADING) == expected
    # Limited to the document: Stalin, whom it does not name, is not in it; its places are.
    assert "Stalin" not in " ".join(offprint.texts[start - 1:])
    assert _index_pages(offprint, "Index of places", "Panmunjom (Паньмыньчжон)") == _pages_naming(
        offprint, r"Punmunjom|Паньмыньчжон", list(range(1, start)))
    assert "An offprint of document" in offprint.texts[-1]


def test_page_references_are_numbered_in_page_order() -> None:
    """Any link to an anchor in the front or back matter gets the anchor's page, whatever made the link."""
    html = ('<html><body><p id="here">x</p><a class="page-ref" href="#here"></a><a href="#doc-x">Title</a>'
            '<span class="index-pages"><a class="page-ref" href="#b"></a><a class="page-ref" href="#a"></a>'
            '<a class="page-ref" href="#c"></a></span><a class="page-ref" href="#nowhere"></a></body></html>')
    numbered, missing = typeset.number_page_references(html, {"here": 3, "doc-x": 12, "a": 7, "b": 16, "c": 7})
    root = etree.fromstring(numbered.split("\n", 1)[1] if numbered.startswith("<!") else numbered, etree.HTMLParser())
    links = root.findall(".//a")
    assert [(a.get("href"), a.get("data-page")) for a in links] == [
        ("#here", "3"),  # in the same part: a link WeasyPrint makes itself
        ("urn:tei-edition:anchor:doc-x", "12"),  # in another part: the join points it there
        ("urn:tei-edition:anchor:a", "7"), ("urn:tei-edition:anchor:b", "16"),  # page order, one link a page
        ("#nowhere", "?")]
    assert missing == ["nowhere"]


def test_a_word_split_by_the_printed_page_is_printed_whole(volume: Printed) -> None:
    """Seed 004: "указа-" / "1020" / "за" in the collection is one word, its page number in the margin."""
    text = "\n".join(volume.texts)
    assert "указаза" in text and not re.search(r"указа-\s", text)
    (page,) = volume.page_of("указаза")
    word = next(w for w in volume.words[page - 1] if w["text"].startswith("указаза"))
    number = next(w for w in volume.words[page - 1] if w["text"] == "1020")
    assert abs(number["top"] - word["top"]) < 2 and number["x1"] < 21 * MM  # in the margin, on its line
    assert "и др. ." not in text and "и др." in text  # one full stop ends the abbreviation and the sentence


def test_the_volume_is_pdf_a_2a_as_a_validator_reads_it(volume: Printed) -> None:
    import page as validator
    import pikepdf

    report = validator.validate_pdf(str(volume.path), profile="2a")
    failures = [(f.rule_id, f.message, f.object_id) for f in report.failures]
    # The page validator counts a stream whose data ends in a carriage return a byte short (it takes that
    # byte for part of the end of line before "endstream"); veraPDF reads such a stream by its /Length, as
    # ISO 19005-2 6.1.7.1 has it.  qpdf's compressed object streams end so one time in 256: such a failure
    # is let pass when the stream's data, read by its /Length, does end in a carriage return.
    with pikepdf.open(volume.path) as pdf:
        def ends_in_cr(object_id) -> bool:
            return object_id is not None and pdf.get_object(object_id.object_number,
                                                            object_id.generation).read_raw_bytes().endswith(b"\r")

        failures = [f for f in failures if not (f[0] == "PDFA2A-STREAM-LENGTH-001" and ends_in_cr(f[2]))]
    assert not failures, failures


def test_each_face_is_one_font_in_the_volume(volume: Printed) -> None:
    """The parts' subsets of a face are merged into one font program (tei/pdffonts.py), under a subset tag
    of its own, so that the volume carries each glyph once."""
    programs: dict[str, set] = {}
    tags: dict[str, set] = {}
    for page in volume.reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            tag, face = str(font["/BaseFont"]).lstrip("/").split("+", 1)
            programs.setdefault(face, set()).add(descriptor.raw_get("/FontFile2").idnum)
            tags.setdefault(face, set()).add(tag)
    assert programs and all(len(ids) == 1 for ids in programs.values()), programs
    assert len({tag for face_tags in tags.values() for tag in face_tags}) == sum(map(len, tags.values()))
    assert volume.path.stat().st_size < 300_000  # 833 KB with a subset per part and face, page contents inflated


def test_a_part_whose_glyphs_map_to_other_text_keeps_its_own_font_dictionary(printed, tmp_path: Path) -> None:
    """Two parts whose subsets of a face map one glyph to different text (here one part's Cyrillic "о" read
    as Latin "o", as a glyph shared by two characters may be) share the merged font program, each under a
    font dictionary of its own, and each part's text reads back as it did."""
    import pikepdf

    from tei import pdfjoin
    from tei.typeset import _marks

    _report, _volume, out = printed
    parts = out / ".parts"
    record = json.loads((out / ".tei-print.json").read_text(encoding="utf-8"))["volumes"]["edition.pdf"]
    first, second = record["documents"][2], record["documents"][3]  # both in Russian and English
    changed = tmp_path / f"{second}.pdf"
    with pikepdf.open(parts / f"{second}.pdf") as pdf:
        for font in pdf.objects:
            if (isinstance(font, pikepdf.Dictionary) and font.get("/Subtype") == "/Type0"
                    and str(font.BaseFont).endswith("+PT-Serif")):
                cmap = font.ToUnicode.read_bytes()
                assert b"<043e>" in cmap
                font.ToUnicode.write(cmap.replace(b"<043e>", b"<006f>"))
        pdf.save(changed)

    def facts(name: str) -> dict:
        return json.loads((parts / f"{name}.json").read_text(encoding="utf-8"))

    join = [pdfjoin.JoinPart(parts / "edition.pdf.front.pdf", facts("edition.pdf.front")["kinds"],
                             _marks(facts("edition.pdf.front")), "front"),
            pdfjoin.JoinPart(parts / f"{first}.pdf", facts(first)["kinds"], _marks(facts(first))),
            pdfjoin.JoinPart(changed, facts(second)["kinds"], _marks(facts(second)))]
    folios = pdfjoin.Folios({kind: [(1, parts / f"folios-{kind}-1.pdf")] for kind in ("head", "foot")})
    pages = pdfjoin.join(join, folios, tmp_path / "joined.pdf", "Documents")
    joined = Printed(tmp_path / "joined.pdf")
    programs, dictionaries = set(), set()
    for page in joined.reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            if str(font.get_object()["/BaseFont"]).endswith("+PT-Serif"):
                dictionaries.add(font.idnum)
                descendant = font.get_object()["/DescendantFonts"][0].get_object()
                programs.add(descendant["/FontDescriptor"].get_object().raw_get("/FontFile2").idnum)
    assert len(dictionaries) == 2 and len(programs) == 1, (dictionaries, programs)
    front_pages = facts("edition.pdf.front")["kinds"]
    starts, _total = pdfjoin.start_pages([len(front_pages), len(facts(first)["kinds"]), len(facts(second)["kinds"])])
    assert pages == len(joined.texts) >= starts[2]
    first_text = " ".join(joined.texts[starts[1] - 1:starts[2] - 1])
    second_text = " ".join(joined.texts[starts[2] - 1:])
    assert re.search("[а-яё]o[а-яё]", second_text)  # in its regular face, the Latin o its map now gives
    assert re.search("[а-яё]о[а-яё]", first_text)
    assert not re.search(r"[а-яё]o|o[а-яё]", first_text), "the other part keeps its own map"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (Debian: poppler-utils)")
def test_the_volume_draws_each_document_as_its_part_does(printed, tmp_path: Path) -> None:
    """Each document's pages in the volume, folios aside (the margins above and below the text), look as
    the pages of its part typeset alone: the merged fonts draw every glyph as the parts' subsets did."""
    from tei import pdfjoin

    _report, volume, out = printed
    state = json.loads((out / ".tei-print.json").read_text(encoding="utf-8"))
    record = state["volumes"]["edition.pdf"]
    members = record["documents"]
    starts, _total = pdfjoin.start_pages([record["front"]["pages"]] + [state["parts"][d]["pages"] for d in members])
    dpi = 50
    whole = _pages_as_images(volume.path, tmp_path, dpi)
    top, bottom = round(18 * dpi / 25.4), round(20 * dpi / 25.4)  # print.css's page margins: the folios
    compared = 0
    for doc_id, start in zip(members, starts[1:]):
        folder = tmp_path / doc_id
        folder.mkdir()
        for number, (width, height, pixels) in enumerate(_pages_as_images(out / ".parts" / f"{doc_id}.pdf",
                                                                          folder, dpi)):
            v_width, v_height, v_pixels = whole[start - 1 + number]
            assert (v_width, v_height) == (width, height)
            body, v_body = pixels[top * width:(height - bottom) * width], v_pixels[top * width:(height - bottom) * width]
            worst = max(abs(a - b) for a, b in zip(body, v_body))
            # Antialiasing only: a composite glyph drawn decomposed (pdffonts) may fall a fraction of a pixel aside.
            assert worst <= 32, f"{doc_id}, its page {number + 1}: pixels differ by {worst} of 255"
            compared += 1
    assert compared == sum(state["parts"][d]["pages"] for d in members)


def test_an_edition_too_long_for_one_book_makes_volumes(edition, tmp_path: Path) -> None:
    """Each volume is a book: its own title page, contents and index, numbered from 1; documents keep their
    numbers in the edition."""
    report = typeset_edition(CORPUS, tmp_path, edition, date=DATE, volume_pages=6)
    assert report.ok, report.errors
    assert len(report.volumes) > 1 and not (tmp_path / "edition.pdf").exists()
    numbers = []
    for number, path in enumerate(report.volumes, 1):
        assert path.name == f"edition-{number}.pdf"
        book = Printed(path)
        assert "Volume " + str(number) in book.texts[0]
        top = [item.title for item in book.reader.outline if not isinstance(item, list)]
        assert top[0] == "Contents" and "Index of archival sources" in top and top[-1] == "Index of organisations"
        numbers += [int(t.split(".")[0]) for t, _ in book.outline() if re.match(r"\d+\. ", t)]
        # Each volume's index of persons covers its own documents, with its own pages.
        molotov = _pages_naming(book, MOLOTOV, _document_pages(book))
        assert _index_pages(book, "Index of persons", MOLOTOV_HEADING) == molotov
    assert numbers == [1, 2, 3, 4, 5]
    state = json.loads((tmp_path / ".tei-print.json").read_text())
    assert sorted(state["volumes"]) == [p.name for p in report.volumes]
    # Back to one book: the volumes go, edition.pdf comes.
    one = typeset_edition(CORPUS, tmp_path, edition, date=DATE)
    assert one.volumes == [tmp_path / "edition.pdf"] and not list(tmp_path.glob("edition-*.pdf"))


# ---------------------------------------------------------------- the pages as images

def _pages_as_images(pdf: Path, folder: Path, dpi: int) -> list[tuple[int, int, bytes]]:
    """Each page as a greyscale image (pdftoppm's PGM): width, height, pixels."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(folder / "page")], check=True)
    images = []
    for path in sorted(folder.glob("page-*.pgm")):
        data = path.read_bytes()
        magic, width, height, maxval, pixels = re.match(rb"(P5)\s+(\d+)\s+(\d+)\s+(\d+)\s(.*)", data, re.S).groups()
        images.append((int(width), int(height), pixels))
    return images


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (Debian: poppler-utils)")
def test_every_page_has_ink_and_none_runs_off_the_trim(volume: Printed, tmp_path: Path) -> None:
    dpi = 40
    edge = round(4 * dpi / 25.4)  # 4 mm
    images = _pages_as_images(volume.path, tmp_path, dpi)
    assert len(images) == len(volume.reader.pages)
    for number, (width, height, pixels) in enumerate(images, 1):
        rows = [pixels[y * width:(y + 1) * width] for y in range(height)]
        ink = [(x, y) for y, row in enumerate(rows) for x, value in enumerate(row) if value < 128]
        if not ink:  # only a left-hand page before a part (a document, the index) that starts on the right
            assert number % 2 == 0 and volume.texts[number].strip(), f"page {number} is blank"
            continue
        assert all(edge <= x < width - edge and edge <= y < height - edge for x, y in ink), \
            f"page {number}: ink within 4 mm of the edge"


# ---------------------------------------------------------------- the typesetter's choices

def test_a_rebuild_redoes_only_what_changed(printed, edition, tmp_path: Path) -> None:
    report, _volume, out = printed
    again = typeset_edition(CORPUS, out, edition, per_document=True, date=DATE)
    assert not again.volume_written and again.offprints_written == 0 and again.pages == report.pages
    # A new day alone changes nothing: the imprint keeps the day the volume was made.
    assert not typeset_edition(CORPUS, out, edition, date=DATE + dt.timedelta(days=1)).volume_written
    # One document changed: the volume is typeset again, and that document's offprint only.
    copies = []
    (tmp_path / "tei").mkdir()
    shutil.copy(REPO / "corpus" / "authority.xml", tmp_path)  # where the documents' prefixDef points: ../
    for path in CORPUS:
        shutil.copy(path, tmp_path / "tei" / path.name)
        copies.append(tmp_path / "tei" / path.name)
    build = tmp_path / "build"
    shutil.copytree(out, build)
    state = json.loads((build / ".tei-print.json").read_text())
    # The files moved: same bytes, new paths; a path is part of the volume's key, not of an offprint's.
    changed = tmp_path / "tei" / "004_b164b150df110bdb.xml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("К нашему № 359.", "К нашему № 359 (изм.)."),
                       encoding="utf-8")
    third = typeset_edition(copies, build, edition, per_document=True, date=DATE)
    assert third.volume_written and third.offprints_written == 1, third
    assert third.parts_written == 1  # the volume's parts: that document alone typeset again
    assert state["offprints"].keys() == json.loads((build / ".tei-print.json").read_text())["offprints"].keys()
    assert "изм" in " ".join(Printed(build / "documents" / "wcda-112123.pdf").texts)
    # A name added to a document by hand (Zorin, whom it did not name): that document is typeset again,
    # and the index of persons (the back matter) gives him its page.
    book = Printed(build / "edition.pdf")
    before = _index_pages(book, "Index of persons", ZORIN_HEADING)
    assert before == _pages_naming(book, "Zorin|Зорин", _document_pages(book))
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "К нашему № 359 (изм.).", 'К нашему № 359 (изм.; <persName ref="auth:zorin">Зорин</persName>).'),
        encoding="utf-8")
    fourth = typeset_edition(copies, build, edition, per_document=True, date=DATE)
    assert fourth.ok and fourth.parts_written == 1 and fourth.offprints_written == 1, fourth
    book = Printed(build / "edition.pdf")
    (page,) = _pages_naming(book, "Зорин", _document_pages(book))  # the Russian text of document 4
    after = _index_pages(book, "Index of persons", ZORIN_HEADING)
    assert page not in before and page in after
    assert after == _pages_naming(book, "Zorin|Зорин", _document_pages(book))
    offprint = Printed(build / "documents" / "wcda-112123.pdf")
    (start,) = [n for n, text in enumerate(offprint.texts, 1) if text.startswith("Index of persons\n")]
    assert _index_pages(offprint, "Index of persons", ZORIN_HEADING) == _pages_naming(
        offprint, "Зорин", list(range(1, start)))


ZORIN_HEADING = "Zorin, Valerian (Зорин Валериан Александрович)"


def test_a_document_that_grows_moves_the_numbers_of_the_contents_and_the_index(printed, edition,
                                                                              tmp_path: Path) -> None:
    """The first document grown by pages: the others move, are not typeset again, and the contents, the list
    of documents and the index give their new pages (the front and back matter typeset at once with the
    numbers of the last build, then again one after the other with the new ones)."""
    _report, volume, out = printed
    before = documents_of(volume)
    build = tmp_path / "build"
    shutil.copytree(out, build)
    copies = []
    for path in CORPUS:
        shutil.copy(path, tmp_path / path.name)
        copies.append(tmp_path / path.name)
    (first,) = [path for path in copies
                if " ".join(etree.parse(str(path)).findtext(".//t:titleStmt/t:title[@type='main']",
                                                            namespaces=NS).split()) == before[0]["title"]]
    text = first.read_text(encoding="utf-8")
    at = text.index("</p>", text.index("<body"))
    added = "".join(f"</p><p>Added paragraph {n}: " + "a sentence that takes a line or two of the page. " * 8
                    for n in range(40))
    first.write_text(text[:at] + added + text[at:], encoding="utf-8")
    again = typeset_edition(copies, build, edition, per_document=True, date=DATE)
    assert again.ok and again.volume_written and again.parts_written == 1, again
    grown = Printed(build / "edition.pdf")
    after = documents_of(grown)
    assert [d["title"] for d in after] == [d["title"] for d in before]
    assert all(a["first"] > b["first"] for a, b in zip(after[1:], before[1:])), (after, before)
    assert "Added paragraph 39" in " ".join(grown.texts[after[0]["first"] - 1:after[0]["last"]])
    test_contents_give_the_page_where_each_document_starts(grown, after)
    test_list_of_documents_gives_dates_and_pages(grown, after)
    test_index_of_archival_sources_gives_the_pages_citing_each(grown, after)


def test_the_typeface_falls_back_to_dejavu_serif_with_a_warning(monkeypatch) -> None:
    monkeypatch.setattr(typeset, "_font_installed", lambda family: family != typeset.TYPEFACE)
    face, warning = typeset.choose_typeface()
    assert face == "DejaVu Serif" and "fonts-paratype" in warning
    monkeypatch.setattr(typeset, "_font_installed", lambda family: False)
    with pytest.raises(TypesetError, match="fonts-paratype"):
        typeset.choose_typeface()


def test_a_fallback_face_is_what_the_pdf_embeds() -> None:
    html = '<html lang="ru"><head><link rel="stylesheet" href="print.css"></head><body><p>Текст text</p></body></html>'
    pdf, pages, warnings, _ = typeset.render_pdf(html, "DejaVu Serif")
    assert pages == 1 and warnings == []
    (page,) = PdfReader(io.BytesIO(pdf)).pages
    fonts = {str(f.get_object()["/BaseFont"]).split("+")[-1] for f in page["/Resources"]["/Font"].values()}
    assert fonts == {"DejaVu-Serif"} or fonts == {"DejaVuSerif"}, fonts


def test_a_broken_document_is_left_out_with_an_error(edition, tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader>", encoding="utf-8")
    doctype = tmp_path / "doctype.xml"
    doctype.write_text('<!DOCTYPE TEI SYSTEM "file:///etc/passwd"><TEI xmlns="http://www.tei-c.org/ns/1.0" '
                       'xml:id="x"/>', encoding="utf-8")
    report = typeset_edition([CORPUS[2], broken, doctype], tmp_path / "out", edition, date=DATE)
    assert len(report.errors) == 2 and "broken.xml" in report.errors[0] and "document type" in report.errors[1]
    assert report.documents == 1 and report.volume_written
    again = typeset_edition([CORPUS[2], broken, doctype], tmp_path / "out", edition, date=DATE)
    assert again.errors == report.errors  # said again, every build
    assert not again.volume_written  # the volume of the others was up to date


def test_a_document_weasyprint_cannot_lay_out_is_left_out_and_the_volume_made(edition, tmp_path: Path,
                                                                              monkeypatch) -> None:
    """A part whose layout raises is an error naming its file and WeasyPrint's message; the volume is made of
    the other documents, and the next build tries that part again."""
    render_part = typeset.render_part

    def failing(html: str, typeface: str, extra_css: list[str], **options):
        if 'id="doc-wcda-117315"' in html:
            raise ValueError("a box without a parent (as WeasyPrint says it)")
        return render_part(html, typeface, extra_css, **options)

    monkeypatch.setattr(typeset, "render_part", failing)
    report = typeset_edition(CORPUS, tmp_path, edition, date=DATE)
    assert len(report.errors) == 1, report.errors
    (error,) = report.errors
    assert "001_09b0c0c286ebddc7.xml" in error and "WeasyPrint could not typeset it" in error
    assert "a box without a parent" in error
    assert report.documents == 4 and report.volume_written
    book = Printed(tmp_path / "edition.pdf")
    titles = [title for title, _page in book.outline() if re.match(r"\d+\. ", title)]
    assert len(titles) == 4 and not any("Molotov to Soviet Ambassador" in t for t in titles), titles
    assert not (tmp_path / ".parts" / "wcda-117315.pdf").exists()
    monkeypatch.setattr(typeset, "render_part", render_part)
    again = typeset_edition(CORPUS, tmp_path, edition, date=DATE)
    assert again.ok and again.documents == 5 and again.parts_written == 1


def test_tei_build_writes_the_print_edition(tmp_path: Path, monkeypatch, capsys) -> None:
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build", "-q", "--pdf-per-document"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^print: 5 documents, \d+ pages in build/print/edition.pdf \(written, PT Serif\); "
                     r"5 per-document PDFs \(5 written\) in build/print/documents/; 0 warnings; 0 errors; "
                     r"\d+\.\d\d s$", out, re.M), out
    assert (tmp_path / "build" / "print" / "edition.pdf").is_file()
    assert len(list((tmp_path / "build" / "print" / "documents").glob("*.pdf"))) == 5


# ---------------------------------------------------------------- the stylesheets themselves

_caller = None

CALLER = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:ed="urn:tei-edition:xslt" expand-text="yes">
  <xsl:import href="{book}"/>
  <xsl:output method="text"/>
  <!-- <call name="typography"><arg>...</arg> ...</call>: the function's result, as a string. -->
  <xsl:template match="document-node(element(call))">
    <xsl:variable name="function" as="function(*)"
        select="function-lookup(QName('urn:tei-edition:xslt', 'ed:' || call/@name), count(call/arg))"/>
    <xsl:value-of select="apply($function, array {{ call/arg ! string() }})"/>
  </xsl:template>
</xsl:stylesheet>"""


def _call(name: str, *args: str) -> str:
    """Call a function of the print stylesheets on strings (an XSLT unit test, in the manner of XSpec)."""
    global _caller
    from tei.saxon import processor

    proc = processor()
    if _caller is None:
        _caller = proc.new_xslt30_processor().compile_stylesheet(
            stylesheet_text=CALLER.format(book=(PRINT / "book.xsl").as_uri()))
    call = etree.Element("call", name=name)
    for arg in args:
        etree.SubElement(call, "arg").text = arg
    return _caller.transform_to_string(xdm_node=proc.parse_xml(xml_text=etree.tostring(call, encoding="unicode")))


@pytest.mark.parametrize("text, lang, expected", [
    ('газетой "Дейли Геральд" 26 октября', "ru", "газетой «Дейли Геральд» 26\xa0октября"),
    ('он сказал: "Да".', "ru", "он сказал: «Да»."),
    ('the "Daily Herald" said', "en", "the “Daily Herald” said"),
    ("1 - cde. Malenkov", "en", "1\xa0– cde. Malenkov"),
    ("войну - и мир", "ru", "войну\xa0— и\xa0мир"),
    ("Л. 148-150, 7-дневный", "ru", "Л. 148–150, 7-дневный"),
    ("bol'shevik...", "en", "bol’shevik…"),
    ("№ 338 и в Корее", "ru", "№\xa0338\xa0и\xa0в\xa0Корее"),
    ("в 1953 г. 26 октября", "ru", "в\xa01953\xa0г. 26\xa0октября"),
    ("your communication No. 359.", "en", "your communication No.\xa0359."),
])
def test_typography_function(text: str, lang: str, expected: str) -> None:
    assert _call("typography", text, lang) == expected


def test_running_titles_are_cut_at_a_word() -> None:
    long = "Telegram from USSR Foreign Minister V.M. Molotov to Soviet Ambassador in Beijing"
    assert _call("running-title", long) == "Telegram from USSR Foreign Minister V.M. Molotov to Soviet…"
    assert _call("running-title", "Short title") == "Short title"


def _print_stylesheets() -> list[Path]:
    return sorted(PRINT.glob("*.xsl"))


def test_print_i18n_has_every_key_in_every_language() -> None:
    ns = {"i": "urn:tei-edition:i18n"}

    def keys(path: Path) -> dict[str, set[str]]:
        return {s.get("key"): {t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in s.xpath("i:t", namespaces=ns)}
                for s in etree.parse(str(path)).xpath("//i:s", namespaces=ns)}

    shared, own = keys(XSLT / "i18n.xml"), keys(PRINT / "i18n.xml")
    assert not set(shared) & set(own)  # a key lives in one file only
    assert all(languages == {"en", "ru"} for languages in own.values())
    assert all(key.startswith("print-") for key in own)
    used, prefixes = set(), set()
    for path in _print_stylesheets():
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"ed:i18n\('([a-z0-9-]+)'\s*[,)]", text))
        # keys handed to a template that looks them up (ed:source-line's $key)
        used |= set(re.findall(r"name=\"key\" select=\"'([a-z0-9-]+)'\"", text))
        prefixes |= set(re.findall(r"i18n\('([a-z-]+-)'\s*\|\|", text))
    assert used and used <= set(shared) | set(own), used - set(shared) - set(own)
    assert set(own) <= used, set(own) - used  # no string left over
    for prefix in prefixes:
        assert any(key.startswith(prefix) for key in {**shared, **own}), prefix


def test_every_element_of_the_corpus_has_a_print_template() -> None:
    text = (PRINT / "text.xsl").read_text(encoding="utf-8")
    handled = set(re.findall(r"tei:([A-Za-z]+)", text)) | {"TEI", "teiHeader", "text", "body", "standOff"}
    for path in CORPUS:
        body = etree.parse(str(path)).find(".//t:body", NS)
        for element in body.iter(f"{{{TEI}}}*"):
            assert etree.QName(element).localname in handled, (path.name, element.tag)


# ---------------------------------------------------------------- other archives' TEI (print/foreign.xsl)

FOREIGN = sorted((REPO / "tests" / "fixtures" / "foreign").glob("*.xml"))


@pytest.fixture(scope="session")
def foreign_printed(tmp_path_factory: pytest.TempPathFactory, edition):
    """The foreign fixtures typeset once, after one of the edition's own documents (as tei build does)."""
    out = tmp_path_factory.mktemp("print-foreign")
    report = typeset_edition([CORPUS[0], *FOREIGN], out, edition, date=DATE)
    with pdfplumber.open(str(out / "edition.pdf")) as pdf:
        # A space between two inline elements is a gap in the PDF, not a character, and may be narrower than
        # pdfplumber's default tolerance (3 pt): read with a closer one, so that such words stay apart.
        texts = [page.extract_text(x_tolerance=1) or "" for page in pdf.pages]
    return report, Printed(out / "edition.pdf"), texts


def test_foreign_documents_are_typeset_without_errors(foreign_printed) -> None:
    report, volume, _texts = foreign_printed
    assert report.ok and report.errors == [], report.errors
    assert report.documents == 1 + len(FOREIGN) and report.pages == len(volume.reader.pages)
    # The unknown element is reported, as an element without a print template always is.
    unhandled = [w for w in report.warnings if "[ed:unhandled]" in w]
    assert len(unhandled) == 1 and "forecast" in unhandled[0], report.warnings


def test_foreign_documents_come_after_the_editions_own(foreign_printed) -> None:
    _report, volume, _texts = foreign_printed
    outline = [title for title, _page in volume.outline()]
    part = outline.index("Documents from other archives")
    own = etree.parse(str(CORPUS[0])).findtext(".//t:titleStmt/t:title[@type='main']", namespaces=NS)
    assert outline.index(f"1. {' '.join(own.split())}") < part
    titles = [re.sub(r"^\d+\. ", "", t).replace("’", "'") for t in outline[part + 1:] if re.match(r"\d+\. ", t)]
    assert sorted(titles) == sorted(" ".join(etree.parse(str(p)).findtext(".//t:titleStmt/t:title", namespaces=NS).split())
                                    for p in FOREIGN)
    contents = next(text for text in volume.texts if text.startswith("Contents"))
    assert "Documents from other archives" in contents


@pytest.mark.parametrize("name", [p.name for p in FOREIGN])
def test_no_word_of_a_foreign_document_is_dropped(foreign_printed, name) -> None:
    from tei.exchange.imports import tei_words

    _report, _volume, texts = foreign_printed
    root = etree.parse(str(REPO / "tests" / "fixtures" / "foreign" / name)).getroot()
    # The words as the HTML import counts them (tei.exchange.imports.tei_words), compared as the print tests do.
    words = _words(" ".join(tei_words(root)))
    assert len(words) > 40
    text = unicodedata.normalize("NFKC", "\n".join(texts))
    # Brackets the print adds inside a word (EpiDoc's expansions: "στρ(ατηγοῦντος)") are not part of it.
    text = re.sub(r"(?<=\w)[()\[\]{}⟦⟧](?=\w)", "", text)
    pdf, fragments = _pdf_words([text])
    missing = _missing(words, pdf, fragments)
    assert not missing, (name, missing)


def test_an_unknown_elements_text_is_printed_in_its_place(foreign_printed) -> None:
    _report, _volume, texts = foreign_printed
    text = " ".join(" ".join(texts).split())
    assert "Expect the weather to be fair and mild, with showers toward the full moon, as the old signs foretell." in text


def test_a_foreign_documents_responsibility_and_publisher_are_printed(foreign_printed) -> None:
    _report, _volume, texts = foreign_printed
    joined = " ".join(" ".join(texts).split())
    assert "Published by: A Letters Edition (a test archive)" in joined


def test_text_in_other_scripts_can_be_read_back_from_the_volume(edition, tmp_path: Path) -> None:
    """A font embedded whole maps each glyph only through its own character map: the volume typeset in
    parts lost the text of Devanagari conjuncts and of Korean (copy, search and screen readers had
    nothing), and read "office" as "oﬃce".  Subsets map each glyph to the text it was shaped from, and
    the join merges two letters' subsets of each face (tei/pdffonts.py) with the text of every glyph."""
    texts = {"scripts-1": "संस्कृतम् क्षत्रिय · العربية الفصحى · 문단을 표시한다 · 段落 · office",
             "scripts-2": "क्षमा प्रार्थना · الفصحى الحديثة · 표시한다 문장 · 段落 · efficient"}
    letters = []
    for doc_id, text in texts.items():
        letter = tmp_path / f"{doc_id}.xml"
        letter.write_text(
            f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{doc_id}"><teiHeader><fileDesc><titleStmt>'
            '<title>Scripts</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>'
            f'</sourceDesc></fileDesc></teiHeader><text><body><p>{text}</p></body></text></TEI>', encoding="utf-8")
        letters.append(letter)
    report = typeset_edition(letters, tmp_path / "out", edition, date=DATE)
    assert report.ok, report.errors
    faces: dict[str, set] = {}
    for page in PdfReader(str(report.volume)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            if font["/Encoding"] != "/Identity-H":
                # A font with glyphs it lacks (Droid Sans Fallback has not every Hangul syllable: WeasyPrint
                # sets .notdef, under an encoding of its own) is not merged, but kept as it is.
                continue
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            faces.setdefault(str(font["/BaseFont"]).split("+", 1)[-1], set()).add(
                descriptor.raw_get("/FontFile2").idnum)
    assert {"Noto-Sans-Devanagari", "DejaVu-Sans", "Droid-Sans-Fallback"} <= faces.keys(), faces
    assert all(len(programs) == 1 for programs in faces.values()), faces
    outline = Printed(report.volume).outline()
    firsts = [page for title, page in outline if re.match(r"\d+\. ", title)]
    for doc_id, first, last in zip(texts, firsts, firsts[1:] + [dict(outline)["Index of archival sources"]]):
        extracted = subprocess.run(["pdftotext", "-f", str(first), "-l", str(last - 1), str(report.volume), "-"],
                                   capture_output=True, text=True, check=True).stdout
        # Without its spaces: pdftotext parts a Devanagari word where a conjunct's glyphs overlap ("क्ष त्रिय").
        letters_read = unicodedata.normalize("NFC", "".join(extracted.split()))
        for word in texts[doc_id].split(" · "):
            for part in word.split():
                if any("\u0600" <= c <= "\u06ff" for c in part):  # in logical order, or laid out right to left
                    assert part in letters_read or part[::-1] in letters_read, (doc_id, part)
                else:
                    assert part in letters_read, (doc_id, part)


# ---------------------------------------------------------------- index headings (xslt/entities.xsl)

HEADING_CALLER = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:ed="urn:tei-edition:xslt" exclude-result-prefixes="#all">
  <xsl:import href="{core}"/>
  <xsl:output method="text"/>
  <xsl:template match="/call">
    <xsl:value-of select="ed:entity-index-name(ed:entry(string(@id)), string(@lang)), ed:entity-years(ed:entry(string(@id)))"
        separator="|"/>
  </xsl:template>
</xsl:stylesheet>"""


@pytest.mark.parametrize("entry, lang, expected", [
    ("molotov", "en", "Molotov, Vyacheslav|1890–1986"),  # the surname the sources use alone, first
    ("molotov", "ru", "Молотов Вячеслав Михайлович|1890–1986"),  # Russian: no comma
    ("syngman-rhee", "en", "Rhee, Syngman|1875–1965"),
    ("kim-il-sung", "en", "Kim Il Sung|1912–1994"),  # family name first already: as it stands
    ("peng-dehuai", "en", "Peng Dehuai|1898–1974"),
    ("beijing", "en", "Beijing|"),  # places and bodies are not inverted, and have no years
    ("cpsu", "en", "Communist Party of the Soviet Union|"),
])
def test_index_headings_of_the_authority_entries(entry: str, lang: str, expected: str) -> None:
    from tei.saxon import processor

    proc = processor()
    executable = proc.new_xslt30_processor().compile_stylesheet(
        stylesheet_text=HEADING_CALLER.format(core=(XSLT / "core.xsl").as_uri()))
    authority = proc.parse_xml(xml_text=(REPO / "corpus" / "authority.xml").read_text(encoding="utf-8"))
    executable.set_parameter("{urn:tei-edition:xslt}authority", authority)
    call = f'<call id="{entry}" lang="{lang}"/>'
    assert executable.transform_to_string(xdm_node=proc.parse_xml(xml_text=call)) == expected
