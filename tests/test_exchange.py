"""Exports for other archives (tei export): each validated against its standard's schema.

Full TEI P5 (tei_all.rng) and OAI-PMH.xsd come from ../shared/reference (skipped when
absent); the oai_dc, Simple Dublin Core, static repository and CSL-JSON schemas are in
tests/standards/, written from the published specifications (see its README).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from lxml import etree

from tei import cli
from tei.exchange import FORMATS, export
from tei.exchange.cmif import cmif_uuid
from tei.exchange.dc import dc_record
from tei.exchange.documents import load_document, load_documents
from tei.exchange.teicorpus import serialise, split_corpus

from conftest import ROOT, SHARED, change_date

CORPUS = ROOT / "corpus" / "tei"
STANDARDS = ROOT / "tests" / "standards"
OAI_PMH_XSD = SHARED / "reference" / "OAI-PMH.xsd"
TEI = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI, "dc": "http://purl.org/dc/elements/1.1/", "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
      "oai": "http://www.openarchives.org/OAI/2.0/", "sr": "http://www.openarchives.org/OAI/2.0/static-repository"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def tei_files() -> list[Path]:
    return sorted(CORPUS.glob("*.xml"))


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory, edition) -> dict[str, Path]:
    """Every format exported once, to its default name under a scratch folder."""
    out = tmp_path_factory.mktemp("exports")
    done = {}
    for fmt, name in FORMATS.items():
        report = export(fmt, tei_files(), edition, out / name)
        assert report.documents == len(tei_files()) and report.files, fmt
        done[fmt] = out / name
    return done


@pytest.fixture(scope="module")
def documents(edition):
    return load_documents(tei_files(), edition)


def canonical(data: bytes) -> str:
    return etree.canonicalize(data.decode("utf-8"), with_comments=True)


def json_validator(path: Path) -> Draft202012Validator:
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def oai_dc_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(STANDARDS / "oai_dc.xsd")))


# ---------------------------------------------------------------- teiCorpus

def test_teicorpus_is_valid_full_tei(exports, jing_tei_all) -> None:
    assert jing_tei_all(exports["teicorpus"]) == ""


def test_teicorpus_header_comes_from_the_edition_facts(exports, edition) -> None:
    root = etree.parse(str(exports["teicorpus"])).getroot()
    assert root.tag == f"{{{TEI}}}teiCorpus"
    header = root.find("tei:teiHeader", NS)
    assert header.findtext("tei:fileDesc/tei:titleStmt/tei:title[@type='main']", namespaces=NS) == edition.title
    assert header.findtext("tei:fileDesc/tei:titleStmt/tei:title[@type='sub']", namespaces=NS) == edition.subtitle
    assert header.findtext("tei:fileDesc/tei:titleStmt/tei:editor", namespaces=NS) == edition.editors[0].name
    assert header.findtext("tei:fileDesc/tei:publicationStmt/tei:publisher", namespaces=NS) == edition.publisher.name
    licence = header.find("tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence", NS)
    assert licence.get("target") == edition.licence.url
    assert [lang.get("ident") for lang in header.iterfind(".//tei:langUsage/tei:language", NS)] == ["ru", "en"]
    # Each document follows, whole: the corpus holds every TEI file.
    ids = [tei.get(XML_ID) for tei in root.iterfind("tei:TEI", NS)]
    assert sorted(ids) == sorted(etree.parse(str(p)).getroot().get(XML_ID) for p in tei_files())


def test_teicorpus_round_trip_keeps_every_file_canonically_equal(exports) -> None:
    """corpus/tei -> teiCorpus -> split: each document equals its file under C14N 2.0, prolog included."""
    root = etree.parse(str(exports["teicorpus"])).getroot()
    members = list(split_corpus(root))
    assert len(members) == len(tei_files())
    for member, path in zip(members, tei_files()):
        assert canonical(serialise(member)) == canonical(path.read_bytes()), path.name


# ---------------------------------------------------------------- oai_dc

def test_oai_dc_records_are_valid(exports, oai_dc_schema) -> None:
    files = sorted(exports["oai_dc"].glob("*.xml"))
    assert len(files) == len(tei_files())
    for path in files:
        assert oai_dc_schema.validate(etree.parse(str(path))), (path.name, oai_dc_schema.error_log)


def test_the_oai_dc_schema_refuses_what_is_not_dublin_core(documents, edition, oai_dc_schema) -> None:
    record = dc_record(documents[0], edition)
    etree.SubElement(record, f"{{{NS['dc']}}}author").text = "not a DC element"
    assert not oai_dc_schema.validate(record)
    record = dc_record(documents[0], edition)
    etree.SubElement(record[0], f"{{{NS['dc']}}}title")  # an element inside a literal
    assert not oai_dc_schema.validate(record)


def test_oai_dc_carries_the_facts_of_a_document(exports) -> None:
    dc = etree.parse(str(exports["oai_dc"] / "wcda-117315.xml")).getroot()

    def values(name: str) -> list[str]:
        return [e.text for e in dc.iterfind(f"dc:{name}", NS)]

    assert values("title") == ["Telegram from USSR Foreign Minister V.M. Molotov to Soviet Ambassador in Beijing"]
    assert values("creator") == ["USSR Foreign Minister V.M. Molotov"]
    assert "Vladislav Zubok" in values("contributor")
    assert values("date") == ["1953-07-04"]
    assert values("language") == ["ru", "en"]
    assert "Russian original (archival; printed) and English translation." in values("description")
    assert "https://digitalarchive.umd.edu/document/117315" in values("source")
    assert values("identifier")[:2] == ["https://edition.example.org/wcda-117315.html",
                                        "https://edition.example.org/wcda-117315.xml"]
    assert values("rights") == ["CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"]
    relations = values("relation")
    assert any("translation wcda-117315.en is a translation of the Russian original (archival) wcda-117315.ru"
               in r for r in relations)
    assert any("original (printed) wcda-117315.ru-printed" in r for r in relations)
    assert values("type") == ["Text", "telegram"]


def test_oai_dc_says_when_the_original_is_not_reproduced(exports) -> None:
    dc = etree.parse(str(exports["oai_dc"] / "doc-002-886c9a577c8597a3.xml")).getroot()
    relations = [e.text for e in dc.iterfind("dc:relation", NS)]
    assert relations == ["English translation doc-002-886c9a577c8597a3.en is a translation of a Russian original "
                         "not reproduced here"]
    descriptions = [e.text for e in dc.iterfind("dc:description", NS)]
    assert "English translation (the Russian original is not reproduced)." in descriptions


# ---------------------------------------------------------------- CMIF

def test_cmif_is_valid_full_tei(exports, jing_tei_all) -> None:
    assert jing_tei_all(exports["cmif"]) == ""


def test_cmif_follows_the_format_conventions(exports, documents, edition) -> None:
    root = etree.parse(str(exports["cmif"])).getroot()
    pub = root.find("tei:teiHeader/tei:fileDesc/tei:publicationStmt", NS)
    assert pub.findtext("tei:idno[@type='url']", namespaces=NS) == edition.base_url + "cmif.xml"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", pub.find("tei:date", NS).get("when"))
    licence = pub.find("tei:availability/tei:licence", NS)
    assert licence.get("target") == "https://creativecommons.org/licenses/by/4.0/"
    assert "CC-BY 4.0" in licence.text
    (bibl,) = root.findall("tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl", NS)
    assert bibl.get("type") == "online" and UUID.match(bibl.get(XML_ID))
    descs = root.findall("tei:teiHeader/tei:profileDesc/tei:correspDesc", NS)
    letters = [d for d in documents if d.is_correspondence]
    assert len(descs) == len(letters) == 5
    for desc, document in zip(descs, letters):
        assert desc.get("source") == "#" + bibl.get(XML_ID)
        assert desc.get("ref") == document.page_url and desc.get("key") == document.id
        assert [a.get("type") for a in desc] == ["sent", "received"]
        for action in desc:
            assert not (action.text or "").strip()  # only child elements, no text
            assert {etree.QName(c).localname for c in action} <= {"persName", "orgName", "placeName", "date"}
            assert action.findall("tei:persName", NS) or action.findall("tei:orgName", NS)
            for date in action.iterfind("tei:date", NS):
                assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date.get("when"))
    # The telegram from Pyongyang names no addressee: CMIF says "Unknown".
    (pyongyang,) = [d for d in descs if d.get("key") == "wcda-112123"]
    assert pyongyang.findtext("tei:correspAction[@type='received']/tei:persName", namespaces=NS) == "Unknown"
    assert [p.text for p in pyongyang.iterfind("tei:correspAction[@type='sent']/tei:persName", NS)] == \
        ["Kuznetsov", "Fedorenko"]
    assert pyongyang.findtext("tei:correspAction[@type='sent']/tei:placeName", namespaces=NS) == "Pyongyang"


def test_cmif_correspondents_carry_their_wikidata_uris(exports) -> None:
    """A person or place whose authority entry has a confirmed Wikidata id gets it as @ref; the others none."""
    root = etree.parse(str(exports["cmif"])).getroot()
    descs = {d.get("key"): d for d in root.iterfind("tei:teiHeader/tei:profileDesc/tei:correspDesc", NS)}
    stalin = descs["doc-002-886c9a577c8597a3"].find("tei:correspAction[@type='received']/tei:persName", NS)
    assert (stalin.text, stalin.get("ref")) == ("Comrade STALIN I.V.", "http://www.wikidata.org/entity/Q855")
    gromyko = descs["doc-002-886c9a577c8597a3"].find("tei:correspAction[@type='sent']/tei:persName", NS)
    assert (gromyko.text, gromyko.get("ref")) == ("A. Gromyko", None)  # his id is not confirmed: none is made up
    beijing = descs["wcda-117315"].find("tei:correspAction[@type='received']/tei:placeName", NS)
    assert (beijing.text, beijing.get("ref")) == ("Beijing", "http://www.wikidata.org/entity/Q956")
    refs = [e.get("ref") for e in root.iterfind(".//tei:correspAction/*[@ref]", NS)]
    assert refs and all(re.fullmatch(r"http://www\.wikidata\.org/entity/Q\d+", r) for r in refs)


def test_the_cmif_uuid_is_stable_and_an_xml_name(edition) -> None:
    assert cmif_uuid(edition) == cmif_uuid(edition)
    assert UUID.match(cmif_uuid(edition)) and cmif_uuid(edition)[0].isalpha()
    other = replace(edition, base_url="https://another.example.org/")
    assert cmif_uuid(other) != cmif_uuid(edition)


# ---------------------------------------------------------------- JSON

def test_json_records_and_manifest_match_their_schemas(exports, documents) -> None:
    folder = exports["json"]
    records = json_validator(ROOT / "schemas" / "record.schema.json")
    manifest_schema = json_validator(ROOT / "schemas" / "manifest.schema.json")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest_schema.iter_errors(manifest)) == []
    assert manifest["count"] == len(documents) == len(manifest["documents"])
    for entry in manifest["documents"]:
        data = (folder / entry["record"]).read_bytes()
        import hashlib

        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        record = json.loads(data)
        assert list(records.iter_errors(record)) == [], entry["id"]
        assert record["id"] == entry["id"]
    record = json.loads((folder / "records" / "wcda-117315.json").read_text(encoding="utf-8"))
    assert record["original_language"] == "ru" and record["languages"] == ["ru", "en"]
    assert [t["id"] for t in record["texts"]] == ["wcda-117315.ru", "wcda-117315.ru-printed", "wcda-117315.en"]
    assert record["texts"][2]["translates"] == ["wcda-117315.ru", "wcda-117315.ru-printed"]
    assert record["correspondence"][1] == {"type": "received", "persons": ["Soviet Ambassador"],
                                           "organisations": [], "places": ["Beijing"]}
    assert record["datestamp_source"] == "revisionDesc"


def test_the_record_schema_refuses_a_bad_record(exports) -> None:
    records = json_validator(ROOT / "schemas" / "record.schema.json")
    record = json.loads((exports["json"] / "records" / "wcda-112123.json").read_text(encoding="utf-8"))
    assert list(records.iter_errors(record)) == []
    for broken in ({k: v for k, v in record.items() if k != "title"}, {**record, "date": "29.III.53"},
                   {**record, "colour": "red"}, {**record, "texts": [{"id": "x", "type": "gloss", "language": "en"}]}):
        assert list(records.iter_errors(broken))


# ---------------------------------------------------------------- CSL-JSON

def test_csl_json_is_tei_cite_s_item_for_every_document(exports, documents, edition) -> None:
    from tei.cite import csl_item

    items = json.loads(exports["csl-json"].read_text(encoding="utf-8"))
    assert items == [csl_item(d.tree().getroot(), edition) for d in documents]
    assert list(json_validator(STANDARDS / "csl-data.schema.json").iter_errors(items)) == []


# ---------------------------------------------------------------- the static repository

@pytest.fixture(scope="module")
def static_schema(tmp_path_factory: pytest.TempPathFactory) -> etree.XMLSchema:
    if not OAI_PMH_XSD.is_file():
        pytest.skip("../shared/reference/OAI-PMH.xsd is not beside the project")
    folder = tmp_path_factory.mktemp("xsd")
    for path in [*STANDARDS.glob("*.xsd"), OAI_PMH_XSD]:
        shutil.copy(path, folder / path.name)
    return etree.XMLSchema(etree.parse(str(folder / "static-repository.xsd")))


def test_the_static_repository_is_valid_and_keeps_the_rules(exports, static_schema, oai_dc_schema,
                                                           documents) -> None:
    tree = etree.parse(str(exports["oai-static"]))
    assert static_schema.validate(tree), static_schema.error_log
    root = tree.getroot()
    identify = root.find("sr:Identify", NS)
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DD"
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "no"
    assert identify.find("oai:compression", NS) is None
    assert identify.findtext("oai:baseURL", namespaces=NS) == "https://edition.example.org/oai-static.xml"
    lists = root.findall("sr:ListRecords", NS)
    assert [lst.get("metadataPrefix") for lst in lists] == ["oai_dc", "tei"]
    for lst in lists:
        records = lst.findall("oai:record", NS)
        assert len(records) == len(documents)
        assert lst.find(".//oai:resumptionToken", NS) is None
        for record in records:
            assert record.find("oai:header", NS).get("status") is None
            assert record.find("oai:header/oai:setSpec", NS) is None
            assert record.find("oai:metadata", NS) is not None
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record.findtext("oai:header/oai:datestamp", namespaces=NS))
    for dc in root.iterfind("sr:ListRecords[@metadataPrefix='oai_dc']/oai:record/oai:metadata/oai_dc:dc", NS):
        assert oai_dc_schema.validate(etree.ElementTree(etree.fromstring(etree.tostring(dc)))), oai_dc_schema.error_log


def test_a_static_repository_gateway_names_the_base_url(tmp_path: Path, edition) -> None:
    out = tmp_path / "mini.xml"
    export("oai-static", tei_files(), edition, out, gateway="http://gateway.example.org/oai/",
           url="https://edition.example.org/oai/mini.xml")
    base = etree.parse(str(out)).getroot().findtext("sr:Identify/oai:baseURL", namespaces=NS)
    assert base == "http://gateway.example.org/oai/edition.example.org/oai/mini.xml"


# ---------------------------------------------------------------- datestamps

def test_the_datestamp_is_the_last_change_else_the_file_time(tmp_path: Path, edition) -> None:
    source = CORPUS / "004_b164b150df110bdb.xml"
    document = load_document(source, edition)
    when = change_date(source)
    assert (document.datestamp, document.datestamp_source) == (when, "revisionDesc")
    text = source.read_text(encoding="utf-8")
    later = tmp_path / "later.xml"
    later.write_text(text.replace(f'<change when="{when}">',
                                  f'<change when="{when}">x</change><change when="2099-01-02T23:30:00-05:00">'),
                     encoding="utf-8")
    assert load_document(later, edition).datestamp == "2099-01-03"  # the latest change, in UTC
    none = tmp_path / "none.xml"
    none.write_text(re.sub(r"<revisionDesc>.*?</revisionDesc>", "", text, flags=re.S), encoding="utf-8")
    os.utime(none, (1_700_000_000, 1_700_000_000))
    assert (load_document(none, edition).datestamp, load_document(none, edition).datestamp_source) == \
        ("2023-11-14", "mtime")


# ---------------------------------------------------------------- the command

def test_tei_export_writes_every_format_and_says_how_big(tmp_path: Path, monkeypatch, capsys) -> None:
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus", ignore=shutil.ignore_patterns("imported"))
    monkeypatch.chdir(tmp_path)
    assert cli.main(["export", "all"]) == 0
    out = capsys.readouterr().out
    for fmt, name in FORMATS.items():
        assert (tmp_path / "build" / "exports" / name).exists(), fmt
        line = rf"^{re.escape(fmt)}: 5 documents -> .*\((\d+ bytes|[\d.]+ KiB)\); \d+\.\d\d s$"
        assert re.search(line, out, re.M), fmt
    assert cli.main(["export", "cmif", "-o", "letters.xml", "--url", "https://cmif.example.org/letters.xml"]) == 0
    idno = etree.parse("letters.xml").getroot().findtext(".//tei:publicationStmt/tei:idno", namespaces=NS)
    assert idno == "https://cmif.example.org/letters.xml"
    assert cli.main(["export", "all", "-o", "x"]) == 2
    assert "-o names one output" in capsys.readouterr().err


def test_an_export_of_a_broken_file_names_it(tmp_path: Path, edition) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader>", encoding="utf-8")
    from tei.exchange import ExportError

    with pytest.raises(ExportError, match="bad.xml"):
        export("json", [bad], edition, tmp_path / "json")
    hostile = ROOT / "tests" / "fixtures" / "validate" / "billion-laughs.xml"
    with pytest.raises(ExportError, match="entity declarations"):
        export("teicorpus", [hostile], edition, tmp_path / "c.xml")
