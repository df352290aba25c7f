"""Tests for tei.dates: date recognition in Russian and English transcripts."""

import datetime
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tei.dates import ENGLISH_MONTHS, MONTH_NUMBERS, RUSSIAN_MONTHS, DateMatch, find_dates, parse_date

# --------------------------------------------------------------------- examples
# (text, matched text, iso, certain) -- all taken from the transcripts

EXAMPLES = [
    # English
    ("November 3, 1952", "November 3, 1952", "1952-11-03", True),
    ("March 29, 1953", "March 29, 1953", "1953-03-29", True),
    ("July 4, 1953", "July 4, 1953", "1953-07-04", True),
    ("25 December 1951", "25 December 1951", "1951-12-25", True),
    ("19 November 1951", "19 November 1951", "1951-11-19", True),
    ("Received; 19:20 on 4 July 1953", "4 July 1953", "1953-07-04", True),
    ("during the second meeting on March 29, Kim", "March 29", "--03-29", True),
    ("27 October 1952", "27 October 1952", "1952-10-27", True),
    ("by 27 December, the Korean-Chinese command", "27 December", "--12-27", True),
    # Russian, genitive month
    ("3 ноября 1952 г.", "3 ноября 1952 г.", "1952-11-03", True),
    ("29 марта 1953 г.", "29 марта 1953 г.", "1953-03-29", True),
    ("4 июля 1953 г. 21.20*", "4 июля 1953 г.", "1953-07-04", True),
    ('30 " октября 1952 года', '30 " октября 1952 года', "1952-10-30", True),
    ("«30» октября 1952 г.", "«30» октября 1952 г.", "1952-10-30", True),
    ("24 октября в речи", "24 октября", "--10-24", True),
    ("/ТАСС от 27 октября 1952 года, листы", "27 октября 1952 года", "1952-10-27", True),
    ("в 1952г. и", "1952г.", "1952", True),
    ("имели место в 1952 году, МИД", "1952 году", "1952", True),
    # Russian, nominative / prepositional month with a year
    ("март 1953", "март 1953", "1953-03", True),
    ("в марте 1953 года", "марте 1953 года", "1953-03", True),
    # Roman-numeral months
    ("3.XI. 19 52 г.", "3.XI. 19 52 г.", "1952-11-03", True),
    ("29.III.53", "29.III.53", "1953-03-29", False),
    ("19/XI/51", "19/XI/51", "1951-11-19", False),
    ('"Известия" № 262 от 4.XI.1952г.', "4.XI.1952г.", "1952-11-04", True),
    ("(инст. ЦК от 5.V.57 г., пр. № 100, п. 5)", "5.V.57 г.", "1957-05-05", False),
    ("(исх. № 6277) от 24.Ш.53 г. г. Молотов", "24.Ш.53 г.", "1953-03-24", False),
    ("№ 359 (вх. № 6265) от 29.Ш.53 г. гг. Кузнецов", "29.Ш.53 г.", "1953-03-29", False),
    ("Получена 19 час. 20 мин. 4. УП 1953 г.", "4. УП 1953 г.", "1953-07-04", False),
    ("4.XII.1952", "4.XII.1952", "1952-12-04", True),
    ("19/ХІ/1951", "19/ХІ/1951", "1951-11-19", False),  # Cyrillic Х and І
    # all-digit
    ("29.03.1953", "29.03.1953", "1953-03-29", True),
    ("1953-03-29", "1953-03-29", "1953-03-29", True),
]


@pytest.mark.parametrize("text, matched, iso, certain", EXAMPLES)
def test_examples(text, matched, iso, certain):
    m = parse_date(text)
    assert m is not None
    assert (m.text, m.iso, m.certain) == (matched, iso, certain)
    assert text[m.start : m.end] == m.text
    assert (m.note == "") == certain


