"""`tei build` on an edition folder: the manifest, incremental rebuilds, interrupted builds, executors."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tei import cli
from tei.files import save_state
from tei.executors import ProcessExecutor, SerialExecutor, run
from tei.progress import StageProgress

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
from generated import make_corpus  # noqa: E402  (benchmarks/generated.py: copies of corpus/tei under new ids)

EPOCH = "1764000000"  # SOURCE_DATE_EPOCH: the conversion date in the TEI files, so that two builds compare


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def edition_folder(root: Path, copies: int = 0) -> Path:
    """An edition folder: the bundled edition's facts and sources, and `copies` more documents as TEI only."""
    folder = root / "edition"
    folder.mkdir(parents=True)
    shutil.copy(REPO / "corpus" / "edition.toml", folder / "edition.toml")
    shutil.copytree(REPO / "corpus" / "sources", folder / "sources")
    if copies:
        make_corpus(folder / "tei", copies)
    return folder


def build(folder: Path, out: Path, *extra: str) -> int:
    return cli.main(["build", "--corpus", str(folder), "--out", str(out), "--no-print", "-q", *extra])


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def changed(before: dict, after: dict) -> set[str]:
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


# ---------------------------------------------------------------- the manifest and incremental rebuilds

def test_the_manifest_records_what_the_build_was_made_from_and_made(tmp_path: Path, capsys) -> None:
    folder, out = edition_folder(tmp_path), tmp_path / "out"
    assert build(folder, out, "-j", "1") == 0
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert summary.startswith("build done: 5 documents; 7 HTML pages; ")
    assert "convert " in summary and "validate " in summary and "html " in summary and "search " in summary
    recorded = manifest(out)
    assert recorded["inputs"]["tool"].startswith("tei-edition ")
    assert set(recorded["inputs"]) == {"tool", "edition", "schemas", "authority"}
    assert recorded["inputs"]["authority"] == ""  # this edition folder has no authority file
    assert sorted(recorded["sources"]) == sorted(p.name for p in (folder / "sources").glob("*.txt"))
    tei_files = sorted((folder / "tei").glob("*.xml"))
    assert len(tei_files) == 5
    for name, record in recorded["sources"].items():  # the hashes are SHA-256 of the files, as sha256sum has them
        assert record["sha256"] == _sha256(folder / "sources" / name)
        assert record["tei"] == _sha256(folder / "tei" / (Path(name).stem + ".xml"))
    assert sorted(recorded["validation"]) == [str(p) for p in tei_files]
    site = out / "html"
    for name, digest in recorded["outputs"].items():
        assert name.startswith("html/")
        assert _sha256(out / name) == digest, name
    assert {"html/index.html", "html/search.html", "html/wcda-117315.html", "html/wcda-117315.xml",
            "html/wcda-117315.bib", "html/wcda-117315.csl.json"} <= set(recorded["outputs"])
    assert len([n for n in recorded["outputs"] if n.endswith(".html")]) == 7 == len(list(site.glob("*.html")))
    # What schemas/build-manifest.schema.json says of it; the seeds give warnings to record.
    assert list(_manifest_schema().iter_errors(recorded)) == []
    assert any(record["warnings"] for record in recorded["sources"].values())
    assert any(record["diagnostics"] for record in recorded["validation"].values())


def _manifest_schema():
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    def load(name: str) -> dict:
        return json.loads((REPO / "schemas" / name).read_text(encoding="utf-8"))

    schema = load("build-manifest.schema.json")
    Draft202012Validator.check_schema(schema)
    report = load("validation-report.schema.json")  # the diagnostics' schema, which it refers to
    return Draft202012Validator(schema, registry=Registry().with_resource(report["$id"],
                                                                         Resource.from_contents(report)))


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_nothing_changed_nothing_is_redone(tmp_path: Path, capsys) -> None:
    folder, out = edition_folder(tmp_path), tmp_path / "out"
    assert build(folder, out, "-j", "1") == 0
    first, site = manifest(out), files_of(out / "html")
    first_warnings = _warnings(capsys.readouterr().out)
    assert build(folder, out, "-j", "1") == 0
    printed = capsys.readouterr().out
    assert "convert: 5 transcripts: 5 unchanged" in printed
    assert "html: 5 documents (0 rendered, 5 unchanged)" in printed
    assert manifest(out) == first and files_of(out / "html") == site
    # The warnings of documents not converted again are still counted (kept in the manifest).
    assert first_warnings["convert"] > 0
    assert _warnings(printed) == first_warnings


