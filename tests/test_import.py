"""Importing other archives' TEI (tei import): checked, kept byte for byte, registered, rendered without losing a word.

tests/fixtures/foreign/ holds hand-written TEI in the styles of other archives:
  epidoc-dedication.xml   an EpiDoc edition of an inscription: div type="edition" (ab, lb,
                          expan/ex, supplied, unclear, gap), "translation", "apparatus" (app,
                          lem, rdg), "commentary", "bibliography"; declares the EpiDoc schema
                          by URL (not fetched); valid full TEI
  letter-correspdesc.xml  a letter: correspDesc in the header, div type="letter" with opener,
                          dateline, salute, a footnote, closer, signed, postscript; declares no
                          schema; valid full TEI
  verse-table-custom.xml  an almanac: front matter, lg/l verse, a table, back matter, and an
                          element of the archive's own (w:forecast); valid against the schema it
                          declares (verse-table-custom.rng, beside it), not against full TEI
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from jsonschema import Draft202012Validator
from lxml import etree

from tei import cli
from tei.exchange import export
from tei.exchange.imports import html_words, import_files, load_registry, tei_words
from tei.exchange.teicorpus import serialise, split_corpus

from conftest import ROOT, TEI_ALL

FOREIGN = ROOT / "tests" / "fixtures" / "foreign"
HOSTILE = ROOT / "tests" / "fixtures" / "validate"
CORPUS = ROOT / "corpus" / "tei"
FIXTURES = sorted(FOREIGN.glob("*.xml"))
TEI = "http://www.tei-c.org/ns/1.0"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the edition (no imports yet), as the current folder."""
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus", ignore=shutil.ignore_patterns("imported"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory, edition):
    """The three foreign fixtures imported once (rendered, to count their words)."""
    folder = tmp_path_factory.mktemp("imports") / "imported"
    outcomes = import_files(FIXTURES, folder, sorted(CORPUS.glob("*.xml")), edition)
    return folder, {o.source.name: o for o in outcomes}


def registry_validator() -> Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / "import-registry.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_the_fixtures_are_what_they_claim(jing_tei_all) -> None:
    assert jing_tei_all(FOREIGN / "epidoc-dedication.xml", FOREIGN / "letter-correspdesc.xml") == ""
    assert "w:forecast" in jing_tei_all(FOREIGN / "verse-table-custom.xml")  # not full TEI: its own element


def test_each_file_is_kept_byte_for_byte_and_registered(imported) -> None:
    folder, outcomes = imported
    assert {name: o.status for name, o in outcomes.items()} == {p.name: "imported" for p in FIXTURES}
    for path in FIXTURES:
        assert (folder / path.name).read_bytes() == path.read_bytes()
    registry = json.loads((folder / "registry.json").read_text(encoding="utf-8"))
    assert list(registry_validator().iter_errors(registry)) == []
    entries = {e["file"]: e for e in registry["imports"]}
    assert set(entries) == {p.name for p in FIXTURES}
    assert entries["epidoc-dedication.xml"]["documents"] == [
        {"id": "ins-kos-42", "title": "Dedication of a statue to Apollo by the council and people", "page": "ins-kos-42"}]
    assert load_registry(folder) == registry


def test_each_file_is_checked_with_the_schema_it_declares_or_says_it_could_not_be(imported) -> None:
    _, outcomes = imported
    verse = outcomes["verse-table-custom.xml"].check
    assert verse.method == "xml-model" and verse.schemas == [str(FOREIGN / "verse-table-custom.rng")]
    epidoc = outcomes["epidoc-dedication.xml"].check
    assert epidoc.method == "structure"
    assert any("https://epidoc.stoa.org/schema/9.5/tei-epidoc.rng is not fetched" in n for n in epidoc.notes)
    assert any(n.startswith("no schema available") for n in epidoc.notes)
    letter = outcomes["letter-correspdesc.xml"].check
    assert letter.method == "structure" and letter.diagnostics == []


@pytest.mark.parametrize("name", [p.name for p in FIXTURES])
def test_every_word_of_a_foreign_document_is_on_its_page(imported, name) -> None:
    _, outcomes = imported
    mapping = outcomes[name].mapping
    assert mapping.words > 40 and mapping.rendered == mapping.words and mapping.missing == [], mapping.missing


