"""JSON: one record per document and a manifest of the edition.

    DIR/manifest.json        the edition facts, the formats, and one entry per
                             document (id, title, date, its record's path and sha256)
    DIR/records/ID.json      everything tei.exchange.documents.Document knows

Both are checked against their JSON Schemas (schemas/record.schema.json,
schemas/manifest.schema.json) before anything is written: an export that does
not match its own schema is a bug, and fails.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator

from tei import __version__
from tei.exchange.dc import describe_texts
from tei.exchange.documents import Document
from tei.resources import schema_path

if TYPE_CHECKING:
    from tei.edition import Edition

RECORD_SCHEMA = "record.schema.json"
MANIFEST_SCHEMA = "manifest.schema.json"
RECORD_FORMAT = 1


class RecordError(Exception):
    """A record or manifest does not match its schema (a bug in this module)."""


def record(document: Document, edition: Edition) -> dict[str, Any]:
    """The JSON record of one document (schemas/record.schema.json)."""
    out: dict[str, Any] = {
        "$schema": f"{edition.base_url}schemas/{RECORD_SCHEMA}",
        "format": RECORD_FORMAT,
        "id": document.id,
        "title": document.title,
        "title_inferred": document.title_inferred,
        "authors": list(document.authors),
        "date": document.date,
        "date_inferred": document.date_inferred,
        "type": document.type,
        "languages": list(document.languages),
        "original_language": document.original_language,
        "summary": document.summary,
        "contents": describe_texts(document) or None,
        "texts": [_drop_none({"id": t.id, "type": t.type, "subtype": t.subtype, "language": t.language,
                              "witness": t.witness, "translates": list(t.corresp) if t.type == "translation" else None})
                  for t in document.texts],
        "correspondence": [_drop_none({"type": a.type, "persons": list(a.persons),
                                       "organisations": list(a.organisations), "places": list(a.places),
                                       "date": a.date})
                           for a in document.correspondence],
        "archive": _drop_none(vars(document.archive).copy()) if document.archive else None,
        "manuscripts": [_drop_none({**vars(ms), "reference": ms.reference}) for ms in document.manuscripts],
        "translators": list(document.translators),
        "funders": list(document.funders),
        "licence": _drop_none({"name": document.licence_name or edition.licence.name,
                               "url": document.licence_url or edition.licence.url}),
        "urls": {"page": document.page_url, "tei": document.tei_url},
        "datestamp": document.datestamp,
        "datestamp_source": document.datestamp_source,
        "sha256": document.sha256,
        "file": document.path.name,
    }
    check(out, RECORD_SCHEMA)
    return out


def manifest(documents: list[Document], edition: Edition, records: dict[str, bytes]) -> dict[str, Any]:
    """The edition manifest (schemas/manifest.schema.json); `records` maps id -> the record file's bytes."""
    out: dict[str, Any] = {
        "$schema": f"{edition.base_url}schemas/{MANIFEST_SCHEMA}",
        "format": RECORD_FORMAT,
        "generator": f"tei export {__version__}",
        "edition": _drop_none({
            "title": edition.title,
            "subtitle": edition.subtitle,
            "editors": [_drop_none(vars(e).copy()) for e in edition.editors],
            "publisher": _drop_none(vars(edition.publisher).copy()),
            "licence": vars(edition.licence).copy(),
            "base_url": edition.base_url,
            "language": edition.language,
            "year": edition.year,
            "archive": _drop_none(vars(edition.archive).copy()),
        }),
        "count": len(documents),
        "last_change": max((d.datestamp for d in documents), default=None),
        "documents": [_drop_none({
            "id": d.id, "title": d.title, "date": d.date, "type": d.type,
            "record": f"records/{d.id}.json",
            "sha256": hashlib.sha256(records[d.id]).hexdigest(),
        }) for d in documents],
    }
    check(out, MANIFEST_SCHEMA)
    return out


def dumps(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def check(data: dict[str, Any], schema: str) -> None:
    errors = sorted(_validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(top level)"
        raise RecordError(f"{schema}: {where}: {errors[0].message}")


@cache
def _validator(name: str) -> Draft202012Validator:
    schema = json.loads(schema_path(name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None}
