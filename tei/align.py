"""Align a translation with its original, unit by unit (Gale & Church 1993).

Units are paragraphs, numbered points, headings, datelines, signatures.  The
alignment is the minimum-cost path through the grid translation x original,
made of *beads*: 1-1, 1-2, 2-1 (links; "1-2" = one translation unit, two
original units) and 1-0, 0-1 (a unit left unlinked).  A bead costs, in nats,

    cost = -log P(bead type) - log P(length match) + anchor terms.

Bead priors.  Gale & Church's Hansard estimates are 1-1 .89, 1-0/0-1 .0099,
2-1/1-2 .089.  These transcripts have many more units without a counterpart
(archive and editor's headings, copy lists, source notes: 4 of the 13 Russian
units of a typical telegram).  With Hansard's odds, merging a stray unit into
its neighbour (2-1) is cheaper than leaving it unlinked.  So we use
    1-1 0.85,  1-2 0.05,  2-1 0.05,  1-0 0.025,  0-1 0.025   (sum 1).
With these, a stray unit is merged into a neighbour only if that worsens the
length fit by less than 0.85 nats.  Leaving two units unlinked costs
2 * 3.69 = 7.38 nats, so the DP drops any 1-1 link that costs more than that.
Unmatched material gathers at the ends, so a unit before the first link or
after the last one costs EDGE_GAP = 1.0 instead of 3.69.  Without this, the
trailing copy list and source note pull the final links (the signature) out
of line.

Length model (Gale & Church).  l1, l2 are the character counts of the
whitespace-normalised translation and original text (summed for a merged
bead), and
    delta = (l2 - l1 * c) / sqrt(l * S2),   P = 2 * (1 - Phi(|delta|)),
with S2 = 6.8.  l is the mean of l1 and l2 / c, as in Gale & Church's own
program: it is symmetric and is defined when one side is empty.  c is
original / translation length for *this* document, clamped to [2/3, 3/2].  It
is first taken from the totals and then, for a second and final pass, from
the units the first pass linked, since unmatched notes skew the totals.  If
either side has fewer than 3 characters, |delta| is capped at 2, because such
units ("1.", a dash) carry no length evidence.

Anchor terms (nats; negative = bonus) let structure beat length:
  n (point number) on both sides: equal -10, different +15; when equal, the
                                  length cost is capped at 6, so that a point
                                  always pairs with the point of its number
  dates on both sides:            one shared -4, none shared +2
  numbers on both sides, after removing the digits of the unit's own n
  (already counted):              Jaccard overlap J > 0 -> -4 * J,
                                  disjoint -> +2
  kinds ("p", "head", "fw-registry", ...) differ: +4 (a heading is
                                  not a registry stamp: better unlinked)
A merged bead uses the summed length, the union of its units' numbers, dates
and kinds, and the n of its first unit.

Confidence of a link is a heuristic score in [0, 1], NOT a calibrated
probability:
    confidence = 1 / (1 + exp(cost - COST_1_1 - log 4)),   COST_1_1 = -log 0.85.
A 1-1 link with a perfect length match and no anchors scores 0.80.  Each nat
of extra cost (length mismatch, the lower prior of a merged bead, an anchor
penalty) lowers the score, and each nat of anchor bonus raises it: a matching
n alone brings a plausible link to about 1.00.  Links below about 0.1 were
kept only because leaving their units unlinked cost even more; review them.

The search is exact dynamic programming, O(len(translation) * len(original))
in time and memory (two passes).  It is deterministic: on a tie, the bead
listed first in BEADS wins.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

__all__ = ["Unit", "Link", "Alignment", "align"]

S2 = 6.8                    # variance of the length ratio per character
C_RANGE = (2 / 3, 3 / 2)    # clamp for the document's length ratio
SHORT = 3                   # units shorter than this get no length evidence
SHORT_DELTA_CAP = 2.0       # ... their |delta| is capped at this

PRIOR = {(1, 1): 0.85, (1, 2): 0.05, (2, 1): 0.05, (1, 0): 0.025, (0, 1): 0.025}
BEADS = tuple(PRIOR)        # order = tie-break preference
PRIOR_COST = {b: -math.log(p) for b, p in PRIOR.items()}

N_MATCH = 10.0              # bonus: same point number on both sides
N_LENGTH_CAP = 6.0          # length cost ceiling for a bead whose point numbers agree
N_MISMATCH = 15.0           # penalty: different point numbers
DATE_BONUS = 4.0            # bonus: at least one shared date
DATE_MISMATCH = 2.0         # penalty: both have dates, none shared
NUM_BONUS = 4.0             # bonus x Jaccard overlap of the numbers
NUM_MISMATCH = 2.0          # penalty: both have numbers, none shared
KIND_MISMATCH = 4.0         # penalty: unit kinds differ

EDGE_GAP = 1.0              # unlinked unit before the first / after the last link

CONF_OFFSET = math.log(4)   # perfect 1-1 without anchors -> 0.80


@dataclass(frozen=True)
class Unit:
    id: str                                 # xml:id of the unit
    text: str                               # plain text (used for its length)
    n: str | None = None                    # number of a numbered point
    numbers: frozenset[str] = frozenset()   # digit tokens, no leading zeros
    dates: frozenset[str] = frozenset()     # ISO dates found in the text
    kind: str = "p"                         # p, head, dateline, signed, item, ab


@dataclass(frozen=True)
class Link:
    source: tuple[str, ...]   # translation unit ids (1 or 2)
    target: tuple[str, ...]   # original unit ids (1 or 2)
    confidence: float         # heuristic score 0..1, 2 decimals
    partial: bool = False     # the original's side is a fragment: its witness breaks off inside the translation's unit

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(frozen=True)
class Alignment:
    links: tuple[Link, ...]
    unlinked_source: tuple[str, ...]
    unlinked_target: tuple[str, ...]

    def summary(self) -> str:
        kinds = Counter(link.kind for link in self.links)
        mean = (f"{sum(l.confidence for l in self.links) / len(self.links):.2f}"
                if self.links else "n/a")
        return (f"{len(self.links)} links ({kinds['1-1']} 1-1, {kinds['1-2']} 1-2, "
                f"{kinds['2-1']} 2-1), mean confidence {mean}; "
                f"{len(self.unlinked_source)} translation and "
                f"{len(self.unlinked_target)} original units unlinked")


@dataclass(frozen=True)
class _Side:
    """What the cost function needs of one side of a bead (1 or 2 units)."""
    length: int
    n: str | None
    numbers: frozenset[str]
    dates: frozenset[str]
    kinds: frozenset[str]


def _norm_n(n: str | None) -> str | None:
    if not n or not n.strip():
        return None
    parts = re.findall(r"\d+", n)
    # "01", "1211–1220", "1211 - 1220" compare equal to "1", "1211-1220"
    return "-".join(str(int(p)) for p in parts) if parts else n.strip()


def _side(unit: Unit) -> _Side:
    n = _norm_n(unit.n)
    own = {str(int(t)) for t in re.findall(r"\d+", n)} if n else set()
    return _Side(len(" ".join(unit.text.split())), n,
                 frozenset(unit.numbers) - own, frozenset(unit.dates),
                 frozenset({unit.kind}))


def _merge(a: _Side, b: _Side) -> _Side:
    return _Side(a.length + b.length, a.n, a.numbers | b.numbers,
                 a.dates | b.dates, a.kinds | b.kinds)


def _neg_log_two_tail(delta: float) -> float:
    """-log(2 * (1 - Phi(|delta|))), without underflow for large |delta|."""
    z = abs(delta) / math.sqrt(2)
    if z < 25:
        return -math.log(math.erfc(z))
    return z * z + math.log(z * math.sqrt(math.pi))  # asymptotic erfc


def _length_cost(l1: int, l2: int, c: float) -> float:
    mean = max((l1 + l2 / c) / 2, 1.0)
    delta = (l2 - l1 * c) / math.sqrt(mean * S2)
    if min(l1, l2) < SHORT:
        delta = min(abs(delta), SHORT_DELTA_CAP)
    return _neg_log_two_tail(delta)


def _anchor_cost(a: _Side, b: _Side) -> float:
    cost = 0.0
    if a.n and b.n:
        cost += -N_MATCH if a.n == b.n else N_MISMATCH
    if a.dates and b.dates:
        cost += -DATE_BONUS if a.dates & b.dates else DATE_MISMATCH
    if a.numbers and b.numbers:
        shared = len(a.numbers & b.numbers)
        cost += (-NUM_BONUS * shared / len(a.numbers | b.numbers)
                 if shared else NUM_MISMATCH)
    if a.kinds != b.kinds:
        cost += KIND_MISMATCH
    return cost


def _confidence(cost: float) -> float:
    x = cost - PRIOR_COST[(1, 1)] - CONF_OFFSET
    return round(1.0 / (1.0 + math.exp(min(x, 700.0))), 2)


def align(translation: Sequence[Unit], original: Sequence[Unit]) -> Alignment:
    """Align translation units (source) to original units (target)."""
    for side in (translation, original):
        if len({u.id for u in side}) != len(side):
            raise ValueError("unit ids must be unique on each side")
    src = [_side(u) for u in translation]
    tgt = [_side(u) for u in original]
    total_s, total_t = sum(s.length for s in src), sum(t.length for t in tgt)
    # First pass with the whole-document ratio, second with the ratio of the
    # material the first pass linked (unmatched headers and notes skew totals).
    c = _clamp(total_t / total_s if total_s and total_t else 1.0)
    result, linked_s, linked_t = _dp(translation, original, src, tgt, c)
    if linked_s and linked_t:
        result, _, _ = _dp(translation, original, src, tgt, _clamp(linked_t / linked_s))
    return result


def _clamp(c: float) -> float:
    return min(max(c, C_RANGE[0]), C_RANGE[1])


def _dp(translation: Sequence[Unit], original: Sequence[Unit],
        src: list[_Side], tgt: list[_Side], c: float) -> tuple[Alignment, int, int]:
    """One Gale-Church pass; also returns the linked lengths on each side."""
    # src_k[k][i] / tgt_k[k][i]: the k units ending before position i, as one side
    src_k: dict[int, list[_Side | None]] = {
        1: [None, *src], 2: [None, None, *(_merge(a, b) for a, b in zip(src, src[1:]))]}
    tgt_k: dict[int, list[_Side | None]] = {
        1: [None, *tgt], 2: [None, None, *(_merge(a, b) for a, b in zip(tgt, tgt[1:]))]}

    def bead_cost(i: int, j: int, di: int, dj: int) -> float:
        """Cost of the bead covering src[i-di:i] and tgt[j-dj:j]."""
        if di == 0 or dj == 0:
            return PRIOR_COST[(di, dj)]
        a, b = src_k[di][i], tgt_k[dj][j]
        assert a is not None and b is not None
        length = _length_cost(a.length, b.length, c)
        if a.n and a.n == b.n:  # the same point number: length may decide a merge, not veto the pair
            length = min(length, N_LENGTH_CAP)
        return PRIOR_COST[(di, dj)] + length + _anchor_cost(a, b)

    n, m = len(src), len(tgt)
    # best[i][j]: cheapest way to cover src[:i], tgt[:j].  Every cell may also
    # be a "start": everything before it is leading material at EDGE_GAP each.
    best = [[EDGE_GAP * (i + j) for j in range(m + 1)] for i in range(n + 1)]
    back: list[list[tuple[int, int, float] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            for di, dj in BEADS:
                if di > i or dj > j:
                    continue
                bc = bead_cost(i, j, di, dj)
                total = best[i - di][j - dj] + bc
                if total < best[i][j]:
                    best[i][j], back[i][j] = total, (di, dj, bc)
    # Likewise any cell may be the end, the rest being trailing material.
    end = min(((best[i][j] + EDGE_GAP * (n - i + m - j), -i, -j)
               for i in range(n + 1) for j in range(m + 1)))
    i, j = -end[1], -end[2]

    links: list[Link] = []
    unlinked_s = [u.id for u in reversed(translation[i:])]
    unlinked_t = [u.id for u in reversed(original[j:])]
    linked_s = linked_t = 0
    while back[i][j] is not None:
        di, dj, bc = back[i][j]  # type: ignore[misc]
        s_ids = tuple(u.id for u in translation[i - di:i])
        t_ids = tuple(u.id for u in original[j - dj:j])
        if di and dj:
            links.append(Link(s_ids, t_ids, _confidence(bc)))
            linked_s += sum(s.length for s in src[i - di:i])
            linked_t += sum(t.length for t in tgt[j - dj:j])
        else:
            unlinked_s.extend(reversed(s_ids))
            unlinked_t.extend(reversed(t_ids))
        i, j = i - di, j - dj
    unlinked_s.extend(u.id for u in reversed(translation[:i]))
    unlinked_t.extend(u.id for u in reversed(original[:j]))
    alignment = Alignment(tuple(reversed(links)), tuple(reversed(unlinked_s)),
                          tuple(reversed(unlinked_t)))
    return alignment, linked_s, linked_t