def test_the_report_says_how_each_element_is_rendered(imported) -> None:
    _, outcomes = imported
    epidoc = outcomes["epidoc-dedication.xml"].mapping
    assert {"ab", "lb", "supplied", "expan", "gap", "unclear"} <= set(epidoc.edition)
    assert {"app", "lem", "rdg", "ex", "listBibl", "bibl"} <= set(epidoc.foreign)
    assert not epidoc.plain
    letter = outcomes["letter-correspdesc.xml"].mapping
    assert {"opener", "closer", "dateline", "salute", "signed", "postscript", "note"} <= set(letter.edition)
    verse = outcomes["verse-table-custom.xml"].mapping
    assert {"lg": 2, "l": 4}.items() <= verse.foreign.items() and {"table", "row", "cell"} <= set(verse.edition)
    assert dict(verse.plain) == {"{https://weather.example.org/ns}forecast": 1}


def test_full_tei_can_be_asked_for(tmp_path: Path, edition) -> None:
    if not TEI_ALL.exists():
        pytest.skip("../shared/reference/tei_all.rng is not beside the project")
    outcomes = import_files(FIXTURES, tmp_path / "imported", [], edition, schema=TEI_ALL, render=False)
    status = {o.source.name: o.status for o in outcomes}
    assert status == {"epidoc-dedication.xml": "imported", "letter-correspdesc.xml": "imported",
                      "verse-table-custom.xml": "refused"}
    (verse,) = [o for o in outcomes if o.status == "refused"]
    assert any("forecast" in d.message for d in verse.check.diagnostics)
    assert not (tmp_path / "imported" / "verse-table-custom.xml").exists()
    entries = {e["file"]: e for e in load_registry(tmp_path / "imported")["imports"]}
    assert entries["letter-correspdesc.xml"]["validation"]["method"] == "schema"


# ---------------------------------------------------------------- refusals

@pytest.mark.parametrize(("fixture", "reason"), [
    ("billion-laughs.xml", "entity declarations are not allowed"),
    ("external-entity.xml", "entity declarations are not allowed"),
    ("external-dtd.xml", "external DTDs are not loaded"),
    ("not-well-formed.xml", "not well-formed"),
])
def test_hostile_or_broken_xml_is_refused(tmp_path: Path, edition, fixture, reason) -> None:
    (outcome,) = import_files([HOSTILE / fixture], tmp_path / "imported", [], edition)
    assert outcome.status == "refused" and reason in outcome.message
    assert not (tmp_path / "imported").exists()


def test_what_is_not_tei_is_refused(tmp_path: Path, edition) -> None:
    (no_ns,) = import_files([HOSTILE / "bad-no-namespace.xml"], tmp_path / "imported", [], edition)
    assert no_ns.status == "refused"
    assert any("in no namespace" in d.message for d in no_ns.check.diagnostics)
    html = tmp_path / "page.xml"
    html.write_text('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', encoding="utf-8")
    (outcome,) = import_files([html], tmp_path / "imported", [], edition)
    assert outcome.status == "refused"
    headless = tmp_path / "headless.xml"
    headless.write_text(f'<TEI xmlns="{TEI}"><text><body><p>x</p></body></text></TEI>', encoding="utf-8")
    (outcome,) = import_files([headless], tmp_path / "imported", [], edition)
    assert outcome.status == "refused"
    assert any("does not start with a teiHeader" in d.message for d in outcome.check.diagnostics)


def test_a_file_invalid_against_its_own_schema_is_refused(tmp_path: Path, edition) -> None:
    for name in ("verse-table-custom.xml", "verse-table-custom.rng"):
        shutil.copy(FOREIGN / name, tmp_path / name)
    edited = tmp_path / "verse-table-custom.xml"
    edited.write_text(edited.read_text(encoding="utf-8").replace('kind="outlook"', 'kind="prophecy"'),
                      encoding="utf-8")
    (outcome,) = import_files([edited], tmp_path / "imported", [], edition)
    assert outcome.status == "refused" and outcome.check.method == "xml-model"
    assert any("prophecy" in d.message or "kind" in d.message for d in outcome.check.diagnostics)