@pytest.mark.parametrize("text, matched, iso, certain", EXAMPLES)
def test_offsets_inside_longer_text(text, matched, iso, certain):
    prefix, suffix = "Справка: see ", " — конец."
    full = prefix + text + suffix
    [m] = find_dates(full)
    assert full[m.start : m.end] == m.text == matched
    assert m.start >= len(prefix)


@pytest.mark.parametrize(
    "text, note",
    [
        ("29.III.53", "two-digit year 53 read as 1953"),
        ("5.V.57", "two-digit year 57 read as 1957"),
        ("24.Ш.53", "month 'Ш' read as Roman III (OCR look-alike); two-digit year 53 read as 1953"),
        ("4. УП 1953 г.", "month 'УП' read as Roman VII (OCR look-alike)"),
        ("3.XI. 19 52 г.", ""),
    ],
)
def test_notes(text, note):
    assert parse_date(text).note == note


@pytest.mark.parametrize("number, forms", list(enumerate(RUSSIAN_MONTHS, 1)))
def test_all_russian_months(number, forms):
    nominative, genitive, prepositional = forms
    assert parse_date(f"1 {genitive} 1953 г.").iso == f"1953-{number:02d}-01"
    assert parse_date(f"1 {genitive.upper()}").iso == f"--{number:02d}-01"
    assert parse_date(f"{nominative} 1953").iso == f"1953-{number:02d}"
    assert parse_date(f"{nominative.capitalize()} 1953 г.").iso == f"1953-{number:02d}"
    assert parse_date(f"в {prepositional} 1953 года").iso == f"1953-{number:02d}"


@pytest.mark.parametrize("number, name", list(enumerate(ENGLISH_MONTHS, 1)))
def test_all_english_months(number, name):
    assert parse_date(f"{name} 2, 1953").iso == f"1953-{number:02d}-02"
    assert parse_date(f"2 {name.upper()} 1953").iso == f"1953-{number:02d}-02"
    assert parse_date(f"{name} 1953").iso == f"1953-{number:02d}"


@pytest.mark.parametrize(
    "roman, month",
    [("I", 1), ("II", 2), ("III", 3), ("IV", 4), ("V", 5), ("VI", 6),
     ("VII", 7), ("VIII", 8), ("IX", 9), ("X", 10), ("XI", 11), ("XII", 12),
     ("П", 2), ("Ш", 3), ("ІУ", 4), ("У", 5), ("УІ", 6), ("УП", 7), ("УШ", 8),
     ("ІХ", 9), ("Х", 10), ("ХІ", 11), ("ХП", 12)],
)
def test_roman_months(roman, month):
    m = parse_date(f"1.{roman}.1953")
    assert m.iso == f"1953-{month:02d}-01"
    assert m.certain == roman.isascii()


def test_century():
    assert parse_date("5.V.57", century=2000).iso == "2057-05-05"
    assert parse_date("5.V.57", century=2000).note == "two-digit year 57 read as 2057"
    assert parse_date("5.V.1957", century=2000).iso == "1957-05-05"


@pytest.mark.parametrize(
    "text",
    [
        # impossible dates
        "31.II.53", "32 марта 1953", "32 марта 1953 г.", "29.13.1953", "1.XIII.53",
        "29 февраля 1953 г.", "February 30, 1953", "30 February 1953", "1953-02-29",
        "31.IV.1953", "0.V.53", "1.ХШ.53",
        # numbers that are not dates
        "№ 1041-1043", "1211-1220.", "19 час. 20 мин.", "300-400 чел.", "1039",
        "- 1039 -", "21.20", "20.40", "Ф. 3. Оп. 65", "Л. 97-99",
        "Печ. по: АП РФ. ф. 3. Оп. 65. Л. 830. Л. 97-99. Подлинник.",
        "№ 71, I\n\n462 82", "№85, I - 2 96", "No. P84/422", "Listy 44-45",
        # a day and a Roman month without a year
        "5.V", "от 5.V г.", "29.III", "3. I 20 раз",  # bare blank needs four digits
        # English month words as words
        "it may 5 times", "they march 29 miles", "Kim Il Sung",
        # plural years are not a single year
        "1952-1953 гг.",
        # years out of range: not a date, and not a year-less date either
        "March 29, 1853", "29 марта 1853 г.", "29.03.1853", "29.III.1853", "1853-03-29",
        "в 1853 году", "март 1853", "March 2100", "25 December 2100",
    ],
)
def test_not_dates(text):
    assert find_dates(text) == []
    assert parse_date(text) is None


