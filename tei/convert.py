"""``tei convert``: transcripts to TEI files, one per source.

read -> align -> recognise names -> encode -> check -> write.  Problems are returned as data
(``Outcome``); only the command-line layer prints.

Hand edits are safe: each generated file carries a stamp (a processing
instruction) with the SHA-256 of its own content.  A file whose content no
longer matches its stamp, or that has no stamp, was edited or written by hand
and is never overwritten without ``force``.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from tei import __version__, align, conserve, dates, entities
from tei.authority import Authority
from tei.assess import THRESHOLD, Assessment, assess
from tei.edition import Edition
from tei.encode import AlignedPair, EncodeOptions, encode, serialize
from tei.model import Block, Division, Transcript
from tei.read import ReadError, ReadOptions, decode, parse_transcript, text_of
from tei.files import write_atomically
from tei.resources import SCHEMA_HREFS

STAMP = re.compile(rb'<\?tei-convert (?P<attrs>[^?]*)\?>\n')
ALIGNABLE = {"p", "head", "fw", "salute", "dateline", "signed", "list"}


class ConversionError(Exception):
    """A transcript that cannot be converted without losing or inventing text."""


@dataclass
class Outcome:
    source: Path
    target: Path
    status: str  # "written" | "unchanged" | "kept-hand-edited" | "failed"
    message: str = ""
    warnings: list[str] = field(default_factory=list)
    alignment: list[str] = field(default_factory=list)  # one summary line per aligned pair
    assessment: Assessment | None = None  # what the reader found, inferred and missed; None if unread


def convert_file(source: Path, out_dir: Path, edition: Edition, *, force: bool = False,
                 today: str | None = None, accept_low_confidence: bool = False,
                 authority: Authority | None = None) -> Outcome:
    """Convert one transcript; never raises for bad input, returns a failed Outcome instead."""
    target = out_dir / (source.stem + ".xml")
    try:
        data = source.read_bytes()
    except OSError as exc:
        return Outcome(source, target, "failed", exc.strerror or str(exc))
    job = ConversionJob(source, data, edition, today or _today(), accept_low_confidence, authority)
    return settle(encode_source(job), target, force=force)


@dataclass
class ConversionJob:
    """All a conversion needs, so that it can run in a worker process or on a Dask worker."""

    source: Path  # named in messages, and the id of a document without a header comes from its name
    data: bytes
    edition: Edition
    today: str
    accept_low_confidence: bool = False  # convert a document read with low confidence, marked for review
    authority: Authority | None = None  # the edition's persons, places and organisations: names are tagged


@dataclass
class Converted:
    """The TEI of one transcript (stamped), or why there is none."""

    source: Path
    source_sha256: str
    tei: bytes | None
    message: str = ""
    warnings: list[str] = field(default_factory=list)
    alignment: list[str] = field(default_factory=list)
    assessment: Assessment | None = None


def encode_source(job: ConversionJob) -> Converted:
    """read -> align -> recognise names -> encode -> check: the TEI of one transcript, written nowhere (a pure function)."""
    source_hash = hashlib.sha256(job.data).hexdigest()
    try:
        text = decode(job.data, job.source)
        transcript = parse_transcript(text, job.source, ReadOptions(
            source_language=job.edition.source_language, id_prefix=job.edition.archive.id_prefix or "doc"))
        assessment = assess(transcript)
        if assessment.low and not job.accept_low_confidence:
            return Converted(job.source, source_hash, None,
                             f"read with low confidence, {assessment.confidence:.2f} (below {THRESHOLD}): "
                             + "; ".join(assessment.reasons) + "; not converted (pass --accept-low-confidence to "
                             "convert it, marked as needing review)", assessment=assessment)
        pairs = align_transcript(transcript)
        if job.authority is not None:
            entities.tag_transcript(transcript, pairs, job.authority)
        options = EncodeOptions(version=__version__, date=job.today, **SCHEMA_HREFS,
                                review=assessment.reasons if assessment.low else None,
                                confidence=assessment.confidence)
        tei = encode(transcript, job.edition, pairs, options)
        problems = conserve.check(text, transcript.body_lines, tei, transcript.omitted,
                                  glued_marks=transcript.shape == "frus")
        if problems:
            raise ConversionError("; ".join(problems))
        body = serialize(tei, options)
    except (ReadError, ConversionError) as exc:
        return Converted(job.source, source_hash, None, exc.message if isinstance(exc, ReadError) else str(exc))
    return Converted(job.source, source_hash, stamp(body, source_hash), warnings=transcript.warnings,
                     alignment=[f"{p.translation.id} -> {p.original.id}: {p.alignment.summary()}" for p in pairs],
                     assessment=assessment)


def encode_sources(jobs: list[ConversionJob]) -> list[Converted]:
    """encode_source for a chunk of transcripts: the task a build runs in its workers."""
    return [encode_source(job) for job in jobs]


def settle(converted: Converted, target: Path, *, force: bool = False) -> Outcome:
    """Write a conversion's TEI to `target`, unless that would overwrite hand edits or change nothing."""
    outcome = Outcome(converted.source, target, "written", warnings=converted.warnings,
                      alignment=converted.alignment, assessment=converted.assessment)
    if converted.tei is None:
        outcome.status, outcome.message = "failed", converted.message
        return outcome
    if target.exists():
        existing = target.read_bytes()
        state = stamp_state(existing)
        if state != "intact" and not force:
            outcome.status = "kept-hand-edited"
            outcome.message = ("the TEI file was edited by hand (it no longer matches the converter's stamp)"
                               if state == "edited" else "the TEI file was not written by tei convert")
            return outcome
        if state == "intact" and _same_content(existing, converted.tei):
            outcome.status = "unchanged"
            return outcome
    write_atomically(target, converted.tei)
    return outcome