def test_a_document_whose_id_is_taken_gets_a_page_name_of_its_own(tmp_path: Path, edition) -> None:
    """A collision is resolved, not refused; the name is kept when the file is imported again."""
    own = sorted(CORPUS.glob("*.xml"))
    (copy_of_own,) = import_files([own[0]], tmp_path / "imported", own, edition, render=False)
    assert copy_of_own.status == "imported" and copy_of_own.documents[0]["page"] == "wcda-119575-2"
    assert "page names: wcda-119575-2 (its id 'wcda-119575' is taken)" in copy_of_own.message
    first = import_files([FOREIGN / "letter-correspdesc.xml"], tmp_path / "imported", own, edition, render=False)
    assert first[0].status == "imported" and first[0].documents[0]["page"] == first[0].documents[0]["id"]
    twin = tmp_path / "twin.xml"
    twin.write_bytes((FOREIGN / "letter-correspdesc.xml").read_bytes())
    (outcome,) = import_files([twin], tmp_path / "imported", own, edition, render=False)
    doc_id = first[0].documents[0]["id"]
    assert outcome.status == "imported" and outcome.documents[0]["page"] == f"{doc_id}-2"
    twin.write_bytes((FOREIGN / "letter-correspdesc.xml").read_bytes().replace(b"Luise", b"Louise"))
    (again,) = import_files([twin], tmp_path / "imported", own, edition, render=False, replace=True)
    assert again.status == "replaced" and again.documents[0]["page"] == f"{doc_id}-2"  # stable


def test_documents_without_an_id_are_named_by_idno_or_file(tmp_path: Path, edition) -> None:
    """Most TEI in the wild has no TEI/@xml:id: before, every such file was 'document' and the second refused."""
    def tei(idno: str = "") -> bytes:
        return (f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>A letter</title>'
                f'</titleStmt><publicationStmt><p>x</p>{idno}</publicationStmt><sourceDesc><p>x</p></sourceDesc>'
                f'</fileDesc></teiHeader><text><body><p>Dear friend</p></body></text></TEI>').encode()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "letter 1.xml").write_bytes(tei())
    (folder / "letter2.xml").write_bytes(tei())
    (folder / "letter3.xml").write_bytes(tei('<idno type="URI">https://example.org/letters/17</idno>'))
    (folder / "17.xml").write_bytes(tei())
    outcomes = import_files(sorted(folder.glob("*.xml")), tmp_path / "imported", [], edition, render=False)
    assert [o.status for o in outcomes] == ["imported"] * 4
    pages = {o.source.name: o.documents[0]["page"] for o in outcomes}
    assert pages == {"17.xml": "doc-17", "letter 1.xml": "letter-1", "letter2.xml": "letter2",
                     "letter3.xml": "https-example.org-letters-17"}


def test_importing_again_changes_nothing_and_replacing_needs_asking(tmp_path: Path, edition) -> None:
    folder = tmp_path / "imported"
    source = tmp_path / "letter-correspdesc.xml"
    shutil.copy(FOREIGN / source.name, source)
    assert import_files([source], folder, [], edition, render=False)[0].status == "imported"
    before = (folder / "registry.json").read_bytes()
    assert import_files([source], folder, [], edition, render=False)[0].status == "unchanged"
    assert (folder / "registry.json").read_bytes() == before
    source.write_text(source.read_text(encoding="utf-8").replace("Liebe Luise", "Meine liebe Luise"),
                      encoding="utf-8")
    (outcome,) = import_files([source], folder, [], edition, render=False)
    assert outcome.status == "refused" and "--replace" in outcome.message
    assert import_files([source], folder, [], edition, render=False, replace=True)[0].status == "replaced"
    assert (folder / source.name).read_bytes() == source.read_bytes()


# ---------------------------------------------------------------- round trip

def test_our_encodings_survive_teicorpus_export_and_import(tmp_path: Path, edition) -> None:
    """corpus/tei -> tei export teicorpus -> tei import: kept as received, each document canonically equal."""
    exported = tmp_path / "edition-corpus.xml"
    export("teicorpus", sorted(CORPUS.glob("*.xml")), edition, exported)
    (outcome,) = import_files([exported], tmp_path / "other-archive" / "imported", [], edition, render=False)
    assert outcome.status == "imported", (outcome.message, outcome.check and outcome.check.diagnostics)
    kept = outcome.target.read_bytes()
    assert kept == exported.read_bytes()
    assert [d["id"] for d in outcome.documents] == [
        etree.parse(str(p)).getroot().get("{http://www.w3.org/XML/1998/namespace}id")
        for p in sorted(CORPUS.glob("*.xml"))]
    members = list(split_corpus(etree.fromstring(kept)))
    for member, path in zip(members, sorted(CORPUS.glob("*.xml")), strict=True):
        assert etree.canonicalize(serialise(member).decode(), with_comments=True) == \
            etree.canonicalize(path.read_text(encoding="utf-8"), with_comments=True), path.name


