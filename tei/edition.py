"""Edition facts (corpus/edition.toml): load, check against the JSON Schema, hand to stylesheets."""

import difflib
import json
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from tei.resources import schema_path

SCHEMA_FILE = "edition.schema.json"


class EditionError(Exception):
    """The edition file is missing, unreadable or invalid; one problem per bad field."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        self.path = Path(path)
        self.problems = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        # Compiler style, "file: field: message", so every line can be read (or grepped) alone.
        return "\n".join(f"{self.path}: {problem}" for problem in self.problems)


@dataclass(frozen=True)
class Editor:
    name: str
    role: str | None = None
    orcid: str | None = None


@dataclass(frozen=True)
class Publisher:
    name: str
    place: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Licence:
    name: str
    url: str


@dataclass(frozen=True)
class Archive:
    name: str
    url: str | None = None
    id_prefix: str | None = None


@dataclass(frozen=True)
class Edition:
    """Facts about the whole edition; see schemas/edition.schema.json for each field."""

    title: str
    editors: tuple[Editor, ...]
    publisher: Publisher
    licence: Licence
    base_url: str
    archive: Archive
    subtitle: str | None = None
    # Keep these defaults equal to the schema's "default" values (a test checks).
    language: str = "en"
    source_language: str = "ru"
    introduction: str | None = None
    year: int | None = None
    # Archives known by several names: each tuple the names of one, the first the one to list it under.
    archive_aliases: tuple[tuple[str, ...], ...] = ()

    def to_xslt_params(self) -> dict[str, str]:
        """Flat string parameters for stylesheets, which cannot take nested values.

        Absent optional values become "" so a stylesheet can test `$subtitle != ''`.
        """
        return {
            "title": self.title,
            "subtitle": self.subtitle or "",
            "publisher": self.publisher.name,
            "licence_name": self.licence.name,
            "licence_url": self.licence.url,
            "base_url": self.base_url,
            "language": self.language,
            "editors": "; ".join(editor.name for editor in self.editors),
            "introduction": self.introduction or "",
            "year": "" if self.year is None else str(self.year),
            "publisher_place": self.publisher.place or "",
            "archive_name": self.archive.name,
            "archive_url": self.archive.url or "",
            # A line per archive, its names parted by tabs (core.xsl's ed:archive-heading).
            "archive_aliases": "\n".join("\t".join(" ".join(name.split()) for name in names)
                                         for names in self.archive_aliases),
        }


def load_edition(path: Path | str) -> Edition:
    """Read and validate an edition file; raise EditionError listing every problem."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EditionError(path, ["file not found"]) from None
    except UnicodeDecodeError as exc:
        raise EditionError(path, [f"not UTF-8 text (bad byte at offset {exc.start})"]) from None
    except OSError as exc:
        raise EditionError(path, [f"cannot read file: {exc.strerror or exc}"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise EditionError(path, [_toml_problem(exc)]) from None

    problems = validate_edition(data)
    if problems:
        raise EditionError(path, problems)
    # The schema forbids unknown keys, so every key maps onto a dataclass field.
    optional = ("subtitle", "language", "source_language", "introduction", "year")
    return Edition(
        title=data["title"],
        editors=tuple(Editor(**editor) for editor in data["editors"]),
        publisher=Publisher(**data["publisher"]),
        licence=Licence(**data["licence"]),
        base_url=data["base_url"],
        archive=Archive(**data["archive"]),
        archive_aliases=tuple(tuple(names) for names in data.get("archive_aliases", ())),
        **{key: data[key] for key in optional if key in data},
    )


DEFAULT_EDITION_FILE = "default-edition.toml"


def default_edition() -> tuple[Edition, Path]:
    """The documented defaults (schemas/default-edition.toml) for converting outside an edition folder."""
    path = schema_path(DEFAULT_EDITION_FILE)
    return load_edition(path), path


def validate_edition(data: dict[str, Any]) -> list[str]:
    """All schema violations in `data`, as "field.path: message" lines, sorted by field."""
    lines: dict[str, None] = {}  # an ordered set: `required` can report one key twice
    for error in _validator().iter_errors(data):
        lines.update(dict.fromkeys(_describe(error)))
    return sorted(lines)


@cache
def _validator() -> Draft202012Validator:
    # The schema itself is checked against the metaschema by the tests (tests/test_edition.py), not
    # at every start: that took longer than reading and checking the edition file.
    schema = json.loads(schema_path(SCHEMA_FILE).read_text(encoding="utf-8"))
    # No format checker: "format": "uri" needs the optional rfc3987 package, so
    # the schema checks URLs with patterns instead and "format" only documents.
    return Draft202012Validator(schema)


def _toml_problem(exc: tomllib.TOMLDecodeError) -> str:
    # Python 3.12's TOMLDecodeError has no lineno attribute: the position is
    # only in the message, e.g. "Invalid value (at line 3, column 9)".
    message = str(exc)
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if found:
        line, column = found.groups()
        return f"line {line}, column {column}: invalid TOML: {message[: found.start()]}"
    if message.endswith(" (at end of document)"):
        return f"end of file: invalid TOML: {message.removesuffix(' (at end of document)')}"
    return f"invalid TOML: {message}"


_TOML_TYPES = {"object": "table", "array": "array", "string": "string", "integer": "integer",
               "number": "number", "boolean": "boolean"}


def _toml_type(value: Any) -> str:
    """The TOML name of a parsed value's type, as the person editing the file knows it."""
    for python_type, name in ((bool, "boolean"), (int, "integer"), (float, "float"),
                              (str, "string"), (dict, "table"), (list, "array")):
        if isinstance(value, python_type):
            return name
    return "date/time"


def _field(parts: Any, key: str | int | None = None) -> str:
    """JSON path of a field as written in messages: editors[0].name."""
    out = ""
    for part in [*parts, *([] if key is None else [key])]:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _describe(error: ValidationError) -> list[str]:
    """Turn one jsonschema error into human "field: message" lines."""
    where, kind, value = error.absolute_path, error.validator, error.instance
    if kind == "required":
        return [f"{_field(where, key)}: missing (required)"
                for key in error.validator_value if key not in value]
    if kind == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        lines = []
        for key in (k for k in value if k not in known):
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(known)}"
            lines.append(f"{_field(where, key)}: unknown key; {hint}")
        return lines
    if kind == "type":
        wanted = _TOML_TYPES.get(error.validator_value, error.validator_value)
        return [f"{_field(where)}: expected {wanted}, found {_toml_type(value)} {value!r}"]
    if kind == "minItems":
        least = error.validator_value
        noun = "entry" if least == 1 else "entries"
        return [f"{_field(where)}: must have at least {least} {noun}, found {len(value)}"]
    if kind == "minLength":
        return [f"{_field(where)}: must not be empty"]
    if kind == "enum":
        choices = ", ".join(repr(choice) for choice in error.validator_value)
        return [f"{_field(where)}: {value!r} is not one of {choices}"]
    if kind == "pattern":
        # Our schema's "x-message" says in words what the regular expression checks.
        message = error.schema.get("x-message", f"does not match {error.validator_value!r}")
        return [f"{_field(where)}: {value!r} {message}"]
    return [f"{_field(where)}: {error.message}"]
