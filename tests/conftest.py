"""Shared fixtures: the seed transcripts, the edition, full TEI P5 (when ../shared is there)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import os

import pytest
from hypothesis import settings

from tei.edition import load_edition

# HYPOTHESIS_PROFILE=thorough runs the property tests with many more examples.
settings.register_profile("default", max_examples=100)
settings.register_profile("thorough", max_examples=3000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "corpus" / "sources"
SEEDS = sorted(SOURCES.glob("*.txt"))
SHARED = ROOT.parent / "shared"
TEI_ALL = SHARED / "reference" / "tei_all.rng"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the converter; read the diff before committing it")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def edition():
    return load_edition(ROOT / "corpus" / "edition.toml")


@pytest.fixture(scope="session")
def authority():
    """The edition's persons, places and organisations (corpus/authority.xml)."""
    from tei.authority import load

    return load(ROOT / "corpus" / "authority.xml")


@pytest.fixture(scope="session")
def jing_tei_all():
    """A function validating files against full TEI P5 with jing; skips when the reference copy is absent."""
    if not TEI_ALL.exists():
        pytest.skip("../shared/reference/tei_all.rng is not beside the project")
    pyjing = shutil.which("pyjing") or str(Path(__import__("sys").executable).parent / "pyjing")

    def validate(*files: Path) -> str:
        result = subprocess.run([pyjing, str(TEI_ALL), *map(str, files)], capture_output=True, text=True)
        return (result.stdout + result.stderr).strip()

    return validate


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def tracked_files() -> list[str]:
    """The checkout's tracked files (relative paths); skips when this is not a git checkout (an sdist)."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    return [name for name in git("ls-files", "-z", cwd=ROOT).split("\0") if name and (ROOT / name).is_file()]


def fresh_clone(target: Path) -> Path:
    """A fresh clone of the working tree at `target`: its tracked files, committed in a new repository."""
    for name in tracked_files():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    git("-c", "user.name=test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "clone", cwd=target)
    return target


def change_date(tei_file: Path) -> str:
    """The date of a TEI file's (last) revisionDesc change: the committed files' dates move when they are re-encoded."""
    from lxml import etree

    whens = etree.parse(str(tei_file)).getroot().xpath("//t:revisionDesc/t:change/@when",
                                                        namespaces={"t": "http://www.tei-c.org/ns/1.0"})
    return max(whens)
