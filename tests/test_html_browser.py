"""The HTML edition in a real browser: Playwright driving Debian's Chromium, pages opened from file://.

Search needs http (Pagefind fetches its index): those tests use the preview
server on 127.0.0.1.  Accessibility is checked with axe-core (the copy the PyPI
package axe-playwright-python bundles).  Skipped when Playwright or Chromium is
missing (.ci/run installs both).  Screenshots go to $HTML_SCREENSHOTS (default
/tmp/html-screenshots), to look at.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from tei.edition import load_edition
from tei.render import make_server, render_edition

sync_api = pytest.importorskip("playwright.sync_api")

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(os.environ.get("HTML_SCREENSHOTS", "/tmp/html-screenshots"))

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="Chromium not installed")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    report = render_edition(sorted((REPO / "corpus" / "tei").glob("*.xml")), out,
                            load_edition(REPO / "corpus" / "edition.toml"), authority=REPO / "corpus" / "authority.xml")
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


@pytest.fixture(scope="module")
def server(site: Path):
    """The site over http, as `tei serve` shows it: its base URL."""
    httpd = make_server(site, "127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


def watch(page, allowed: tuple[str, ...]) -> list[str]:
    """Problems on a page: script errors, console errors, and any request outside the site."""
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    # Self-contained: nothing but the site's own files (from file://, or from the local server) is requested.
    page.on("request", lambda r: None if r.url.startswith(allowed + ("data:", "about:", "blob:"))
            else problems.append(f"request left the site: {r.url}"))
    return problems


@pytest.fixture
def page(browser, server: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    problems = watch(page, ("file://", server))
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
    # On to the English cell, through the links of the names in the Russian one (each keeps its cell
    # the linked one): now the Russian cell is the counterpart.
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.matches('a.entity')"):
        assert "is-counterpart" in english.get_attribute("class").split()
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('translation')")
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


def test_phone_width_stacks_the_columns(browser, site: Path, server: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2)
    page = context.new_page()
    problems = watch(page, ("file://", server))
    page.goto((site / "wcda-112123.html").as_uri())
    row = page.locator("#par-ru-printed div.prow.aligned").nth(2)
    original = row.locator("div.cell.original").bounding_box()
    translation = row.locator("div.cell.translation").bounding_box()
    assert translation["y"] >= original["y"] + original["height"] - 1  # one above the other
    assert translation["width"] > 300
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scrolling
    page.screenshot(path=str(SHOTS / "phone-document.png"), full_page=False)
    row.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "phone-parallel.png"))
    # The citation box: the copy button and the downloads wrap, nothing runs off the screen.
    page.locator(".citation-box").scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.locator(".citation-box").screenshot(path=str(SHOTS / "phone-citation.png"))
    page.goto((site / "index.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=str(SHOTS / "phone-index.png"), full_page=True)
    for name in ("persons.html", "entity-kim-il-sung.html"):
        page.goto((site / name).as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, name
        page.screenshot(path=str(SHOTS / f"phone-{name[:-5]}.png"), full_page=True)
    page.goto(server + "search.html?q=%D0%BF%D0%B5%D1%80%D0%B5%D0%B3%D0%BE%D0%B2%D0%BE%D1%80%D1%8B")  # переговоры
    page.wait_for_selector("#search-results[data-state=done]", state="attached", timeout=60_000)
    assert page.locator(".search-result").count() == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=str(SHOTS / "phone-search.png"), full_page=True)
    context.close()
    assert problems == []


def test_print_shows_one_view_without_the_controls(page, site: Path) -> None:
    page.goto((site / "wcda-112123.html").as_uri())
    page.emulate_media(media="print")
    assert not page.locator(".view-switcher").is_visible()
    assert not page.locator(".document-nav").is_visible()
    assert page.locator("#view-parallel").is_visible() and not page.locator("#view-text-en").is_visible()
    # The citation is printed; its buttons and the site's navigation are not.
    assert page.locator("#citation-text").is_visible() and not page.locator(".citation-actions").is_visible()
    assert not page.locator(".site-nav").is_visible()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    page.screenshot(path=str(SHOTS / "print.png"), full_page=True)
    page.pdf(path=str(SHOTS / "print.pdf"))


# ---------------------------------------------------------------- keyboard

def test_the_view_switcher_is_reached_and_used_with_the_keyboard(page, site: Path) -> None:
    page.goto((site / "wcda-117315.html").as_uri())
    for _ in range(60):  # Tab through the page until a view tab has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('role')") == "tab":
            break
    else:
        pytest.fail("no view tab in the tab order")
    # One tab in the tab order (the selected one); arrows move between them and switch the view.
    assert page.evaluate("document.activeElement.id") == "tab-parallel"
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == "tab-text-ru"
    assert page.locator("#view-text-ru").is_visible() and not page.locator("#view-parallel").is_visible()
    page.keyboard.press("End")
    assert page.locator("#view-text-en").is_visible()
    # The focused tab shows it has the focus.
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    # Tab leaves the tab list for the view's content, not for the next tab.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('role')") != "tab"


# ---------------------------------------------------------------- cite this document

def test_copying_the_citation(page, site: Path) -> None:
    page.goto((site / "wcda-113630.html").as_uri())
    citation = page.locator("#citation-text").inner_text()
    assert citation.startswith("Gromyko. “Soviet Politburo Decision") and "Fond 3, Opis 65, Delo 829" in citation
    button = page.get_by_role("button", name="Copy citation")
    button.click()
    page.wait_for_function("document.querySelector('.copy-status').textContent !== ''")
    assert page.locator(".copy-status").inner_text() == "Citation copied."
    assert page.evaluate("navigator.clipboard.readText()") == " ".join(citation.split())
    page.locator(".citation-box").screenshot(path=str(SHOTS / "citation.png"))
    page.screenshot(path=str(SHOTS / "document-translation-only.png"), full_page=True)


def test_copying_the_citation_without_the_clipboard_api(browser, site: Path) -> None:
    """Where navigator.clipboard is missing, the citation is selected (and copied with execCommand if allowed)."""
    context = browser.new_context()
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', { value: undefined });")
    page = context.new_page()
    problems = watch(page, ("file://",))
    page.goto((site / "wcda-112123.html").as_uri())
    page.get_by_role("button", name="Copy citation").click()
    citation = page.locator("#citation-text").inner_text()
    assert page.evaluate("window.getSelection().toString()") == citation
    assert page.locator(".copy-status").inner_text() in (
        "Citation copied.", "Citation selected: press Ctrl+C (⌘C on a Mac) to copy it.")
    context.close()
    assert problems == []


def test_citation_downloads_are_beside_the_page(page, site: Path, server: str) -> None:
    # Over http: Chromium honours the download attribute only for the page's own origin, and a
    # file:// page has none (there the browser shows the file instead; test_html.py checks it is there).
    page.goto(server + "wcda-117315.html")
    for link in page.locator(".citation-box a[download]").all():
        with page.expect_download() as download:
            link.click()
        path = download.value.path()
        assert path is not None and Path(path).read_bytes() == (site / link.get_attribute("href")).read_bytes()


# ---------------------------------------------------------------- search

def search(page, server: str, query: str, language: str = "") -> list[dict]:
    """Search from the search page's form, as a reader would; wait for the results (not for a fixed time)."""
    page.goto(server + "search.html")
    page.fill("#search-input", query)
    page.locator(f"input[name=lang][value='{language}']").check()
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_selector("#search-results[data-state=done]", state="attached", timeout=60_000)
    return page.locator(".search-result").evaluate_all("""items => items.map(li => ({
        page: li.querySelector('h2 a').getAttribute('href'),
        passage: li.querySelector('.passage-link') && li.querySelector('.passage-link').getAttribute('href'),
        meta: li.querySelector('.result-meta').textContent,
        lang: li.querySelector('.excerpt').lang,
        marked: Array.from(li.querySelectorAll('mark')).map(m => m.textContent)}))""")


