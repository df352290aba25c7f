"""The search index (tei/search.py): bundles planned per language and shard, and updated only where pages changed.

The pages indexed are those tei.render makes of corpus/tei; the shards are made small
(SHARD_SIZE) so that five documents fill several.
"""

from __future__ import annotations

import filecmp
import hashlib
import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from tei import search
from tei.edition import load_edition
from tei.render import render_edition
from tei.saxon import processor

REPO = Path(__file__).resolve().parents[1]
ED = "urn:tei-edition:xslt"


def synthetic(n: int, start: int = 0) -> dict[str, list[str]]:
    """n document ids, every third in English only, the others in English and Russian."""
    return {f"doc-{i:05d}": ["en"] if i % 3 == 0 else ["en", "ru"] for i in range(start, start + n)}


# ---------------------------------------------------------------- the plan

def test_a_plan_is_deterministic_and_puts_each_document_in_one_bundle_per_language() -> None:
    documents = synthetic(1000)
    plan = search.plan_bundles(documents)
    assert plan == search.plan_bundles(dict(reversed(documents.items())))
    shards = search.shard_count(1000)
    assert 1 < shards <= search.MAX_SHARDS
    # By language, then shard; pagefind-LANG-SHARD; the ids of each sorted.
    assert list(plan) == [f"pagefind-{language}-{shard}" for language in ("en", "ru") for shard in range(shards)]
    assert all(ids == sorted(ids) and ids for ids in plan.values())
    for language in ("en", "ru"):
        members = [i for name, ids in plan.items() if name.startswith(f"pagefind-{language}-") for i in ids]
        assert sorted(members) == sorted(i for i, languages in documents.items() if language in languages)


def test_documents_keep_their_shard_while_the_number_of_shards_stays() -> None:
    def shard_of(plan: dict[str, list[str]]) -> dict[str, str]:
        return {i: name for name, ids in plan.items() if name.startswith("pagefind-en-") for i in ids}

    before = shard_of(search.plan_bundles(synthetic(920)))
    after = shard_of(search.plan_bundles(synthetic(920) | synthetic(60, start=5000)))
    assert search.shard_count(920) == search.shard_count(980)
    assert {i: after[i] for i in before} == before
    # The number of shards follows the number of documents, up to MAX_SHARDS.
    assert search.shard_count(1) == search.shard_count(search.SHARD_SIZE) == 1
    assert search.shard_count(search.SHARD_SIZE + 1) == 2
    assert search.shard_count(10**6) == search.MAX_SHARDS
    assert search.plan_bundles({}) == {}


def test_a_plan_refuses_a_language_that_is_no_language_tag() -> None:
    with pytest.raises(ValueError, match="not a language tag"):
        search.plan_bundles({"doc-1": ["en'] body"]})


# ---------------------------------------------------------------- the index

@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rendered")
    report = render_edition(sorted((REPO / "corpus" / "tei").glob("*.xml")), out,
                            load_edition(REPO / "corpus" / "edition.toml"))
    assert report.ok, report.errors
    return out


@pytest.fixture
def site(rendered: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The document pages alone (no index yet), in shards of two documents: three shards."""
    monkeypatch.setattr(search, "SHARD_SIZE", 2)
    out = tmp_path / "site"
    out.mkdir()
    for page in pages(rendered):
        shutil.copyfile(rendered / f"{page}.html", out / f"{page}.html")
    return out


def pages(site: Path) -> dict[str, tuple[list[str], str]]:
    """What a caller tells update_search_index: each document's languages and a key of its page."""
    found: dict[str, tuple[list[str], str]] = {}
    for page in sorted(site.glob("*.html")):
        data = page.read_bytes()
        languages = sorted({m.decode() for m in re.findall(rb'data-search-lang="([^"]+)"', data)})
        if languages:
            found[page.stem] = (languages, hashlib.sha256(data).hexdigest())
    return found


def bundles_on_disk(site: Path) -> list[str]:
    return sorted(p.name for p in site.iterdir() if p.is_dir())


def same_tree(a: Path, b: Path) -> bool:
    """The same files, byte for byte."""
    compared = filecmp.dircmp(a, b)
    if compared.left_only or compared.right_only or compared.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, compared.common_files, shallow=False)
    return not mismatch and not errors and all(same_tree(a / d, b / d) for d in compared.common_dirs)


def test_an_update_indexes_only_the_bundles_whose_pages_changed(site: Path, tmp_path: Path) -> None:
    first = search.update_search_index(site, pages(site), {})
    assert first.errors == []
    plan = search.plan_bundles({i: languages for i, (languages, _) in pages(site).items()})
    assert first.bundles == list(plan) == first.rebuilt == bundles_on_disk(site)
    assert len(first.bundles) == 5 and first.pages == {"en": 4, "ru": 3}
    stamps = {name: (site / name / "pagefind-entry.json").stat().st_mtime_ns for name in first.bundles}

    # Nothing changed: nothing indexed, nothing touched.
    again = search.update_search_index(site, pages(site), first.state)
    assert again.rebuilt == [] and again.errors == [] and again.state == first.state
    assert again.pages == first.pages and again.bundles == first.bundles
    assert {n: (site / n / "pagefind-entry.json").stat().st_mtime_ns for n in again.bundles} == stamps

    # One page changed: the bundles of its shard, one per language of its texts, and no others.
    edited = site / "wcda-117315.html"
    edited.write_text(edited.read_text(encoding="utf-8").replace("переговор", "перемирии переговор", 1),
                      encoding="utf-8")
    third = search.update_search_index(site, pages(site), again.state)
    holding = [name for name, ids in plan.items() if "wcda-117315" in ids]
    assert third.rebuilt == holding and len(holding) == 2 and third.errors == []
    assert all((site / n / "pagefind-entry.json").stat().st_mtime_ns == stamps[n]
               for n in third.bundles if n not in holding)
    assert not (site / search.WORK_FOLDER).exists() and bundles_on_disk(site) == third.bundles

    # The bundles are those of a build from nothing, byte for byte.
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    for page in pages(site):
        shutil.copyfile(site / f"{page}.html", fresh / f"{page}.html")
    assert search.update_search_index(fresh, pages(fresh), {}).state == third.state
    assert all(same_tree(site / name, fresh / name) for name in third.bundles)