# ---------------------------------------------------------------- tei import and tei build

def test_tei_import_then_tei_build_renders_every_word(project: Path, capsys) -> None:
    assert cli.main(["import", *map(str, FIXTURES)]) == 0
    out = capsys.readouterr().out
    assert "imported: " in out and "words: 50 of 50 on the page" in out  # ἀνέθη|καν: one word over a line
    assert "shown as plain text (no template): {https://weather.example.org/ns}forecast (1)" in out
    assert "3 files: 3 imported or up to date, 0 refused" in out
    assert cli.main(["build", "-q"]) == 0
    captured = capsys.readouterr()
    assert re.search(r"html: 8 documents \(8 rendered, 0 unchanged\)", captured.out), captured.out
    assert "w:forecast" in captured.err  # the unknown element is reported, its text kept
    assert re.search(r"^print: 8 documents, ", captured.out, re.M), captured.out  # imported ones typeset too
    site = project / "build" / "html"
    for path in FIXTURES:
        root = etree.parse(str(path)).getroot()
        doc_id = root.get("{http://www.w3.org/XML/1998/namespace}id")
        page = lxml.html.parse(str(site / f"{doc_id}.html")).getroot()
        words = tei_words(root)
        from collections import Counter

        missing = Counter(words) - Counter(html_words(page))
        assert not missing, (path.name, missing)
        assert (site / f"{doc_id}.xml").read_bytes() == path.read_bytes()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Dedication of a statue to Apollo" in index
    # Searchable like the edition's own texts, each in the bundles of its language (the letter's German,
    # the inscription's Greek).
    for language in ("de", "grc"):
        entry = json.loads((site / f"pagefind-{language}-0" / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["languages"][language]["page_count"] == 1, entry


def test_tei_build_splits_an_imported_corpus_and_leaves_the_file_alone(project: Path, capsys) -> None:
    corpus = project / "incoming.xml"
    foreign = [etree.parse(str(FOREIGN / n)).getroot() for n in ("letter-correspdesc.xml", "epidoc-dedication.xml")]
    root = etree.Element(f"{{{TEI}}}teiCorpus", nsmap={None: TEI})
    header = etree.SubElement(root, f"{{{TEI}}}teiHeader")
    file_desc = etree.SubElement(header, f"{{{TEI}}}fileDesc")
    etree.SubElement(etree.SubElement(file_desc, f"{{{TEI}}}titleStmt"), f"{{{TEI}}}title").text = "Two documents"
    etree.SubElement(etree.SubElement(file_desc, f"{{{TEI}}}publicationStmt"), f"{{{TEI}}}p").text = "Unpublished"
    etree.SubElement(etree.SubElement(file_desc, f"{{{TEI}}}sourceDesc"), f"{{{TEI}}}p").text = "Born digital"
    root.extend(foreign)
    corpus.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    assert cli.main(["import", str(corpus)]) == 0
    assert cli.main(["build", "-q"]) == 0
    assert "html: 7 documents" in capsys.readouterr().out
    assert (project / "build" / "html" / "brief-1871-03-02.html").is_file()
    assert (project / "build" / "html" / "ins-kos-42.html").is_file()
    assert (project / "corpus" / "imported" / "incoming.xml").read_bytes() == corpus.read_bytes()


def test_tei_build_leaves_out_an_imported_file_changed_by_hand(project: Path, capsys) -> None:
    assert cli.main(["import", "--no-render", str(FOREIGN / "letter-correspdesc.xml")]) == 0
    kept = project / "corpus" / "imported" / "letter-correspdesc.xml"
    kept.write_text(kept.read_text(encoding="utf-8").replace("Liebe", "Lieber"), encoding="utf-8")
    assert cli.main(["build", "-q"]) == 1
    captured = capsys.readouterr()
    assert "changed since it was imported" in captured.err
    assert "html: 5 documents" in captured.out
    assert not (project / "build" / "html" / "brief-1871-03-02.html").exists()


def test_tei_import_refuses_and_says_why(project: Path, capsys) -> None:
    assert cli.main(["import", str(HOSTILE / "billion-laughs.xml")]) == 1
    assert "refused:" in capsys.readouterr().err
    assert cli.main(["import", "no-such-file.xml"]) == 2


def test_tei_import_of_a_folder_with_xinclude_and_no_ids_then_tei_build(project: Path, capsys) -> None:
    """A collection as other projects keep it: subfolders, names repeated, no root ids, a shared
    encodingDesc each file XIncludes (as EpiDoc projects do), a file that is not TEI beside them."""
    collection = project / "collection"
    shared = '<encodingDesc xmlns="http://www.tei-c.org/ns/1.0"><p>Leiden conventions, shared.</p></encodingDesc>'

    def letter(text: str) -> str:
        return ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">'
                '<teiHeader><fileDesc><titleStmt><title>A letter</title><editor>Ann Editor</editor>'
                '<editor>Bob Editor</editor></titleStmt><publicationStmt><p>x</p></publicationStmt>'
                '<sourceDesc><p>x</p></sourceDesc></fileDesc><xi:include href="../authority/encoding.xml"/>'
                f'</teiHeader><text><body><p>{text}</p></body></text></TEI>')
    for folder, text in (("a", "Dear Ann, the harvest failed"), ("b", "Dear Bob, the river rose")):
        (collection / "letters" / folder).mkdir(parents=True)
        (collection / "letters" / folder / "1.xml").write_text(letter(text), encoding="utf-8")
    (collection / "letters" / "authority").mkdir()
    (collection / "letters" / "authority" / "encoding.xml").write_text(shared, encoding="utf-8")
    assert cli.main(["import", str(collection)]) == 0
    out = capsys.readouterr().out
    assert "skipped: " in out and "encoding.xml: not a TEI document (its root is encodingDesc)" in out
    assert "2 files: 2 imported or up to date, 0 refused" in out
    imported = project / "corpus" / "imported"
    assert sorted(p.name for p in imported.glob("*.xml")) == ["letters-a-1.xml", "letters-b-1.xml"]
    registry = json.loads((imported / "registry.json").read_text(encoding="utf-8"))
    assert list(registry_validator().iter_errors(registry)) == []
    pages = [e["documents"][0]["page"] for e in registry["imports"]]
    assert pages == ["letters-a-1", "letters-b-1"]
    assert [i["href"] for i in registry["imports"][0]["documents"][0]["xinclude"]] == ["../authority/encoding.xml"]
    assert len(list((imported / "included").glob("*.xml"))) == 1  # one shared file, kept once
    assert (imported / "letters-a-1.xml").read_text(encoding="utf-8") == letter("Dear Ann, the harvest failed")

    assert cli.main(["build", "-q"]) == 0
    site = project / "build" / "html"
    for page, words in (("letters-a-1", "the harvest failed"), ("letters-b-1", "the river rose")):
        html = (site / f"{page}.html").read_text(encoding="utf-8")
        assert words in html and "Ann Editor" in html and "Bob Editor" in html
    rendered = sorted((project / "build" / "imported").rglob("*.xml"))
    assert b"Leiden conventions, shared." in rendered[0].read_bytes()  # the XInclude resolved in the copy


def test_an_xinclude_from_the_network_is_refused(tmp_path: Path, edition) -> None:
    source = tmp_path / "remote.xml"
    source.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">'
                      '<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>x</p>'
                      '</publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>'
                      '<xi:include href="https://example.org/encoding.xml"/></teiHeader>'
                      '<text><body><p>x</p></body></text></TEI>', encoding="utf-8")
    (outcome,) = import_files([source], tmp_path / "imported", [], edition, render=False)
    assert outcome.status == "refused" and "nothing is fetched" in outcome.message and "remote.xml:1" in outcome.message


