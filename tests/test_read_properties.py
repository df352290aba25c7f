"""Property tests: generated transcripts, in the archive's export format, read and encode faithfully."""

from __future__ import annotations

import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tei import conserve
from tei.convert import align_transcript
from tei.encode import EncodeOptions, encode
from tei.read import ReadOptions, parse_transcript

RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
             "октября", "ноября", "декабря"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]

ru_word = st.text(alphabet="абвгдежзиклмнопрстуфхцчшщыэюя", min_size=2, max_size=10)
en_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=10)
cap = st.text(alphabet="АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ", min_size=1, max_size=1)
en_cap = st.text(alphabet="ABCDEFGHIJKLMNOPRSTUVWYZ", min_size=1, max_size=1)
dates = st.dates(datetime.date(1917, 1, 1), datetime.date(1991, 12, 31))


def sentence(words, capital):
    return st.builds(lambda c, ws: c + " ".join(ws) + ".", capital, st.lists(words, min_size=8, max_size=30))


@st.composite
def transcripts(draw):
    """A header, a Russian original and (sometimes) its English translation, point for point."""
    date = draw(dates)
    title = " ".join(draw(st.lists(en_word, min_size=3, max_size=8))).capitalize()
    number = draw(st.integers(100000, 999999))
    fond, opis, delo = draw(st.integers(1, 99)), draw(st.integers(1, 99)), draw(st.integers(1, 999))
    n_points = draw(st.integers(1, 5))
    ru = [draw(sentence(ru_word, cap)) for _ in range(n_points)]
    en = [draw(sentence(en_word, en_cap)) for _ in range(n_points)]
    numbered = draw(st.booleans())
    if numbered:
        ru = [f"{k}. {p}" for k, p in enumerate(ru, 1)]
        en = [f"{k}. {p}" for k, p in enumerate(en, 1)]
    with_translation = draw(st.booleans())
    en_date = f"{EN_MONTHS[date.month - 1]} {date.day}, {date.year}"
    lines = [
        "", f"**{en_date}**  ", f"**{title}**", "", "**Citation:**", "",
        f'"{title}", {en_date}, Wilson Center Digital Archive, AVPRF, Fond {fond}, Opis {opis}, '
        f"Delo {delo}, Listy 1-2. <https://example.org/document/{number}>", "",
        "**Summary:**", "", draw(sentence(en_word, en_cap)), "",
        "**Original Language:**", "", "Russian", "", "**Contents:**", "", "Original Scan",
        *(["Translation - English"] if with_translation else []), "",
        "Товарищу " + draw(cap) + draw(ru_word).upper(), "",
        *[x for p in ru for x in (p, "")],
        f"{date.day} {RU_MONTHS[date.month - 1]} {date.year} г.", "",
        draw(cap) + draw(ru_word), "",
    ]
    if with_translation:
        lines += [*[x for p in en for x in (p, "")], f"{date.day} {EN_MONTHS[date.month - 1]} {date.year}", ""]
    return {"text": "\n".join(lines), "date": date.isoformat(), "title": title, "number": str(number),
            "parts": [("fond", str(fond)), ("opis", str(opis)), ("delo", str(delo)), ("listy", "1-2")],
            "points": n_points, "numbered": numbered, "translation": with_translation}


def _encode(t):
    from tei.edition import load_edition
    edition = load_edition(Path(__file__).resolve().parent.parent / "corpus" / "edition.toml")
    pairs = align_transcript(t)
    return encode(t, edition, pairs, EncodeOptions(version="test", date="2026-01-01")), pairs


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcripts())
def test_generated_transcripts_read_faithfully(case):
    t = parse_transcript(case["text"], Path("generated.txt"), ReadOptions())
    h = t.header
    assert (h.title, h.date, h.citation.number) == (case["title"], case["date"], case["number"])
    assert h.citation.archival_refs[0].parts == case["parts"]
    assert [(d.type, d.lang) for d in t.divisions] == [("original", "ru")] + (
        [("translation", "en")] if case["translation"] else [])
    original = t.divisions[0]
    kinds = [b.kind for b in original.blocks]
    assert kinds == ["salute"] + ["p"] * case["points"] + ["dateline", "signed"]
    closing = original.blocks[-2].content
    assert any(getattr(n, "when", None) == case["date"] for n in closing)

    tei, pairs = _encode(t)
    assert conserve.check(case["text"], t.body_lines, tei) == []
    ids = tei.xpath("//@xml:id")
    assert len(ids) == len(set(ids))
    if case["translation"] and case["numbered"]:
        links = pairs[0].alignment.links
        points = [lk for lk in links if lk.source[0].split(".")[-1].startswith("p")]
        assert [(lk.source[0].rsplit(".", 1)[1], lk.target[0].rsplit(".", 1)[1]) for lk in points] == [
            (f"p{k}", f"p{k}") for k in range(1, case["points"] + 1)]


@settings(deadline=None)
@given(st.text(max_size=400))
def test_reader_never_crashes_on_arbitrary_text(text):
    """Any text is either read or refused with a ReadError, never an unexpected exception."""
    from tei.read import ReadError
    try:
        t = parse_transcript(text, Path("any.txt"), ReadOptions())
    except ReadError as exc:
        assert str(exc).startswith("any.txt")
        return
    tei, _ = _encode(t)
    etree.tostring(tei)  # serialisable: no control characters or broken structure


SEED_002 = (Path(__file__).resolve().parent.parent / "corpus" / "sources" / "002_886c9a577c8597a3.txt")


MARKDOWNISH = st.lists(st.sampled_from([
    "*", "**", "\\*", "\\", "[", "]", "(", ")", "#", "|", "-", "---", "_", "<", ">", ":", " ", "  \n", "\n",
    "word", "слово", "Copies:", "Справка:", "Печ. по:", "№ 12", "- 7 -", "1.", "http://x.org", "[a](http://x)",
    "<http://y.org>", "29.III.53", "3 ноября 1952 г.", "TOP SECRET", "A. Gromyko", "To Comrade X",
]), min_size=1, max_size=25).map("".join)


@settings(deadline=None)
@given(st.one_of(st.text(min_size=1, max_size=200), MARKDOWNISH), st.integers(0, 20))
def test_arbitrary_paragraph_in_a_real_transcript_is_kept_or_refused(extra, at):
    """Any paragraph added to a real transcript is conserved word for word, or the file is refused clearly."""
    from tei.read import ReadError
    blocks = SEED_002.read_text(encoding="utf-8").split("\n\n")
    blocks.insert(min(at, len(blocks)), extra)
    text = "\n\n".join(blocks)
    try:
        t = parse_transcript(text, Path("seed.txt"), ReadOptions())
    except ReadError as exc:
        assert "control character" in exc.message or "not an archive transcript" in exc.message, exc.message
        return
    tei, _ = _encode(t)
    assert conserve.check(text, t.body_lines, tei) == []
