"""The full-text search of the HTML edition: static Pagefind indexes, per language of the texts, in shards.

Pagefind (https://pagefind.app; the PyPI package `pagefind[extended]` ships its
binary) indexes the built pages and writes a bundle of small files that the
browser fetches while searching; no server-side code runs.  Three facts shape
what is done here:

- Pagefind stems words by the language of a page (`<html lang>`), and every
  page of the edition is in the interface language, though its texts are in
  Russian and English.  So each language of the texts has its own bundles,
  with Pagefind forced to that language (`--force-language`): the Russian
  bundles stem with the Russian Snowball stemmer, so `переговоры` finds
  `переговорах`.
- A page holds both languages.  html/page.xsl marks each text's own view with
  `data-pagefind-body` and `data-search-lang="LANG"`; a bundle of one
  language excludes the texts of the others (`--exclude-selectors`) and the
  interface's own words (`.gen`: labels, note markers, page numbers), so a
  bundle holds exactly the words of its language's texts.  Pages with no text
  in a language are left out of its bundles.
- Pagefind cannot change an index: it indexes a whole folder anew.  So the
  documents are dealt into shards (by a hash of their id; the number of shards
  grows with the edition, up to MAX_SHARDS), and each shard of each language
  is a bundle of its own, `pagefind-LANG-SHARD/` (pagefind-ru-0,
  pagefind-ru-1 …).  When a page changes, only the bundles of its shard are
  indexed again: Pagefind runs on a folder of links to the shard's pages.

plan_bundles() says which bundles an edition has and what each holds;
update_search_index() brings the site's bundles up to date, given what it did
last time (SearchReport.state, which the caller keeps).

The search page (html/search.xsl, assets/search.js) is given the list of
bundles (the stylesheet parameter search_bundles); it loads one and merges the
others into it (Pagefind's mergeIndex), and a query searches every bundle of
every language, or of one.

Bundles are written beside the site and swapped in whole, so a reader of the
site never sees half an index.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

BUNDLE_PREFIX = "pagefind-"
# Elements whose text the interface adds (see html/text.xsl): never indexed.
INTERFACE_TEXT = ".gen"
# Documents per shard, and at most this many shards.  Measured on 1,000 documents in two
# languages, two CPUs: the update after one edit re-indexes two shards, 0.3 s with shards of
# 100 (1.8 s with one shard per language); a search on the search page, which searches every
# bundle on its own, takes 0.1-0.25 s with 20 bundles, 0.2-0.8 s with 32, 0.8-1.3 s with 64.
SHARD_SIZE = 100
MAX_SHARDS = 10
# Pagefind's ready-made search interfaces, which the search page (assets/search.js) does not
# use: removed from every bundle, of which they would be most of the bytes.
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
# Links to the pages of each bundle being indexed, while Pagefind runs (in the site: links
# cannot cross file systems).
WORK_FOLDER = ".search-work"
# Bump when SearchReport.state changes meaning or bundles are made differently: every bundle is indexed again.
STATE_FORMAT = 1
# A language becomes a folder name, a URL path segment and a CSS selector: a language tag's characters only.
_LANGUAGE = re.compile(r"[A-Za-z0-9]+(-[A-Za-z0-9]+)*")


@dataclass
class SearchReport:
    bundles: list[str] = field(default_factory=list)  # every bundle of the edition, by language, then shard
    rebuilt: list[str] = field(default_factory=list)  # the bundles indexed this time
    pages: dict[str, int] = field(default_factory=dict)  # language -> pages in its bundles
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    state: dict = field(default_factory=dict)  # for the next update_search_index (JSON)


class SearchUnavailable(Exception):
    """Pagefind's binary is not installed."""


@dataclass
class _Bundle:
    name: str
    language: str
    ids: list[str]  # sorted


def shard_count(documents: int) -> int:
    return max(1, min(MAX_SHARDS, math.ceil(documents / SHARD_SIZE)))


def shard_of(document_id: str, shards: int) -> int:
    # A hash that is the same in every process (Python's hash() of a str is not).
    return int.from_bytes(hashlib.sha256(document_id.encode()).digest()[:8], "big") % shards


def bundle_name(language: str, shard: int) -> str:
    """The folder of one shard of a language's index: pagefind-ru-3 (html/search.xsl reads the language from it)."""
    return f"{BUNDLE_PREFIX}{language}-{shard}"


def plan_bundles(pages: dict[str, list[str]]) -> dict[str, list[str]]:
    """Bundle folder name -> the document ids (sorted) whose pages it indexes, by language, then shard.

    `pages`: document id -> the languages of its texts.  A document's shard depends only on
    its id and the number of shards, which depends only on the number of documents.
    """
    return {bundle.name: bundle.ids for bundle in _plan(pages)}


def _plan(pages: dict[str, list[str]]) -> list[_Bundle]:
    shards = shard_count(len(pages))
    members: dict[tuple[str, int], list[str]] = {}
    for document_id in sorted(pages):
        shard = shard_of(document_id, shards)
        for language in set(pages[document_id]):
            if not _LANGUAGE.fullmatch(language):
                raise ValueError(f"{document_id}: {language!r} is not a language tag")
            members.setdefault((language, shard), []).append(document_id)
    return [_Bundle(bundle_name(language, shard), language, ids)
            for (language, shard), ids in sorted(members.items())]


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


