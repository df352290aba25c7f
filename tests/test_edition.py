"""corpus/edition.toml: the bundled file loads, and broken files get one clear line per bad field."""

import dataclasses
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tei.edition import Edition, EditionError, load_edition
from tei.resources import schema_path

REPO = Path(__file__).resolve().parents[1]

# A minimal valid file; each broken case below edits it.
VALID = """\
title = "An Edition"
base_url = "https://example.org/ed/"

[[editors]]
name = "A. Editor"
role = "general editor"
orcid = "https://orcid.org/0000-0002-1825-0097"

[publisher]
name = "A Press"

[licence]
name = "CC BY 4.0"
url = "https://creativecommons.org/licenses/by/4.0/"

[archive]
name = "An Archive"
id_prefix = "arc"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "edition.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(EditionError) as caught:
        load_edition(path)
    lines = str(caught.value).splitlines()
    # Every line names the file, so each can be read on its own.
    assert lines and all(line.startswith(f"{path}: ") for line in lines), lines
    assert len(lines) == len(caught.value.problems)
    return caught.value.problems


def test_bundled_edition_loads() -> None:
    edition = load_edition(REPO / "corpus" / "edition.toml")
    assert edition.title.startswith("Korean War Diplomacy")
    assert edition.base_url.endswith("/")
    assert edition.archive.id_prefix == "wcda"
    assert edition.source_language == "ru"
    assert edition.editors and all(editor.name for editor in edition.editors)
    # Plain-text paragraphs separated by blank lines, as the schema asks.
    assert len(edition.introduction.split("\n\n")) == 2


def test_minimal_file_gets_defaults(tmp_path: Path) -> None:
    edition = load_edition(write(tmp_path, VALID))
    assert (edition.language, edition.source_language) == ("en", "ru")
    assert edition.subtitle is None and edition.year is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        edition.title = "changed"  # type: ignore[misc]


def test_dataclass_defaults_match_schema_defaults() -> None:
    schema = json.loads(schema_path("edition.schema.json").read_text(encoding="utf-8"))
    fields = {field.name: field.default for field in dataclasses.fields(Edition)}
    for name, spec in schema["properties"].items():
        if "default" in spec:
            assert fields[name] == spec["default"], name


def test_the_schema_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(json.loads(schema_path("edition.schema.json").read_text(encoding="utf-8")))


def test_every_schema_property_has_a_description() -> None:
    # The descriptions feed the README's table of fields.
    def walk(spec: dict, where: str) -> None:
        for name, sub in spec.get("properties", {}).items():
            assert sub.get("description"), f"{where}{name}"
            walk(sub.get("items", sub), f"{where}{name}.")

    walk(json.loads(schema_path("edition.schema.json").read_text(encoding="utf-8")), "")


def test_xslt_params_are_flat_strings(tmp_path: Path) -> None:
    params = load_edition(write(tmp_path, VALID)).to_xslt_params()
    assert all(isinstance(value, str) for value in params.values())
    assert params["subtitle"] == ""
    assert params["editors"] == "A. Editor"
    assert params["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('title = "An Edition"\n', "", "title: missing (required)"),
        ('"https://example.org/ed/"', '"http://x"', "base_url: 'http://x' does not end with '/'"),
        ('url = "https://creativecommons.org/licenses/by/4.0/"', 'url = "CC BY 4.0"',
         "licence.url: 'CC BY 4.0' is not an http(s) URL"),
        ('title = "An Edition"', 'title = "An Edition"\ntitel = "typo"',
         "titel: unknown key; did you mean 'title'?"),
        ('name = "A Press"', 'name = "A Press"\ncity = "Paris"', "publisher.city: unknown key"),
        ('name = "A. Editor"\n', "", "editors[0].name: missing (required)"),
        ('orcid = "https://orcid.org/0000-0002-1825-0097"', 'orcid = "0000-0002-1825"',
         "editors[0].orcid: '0000-0002-1825' is not an ORCID iD"),
        ('id_prefix = "arc"', 'id_prefix = "Arc"', "archive.id_prefix: 'Arc' must start with a lowercase"),
        ('base_url', 'language = "fr"\nbase_url', "language: 'fr' is not one of 'en', 'ru'"),
        ('base_url', 'year = "2025"\nbase_url', "year: expected integer, found string '2025'"),
    ],
)
def test_broken_field_is_named(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in VALID
    problems = problems_of(write(tmp_path, VALID.replace(old, new, 1)))
    assert len(problems) == 1 and problems[0].startswith(expected), problems


def test_editors_empty(tmp_path: Path) -> None:
    # Drop the [[editors]] table and give an empty array instead.
    start, end = VALID.index("[[editors]]"), VALID.index("[publisher]")
    text = VALID[:start].replace("base_url", "editors = []\nbase_url") + VALID[end:]
    assert problems_of(write(tmp_path, text)) == ["editors: must have at least 1 entry, found 0"]


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    text = VALID.replace('title = "An Edition"\n', "").replace('"https://example.org/ed/"', '"http://x"')
    assert problems_of(write(tmp_path, text)) == [
        "base_url: 'http://x' does not end with '/'",
        "title: missing (required)",
    ]


def test_toml_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace('title = "An Edition"', 'title = "An Edition'))
    (problem,) = problems_of(path)
    assert problem.startswith("line 1, column "), problem
    assert "invalid TOML" in problem


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    assert problems_of(path) == ["file not found"]
    with pytest.raises(EditionError, match=r"nowhere\.toml: file not found"):
        load_edition(path)
