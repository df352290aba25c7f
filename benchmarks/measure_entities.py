"""Precision and recall of the name recogniser against the hand-made gold set.

    python benchmarks/measure_entities.py [--authority FILE] [--json PATH]

Converts the seed transcripts (corpus/sources/) as `tei convert` does, with the
authority file (default corpus/authority.xml), and compares the persName, placeName
and orgName elements of the text with tests/fixtures/entities/gold.tsv (made by hand,
blind to the code; its README gives the guidelines).  A mention is a span of a unit's
text: the unit's XPath string value with whitespace runs collapsed, as the gold set
counts it.  Printed, per language and per type and overall:

- exact span: a predicted mention is right when the gold set has a mention of the
  same type over exactly the same characters of the same unit (and, in the second
  figure, of the same entity);
- entity level: per unit, the set of (type, entity) named; a unit that names an entity
  once is right whatever the span.

Gold entities are mapped to authority entries by GOLD_ENTITIES (written by hand); a
mention of an entity the authority file lacks cannot be predicted, and counts as missed.  Not a speed
benchmark: the figures are counts, the same on any machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tei.authority import Authority, load  # noqa: E402
from tei.convert import ConversionJob, encode_source  # noqa: E402
from tei.edition import load_edition  # noqa: E402

GOLD = ROOT / "tests" / "fixtures" / "entities" / "gold.tsv"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The gold set's entities (entities.tsv, by their English key) and the authority entries they are: written
# by hand, read against each entry's note.
GOLD_ENTITIES = {
    "Joseph Stalin": "stalin",
    "Vyacheslav Molotov": "molotov",
    "Georgy Malenkov": "malenkov",
    "Lavrentiy Beria": "beria",
    "Lazar Kaganovich": "kaganovich",
    "Nikolai Bulganin": "bulganin",
    "Nikita Khrushchev": "khrushchev",
    "Anastas Mikoyan": "mikoyan",
    "Maksim Saburov": "saburov",
    "Mikhail Pervukhin": "pervukhin",
    "Andrei Vyshinsky": "vyshinsky",
    "Andrei Gromyko": "gromyko",
    "Yakov Malik": "malik",
    "Georgy Pushkin": "pushkin",
    "Nikolai Palgunov": "palgunov",
    "Valerian Zorin": "zorin",
    "Boris Podtserob": "podtserob",
    "Nikolai Fedorenko": "fedorenko",
    "Vasily Kuznetsov": "kuznetsov",
    "Vladimir Razuvaev": "razuvaev",
    "Dean Acheson": "acheson",
    "Mark Clark": "clark",
    "Syngman Rhee": "syngman-rhee",
    "Kim Il Sung": "kim-il-sung",
    "Nam Il": "nam-il",
    "Li Dong-geun": "li-dong-geun",
    "Peng Dehuai": "peng-dehuai",
    "Wu Xiuquan": "wu-xiuquan",
    "Soviet Union": "ussr",
    "United States": "usa",
    "Korea": "korea",
    "North Korea": "north-korea",
    "China": "china",
    "Panmunjom": "panmunjom",
    "Pyongyang": "pyongyang",
    "Beijing": "beijing",
    "Moscow": "moscow",
    "New York": "new-york",
    "Paris": "paris",
    "Communist Party of the Soviet Union": "cpsu",
    "CPSU Central Committee": "cpsu-cc",
    "Politburo of the CPSU Central Committee": "politburo",
    "Bureau of the Presidium of the CPSU Central Committee": "presidium-bureau",
    "Standing Commission on Foreign Affairs of the Presidium of the CPSU Central Committee": "foreign-affairs-commission",
    "Special Sector of the CPSU Central Committee": "special-sector",
    "Council of Ministers of the USSR": "council-of-ministers",
    "Ministry of Foreign Affairs of the USSR": "mid",
    "Tenth Department of the Ministry of Foreign Affairs of the USSR": "tenth-department",
    "TASS": "tass",
    "Izvestia": "izvestia",
    "Agence France-Presse": "afp",
    "Associated Press": "associated-press",
    "United Press": "united-press",
    "Daily Herald": "daily-herald",
    "United Nations": "un",
    "United Nations General Assembly": "un-general-assembly",
    "First Committee of the United Nations General Assembly": "un-first-committee",
    "United Nations Security Council": "un-security-council",
    "Ministry of Foreign Affairs of North Korea": "dprk-mfa",
    "Presidium of the Supreme People's Assembly": "spa-presidium",
    "Archive of the President of the Russian Federation": "ap-rf",
}
KIND = {f"{TEI}persName": "person", f"{TEI}placeName": "place", f"{TEI}orgName": "org"}


@dataclass(frozen=True)
class Span:
    unit: str
    lang: str
    type: str
    start: int
    end: int
    entity: str  # an authority id; for a gold entity without an entry, "?" + its name


def gold_spans(authority: Authority, gold: Path = GOLD, units: dict[str, str] | None = None) -> list[Span]:
    """The gold mentions as spans of their units' normalised text (``units``: unit id -> that text)."""
    spans = []
    with gold.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            text = units[row["unit"]]
            at = -1
            for _ in range(int(row["occurrence"])):
                at = text.find(row["surface"], at + 1)
            assert at >= 0, row
            entity = GOLD_ENTITIES.get(row["entity"], "?" + row["entity"])
            spans.append(Span(row["unit"], row["lang"], row["type"], at, at + len(row["surface"]), entity))
    return spans