def update_search_index(site: Path, pages: dict[str, tuple[list[str], str]], state: dict) -> SearchReport:
    """Bring the search bundles of `site` up to date with its pages, indexing only bundles that changed.

    `pages`: document id -> (the languages of its texts, a key that changes whenever its
    page ID.html changes).  `state`: report.state of the previous update ({} when unknown).
    A bundle is indexed again when the ids and keys of its pages, Pagefind's version or its
    options changed, or when its folder is missing or incomplete; folders of bundles no
    longer planned are removed.  Raises SearchUnavailable when Pagefind is missing; a failed
    run is listed in report.errors (and that bundle is tried again next time).
    """
    start = time.perf_counter()
    site = Path(site)
    plan = _plan({document_id: languages for document_id, (languages, _) in pages.items()})
    report = SearchReport(bundles=[bundle.name for bundle in plan])
    done = state.get("bundles", {}) if state.get("format") == STATE_FORMAT else {}
    version = pagefind_version()
    keys = {bundle.name: _bundle_key(bundle, pages, version) for bundle in plan}
    due = [bundle for bundle in plan if done.get(bundle.name) != keys[bundle.name] or not _complete(site / bundle.name)]
    failed: set[str] = set()
    if due:
        binary = pagefind_binary()
        try:
            # Several Pagefind runs at once, one per CPU: a run of one small shard hardly uses two.
            with ThreadPoolExecutor(max_workers=min(len(due), _cpus())) as pool:
                failures = list(pool.map(lambda bundle: _index(binary, site, bundle), due))
        finally:
            shutil.rmtree(site / WORK_FOLDER, ignore_errors=True)
        for bundle, failure in zip(due, failures):
            if failure == NO_WORDS:
                # Nothing of the language to search (its texts are all gaps and glyphs): the
                # search page skips a bundle it cannot load; no reason to fail the build.
                report.warnings.append(f"search index ({bundle.name}): its pages have no words in "
                                       f"{bundle.language} to index; searching {bundle.language} finds nothing")
                failed.add(bundle.name)
            elif failure:
                report.errors.append(f"search index ({bundle.name}): {failure}")
                failed.add(bundle.name)
            else:
                report.rebuilt.append(bundle.name)
    _remove_unplanned(site, set(report.bundles))
    for bundle in plan:
        report.pages[bundle.language] = report.pages.get(bundle.language, 0) + _page_count(site / bundle.name)
    report.state = {"format": STATE_FORMAT,
                    "bundles": {name: key for name, key in keys.items() if name not in failed}}
    report.seconds = time.perf_counter() - start
    return report


def _options(language: str) -> list[str]:
    """Pagefind's options for a bundle of `language`, less the folders."""
    return ["--force-language", language.split("-")[0].lower(),
            "--exclude-selectors", INTERFACE_TEXT,
            # The texts in every other language.
            "--exclude-selectors", f"[data-search-lang]:not([data-search-lang='{language}'])"]


def _bundle_key(bundle: _Bundle, pages: dict[str, tuple[list[str], str]], version: str) -> str:
    return hashlib.sha256(json.dumps([version, _options(bundle.language),
                                      [[document_id, pages[document_id][1]] for document_id in bundle.ids]],
                                     ensure_ascii=False).encode()).hexdigest()


# What _index says of a bundle whose pages hold no word of its language; Pagefind then
# prints that it indexed 0 pages and makes no index.
NO_WORDS = "no words"
_NOTHING_INDEXED = re.compile(r"Indexed 0 pages")


def _index(binary: Path, site: Path, bundle: _Bundle) -> str:
    """Index the pages of `bundle` into its folder; "" when done, NO_WORDS, or what went wrong."""
    # Pagefind indexes a folder: one holding (links to) just this bundle's pages.  It records
    # a page's URL from that folder, "/ID.html", which the search page resolves from the site's root.
    work = site / WORK_FOLDER / bundle.name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        for document_id in bundle.ids:
            _link(site / f"{document_id}.html", work / f"{document_id}.html")
    except OSError as exc:
        return f"cannot read the page {Path(exc.filename or '').name}: {exc.strerror or exc}"
    staging = site / f".{bundle.name}.new"
    shutil.rmtree(staging, ignore_errors=True)
    run = subprocess.run([str(binary), "--site", str(work), "--output-path", str(staging), *_options(bundle.language)],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    shutil.rmtree(work, ignore_errors=True)
    if run.returncode != 0 or not _complete(staging):
        shutil.rmtree(staging, ignore_errors=True)
        if _NOTHING_INDEXED.search(run.stdout):
            return NO_WORDS
        return "pagefind failed: " + " ".join(run.stdout.split())[-500:]
    for name in UNUSED_FILES:
        (staging / name).unlink(missing_ok=True)
    _swap_in(staging, site / bundle.name)
    return ""


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        if not source.is_file():
            raise
        shutil.copyfile(source, target)  # a file system without hard links


def _complete(folder: Path) -> bool:
    return (folder / "pagefind.js").is_file() and (folder / "pagefind-entry.json").is_file()


def _page_count(folder: Path) -> int:
    """The pages in a bundle, as its pagefind-entry.json counts them (0 when it cannot be read)."""
    try:
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        return sum(language["page_count"] for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return 0


def _remove_unplanned(site: Path, planned: set[str]) -> None:
    """Bundles no longer planned, and what an interrupted update left: their folders."""
    for folder in site.glob(BUNDLE_PREFIX + "*"):
        if folder.is_dir() and folder.name not in planned:
            shutil.rmtree(folder, ignore_errors=True)
    for folder in site.glob(f".{BUNDLE_PREFIX}*"):  # staging (.NAME.new) and swapped-out (.NAME.old) folders
        if folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)


def _swap_in(new: Path, final: Path) -> None:
    old = final.with_name(f".{final.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    new.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def _cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