def test_search_finds_russian_words_in_their_inflected_forms(page, server: str) -> None:
    results = search(page, server, "переговоры")
    # Three documents have "переговорах" (never "переговоры") in their Russian text.
    assert {r["page"] for r in results} == {"wcda-117315.html", "wcda-112123.html", "wcda-119575.html"}
    assert all(r["lang"] == "ru" and "Russian text" in r["meta"] for r in results)
    assert all(m.lower().startswith("переговор") for r in results for m in r["marked"])
    assert "переговорах" in {m for r in results for m in r["marked"]}
    assert page.locator("#search-status").inner_text() == "3 texts found."
    page.screenshot(path=str(SHOTS / "search-russian.png"), full_page=True)
    # Only English texts: none has the word.
    assert search(page, server, "переговоры", "en") == []
    assert page.locator("#search-status").inner_text() == "No document contains these words."


def test_search_finds_english_words_and_filters_by_language(page, server: str) -> None:
    results = search(page, server, "negotiation")
    assert len(results) >= 3 and all(r["lang"] == "en" for r in results)
    assert "negotiations" in {m.lower() for r in results for m in r["marked"]}
    page.screenshot(path=str(SHOTS / "search-english.png"), full_page=True)
    assert search(page, server, "negotiation", "ru") == []  # no stray prefix match ("N") from the Russian texts
    # The address holds the search: it can be linked to, and runs on opening.
    page.goto(server + "search.html?q=%D0%9A%D0%B8%D0%BC&lang=ru")  # Ким
    page.wait_for_selector("#search-results[data-state=done]", state="attached", timeout=60_000)
    # Two Russian texts, and Kim Il Sung's page (his Russian names), which says what it is.
    assert sorted(page.locator(".search-result h2 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")) == [
        "entity-kim-il-sung.html", "wcda-112123.html", "wcda-117315.html"]
    assert page.locator(".search-result", has=page.locator("a[href='entity-kim-il-sung.html']")).locator(
        ".result-meta").inner_text() == "Person"
    assert page.locator("#search-input").input_value() == "Ким"