def test_impossible_day_does_not_leave_a_month_year():
    # "31 апреля" is impossible; "апреля 1953" inside it must not become 1953-04
    assert [m.iso for m in find_dates("31 апреля 1953 г. и май 1953")] == ["1953-05"]


# ------------------------------------------------------------ real paragraphs

TASS_PARAGRAPH = (
    'Подобные сообщения были переданы 26 октября агентствами Ассошиэтед Пресс и '
    'Юнайтед Пресс /ТАСС от 27 октября 1952 года, листы 7-о, 8-о/, а также '
    'опубликованы английской газетой "Дейли Геральд" 26 октября /ТАСС от 29 октября '
    '1952 года, лист 36-о/.'
)


def test_find_dates_in_paragraph():
    found = find_dates(TASS_PARAGRAPH)
    assert [(m.text, m.iso) for m in found] == [
        ("26 октября", "--10-26"),
        ("27 октября 1952 года", "1952-10-27"),
        ("26 октября", "--10-26"),
        ("29 октября 1952 года", "1952-10-29"),
    ]
    for m in found:
        assert TASS_PARAGRAPH[m.start : m.end] == m.text
        assert m.certain and m.note == ""


TELEGRAM_HEADER = """МИД СССР
Десятый Отдел

Исход № 13464

Получена 19 час. 20 мин. 4. УП 1953 г.
Отправлена 21 час. 20 мин. 4. УП 1953 г.

Синие копии воспроизводятся
Служ. № 1041-1043

№ 1041-1043

4 июля 1953 г. 21.20\\*

1211-1220. Посетите У Сюшаня и сообщите ему следующее:

Печ. по: АП РФ. Ф. 3. Оп. 65. Д. 830. Л. 148-150. Подлинник.
"""


def test_find_dates_in_telegram_header():
    found = find_dates(TELEGRAM_HEADER)
    assert [(m.text, m.iso, m.certain) for m in found] == [
        ("4. УП 1953 г.", "1953-07-04", False),
        ("4. УП 1953 г.", "1953-07-04", False),
        ("4 июля 1953 г.", "1953-07-04", True),
    ]


REFERENCE_NOTE = (
    "Справка: № 359 (вх. № 6265) от 29.Ш.53 г. гг. Кузнецов, Разуваев и Федоренко "
    "сообщают, что 29 марта они были приняты Ким Ир Сеном. № 242 (исх. № 6277) от "
    "24.Ш.53 г. г. Молотов дал указание. Подлежит возврату (инст. ЦК от 5.V.57 г., "
    "пр. № 100, п. 5)"
)


def test_find_dates_in_reference_note():
    found = find_dates(REFERENCE_NOTE)
    assert [(m.text, m.iso, m.certain) for m in found] == [
        ("29.Ш.53 г.", "1953-03-29", False),
        ("29 марта", "--03-29", True),
        ("24.Ш.53 г.", "1953-03-24", False),
        ("5.V.57 г.", "1957-05-05", False),
    ]


def test_english_header():
    text = (
        "**November 19, 1951**\n**Soviet Politburo Decision**\n\"Soviet Politburo "
        "Decision\", November 19, 1951, Wilson Center Digital Archive, APRF, Fond 3, "
        "Opis 65, Delo 829, Listy 44-45.\n\nNo. P84/422\n\n19 November 1951\n\n"
        "Decision of 19 November 1951  \n422. Telegram\n\nA. GROMYKO\n\n19/XI/51"
    )
    assert [m.iso for m in find_dates(text)] == ["1951-11-19"] * 5
    assert [m.certain for m in find_dates(text)] == [True] * 4 + [False]


