"""tei/cite.py: the CSL-JSON item, BibTeX and formatted citation of each document."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from lxml import etree

from tei.cite import bibtex, csl_item, formatted_citation, style_title

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus" / "tei"
TEI = "http://www.tei-c.org/ns/1.0"


def root(name: str) -> etree._Element:
    (path,) = CORPUS.glob(f"{name}_*.xml")
    return etree.parse(str(path)).getroot()


@pytest.fixture(scope="module")
def items(edition) -> dict[str, dict]:
    return {name: csl_item(root(name), edition) for name in ("000", "001", "002", "003", "004")}


def test_a_letter_with_two_archival_references(items) -> None:
    assert items["003"] == {
        "id": "wcda-113630",
        "type": "personal_communication",
        "title": "Soviet Politburo Decision with Approved Message from Gromyko to Razuvaev",
        "issued": {"date-parts": [[1951, 11, 19]]},
        "author": [{"literal": "Gromyko"}],
        "recipient": [{"literal": "Razuvaev"}],
        "archive": "Wilson Center Digital Archive",
        "archive_location": "APRF, Fond 3, Opis 65, Delo 829, Listy 44-45; "
                            "AVPRF, Fond 059a, Opis 5a, Delo 5, Papka 11, Listy 65-66",
        "URL": "https://wilson-center.drivingcreative.com/document/113630",
        "language": "en",  # only the English translation is reproduced
        "abstract": "Telegram from Gromyko to Razuvaev requiring more clear explanation about the earlier "
                    "inquiry regarding Korean situation.",
        "note": "\"Soviet Politburo Decision with Approved Message from Gromyko to Razuvaev\", November 19, 1951, "
                "Wilson Center Digital Archive, APRF, Fond 3, Opis 65, Delo 829, Listy 44-45 and AVPRF, Fond 059a, "
                "Opis 5a, Delo 5, Papka 11, Listy 65-66. <https://wilson-center.drivingcreative.com/document/113630>",
    }


def test_translator_senders_and_original_language(items) -> None:
    assert items["001"]["translator"] == [{"literal": "Vladislav Zubok"}]
    assert items["001"]["language"] == "ru"  # the Russian original is reproduced
    assert items["001"]["archive_location"] == (
        "Volkogonov Collections, Library of Congress; Archive of the President of the Russian Federation (APRF)")
    assert items["004"]["author"] == [{"literal": "Kuznetsov"}, {"literal": "Fedorenko"}]
    assert "recipient" not in items["004"]  # nothing is invented


def test_a_document_without_header_is_cited_by_its_page_in_the_edition(items) -> None:
    item = items["002"]
    assert item["URL"] == "https://edition.example.org/doc-002-886c9a577c8597a3.html"
    assert "archive" not in item and "archive_location" not in item
    assert item["issued"] == {"date-parts": [[1951, 12, 25]]}
    text, _ = formatted_citation(item)
    # Chicago has no bibliography entry for an unpublished letter: the note form is given instead.
    assert text.startswith("A. Gromyko") and "December 25, 1951" in text and text.endswith(".")


def test_a_document_that_is_not_a_letter_is_a_manuscript(edition) -> None:
    tei = copy.deepcopy(root("000"))
    for corresp in tei.iter(f"{{{TEI}}}correspDesc"):
        corresp.getparent().remove(corresp)
    for date in tei.iter(f"{{{TEI}}}creation"):
        date.getparent().remove(date)
    item = csl_item(tei, edition)
    assert item["type"] == "manuscript" and item["author"] == [{"literal": "Pushkin"}]
    assert item["issued"] == {"date-parts": [[1952, 11, 3]]}  # from the archive record's date


def test_the_items_are_json(items) -> None:
    for item in items.values():
        assert json.loads(json.dumps(item)) == item
        assert all(value not in ("", [], {}) for value in item.values())


def test_chicago_citation(items) -> None:
    text, html = formatted_citation(items["001"])
    assert text == (
        "USSR Foreign Minister V.M. Molotov. “Telegram from USSR Foreign Minister V.M. Molotov to Soviet Ambassador "
        "in Beijing.” To Soviet Ambassador. Translated by Vladislav Zubok. July 4, 1953. Volkogonov Collections, "
        "Library of Congress; Archive of the President of the Russian Federation (APRF). Wilson Center Digital "
        "Archive. https://digitalarchive.umd.edu/document/117315.")
    assert html == text
    assert style_title() == "Chicago Manual of Style 18th edition (notes and bibliography)"


def test_formatted_citation_escapes_html_and_marks_emphasis(items) -> None:
    item = dict(items["003"], title="Gromyko & Razuvaev <draft>")
    text, html = formatted_citation(item)
    assert "“Gromyko & Razuvaev <draft>.”" in text
    assert "“Gromyko &amp; Razuvaev &lt;draft&gt;.”" in html
    book = dict(item, type="book")
    text, html = formatted_citation(book)
    assert "<i>Gromyko &amp; Razuvaev &lt;draft&gt;</i>" in html and "<i>" not in text
    etree.fromstring(f"<p>{html}</p>")  # well-formed, for page.xsl


def test_other_styles(items) -> None:
    text, _ = formatted_citation(items["003"], "apa")
    assert "Gromyko" in text and "1951" in text


def test_bibtex(items) -> None:
    entry = bibtex(items["001"])
    assert entry.splitlines()[0] == "@misc{wcda-117315,"
    assert "  author = {{USSR Foreign Minister V.M. Molotov}}," in entry
    assert "  month = jul," in entry and "  date = {1953-07-04}," in entry
    assert "  translator = {{Vladislav Zubok}}," in entry and "  langid = {russian}," in entry
    assert "  url = {https://digitalarchive.umd.edu/document/117315}," in entry
    two = bibtex(items["004"])
    assert "  author = {{Kuznetsov} and {Fedorenko}}," in two
    odd = bibtex(dict(items["003"], title="50% of {all} #1 & co_op ~ $x^2$ \\"))
    assert r"title = {{50\% of \{all\} \#1 \& co\_op \textasciitilde{} \$x\textasciicircum{}2\$ \textbackslash{}}}" in odd
    for entry in (entry, two, odd):
        depth = 0
        for char in entry.replace(r"\{", "").replace(r"\}", ""):
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth >= 0
        assert depth == 0


def test_citing_many_documents_holds_no_memory(items) -> None:
    """tei.cite makes citeproc-py remember its lookups in the style (a third of a citation's time);
    what it remembers must not keep anything of an item alive: a worker cites thousands."""
    def resident_kib() -> int:
        return int(Path("/proc/self/status").read_text().split("VmRSS:")[1].split()[0])

    if not Path("/proc/self/status").is_file():
        pytest.skip("needs Linux's /proc to read the resident memory")
    many = [dict(item, id=f"{item['id']}-{k}", title=f"{item['title']} {k}")
            for k in range(80) for item in items.values()]
    for item in many[:100]:  # warm up: the style, its locales, the answers remembered
        formatted_citation(item)
    before = resident_kib()
    for item in many:
        formatted_citation(item)
    # Remembering the locale's terms kept 60-90 KB an item alive: 24-36 MB for these 400 citations.
    assert resident_kib() - before < 8 * 1024
