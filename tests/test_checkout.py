"""The README's first command on a fresh clone: the build leaves every tracked file as it was,
and the TEI files (committed and published) name schemas that travel with them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tei.convert import convert_file

from conftest import ROOT, SEEDS, fresh_clone, git, tracked_files

TEI_COMMAND = Path(sys.executable).parent / "tei"
XML_MODEL = re.compile(r'<\?xml-model href="([^"]*)"')


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    return fresh_clone(tmp_path / "clone")


def tei(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}  # today's date, as a user has it
    return subprocess.run([str(TEI_COMMAND), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_build_on_a_fresh_clone_changes_no_tracked_file(clone):
    """The README's first command builds the bundled edition; `git status` shows nothing changed after it."""
    built = tei("build", cwd=clone)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "build done" in built.stdout
    assert (clone / "build" / "html" / "index.html").is_file()
    assert git("status", "--porcelain", "--untracked-files=all", "--ignored=no", cwd=clone) == ""
    # A second build (a rebuild with a manifest) leaves them alone too.
    assert tei("build", "--no-print", cwd=clone).returncode == 0
    assert git("status", "--porcelain", cwd=clone) == ""


def test_committed_and_published_tei_validate_by_their_own_xml_model(clone):
    """Both the committed file and the site's download name schemas that exist beside them."""
    assert tei("build", "--no-print", cwd=clone).returncode == 0
    committed = sorted((clone / "corpus" / "tei").glob("*.xml"))
    published = sorted(p for p in (clone / "build" / "html").glob("*.xml") if not p.name.startswith("."))
    assert len(committed) == len(published) == len(SEEDS)
    for files in (committed, published):
        checked = tei("validate", "--xml-model", *map(str, files), cwd=clone)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert f"{len(SEEDS)} files, 0 errors" in checked.stdout
        assert "xml-model" not in checked.stdout  # no schema reported missing or ignored


def test_no_tracked_file_names_a_path_inside_an_installed_package():
    """Every xml-model of a tracked XML file is relative and names a tracked file (or is a URL)."""
    names = tracked_files()
    hrefs = 0
    for name in names:
        if not name.endswith(".xml"):
            continue
        text = (ROOT / name).read_text(encoding="utf-8", errors="replace")
        assert "site-packages" not in text and ".venv/" not in text, name
        for href in XML_MODEL.findall(text):
            hrefs += 1
            # A golden file is the converter's expected output, compared as text: its schemas are not beside it.
            # Other projects' files (tests/fixtures/collection/) are kept byte for byte as they publish them.
            if href.startswith(("http://", "https://")) or name.startswith(("tests/golden/",
                                                                             "tests/fixtures/collection/")):
                continue
            target = (ROOT / name).parent / href
            assert target.resolve().is_relative_to(ROOT) and target.is_file(), (name, href)
    assert hrefs >= 2 * len(SEEDS)


def test_the_schemas_beside_the_tei_are_the_tools():
    """corpus/tei/schemas/ is the copy the build keeps in step: if it lagged, a build would rewrite it."""
    for name in ("tei-edition.rng", "tei-edition.sch", "tei-authority.rng", "tei-authority.sch"):
        assert (ROOT / "corpus" / "tei" / "schemas" / name).read_bytes() == (ROOT / "schemas" / name).read_bytes()


def test_a_new_version_of_the_tool_leaves_an_unchanged_encoding_alone(tmp_path, edition, monkeypatch):
    """The tool's version and the conversion date are not content: the file is not rewritten for them."""
    seed = SEEDS[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    assert convert_file(seed, tmp_path, edition).status == "written"
    before = (tmp_path / f"{seed.stem}.xml").read_bytes()
    monkeypatch.setattr("tei.convert.__version__", "0.2.0")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    assert convert_file(seed, tmp_path, edition).status == "unchanged"
    assert (tmp_path / f"{seed.stem}.xml").read_bytes() == before
    # A real change of content is still written, with the new version and date.
    changed = tmp_path / "changed.txt"
    changed.write_bytes(seed.read_bytes().replace(b"Korea", b"Corea", 1))
    (tmp_path / "changed.xml").write_bytes(before)
    outcome = convert_file(changed, tmp_path, edition)
    assert outcome.status == "written"
    after = (tmp_path / "changed.xml").read_bytes()
    assert b'version="0.2.0"' in after and b"by tei convert 0.2.0" in after