def test_a_missing_bundle_is_rebuilt_and_an_unplanned_one_removed(site: Path) -> None:
    first = search.update_search_index(site, pages(site), {})
    shutil.rmtree(site / first.bundles[0])
    again = search.update_search_index(site, pages(site), first.state)
    assert again.rebuilt == [first.bundles[0]]
    # Only English texts left: the Russian bundles go, and so do leftovers of an interrupted update.
    (site / ".pagefind-ru-0.new").mkdir()
    english = {i: page for i, page in pages(site).items() if page[0] == ["en"]}
    third = search.update_search_index(site, english, again.state)
    assert third.bundles and all(name.startswith("pagefind-en-") for name in third.bundles)
    assert bundles_on_disk(site) == third.bundles and not (site / ".pagefind-ru-0.new").exists()
    assert set(third.state["bundles"]) == set(third.bundles)


def test_a_bundle_that_failed_is_reported_and_tried_again(site: Path) -> None:
    wanted = pages(site)
    kept = site / "wcda-117315.bak"
    (site / "wcda-117315.html").rename(kept)
    first = search.update_search_index(site, wanted, {})
    failed = [name for name, ids in search.plan_bundles({i: p[0] for i, p in wanted.items()}).items()
              if "wcda-117315" in ids]
    assert len(first.errors) == 2 and all("wcda-117315.html" in e for e in first.errors), first.errors
    assert sorted(set(first.bundles) - set(first.rebuilt)) == failed
    assert set(first.state["bundles"]) == set(first.bundles) - set(failed)
    kept.rename(site / "wcda-117315.html")
    assert search.update_search_index(site, wanted, first.state).rebuilt == failed


def test_without_pagefind_the_search_is_unavailable(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pagefind_service = pytest.importorskip("pagefind.service")
    monkeypatch.setattr(pagefind_service, "get_executable", lambda: None)
    with pytest.raises(search.SearchUnavailable):
        search.update_search_index(site, pages(site), {})


# ---------------------------------------------------------------- the search page

def search_page(bundles: str | None) -> etree._Element:
    proc = processor()
    executable = proc.new_xslt30_processor().compile_stylesheet(
        stylesheet_file=str(REPO / "xslt" / "html" / "search.xsl"))
    if bundles is not None:
        executable.set_parameter("search_bundles", proc.make_string_value(bundles))
    catalogue = proc.parse_xml(xml_text=f'<ed:catalogue xmlns:ed="{ED}"><ed:entry id="a" languages="en ru"/>'
                                        f'<ed:entry id="b" languages="es-419"/></ed:catalogue>')
    return etree.HTML(executable.transform_to_string(xdm_node=catalogue).encode())


def test_the_search_page_lists_the_bundles_of_each_language() -> None:
    page = search_page("pagefind-en-0 pagefind-en-1 pagefind-es-419-0 pagefind-ru-0 pagefind-ru-1 pagefind-ru-12")
    radios = page.xpath("//input[@name='lang'][@value != '']")
    assert [(r.get("value"), r.get("data-bundles")) for r in radios] == [
        ("en", "pagefind-en-0 pagefind-en-1"), ("es-419", "pagefind-es-419-0"),
        ("ru", "pagefind-ru-0 pagefind-ru-1 pagefind-ru-12")]
    # Not given: one shard per language.
    assert [r.get("data-bundles") for r in search_page(None).xpath("//input[@name='lang'][@value != '']")] == [
        "pagefind-en-0", "pagefind-es-419-0", "pagefind-ru-0"]


def test_a_language_with_no_words_to_index_is_a_warning_not_a_failure(site: Path) -> None:
    # An inscription whose Punic text is all gaps: its page claims the language, Pagefind finds
    # no word of it and makes no index.  The other bundles are made; the build is not failed.
    wanted = pages(site)
    page = site / "wcda-117315.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "<main", '<main><div data-pagefind-body="" data-search-lang="xpu"><span class="gen">[…]</span></div', 1),
        encoding="utf-8")
    wanted["wcda-117315"] = ([*wanted["wcda-117315"][0], "xpu"], "edited")
    [empty] = [name for name in search.plan_bundles({i: p[0] for i, p in wanted.items()}) if "-xpu-" in name]
    found = search.update_search_index(site, wanted, {})
    assert found.errors == []
    assert [w for w in found.warnings if empty in w and "no words in xpu" in w], found.warnings
    assert empty not in bundles_on_disk(site) and empty not in found.state["bundles"]
    assert set(found.rebuilt) == set(found.bundles) - {empty}
