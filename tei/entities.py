"""Recognise the names of persons, places and organisations and match them to the authority file.

Two ways of finding a name, one way of matching it:

- **By the authority's names** (both languages): every name form of every entry
  (main, variant, pseudonym) is looked for in the text.  Russian inflects names, so a
  word matches a name's word when they share a stem: the name's word less its
  ending, and the text's word less any case ending (``Молотову``, ``Ким Ир Сена``,
  ``Ким Ир Сенем``), or pymorphy3's normal form of it (``Хрущеву`` → ``хрущёв``).
  Initials next to a person's surname belong to the mention (``Г. Пушкин``,
  ``STALIN I.V.``); a title before it does not (``Товарищу``, ``Comrade``).
- **By natasha's named-entity recogniser** (Russian), for the review list only
  (``tei entities``, on the TEI; the converter encodes only the authority's names and
  does not run it): a PER, LOC or ORG span that no entry's name matches is a
  *candidate*, listed with its contexts for an editor to accept into the authority file.
- **By the alignment**: an English unit aligned with a Russian one that names an
  entry the English unit does not is searched for that entry's name as the English
  translator spelled it: a capitalised word whose romanisation is close to the
  Russian form's (``Punmunjom`` for ``Паньмыньчжон``) is taken as the entry's.

The models (pymorphy3's dictionaries; natasha's embeddings and tagger) load once per
process, when first needed: a worker that converts no Russian text never loads them.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from tei.authority import Authority, Candidate, Entry

# A word: letters, with inner apostrophes ("O'Neil"); hyphens separate words ("Дэ-Хуэя").
_WORD = re.compile(r"(?:\d+-?)?[^\W\d_]+(?:['’][^\W\d_]+)?")
# Case endings of Russian nouns and adjectives, longest first: what a name's word may carry in the text.
_ENDINGS = sorted({"а", "я", "у", "ю", "ом", "ем", "ём", "ой", "ей", "ою", "ею", "е", "и", "ы", "ым", "им",
                   "ого", "его", "ому", "ему", "ых", "их", "ыми", "ими", "ами", "ями", "ах", "ях", "ов", "ев",
                   "о", "ий", "ый", "ая", "ое", "го", "му"}, key=len, reverse=True)
# What a name's own word loses to give its stem (Москва → москв, Вышинский → вышинск).
_NAME_ENDINGS = ("ий", "ый", "ой", "ая", "яя", "ое", "ее", "а", "я", "ь", "й", "о", "е", "и", "ы", "у", "ю")
_INITIALS = r"(?:[A-ZА-ЯЁ]\.\s?){1,3}"
_INITIALS_BEFORE = re.compile(_INITIALS + r"$")
_INITIALS_AFTER = re.compile(r"^\s(?:[A-ZА-ЯЁ]\.\s?){0,2}[A-ZА-ЯЁ]\.")
KIND_OF_TAG = {"PER": "person", "LOC": "place", "ORG": "org"}
# How close (difflib ratio, 0–1) an English word's letters must be to a Russian name's romanisation:
# low, because a translator spells a Korean or Chinese name from the original, not from the Russian
# (Паньмыньчжон, romanised panmynchzhon, is Punmunjom: 0.48; Kaesong against it, 0.32).
TRANSLITERATION_MATCH = 0.45


@dataclass(frozen=True)
class Mention:
    start: int  # offsets in the text searched
    end: int
    kind: str  # "person" | "place" | "org"
    ref: str  # the entry's id
    how: str  # "name" | "alignment"


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def _name_stem(word: str) -> str:
    w = _fold(word)
    if not _is_cyrillic(w):
        return w
    for ending in _NAME_ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) >= 2:
            return w[: -len(ending)]
    return w


@cache
def _morph():
    import pymorphy3  # the Russian dictionaries ship in pymorphy3-dicts-ru: nothing is downloaded

    return pymorphy3.MorphAnalyzer()


@cache
def _text_stems(word: str) -> frozenset[str]:
    """Every stem a word of the text may be an inflected form of."""
    w = _fold(word)
    if not _is_cyrillic(w):
        return frozenset({w})
    stems = {w}
    for ending in _ENDINGS:
        if w.endswith(ending) and len(w) > len(ending):
            stems.add(w[: -len(ending)])
    for parse in _morph().parse(word):
        normal = _fold(parse.normal_form)
        stems.add(normal)
        stems.add(_name_stem(normal))
    return frozenset(stems)


@dataclass(frozen=True)
class _Form:
    entry: Entry
    words: tuple[str, ...]  # the name's words as written
    stems: tuple[str, ...]
    exact: bool  # a short single word (an abbreviation: ЦК, МИД, UN): matched as it is, not as a stem
    tail: str = ""  # punctuation the name ends with, after its last word ("." of U.S., ")" of VKP(b))


class Matcher:
    """The authority's name forms, indexed by the stem of their first word."""

    def __init__(self, authority: Authority):
        self.authority = authority
        self.index: dict[str, list[_Form]] = {}
        for entry in authority.entries:
            for name in entry.names:
                words = tuple(m.group() for m in _WORD.finditer(name.text))
                if not words:
                    continue
                stems = tuple(_name_stem(w) for w in words)
                exact = len(words) == 1 and (len(stems[0]) < 4 or words[0].isupper())
                tail = name.text[name.text.rfind(words[-1]) + len(words[-1]):].strip()
                form = _Form(entry, words, stems if not exact else (_fold(words[0]),), exact,
                             tail if tail in (".", ")") else "")
                self.index.setdefault(form.stems[0], []).append(form)
        for forms in self.index.values():  # the longest name first: "Ким Ир Сен" before "Ким"
            forms.sort(key=lambda f: -len(f.words))

    def find(self, text: str) -> list[Mention]:
        """The authority's names in a text, longest first, not overlapping."""
        words = list(_WORD.finditer(text))
        found: list[Mention] = []
        k = 0
        while k < len(words):
            match = self._match_at(text, words, k)
            if match is None:
                k += 1
                continue
            form, n = match
            start, end = words[k].start(), words[k + n - 1].end()
            if form.tail and text.startswith(form.tail, end):  # "U.S.", "(bolsheviks)": the name's own stop
                end += len(form.tail)
            if form.entry.kind == "person":
                start, end = _with_initials(text, start, end)
            found.append(Mention(start, end, form.entry.kind, form.entry.id, "name"))
            k += n
        return found

    def _match_at(self, text: str, words: list[re.Match], k: int) -> tuple[_Form, int] | None:
        first = words[k].group()
        if not (first[0].isupper() or first[0].isdigit()):  # names are capitalised; "нам" is not Nam Il
            return None
        best: tuple[_Form, int] | None = None
        for stem in _text_stems(first) | {_fold(first)}:
            for form in self.index.get(stem, ()):
                n = len(form.words)
                if best is not None and n <= best[1]:
                    continue
                if form.exact and _fold(first) != form.stems[0]:
                    continue
                if k + n > len(words) or not self._rest_matches(text, words, k, form):
                    continue
                best = (form, n)
        return best

    @staticmethod
    def _rest_matches(text: str, words: list[re.Match], k: int, form: _Form) -> bool:
        for j in range(1, len(form.words)):
            word, previous = words[k + j], words[k + j - 1]
            gap = text[previous.end(): word.start()]
            if len(gap) > 3 or gap.strip() not in ("", "-", ".", "‑", "(") or "\n" in gap:
                return False
            if form.stems[j] not in _text_stems(word.group()) and _fold(word.group()) != _fold(form.words[j]):
                return False
        return True