def _warnings(printed: str) -> dict[str, int]:
    """The warnings the convert stage and the summary line count."""
    lines = printed.splitlines()
    convert = next(line for line in lines if line.startswith("convert: "))
    summary = next(line for line in lines if line.startswith("build done: "))
    return {"convert": int(convert.split("; ")[1].split()[0]), "build": int(summary.split("; ")[2].split()[0])}


def test_a_rebuild_after_editing_one_source_redoes_that_document_only(tmp_path: Path, capsys) -> None:
    folder, out = edition_folder(tmp_path), tmp_path / "out"
    assert build(folder, out, "-j", "1") == 0
    before = manifest(out)
    # One word of the English translation of 001 (wcda-117315), so that its word count stays the same.
    source = folder / "sources" / "001_09b0c0c286ebddc7.txt"
    text = source.read_text(encoding="utf-8")
    assert text.count("aggravation") == 1
    source.write_text(text.replace("aggravation", "pretence"), encoding="utf-8")
    capsys.readouterr()
    assert build(folder, out, "-j", "1") == 0
    printed = capsys.readouterr().out
    after = manifest(out)
    assert "convert: 5 transcripts: 4 unchanged, 1 written" in printed
    assert "html: 5 documents (1 rendered, 4 unchanged)" in printed
    assert changed(before["sources"], after["sources"]) == {"001_09b0c0c286ebddc7.txt"}
    assert changed(before["validation"], after["validation"]) == {str(folder / "tei" / "001_09b0c0c286ebddc7.xml")}
    # The document's page and its copy of the TEI; not its citation, not another page, not the index.
    assert changed(before["outputs"], after["outputs"]) == {"html/wcda-117315.html", "html/wcda-117315.xml"}


def test_a_changed_authority_file_reconverts_and_revalidates_and_tags_what_it_now_holds(tmp_path: Path,
                                                                                     capsys) -> None:
    """The names the converter tags depend on the authority file: an entry taken out of it is untagged."""
    folder, out = edition_folder(tmp_path), tmp_path / "out"
    shutil.copy(REPO / "corpus" / "authority.xml", folder / "authority.xml")
    assert build(folder, out, "-j", "1") == 0
    before = manifest(out)
    assert before["inputs"]["authority"] == _sha256(folder / "authority.xml")
    assert sorted(before["validation"]) == sorted([str(folder / "authority.xml")]
                                                  + [str(p) for p in (folder / "tei").glob("*.xml")])
    seed000 = folder / "tei" / "000_a8c0d456e4200675.xml"
    assert b'<persName ref="auth:malik">' in seed000.read_bytes()
    text = (folder / "authority.xml").read_text(encoding="utf-8")
    start = text.index('      <person xml:id="malik">')
    (folder / "authority.xml").write_text(text[:start] + text[text.index("</person>", start) + 10:], encoding="utf-8")
    capsys.readouterr()
    assert build(folder, out, "-j", "1") == 0
    printed = capsys.readouterr().out
    after = manifest(out)
    assert "convert: 5 transcripts: 3 unchanged, 2 written" in printed  # 000 and 004 name Malik
    assert b"auth:malik" not in seed000.read_bytes() and "Малику" in seed000.read_text(encoding="utf-8")
    assert set(changed(before["validation"], after["validation"])) == set(after["validation"])  # against the new file


def test_a_rebuild_after_changing_the_stylesheets_redoes_every_page(tmp_path: Path, monkeypatch, capsys) -> None:
    import tei.render

    folder, out = edition_folder(tmp_path), tmp_path / "out"
    assert build(folder, out, "-j", "1") == 0
    fingerprint = tei.render.toolkit_fingerprint()
    monkeypatch.setattr(tei.render, "toolkit_fingerprint", lambda: fingerprint + "changed")
    capsys.readouterr()
    assert build(folder, out, "-j", "1") == 0
    printed = capsys.readouterr().out
    assert "convert: 5 transcripts: 5 unchanged" in printed  # the TEI does not depend on the stylesheets
    assert "html: 5 documents (5 rendered, 0 unchanged)" in printed


