"""Import a collection of other projects' TEI into a scratch copy of the edition, build it, and measure.

    python benchmarks/measure_imports.py FOLDER [--json PATH] [--no-print]

FOLDER is imported whole (`tei import FOLDER`), then `tei build` runs (HTML and, unless
--no-print, the PDF volume).  Printed: the import and build exit codes, each document's
words kept on its HTML page (words of its TEI text found on the page: `tei_words` against
`html_words` of tei/exchange/imports.py), the lowest share and the word-weighted share;
for print, the words of each document found on its own pages of the volume (`word_forms`
against `printed_word_forms` of the text `pdftotext -raw` extracts); and the index of
what maps richly (elements rendered by the edition's templates or by those for other
archives' TEI) and what only as plain text, summed over the collection.

Not a speed benchmark: the figures are counts, the same on any machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import lxml.html
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdf  # noqa: E402

from tei.exchange.imports import html_words, printed_word_forms, tei_words, word_forms  # noqa: E402
from tei.validate import parse_safely  # noqa: E402


def document_pages(pdf: Path) -> dict[str, tuple[int, int]]:
    """Each document's pages in the volume (first, last; from 1), by its page name: from its start
    (the PDF's named destination doc-NAME, the id print/book.xsl gives its first element) to the
    next document's start or the index's."""
    reader = pypdf.PdfReader(pdf)
    starts = {name: reader.get_destination_page_number(dest) + 1 for name, dest in reader.named_destinations.items()
              if re.fullmatch(r"doc-[^.]+", name) or name == "index-sources"}
    ordered = sorted(starts.items(), key=lambda item: item[1])
    return {name[4:]: (first, max(first, ordered[n + 1][1] - 1) if n + 1 < len(ordered) else len(reader.pages))
            for n, (name, first) in enumerate(ordered) if name != "index-sources"}


def missing_in_print(pdf: Path, pages: tuple[int, int], words: list[str]) -> Counter[str]:
    """The word forms of `words` not found on those pages of the PDF."""
    text = subprocess.run(["pdftotext", "-raw", "-f", str(pages[0]), "-l", str(pages[1]), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return word_forms(words) - printed_word_forms(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--no-print", action="store_true", help="HTML only")
    args = parser.parse_args(argv)
    tei = [str(Path(sys.executable).parent / "tei")]
    with tempfile.TemporaryDirectory(prefix="measure-imports-") as scratch:
        project = Path(scratch)
        shutil.copytree(ROOT / "corpus", project / "corpus", ignore=shutil.ignore_patterns("imported"))
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000"}
        imported = subprocess.run([*tei, "import", "--no-render", str(args.folder.resolve())], cwd=project,
                                  capture_output=True, text=True, env=env)
        built = subprocess.run([*tei, "build", "-q", *(["--no-print"] if args.no_print else [])], cwd=project,
                               capture_output=True, text=True, env=env)
        registry = json.loads((project / "corpus" / "imported" / "registry.json").read_text(encoding="utf-8"))
        copies = {p.stem.split("-", 1)[1] if re.match(r"\d{4}-", p.stem) else p.stem: p
                  for p in (project / "build" / "imported").rglob("*.xml")}
        pdf = project / "build" / "print" / "edition.pdf"
        in_volume = document_pages(pdf) if not args.no_print and pdf.is_file() else {}
        rows, mapping = [], {"edition": Counter(), "foreign": Counter(), "plain": Counter()}
        for entry in registry["imports"]:
            for kind in mapping:
                mapping[kind].update(entry["mapping"][kind])
            for document in entry["documents"]:
                page = document.get("page", document["id"])
                source = copies.get(page, project / "corpus" / "imported" / entry["file"])
                root = parse_safely(str(source), source.read_bytes())  # two elements may share an xml:id
                if root.tag.endswith("teiCorpus"):
                    continue
                words = tei_words(root)
                html = project / "build" / "html" / f"{page}.html"
                found = html_words(lxml.html.parse(str(html)).getroot()) if html.is_file() else []
                missing = Counter(words) - Counter(found)
                printed = missing_in_print(pdf, in_volume[page], words) if page in in_volume else None
                rows.append({"file": entry["file"], "page": page, "words": len(words),
                             "html_kept": len(words) - sum(missing.values()), "html_missing": sorted(missing)[:12],
                             "print_missing": sum(printed.values()) if printed is not None else None,
                             "print_missing_words": sorted(printed.elements())[:12] if printed else []})
        total = sum(r["words"] for r in rows)
        kept = sum(r["html_kept"] for r in rows)
        shares = [r["html_kept"] / r["words"] for r in rows if r["words"]]
        print(f"tei import: exit {imported.returncode}; tei build: exit {built.returncode}")
        for line in (imported.stdout + imported.stderr).splitlines():
            if line.startswith(("refused", "skipped", "error")):
                print("  " + line)
        for line in built.stderr.splitlines():
            if line.startswith("error"):
                print("  " + line)
        for r in rows:
            flag = "" if r["html_kept"] == r["words"] else f"   missing: {' '.join(r['html_missing'])}"
            flag += f"   not printed: {' '.join(r['print_missing_words'])}" if r["print_missing_words"] else ""
            print(f"{r['page']:<48} {r['words']:>7} words  html {r['html_kept'] / max(r['words'], 1):.3f}"
                  + (f"  print missing {r['print_missing']}" if r["print_missing"] is not None else "") + flag)
        printed_rows = [r for r in rows if r["print_missing"] is not None]
        if printed_rows:
            kept_in_print = [1 - r["print_missing"] / r["words"] for r in printed_rows if r["words"]]
            print(f"print: words not found on their document's pages: {sum(r['print_missing'] for r in printed_rows)} "
                  f"of {total}; documents with any missing: {sum(1 for r in printed_rows if r['print_missing'])}; "
                  f"kept: lowest {min(kept_in_print, default=1):.3f}")
        print(f"{len(rows)} documents from {len(registry['imports'])} files; {total} words; "
              f"html kept: lowest {min(shares, default=1):.3f}, word-weighted {kept / max(total, 1):.4f}")
        for kind, label in (("edition", "the edition's templates"), ("foreign", "templates for other archives' TEI"),
                            ("plain", "plain text only")):
            common = ", ".join(f"{n} {c}" for n, c in mapping[kind].most_common(25))
            print(f"rendered by {label}: {sum(mapping[kind].values())} elements, {len(mapping[kind])} kinds: {common}")
        if args.json:
            args.json.write_text(json.dumps({"import_exit": imported.returncode, "build_exit": built.returncode,
                                             "documents": rows, "mapping": {k: dict(v) for k, v in mapping.items()},
                                             "words": total, "html_kept": kept}, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
