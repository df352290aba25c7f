"""Import a collection of other projects' TEI into a scratch copy of the edition, build it, and measure.

    python benchmarks/measure_imports.py FOLDER [--json PATH] [--no-print]

FOLDER is imported whole (`tei import FOLDER`), then `tei build` runs (HTML and, unless
--no-print, the PDF volume).  Printed: the import and build exit codes, each document's
words kept on its HTML page (words of its TEI text found on the page: `tei_words` against
`html_words` of tei/exchange/imports.py), the lowest share and the word-weighted share;
for print, the words of each document found in the volume's text; and the index of
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
import unicodedata
from collections import Counter
from pathlib import Path

import lxml.html
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tei.exchange.imports import html_words, tei_words  # noqa: E402


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
        volume_words: Counter[str] = Counter()
        if not args.no_print and (project / "build" / "print" / "edition.pdf").is_file():
            text = subprocess.run(["pdftotext", str(project / "build" / "print" / "edition.pdf"), "-"],
                                  capture_output=True, text=True).stdout
            text = unicodedata.normalize("NFKC", text).casefold()
            text = re.sub(r"(?<=\w)[()\[\]{}⟦⟧](?=\w)", "", text)
            text = re.sub(r"(\w)-\s+(\w)", r"\1\2", text)
            volume_words = Counter(re.findall(r"\w+", text))
        rows, mapping = [], {"edition": Counter(), "foreign": Counter(), "plain": Counter()}
        for entry in registry["imports"]:
            for kind in mapping:
                mapping[kind].update(entry["mapping"][kind])
            for document in entry["documents"]:
                page = document.get("page", document["id"])
                source = copies.get(page, project / "corpus" / "imported" / entry["file"])
                root = etree.parse(str(source)).getroot()
                if root.tag.endswith("teiCorpus"):
                    continue
                words = tei_words(root)
                html = project / "build" / "html" / f"{page}.html"
                found = html_words(lxml.html.parse(str(html)).getroot()) if html.is_file() else []
                missing = Counter(words) - Counter(found)
                printed = Counter(re.findall(r"\w+", unicodedata.normalize("NFKC", " ".join(words)).casefold())) \
                    - volume_words
                rows.append({"file": entry["file"], "page": page, "words": len(words),
                             "html_kept": len(words) - sum(missing.values()), "html_missing": sorted(missing)[:12],
                             "print_missing": sum(printed.values()) if volume_words else None})
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
            print(f"{r['page']:<48} {r['words']:>7} words  html {r['html_kept'] / max(r['words'], 1):.3f}"
                  + (f"  print missing {r['print_missing']}" if r["print_missing"] is not None else "") + flag)
        printed_rows = [r for r in rows if r["print_missing"] is not None]
        if printed_rows:
            print(f"print: words not found in the volume: {sum(r['print_missing'] for r in printed_rows)} of {total}; "
                  f"documents with any missing: {sum(1 for r in printed_rows if r['print_missing'])}")
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