def test_a_hand_edited_encoding_is_kept_and_a_source_that_fails_stops_nothing_else(tmp_path: Path, capsys) -> None:
    folder, out = edition_folder(tmp_path), tmp_path / "out"
    assert build(folder, out, "-j", "1") == 0
    edited = folder / "tei" / "004_b164b150df110bdb.xml"
    edited.write_bytes(edited.read_bytes().replace(b"</body>", b"<!-- checked against the archive --></body>", 1))
    source = folder / "sources" / "004_b164b150df110bdb.txt"
    source.write_bytes(source.read_bytes() + b"\n")  # the source changed too: the converter would rewrite it
    (folder / "sources" / "999_empty.txt").write_bytes(b"")
    capsys.readouterr()
    assert build(folder, out, "-j", "1") == 1
    captured = capsys.readouterr()
    assert "kept: " in captured.err and "004_b164b150df110bdb.xml" in captured.err
    assert "error: " in captured.err and "999_empty.txt" in captured.err
    assert b"checked against the archive" in edited.read_bytes()
    assert captured.out.strip().splitlines()[-1].startswith("build FAILED: 5 documents")


def test_an_edition_folder_that_is_not_one_is_refused(tmp_path: Path, capsys) -> None:
    command = ["build", "--corpus", str(tmp_path), "--out", str(tmp_path / "out")]
    assert cli.main(command) == 2
    assert f"{tmp_path / 'edition.toml'}: file not found" in capsys.readouterr().err
    shutil.copy(REPO / "corpus" / "edition.toml", tmp_path / "edition.toml")
    assert cli.main(command) == 2
    assert f"{tmp_path}: not an edition folder (no sources/ or tei/ in it)" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- interrupted builds

def test_a_build_killed_midway_leaves_whole_files_and_the_next_build_finishes_the_job(tmp_path: Path) -> None:
    interrupted, straight = edition_folder(tmp_path / "a", copies=120), edition_folder(tmp_path / "b", copies=120)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    command = [sys.executable, "-m", "tei.cli", "build", "--corpus", "edition", "--out", "out", "--no-print", "-q",
               "-j", "2"]
    for root in (interrupted.parent, straight.parent):
        subprocess.run(command, cwd=root, env=env, check=True, capture_output=True)
    # Then every page changes (a new edition title), and the build is killed while it renders them.
    for folder in (interrupted, straight):
        facts = folder / "edition.toml"
        facts.write_text(facts.read_text(encoding="utf-8").replace('title = "', 'title = "Second Edition: ', 1),
                         encoding="utf-8")
    process = subprocess.Popen(command, cwd=interrupted.parent, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    site = interrupted.parent / "out" / "html"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        renamed = sum(b"Second Edition" in p.read_bytes() for p in site.glob("*.html"))
        if renamed >= 20:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the build ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    pages = list(site.glob("*.html"))
    assert len(pages) == 127  # no page lost
    assert all(p.read_bytes().rstrip().endswith(b"</html>") for p in pages)  # and none cut short
    halfway = sum(b"Second Edition" in p.read_bytes() for p in pages)
    assert 20 <= halfway < 127
    subprocess.run(command, cwd=interrupted.parent, env=env, check=True, capture_output=True)
    subprocess.run(command, cwd=straight.parent, env=env, check=True, capture_output=True)
    resumed, uninterrupted = files_of(interrupted.parent / "out"), files_of(straight.parent / "out")
    assert resumed.keys() == uninterrupted.keys()  # the killed build's temporary files are swept too
    assert [k for k in resumed if resumed[k] != uninterrupted[k]] == []


# ---------------------------------------------------------------- executors

def test_the_dask_executor_gives_the_bytes_of_the_local_one(tmp_path: Path, monkeypatch) -> None:
    from dask.distributed import LocalCluster

    local, distributed = edition_folder(tmp_path / "local", copies=30), edition_folder(tmp_path / "dask", copies=30)
    monkeypatch.chdir(local.parent)
    assert build(Path("edition"), Path("out"), "-j", "2") == 0
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        monkeypatch.chdir(distributed.parent)
        assert build(Path("edition"), Path("out"), "--executor", "dask", "--scheduler", cluster.scheduler_address) == 0
        workers = cluster.scheduler_info["workers"]
        assert len(workers) == 2
    for part in ("edition/tei", "out"):
        ours, theirs = files_of(local.parent / part), files_of(distributed.parent / part)
        assert ours.keys() == theirs.keys()
        assert [k for k in ours if ours[k] != theirs[k]] == []


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path, capsys) -> None:
    folder = edition_folder(tmp_path)
    status = cli.main(["build", "--corpus", str(folder), "--out", str(tmp_path / "out"), "--executor", "dask",
                       "--scheduler", "tcp://127.0.0.1:9"])
    assert status == 2
    assert "cannot reach the Dask scheduler tcp://127.0.0.1:9" in capsys.readouterr().err


