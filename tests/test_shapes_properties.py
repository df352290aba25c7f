"""Property tests: pages generated in each shape, with noise, have their header facts read back."""

from __future__ import annotations

import datetime
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tei import conserve, shapes
from tei.assess import assess
from tei.read import ReadOptions, parse_transcript

from test_read_properties import EN_MONTHS, RU_MONTHS, _encode, cap, en_cap, en_word, ru_word, sentence

dates = st.dates(datetime.date(1917, 1, 1), datetime.date(1991, 12, 31))
SETTINGS = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])


def en_date(d: datetime.date) -> str:
    return f"{EN_MONTHS[d.month - 1]} {d.day}, {d.year}"


def title_of(words: list[str], kind: str) -> str:
    return f"{kind}, {' '.join(w.capitalize() for w in words[:2])} to Cde. {words[-1].capitalize()}"


@st.composite
def web_pages(draw):
    """The archive's web page as text: navigation, perhaps a neighbour's summary, date, title, text, summary, fields."""
    date = draw(dates)
    names = draw(st.lists(en_word, min_size=3, max_size=4))
    title = title_of(names, draw(st.sampled_from(["Ciphered Telegram", "Letter", "Memorandum", "Report"])))
    record = str(draw(st.integers(100000, 299999)))
    neighbour = draw(st.booleans())
    original = draw(st.sampled_from(["Russian", "English"]))
    # The text: Russian lines or English lines, each a paragraph; blank lines anyhow between them.
    words, capital = (ru_word, cap) if original == "Russian" and draw(st.booleans()) else (en_word, en_cap)
    paragraphs = draw(st.lists(sentence(words, capital), min_size=1, max_size=5))
    gaps = [draw(st.sampled_from(["\n", "\n\n", "\n\n\n", "\n\n\n\n\n"])) for _ in paragraphs]
    summary = f"{names[0].capitalize()} reports to {names[-1].capitalize()} on " + " ".join(
        draw(st.lists(en_word, min_size=5, max_size=15))) + "."
    lines = ["Skip to content", ""]
    if neighbour:
        lines += [f"{names[1].capitalize()} informs the ministry about " + " ".join(draw(
            st.lists(en_word, min_size=4, max_size=10))) + ".", ""]
    lines += [en_date(date), "", title, ""]
    body = "".join(p + g for p, g in zip(paragraphs, gaps))
    lines += body.split("\n")
    lines += ["", summary, "", "Document Information", "", "", "RGASPI, f. 558, op. 11, d. 103, ll. 7", ""]
    fields = [("Rights", "The History and Public Policy Program welcomes reuse of this document."),
              ("Type", "Telegram"), ("Language", original), ("Record ID", record)]
    for label, value in draw(st.permutations(fields)):
        lines += [label, "", value, ""]
    return {"text": "\n".join(lines), "date": date.isoformat(), "title": title, "record": record,
            "summary": summary, "paragraphs": len(paragraphs), "original": {"Russian": "ru", "English": "en"}[original],
            "neighbour": neighbour}


@SETTINGS
@given(web_pages())
def test_generated_web_pages_are_read_back(case):
    lines = case["text"].split("\n")
    assert shapes.recognise(lines) == "web-page"
    t = parse_transcript(case["text"], Path("page.txt"), ReadOptions())
    h = t.header
    assert (h.title, h.date, h.record_id, h.original_lang) == (case["title"], case["date"], case["record"],
                                                                case["original"])
    assert h.summary == [case["summary"]]
    assert [b.kind for b in t.divisions[0].blocks].count("p") <= case["paragraphs"]
    assert sum(len(d.blocks) for d in t.divisions) == case["paragraphs"]  # one line, one block
    assert (t.omitted[1][2] == conserve.NEIGHBOUR) == case["neighbour"]
    tei, _ = _encode(t)
    assert conserve.check(case["text"], t.body_lines, tei, t.omitted) == []
    assert not assess(t).low


@st.composite
def frus_pages(draw):
    """A FRUS telegram: file line, perhaps a number, heading with its mark, dateline, text with glued marks, notes."""
    date = draw(dates.filter(lambda d: 1940 <= d.year <= 1979))
    file_line = f"{draw(st.integers(100, 999))}.{draw(st.integers(1, 99))}/{date.month}–{date.day}{date.year % 100:02d}: Telegram"
    # The signer's name: a word, but not "Citation", which alone on a line is the archive's own label
    # (the Markdown export's section heading), not a name a FRUS telegram is signed with.
    who = draw(en_word.filter(lambda w: w != "citation")).capitalize()
    heading = f"The Ambassador in the Soviet Union ({who}) to the Secretary of State"
    with_dateline = draw(st.booleans())
    n_notes = draw(st.integers(0, 3))
    marks = sorted(draw(st.lists(st.integers(1, 30), min_size=n_notes, max_size=n_notes, unique=True)))
    words = draw(st.lists(en_word, min_size=12, max_size=30))
    places = sorted(draw(st.lists(st.integers(0, len(words) - 1), min_size=n_notes, max_size=n_notes, unique=True)))
    for mark, at in zip(marks, places):
        words[at] = words[at].capitalize() + str(mark)
    text = f"{draw(st.integers(100, 2999))}. " + " ".join(words) + "."
    lines = [file_line, ""]
    if draw(st.booleans()):
        lines += [f"No. {draw(st.integers(1, 999))}"]
    lines += [heading + ("1" if draw(st.booleans()) else ""), ""]
    if with_dateline:
        lines += [f"Moscow, {en_date(date)}—{draw(st.integers(1, 11))} p.m.", ""]
    lines += [text, "", who, ""]
    lines += [f"  {k}. " + " ".join(draw(st.lists(en_word, min_size=3, max_size=8))).capitalize() + "."
              for k in range(1, n_notes + 1)]
    return {"text": "\n".join(lines), "date": date.isoformat(), "title": heading, "marks": [str(m) for m in marks],
            "dateline": with_dateline}


