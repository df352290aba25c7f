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

from tei.exchange.imports import set_in_clusters, html_words, missing_from_print, tei_words  # noqa: E402
from tei.validate import parse_safely  # noqa: E402


def document_pages(pdf: Path, names: list[str]) -> dict[str, tuple[int, int]]:
    """The pages of each document named (first, last; from 1) in the volume: from its start (the PDF's
    named destination doc-NAME, the id print/book.xsl gives its first element) to the next document's
    start, or the index's."""
    reader = pypdf.PdfReader(pdf)
    destinations = reader.named_destinations
    starts = {name: reader.get_destination_page_number(destinations[f"doc-{name}"]) + 1
              for name in names if f"doc-{name}" in destinations}
    ends = sorted({*starts.values(), *(reader.get_destination_page_number(destinations[name]) + 1
                                       for name in ("index-sources",) if name in destinations),
                   len(reader.pages) + 1})
    return {name: (first, max(first, next(end for end in ends if end > first) - 1)) for name, first in starts.items()}


def missing_in_print(pdf: Path, pages: tuple[int, int], words: list[str], tei_file: Path | None = None,
                     page: str = "", edition_file: Path | None = None) -> Counter[str]:
    """The word forms of `words` not found on those pages of the PDF; with `tei_file`, the document (whose
    page is `page`, in the edition of `edition_file`), a word with combining marks not read back from the
    PDF is looked for in the paged HTML it was laid out from (see missing_from_print)."""
    text = subprocess.run(["pdftotext", "-raw", "-f", str(pages[0]), "-l", str(pages[1]), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    missing = missing_from_print(words, text)
    if tei_file is not None and any(set_in_clusters(form) for form in missing):
        missing = missing_from_print(words, text, laid_out_text(tei_file, page, edition_file))
    return missing


def laid_out_text(tei_file: Path, page: str, edition_file: Path | None) -> str:
    """The text of a document's part of the volume as print/book.xsl makes it for WeasyPrint, less what the
    interface adds (class "gen"), its footnotes after it."""
    from tei.edition import load_edition
    from tei.render import xslt_params
    from tei.typeset import _documents, paged_html

    edition = load_edition(edition_file or ROOT / "corpus" / "edition.toml")
    html, _messages = paged_html(_documents([tei_file.read_bytes()]), dict(xslt_params(edition)), "part",
                                 document=page, number="1", **{"opens-foreign": "false"})
    root = lxml.html.document_fromstring(html)
    for element in root.find_class("gen"):
        element.drop_tree()
    notes = []
    for element in root.find_class("footnote"):  # set at the page's foot: words of their own
        notes.append(element.text_content())
        element.drop_tree()
    return " ".join([root.text_content(), *notes])


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
        names = [d.get("page", d["id"]) for entry in registry["imports"] for d in entry["documents"]]
        in_volume = document_pages(pdf, names) if not args.no_print and pdf.is_file() else {}
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
                printed = missing_in_print(pdf, in_volume[page], words, source, page,
                                           project / "corpus" / "edition.toml") if page in in_volume else None
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
            html = f"{r['html_kept'] / r['words']:.3f}" if r["words"] else "    -"  # no words in its text
            print(f"{r['page']:<48} {r['words']:>7} words  html {html}"
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
