"""``tei build``: an edition folder to a site and a book, redoing only what changed.

The stages, in order; each of the first three fans out per document:

    convert    sources/*.txt   -> tei/*.xml      (tei/convert.py)
    validate   tei/*.xml       -> diagnostics    (tei/validate.py; an error stops the build)
    html       tei/*.xml       -> html/          (tei/render.py; the search index with it, tei/search.py)
    print      tei/*.xml       -> print/         (tei/typeset.py; the volume is one book, typeset here)

An edition folder (`--corpus`, default corpus/) holds edition.toml, sources/,
tei/ and, when files were imported, imported/; the outputs go to `--out`
(default build/).

The build manifest, OUT/manifest.json, records content hashes: of every
source and TEI file (with what it was converted from and the diagnostics it
was validated with), of the edition facts, schemas and stylesheets, of the
tool's version, and of every output.  A rebuild converts only the sources
whose hash changed, validates only the TEI files whose hash changed, and the
HTML stage (which keeps its own record of what each page was made from, in
html/.tei-build.json) renders only the pages whose inputs changed.  The
manifest is saved after each stage, and every file is written whole or not
at all (tei/files.py), so an interrupted build leaves whole files behind and
the next build does what remains.

Where the per-document work runs is the executor's business (tei/executors.py):
this process, local worker processes, or a Dask cluster.  The results, and so
the outputs, are the same byte for byte.

This module neither prints nor exits: it returns reports for tei.cli.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Callable

from tei import __version__
from tei.authority import load as load_authority
from tei.convert import ConversionJob, Converted, Outcome, encode_sources, settle, sources_in, _today
from tei.edition import Edition
from tei.executors import Executor, run
from tei.files import digest, file_digest, load_state, save_state, sha, sweep_temporaries, tree_digest
from tei.resources import SCHEMA_FILES, install_schemas, resource_dir

MANIFEST = "manifest.json"
# Bump when the manifest changes meaning.  2: a source's record holds its conversion warnings.
MANIFEST_FORMAT = 2
# Transcripts per task sent to a worker (TEI files to validate: tei.validate.FILES_PER_TASK).
CHUNK = 8
# This many documents or fewer to convert or validate run here, without starting workers.
SMALL = 24

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Layout:
    """Where an edition's files are, and where its build goes."""

    corpus: Path
    out: Path

    @property
    def edition(self) -> Path:
        return self.corpus / "edition.toml"

    @property
    def authority(self) -> Path:
        """The edition's persons, places and organisations (tei/authority.py); may be absent."""
        return self.corpus / "authority.xml"

    @property
    def sources(self) -> Path:
        return self.corpus / "sources"

    @property
    def tei(self) -> Path:
        return self.corpus / "tei"

    @property
    def imported(self) -> Path:
        return self.corpus / "imported"

    @property
    def html(self) -> Path:
        return self.out / "html"

    @property
    def print(self) -> Path:
        return self.out / "print"

    @property
    def manifest(self) -> Path:
        return self.out / MANIFEST


class Manifest:
    """OUT/manifest.json: the content hashes a build was made from and made."""

    def __init__(self, layout: Layout, edition_path: Path):
        self.path = layout.manifest
        self.inputs = {
            "tool": f"tei-edition {__version__}",
            "edition": digest(Path(edition_path).read_bytes()),
            "schemas": tree_digest(resource_dir("schemas"), list(SCHEMA_FILES), __version__),
            # The names the converter tags and the refs the rules check depend on it.
            "authority": digest(layout.authority.read_bytes()) if layout.authority.is_file() else "",
        }
        old = load_state(self.path, MANIFEST_FORMAT)
        self.old_inputs: dict[str, str] = old.get("inputs", {})
        same_tool = self.old_inputs.get("tool") == self.inputs["tool"]
        self.sources: dict[str, dict] = old.get("sources", {}) if same_tool else {}
        self.validation: dict[str, dict] = old.get("validation", {})
        self.outputs: dict[str, str] = old.get("outputs", {})
        self._saved = old

    def save(self) -> None:
        """Write the manifest, when it says something new."""
        data = {"format": MANIFEST_FORMAT, "inputs": self.inputs, "sources": self.sources,
                "validation": self.validation, "outputs": self.outputs}
        if data != self._saved:
            # Sorted (save_state), so that the same build gives the same bytes however its work was ordered.
            save_state(self.path, data)
            # The stages add, replace and remove records, but never change one in place: copying
            # the sections (not every record) keeps what was saved.
            self._saved = {key: dict(value) if isinstance(value, dict) else value for key, value in data.items()}

    def replace_outputs(self, prefix: str, outputs: dict[str, str]) -> None:
        """Record the files under `prefix` (e.g. "html/") as exactly `outputs` (paths relative to it)."""
        self.outputs = {k: v for k, v in self.outputs.items() if not k.startswith(prefix)}
        self.outputs.update({prefix + k: v for k, v in outputs.items()})


# ---------------------------------------------------------------- convert

@dataclass
class ConvertReport:
    outcomes: list[Outcome] = field(default_factory=list)
    schemas: list[Path] = field(default_factory=list)  # the schemas' copies beside the TEI written this time
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)


