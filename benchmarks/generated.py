"""Copies of the edition's TEI files, each a document of its own: TEI without sources, for
tests/test_build.py's editions (the benchmarks generate transcripts instead: make_corpus.py).

Every xml:id in a file derives from the root's, so renaming the root id renames
them all, pointers included.  Document dates are spread over 1951-1953 (the
year filters and sets have something to do) and revision dates over a year (so
OAI-PMH datestamps differ).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "tei"
ROOT_ID = re.compile(r'<TEI\b[^>]*\bxml:id="([^"]+)"')
WHEN = re.compile(r'when="195[123]-(\d\d)-(\d\d)"')
CHANGE = re.compile(r'<change when="[^"]*"')


def make_corpus(folder: Path, count: int) -> list[Path]:
    sources = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.xml"))]
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for k in range(count):
        stem, text = sources[k % len(sources)]
        old_id = ROOT_ID.search(text).group(1)
        text = text.replace(old_id, f"{old_id}-copy{k}")
        text = WHEN.sub(lambda m: f'when="{1951 + k % 3}-{m.group(1)}-{m.group(2)}"', text)
        text = CHANGE.sub(f'<change when="{(date(2026, 1, 1) + timedelta(days=k % 365)).isoformat()}"', text)
        target = folder / f"{k:05d}-{stem}.xml"
        target.write_text(text, encoding="utf-8")
        files.append(target)
    return files
