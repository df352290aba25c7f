"""The converter on the real seed transcripts: golden files, conservation, ids, full TEI P5."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from tei import conserve
from tei.cli import main
from tei.convert import convert_file, stamp_state

from conftest import ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
FIXED_EPOCH = "1795000000"  # 2026-11-18: the conversion date written into golden files


@pytest.fixture
def converted(tmp_path, edition, authority, monkeypatch):
    """All seeds converted into tmp_path, with a fixed conversion date and the edition's authority file."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    outcomes = {s.stem: convert_file(s, tmp_path, edition, authority=authority) for s in SEEDS}
    assert all(o.status == "written" for o in outcomes.values()), {k: o.message for k, o in outcomes.items()}
    return tmp_path


def _tree(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


def _string(node: etree._Element | None) -> str | None:
    """An element's text with its names' markup (persName, placeName, orgName) read through; None if absent."""
    return None if node is None else " ".join("".join(node.itertext()).split())


def normalised(data: bytes) -> str:
    """The file without what legitimately varies: the stamp's hashes and version."""
    text = data.decode("utf-8")
    text = re.sub(r"<\?tei-convert [^?]*\?>\n", "", text)
    return re.sub(r'version="[^"]+"', 'version="…"', text)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_golden(seed, converted, update_golden):
    """Each seed's encoding equals its golden file, which was reviewed by eye against the source."""
    produced = normalised((converted / f"{seed.stem}.xml").read_bytes())
    golden = GOLDEN / f"{seed.stem}.xml"
    if update_golden:
        golden.write_text(produced, encoding="utf-8")
    assert golden.exists(), "no golden file: run pytest --update-golden and review it"
    assert produced == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_every_word_conserved(seed, converted):
    text = seed.read_text(encoding="utf-8")
    tei = _tree(converted / f"{seed.stem}.xml")
    from tei.read import read_transcript
    body = read_transcript(seed).body_lines
    lines = text.split("\n")
    assert body == list(range(body[0], len(lines) + 1))  # the export's text runs from its start to the end
    body_words = conserve.source_words("\n".join(lines[body[0] - 1:]))
    assert conserve.tei_text_words(tei) == body_words
    assert len(body_words) > 50


def test_conservation_check_catches_a_lost_word(converted):
    seed = SEEDS[4]
    tei = _tree(converted / f"{seed.stem}.xml")
    p = tei.find(".//t:body//t:p", NS)
    p.text = p.text.replace("нашему", "")
    from tei.read import read_transcript
    problems = conserve.check(seed.read_text(encoding="utf-8"), read_transcript(seed).body_lines, tei)
    assert problems and "line 34" in problems[0] and "нашему" in problems[0]


def test_conservation_check_catches_a_lost_header_fact(converted):
    seed = SEEDS[1]
    tei = _tree(converted / f"{seed.stem}.xml")
    for node in tei.iterfind(".//t:respStmt/t:persName", NS):
        node.text = "Someone"
    for node in tei.iterfind(".//t:note[@type='citation']", NS):
        node.text = node.text.replace("Zubok", "")
    from tei.read import read_transcript
    problems = conserve.check(seed.read_text(encoding="utf-8"), read_transcript(seed).body_lines, tei)
    assert problems == ["header words missing from the teiHeader: Zubok"]


def test_generated_files_are_valid_full_tei(converted, jing_tei_all):
    files = sorted(converted.glob("*.xml"))
    assert len(files) == 5
    assert jing_tei_all(*files) == ""


def test_committed_corpus_is_valid_full_tei(jing_tei_all):
    assert jing_tei_all(*sorted((ROOT / "corpus" / "tei").glob("*.xml"))) == ""


def test_identifiers_stable_across_runs(tmp_path, edition, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    for run in ("a", "b"):
        for seed in SEEDS:
            convert_file(seed, tmp_path / run, edition)
    for seed in SEEDS:
        a, b = (tmp_path / run / f"{seed.stem}.xml" for run in ("a", "b"))
        assert a.read_bytes() == b.read_bytes()


def test_identifiers_unique_and_pointers_resolve(converted):
    for path in converted.glob("*.xml"):
        tei = _tree(path)
        ids = tei.xpath("//@xml:id")
        assert len(ids) == len(set(ids)), path.name
        pointers = {p[1:] for attr in ("corresp", "target", "source")
                    for value in tei.xpath(f"//@{attr}") for p in value.split() if p.startswith("#")}
        assert pointers <= set(ids), (path.name, pointers - set(ids))


def test_document_id_is_the_archive_number(converted):
    ids = {p.stem: _tree(p).get("{http://www.w3.org/XML/1998/namespace}id") for p in converted.glob("*.xml")}
    assert ids == {
        "000_a8c0d456e4200675": "wcda-119575",
        "001_09b0c0c286ebddc7": "wcda-117315",
        "002_886c9a577c8597a3": "doc-002-886c9a577c8597a3",  # no header: no archive number
        "003_4735a1c8313c6b78": "wcda-113630",
        "004_b164b150df110bdb": "wcda-112123",
    }


# ---------------------------------------------------------------------------
# Facts of the seeds, checked one by one against what a reader sees in the source.


def test_seed000_three_documents_in_one_file(converted):
    tei = _tree(converted / "000_a8c0d456e4200675.xml")
    docs = tei.findall(".//t:div[@type='original']/t:div[@type='document']", NS)
    assert [_string(d.find("t:head", NS)) for d in docs] == [None, "Опровержение ТАСС", None]
    assert docs[0].find("t:fw", NS).text == "№ 71, I"
    assert docs[2].find("t:fw", NS).text == "N 72, I"
    dateline = docs[0].find("t:opener/t:dateline/t:date", NS)
    assert (dateline.text, dateline.get("when")) == ("3.XI. 19 52 г.", "1952-11-03")
    dist = docs[2].find("t:postscript/t:list[@type='distribution']", NS)
    assert dist.findtext("t:head", namespaces=NS) == "Разослано:"
    assert len(dist.findall("t:item", NS)) == 9


def test_seed001_two_original_versions_and_footnote(converted):
    tei = _tree(converted / "001_09b0c0c286ebddc7.xml")
    divs = tei.findall(".//t:body/t:div", NS)
    assert [(d.get("type"), d.get("subtype"), d.get("{http://www.w3.org/XML/1998/namespace}lang")) for d in divs] == [
        ("original", "archival", "ru"), ("original", "printed", "ru"), ("translation", None, "en")]
    assert divs[2].get("corresp") == "#wcda-117315.ru #wcda-117315.ru-printed"
    printed = divs[1]
    assert [pb.get("n") for pb in printed.iter("{*}pb")] == ["1039", "1040"]
    note = printed.find(".//t:dateline/t:note[@place='foot']", NS)
    assert (note.get("n"), note.text) == ("*", "Время отправления.")
    assert _string(printed.find("t:note[@type='source']/t:p", NS)).startswith("Печ. по: АП РФ. Ф. 3.")
    assert divs[0].find(".//t:list[@type='distribution']/t:item/t:table", NS).get("rows") == "4"
    witness = tei.xpath("//t:witness[@xml:id='wcda-117315.wit.printed']", namespaces=NS)[0]
    assert [i.text for i in witness.iterfind(".//t:idno", NS)] == ["3", "65", "830"]
    translator = tei.find(".//t:titleStmt/t:respStmt/t:persName", NS)
    assert translator.text == "Vladislav Zubok"


def test_seed001_alignment_merges_split_paragraphs(converted):
    tei = _tree(converted / "001_09b0c0c286ebddc7.xml")
    grp = tei.find(".//t:linkGrp[@corresp='#wcda-117315.en #wcda-117315.ru-printed']", NS)
    links = {link.get("target"): link.get("type") for link in grp}
    assert links["#wcda-117315.en.p3 #wcda-117315.ru-printed.p3 #wcda-117315.ru-printed.p4"] == "1-2"
    assert links["#wcda-117315.en.p4 #wcda-117315.ru-printed.p5 #wcda-117315.ru-printed.p6"] == "1-2"
    assert links["#wcda-117315.en.sig1 #wcda-117315.ru-printed.sig1"] == "1-1"
    linked = " ".join(grp.xpath("t:link/@target", namespaces=NS))
    assert "ru-printed.note" not in linked and "ru-printed.head" not in linked  # source note, editor's title


def test_seed001_translator_brackets(converted):
    tei = _tree(converted / "001_09b0c0c286ebddc7.xml")
    en = tei.find(".//t:div[@type='translation']", NS)
    # the supplied words are cut where the names in them begin and end: "[U.S. General Mark] Clark"
    clarified = en.xpath(".//t:supplied[@reason='clarification']", namespaces=NS)
    assert "".join(s.text for s in clarified) == "U.S. General Mark"
    assert _string(clarified[-1].getparent()) == "Mark Clark"
    foreign = en.find(".//t:supplied[@reason='original-wording']/t:foreign", NS)
    assert (foreign.text, foreign.get("{http://www.w3.org/XML/1998/namespace}lang")) == ("vne ocheredi", "ru-Latn")


def test_seed002_headerless_facts_are_inferred_and_recorded(converted):
    tei = _tree(converted / "002_886c9a577c8597a3.xml")
    assert tei.find(".//t:creation/t:date", NS).get("when") == "1951-12-25"
    assert tei.findtext(".//t:titleStmt/t:title", namespaces=NS) == (
        "[Document from A. Gromyko to Comrade STALIN I.V., 25 December 1951]")
    inferred = {n.get("subtype"): n.text for n in tei.iterfind(".//t:notesStmt/t:note[@type='inferred']", NS)}
    assert set(inferred) == {"original-language", "date", "language", "author", "addressee", "title"}
    assert "25 December 1951" in inferred["date"] and "line 19" in inferred["date"]
    assert tei.find(".//t:correspAction[@type='sent']/t:persName", NS).text == "A. Gromyko"
    p = tei.xpath("//t:p[@xml:id='doc-002-886c9a577c8597a3.en.p2']", namespaces=NS)[0]
    assert p.find("t:supplied", NS).text == "expires"
    choice = p.find(".//t:choice", NS)
    assert (choice.findtext("t:abbr", namespaces=NS), choice.findtext("t:expan", namespaces=NS)) == (
        "MID", "Ministry of Foreign Affairs")


def test_seed003_two_archival_references_and_two_documents(converted):
    tei = _tree(converted / "003_4735a1c8313c6b78.xml")
    refs = [(ms.findtext(".//t:repository", namespaces=NS),
             [(i.get("type"), i.text) for i in ms.iterfind(".//t:idno", NS)],
             ms.findtext(".//t:locus", namespaces=NS)) for ms in tei.iterfind(".//t:msDesc", NS)]
    assert refs == [
        ("Archive of the President of the Russian Federation", [("fond", "3"), ("opis", "65"), ("delo", "829")], "44-45"),
        ("Archive of Foreign Policy of the Russian Federation",
         [("fond", "059a"), ("opis", "5a"), ("delo", "5"), ("papka", "11")], "65-66"),
    ]
    docs = tei.findall(".//t:div[@type='document']", NS)
    assert [_string(d.find("t:closer/t:signed", NS)) for d in docs] == ["SECRETARY CC", "A. GROMYKO"]
    assert docs[1].find("t:closer/t:dateline/t:date", NS).get("when") == "1951-11-19"
    assert tei.find(".//t:div[@type='translation']", NS).get("corresp") == "#wcda-113630.ms1"


def test_seed004_word_split_across_printed_page(converted):
    tei = _tree(converted / "004_b164b150df110bdb.xml")
    pb = tei.find(".//t:pb[@n='1020']", NS)
    assert pb.get("break") == "no"
    pc = pb.getprevious()
    assert pc.tag.endswith("pc") and pc.text == "-"
    assert (pc.getprevious().tail or pc.getparent().text).endswith("опубликование указа")
    assert pb.tail == "за " and _string(pb.getnext()).startswith("Президиума")  # a name begins after the break
    note = tei.find(".//t:note[@place='foot']", NS)
    assert note.find("t:gap", NS) is not None  # the footnote text is not in the transcript
    editorial = tei.find(".//t:note[@type='editorial']", NS)
    assert len(editorial.findall("t:p", NS)) == 2


def test_seed004_dates_with_roman_and_lookalike_months(converted):
    tei = _tree(converted / "004_b164b150df110bdb.xml")
    en_date = tei.find(".//t:div[@type='translation']/t:closer/t:dateline/t:date", NS)
    assert (en_date.text, en_date.get("when"), en_date.get("cert")) == ("29.III.53", "1953-03-29", "medium")


# ---------------------------------------------------------------------------
# Hand edits, re-runs and the command line.


def test_hand_edited_file_is_kept(tmp_path, edition, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    seed = SEEDS[2]
    assert main(["convert", str(seed), "-o", str(tmp_path), "-q"]) == 0
    target = tmp_path / f"{seed.stem}.xml"
    edited = target.read_bytes().replace(b"I ask you to review.", b"I ask you to review it.")
    target.write_bytes(edited)
    assert stamp_state(edited) == "edited"
    capsys.readouterr()
    assert main(["convert", str(seed), "-o", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "edited by hand" in err and "--force" in err
    assert target.read_bytes() == edited
    assert main(["convert", "--force", str(seed), "-o", str(tmp_path), "-q"]) == 0
    assert b"I ask you to review." in target.read_bytes()


def test_unstamped_tei_is_never_overwritten(tmp_path, edition):
    seed = SEEDS[2]
    target = tmp_path / f"{seed.stem}.xml"
    target.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'/>")
    outcome = convert_file(seed, tmp_path, edition)
    assert outcome.status == "kept-hand-edited"
    assert "not written by tei convert" in outcome.message


def test_rerun_leaves_unchanged_files_alone(tmp_path, edition, monkeypatch):
    seed = SEEDS[0]
    convert_file(seed, tmp_path, edition, today="2026-01-01")
    target = tmp_path / f"{seed.stem}.xml"
    before = target.read_bytes()
    assert convert_file(seed, tmp_path, edition, today="2026-02-02").status == "unchanged"
    assert target.read_bytes() == before


def test_cli_summary_and_alignment_report(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["convert", "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "5 transcripts: 5 written; 3 warnings" in out
    assert "aligned wcda-117315.en -> wcda-117315.ru-printed: 8 links (6 1-1, 2 1-2, 0 2-1)" in out


@pytest.mark.parametrize("rule, encoded", [
    ("\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_", '<milestone unit="rule" rend="underscore"/>'),
    ("__________________", '<milestone unit="rule" rend="underscore"/>'),
    ("_ _ _ _ _ _ _", '<milestone unit="rule" rend="underscore"/>'),
    ("Received by ____________ on ______",
     'Received by <space dim="horizontal" unit="chars" quantity="12" rend="underscore"/> on '
     '<space dim="horizontal" unit="chars" quantity="6" rend="underscore"/>'),
])
def test_typed_rules_are_markup_not_words(tmp_path, edition, rule, encoded):
    """A rule of underscores (a line of its own, or a blank in a line) is encoded, and the words around it kept."""
    from tei.validate import validate_files

    lines = SEEDS[4].read_text(encoding="utf-8").split("\n")
    at = len(lines) - 3
    source = tmp_path / "ruled.txt"
    source.write_text("\n".join(lines[:at] + ["", rule, ""] + lines[at:]), encoding="utf-8")
    outcome = convert_file(source, tmp_path / "out", edition)
    assert outcome.status == "written", outcome.message
    xml = outcome.target.read_text(encoding="utf-8")
    assert encoded in xml
    assert "___" not in xml
    assert validate_files([outcome.target], jobs=1).errors == 0


def test_convert_outside_an_edition_folder_uses_the_documented_defaults(tmp_path, capsys, monkeypatch):
    """No corpus/edition.toml: the file is converted with schemas/default-edition.toml, and the user is told."""
    from tei.validate import validate_files

    monkeypatch.chdir(tmp_path)
    assert main(["convert", str(SEEDS[2]), "-o", "out"]) == 0
    err = capsys.readouterr().err
    assert "note: no edition file (corpus/edition.toml)" in err and "default-edition.toml" in err
    produced = tmp_path / "out" / (SEEDS[2].stem + ".xml")
    header = _tree(produced).find("t:teiHeader", NS)
    assert header.findtext(".//t:publicationStmt/t:publisher", namespaces=NS).startswith("Not published")
    assert validate_files([produced], jobs=1).errors == 0
    # An edition file named but missing is still an error: the user meant a particular one.
    assert main(["--edition", "missing.toml", "convert", str(SEEDS[2]), "-o", "out2"]) == 2
    assert "missing.toml: file not found" in capsys.readouterr().err


def test_seed001_incomplete_archival_copy_says_so_and_links_its_fragment(converted):
    """The archival copy stops at "… возлагается теперь": a gap says so, and the fragment joins English point 2."""
    tei = _tree(converted / "001_09b0c0c286ebddc7.xml")
    (gap,) = tei.findall(".//t:gap[@reason='witness-ends']", NS)
    fragment = gap.getparent()
    assert fragment.get("{http://www.w3.org/XML/1998/namespace}id") == "wcda-117315.ru.p4"
    assert (gap.getprevious().tail if gap.getprevious() is not None else fragment.text).endswith("возлагается теперь")
    # Only the archival copy breaks off; the printed version, which goes on to "на США.", has no gap.
    assert not tei.findall(".//t:div[@subtype='printed']//t:gap", NS)
    (link,) = tei.xpath(".//t:link[contains(@target, '#wcda-117315.ru.p4')]", namespaces=NS)
    assert link.get("target").split() == ["#wcda-117315.en.p3", "#wcda-117315.ru.p3", "#wcda-117315.ru.p4"]
    assert (link.get("subtype"), link.get("type"), float(link.get("cert"))) == ("partial", "1-2", 0.5)
    assert link.getparent().get("corresp") == "#wcda-117315.en #wcda-117315.ru"
    # English points 3 and 4 have no counterpart in the archival copy: no link pairs them with anything of it.
    archival = link.getparent()
    for point in ("#wcda-117315.en.p4", "#wcda-117315.en.p5"):
        assert not archival.xpath(f"t:link[contains(concat(@target, ' '), '{point} ')]", namespaces=NS)