def test_a_search_result_opens_the_passage(page, server: str) -> None:
    results = search(page, server, "переговоры", "ru")
    first = next(r for r in results if r["page"] == "wcda-117315.html")
    assert first["passage"].startswith("wcda-117315.html#wcda-117315.ru")
    page.locator(f".passage-link[href='{first['passage']}']").click()
    page.wait_for_url("**/wcda-117315.html#*")
    target = first["passage"].split("#", 1)[1]
    # The passage is in the Russian original's own view, which opens, and the passage is shown.
    assert page.locator(f"[id='{target}']").is_visible()
    assert "переговор" in page.locator(f"[id='{target}']").inner_text()


def test_search_from_a_file_says_it_needs_http(page, site: Path) -> None:
    page.goto((site / "search.html").as_uri() + "?q=war")
    assert page.locator("#search-unavailable").is_visible()
    assert "tei serve" in page.locator("#search-unavailable").inner_text()
    assert page.locator("#search-input").is_disabled()
    page.screenshot(path=str(SHOTS / "search-file.png"), full_page=True)


# ---------------------------------------------------------------- a reader's visit

def test_a_reader_finds_reads_and_cites_a_document(page, server: str) -> None:
    """Index → filter → document → views → counterpart → footnote and back → search → cite, over http."""
    page.goto(server + "index.html")
    page.select_option("#filter-language", "ru")
    page.fill("#filter-text", "molotov")
    visible = page.locator("#documents tbody tr:visible")
    assert visible.count() == 1
    visible.locator("td.title a").click()
    page.wait_for_url("**/wcda-117315.html")

    page.get_by_role("tab", name="Parallel").click()
    russian = page.locator("#par-ru div.cell.original[data-link]", has=page.locator("[data-unit='wcda-117315.ru.p2']"))
    english = page.locator(f"#par-ru div.cell.translation[data-link='{russian.get_attribute('data-link')}']")
    russian.hover()
    assert "is-counterpart" in english.get_attribute("class").split()

    page.get_by_role("tab", name="Original (printed edition)").click()
    note_link = page.locator("#view-text-ru-printed a.fn-link").first
    note_link.click()
    assert page.evaluate("location.hash") == "#wcda-117315.ru-printed.fn1"
    page.locator("[id='wcda-117315.ru-printed.fn1'] a.fn-back").click()
    assert page.evaluate("location.hash") == "#wcda-117315.ru-printed.fn1.ref"
    assert page.locator("[id='wcda-117315.ru-printed.fn1.ref']").is_visible()

    page.locator(".site-nav").get_by_role("link", name="Search").click()
    page.wait_for_url("**/search.html")
    page.fill("#search-input", "перемирии")  # the locative; the text also has "перемирия"
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results[data-state=done]", state="attached", timeout=60_000)
    assert page.locator(".search-result h2 a[href='wcda-117315.html']").count() == 1
    page.locator(".search-result h2 a[href='wcda-117315.html']").click()
    page.wait_for_url("**/wcda-117315.html")

    page.get_by_role("button", name="Copy citation").click()
    page.wait_for_function("document.querySelector('.copy-status').textContent !== ''")
    assert page.evaluate("navigator.clipboard.readText()").startswith("USSR Foreign Minister V.M. Molotov.")