def predicted_spans(files: dict[str, bytes]) -> tuple[list[Span], dict[str, str]]:
    """The names tagged in the text of TEI files, as spans of their units; and every unit's text."""
    spans: list[Span] = []
    units: dict[str, str] = {}
    for data in files.values():
        root = etree.fromstring(data)
        for unit in root.iter():
            unit_id = unit.get(XML_ID)
            if not unit_id or unit.getparent() is None or not any(a.tag == f"{TEI}text" for a in unit.iterancestors()):
                continue
            text, names = _normalised(unit)
            units[unit_id] = text
            lang = next(a.get(XML_LANG) for a in unit.iterancestors() if a.get(XML_LANG))
            for node, start, end in names:
                if _innermost(node) is unit:
                    spans.append(Span(unit_id, lang, KIND[node.tag], start, end, node.get("ref", "").removeprefix("auth:")))
    return spans, units


def _innermost(node: etree._Element) -> etree._Element:
    return next(a for a in node.iterancestors() if a.get(XML_ID))


def _normalised(unit: etree._Element) -> tuple[str, list[tuple[etree._Element, int, int]]]:
    """The unit's string value with whitespace runs collapsed and the ends stripped, and where each
    name element's text lies in it."""
    chars: list[str] = []
    marks: list[tuple[etree._Element, int, int]] = []

    def walk(node: etree._Element) -> None:
        start = len(chars)
        chars.extend(node.text or "")
        for child in node:
            walk(child)
            chars.extend(child.tail or "")
        if node.tag in KIND:
            marks.append((node, start, len(chars)))

    walk(unit)
    raw = "".join(chars)
    # Map raw offsets to normalised ones: a whitespace run becomes one space, the ends are stripped.
    out, where, previous_space = [], [], True
    for ch in raw:
        where.append(len(out))
        if ch.isspace():
            if not previous_space:
                out.append(" ")
            previous_space = True
        else:
            out.append(ch)
            previous_space = False
    where.append(len(out))
    text = "".join(out)
    stripped = len(text) - len(text.lstrip())
    text = text.strip()
    names = []
    for node, start, end in marks:
        s, e = where[start] - stripped, where[end] - stripped
        while s < e and text[s:s + 1] == " ":
            s += 1
        e = min(e, len(text))
        while e > s and text[e - 1:e] == " ":
            e -= 1
        names.append((node, s, e))
    return text, names


