"""The wheel carries the stylesheets and schemas inside the package, and works once installed.

Slow (builds a wheel, makes a venv, installs the dependencies from the package
index) but run by default: deselect with `-m "not slow"`.
"""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import fresh_clone, git

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    # Without PYTHONPATH, and from outside the checkout, so that only the
    # installed copy of `tei` can be imported, never the source tree.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--wheel", "--outdir", dist, REPO, cwd=dist)
    (built,) = dist.glob("tei_edition-0.1.0-*.whl")
    return built


def test_wheel_contents(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("tei/__init__.py", "tei/cli.py", "tei/resources.py", "tei/schemas/edition.schema.json"):
        assert name in names, name
    # Every stylesheet of the checkout is shipped under tei/xslt/.
    for stylesheet in (p for p in (REPO / "xslt").rglob("*") if p.is_file()):
        assert f"tei/xslt/{stylesheet.relative_to(REPO / 'xslt').as_posix()}" in names
    assert not any(name.startswith(("xslt/", "schemas/", "tests/")) for name in names)


def test_installed_wheel_runs(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    work = tmp_path_factory.mktemp("installed")
    venv = work / "venv"
    # A venv made from inside another venv sees the base interpreter's
    # site-packages, not the parent venv's, so the dependencies are installed
    # for real: this also checks the wheel's dependency metadata.
    run(sys.executable, "-m", "venv", venv, cwd=work)
    python, tei = venv / "bin" / "python", venv / "bin" / "tei"
    run(python, "-m", "pip", "install", "-q", wheel, cwd=work)

    run(tei, "--help", cwd=work)
    probe = (
        "import sysconfig, tei, tei.resources as r\n"
        "print(tei.__version__)\n"
        "print(sysconfig.get_path('purelib'))\n"
        "print(r.schema_path('edition.schema.json'))\n"
    )
    version, purelib, schema = run(python, "-c", probe, cwd=work).stdout.splitlines()
    assert version == "0.1.0"
    assert Path(schema).is_relative_to(Path(purelib) / "tei" / "schemas"), (schema, purelib)

    # The installed command converts a transcript, reading the edition facts and
    # their schema from the installed package, not from the checkout.
    shutil.copytree(REPO / "corpus" / "sources", work / "corpus" / "sources")
    shutil.copy(REPO / "corpus" / "edition.toml", work / "corpus" / "edition.toml")
    out = run(tei, "convert", "-q", cwd=work).stdout
    assert "5 transcripts: 5 written" in out
    assert len(list((work / "corpus" / "tei").glob("*.xml"))) == 5

    # The README's first command: the installed `tei build` on a fresh clone changes no tracked
    # file (the TEI files name the schemas' copy beside them, not the installed package's).
    clone = fresh_clone(work / "clone")
    built = run(tei, "build", cwd=clone).stdout
    assert "build done" in built
    assert git("status", "--porcelain", cwd=clone) == ""