# ---------------------------------------------------------------- accessibility: axe-core, WCAG 2.2 AA

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page) -> list[str]:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    if page.url.startswith("file:"):
        options["preload"] = False  # axe fetches the stylesheets again, which a file:// page may not
    result = axe_module.Axe().run(page, options=options)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result.response["violations"]]


def test_no_accessibility_violations(page, site: Path, server: str) -> None:
    page.goto(server + "index.html")
    assert axe_violations(page) == [], "index"
    page.goto(server + "wcda-117315.html")
    for tab in page.get_by_role("tab").all():  # every view of a document with all of them
        tab.click()
        assert axe_violations(page) == [], tab.inner_text()
    for name in ("wcda-119575.html", "wcda-113630.html"):  # a single original; a single translation
        page.goto(server + name)
        assert axe_violations(page) == [], name
    for name in ("persons.html", "entity-molotov.html"):  # an index of entries, an entry's page; romanised too
        page.goto(server + name)
        assert axe_violations(page) == [], name
        page.get_by_role("button", name="Russian names in Latin letters (Library of Congress)").click()
        assert axe_violations(page) == [], name + " romanised"
        page.get_by_role("button", name="Russian names in Latin letters (Library of Congress)").click()
    search(page, server, "переговоры")
    assert axe_violations(page) == [], "search page with results"
    page.goto((site / "search.html").as_uri())
    assert axe_violations(page) == [], "search page from a file"


# ---------------------------------------------------------------- persons, places and organisations

def test_search_finds_a_person_by_any_of_his_names(page, server: str) -> None:
    """Molotov's page by his English name, his Russian one and an inflected form of it (Russian stemming),
    and the documents whose texts name him by another of his names."""
    for query, language in (("Molotov", "en"), ("Молотов", "ru"), ("Молотова", "ru"), ("Molotov", ""),
                            ("Молотову", "")):
        results = search(page, server, query, language)
        pages = [r["page"] for r in results]
        assert pages.count("entity-molotov.html") == 1, (query, pages)  # once, whatever the languages searched
    # The Russian texts that name him are found by his English name (their hidden list of his other names),
    # and the passage is where the text names him.
    russian = {r["page"]: r for r in search(page, server, "Molotov", "ru")}
    assert {"wcda-117315.html", "wcda-112123.html"} <= set(russian), russian
    passage = russian["wcda-112123.html"]["passage"]
    page.goto(server + passage)
    fragment = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    assert page.locator(f"[id='{fragment}']").get_attribute("data-entity") == "molotov"
    page.screenshot(path=str(SHOTS / "search-molotov.png"), full_page=True)


