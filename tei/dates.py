"""Find dates in Soviet diplomatic transcripts and normalise them for TEI ``@when``.

The transcripts mix Russian originals and English translations, typed, handwritten
and OCR'd, so a date can look like any of::

    November 3, 1952        25 December 1951        March 29
    3 ноября 1952 г.        30 " октября 1952 года  24 октября      март 1953
    3.XI. 19 52 г.          29.III.53               19/XI/51        4. УП 1953 г.
    29.03.1953              1953-03-29              в 1952 году

Each style below is one regular expression with named groups; a single function
(``_to_date_match``) turns any of their matches into a :class:`DateMatch`, checking
the calendar through :class:`datetime.date`.  Candidates from all styles are then
resolved left to right, longest first, so that matches never overlap.  A candidate
that has the shape of a date but is impossible ("31.II.53", "32 марта 1953")
still claims its text, so no smaller date is carved out of it.

Pure functions, standard library only.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from dataclasses import dataclass

__all__ = ["DateMatch", "find_dates", "parse_date"]


@dataclass(frozen=True)
class DateMatch:
    start: int  # offsets into the text searched
    end: int
    text: str  # exactly text[start:end]
    iso: str  # TEI @when: 'YYYY-MM-DD', 'YYYY-MM', 'YYYY', or '--MM-DD' when no year is given
    certain: bool  # False when the value rests on a guess (two-digit year, OCR look-alike month)
    note: str  # '' or why the value is uncertain


# --------------------------------------------------------------------------- months

ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

# (nominative, genitive, prepositional): "март 1953", "29 марта", "в марте 1953 года"
RUSSIAN_MONTHS = (
    ("январь", "января", "январе"),
    ("февраль", "февраля", "феврале"),
    ("март", "марта", "марте"),
    ("апрель", "апреля", "апреле"),
    ("май", "мая", "мае"),
    ("июнь", "июня", "июне"),
    ("июль", "июля", "июле"),
    ("август", "августа", "августе"),
    ("сентябрь", "сентября", "сентябре"),
    ("октябрь", "октября", "октябре"),
    ("ноябрь", "ноября", "ноябре"),
    ("декабрь", "декабря", "декабре"),
)

# every month word, lower-cased, to its number
MONTH_NUMBERS = {name.lower(): n for n, name in enumerate(ENGLISH_MONTHS, 1)}
MONTH_NUMBERS.update(
    (form, n) for n, forms in enumerate(RUSSIAN_MONTHS, 1) for form in forms
)

YEARS = range(1900, 2100)  # four-digit years accepted

ROMAN_MONTHS = {
    "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6,
    "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11, "XII": 12,
}

# Cyrillic capitals typed or OCR'd in place of Roman numerals.
ROMAN_LOOKALIKES = {
    "Х": "X",  # Cyrillic Ha
    "І": "I",  # Cyrillic (Ukrainian) I
    "У": "V",  # Cyrillic U: "УП" = VII
    "П": "II",  # Cyrillic Pe: two strokes with a bar
    "Ш": "III",  # Cyrillic Sha: three strokes with a bar
}
ROMAN_CHARS = "IVX" + "".join(ROMAN_LOOKALIKES)


def _alternation(names, *, lowercase: bool) -> str:
    """Regex alternation of month words as written: Capitalised, UPPER, and lower if allowed."""
    forms = set()
    for name in names:
        forms |= {name.capitalize(), name.upper()}
        if lowercase:
            forms.add(name.lower())
    return "|".join(sorted(map(re.escape, forms), key=len, reverse=True))


# English month words are capitalised ("may", "march" are also verbs).
_EN_MONTH = _alternation(ENGLISH_MONTHS, lowercase=False)
_RU_GENITIVE = _alternation([forms[1] for forms in RUSSIAN_MONTHS], lowercase=True)
_RU_ANY = _alternation([f for forms in RUSSIAN_MONTHS for f in forms], lowercase=True)

# ------------------------------------------------------------------ regex fragments

_S = r"[^\S\n]*(?:\n[^\S\n]*)?"  # optional blanks, at most one line break
_S1 = r"(?=\s)" + _S  # as _S, but at least one blank
_NO_LETTER_BEFORE = r"(?<![^\W\d_])"
_NO_LETTER_AFTER = r"(?![^\W\d_])"
_DAY = r"(?P<day>[0-9]{1,2})(?![0-9])"
# Four digits; years outside YEARS are read, then rejected, so that "March 29, 1853"
# is not taken for a year-less "March 29".
_YEAR = r"(?P<year>[12][0-9]{3})(?![0-9])"
_ORDINAL = r"(?:st|nd|rd|th)?"
# Russian year word after the year: "1952 г.", "1952г.", "1952 года", "в 1952 году"
_RU_YEAR_WORD = r"(?:год(?:а|у|ом)?|г\.?)" + _NO_LETTER_AFTER
_RU_YEAR_MARK = rf"(?:{_S}{_RU_YEAR_WORD})?"
_QUOTE_OPEN = "«\"„“"
_QUOTE_CLOSE = "»\"”“"

_X = re.VERBOSE

STYLES = [
    # ISO: 1953-03-29
    re.compile(
        r"(?<![0-9])(?P<year>(?:19|20)[0-9]{2})-(?P<mm>[0-9]{2})-(?P<day>[0-9]{2})(?![0-9])"
    ),
    # all-digit, day.month.year: 29.03.1953
    re.compile(
        rf"(?<![0-9.]) {_DAY} \. (?P<mm>[0-9]{{1,2}}) \. {_YEAR} {_RU_YEAR_MARK}", _X
    ),
    # day, Roman-numeral month, year: 29.III.53   19/XI/51   4.XI.1952г.   3.XI. 19 52 г.
    #   24.Ш.53   4. УП 1953 г.   (a bare blank before the year only with four digits)
    re.compile(
        rf"""(?<![0-9./]) {_DAY} {_S}[./-]{_S}
             (?P<roman>[{ROMAN_CHARS}]{{1,4}}) {_NO_LETTER_AFTER}
             (?P<sep>{_S}[./-]{_S} | [^\S\n]+)
             (?P<year>(?:19|20)[ ]?[0-9]{{2}} | [0-9]{{2}}) (?![0-9])
             {_RU_YEAR_MARK}""",
        _X,
    ),
    # English month day[, year]: November 3, 1952   March 29   July 4th
    re.compile(
        rf"""{_NO_LETTER_BEFORE} (?P<month>{_EN_MONTH}) {_S1}
             (?<![0-9]){_DAY}{_ORDINAL} {_NO_LETTER_AFTER}
             (?: ,?{_S} {_YEAR} )?""",
        _X,
    ),
    # English day month [year]: 25 December 1951   27 December   4th of July 1953
    re.compile(
        rf"""(?<![0-9]) {_DAY}{_ORDINAL} {_S1} (?:of{_S1})?
             (?P<month>{_EN_MONTH}) {_NO_LETTER_AFTER}
             (?: ,?{_S1} {_YEAR} )?""",
        _X,
    ),
    # English month year: March 1953
    re.compile(
        rf"{_NO_LETTER_BEFORE} (?P<month>{_EN_MONTH}) {_NO_LETTER_AFTER} ,?{_S1} {_YEAR}", _X
    ),
    # Russian day + genitive month [year]: 3 ноября 1952 г.   24 октября   29-го марта
    #   handwritten «30» октября 1952 года, or with a stray quote: 30 " октября 1952 года
    re.compile(
        rf"""(?:(?P<open>[{_QUOTE_OPEN}])[^\S\n]*)? (?<![0-9]) {_DAY} (?:-?го)?
             (?(open) {_S}[{_QUOTE_CLOSE}] | (?:{_S}[{_QUOTE_CLOSE}])? ) {_S}
             (?P<month>{_RU_GENITIVE}) {_NO_LETTER_AFTER}
             (?: {_S1} {_YEAR} {_RU_YEAR_MARK} )?""",
        _X,
    ),
    # Russian month (any case form) + year: март 1953   в марте 1953 года   с мая 1953 г.
    re.compile(
        rf"""{_NO_LETTER_BEFORE} (?P<month>{_RU_ANY}) {_NO_LETTER_AFTER}
             {_S1} {_YEAR} {_RU_YEAR_MARK}""",
        _X,
    ),
    # a year alone, only with the Russian year word: в 1952 году   1952 г.
    re.compile(rf"(?<![0-9./\-–]) {_YEAR} {_S} {_RU_YEAR_WORD}", _X),
]


# ------------------------------------------------------------------- interpretation


def _roman_month(token: str) -> tuple[int | None, str]:
    """Month number for a Roman numeral, possibly typed with Cyrillic look-alikes."""
    latin = "".join(ROMAN_LOOKALIKES.get(ch, ch) for ch in token)
    month = ROMAN_MONTHS.get(latin)
    if month is None or latin == token:
        return month, ""
    return month, f"month '{token}' read as Roman {latin} (OCR look-alike)"


def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    """The TEI @when value, or None if no such day exists."""
    try:
        if year is None:
            datetime.date(2000, month, day)  # a leap year, so 29 February passes
            return f"--{month:02d}-{day:02d}"
        datetime.date(
            year, 1 if month is None else month, 1 if day is None else day
        )
    except (TypeError, ValueError):
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _to_date_match(m: re.Match, century: int) -> DateMatch | None:
    """Interpret a match of any style; None if it is not a real date."""
    g = m.groupdict()
    notes = []

    day = int(g["day"]) if g.get("day") else None

    if g.get("month"):
        month = MONTH_NUMBERS[g["month"].lower()]
    elif g.get("mm"):
        month = int(g["mm"])
    elif g.get("roman"):
        month, note = _roman_month(g["roman"])
        if month is None:  # "XIII", "ХШ"
            return None
        if note:
            notes.append(note)
    else:
        month = None

    year = None
    if g.get("year"):
        digits = g["year"].replace(" ", "")  # "19 52": a spaced pre-printed "19__"
        if len(digits) == 2:
            if not g["sep"].strip():  # "3. I 20": a bare blank needs a four-digit year
                return None
            year = century + int(digits)
            notes.append(f"two-digit year {digits} read as {year}")
        else:
            year = int(digits)
            if year not in YEARS:
                return None

    iso = _iso(year, month, day)
    if iso is None:
        return None
    return DateMatch(m.start(), m.end(), m.group(), iso, not notes, "; ".join(notes))


def _candidates(text: str):
    """Every match of every style, including ones that start inside another match."""
    for pattern in STYLES:
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            yield m
            pos = m.start() + 1


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def find_dates(text: str, *, century: int = 1900) -> list[DateMatch]:
    """All dates in ``text``, in order and non-overlapping.

    Where candidates overlap, the one starting first wins, then the longest.
    Two-digit years are read as ``century + YY`` and marked uncertain.
    """
    return list(_find_dates(text, century))


# The reader asks about the same lines several times (their shape, their place, their
# inline dates), and each asks every style's pattern: remembered, a conversion is 25% faster.
@lru_cache(maxsize=4096)
def _find_dates(text: str, century: int) -> tuple[DateMatch, ...]:
    # A date is a word or words of its own: "A1/I/00" or "x19 November 1951y" hold none.
    found = sorted((m for m in _candidates(text)
                    if not (m.start() > 0 and _is_word(text[m.start() - 1]))
                    and not (m.end() < len(text) and _is_word(text[m.end() - 1]) and _is_word(text[m.end()]))),
                   key=lambda m: (m.start(), -m.end()))
    dates, claimed_to = [], 0
    for m in found:
        if m.start() < claimed_to:
            continue
        claimed_to = m.end()  # even an impossible date claims its text
        date = _to_date_match(m, century)
        if date is not None:
            dates.append(date)
    return tuple(dates)


def parse_date(text: str, *, century: int = 1900) -> DateMatch | None:
    """The first date in ``text``, or None."""
    dates = find_dates(text, century=century)
    return dates[0] if dates else None