def _square_all(items: list[int]) -> list[int]:
    return [i * i for i in items]


def test_executors_give_results_in_the_order_of_the_items() -> None:
    items = list(range(100))
    pool = ProcessExecutor(2)
    try:
        assert list(run(pool, _square_all, iter(items), len(items), chunk=7)) == [i * i for i in items]
    finally:
        pool.close()
    assert list(SerialExecutor().map(_square_all, items, 3)) == [i * i for i in items]
    # A few items run here, not in a pool: the pool is never started.
    idle = ProcessExecutor(2)
    assert list(run(idle, _square_all, iter([3]), 1, chunk=8, small=4)) == [9] and idle._pool is None


# ---------------------------------------------------------------- progress

def test_progress_is_plain_lines_off_a_terminal_and_bars_on_one() -> None:
    stream = io.StringIO()
    progress = StageProgress(stream, terminal=False)
    advance = progress.stage("html")
    for done in range(1, 101):
        advance(done, 100)
    progress.stage("convert")(3, 3)  # too few to report
    progress.close()
    assert stream.getvalue() == "html: 25/100\nhtml: 50/100\nhtml: 75/100\nhtml: 100/100\n"
    stream = io.StringIO()
    progress = StageProgress(stream, terminal=True)
    advance = progress.stage("validate")
    for done in range(1, 61):
        advance(done, 60)
    progress.close()
    assert "validate" in stream.getvalue() and "60/60" in stream.getvalue()


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.text(), st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3), max_leaves=12)))
def test_a_state_file_holds_what_was_saved(state: dict) -> None:
    """save_state streams a state file record by record: it must read back as the same JSON, and its bytes
    must not depend on the order the records were added in."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "state.json"
        save_state(path, state)
        assert json.loads(path.read_text(encoding="utf-8")) == state
        written = path.read_bytes()
        save_state(path, dict(reversed(state.items())))
        assert path.read_bytes() == written
        assert [p.name for p in Path(tmp).iterdir()] == ["state.json"]  # no temporary file left


def test_outputs_are_readable_as_open_would_make_them_and_keep_their_mode(tmp_path: Path, monkeypatch) -> None:
    """Files are written through a temporary file (tempfile.mkstemp, owner-only), but a site copied to a
    web server must be readable by it: a new file gets the mode open() gives under the umask, a file
    written again keeps the mode it had."""
    import tei.files
    from tei.files import write_atomically

    monkeypatch.setattr(tei.files, "_UMASK", 0o022)  # the usual umask, whatever this process's is
    write_atomically(tmp_path / "page.html", b"<p>new</p>")
    assert (tmp_path / "page.html").stat().st_mode & 0o777 == 0o644
    (tmp_path / "page.html").chmod(0o640)  # an editor's choice
    write_atomically(tmp_path / "page.html", b"<p>again</p>")
    assert (tmp_path / "page.html").stat().st_mode & 0o777 == 0o640
    # A whole build: every file of the site can be read by others.
    out = tmp_path / "out"
    assert build(edition_folder(tmp_path), out, "-j", "1") == 0
    unreadable = [p for p in (out / "html").rglob("*") if p.is_file() and not p.stat().st_mode & 0o004]
    assert unreadable == []


def test_a_file_digest_is_remembered_only_while_the_file_is_unchanged(tmp_path: Path) -> None:
    """The build's stages share the hashes of the TEI files (tei.files.file_digest); a file written again, even
    to the same size with its modification time put back, or replaced by another, is hashed again."""
    import hashlib
    import os

    from tei.files import file_digest, write_atomically

    path = tmp_path / "a.xml"
    path.write_bytes(b"<TEI>one</TEI>")
    assert file_digest(path) == hashlib.sha256(b"<TEI>one</TEI>").hexdigest()
    status = path.stat()
    time.sleep(0.02)  # past the kernel's clock tick for file times (up to 10 ms)
    with open(path, "r+b") as fh:  # the same size, and the old modification time put back
        fh.write(b"<TEI>two</TEI>")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert file_digest(path) == hashlib.sha256(b"<TEI>two</TEI>").hexdigest()  # the change time moved
    write_atomically(path, b"<TEI>six</TEI>")  # a new file (inode) under the same name
    assert file_digest(path) == hashlib.sha256(b"<TEI>six</TEI>").hexdigest()