def test_the_reader_switches_russian_names_to_ala_lc_and_back(page, site: Path) -> None:
    page.goto((site / "entity-vyshinsky.html").as_uri())
    toggle = page.get_by_role("button", name="Russian names in Latin letters (Library of Congress)")
    assert toggle.get_attribute("aria-pressed") == "false"
    names = page.locator(".entity-names-list [data-latn]")
    assert names.all_inner_texts() == ["Андрей Януарьевич Вышинский", "Вышинский"]
    page.screenshot(path=str(SHOTS / "entity-vyshinsky-cyrillic.png"), full_page=True)
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    # iuliia's ALA-LC: й is ĭ, я is i͡a (with the tie), ь is ʹ.
    assert names.all_inner_texts() == ["Andreĭ I͡anuarʹevich Vyshinskiĭ", "Vyshinskiĭ"]
    page.screenshot(path=str(SHOTS / "entity-vyshinsky-latin.png"), full_page=True)
    # The choice is remembered: the next page opens romanised, its texts' names too.
    page.goto((site / "wcda-119575.html").as_uri())
    assert page.get_by_role("button", name="Russian names in Latin letters (Library of Congress)").get_attribute(
        "aria-pressed") == "true"
    first = page.locator("#wcda-119575\\.ru\\.to1\\.n1")
    assert first.inner_text() == "Malenkovu"
    page.screenshot(path=str(SHOTS / "document-romanised.png"), full_page=False)
    page.get_by_role("button", name="Russian names in Latin letters (Library of Congress)").click()
    assert first.inner_text() == "Маленкову"
    page.goto((site / "entity-vyshinsky.html").as_uri())
    assert page.locator(".entity-names-list [data-latn]").all_inner_texts()[1] == "Вышинский"


def test_without_script_names_are_in_cyrillic_and_the_toggle_is_hidden(browser, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "entity-vyshinsky.html").as_uri())
    assert page.locator("button[data-romanise]").is_hidden()
    assert page.locator(".entity-names-list [data-latn]").all_inner_texts() == ["Андрей Януарьевич Вышинский",
                                                                               "Вышинский"]
    context.close()


def test_a_name_leads_to_its_page_and_a_mention_back_to_its_place(page, site: Path) -> None:
    page.goto((site / "wcda-119575.html").as_uri())
    page.locator("a.entity[data-entity='malenkov']").first.click()
    page.wait_for_url("**/entity-malenkov.html")
    assert page.locator("h1").inner_text() == "Georgy Malenkov"
    page.locator("a.mention[href^='wcda-119575.html#']").first.click()
    page.wait_for_url("**/wcda-119575.html#*")
    fragment = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    target = page.locator(f"[id='{fragment}']")
    assert target.is_visible() and target.get_attribute("data-entity") == "malenkov"


def test_the_documents_are_filtered_by_person_and_place(page, site: Path) -> None:
    page.goto((site / "index.html").as_uri())
    page.select_option("#filter-person", "molotov")
    assert page.locator("#documents tbody tr:visible").count() == 4  # the four documents that name him
    assert page.locator("#filter-status").inner_text() == "4 of 5 documents shown"
    page.select_option("#filter-place", "pyongyang")
    visible = page.locator("#documents tbody tr:visible").evaluate_all("rows => rows.map(r => r.dataset.document)")
    assert visible and all("pyongyang" in page.locator(f"tr[data-document='{d}']").get_attribute("data-entities")
                           for d in visible)
    page.click("button[type=reset]")
    page.wait_for_function("document.querySelectorAll('#documents tbody tr:not([hidden])').length === 5")
    page.goto((site / "persons.html").as_uri())
    page.screenshot(path=str(SHOTS / "persons.png"), full_page=True)
    page.fill("#filter-text", "Молотов")
    assert page.locator("#documents tbody tr:visible").count() == 1
    page.fill("#filter-text", "kim")
    assert page.locator("#documents tbody tr:visible").all_inner_texts()[0].startswith("Kim Il Sung")
