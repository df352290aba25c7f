"""The reader's front ends on real pages of each shape: facts, goldens, validity, report, refusal."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from tei import shapes
from tei.cli import main
from tei.convert import convert_file
from tei.read import ReadError, parse_transcript, read_transcript
from tei.resources import schema_path
from tei.validate import validate_files

from conftest import ROOT, SEEDS

PAGES = ROOT / "tests" / "fixtures" / "shapes"
EXPECTED = {name: facts for name, facts in json.loads((PAGES / "expected.json").read_text(encoding="utf-8")).items()
            if not name.startswith("_")}
GOLDEN = ROOT / "tests" / "golden" / "shapes"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
FIXED_EPOCH = "1795000000"


@pytest.fixture(scope="module")
def converted(tmp_path_factory, edition):
    out = tmp_path_factory.mktemp("shapes")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        outcomes = {name: convert_file(PAGES / name, out, edition) for name in EXPECTED}
    assert all(o.status == "written" for o in outcomes.values()), {k: o.message for k, o in outcomes.items()}
    return outcomes


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_shape_is_recognised_from_the_text(name):
    lines = (PAGES / name).read_text(encoding="utf-8").split("\n")
    assert shapes.recognise(lines) == EXPECTED[name]["shape"]


def test_a_listing_of_documents_is_refused():
    page = PAGES / "refused" / "search-results-yudin.txt"
    with pytest.raises(ReadError, match="a list of 5 documents"):
        read_transcript(page)


def test_a_page_with_no_date_and_no_header_is_refused():
    page = PAGES / "refused" / "frus-1914-20v01-d607-wilson-undated.txt"  # a FRUS letter whose page states no date
    with pytest.raises(ReadError, match="no dated document text"):
        read_transcript(page)


def test_an_undated_frus_memorandum_is_refused_for_low_confidence(edition, tmp_path):
    """FRUS's own heading ("111. Memorandum of Conversation0") is read, but the excerpt states no date."""
    page = PAGES / "refused" / "frus-1958-60v10p1-d111-eisenhower-khrushchev.txt"
    t = read_transcript(page)
    assert (t.shape, t.header.title, t.header.record_id) == ("frus", "Memorandum of Conversation", "111")
    outcome = convert_file(page, tmp_path, edition)
    assert outcome.status == "failed" and "read with low confidence" in outcome.message and "no date" in outcome.message
    assert not list(tmp_path.glob("*.xml"))


UNDATED = {  # FRUS pages whose stored copy states no date: read, and refused for it
    "frus-1917supp01v01-d175-page-undated.txt": ("The Ambassador in Great Britain ( Page) to the Secretary of State", ""),
    "frus-1937v03-d869-johnson-undated.txt": ("The Ambassador in China (Johnson) to the Secretary of State", ""),
    "frus-1961-63v06-d58-kennedy-to-khrushchev-undated.txt":
        ("Telegram From the Department of State to the Embassy in the Soviet Union", "58"),
    "frus-1969-76v15-d1-kissinger-dobrynin-undated.txt": ("Memorandum of Conversation", "1"),
}


@pytest.mark.parametrize("name", sorted(UNDATED))
def test_an_undated_frus_page_is_read_and_refused_for_want_of_a_date(name, edition, tmp_path):
    page = PAGES / "refused" / name
    t = read_transcript(page)
    assert t.shape == "frus" and (t.header.title, t.header.record_id or "") == UNDATED[name] and not t.header.date
    outcome = convert_file(page, tmp_path, edition)
    assert outcome.status == "failed" and "read with low confidence" in outcome.message and "no date" in outcome.message
    assert not list(tmp_path.glob("*.xml"))


