"""The hand-made gold set of name mentions (tests/fixtures/entities/, see its README) still points at
the corpus: every mention's text is where it says, in the language it says, and every entity is listed.
A re-encoding of corpus/tei/ that moved a unit or changed its text would make the gold set measure
nothing; this says so first."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

GOLD = ROOT / "tests" / "fixtures" / "entities"


def test_the_gold_set_points_at_the_corpus() -> None:
    run = subprocess.run([sys.executable, str(GOLD / "check_gold.py")], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "checked 249 rows, 61 entities" in run.stdout