def _with_initials(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a person's mention to the initials written before or after the surname."""
    window = text[max(0, start - 12): start]
    before = _INITIALS_BEFORE.search(window)
    if before:
        at = start - len(window) + before.start()
        if at == 0 or not text[at - 1].isalpha():
            start = at
    after = _INITIALS_AFTER.match(text[end: end + 12])
    if after:
        end += len(after.group())
    return start, end


@cache
def _ner():
    """natasha's segmenter and NER tagger; the models ship inside the navec and slovnet packages."""
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


_TITLES = re.compile(r"^(?:(?:т\.\s*т\.|тт\.|тов\.|т\.|товарищу|товарищам|товарищ|товарища|товарищем|"
                     r"господину|господин|генерал[ау]?|маршал[ау]?)\s+)+", re.I)


def ner_spans(text: str) -> list[tuple[int, int, str]]:
    """natasha's PER, LOC and ORG spans of a Russian text, less the titles before a name."""
    from natasha import Doc

    segmenter, tagger = _ner()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    out = []
    for span in doc.spans:
        kind = KIND_OF_TAG.get(span.type)
        if kind is None:
            continue
        start, end = span.start, span.stop
        title = _TITLES.match(text[start:end])
        if title:
            start += title.end()
        if start < end:
            out.append((start, end, kind))
    return out


class Recogniser:
    """Finds mentions in units of text; collects what it could not match."""

    def __init__(self, authority: Authority):
        self.matcher = Matcher(authority)
        self.authority = authority

    def mentions(self, text: str, lang: str, candidates: bool = True) -> tuple[list[Mention], list[tuple[int, int, str]]]:
        """The matched mentions of a text, and (Russian, when ``candidates``) the NER spans no entry matched."""
        found = self.matcher.find(text)
        unmatched: list[tuple[int, int, str]] = []
        if candidates and lang.startswith("ru") and _is_cyrillic(text):
            covered = [(m.start, m.end) for m in found]
            for start, end, kind in ner_spans(text):
                if any(s < end and start < e for s, e in covered) or not _may_be_a_name(text[start:end]):
                    continue
                unmatched.append((start, end, kind))
        return found, unmatched

    def predicted(self, text: str, found: list[Mention], predicted: list[tuple[Entry, str]]) -> list[Mention]:
        """Mentions of entries an aligned Russian unit names, found in an English text by romanisation.

        ``predicted``: (entry, the Russian form as written) for each entry the aligned
        unit names that ``found`` lacks.  A capitalised English word (with the one
        after it, when capitalised too) that no mention covers and whose letters are
        close to the romanised Russian form is taken as that entry's mention.
        """
        import iuliia  # ALA-LC (Library of Congress) romanisation, as translators of the time spelled

        out: list[Mention] = []
        taken = [(m.start, m.end) for m in found]
        words = list(_WORD.finditer(text))
        for entry, russian in predicted:
            forms = {russian} | {n.text for n in entry.names if n.lang == "ru"}
            targets = {_letters(scheme.translate(form)) for form in forms for scheme in (iuliia.ALA_LC, iuliia.WIKIPEDIA)}
            best, best_ratio = None, TRANSLITERATION_MATCH
            for k, word in enumerate(words):
                if not word.group()[0].isupper() or any(s < word.end() and word.start() < e for s, e in taken):
                    continue
                spans = [(word.start(), word.end())]
                if k + 1 < len(words) and words[k + 1].group()[0].isupper() and \
                        text[word.end(): words[k + 1].start()] in (" ", "-"):
                    spans.append((word.start(), words[k + 1].end()))
                for start, end in spans:
                    letters = _letters(text[start:end])
                    ratio = max(difflib.SequenceMatcher(None, letters, target).ratio() for target in targets)
                    if ratio > best_ratio:
                        best, best_ratio = (start, end), ratio
            if best is not None:
                out.append(Mention(best[0], best[1], entry.kind, entry.id, "alignment"))
                taken.append(best)
        return out


_NAME_GRAMMEMES = {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad"}


def _may_be_a_name(text: str) -> bool:
    """False for a span of dictionary words none of which is a name (Правительство, Шифрованная):
    natasha tags capitalised common words at the head of a line now and then."""
    for word in _WORD.findall(text):
        parses = _morph().parse(word)
        if not parses[0].is_known or any(_NAME_GRAMMEMES & set(p.tag.grammemes) for p in parses):
            return True
    return False


def _letters(text: str) -> str:
    """The Latin letters of a text, without diacritics (ALA-LC writes э as ė), in lower case."""
    return re.sub(r"[^a-z]", "", unicodedata.normalize("NFKD", text).lower())


def lemma(text: str) -> str:
    """A Russian name in the nominative, word by word (pymorphy3), for grouping candidates."""
    if not _is_cyrillic(text):
        return text
    words = []
    for m in _WORD.finditer(text):
        parses = _morph().parse(m.group())
        normal = parses[0].normal_form if parses else m.group()
        words.append(normal.capitalize() if m.group()[:1].isupper() and not m.group().isupper() else
                     normal.upper() if m.group().isupper() and len(m.group()) > 1 else normal)
    return " ".join(words)


def candidate(text: str, kind: str, lang: str) -> Candidate:
    return Candidate(text, kind, lang, lemma(text))


@cache
def recogniser_for(authority: Authority) -> Recogniser:
    """One recogniser per authority per process (the workers reuse it for every document)."""
    return Recogniser(authority)


# ---------------------------------------------------------------------------
# The stage: names in a transcript's model become Name nodes.


def tag_transcript(t, pairs, authority: Authority, candidates: bool = False) -> list[Candidate]:
    """Wrap the names in a transcript's text (tei.model) in Name nodes, and point its correspondents
    at their entries; with ``candidates``, also returns the names natasha finds that no entry matched.

    The originals are read first, so that what an original's unit names can be looked
    for in the units of the translation aligned with it (``pairs``: tei.encode.AlignedPair).
    The converter asks for no candidates: only the authority's names are encoded, and
    natasha's tagger costs some 25 ms a paragraph (95% of a conversion, measured), so
    it runs when an editor asks for the review list (``tei entities``, on the TEI).
    """
    recogniser = recogniser_for(authority)
    named: dict[str, list[tuple[Entry, str]]] = {}  # unit id -> (entry, form as written) in an original
    divisions = sorted(t.divisions, key=lambda d: d.type != "original")
    aligned: dict[str, set[str]] = {}  # translation unit id -> aligned original unit ids
    for pair in pairs:
        for link in pair.alignment.links:
            for unit in link.source:
                aligned.setdefault(unit, set()).update(link.target)
    found: list[Candidate] = []
    for division in divisions:
        for block in division.blocks:
            state = _BlockState(recogniser, division.lang, block.id, found if candidates else None)
            if division.type == "translation":
                state.predicted = [p for unit in sorted(aligned.get(block.id, ())) for p in named.get(unit, ())]
            for inlines in _inline_lists(block):
                inlines[:] = state.tag(inlines)
            if division.type == "original":
                named[block.id] = state.named
    if t.correspondence:
        for party in t.correspondence.senders + t.correspondence.addressees:
            party.ref = _single(recogniser, party.name, "person")
            party.place_ref = _single(recogniser, party.place, "place") if party.place else ""
    return found


def _single(recogniser: Recogniser, text: str, kind: str) -> str:
    """The entry a header's name is, when it names exactly one entry of that kind."""
    refs = {m.ref for m in recogniser.matcher.find(text) if m.kind == kind}
    return refs.pop() if len(refs) == 1 else ""


def _inline_lists(block) -> list[list]:
    lists = [block.content] + list(block.items) + list(block.paragraphs)
    lists += [cell for row in block.rows for cell in row]
    return lists


class _BlockState:
    """The names of one unit (block) of text, found run by run of its inline content."""

    def __init__(self, recogniser: Recogniser, lang: str, unit: str, candidates: list[Candidate] | None):
        self.recogniser, self.lang, self.unit, self.candidates = recogniser, lang, unit, candidates
        self.named: list[tuple[Entry, str]] = []
        self.predicted: list[tuple[Entry, str]] = []

    def tag(self, inlines: list) -> list:
        """The inline nodes with their names wrapped in Name nodes.

        The run is read as one string: text and a translator's supplied words as they
        stand (a name may run from one into the other: ``[U.S. General Mark] Clark``),
        an abbreviation with its expansion as the abbreviation (``MID [Ministry of
        Foreign Affairs] DPRK``), anything else as a break no name crosses.  Text and
        supplied words are cut where a name begins or ends; nothing else is cut.
        """
        from tei.model import Expansion, Hi, NoteRef, Supplied, Text

        pieces: list[tuple[int, int, object, bool]] = []  # (start, end, node, splittable) in the run's string
        parts: list[str] = []
        at = 0
        for node in inlines:
            if isinstance(node, Hi):
                node.children = self.tag(node.children)
            elif isinstance(node, NoteRef) and node.note is not None:
                for inner in _inline_lists(node.note):
                    inner[:] = self.tag(inner)
            if isinstance(node, (Text, Supplied)):
                text, splittable = node.text, True
            elif isinstance(node, Expansion):
                text, splittable = node.abbr, False
            else:
                text, splittable = "\n", False
            pieces.append((at, at + len(text), node, splittable))
            parts.append(text)
            at += len(text)
        run = "".join(parts)
        mentions = self._mentions(run)
        spans = []
        for m in mentions:
            start, end = m.start, m.end
            for s, e, node, splittable in pieces:  # an abbreviation is named whole
                if not splittable and s < start < e:
                    start = s
                if not splittable and s < end < e:
                    end = e
            if any(not splittable and not isinstance(node, Expansion) and start < e and s < end
                   for s, e, node, splittable in pieces):
                continue  # a name does not run across a date, a note or a line break
            if spans and start < spans[-1][1]:
                continue
            spans.append((start, end, m))
        return self._rebuild(pieces, spans, run)

    def _mentions(self, run: str) -> list[Mention]:
        found, unmatched = self.recogniser.mentions(run, self.lang, candidates=self.candidates is not None)
        for start, end, kind in unmatched:
            c = candidate(run[start:end], kind, self.lang)
            c.contexts.append((self.unit, _snippet(run, start, end)))
            self.candidates.append(c)
        if self.predicted and self.lang.startswith("en"):
            have = {m.ref for m in found} | {e.id for e, _ in self.named}
            wanted = [(e, form) for e, form in self.predicted if e.id not in have]
            extra = self.recogniser.predicted(run, found, wanted)
            found = sorted(found + extra, key=lambda m: m.start)
            self.predicted = [(e, f) for e, f in self.predicted if e.id not in {m.ref for m in extra}]
        for m in found:
            self.named.append((self.recogniser.authority.get(m.ref), run[m.start:m.end]))
        return found

    @staticmethod
    def _rebuild(pieces, spans, run: str) -> list:
        from tei.model import Name, Supplied, Text

        cuts = sorted({x for start, end, _ in spans for x in (start, end)})
        fragments: list[tuple[int, int, object]] = []
        for s, e, node, splittable in pieces:
            if not splittable:
                fragments.append((s, e, node))
                continue
            points = [s] + [c for c in cuts if s < c < e] + [e]
            for a, b in zip(points, points[1:]):
                if a == b and len(points) > 2:
                    continue
                text = run[a:b]
                fragments.append((a, b, Text(text) if isinstance(node, Text) else Supplied(text, node.reason)))
        out: list = []
        k = 0
        for start, end, m in spans:
            while k < len(fragments) and fragments[k][1] <= start:
                out.append(fragments[k][2])
                k += 1
            inside = []
            while k < len(fragments) and fragments[k][0] < end:
                inside.append(fragments[k][2])
                k += 1
            out.append(Name(m.kind, m.ref, inside))
        out.extend(f[2] for f in fragments[k:])
        return [n for n in out if not (isinstance(n, (Text, Supplied)) and n.text == "")]


def _snippet(text: str, start: int, end: int, width: int = 60) -> str:
    """The words around a mention, the mention in square brackets."""
    snippet = (("…" if start > width else "") + text[max(0, start - width): start] + "[" + text[start:end] + "]"
               + text[end: end + width] + ("…" if end + width < len(text) else ""))
    return " ".join(snippet.split())


# ---------------------------------------------------------------------------
# The review list: names in the encodings that no entry matched (``tei entities``).

TEI = "{http://www.tei-c.org/ns/1.0}"
_NAME_TAGS = {f"{TEI}persName", f"{TEI}placeName", f"{TEI}orgName"}


def review_candidates(files, authority: Authority) -> list[Candidate]:
    """The names natasha finds in the Russian texts of TEI files that are not tagged as names,
    grouped by their normal form, each with its contexts (unit id and words around it).

    Read from the encodings as they are, so that names an editor tagged or corrected by
    hand are not proposed again.
    """
    from lxml import etree

    recogniser = recogniser_for(authority)
    groups: dict[tuple[str, str], Candidate] = {}
    for path in files:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
        for div in root.iterfind(f"{TEI}text/{TEI}body/{TEI}div"):
            lang = div.get("{http://www.w3.org/XML/1998/namespace}lang", "")
            if not lang.startswith("ru"):
                continue
            for unit in div.iter():
                unit_id = unit.get("{http://www.w3.org/XML/1998/namespace}id")
                if not unit_id or unit.tag == f"{TEI}div" or any(
                        d.get("{http://www.w3.org/XML/1998/namespace}id") for d in unit.iterdescendants()):
                    continue
                text, tagged = _text_and_names(unit)
                found, unmatched = recogniser.mentions(text, lang)
                for start, end, kind in unmatched:
                    if any(s < end and start < e for s, e in tagged):
                        continue
                    c = candidate(text[start:end], kind, lang)
                    group = groups.setdefault((c.lemma, kind), c)
                    group.contexts.append((unit_id, _snippet(text, start, end)))
    return sorted(groups.values(), key=lambda c: (-len(c.contexts), c.lemma))


def _text_and_names(unit) -> tuple[str, list[tuple[int, int]]]:
    """A unit's text (its notes and gaps' descriptions left out) and the spans of the names tagged in it."""
    parts: list[str] = []
    tagged: list[tuple[int, int]] = []

    def walk(node) -> None:
        if node.tag in (f"{TEI}note", f"{TEI}gap"):
            parts.append(" ")
        else:
            start = sum(map(len, parts))
            parts.append(node.text or "")
            for child in node:
                walk(child)
                parts.append(child.tail or "")
            if node.tag in _NAME_TAGS:
                tagged.append((start, sum(map(len, parts))))

    walk(unit)
    return "".join(parts), tagged