def test_imported_documents_are_exported_and_harvested_under_the_editions_names(project: Path, capsys) -> None:
    """oai_dc and OAI-PMH carry the imports: the edition's page address, the source project in dc:source."""
    from tei.edition import load_edition
    from tei.serve import RepositorySource

    assert cli.main(["import", "--no-render", str(FOREIGN / "letter-correspdesc.xml")]) == 0
    assert cli.main(["export", "oai_dc"]) == 0
    assert "oai_dc: 6 documents (1 imported)" in capsys.readouterr().out
    record = etree.parse(str(project / "build" / "exports" / "oai_dc" / "brief-1871-03-02.xml")).getroot()
    dc = {etree.QName(e).localname: [] for e in record}
    for e in record:
        dc[etree.QName(e).localname].append(e.text)
    edition = load_edition(project / "corpus" / "edition.toml")
    assert f"{edition.base_url}brief-1871-03-02.html" in dc["identifier"]
    assert "First published by A Letters Edition (a test archive)" in dc["source"]
    assert not any("letters.example.net" in i for i in dc["identifier"])  # the edition's addresses, not theirs
    repository = RepositorySource(project / "corpus" / "tei", edition).current()
    response = repository.respond([("verb", "GetRecord"), ("metadataPrefix", "oai_dc"),
                                   ("identifier", repository.identifier("brief-1871-03-02"))], "http://localhost/oai")
    assert b"First published by A Letters Edition" in response and b"idDoesNotExist" not in response