def test_the_seeds_are_markdown_exports_or_bare():
    assert [shapes.recognise(s.read_text(encoding="utf-8").split("\n")) for s in SEEDS] == \
        ["markdown-export", "markdown-export", "bare", "markdown-export", "markdown-export"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_header_facts_are_read_right(name, converted):
    """Title, date, languages, summary and record id as a reader of the page sees them."""
    want = EXPECTED[name]
    tei = etree.parse(str(converted[name].target)).getroot()
    header = tei.find("t:teiHeader", NS)
    assert header.findtext("t:fileDesc/t:titleStmt/t:title", namespaces=NS) == want["title"]
    assert not header.findtext("t:fileDesc/t:titleStmt/t:title", namespaces=NS).startswith("[")
    creation = header.find("t:profileDesc/t:creation/t:date", NS)
    assert (creation.get("when") if creation is not None else None) == want["date"]
    assert [x.get("ident") for x in header.iterfind("t:profileDesc/t:langUsage/t:language", NS)] == want["languages"]
    assert [d.get("{http://www.w3.org/XML/1998/namespace}lang") for d in tei.iterfind("t:text/t:body/t:div", NS)] \
        == want["languages"]
    text_lang = header.find("t:fileDesc/t:sourceDesc/t:bibl/t:textLang", NS)
    assert (text_lang.get("mainLang") if text_lang is not None else None) == want["original_language"]
    summary = header.findtext("t:profileDesc/t:abstract/t:p", namespaces=NS)
    if want["summary_start"] is None:
        assert summary is None
    else:
        assert summary.startswith(want["summary_start"])
        assert want["summary_start"] not in " ".join(tei.find("t:text", NS).itertext())  # not also text
    assert header.findtext("t:fileDesc/t:sourceDesc/t:bibl/t:idno[@type='archive']", namespaces=NS) \
        == want["record_id"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_golden(name, converted, update_golden):
    """Each page's TEI equals its golden file, reviewed by eye against the page."""
    produced = re.sub(r"<\?tei-convert [^?]*\?>\n", "", converted[name].target.read_text(encoding="utf-8"))
    produced = re.sub(r'version="[^"]+"', 'version="…"', produced)
    golden = GOLDEN / (Path(name).stem + ".xml")
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    assert golden.exists(), "no golden file: run pytest --update-golden and review it"
    assert produced == golden.read_text(encoding="utf-8")


def test_every_encoding_is_valid(converted, jing_tei_all):
    targets = [o.target for o in converted.values()]
    report = validate_files(targets, jobs=1)
    assert report.errors == 0, [d for d in report.diagnostics if d.severity == "error"]
    assert jing_tei_all(*targets) == ""


def test_web_page_furniture_and_neighbour_are_left_out_and_reported(converted):
    t = read_transcript(PAGES / "web-handmade-document-information.txt")
    assert [(n, why) for n, _, why in t.omitted][:2] == [
        (1, "the site's navigation"), (3, "another document's summary, above this document's date and title")]
    assert {"Rights", "Type", "Language", "Record ID", "Uploaded Date", "Document Information"} <= \
        {text for _, text, _ in t.omitted}
    tei = etree.parse(str(converted["web-handmade-document-information.txt"].target)).getroot()
    bibl = tei.find(".//t:sourceDesc/t:bibl", NS)
    assert bibl.findtext("t:note[@type='rights']", namespaces=NS).startswith("The History and Public Policy")
    assert bibl.findtext("t:note[@type='document-type']", namespaces=NS) == "Telegram"
    assert bibl.findtext("t:note[@type='uploaded']", namespaces=NS) == "January 2, 2019"
    repository = tei.find(".//t:sourceDesc/t:msDesc/t:msIdentifier", NS)
    assert [i.text for i in repository.iterfind("t:idno", NS)] == ["558", "11", "103"]
    assert "Skip to content" not in etree.tostring(tei, encoding="unicode")
    # Web text: each line is a paragraph of its own.
    assert len(tei.findall(".//t:body/t:div/t:p", NS)) >= 2


def test_frus_notes_marks_and_pages(converted):
    tei = etree.parse(str(converted["frus-1944v03-d1140-harriman.txt"].target)).getroot()
    notes = tei.findall(".//t:body//t:note[@place='foot']", NS)
    assert [n.get("n") for n in notes] == ["5", "6", "7"]  # the marks glued to Molotov5, Tehran6, Tass7
    assert notes[0].xpath("string(preceding::text()[1])").endswith("Molotov")
    assert "".join(notes[2].itertext()).startswith("3. Telegraph Agency")
    assert tei.find(".//t:body//t:pb", NS).get("n") == "1218"  # [Page 1218]
    assert tei.find(".//t:body//t:opener/t:dateline/t:date", NS).get("when") == "1944-01-17"
    smith = etree.parse(str(converted["frus-1947v04-d513-smith.txt"].target)).getroot()
    note = smith.find(".//t:body//t:note[@place='foot']", NS)
    assert "".join(note.itertext()) == "Llewellyn E. Thompson, Jr., was chief of the Division of Eastern European Affairs."


# ---------------------------------------------------------------------------
# Confidence, the report and refusal


def _bare_undated(tmp_path: Path) -> Path:
    page = tmp_path / "undated.txt"
    page.write_text("Товарищу СТАЛИНУ И.В.\n\n" + "Направляю вам проект ответа на письмо министра, " * 6
                    + "и прошу его утвердить.\n\nА. Громыко\n", encoding="utf-8")
    return page


def test_a_low_confidence_reading_is_refused_with_its_reasons(tmp_path, edition, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = _bare_undated(tmp_path)
    with pytest.raises(ReadError):  # no dated text: not even a document shape
        parse_transcript(page.read_text(encoding="utf-8"), page)
    dated = tmp_path / "dated.txt"
    dated.write_text(page.read_text(encoding="utf-8").replace("А. Громыко", "А. Громыко\n\n25 декабря 1951 г."),
                     encoding="utf-8")
    weak = tmp_path / "weak.txt"  # dated only in passing, in a run of paragraphs
    weak.write_text("Справка о беседе от 3 марта 1952 года.\n\n" + "Беседа продолжалась час, " * 10 + "конец.\n",
                    encoding="utf-8")
    assert main(["--edition", str(ROOT / "corpus" / "edition.toml"), "convert", str(weak), "-o", "out",
                 "--report", "report.json"]) == 1
    err = capsys.readouterr().err
    assert f"error: {weak}: read with low confidence" in err and "no date" in err or "title inferred" in err
    assert not (tmp_path / "out" / "weak.xml").exists()
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, json.loads(schema_path("conversion-report.schema.json").read_text()))
    (entry,) = report["documents"]
    assert entry["status"] == "failed" and entry["confidence"] < report["threshold"]
    # Accepted: written, and marked as needing review in revisionDesc.
    assert main(["--edition", str(ROOT / "corpus" / "edition.toml"), "convert", str(weak), "-o", "out",
                 "--accept-low-confidence", "--report", "report.json"]) == 0
    tei = etree.parse(str(tmp_path / "out" / "weak.xml")).getroot()
    rev = tei.find(".//t:revisionDesc", NS)
    assert rev.get("status") == "needs-review"
    assert "Read with low confidence" in rev.find("t:change[@status='needs-review']", NS).text
    assert validate_files([tmp_path / "out" / "weak.xml"], jobs=1).errors == 0
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["documents"][0]["needs_review"]


def test_the_report_says_where_each_fact_was_found(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sources = [PAGES / "web-handmade-document-information.txt", SEEDS[2], SEEDS[0]]
    assert main(["--edition", str(ROOT / "corpus" / "edition.toml"), "convert", *map(str, sources), "-o", "out",
                 "--report", "report.json"]) == 0
    out = capsys.readouterr().out
    assert out.count("  confidence ") == 3
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, json.loads(schema_path("conversion-report.schema.json").read_text()))
    web, bare, export = report["documents"]
    assert web["shape"] == "web-page" and web["facts"]["title"]["where"].startswith("line 7, the title line")
    assert web["facts"]["record-id"] == {"value": "209716", "where": "line 35, Document Information: record id",
                                         "how": "found"}
    assert bare["shape"] == "bare" and bare["facts"]["date"]["how"] == "inferred"
    assert "dateline" in bare["facts"]["date"]["where"]
    assert export["shape"] == "markdown-export" and export["missing"] == []
    assert all(d["confidence"] >= report["threshold"] for d in report["documents"])


def test_an_accepted_low_confidence_document_says_so_on_its_page(tmp_path):
    """tei build --accept-low-confidence: the page of such a document opens with a needs-review notice."""
    import shutil

    (tmp_path / "sources").mkdir()
    shutil.copy(ROOT / "corpus" / "edition.toml", tmp_path / "edition.toml")
    shutil.copy(PAGES / "web-2209-druzhkov-to-molotov.txt", tmp_path / "sources")
    (tmp_path / "sources" / "weak.txt").write_text(
        "Справка о беседе от 3 марта 1952 года.\n\n" + "Беседа продолжалась час, " * 10 + "конец.\n", encoding="utf-8")
    command = ["build", "--corpus", str(tmp_path), "--out", str(tmp_path / "out"), "--no-print", "-q"]
    assert main(command) == 1  # refused: the build fails and names it
    assert main(command + ["--accept-low-confidence"]) == 0
    weak = (tmp_path / "out" / "html" / "doc-weak.html").read_text(encoding="utf-8")
    assert 'class="needs-review"' in weak and "Read with low confidence" in weak
    sure = (tmp_path / "out" / "html" / "doc-web-2209-druzhkov-to-molotov.html").read_text(encoding="utf-8")
    assert "needs-review" not in sure


def test_a_pdf_export_unwraps_into_the_paragraphs_of_the_markdown_export(converted, edition, tmp_path):
    """The PDF-export page is seed 003 laid out as the export's extracted text (hand-made: no stored
    page of that shape exists); its wrapped lines join into the same paragraphs as the seed's,
    and its form lines (letterhead, registry line, date) stay lines of their own."""
    def paragraphs(path):
        tei = etree.parse(str(path)).getroot()
        return [" ".join("".join(p.itertext()).split()) for p in tei.iterfind(".//t:body//t:p", NS)]

    pdf = paragraphs(converted["pdf-handmade-113630-gromyko-to-razuvaev.txt"].target)
    long_ones = [p for p in pdf if len(p) > 200]
    assert len(long_ones) == 3 and long_ones[0].startswith("1352. From your telegram")
    assert long_ones[1].startswith("An appeal by the government") and long_ones[2].startswith("Therefore,")
    assert SEEDS[3].name.startswith("003_")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        seed = convert_file(SEEDS[3], tmp_path, edition)
    assert all(p in paragraphs(seed.target) for p in long_ones)
    tei = etree.parse(str(converted["pdf-handmade-113630-gromyko-to-razuvaev.txt"].target)).getroot()
    assert [fw.text for fw in tei.iterfind(".//t:body//t:fw", NS)][:2] == [
        "ALL-UNION COMMUNIST PARTY (bolsheviks), CENTRAL COMMITTEE", "No. P84/422 Copies: Comrades Malenkov, Molotov, Gromyko"]
