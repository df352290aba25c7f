"""How sure the reader is of a transcript: which header facts it found, inferred or missed, and a confidence.

The report (``tei convert --report FILE.json``, schemas/conversion-report.schema.json)
shows each fact with where it was read, so an editor checks the doubtful ones
first; below ``THRESHOLD`` a document is refused unless the user accepts it, and
an accepted one is marked as needing review in its TEI and on its HTML page.

The weights say what an edition cannot do without: a title and a date above all,
then paragraphs that are paragraphs, then the facts a catalogue record has.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tei.model import Transcript

THRESHOLD = 0.6

# What the lack of each fact costs (1.0 is a page whose every fact was read).
_MISSING = {"title": 0.45, "date": 0.45, "summary": 0.05, "record-id": 0.05}
_INFERRED = {"title": 0.2, "date": 0.1}
_SHAPE = {"bare": 0.05}  # a bare transcript states nothing itself
_NOT_EXPECTED = {"bare": {"summary", "record-id"}, "frus": {"summary"}}  # facts such a page never has: no cost
_FALLBACK_WEIGHT = 0.35  # times the share of blocks that became paragraphs for want of another reading


@dataclass
class Assessment:
    shape: str
    confidence: float
    facts: dict[str, dict[str, str]] = field(default_factory=dict)  # fact -> {value, where, how}
    missing: list[str] = field(default_factory=list)
    blocks: int = 0
    fallback_paragraphs: int = 0
    omitted: list[dict] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # what lowered the confidence, in words

    @property
    def low(self) -> bool:
        return self.confidence < THRESHOLD

    def line(self) -> str:
        """One line for the terminal: the confidence and where the facts came from."""
        parts = [f"{fact} ({info['how']}: {info['where']})" for fact, info in self.facts.items()
                 if fact in ("title", "date", "summary", "record-id")]
        parts += [f"no {fact}" for fact in self.missing]
        parts.append(f"{self.fallback_paragraphs}/{self.blocks} blocks paragraphs by fallback")
        return f"confidence {self.confidence:.2f} ({self.shape}): " + "; ".join(parts)

    def to_json(self) -> dict:
        return {"shape": self.shape, "confidence": round(self.confidence, 3), "threshold": THRESHOLD,
                "facts": self.facts, "missing": self.missing,
                "blocks": {"total": self.blocks, "fallback_paragraphs": self.fallback_paragraphs},
                "omitted": self.omitted, "reasons": self.reasons}


def assess(t: Transcript) -> Assessment:
    a = Assessment(t.shape, 1.0)
    for f in t.found:
        a.facts.setdefault(f.fact, {"value": f.value, "where": f.where,
                                    "how": "inferred" if f.where.startswith("inferred") else "found"})
    for inf in t.inferences:
        fact = {"language": "languages"}.get(inf.fact, inf.fact)
        a.facts.setdefault(fact, {"value": inf.value, "where": inf.evidence, "how": "inferred"})
    if "languages" not in a.facts:
        langs = " ".join(dict.fromkeys(d.lang for d in t.divisions))
        a.facts["languages"] = {"value": langs, "where": "the script of each text division", "how": "inferred"}
    for fact, cost in _MISSING.items():
        info = a.facts.get(fact)
        if info is None or not info["value"]:
            a.missing.append(fact)
            a.facts.pop(fact, None)
            if fact not in _NOT_EXPECTED.get(t.shape, ()):
                a.confidence -= cost
                a.reasons.append(f"no {fact}")
        elif info["how"] == "inferred" and fact in _INFERRED:
            a.confidence -= _INFERRED[fact]
            a.reasons.append(f"{fact} inferred, not stated")
    if t.shape in _SHAPE:
        a.confidence -= _SHAPE[t.shape]
        a.reasons.append(f"a {t.shape} transcript")
    a.blocks = sum(len(d.blocks) for d in t.divisions)
    a.fallback_paragraphs = t.fallback_paragraphs
    if a.blocks:
        share = a.fallback_paragraphs / a.blocks
        if share:
            a.confidence -= _FALLBACK_WEIGHT * share
            a.reasons.append(f"{a.fallback_paragraphs} of {a.blocks} blocks became paragraphs by fallback")
    a.omitted = [{"line": n, "text": text, "why": why} for n, text, why in t.omitted]
    a.confidence = max(0.0, round(a.confidence, 3))
    return a