def test_a_document_is_validated_with_its_xincludes_resolved(tmp_path: Path, edition) -> None:
    """Full TEI admits no xi:include where EpiDoc puts its shared encodingDesc: what is validated is the
    document the include makes; an include that brings in what the schema refuses is an error."""
    if not TEI_ALL.exists():
        pytest.skip("../shared/reference/tei_all.rng is not beside the project")
    (tmp_path / "shared").mkdir()
    source = tmp_path / "inscription.xml"
    source.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">'
                      '<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>x</p>'
                      '</publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>'
                      '<xi:include href="shared/encoding.xml"/></teiHeader>'
                      '<text><body><ab>Apollo</ab></body></text></TEI>', encoding="utf-8")
    shared = tmp_path / "shared" / "encoding.xml"
    shared.write_text('<encodingDesc xmlns="http://www.tei-c.org/ns/1.0"><p>Leiden</p></encodingDesc>', encoding="utf-8")
    (ok,) = import_files([source], tmp_path / "imported", [], edition, schema=TEI_ALL, render=False)
    assert ok.status == "imported", ok.check.diagnostics
    shared.write_text('<encodingDesc xmlns="http://www.tei-c.org/ns/1.0"><bogus/></encodingDesc>', encoding="utf-8")
    (bad,) = import_files([source], tmp_path / "imported", [], edition, schema=TEI_ALL, render=False, replace=True)
    assert bad.status == "refused" and any("bogus" in d.message for d in bad.check.diagnostics)


def test_a_teicorpus_whose_members_all_arrive_by_xinclude_is_imported_and_built(project: Path, capsys) -> None:
    """A corpus file that is only a header and includes (as Parla-CLARIN corpora are kept): the
    structure is that of the document the includes make, not of the include elements."""
    collection = project / "parliament"
    (collection / "sessions").mkdir(parents=True)
    header = ('<teiHeader><fileDesc><titleStmt><title>{}</title></titleStmt><publicationStmt><p>x</p>'
              '</publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>')
    for n, words in ((1, "the house rose at noon"), (2, "the bill was read a second time")):
        (collection / "sessions" / f"s{n}.xml").write_text(
            f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{header.format(f"Session {n}")}'
            f'<text><body><u who="#speaker">{words}</u></body></text></TEI>', encoding="utf-8")
    (collection / "corpus.xml").write_text(
        f'<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">'
        f'{header.format("Sessions")}<xi:include href="sessions/s1.xml"/><xi:include href="sessions/s2.xml"/>'
        '</teiCorpus>', encoding="utf-8")
    assert cli.main(["import", str(collection / "corpus.xml")]) == 0, capsys.readouterr().out
    registry = json.loads((project / "corpus" / "imported" / "registry.json").read_text(encoding="utf-8"))
    [entry] = registry["imports"]
    assert entry["root"] == "teiCorpus" and [d["page"] for d in entry["documents"]] == ["corpus-1", "corpus-2"]
    assert cli.main(["build", "-q", "--no-print"]) == 0, capsys.readouterr()
    site = project / "build" / "html"
    assert "the bill was read a second time" in (site / "corpus-2.html").read_text(encoding="utf-8")


