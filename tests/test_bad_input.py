"""Bad input: a clear error naming the file, no partial output, the rest of a batch still converted."""

from __future__ import annotations

from pathlib import Path

import pytest

from tei import conserve
from tei.cli import main
from tei.convert import convert_file

from conftest import ROOT, SEEDS


def _fails(path: Path, out: Path, edition, expected: str) -> None:
    outcome = convert_file(path, out, edition)
    assert outcome.status == "failed"
    assert expected in outcome.message
    assert not (out / f"{path.stem}.xml").exists()
    assert list(out.glob("*")) == [] if out.exists() else True


def test_empty_file(tmp_path, edition):
    src = tmp_path / "empty.txt"
    src.write_text("\n  \n")
    _fails(src, tmp_path / "out", edition, "the file is empty")


def test_binary_file(tmp_path, edition):
    src = tmp_path / "scan.txt"
    src.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    _fails(src, tmp_path / "out", edition, "binary file")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
@pytest.mark.parametrize("seed", [SEEDS[0], SEEDS[4]], ids=lambda p: p.stem)
def test_legacy_russian_encodings_decode_to_the_same_tei(tmp_path, edition, encoding, seed):
    text = seed.read_text(encoding="utf-8")
    if encoding == "koi8_r":  # KOI8-R has no № sign; typists wrote N
        text = text.replace("№", "N")
    utf8, legacy = tmp_path / "utf8-src" / seed.name, tmp_path / "legacy" / seed.name
    for path, data in ((utf8, text.encode("utf-8")), (legacy, text.encode(encoding, errors="strict"))):
        path.parent.mkdir()
        path.write_bytes(data)
    a = convert_file(utf8, tmp_path / "utf8", edition, today="2026-01-01")
    b = convert_file(legacy, tmp_path / "legacy-out", edition, today="2026-01-01")
    assert (a.status, b.status) == ("written", "written"), b.message
    body = lambda p: p.read_text(encoding="utf-8").split("<text>", 1)[1]  # noqa: E731
    assert body(tmp_path / "legacy-out" / f"{seed.stem}.xml") == body(tmp_path / "utf8" / f"{seed.stem}.xml")


def test_undecodable_text_is_refused(tmp_path, edition):
    src = tmp_path / "latin1.txt"
    src.write_bytes("Déclaration du ministère, le 3 novembre 1952. Signé: Vychinski.\n".encode("latin-1") * 3)
    _fails(src, tmp_path / "out", edition, "is not UTF-8")


@pytest.mark.parametrize("content, expected", [
    ("import os\n\ndef main():\n    return {'a': 1}\n" * 5, "not an archive transcript"),
    ("The weather was fine and we walked along the river for a long time talking about books.\n\n" * 3,
     "not an archive transcript"),
    ('<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>\n', "looks like XML"),
    ('{"title": "not a transcript"}', "looks like XML, HTML or JSON"),
])
def test_not_a_transcript(tmp_path, edition, content, expected):
    src = tmp_path / "other.txt"
    src.write_text(content)
    _fails(src, tmp_path / "out", edition, expected)


def test_header_without_body(tmp_path, edition):
    header = SEEDS[0].read_text(encoding="utf-8").split("№ 71, I")[0]
    src = tmp_path / "header-only.txt"
    src.write_text(header.replace("Original Scan", ""))
    _fails(src, tmp_path / "out", edition, "header but no document text")


def test_batch_converts_the_good_files_and_reports_the_bad(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "a_empty.txt").write_text("")
    (batch / SEEDS[2].name).write_bytes(SEEDS[2].read_bytes())
    out = tmp_path / "out"
    assert main(["convert", str(batch), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert f"error: {batch / 'a_empty.txt'}: the file is empty" in captured.err
    assert "2 transcripts: 1 failed, 1 written" in captured.out
    # the good file, and the schema copy its xml-model instructions point to
    assert sorted(p.name for p in out.iterdir()) == [SEEDS[2].stem + ".xml", "schemas"]


def test_failed_conservation_writes_nothing_and_keeps_the_old_file(tmp_path, edition, monkeypatch):
    seed = SEEDS[3]
    assert convert_file(seed, tmp_path, edition).status == "written"
    target = tmp_path / f"{seed.stem}.xml"
    before = target.read_bytes()
    monkeypatch.setattr(conserve, "check", lambda *a, **k: ["line 48: text not conserved: lost 'From'"])
    outcome = convert_file(seed, tmp_path, edition, force=True)
    assert outcome.status == "failed" and "lost 'From'" in outcome.message
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left behind


def test_missing_source_path(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["convert", str(tmp_path / "nowhere.txt")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_bad_edition_file(tmp_path, capsys):
    bad = tmp_path / "edition.toml"
    bad.write_text('title = "x"\n')
    assert main(["--edition", str(bad), "convert", str(SEEDS[0]), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "base_url" in err