def convert_stage(layout: Layout, edition: Edition, manifest: Manifest, executor: Executor, *,
                  progress: Progress | None = None, accept_low_confidence: bool = False) -> ConvertReport:
    """Convert the sources whose TEI is missing or out of date; hand-edited TEI is kept (settle)."""
    start = time.perf_counter()
    report = ConvertReport()
    if layout.tei.is_dir():
        sweep_temporaries(layout.tei)  # what a build killed while writing left behind
    sources = sources_in([layout.sources]) if layout.sources.is_dir() else []
    same_facts = all(manifest.old_inputs.get(key) == manifest.inputs[key] for key in ("edition", "authority"))
    authority = load_authority(layout.authority) if layout.authority.is_file() else None
    to_do: list[tuple[Path, str]] = []
    for source in sources:
        target = layout.tei / (source.stem + ".xml")
        content = digest(source.read_bytes())
        known = manifest.sources.get(source.name)
        if (same_facts and known and known.get("sha256") == content and target.is_file()
                and known.get("tei") == file_digest(target)):
            # Its warnings were said when it was converted; kept, so that every build counts them.
            report.outcomes.append(Outcome(source, target, "unchanged", warnings=list(known.get("warnings", []))))
        else:
            to_do.append((source, content))
    today = _today()
    jobs = (ConversionJob(source, source.read_bytes(), edition, today, accept_low_confidence, authority)
            for source, _ in to_do)
    converted: Converted
    for done, ((source, source_digest), converted) in enumerate(
            zip(to_do, run(executor, encode_sources, jobs, len(to_do), CHUNK, SMALL)), 1):
        target = layout.tei / (source.stem + ".xml")
        outcome = settle(converted, target)
        report.outcomes.append(outcome)
        if outcome.status in ("written", "unchanged"):
            manifest.sources[source.name] = {"sha256": source_digest, "tei": file_digest(target),
                                             "warnings": outcome.warnings}
        else:
            manifest.sources.pop(source.name, None)
        if progress:
            progress(done, len(to_do))
    for gone in set(manifest.sources) - {s.name for s in sources}:
        del manifest.sources[gone]
    if layout.tei.is_dir():  # the schemas the TEI files' xml-model name, beside them
        report.schemas = install_schemas(layout.tei)
    report.outcomes.sort(key=lambda o: str(o.source))
    report.seconds = time.perf_counter() - start
    return report


# ---------------------------------------------------------------- validate

@dataclass
class ValidateReport:
    files: list[str] = field(default_factory=list)
    diagnostics: list[Any] = field(default_factory=list)  # tei.validate.Diagnostic
    validated: int = 0  # files validated this time (the others' results were known)
    seconds: float = 0.0

    @property
    def errors(self) -> int:
        return sum(d.severity == "error" for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity == "warning" for d in self.diagnostics)

    @property
    def ok(self) -> bool:
        return self.errors == 0


def validate_stage(tei_files: list[Path], manifest: Manifest, executor: Executor, *,
                   progress: Progress | None = None, authority: Path | None = None) -> ValidateReport:
    """Validate the TEI files with the edition's grammar and rules; a file unchanged since it was validated
    (same content, same schemas, same tool, same authority file) keeps its diagnostics.

    ``authority``: the edition's authority file, validated with them (by its own schemas), and
    against which their auth: pointers are checked."""
    from tei.validate import FILES_PER_TASK, Diagnostic, check_chunk

    start = time.perf_counter()
    authority_data = authority.read_bytes() if authority is not None and authority.is_file() else None
    if authority_data is not None:
        tei_files = [authority] + list(tei_files)
    report = ValidateReport(files=[str(p) for p in tei_files])
    schemas = sha(manifest.inputs["schemas"], manifest.inputs["tool"], manifest.inputs["authority"])
    known: dict[str, dict] = {}
    to_do: list[tuple[Path, str]] = []
    for path in tei_files:
        content = file_digest(path)
        record = manifest.validation.get(str(path))
        if record and record.get("sha256") == content and record.get("schemas") == schemas:
            known[str(path)] = record
        else:
            to_do.append((path, content))
    jobs = ((str(path), path.read_bytes()) for path, _ in to_do)
    for done, ((path, content), found) in enumerate(
            zip(to_do, run(executor, partial(check_chunk, authority=authority_data), jobs, len(to_do),
                           FILES_PER_TASK, SMALL)), 1):
        known[str(path)] = {"sha256": content, "schemas": schemas, "diagnostics": [asdict(d) for d in found]}
        report.validated += 1
        if progress:
            progress(done, len(to_do))
    manifest.validation = known
    report.diagnostics = sorted(Diagnostic(**d) for record in known.values() for d in record["diagnostics"])
    report.seconds = time.perf_counter() - start
    return report


def pdf_outputs(print_dir: Path) -> dict[str, str]:
    """The print edition's files (relative to its folder) and their SHA-256: the volumes and offprints, not the
    parts they are joined from (.parts/, the print stage's own)."""
    return {path.relative_to(print_dir).as_posix(): digest(path.read_bytes())
            for path in sorted(print_dir.rglob("*.pdf"))
            if not any(part.startswith(".") for part in path.relative_to(print_dir).parts)}