def test_date_split_by_one_line_break_but_not_by_a_blank_line():
    assert parse_date("November 3,\n1952").iso == "1952-11-03"
    assert parse_date("November 3,\n\n1952").iso == "--11-03"


def test_datematch_is_frozen():
    m = parse_date("March 29, 1953")
    assert isinstance(m, DateMatch)
    with pytest.raises(AttributeError):
        m.iso = "1953"  # type: ignore[misc]


# ------------------------------------------------------------------ properties

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
RUSSIAN_GENITIVE = [forms[1] for forms in RUSSIAN_MONTHS]

STYLES = {
    "english_mdy": lambda d: f"{ENGLISH_MONTHS[d.month - 1]} {d.day}, {d.year}",
    "english_dmy": lambda d: f"{d.day} {ENGLISH_MONTHS[d.month - 1]} {d.year}",
    "russian": lambda d: f"{d.day} {RUSSIAN_GENITIVE[d.month - 1]} {d.year} г.",
    "roman_dotted": lambda d: f"{d.day}.{ROMAN[d.month - 1]}.{d.year}",
    "roman_slash_yy": lambda d: f"{d.day}/{ROMAN[d.month - 1]}/{d.year % 100:02d}",
    "all_digit": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    "iso": lambda d: d.isoformat(),
}

dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31))
# Filler words: letters only, and not month words (which could pair with the date's digits).
words = st.text(st.characters(categories=["Lu", "Ll"]), min_size=1, max_size=12).filter(
    lambda w: w.lower() not in MONTH_NUMBERS
)
phrases = st.lists(words, max_size=5).map(" ".join)


@settings(max_examples=300)
@given(d=dates, style=st.sampled_from(sorted(STYLES)), before=phrases, after=phrases)
def test_formatted_date_round_trips(d, style, before, after):
    date_text = STYLES[style](d)
    text = " ".join(part for part in (before, date_text, after) if part)
    found = find_dates(text, century=d.year - d.year % 100)
    assert len(found) == 1, (text, found)
    [m] = found
    assert m.iso == d.isoformat()
    assert text[m.start : m.end] == m.text
    assert m.text.startswith(date_text)
    assert m.certain == (style != "roman_slash_yy")


def _valid_iso(iso: str) -> bool:
    if re.fullmatch(r"--\d\d-\d\d", iso):
        datetime.date.fromisoformat("2000" + iso[1:])
    elif re.fullmatch(r"\d{4}-\d\d", iso):
        datetime.date.fromisoformat(iso + "-01")
    elif re.fullmatch(r"\d{4}", iso):
        pass
    else:
        datetime.date.fromisoformat(iso)
    return True


def _check_well_formed(text, found):
    end = 0
    for m in found:
        assert isinstance(m, DateMatch)
        assert end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert _valid_iso(m.iso)
        assert m.certain == (m.note == "")
        end = m.end


@settings(max_examples=500)
@given(st.text())
def test_arbitrary_text_never_breaks(text):
    found = find_dates(text)
    _check_well_formed(text, found)
    assert parse_date(text) == (found[0] if found else None)


# Text built from date-ish pieces is much more likely to produce candidates than st.text().
pieces = st.sampled_from(
    ["1", "29", "31", "53", "19", "1953", "19 52", ".", "/", "-", " ", "\n", "\"", "«", "»",
     "г.", "года", "III", "XI", "Ш", "УП", "П", "марта", "март", "March", "May", ",", "of", "th"]
)


@settings(max_examples=500)
@given(st.lists(pieces, max_size=25).map("".join), st.integers(1800, 2100))
def test_date_like_text_never_breaks(text, century):
    found = find_dates(text, century=century - century % 100)
    _check_well_formed(text, found)
