"""The full-text search of the HTML edition: static Pagefind indexes, one per language of the texts.

Pagefind (https://pagefind.app; the PyPI package `pagefind[extended]` ships its
binary) indexes the built pages and writes a bundle of small files that the
browser fetches while searching; no server-side code runs.  Two facts shape
what is done here:

- Pagefind stems words by the language of a page (`<html lang>`), and every
  page of the edition is in the interface language, though its texts are in
  Russian and English.  So one bundle is built per language of the texts,
  `pagefind-LANG/`, with Pagefind forced to that language
  (`--force-language`): the Russian bundle stems with the Russian Snowball
  stemmer, so `переговоры` finds `переговорах`.
- A page holds both languages.  html/page.xsl marks each text's own view with
  `data-pagefind-body` and `data-search-lang="LANG"`; the bundle of one
  language excludes the texts of the others (`--exclude-selectors`) and the
  interface's own words (`.gen`: labels, note markers, page numbers), so a
  bundle holds exactly the words of its language's texts.  Pages with no text
  in a language are left out of its bundle.

The search page (html/search.xsl, assets/search.js) loads one bundle and merges
the others into it (Pagefind's mergeIndex), each tagged with its language, so
that one query searches every language at once or one of them.

Bundles are written beside the site and swapped in whole, so a reader of the
site never sees half an index.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

BUNDLE_PREFIX = "pagefind-"
# Elements whose text the interface adds (see html/text.xsl): never indexed.
INTERFACE_TEXT = ".gen"


@dataclass
class SearchReport:
    languages: list[str] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)  # language -> pages indexed
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


class SearchUnavailable(Exception):
    """Pagefind's binary is not installed."""


def bundle_name(language: str) -> str:
    """The folder of a language's bundle in the site: pagefind-ru, pagefind-en (html/search.xsl agrees)."""
    return BUNDLE_PREFIX + language


def pagefind_binary() -> Path:
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise SearchUnavailable("the Python package pagefind is not installed (pip install 'pagefind[extended]')") from None
    binary = get_executable()
    if binary is None or not Path(binary).is_file():
        raise SearchUnavailable("Pagefind's binary is not installed (pip install 'pagefind[extended]')")
    return Path(binary)


def pagefind_version() -> str:
    try:
        from importlib.metadata import version

        return version("pagefind")
    except Exception:  # noqa: BLE001 - not installed: no version, the build reports it
        return ""


def build_search_index(site: Path, languages: list[str]) -> SearchReport:
    """Index the pages in `site` into one Pagefind bundle per language; remove bundles of other languages.

    Raises SearchUnavailable when Pagefind is missing; a failed run is listed in report.errors.
    """
    start = time.perf_counter()
    site = Path(site)
    report = SearchReport(languages=sorted(set(languages)))
    binary = pagefind_binary()
    runs: dict[str, tuple[subprocess.Popen, Path]] = {}
    for language in report.languages:
        staging = site / f".{bundle_name(language)}.new"
        shutil.rmtree(staging, ignore_errors=True)
        command = [str(binary), "--site", str(site), "--output-path", str(staging),
                   "--force-language", language.split("-")[0].lower(), "--glob", "*.html",
                   "--exclude-selectors", INTERFACE_TEXT]
        for other in report.languages:
            if other != language:
                command += ["--exclude-selectors", f"[data-search-lang='{other}']"]
        # All languages at once: each run is one process, mostly waiting on its own files.
        runs[language] = (subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                           text=True), staging)
    for language, (process, staging) in runs.items():
        output, _ = process.communicate()
        if process.returncode != 0 or not (staging / "pagefind.js").is_file():
            report.errors.append(f"search index ({language}): pagefind failed: " + " ".join(output.split())[-500:])
            shutil.rmtree(staging, ignore_errors=True)
            continue
        report.pages[language] = _indexed_pages(output)
        _swap_in(staging, site / bundle_name(language))
    for stale in site.glob(BUNDLE_PREFIX + "*"):
        if stale.is_dir() and stale.name[len(BUNDLE_PREFIX):] not in report.languages:
            shutil.rmtree(stale, ignore_errors=True)
    report.seconds = time.perf_counter() - start
    return report


def bundles_present(site: Path, languages: list[str]) -> bool:
    return all((Path(site) / bundle_name(language) / "pagefind.js").is_file() for language in languages)


def _swap_in(new: Path, final: Path) -> None:
    old = final.with_name(f".{final.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    new.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def _indexed_pages(output: str) -> int:
    # "Indexed 3 pages" in Pagefind's summary; 0 when the wording changes (only reported, never relied on).
    for line in output.splitlines():
        words = line.split()
        if len(words) == 3 and words[0] == "Indexed" and words[2] in ("pages", "page"):
            return int(words[1])
    return 0
