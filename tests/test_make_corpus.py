"""benchmarks/make_corpus.py: deterministic, convertible, valid, and as varied as the seeds."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from tei.convert import convert_file
from tei.edition import load_edition
from tei.validate import validate_files

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))  # benchmarks/ is not a package
import make_corpus  # noqa: E402

NS = {"t": "http://www.tei-c.org/ns/1.0"}
COUNT = 40


def _contents(files: list[Path]) -> list[tuple[str, bytes]]:
    return [(f.name, f.read_bytes()) for f in files]


def test_same_count_and_seed_give_the_same_bytes(tmp_path):
    first = make_corpus.make_corpus(tmp_path / "a", 20, seed=3)
    again = make_corpus.make_corpus(tmp_path / "b", 20, seed=3)
    assert _contents(first) == _contents(again)
    assert (tmp_path / "a" / "edition.toml").read_bytes() == (tmp_path / "b" / "edition.toml").read_bytes()
    other = make_corpus.make_corpus(tmp_path / "c", 20, seed=4)
    assert [b for _, b in _contents(other)] != [b for _, b in _contents(first)]


def test_a_smaller_corpus_is_a_prefix_of_a_larger_one(tmp_path):
    small = make_corpus.make_corpus(tmp_path / "small", 10, seed=7)
    large = make_corpus.make_corpus(tmp_path / "large", 20, seed=7)
    assert _contents(small) == _contents(large)[:10]


def test_the_edition_folder_loads(tmp_path, edition):
    make_corpus.make_corpus(tmp_path, 5, seed=2)
    generated = load_edition(tmp_path / "edition.toml")
    assert generated.title == "Generated corpus (5 documents, seed 2)"
    assert generated.archive == edition.archive and generated.licence == edition.licence
    assert generated.publisher == edition.publisher and generated.source_language == edition.source_language


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """COUNT generated transcripts converted to TEI: (shapes, TEI paths, outcomes)."""
    folder = tmp_path_factory.mktemp("generated")
    shapes: list[make_corpus.Shape] = []
    sources = make_corpus.make_corpus(folder, COUNT, seed=0, shapes=shapes)
    edition = load_edition(folder / "edition.toml")
    outcomes = [convert_file(source, folder / "tei", edition, accept_low_confidence=True) for source in sources]
    return shapes, [o.target for o in outcomes], outcomes


@pytest.fixture(scope="module")
def trees(converted):
    return [etree.parse(str(path)).getroot() for path in converted[1]]


def test_every_generated_transcript_converts(converted):
    shapes, _, outcomes = converted
    assert [o.status for o in outcomes] == ["written"] * COUNT, {o.source.name: o.message for o in outcomes}
    # Only a document without a header can be read with low confidence (it states no title or date itself).
    low = [shape.header for shape, o in zip(shapes, outcomes) if o.assessment.low]
    assert set(low) <= {"none"}, low
    assert len(low) < COUNT * 0.15


def test_every_encoding_is_valid(converted):
    report = validate_files(converted[1])
    assert report.errors == 0, [d for d in report.diagnostics if d.severity == "error"][:5]


def test_documents_have_distinct_ids(trees):
    ids = [tree.get("{http://www.w3.org/XML/1998/namespace}id") for tree in trees]
    assert len(set(ids)) == COUNT
    assert sum(i.startswith("wcda-2000") for i in ids) == sum(bool(t.xpath(".//t:idno[@type='archive']", namespaces=NS))
                                                               for t in trees)


def test_languages_and_versions_are_read_as_generated(converted, trees):
    """Russian stays Cyrillic and English Latin: each planned version is one division in its language."""
    for shape, tree in zip(converted[0], trees):
        planned = [("original", "ru", version) for version in ("archival", "printed") if version in shape.original]
        if "en" in shape.text:
            planned.append(("translation", "en", None))
        divisions = [(d.get("type"), d.get("{http://www.w3.org/XML/1998/namespace}lang"), d.get("subtype"))
                     for d in tree.xpath("t:text/t:body/t:div", namespaces=NS)]
        assert divisions == planned


def test_the_corpus_has_the_variety_of_the_seeds(trees):
    def having(xpath: str) -> int:
        return sum(bool(tree.xpath(xpath, namespaces=NS)) for tree in trees)

    body = "t:text/t:body/t:div"
    counts = {
        "original and translation": having(f"{body}[@type='original'] and {body}[@type='translation']"),
        "original only": having(f"{body}[@type='original'] and not({body}[@type='translation'])"),
        "translation only": having(f"{body}[@type='translation'] and not({body}[@type='original'])"),
        "archival and printed": having(f"{body}[@subtype='archival'] and {body}[@subtype='printed']"),
        "no header": having("not(.//t:sourceDesc//t:idno[@type='archive'])"),
        "page breaks": having(".//t:pb"),
        "word across pages": having(".//t:pc[@force='weak']"),
        "footnotes": having(".//t:note[@place='foot']"),
        "forme work": having(".//t:fw"),
        "letterheads": having(".//t:fw[@type='letterhead']"),
        "classification marks": having(".//t:fw[@type='classification']"),
        "distribution lists": having(".//t:list[@type='distribution']"),
        "tables": having(".//t:table"),
        "several documents": having(f"{body}[count(t:div[@type='document']) > 1]"),
        "numbered points": having(".//t:p[@n]"),
        "signatures": having(".//t:signed"),
        "address lines": having(".//t:salute"),
        "editorial notes": having(".//t:note[@type='editorial']"),
        "alignment": having(".//t:linkGrp[@type='alignment']"),
        "translator's brackets": having(".//t:supplied | .//t:choice"),
    }
    assert all(counts.values()), {name: n for name, n in counts.items() if not n}
    assert counts["original and translation"] < COUNT and counts["no header"] < COUNT // 2


def test_shapes_report_every_aspect(converted):
    shapes = converted[0]
    assert Counter(s.header for s in shapes).keys() == {"bold", "banner", "plain", "none"}
    assert Counter(s.text for s in shapes).keys() == {"ru", "en", "ru+en"}
    report = make_corpus.distribution_report(shapes)
    assert report.splitlines()[0].strip().startswith("header:") and "features:" in report


def test_the_command_writes_an_edition_folder(tmp_path):
    out = tmp_path / "gen"
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "--count", "4",
                             "--out", str(out), "--seed", "5"], capture_output=True, text=True, check=True)
    assert sorted(p.name for p in (out / "sources").iterdir()) == [make_corpus.source_name(5, k) for k in range(4)]
    assert load_edition(out / "edition.toml").title == "Generated corpus (4 documents, seed 5)"
    assert "4 transcripts" in result.stdout and "header:" in result.stdout