def test_a_version_control_keyword_does_not_name_a_page(tmp_path: Path, edition) -> None:
    """FreeDict's files carry an svn "$Id$" idno: every one of them would have been the page "Id"."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, idno in (("san-deu.xml", "$Id$"), ("deu-eng.xml", "$Id: deu-eng.tei 1234 2019-01-01 ed $"),
                       ("lat-eng.xml", "freedict-lat-eng")):
        (folder / name).write_text(
            '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>A dictionary</title>'
            f'</titleStmt><publicationStmt><p>x</p><idno>{idno}</idno></publicationStmt><sourceDesc><p>x</p>'
            '</sourceDesc></fileDesc></teiHeader><text><body><p>entry</p></body></text></TEI>', encoding="utf-8")
    outcomes = import_files(sorted(folder.glob("*.xml")), tmp_path / "imported", [], edition, render=False)
    assert {o.source.name: o.documents[0]["page"] for o in outcomes} == {
        "deu-eng.xml": "deu-eng", "lat-eng.xml": "freedict-lat-eng", "san-deu.xml": "san-deu"}


def test_a_text_in_a_language_with_no_words_does_not_fail_the_search_stage(project: Path, capsys) -> None:
    """An inscription whose Punic edition is all lost: before, its language had a search bundle of
    no pages, Pagefind refused to make it, and the whole build failed for one document."""
    (project / "in").mkdir()
    (project / "in" / "punic.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Votive stele</title>'
        '</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>'
        '</teiHeader><text><body><div type="edition" xml:lang="xpu"><ab><gap reason="lost" extent="unknown" '
        'unit="line"/></ab></div><div type="translation" xml:lang="en"><p>To the lord Baal Hammon</p></div>'
        '</body></text></TEI>', encoding="utf-8")
    assert cli.main(["import", str(project / "in")]) == 0, capsys.readouterr().out
    capsys.readouterr()
    assert cli.main(["build", "--no-print"]) == 0
    # The page claims no Punic text to search (core.xsl's ed:has-words), so no bundle is even tried.
    assert "xpu" not in capsys.readouterr().out
    site = project / "build" / "html"
    assert not list(site.glob("pagefind-xpu-*")) and list(site.glob("pagefind-en-*"))
    assert "To the lord Baal Hammon" in (site / "punic.html").read_text(encoding="utf-8")


def test_a_folder_of_tei_files_named_tei_is_imported_and_named_xml(project: Path, capsys) -> None:
    """FreeDict publishes its dictionaries as NAME.tei: a folder import took *.xml only and said
    "no TEI file", and a file import crashed on the registry's *.xml names."""
    (project / "dict").mkdir()
    entry = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Sanskrit-German'
             '</title></titleStmt><publicationStmt><p>x</p><idno>$Id$</idno></publicationStmt><sourceDesc><p>x</p>'
             '</sourceDesc></fileDesc></teiHeader><text><body><entry><form><orth>agni</orth></form><sense><def>Feuer'
             '</def></sense></entry></body></text></TEI>')
    (project / "dict" / "san-deu.tei").write_text(entry, encoding="utf-8")
    (project / "dict" / "single.tei").write_text(entry.replace("agni", "soma"), encoding="utf-8")
    assert cli.main(["import", str(project / "dict" / "single.tei")]) == 0
    assert cli.main(["import", str(project / "dict")]) == 0
    out = capsys.readouterr().out
    assert "document san-deu: Sanskrit-German (it has no id)" in out
    assert "unchanged: " in out and "document single: Sanskrit-German (it has no id)" in out.split("unchanged: ")[1]
    imported = project / "corpus" / "imported"
    assert sorted(p.name for p in imported.glob("*.xml")) == ["san-deu.tei.xml", "single.tei.xml"]
    assert (imported / "san-deu.tei.xml").read_text(encoding="utf-8") == entry  # byte for byte, under a name the build reads


def test_a_duplicate_xml_id_is_a_warning_and_the_document_is_printed(project: Path, capsys) -> None:
    """Two elements with one xml:id (a TEI Lex-0 example does it): libxml2 refused the file in the
    print stage, which left it out of the volume naming the build's work copy."""
    (project / "in").mkdir()
    (project / "in" / "etym.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Etymology</title>'
        '</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>'
        '</teiHeader><text><body><p xml:id="x1">from Latin</p>\n<p xml:id="x1">sapatum</p></body></text></TEI>',
        encoding="utf-8")
    assert cli.main(["import", str(project / "in")]) == 0
    out = capsys.readouterr().out
    assert "etym.xml:2:0: warning: xml:id 'x1' is given to 2 elements (lines 1, 2): a link to it is ambiguous" in out
    assert cli.main(["build", "-q"]) == 0, capsys.readouterr()
    assert "sapatum" in (project / "build" / "html" / "etym.html").read_text(encoding="utf-8")