@SETTINGS
@given(frus_pages())
def test_generated_frus_pages_are_read_back(case):
    lines = case["text"].split("\n")
    assert shapes.recognise(lines) == "frus"
    t = parse_transcript(case["text"], Path("frus.txt"), ReadOptions())
    assert (t.header.title, t.header.date) == (case["title"], case["date"])
    how = [f for f in t.found if f.fact == "date"][0].where
    assert how.startswith("inferred") != case["dateline"]
    tei, _ = _encode(t)
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    notes = tei.findall(".//t:body//t:note[@place='foot']", ns)
    assert [n.get("n") for n in notes] == case["marks"]
    assert all(n.find("t:gap", ns) is None for n in notes)  # each mark found its note
    assert conserve.check(case["text"], t.body_lines, tei, t.omitted, glued_marks=True) == []


@st.composite
def pdf_pages(draw):
    """The archive's PDF export as text: banner, date, title and citation run together, wrapped at a width."""
    date = draw(dates)
    title = " ".join(w.capitalize() for w in draw(st.lists(en_word, min_size=3, max_size=7)))
    number = str(draw(st.integers(100000, 299999)))
    summary = " ".join(draw(st.lists(en_word, min_size=6, max_size=20))).capitalize() + "."
    head = (f"Digital Archive International History Declassified digitalarchive.wilsoncenter.org {en_date(date)} "
            f"{title} Citation: “{title}”, {en_date(date)}, Wilson Center Digital Archive, RGASPI, Fond 558, "
            f"Opis 11, Delo 103, Listy 7. https://digitalarchive.wilsoncenter.org/document/{number}")
    width = draw(st.integers(50, 90))
    wrapped = _wrap(head, width)
    paragraphs = [" ".join(draw(st.lists(ru_word, min_size=15, max_size=40))).capitalize() + "."
                  for _ in range(draw(st.integers(1, 4)))]
    # A paragraph's last line that fills the width is a wrap to any reader: keep them short of it, as they mostly are.
    assume(all(len(_wrap(p, width)[-1]) < 0.75 * width for p in paragraphs))
    lines = wrapped + [f"Summary: {summary}", "Original Language: Russian", "Contents:", "Original Scan", ""]
    for p in paragraphs:
        lines += _wrap(p, width)
    lines += ["Page 1 of 1"]
    return {"text": "\n".join(lines), "date": date.isoformat(), "title": title, "number": number,
            "summary": summary, "paragraphs": len(paragraphs)}


def _wrap(text: str, width: int) -> list[str]:
    out, cur = [], ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > width:
            out.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    return out + [cur]


@SETTINGS
@given(pdf_pages())
def test_generated_pdf_exports_are_read_back(case):
    lines = case["text"].split("\n")
    assert shapes.recognise(lines) == "pdf-export"
    t = parse_transcript(case["text"], Path("export.txt"), ReadOptions())
    h = t.header
    assert (h.title, h.date, h.citation.number, h.summary) == (case["title"], case["date"], case["number"],
                                                               [case["summary"]])
    assert h.original_lang == "ru"
    assert len(t.divisions[0].blocks) == case["paragraphs"]  # wrapped lines joined, paragraphs kept apart
    tei, _ = _encode(t)
    assert conserve.check(case["text"], t.body_lines, tei, t.omitted) == []


@st.composite
def bare_pages(draw):
    date = draw(dates)
    lines = ["Товарищу " + draw(cap) + draw(ru_word).upper(), ""]
    lines += [x for p in draw(st.lists(sentence(ru_word, cap), min_size=3, max_size=5)) for x in (p, "")]
    lines += [draw(cap) + ". " + draw(cap) + draw(ru_word), "", f"{date.day} {RU_MONTHS[date.month - 1]} {date.year} г."]
    return {"text": "\n".join(lines), "date": date.isoformat()}


@SETTINGS
@given(bare_pages())
def test_generated_bare_transcripts_infer_their_date(case):
    lines = case["text"].split("\n")
    assert shapes.recognise(lines) == "bare"
    t = parse_transcript(case["text"], Path("bare.txt"), ReadOptions())
    assert t.header.date == case["date"]
    assert t.header.title.startswith("[Document")  # supplied, in brackets, as inferred
    assert not assess(t).low
