"""The house rules of every stylesheet (STYLE.md, "XSLT 3.0 done carefully"), HTML and print alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

XSLT = Path(__file__).resolve().parents[1] / "xslt"
XSL = "http://www.w3.org/1999/XSL/Transform"
STYLESHEETS = sorted(XSLT.rglob("*.xsl"))


def test_there_are_stylesheets_to_check() -> None:
    names = {p.relative_to(XSLT).as_posix() for p in STYLESHEETS}
    assert {"core.xsl", "html/page.xsl", "print/book.xsl"} <= names


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.relative_to(XSLT).as_posix())
def test_stylesheet_follows_the_house_rules(path: Path) -> None:
    """Typed, every mode declared with on-no-match, own names in our namespace, text value templates."""
    root = etree.parse(str(path)).getroot()
    assert root.get("version") == "3.0" and root.get("expand-text") == "yes"
    for mode in root.iterfind(f"{{{XSL}}}mode"):
        assert mode.get("on-no-match"), mode.get("name")
        assert mode.get("name") is None or mode.get("name").startswith("ed:")
    for function in root.iterfind(f"{{{XSL}}}function"):
        assert function.get("name").startswith("ed:") and function.get("as"), function.get("name")
    for element in root.iter(f"{{{XSL}}}param", f"{{{XSL}}}variable"):
        assert element.get("as"), (element.get("name"), element.sourceline)
    for template in root.iterfind(f"{{{XSL}}}template"):
        assert template.get("name") is None or template.get("name").startswith("ed:")
        assert (template.get("mode") or "ed:").startswith("ed:")
    for used in root.iter():
        if isinstance(used.tag, str) and used.get("mode") and used.tag != f"{{{XSL}}}template":
            assert used.get("mode").startswith("ed:"), used.sourceline
