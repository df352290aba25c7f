"""The HTML edition in a real browser: Playwright driving Debian's Chromium, pages opened from file://.

Skipped when Playwright or Chromium is missing (.ci/run installs both).
Screenshots go to $HTML_SCREENSHOTS (default /tmp/html-screenshots), to look at.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tei.edition import load_edition
from tei.render import render_edition

sync_api = pytest.importorskip("playwright.sync_api")

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(os.environ.get("HTML_SCREENSHOTS", "/tmp/html-screenshots"))

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="Chromium not installed")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    report = render_edition(sorted((REPO / "corpus" / "tei").glob("*.xml")), out,
                            load_edition(REPO / "corpus" / "edition.toml"))
    assert report.ok, report.errors
    SHOTS.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--no-sandbox", "--disable-background-networking"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    # Self-contained: nothing but the site's own files is ever requested.
    page.on("request", lambda r: None if r.url.startswith(("file://", "data:", "about:"))
            else problems.append(f"request left the site: {r.url}"))
    yield page
    context.close()
    assert problems == []


def test_index_sorts_and_filters(page, site: Path) -> None:
    page.goto((site / "index.html").as_uri())
    rows = page.locator("#documents tbody tr")
    assert rows.count() == 5
    page.screenshot(path=str(SHOTS / "index.png"), full_page=True)

    russian = page.locator("#documents tbody tr[data-languages~='ru']").count()
    page.select_option("#filter-language", "ru")
    assert page.locator("#documents tbody tr:visible").count() == russian == 3
    assert page.locator("#filter-status").inner_text() == "3 of 5 documents shown"
    page.select_option("#filter-year", "1951")
    assert page.locator("#documents tbody tr:visible").count() == 0
    assert page.locator("#no-match").is_visible()
    page.click("button[type=reset]")
    page.wait_for_function("document.querySelectorAll('#documents tbody tr:not([hidden])').length === 5")
    page.fill("#filter-text", "pyongyang")
    assert page.locator("#documents tbody tr:visible").count() == 1
    page.fill("#filter-text", "")

    title = page.locator("th[data-sort-key=title]")
    title.locator("button").click()
    assert title.get_attribute("aria-sort") == "ascending"
    titles = page.locator("#documents tbody tr").evaluate_all("rows => rows.map(r => r.dataset.title)")
    assert titles == sorted(titles, key=str.lower)
    title.locator("button").click()
    assert title.get_attribute("aria-sort") == "descending"
    assert page.locator("th[data-sort-key=date]").get_attribute("aria-sort") is None


def test_views_switch_by_mouse_and_keyboard(page, site: Path) -> None:
    page.goto((site / "wcda-117315.html").as_uri())
    tabs = page.get_by_role("tab")
    assert tabs.count() == 4
    assert page.locator("#view-parallel").is_visible()
    assert not page.locator("#view-text-en").is_visible()
    page.mouse.move(0, 0)
    page.locator("#view-parallel").screenshot(path=str(SHOTS / "view-parallel.png"))

    page.get_by_role("tab", name="Translation").click()
    assert page.locator("#view-text-en").is_visible() and not page.locator("#view-parallel").is_visible()
    assert page.get_by_role("tab", name="Translation").get_attribute("aria-selected") == "true"
    page.locator("#view-text-en").screenshot(path=str(SHOTS / "view-translation.png"))

    page.keyboard.press("ArrowLeft")  # focus is on the Translation tab
    assert page.locator("#view-text-ru-printed").is_visible()
    assert page.evaluate("document.activeElement.id") == "tab-text-ru-printed"
    page.locator("#view-text-ru-printed").screenshot(path=str(SHOTS / "view-original-printed.png"))
    page.keyboard.press("ArrowLeft")
    assert page.locator("#view-text-ru").is_visible()
    page.locator("#view-text-ru").screenshot(path=str(SHOTS / "view-original-archival.png"))
    page.keyboard.press("Home")
    assert page.locator("#view-parallel").is_visible()
    page.keyboard.press("End")
    assert page.locator("#view-text-en").is_visible()


def test_pointing_at_a_passage_highlights_its_counterpart(page, site: Path) -> None:
    page.goto((site / "wcda-117315.html").as_uri())
    russian = page.locator("#par-ru div.cell.original[data-link]", has=page.locator("[data-unit='wcda-117315.ru.p2']"))
    key = russian.get_attribute("data-link")
    english = page.locator(f"#par-ru div.cell.translation[data-link='{key}']")
    assert "wcda-117315.en.p2" in english.inner_html()

    russian.hover()
    assert "is-counterpart" in english.get_attribute("class").split()
    assert "is-linked" in russian.get_attribute("class").split()
    page.locator("#view-parallel").screenshot(path=str(SHOTS / "view-parallel-hover.png"))
    page.mouse.move(0, 0)
    assert "is-counterpart" not in english.get_attribute("class").split()

    # Focus works as pointing does: the aligned cells are in the tab order.
    russian.focus()
    assert "is-counterpart" in english.get_attribute("class").split()
    page.keyboard.press("Tab")  # on to the English cell: now the Russian one is the counterpart
    assert "is-counterpart" in russian.get_attribute("class").split()
    assert "is-counterpart" not in english.get_attribute("class").split()


def test_the_reader_chooses_which_original_to_pair_with(page, site: Path) -> None:
    page.goto((site / "wcda-117315.html").as_uri())
    assert page.locator("#par-ru").is_visible() and not page.locator("#par-ru-printed").is_visible()
    page.get_by_label("Russian original (printed edition)").check()
    assert page.locator("#par-ru-printed").is_visible() and not page.locator("#par-ru").is_visible()
    page.mouse.move(0, 0)
    page.locator("#view-parallel").screenshot(path=str(SHOTS / "view-parallel-printed.png"))


def test_a_link_to_a_passage_opens_its_view(page, site: Path) -> None:
    page.goto((site / "wcda-117315.html").as_uri() + "#wcda-117315.ru-printed.p6")
    assert page.locator("#view-text-ru-printed").is_visible()
    assert page.locator("[id='wcda-117315.ru-printed.p6']").is_visible()
    # A footnote and back, inside the printed original's own view.
    page.locator("#view-text-ru-printed a.fn-link").click()
    assert page.evaluate("location.hash") == "#wcda-117315.ru-printed.fn1"
    page.locator("[id='wcda-117315.ru-printed.fn1'] a.fn-back").click()
    assert page.evaluate("location.hash") == "#wcda-117315.ru-printed.fn1.ref"


def test_phone_width_stacks_the_columns(browser, site: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    page.goto((site / "wcda-112123.html").as_uri())
    row = page.locator("#par-ru-printed div.prow.aligned").nth(2)
    original = row.locator("div.cell.original").bounding_box()
    translation = row.locator("div.cell.translation").bounding_box()
    assert translation["y"] >= original["y"] + original["height"] - 1  # one above the other
    assert translation["width"] > 300
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    page.screenshot(path=str(SHOTS / "phone-document.png"), full_page=False)
    row.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "phone-parallel.png"))
    page.goto((site / "index.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SHOTS / "phone-index.png"), full_page=True)
    context.close()


def test_print_shows_one_view_without_the_controls(page, site: Path) -> None:
    page.goto((site / "wcda-112123.html").as_uri())
    page.emulate_media(media="print")
    assert not page.locator(".view-switcher").is_visible()
    assert not page.locator(".document-nav").is_visible()
    assert page.locator("#view-parallel").is_visible() and not page.locator("#view-text-en").is_visible()
    page.screenshot(path=str(SHOTS / "print.png"), full_page=True)
    page.pdf(path=str(SHOTS / "print.pdf"))