def scores(gold: list[Span], predicted: list[Span]) -> dict:
    """Precision, recall and F1 by language and type, exact span (with and without entity) and entity level."""
    def prf(g: set, p: set) -> dict:
        tp = len(g & p)
        precision = tp / len(p) if p else 1.0
        recall = tp / len(g) if g else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"gold": len(g), "predicted": len(p), "correct": tp, "precision": round(precision, 3),
                "recall": round(recall, 3), "f1": round(f1, 3)}

    out: dict = {}
    groups = [("all", lambda s: True)]
    groups += [(lang, lambda s, lang=lang: s.lang == lang) for lang in ("ru", "en")]
    groups += [(kind, lambda s, kind=kind: s.type == kind) for kind in ("person", "place", "org")]
    groups += [(f"{lang}/{kind}", lambda s, lang=lang, kind=kind: s.lang == lang and s.type == kind)
               for lang in ("ru", "en") for kind in ("person", "place", "org")]
    for name, keep in groups:
        g = [s for s in gold if keep(s)]
        p = [s for s in predicted if keep(s)]
        out[name] = {
            "span": prf({(s.unit, s.type, s.start, s.end) for s in g}, {(s.unit, s.type, s.start, s.end) for s in p}),
            "span+entity": prf({(s.unit, s.type, s.start, s.end, s.entity) for s in g},
                               {(s.unit, s.type, s.start, s.end, s.entity) for s in p}),
            "entity": prf({(s.unit, s.type, s.entity) for s in g}, {(s.unit, s.type, s.entity) for s in p}),
        }
    return out


def convert_seeds(authority: Authority) -> dict[str, bytes]:
    edition = load_edition(ROOT / "corpus" / "edition.toml")
    out = {}
    for source in sorted((ROOT / "corpus" / "sources").glob("*.txt")):
        converted = encode_source(ConversionJob(source, source.read_bytes(), edition, "2026-01-01", False, authority))
        assert converted.tei is not None, converted.message
        out[source.stem] = converted.tei
    return out


def measure(authority_path: Path = ROOT / "corpus" / "authority.xml") -> tuple[dict, list[Span], list[Span]]:
    authority = load(authority_path)
    predicted, units = predicted_spans(convert_seeds(authority))
    gold = gold_spans(authority, GOLD, units)
    return scores(gold, predicted), gold, predicted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--authority", type=Path, default=ROOT / "corpus" / "authority.xml")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--errors", action="store_true", help="list the missed and the wrong mentions")
    args = parser.parse_args(argv)
    figures, gold, predicted = measure(args.authority)
    print(f"{len(gold)} gold mentions, {len(predicted)} predicted; authority {args.authority}")
    print(f"{'':12} {'exact span':>22} {'span and entity':>22} {'entity per unit':>22}")
    print(f"{'':12} {'P':>7}{'R':>7}{'F1':>8} {'P':>7}{'R':>7}{'F1':>8} {'P':>7}{'R':>7}{'F1':>8}")
    for name, figure in figures.items():
        cells = " ".join(f"{figure[k]['precision']:>7.3f}{figure[k]['recall']:>7.3f}{figure[k]['f1']:>8.3f}"
                         for k in ("span", "span+entity", "entity"))
        print(f"{name:12} {cells}   ({figure['span']['gold']} gold)")
    if args.errors:
        g = {(s.unit, s.type, s.start, s.end, s.entity): s for s in gold}
        p = {(s.unit, s.type, s.start, s.end, s.entity): s for s in predicted}
        _, units = predicted_spans(convert_seeds(load(args.authority)))
        for label, a, b in (("missed", g, p), ("wrong", p, g)):
            for key in sorted(set(a) - set(b)):
                s = a[key]
                print(f"{label}: {s.unit} {s.type} {units[s.unit][s.start:s.end]!r} -> {s.entity}")
    if args.json:
        args.json.write_text(json.dumps({"gold": len(gold), "predicted": len(predicted), "figures": figures},
                                        indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
