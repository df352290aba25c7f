"""Exchange with other archives: exports of the edition, and imports of other archives' TEI.

Exports (`tei export FORMAT`), each from the edition's own TEI files (corpus/tei):

    teicorpus   the whole edition as one teiCorpus file (full TEI P5)   tei.exchange.teicorpus
    oai_dc      one Dublin Core record per document (OAI-PMH's oai_dc)   tei.exchange.dc
    cmif        the letters and telegrams in CMIF (full TEI P5)          tei.exchange.cmif
    json        one JSON record per document and a manifest             tei.exchange.records
    csl-json    the documents as CSL-JSON items, for reference managers  tei.cite.csl_item
    oai-static  an OAI-PMH static repository file                        tei.exchange.static

Documents imported from other archives (corpus/imported, tei.exchange.imports)
are exported and harvested with the edition's own when given (`imported`): under
the edition's page names and addresses, each with the project that first
published it (Document.source_project, dc:source).

The OAI-PMH endpoint is tei.oai behind tei.serve.  Nothing here prints or exits.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from tei.edition import Edition
    from tei.exchange.documents import Document

# format -> default output under the export folder (a file, or a folder for the formats of several files)
FORMATS: dict[str, str] = {
    "teicorpus": "teicorpus.xml",
    "oai_dc": "oai_dc",
    "cmif": "cmif.xml",
    "json": "json",
    "csl-json": "csl.json",
    "oai-static": "oai-static.xml",
}


class ExportError(Exception):
    """An export cannot be made; the message says why."""


@dataclass
class ExportReport:
    format: str
    output: Path
    documents: int = 0
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def bytes(self) -> int:
        return sum(f.stat().st_size for f in self.files)


def export(fmt: str, tei_files: list[Path], edition: Edition, output: Path, *, url: str | None = None,
           admin_email: str | None = None, gateway: str | None = None,
           imported: list[Path] | None = None) -> ExportReport:
    """Write the export `fmt` of the documents `tei_files` to `output` (a file, or a folder for oai_dc and json).

    `url` is where the file will be published (CMIF's idno, the static repository's
    baseURL): by default the edition's base URL followed by the file's name.
    """
    # Imported here: `tei` reads FORMATS for its command line, and a build needs nothing else of this package.
    from tei.exchange.documents import DocumentError, as_imported, load_documents

    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    start = time.perf_counter()
    others = {str(p) for p in imported or []}
    try:
        documents = load_documents(sorted(tei_files) + list(imported or []), edition)
        documents = [as_imported(d, edition) if str(d.path) in others else d for d in documents]
    except DocumentError as exc:
        raise ExportError(str(exc)) from None
    report = ExportReport(fmt, Path(output), documents=len(documents))
    output = Path(output)
    url = url or edition.base_url + output.name  # where the file is published, beside the site
    if fmt == "teicorpus":
        from tei.exchange.teicorpus import write_teicorpus

        write_teicorpus(documents, edition, output)
        report.files.append(output)
    elif fmt == "oai_dc":
        from tei.exchange.dc import dc_record

        _clear(output, "*.xml")
        for document in documents:
            data = etree.tostring(dc_record(document, edition), xml_declaration=True, encoding="UTF-8",
                                  pretty_print=True)
            _write(output / f"{document.id}.xml", data, report)
    elif fmt == "cmif":
        from tei.exchange.cmif import cmif

        data, warnings = cmif(documents, edition, url)
        report.warnings += warnings
        _write(output, data, report)
    elif fmt == "json":
        from tei.exchange.records import dumps, manifest, record

        _clear(output / "records", "*.json")
        written = {}
        for document in documents:
            written[document.id] = dumps(record(document, edition))
            _write(output / "records" / f"{document.id}.json", written[document.id], report)
        _write(output / "manifest.json", dumps(manifest(documents, edition, written)), report)
    elif fmt == "csl-json":
        _write(output, csl_json(documents, edition), report)
    elif fmt == "oai-static":
        from tei.exchange.static import StaticRepositoryError, static_repository

        try:
            data = static_repository(documents, edition, url, gateway=gateway, admin_email=admin_email)
        except StaticRepositoryError as exc:
            raise ExportError(str(exc)) from None
        if not gateway:
            report.warnings.append(f"no static repository gateway named (--gateway URL): the Identify baseURL is "
                                   f"the file's own URL, {url}; set it when the edition registers with a gateway")
        _write(output, data, report)
    report.seconds = time.perf_counter() - start
    return report


def csl_json(documents: list[Document], edition: Edition) -> bytes:
    """The documents as a CSL-JSON array (tei.cite.csl_item, the same item as the page's "Cite" box)."""
    try:
        from tei.cite import csl_item
    except ImportError as exc:  # tei.cite belongs to the HTML edition
        raise ExportError(f"csl-json needs tei.cite.csl_item, which cannot be imported: {exc}") from None
    items = [csl_item(document.tree().getroot(), edition) for document in documents]
    return (json.dumps(items, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _write(path: Path, data: bytes, report: ExportReport) -> None:
    """Write whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    report.files.append(path)


def _clear(folder: Path, pattern: str) -> None:
    """Remove the files a previous export left in its own folder (documents may have left the edition)."""
    if folder.is_dir():
        for stale in folder.glob(pattern):
            stale.unlink()
