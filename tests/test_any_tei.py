"""Any TEI renders: every element of full TEI P5, each repeated, and real documents with their
repeatable elements doubled, go through the HTML page and the print volume without an error.

The stylesheets were written against the edition's own encodings, where a document has one
correspDesc, one archive record, one repository; TEI allows several (a letter with two editors
stopped a whole build: "A sequence of more than one item is not allowed as the first argument of
fn:normalize-space()").  These tests make such documents and render them.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree

from tei.exchange.imports import html_words, render_page, tei_words
from tei.typeset import typeset_edition

from conftest import ROOT, TEI_ALL

T = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
RNG = "{http://relaxng.org/ns/structure/1.0}"
DATE = dt.date(2025, 1, 15)
DOCUMENTS = sorted((ROOT / "corpus" / "tei").glob("*.xml")) + sorted((ROOT / "tests" / "fixtures" / "foreign").glob("*.xml"))

# Elements TEI allows at most once where they stand: not doubled.
ONCE = {"teiHeader", "fileDesc", "titleStmt", "publicationStmt", "notesStmt", "editionStmt", "extent",
        "revisionDesc", "msIdentifier", "text", "body", "front", "back"}
# Elements whose content model admits no text of their own (empty, or elements only): text put
# straight inside them is not TEI, and not shown.  Read from tei_all by eye; every other element's
# words must be on the page.
NO_TEXT = {"anchor", "app", "caesura", "cb", "choice", "cit", "gap", "lb", "listApp", "listBibl", "listPerson",
           "listPlace", "listWit", "milestone", "pb", "row", "space", "spanGrp", "table"}
# Not put inside a paragraph: a document in a document.
OUTER = {"TEI", "teiCorpus", "teiHeader", "text"}


def _tei_all_elements() -> list[str]:
    if not TEI_ALL.exists():
        pytest.skip("../shared/reference/tei_all.rng is not beside the project")
    rng = etree.parse(str(TEI_ALL))
    return sorted({e.get("name") for e in rng.iter(f"{RNG}element") if e.get("name") and ":" not in e.get("name")})


@pytest.fixture(scope="module")
def every_element() -> etree._Element:
    """A document whose body has a paragraph per element of tei_all, holding that element twice."""
    names = [n for n in _tei_all_elements() if n not in OUTER]
    assert len(names) > 550  # tei_all defines some 580 elements: the reading of the schema worked
    body = "".join(f'<p n="{n}"><{n}>w{n}a</{n}> <{n}>w{n}b</{n}></p>' for n in names)
    return etree.fromstring(
        f'<TEI xmlns="{T}" xml:id="every-element"><teiHeader><fileDesc><titleStmt><title>Every element</title>'
        f'</titleStmt><publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>Made by the test</p>'
        f'</sourceDesc></fileDesc></teiHeader><text><body><div>{body}</div></body></text></TEI>')


def test_every_element_of_tei_twice_is_on_its_html_page(every_element, edition) -> None:
    page = render_page(every_element, edition)  # raises on an XSLT error
    missing = Counter(tei_words(every_element)) - Counter(html_words(page))
    elements = {w[1:-1] for w in missing}
    assert elements <= NO_TEXT, sorted(elements - NO_TEXT)


def test_every_element_of_tei_twice_is_printed(every_element, edition, tmp_path: Path) -> None:
    source = tmp_path / "every-element.xml"
    source.write_bytes(etree.tostring(every_element))
    report = typeset_edition([source], tmp_path / "print", edition, date=DATE)
    assert report.errors == [] and report.documents == 1
    with pdfplumber.open(str(tmp_path / "print" / "edition.pdf")) as pdf:
        text = " ".join(page.extract_text(x_tolerance=1) or "" for page in pdf.pages)
    printed = Counter(re.sub(r"[\[\]⟦⟧⟨⟩〈〉{}()<>]", " ", text).split())
    missing = Counter(tei_words(every_element)) - printed
    elements = {w[1:-1] for w in missing}
    assert elements <= NO_TEXT, sorted(elements - NO_TEXT)


def doubled(root: etree._Element, part: str) -> etree._Element:
    """The document with every repeatable element of its header (or of its text) followed by a copy.

    Each original element is copied once, shallowest first, so a copy holds the originals'
    children (not their copies); ids in copies are made unique."""
    root = copy.deepcopy(root)
    inside = "teiHeader" if part == "header" else "text"
    elements = [e for e in root.iter() if isinstance(e.tag, str) and e is not root
                and e.xpath(f"ancestor::*[local-name() = '{inside}']")
                and etree.QName(e).localname not in ONCE]
    count = 0
    for element in elements:
        twin = copy.deepcopy(element)
        for e in twin.iter():
            if isinstance(e.tag, str) and e.get(XML_ID):
                count += 1
                e.set(XML_ID, f"{e.get(XML_ID)}-twin{count}")
        twin.tail = element.tail
        element.addnext(twin)
    return root


@pytest.mark.parametrize("part", ["header", "text"])
@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_repeated_elements_render_in_html_and_print(path: Path, part: str, edition, tmp_path: Path) -> None:
    root = doubled(etree.parse(str(path)).getroot(), part)
    assert len(root.xpath(f"//*[local-name() = '{'teiHeader' if part == 'header' else 'text'}']//*")) > \
        len(etree.parse(str(path)).getroot().xpath(f"//*[local-name() = '{'teiHeader' if part == 'header' else 'text'}']//*"))
    render_page(root, edition)  # raises on an XSLT error
    source = tmp_path / path.name
    source.write_bytes(etree.tostring(root))
    report = typeset_edition([source], tmp_path / "print", edition, date=DATE)
    assert report.errors == [] and report.documents == 1, report.errors


@pytest.mark.parametrize("quantity, underscores", [("2.5", 3), ("100000", 80), ("many", 3), ("7", 7), (None, 3)])
def test_a_typed_blank_of_any_quantity_renders(quantity, underscores, edition, tmp_path: Path) -> None:
    """TEI's @quantity is any number: 2.5 made the page fail (xs:integer('2.5')), 100000 drew a wall."""
    attribute = f' quantity="{quantity}"' if quantity else ""
    root = etree.fromstring(
        f'<TEI xmlns="{T}" xml:id="blank"><teiHeader><fileDesc><titleStmt><title>Blank</title></titleStmt>'
        f'<publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>Test</p></sourceDesc></fileDesc></teiHeader>'
        f'<text><body><div><p>Received by<space unit="chars" rend="underscore"{attribute}/>.</p></div></body></text></TEI>')
    page = render_page(root, edition)
    blanks = [s.text for s in page.iter("span") if "typed-blank" in (s.get("class") or "").split()]
    assert blanks == ["_" * underscores]
    source = tmp_path / "blank.xml"
    source.write_bytes(etree.tostring(root))
    assert typeset_edition([source], tmp_path / "print", edition, date=DATE).errors == []


def test_a_document_the_print_stylesheet_fails_on_is_left_out_and_named(edition, tmp_path: Path, monkeypatch) -> None:
    """The volume is made of the others; the error names the file and gives the stylesheet's message."""
    from saxonche import PySaxonApiError

    import tei.typeset

    real = tei.typeset.paged_html

    def failing_on_seed_003(documents, params, scope, **book):
        if any('xml:id="wcda-113630"' in str(documents.item_at(i)) for i in range(documents.size)):
            raise PySaxonApiError("XTTE0570 A sequence of more than one item is not allowed")
        return real(documents, params, scope, **book)

    monkeypatch.setattr(tei.typeset, "paged_html", failing_on_seed_003)
    sources = sorted((ROOT / "corpus" / "tei").glob("*.xml"))
    report = typeset_edition(sources, tmp_path / "print", edition, date=DATE)
    assert len(report.errors) == 1 and report.errors[0].startswith(str(sources[3].resolve()))
    assert "XTTE0570" in report.errors[0] and "left out of the print edition" in report.errors[0]
    assert report.volume_written and report.documents == len(sources) - 1