def conversion_report(outcomes: list[Outcome]) -> bytes:
    """The --report file: one entry per source (schemas/conversion-report.schema.json)."""
    documents = []
    for o in outcomes:
        entry = {"source": str(o.source), "target": str(o.target), "status": o.status, "message": o.message,
                 "warnings": o.warnings}
        if o.assessment is not None:
            entry.update(o.assessment.to_json())
            entry["needs_review"] = o.assessment.low and o.status != "failed"
        documents.append(entry)
    report = {"tool": f"tei convert {__version__}", "threshold": THRESHOLD, "documents": documents}
    return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def align_transcript(t: Transcript) -> list[AlignedPair]:
    originals = [d for d in t.divisions if d.type == "original"]
    pairs = []
    for tr in (d for d in t.divisions if d.type == "translation"):
        for orig in originals:
            alignment = align.align(units(tr), units(orig))
            pairs.append(AlignedPair(tr, orig, _link_fragment(alignment, orig)))
    return pairs


PARTIAL_CONFIDENCE = 0.5  # a fragment's link is a guess from its position, not from its length


def _link_fragment(alignment: align.Alignment, original: Division) -> align.Alignment:
    """Where the original breaks off mid-sentence, its last fragment continues the unit before it:
    join it to that unit's link, marked partial and with low confidence.  Left unlinked when the
    link would exceed what an alignment link may be (two units a side)."""
    fragment = next((b.id for b in original.blocks if b.breaks_off), None)
    if fragment is None or fragment not in alignment.unlinked_target:
        return alignment
    order = [u.id for u in units(original)]
    before = order[: order.index(fragment)]
    links = list(alignment.links)
    for k, link in enumerate(links):
        if before and before[-1] in link.target and len(link.target) < 2:
            links[k] = align.Link(link.source, link.target + (fragment,),
                                  min(link.confidence, PARTIAL_CONFIDENCE), partial=True)
            unlinked = tuple(i for i in alignment.unlinked_target if i != fragment)
            return align.Alignment(tuple(links), alignment.unlinked_source, unlinked)
    return alignment


def units(div: Division) -> list[align.Unit]:
    out = []
    for b in div.blocks:
        if b.kind not in ALIGNABLE or (b.kind == "fw" and b.subtype in ("folio", "stamp")):
            continue
        text = text_of(b)
        out.append(align.Unit(
            id=b.id, text=text, n=b.n, kind=f"fw-{b.subtype}" if b.kind == "fw" else b.kind,
            numbers=frozenset(x.lstrip("0") or "0" for x in re.findall(r"\d+", text)),
            dates=frozenset(m.iso for m in dates.find_dates(text)),
        ))
    return out


# ---------------------------------------------------------------------------
# Stamps and safe writing.


def _digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def stamp(body: bytes, source_hash: str) -> bytes:
    """Insert the converter's stamp after the XML declaration and schema declarations."""
    stamp_pi = (f'<?tei-convert version="{__version__}" source-sha256="{source_hash}" '
                f'content-sha256="{_digest(body)}"?>\n').encode()
    at = body.index(b"<TEI")
    return body[:at] + stamp_pi + body[at:]


def stamp_state(data: bytes) -> str:
    """"intact" (as generated), "edited" (stamped but changed since), or "unstamped"."""
    m = STAMP.search(data)
    if not m:
        return "unstamped"
    recorded = re.search(rb'content-sha256="([0-9a-f]+)"', m.group("attrs"))
    body = data[: m.start()] + data[m.end():]
    return "intact" if recorded and recorded.group(1).decode() == _digest(body) else "edited"


# What a re-conversion may change without the encoding changing: the conversion date
# (revisionDesc/change/@when) and the tool's version (in the stamp, respStmt, appInfo
# and the change note).  A file that differs from the new one only there is left as it is,
# so that a new install or a new version of the tool leaves the edition's files alone.
_VOLATILE = [
    (re.compile(rb'(<change when=")[0-9-]+(")'), rb"\1\2"),
    (re.compile(rb'(<application ident="tei-convert" version=")[^"]*(")'), rb"\1\2"),
    (re.compile(rb"(by tei convert )[0-9][0-9A-Za-z.+-]*[0-9A-Za-z+]"), rb"\1"),
]


def _same_content(existing: bytes, new: bytes) -> bool:
    """True when the file would change only in its conversion date or tool version: then it is left as it is."""
    old_stamp, new_stamp = STAMP.search(existing), STAMP.search(new)
    if not old_stamp or not new_stamp:
        return False
    source = re.compile(rb'source-sha256="[^"]*"')
    if source.findall(old_stamp.group("attrs")) != source.findall(new_stamp.group("attrs")):
        return False
    old_body = existing[: old_stamp.start()] + existing[old_stamp.end():]
    new_body = new[: new_stamp.start()] + new[new_stamp.end():]
    for pattern, replacement in _VOLATILE:
        old_body, new_body = pattern.sub(replacement, old_body), pattern.sub(replacement, new_body)
    return old_body == new_body


def _today() -> str:
    # SOURCE_DATE_EPOCH (reproducible-builds convention) pins the date for golden tests.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date().isoformat()
    return datetime.date.today().isoformat()


def sources_in(paths: list[Path]) -> list[Path]:
    """Transcript files named directly, or the .txt files in named folders, sorted."""
    out: list[Path] = []
    for p in paths:
        out.extend(sorted(p.glob("*.txt")) if p.is_dir() else [p])
    return out


def parse_tei(path: Path) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.parse(str(path), parser).getroot()


__all__ = ["Outcome", "ConversionJob", "Converted", "convert_file", "encode_source", "encode_sources", "settle", "sources_in", "stamp_state", "align_transcript", "units", "Block"]
