"""Validate TEI encodings: the grammar (RELAX NG) and the edition's rules (Schematron).

``validate_files`` checks each file in four steps, each of which may end it:

1. read the bytes and refuse a DOCTYPE that declares entities or names an
   external DTD, *before* libxml2 sees them: libxml2 opens an external DTD or
   parameter entity even with ``load_dtd=False`` (measured: it read
   /etc/passwd for ``<!DOCTYPE x SYSTEM "file:///etc/passwd">``);
2. parse with a hardened lxml parser; a syntax error becomes a diagnostic with
   the parser's line and column;
3. validate against the RELAX NG grammar with lxml (in-process: 0.1-0.3 ms a
   file and 2 ms to compile tei-edition.rng, where jing needs a JVM, 0.7 s for
   the five corpus files, and Java is no run-time dependency of the package);
   libxml2's terse messages are rewritten with the grammar's own vocabulary;
4. run the Schematron rules, compiled to XSLT by the ISO Schematron skeleton
   that lxml ships (its stylesheet rewritten to visit only the nodes the rules
   concern and to report less: walk_document_once, fold_fired_rules) and run
   by Saxon, and map the SVRL report back to lines with lxml.

``Validator.check_data`` does the same for bytes already in memory, and
``check_many_data`` for many files at once, a step at a time over all of them
(which is faster: see there).

Compiled schemas are cached per process, and Saxon allows one processor per
process: files are spread over worker processes started with "spawn" (a
forked child would inherit the parent's Saxon state), each of which compiles
the schemas once in its initializer.  Nothing here prints: diagnostics are
data, and tei.cli formats them.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache, cached_property, partial
from pathlib import Path
from typing import Any

from lxml import etree

import tei.saxon
from tei.executors import Executor, ProcessExecutor, SerialExecutor, available_cpus
from tei.resources import schema_path

ERROR = "error"
WARNING = "warning"

# Rule ids of the diagnostics that do not come from the Schematron.
RULE_READ = "read"
RULE_WELL_FORMED = "well-formed"
RULE_DTD_ENTITIES = "dtd-entities"
RULE_DTD_EXTERNAL = "dtd-external"
RULE_GRAMMAR = "relaxng"
RULE_XML_MODEL = "xml-model"
RULE_SCHEMATRON = "schematron"

RELAXNG_NS = "http://relaxng.org/ns/structure/1.0"
SCHEMATRON_NS = "http://purl.oclc.org/dsdl/schematron"
SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XSL = "{http://www.w3.org/1999/XSL/Transform}"

EDITION_GRAMMAR = "tei-edition.rng"
EDITION_RULES = "tei-edition.sch"
# The authority file of persons, places and organisations (tei/authority.py) has schemas of its own.
AUTHORITY_GRAMMAR = "tei-authority.rng"
AUTHORITY_RULES = "tei-authority.sch"

# Below this many files a worker pool costs more than it saves: each spawned
# worker imports lxml and Saxon and compiles the rules (about 0.5 s).
PARALLEL_MIN_FILES = 64
# Files a worker checks together, a step at a time (Validator.check_many_data).
FILES_PER_TASK = 32


# ---------------------------------------------------------------------------
# Results


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file.  line and column are 1-based; 0 means unknown."""

    file: str
    line: int
    column: int
    severity: str  # ERROR | WARNING
    message: str
    rule: str


@dataclass
class Report:
    files: list[str]
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(d.severity == ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity == WARNING for d in self.diagnostics)

    @property
    def ok(self) -> bool:
        return self.errors == 0

    def as_dict(self) -> dict[str, Any]:
        """The JSON form, described by schemas/validation-report.schema.json."""
        return {
            "summary": {"files": len(self.files), "errors": self.errors, "warnings": self.warnings},
            "files": self.files,
            "diagnostics": [asdict(d) for d in self.diagnostics],
        }


class SchemaError(Exception):
    """A grammar or Schematron file given to the validator cannot be used."""


@dataclass(frozen=True)
class Settings:
    """What to validate against; None skips that check."""

    grammar: Path | None
    rules: Path | None
    use_xml_model: bool = False


def settings_for(schema: Path | None = None, schematron: Path | None = None,
                 use_xml_model: bool = False) -> Settings:
    """The edition's grammar and rules, or the files given instead.

    Naming one of them replaces the pair: the edition's rules presuppose its
    grammar, so a foreign file checked with --schema tei_all.rng is not also
    held to them (give --schematron as well to run both).
    """
    if schema is None and schematron is None:
        return Settings(schema_path(EDITION_GRAMMAR), schema_path(EDITION_RULES), use_xml_model)
    return Settings(_existing(schema), _existing(schematron), use_xml_model)


def _existing(path: Path | None) -> Path | None:
    if path is not None and not Path(path).is_file():
        raise SchemaError(f"{path}: no such schema file")
    return Path(path).resolve() if path is not None else None


# ---------------------------------------------------------------------------
# Entry points


def xml_files_in(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the *.xml files under the folders named, sorted."""
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.rglob("*.xml")) if path.is_dir() else [path])
    return found


def validate_files(paths: Sequence[Path | str], schema: Path | None = None, schematron: Path | None = None,
                   use_xml_model: bool = False, jobs: int | None = None,
                   progress: Callable[[int, int], None] | None = None) -> Report:
    """Validate files; raises SchemaError when a schema given cannot be compiled.

    jobs: worker processes (default: the CPUs this process may use); ``progress``
    is called with (files done, total) as work completes.
    """
    settings = settings_for(schema, schematron, use_xml_model)
    files = [Path(p) for p in paths]
    jobs = jobs or available_cpus()
    if jobs > 1 and len(files) >= PARALLEL_MIN_FILES:
        # Only the workers compile the schemas (compiling here first would delay
        # them): a schema that does not compile fails their first task.
        executor: Executor = ProcessExecutor(jobs)
    else:
        validator_for(settings)  # compiles now, so a bad schema fails here, once
        executor = SerialExecutor()
    diagnostics: list[Diagnostic] = []
    try:
        for done, found in enumerate(executor.map(partial(check_files, settings), files, FILES_PER_TASK), 1):
            diagnostics.extend(found)
            if progress:
                progress(done, len(files))
    finally:
        executor.close()
    return Report([str(p) for p in files], sorted(diagnostics))


def check_files(settings: Settings, paths: list[Path]) -> list[list[Diagnostic]]:
    """The diagnostics of each file: the task `tei validate` runs in its workers (tei/executors.py), each
    compiling the schemas on its first task."""
    return validator_for(settings).check_many(paths)


def check_chunk(items: list[tuple[str, bytes]], authority: bytes | None = None) -> list[list[Diagnostic]]:
    """The diagnostics of each (file name, TEI bytes) against the edition's schemas: the task that
    `tei build` runs in its workers (tei/executors.py), which compile the schemas on their first task.

    ``authority``: the bytes of the edition's authority file, against which the files'
    auth: pointers are checked (a worker need not see the edition's files)."""
    validator = validator_for(settings_for())
    # The validator is shared by the process (validator_for caches it): the build's authority file is
    # given for this task only, so that a later check in the same process (tei validate, a test) reads
    # each file's own, as it should, not the last build's.
    validator.authority = authority
    try:
        return validator.check_many_data([(name, data, None) for name, data in items])
    finally:
        validator.authority = None


# ---------------------------------------------------------------------------
# One file


@cache
def validator_for(settings: Settings) -> Validator:
    return Validator(settings)


class Validator:
    """Checks files against one pair of schemas (or the files' own xml-model ones)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.grammar = load_grammar(settings.grammar) if settings.grammar else None
        self.rules = load_rules(settings.rules) if settings.rules else None
        # The edition's authority file, when given as bytes (tei build); else each file's own, found by
        # its prefixDef from where the file lies.
        self.authority: bytes | None = None

    def check(self, path: Path) -> list[Diagnostic]:
        return self.check_many([path])[0]

    def check_many(self, paths: Sequence[Path]) -> list[list[Diagnostic]]:
        """The diagnostics of each file, as check gives them."""
        items: list[tuple[str, bytes, Path | None]] = []
        unread: dict[int, Diagnostic] = {}
        for at, path in enumerate(paths):
            try:
                items.append((str(path), path.read_bytes(), path))
            except OSError as exc:
                unread[at] = Diagnostic(str(path), 0, 0, ERROR, f"cannot read the file: {exc.strerror or exc}",
                                        RULE_READ)
        checked = iter(self.check_many_data(items))
        return [[unread[at]] if at in unread else next(checked) for at in range(len(paths))]

    def check_data(self, file: str, data: bytes, path: Path | None = None) -> list[Diagnostic]:
        """Check the bytes of a file read already; ``file`` names it in the diagnostics.

        ``path``, where the file lies, is needed only to find the schemas its
        xml-model PIs name by relative hrefs: without it they are reported, not guessed.
        """
        return self.check_many_data([(file, data, path)])[0]

    def check_many_data(self, items: Sequence[tuple[str, bytes, Path | None]]) -> list[list[Diagnostic]]:
        """check_data of each (file, data, path), a step at a time over all of them.

        Each step (parse, grammar, rules) runs over every file before the next
        begins: done file by file, lxml's and Saxon's code and data kept pushing
        each other out of the processor's caches, and a file took a third longer
        (measured: 4.8 ms against 3.7 over 16 files at a time).
        """
        found: list[list[Diagnostic]] = [[] for _ in items]
        parsed: list[tuple[int, etree._ElementTree, Locator]] = []
        for at, (file, data, _) in enumerate(items):
            refused = refuse_hostile_doctype(file, data)
            tree, problem = (None, refused) if refused else parse(file, data)
            if tree is None:
                found[at] = [problem] if problem else []
            else:
                parsed.append((at, tree, Locator(file, data, tree)))
        with_rules: dict[Rules, list[tuple[int, etree._ElementTree, Locator]]] = {}
        for at, tree, located in parsed:
            grammar, rules, found[at] = self._schemas_for(items[at][2], tree, located)
            if grammar:
                found[at] += grammar.check(tree, located)
            if rules:
                with_rules.setdefault(rules, []).append((at, tree, located))
        for rules, documents in with_rules.items():
            bases = [items[at][2] for at, _, _ in documents]
            for (at, _, _), diagnostics in zip(documents, rules.check_many([d[1:] for d in documents], bases,
                                                                             self.authority)):
                found[at] += diagnostics
        return found

    def _schemas_for(self, path: Path | None, tree: etree._ElementTree,
                     located: Locator) -> tuple[Grammar | None, Rules | None, list[Diagnostic]]:
        if not self.settings.use_xml_model:
            if self.settings == settings_for() and is_authority_file(tree):  # the edition's other kind of file
                return load_grammar(schema_path(AUTHORITY_GRAMMAR)), load_rules(schema_path(AUTHORITY_RULES)), []
            return self.grammar, self.rules, []
        models, problems = xml_models(path, tree, located.file)
        grammar, rules = self.grammar, self.rules
        for model in models:
            try:
                if model.kind == "grammar":
                    grammar = load_grammar(model.path)
                else:
                    rules = load_rules(model.path)
            except SchemaError as exc:
                problems.append(Diagnostic(located.file, model.line, 1, ERROR, str(exc), RULE_XML_MODEL))
        return grammar, rules, problems


# ---------------------------------------------------------------------------
# Reading safely

# Possessive (*+): without it a file with no DOCTYPE sends the lazy .*? of the
# PIs backtracking through the whole file (1 ms a corpus file, measured).
_PROLOG_DOCTYPE = re.compile(r"\A\ufeff?(?:\s+|<\?.*?\?>|<!--.*?-->)*+<!DOCTYPE\s+\S+", re.S)
_WIDE_ENCODINGS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00", b"<\x00", b"\x00<")
_EXTERNAL_ID = re.compile(r"\s+(?:SYSTEM|PUBLIC)\b")


def refuse_hostile_doctype(file: str, data: bytes) -> Diagnostic | None:
    """Refuse a DOCTYPE that declares entities or names an external DTD, without parsing it.

    Entity declarations are how "billion laughs" and external-entity (XXE)
    attacks work, and TEI needs none: write characters as themselves.
    """
    if b"<!DOCTYPE" not in data and not data.startswith(_WIDE_ENCODINGS):
        return None  # the common case, decided without decoding
    text = _decode_prolog(data)
    doctype = _PROLOG_DOCTYPE.match(text)
    if not doctype:
        return None
    # Looking for <!ENTITY anywhere after the DOCTYPE, not only inside its
    # internal subset, errs on the side of refusing: a quoted "]>" cannot
    # then hide a declaration that follows it.
    entity_at = text.find("<!ENTITY", doctype.end())
    if entity_at >= 0:
        line, column = _line_column(text, entity_at)
        return Diagnostic(file, line, column, ERROR,
                          "DTD entity declarations are not allowed: the file was not read further; "
                          "remove the <!ENTITY> declarations and write the characters themselves",
                          RULE_DTD_ENTITIES)
    if _EXTERNAL_ID.match(text, doctype.end()):
        line, column = _line_column(text, text.rfind("<!DOCTYPE", 0, doctype.end()))
        return Diagnostic(file, line, column, ERROR,
                          "external DTDs are not loaded: the file was not read further; "
                          "remove the DOCTYPE's SYSTEM or PUBLIC identifier (TEI needs no DTD)",
                          RULE_DTD_EXTERNAL)
    return None


def _decode_prolog(data: bytes) -> str:
    """The text of the file as far as the DOCTYPE question needs, in whatever encoding it declares."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"), (b"<\x00?\x00", "utf-16-le"),
                       (b"\x00<\x00?", "utf-16-be")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    declared = re.match(rb"<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)", data)
    try:
        return data.decode(declared.group(1).decode() if declared else "utf-8", errors="replace")
    except LookupError:  # an unknown encoding: latin-1 still shows ASCII markup such as <!ENTITY
        return data.decode("latin-1")


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _parser() -> etree.XMLParser:
    # collect_ids=False: libxml2 would otherwise stop at a duplicate xml:id as
    # if it were a syntax error, before the rule that explains it can run.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           collect_ids=False, remove_blank_text=False)


def parse_safely(file: str, data: bytes) -> etree._Element:
    """The root of a TEI file's bytes, parsed as everywhere in the edition: no DTD, no entity,
    no network, two elements with one xml:id allowed (another archive's file may have them).

    A DOCTYPE that declares entities or names an external DTD is refused before parsing
    (ValueError), as `parse` callers do first: with collect_ids=False, libxml2 2.14 reads an
    external subset that load_dtd=False alone keeps it from reading.  Not well-formed:
    etree.XMLSyntaxError.
    """
    refused = refuse_hostile_doctype(file, data)
    if refused:
        raise ValueError(refused.message)
    return etree.fromstring(data, _parser(), base_url=file)


def parse(file: str, data: bytes) -> tuple[etree._ElementTree | None, Diagnostic | None]:
    """The tree, or the first syntax error as a diagnostic."""
    parser = _parser()
    try:
        root = etree.fromstring(data, parser, base_url=file)
    except etree.XMLSyntaxError as exc:
        # The parser's own log: exc.error_log can be the thread's global log,
        # holding an earlier file's errors (it is, for an empty file).
        first = next(iter(parser.error_log), None)
        line, column = (first.line, first.column) if first else (exc.position or (0, 0))
        message = first.message if first else (exc.msg or "the file is empty")
        return None, Diagnostic(file, line, column, ERROR, f"not well-formed XML: {message}", RULE_WELL_FORMED)
    if root is None:
        return None, Diagnostic(file, 0, 0, ERROR, "not well-formed XML: the file has no root element",
                                RULE_WELL_FORMED)
    return root.getroottree(), None


# ---------------------------------------------------------------------------
# Where things are: line and column of nodes, for diagnostics


class Locator:
    """Lines and columns of elements and attributes of one parsed file.

    lxml knows an element's line (that of the end of its start tag) but no
    column; the column is found by looking for the start tag in the source.
    """

    def __init__(self, file: str, data: bytes, tree: etree._ElementTree):
        self.file = file
        self.tree = tree
        self._data = data

    @cached_property
    def lines(self) -> list[str]:
        """The source's lines, decoded only when a diagnostic needs a column (most files have none)."""
        encoding = self.tree.docinfo.encoding or "utf-8"
        try:
            return self._data.decode(encoding, errors="replace").splitlines()
        except LookupError:
            return self._data.decode("utf-8", errors="replace").splitlines()

    def diagnostic(self, element: etree._Element | None, severity: str, message: str, rule: str,
                   attribute: str | None = None) -> Diagnostic:
        line, column = self.position(element, attribute)
        return Diagnostic(self.file, line, column, severity, message, rule)

    def position(self, element: etree._Element | None, attribute: str | None = None) -> tuple[int, int]:
        """(line, column) of the element's start tag, or of one of its attributes."""
        if element is None or not element.sourceline:
            return (element.sourceline or 0, 0) if element is not None else (0, 0)
        line, column = self._start_tag(element)
        if attribute and column:
            return self._attribute(line, column, element.sourceline, attribute) or (line, column)
        return line, column

    def _start_tag(self, element: etree._Element) -> tuple[int, int]:
        tag = f"<{_qname(element)}"
        end_line = element.sourceline
        # Which of the same-named start tags ending on this line it is.
        nth = sum(1 for e in element.itersiblings(preceding=True) if e.tag == element.tag and e.sourceline == end_line)
        nth += sum(1 for e in element.iterancestors() if e.tag == element.tag and e.sourceline == end_line)
        text = self._line(end_line)
        hits = [m.start() for m in re.finditer(re.escape(tag) + r"(?=[\s/>]|$)", text)]
        if len(hits) > nth:
            return end_line, hits[nth] + 1
        for line in range(end_line - 1, 0, -1):  # a start tag spread over several lines
            found = [m.start() for m in re.finditer(re.escape(tag) + r"(?=[\s/>]|$)", self._line(line))]
            if found:
                return line, found[-1] + 1
        return end_line, 0

    def _attribute(self, line: int, column: int, last_line: int, attribute: str) -> tuple[int, int] | None:
        pattern = re.compile(r"(?<=\s)" + re.escape(attribute) + r"\s*=")
        start = column
        for number in range(line, last_line + 1):
            hit = pattern.search(self._line(number), start - 1 if number == line else 0)
            if hit:
                return number, hit.start() + 1
        return None

    def _line(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def node_at(self, location: str) -> tuple[etree._Element | None, str | None]:
        """The element (and attribute name) that an SVRL location, an XPath 3 path(), names."""
        namespaces: dict[str, str] = {}

        def prefixed(match: re.Match[str]) -> str:
            uri = match.group(1)
            if not uri:
                return ""
            if uri == XML_NS:
                return "xml:"
            prefix = namespaces.setdefault(uri, f"n{len(namespaces)}")
            return f"{prefix}:"

        xpath = re.sub(r"Q\{([^}]*)\}", prefixed, location)
        try:
            found = self.tree.xpath(xpath, namespaces={p: u for u, p in namespaces.items()})
        except etree.XPathError:
            return None, None
        node = found[0] if isinstance(found, list) and found else None
        if isinstance(node, etree._Element):
            return node, None
        if getattr(node, "is_attribute", False):
            return node.getparent(), _source_attribute_name(node.attrname)
        return None, None


def _qname(element: etree._Element) -> str:
    local = etree.QName(element).localname
    return f"{element.prefix}:{local}" if element.prefix else local


def _source_attribute_name(clark: str) -> str:
    name = etree.QName(clark)
    return f"xml:{name.localname}" if name.namespace == XML_NS else name.localname


# ---------------------------------------------------------------------------
# The grammar


@cache
def load_grammar(path: Path) -> Grammar:
    return Grammar(path)


class Grammar:
    """A compiled RELAX NG grammar (XML syntax) and the vocabulary its messages draw on."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.source = etree.parse(str(path), _parser())
            self.relaxng = etree.RelaxNG(self.source)
        except (etree.XMLSyntaxError, etree.RelaxNGParseError, OSError) as exc:
            raise SchemaError(f"{path}: not a usable RELAX NG grammar (XML syntax): {exc}") from exc
        self._vocabulary: dict[str, ElementVocabulary] | None = None

    @property
    def vocabulary(self) -> dict[str, ElementVocabulary]:
        if self._vocabulary is None:  # only needed for messages, and slow for tei_all: build on first error
            self._vocabulary = schema_vocabulary(self.source)
        return self._vocabulary

    def check(self, tree: etree._ElementTree, located: Locator) -> list[Diagnostic]:
        if self.relaxng.validate(tree):
            return []
        return GrammarMessages(self, tree, located).diagnostics(list(self.relaxng.error_log))


@dataclass
class ElementVocabulary:
    """What a grammar allows in one element, over all its definitions."""

    children: set[str] = field(default_factory=set)
    # attribute name -> its closed list of values, or None when any value of a datatype will do
    attributes: dict[str, frozenset[str] | None] = field(default_factory=dict)


def schema_vocabulary(grammar: etree._ElementTree) -> dict[str, ElementVocabulary]:
    """Each element's possible children and attributes in a RELAX NG grammar (XML syntax).

    Follows refs through defines but stops at nested elements.  Names are as the
    grammar writes them (xml:id keeps its prefix); "*" stands for a wildcard.
    """
    walker = _VocabularyWalker(grammar)
    vocabulary: dict[str, ElementVocabulary] = {}
    for element in grammar.iter(f"{{{RELAXNG_NS}}}element"):
        entry = vocabulary.setdefault(_pattern_name(element), ElementVocabulary())
        walker.collect(element, entry)
    return vocabulary


class _VocabularyWalker:
    def __init__(self, grammar: etree._ElementTree):
        self.defines: dict[str, list[etree._Element]] = {}
        for define in grammar.iter(f"{{{RELAXNG_NS}}}define"):
            self.defines.setdefault(define.get("name"), []).append(define)
        self._memo: dict[str, ElementVocabulary] = {}

    def collect(self, pattern: etree._Element, into: ElementVocabulary) -> None:
        for child in pattern:
            kind = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if kind == "element":
                into.children.add(_pattern_name(child))
            elif kind == "attribute":
                name = _pattern_name(child)
                values = self.values(child)
                known = into.attributes.get(name, frozenset())
                into.attributes[name] = None if values is None or (name in into.attributes and known is None) \
                    else known | values
            elif kind in ("ref", "parentRef"):
                self._merge(self.define(child.get("name")), into)
            elif kind:
                self.collect(child, into)

    def define(self, name: str) -> ElementVocabulary:
        if name not in self._memo:
            self._memo[name] = ElementVocabulary()  # a placeholder breaks ref cycles
            entry = ElementVocabulary()
            for define in self.defines.get(name, []):
                self.collect(define, entry)
            self._memo[name] = entry
        return self._memo[name]

    def values(self, pattern: etree._Element, seen: frozenset[str] = frozenset()) -> frozenset[str] | None:
        """The closed list of an attribute's values, or None if it takes a datatype or text."""
        found: set[str] = set()
        for node in pattern.iter():
            kind = etree.QName(node).localname if isinstance(node.tag, str) else ""
            if kind in ("data", "text", "list", "anyName", "nsName", "externalRef"):
                return None
            if kind == "value":
                found.add((node.text or "").strip())
            elif kind == "ref" and node.get("name") not in seen:
                for define in self.defines.get(node.get("name"), []):
                    values = self.values(define, seen | {node.get("name")})
                    if values is None:
                        return None
                    found |= values
        return frozenset(found) if found else None

    @staticmethod
    def _merge(source: ElementVocabulary, into: ElementVocabulary) -> None:
        into.children |= source.children
        for name, values in source.attributes.items():
            known = into.attributes.get(name, frozenset())
            into.attributes[name] = None if values is None or (name in into.attributes and known is None) \
                else known | values


def _pattern_name(pattern: etree._Element) -> str:
    if pattern.get("name"):
        return pattern.get("name").strip()
    name = pattern.find(f"{{{RELAXNG_NS}}}name")
    return name.text.strip() if name is not None and name.text else "*"


# libxml2 reports RELAX NG failures in the grammar's terms, with column 0 and
# the cascade of its backtracking ("Expecting an element hi, got nothing").
_INVALID_ATTRIBUTE = re.compile(r"Invalid attribute (\S+) for element (\S+)")
_ATTRIBUTES_FAILED = re.compile(r"Element (\S+) failed to validate attributes")
_UNEXPECTED_ELEMENT = re.compile(r"Did not expect element (\S+) there")
_EXTRA_CONTENT = re.compile(r"Element (\S+) has extra content: (\S+)")
_UNEXPECTED_TEXT = re.compile(r"Did not expect text in element (\S+) content")
_NO_NAMESPACE = re.compile(r"Expecting a namespace for element (\S+)")
_CASCADE = {"RELAXNG_ERR_NOELEM", "RELAXNG_ERR_EXTRACONTENT", "RELAXNG_ERR_ELEMWRONG", "RELAXNG_ERR_TYPE"}
_ATTRIBUTE_ERRORS = {"RELAXNG_ERR_INVALIDATTR", "RELAXNG_ERR_ATTRVALID"}


class GrammarMessages:
    """Turns libxml2's RELAX NG error log into diagnostics an editor can act on."""

    def __init__(self, grammar: Grammar, tree: etree._ElementTree, located: Locator):
        self.grammar = grammar
        self.tree = tree
        self.located = located

    def diagnostics(self, log: list[Any]) -> list[Diagnostic]:
        found: dict[tuple[int, int, str], Diagnostic] = {}
        for entry in log:
            if _is_cascade(entry, log):
                continue
            for d in self._translate(entry):
                found.setdefault((d.line, d.column, d.message), d)
        return list(found.values())

    def _translate(self, entry: Any) -> list[Diagnostic]:
        message = entry.message
        if m := _INVALID_ATTRIBUTE.match(message):
            return self._attribute_problems(m.group(2), entry.line, named=m.group(1))
        if m := _ATTRIBUTES_FAILED.match(message):
            return self._attribute_problems(m.group(1), entry.line)
        if m := _UNEXPECTED_ELEMENT.match(message):
            return [self._misplaced(m.group(1), entry.line)]
        if m := _EXTRA_CONTENT.match(message):
            return [self._misplaced(m.group(2), entry.line)]
        if m := _UNEXPECTED_TEXT.match(message):
            element = self._element(m.group(1), entry.line)
            return [self.located.diagnostic(element, ERROR, f"text is not allowed directly inside {m.group(1)}; "
                                            "put it in an element that may hold text", RULE_GRAMMAR)]
        if m := _NO_NAMESPACE.match(message):
            message = (f"element {m.group(1)} is in no namespace: TEI elements are in the TEI namespace; "
                       'write xmlns="http://www.tei-c.org/ns/1.0" on the root element')
        # Anything else keeps libxml2's wording, at the first element starting on its line.
        first = next((e for e in self.tree.iter() if isinstance(e.tag, str) and e.sourceline == entry.line), None)
        return [self.located.diagnostic(first, ERROR, message, RULE_GRAMMAR) if first is not None
                else Diagnostic(self.located.file, entry.line, 0, ERROR, message, RULE_GRAMMAR)]

    def _attribute_problems(self, tag: str, line: int, named: str | None = None) -> list[Diagnostic]:
        """What is wrong with the attributes of the element(s) named at that line (0: anywhere)."""
        candidates = self._elements(tag, line)
        problems = [d for e in candidates for d in self._check_attributes(e, named)]
        if problems or not line:
            return problems  # at line 0 libxml2 follows up with an entry that has the line
        # A missing required attribute, or a datatype libxml2 refused: it does not say which.
        allowed = self._allowed_attributes(tag)
        return [self.located.diagnostic(candidates[0] if candidates else None, ERROR,
                                        f"{tag} has a missing or invalid attribute"
                                        + (f" (it may have: {allowed})" if allowed else ""), RULE_GRAMMAR)]

    def _check_attributes(self, element: etree._Element, named: str | None) -> list[Diagnostic]:
        vocabulary = self.grammar.vocabulary.get(etree.QName(element).localname)
        problems = []
        for clark, value in element.attrib.items():
            if named and etree.QName(clark).localname != named:
                continue
            name = _source_attribute_name(clark)
            message = self._attribute_message(element, name, value, vocabulary, named is not None)
            if message:
                problems.append(self.located.diagnostic(element, ERROR, message, RULE_GRAMMAR, attribute=name))
        return problems

    def _attribute_message(self, element: etree._Element, name: str, value: str,
                           vocabulary: ElementVocabulary | None, known_bad: bool) -> str | None:
        """Why this attribute fails, if we can tell; ``known_bad`` when libxml2 named it."""
        tag = etree.QName(element).localname
        if vocabulary is None or name not in vocabulary.attributes:
            allowed = self._allowed_attributes(tag)
            return f"attribute {name} is not allowed on {tag}" + (f" (it may have: {allowed})" if allowed else "")
        values = vocabulary.attributes[name]
        if values is not None and value not in values:
            return f'{tag}/@{name}="{value}" is not one of the values allowed: {", ".join(sorted(values))}'
        if name == "xml:id" and len(self.tree.xpath("//*[@xml:id = $v]", v=value)) > 1:
            return f'xml:id "{value}" is used more than once: every xml:id must be unique'
        if known_bad:  # a datatype failure (a date, a number, a pointer)
            return f'{tag}/@{name}="{value}" is not a valid value for this attribute'
        return None

    def _misplaced(self, name: str, line: int) -> Diagnostic:
        element = self._element(name, line)
        parent = element.getparent() if element is not None else None
        if parent is None:
            return self.located.diagnostic(element, ERROR, f"element {name} is not allowed here", RULE_GRAMMAR)
        parent_name = etree.QName(parent).localname
        vocabulary = self.grammar.vocabulary.get(parent_name)
        if vocabulary is not None and name in vocabulary.children:
            message = f"element {name} is not allowed at this position in {parent_name}"
        else:
            allowed = ", ".join(sorted(vocabulary.children)) if vocabulary else ""
            message = f"element {name} is not allowed in {parent_name}" + (f" (it may contain: {allowed})"
                                                                          if allowed else "")
        return self.located.diagnostic(element, ERROR, message, RULE_GRAMMAR)

    def _allowed_attributes(self, tag: str) -> str:
        vocabulary = self.grammar.vocabulary.get(tag)
        return ", ".join(sorted(vocabulary.attributes)) if vocabulary and vocabulary.attributes else ""

    def _elements(self, name: str, line: int) -> list[etree._Element]:
        return [e for e in self.tree.iter() if isinstance(e.tag, str) and etree.QName(e).localname == name
                and (not line or e.sourceline == line)]

    def _element(self, name: str, line: int) -> etree._Element | None:
        found = self._elements(name, line)
        return found[0] if found else None


def _is_cascade(entry: Any, log: list[Any]) -> bool:
    """Whether a libxml2 entry only echoes another problem on its line.

    libxml2 backtracks after a bad attribute and then also finds the element's
    content wrong ("Expecting an element hi, got nothing"); such entries are
    dropped (a real second problem on that line shows up once the first is fixed).
    """
    if entry.type_name not in _CASCADE:
        return False
    same_line = [e for e in log if e is not entry and e.line == entry.line]
    if any(e.type_name in _ATTRIBUTE_ERRORS for e in same_line):
        return True
    return entry.type_name in ("RELAXNG_ERR_NOELEM", "RELAXNG_ERR_TYPE") and bool(same_line)


# ---------------------------------------------------------------------------
# The Schematron rules


def _saxon() -> Any:
    """The process's one Saxon processor, shared with the renderer (see tei.saxon)."""
    return tei.saxon.processor()


@cache
def _document_builder() -> Any:
    """Saxon's parser for the documents the rules check, without line numbers: a half of the time
    of parsing with them, and the diagnostics take theirs from lxml's tree (Locator)."""
    builder = _saxon().new_document_builder()
    builder.set_line_numbering(False)
    return builder


@cache
def _xslt_compiler() -> Any:
    return _saxon().new_xslt30_processor()


@cache
def load_rules(path: Path) -> Rules:
    return Rules(path)


class Rules:
    """A Schematron schema compiled to XSLT once, then run on each document in Saxon."""

    def __init__(self, path: Path, optimise: bool = True):
        self.path = path
        self.stylesheet = compile_schematron(path, optimise)

    def check(self, tree: etree._ElementTree, located: Locator) -> list[Diagnostic]:
        return self.check_many([(tree, located)])[0]

    def check_many(self, documents: Sequence[tuple[etree._ElementTree, Locator]],
                   paths: Sequence[Path | None] = (), authority: bytes | None = None) -> list[list[Diagnostic]]:
        """The diagnostics of each document: Saxon reads them all, then the rules run on each, then
        their reports are read (a step at a time: see Validator.check_many_data).

        ``paths``: where each document lies, when known, so that what it points at by a relative
        address (the authority file) is found from there; ``authority``: the authority file's bytes,
        given instead."""
        paths = list(paths) + [None] * (len(documents) - len(paths))
        nodes = [self._saxon_document(tree, path) for (tree, _), path in zip(documents, paths)]
        self._use_authority(authority)
        reports = [self._report(node) for node in nodes]
        return [self._diagnostics(report, located) for report, (_, located) in zip(reports, documents)]

    @staticmethod
    def _saxon_document(tree: etree._ElementTree, path: Path | None = None) -> Any:
        """The document as Saxon reads it: as lxml serialised it, with no DOCTYPE, so that Saxon never
        sees what the hardened parser refused to load.  (Or why Saxon could not read it.)"""
        builder = _document_builder()
        try:
            builder.set_base_uri(Path(path).resolve().as_uri() if path is not None else "")
            return builder.parse_xml(xml_text=etree.tostring(tree.getroot(), encoding="unicode"))
        except Exception as exc:  # saxonche's PySaxonApiError: reported as the rules not run, not raised
            return exc

    def _use_authority(self, authority: bytes | None) -> None:
        """Pass the authority file to the rules as $authority (an empty sequence when not given)."""
        if authority == getattr(self, "_authority", None):
            return
        self._authority = authority
        if authority is None:
            self.stylesheet.clear_parameters()
        else:
            self.stylesheet.set_parameter("authority", _saxon_authority(authority))

    def _report(self, document: Any) -> str | Exception:
        """The SVRL report (without svrl:fired-rule once optimised: see fold_fired_rules), or why the
        rules could not run."""
        if isinstance(document, Exception):
            return document
        try:
            return self.stylesheet.transform_to_string(xdm_node=document)
        except Exception as exc:  # a rule whose XPath fails on this document: reported, not raised
            return exc

    def _diagnostics(self, report: str | Exception, located: Locator) -> list[Diagnostic]:
        if isinstance(report, Exception):
            return [Diagnostic(located.file, 0, 0, ERROR, f"the Schematron rules could not be run: "
                               f"{_first_line(report)}", RULE_SCHEMATRON)]
        # An assertion without an id of its own is reported under its rule's id (and with
        # its rule's role, which says whether it is a warning): the skeleton's SVRL lists
        # each svrl:fired-rule before the assertions it produced, and fold_fired_rules
        # writes them on the assertions instead.
        out, rule = [], None
        for result in etree.fromstring(report.encode("utf-8")):
            if result.tag == f"{{{SVRL_NS}}}fired-rule":
                rule = result
            elif result.tag in (f"{{{SVRL_NS}}}failed-assert", f"{{{SVRL_NS}}}successful-report"):
                out.append(self._diagnostic(result, located, rule))
        return out

    @staticmethod
    def _diagnostic(result: etree._Element, located: Locator, rule: etree._Element | None) -> Diagnostic:
        element, attribute = located.node_at(result.get("location", ""))
        role = result.get("role") or (rule.get("role") if rule is not None else "") or ""
        severity = WARNING if role.lower() in ("warning", "warn", "info", "information") else ERROR
        message = " ".join("".join(result.itertext()).split())
        rule_id = result.get("id") or (rule.get("id") if rule is not None else None) or RULE_SCHEMATRON
        return located.diagnostic(element, severity, message, rule_id, attribute)


@cache
def _saxon_authority(data: bytes) -> Any:
    """The authority file as a Saxon document, read once per process (hardened like any document)."""
    tree, problem = parse("authority.xml", data)
    if tree is None:
        raise SchemaError(f"the authority file cannot be read: {problem.message if problem else 'not XML'}")
    return _document_builder().parse_xml(xml_text=etree.tostring(tree.getroot(), encoding="unicode"))


def is_authority_file(tree: etree._ElementTree) -> bool:
    """A TEI file whose standOff holds lists of persons, places or organisations and that has no text."""
    root = tree.getroot()
    tei = "{http://www.tei-c.org/ns/1.0}"
    return (root.tag == f"{tei}TEI" and root.find(f"{tei}text") is None
            and root.find(f"{tei}standOff") is not None)


def compile_schematron(path: Path, optimise: bool = True) -> Any:
    """Compile a Schematron schema into a Saxon executable, from the stylesheet schematron_xslt writes.

    Its rewrites (walk_document_once, fold_fired_rules) change how fast Rules.check
    runs, not what it reports; ``optimise=False`` leaves them out, to compare with.
    """
    stylesheet = schematron_xslt(path)
    if optimise:
        walk_document_once(stylesheet)
        fold_fired_rules(stylesheet)
    # The report is read by lxml, not by a person: not indented (serialising it indented took a
    # quarter of the rules' time).
    for output in stylesheet.findall(f"{XSL}output"):
        output.set("indent", "no")
    # The skeleton's XSLT 1 locations leave out an attribute's parent ("/@corresp");
    # XPath 3's path() names any node exactly, so it replaces them.
    etree.SubElement(stylesheet, f"{XSL}template", {
        "match": "node() | @*", "mode": "schematron-get-full-path", "priority": "10"}).append(
        etree.Element(f"{XSL}value-of", select="path()"))
    try:
        return _xslt_compiler().compile_stylesheet(stylesheet_text=etree.tostring(stylesheet, encoding="unicode"))
    except Exception as exc:  # saxonche raises its own PySaxonApiError, with the XPath error in the message
        raise SchemaError(f"{path}: the Schematron schema does not compile: {_first_line(exc)}") from exc


def schematron_xslt(path: Path) -> etree._Element:
    """The stylesheet that the ISO reference skeleton writes for a Schematron schema, as XSLT 3.0.

    The skeleton is the ISO Schematron implementation that lxml ships (XSLT 1.0,
    run here by libxslt).  It accepts only the XSLT 1 query binding and writes an
    XSLT 1.0 stylesheet, so the schema's queryBinding xslt2/xslt3 is presented to
    it as "xslt", and the stylesheet it writes is declared XSLT 3.0 before Saxon
    compiles it: the rules' XPath 2/3 expressions (castable as, tokenize,
    distinct-values) then run as written, without XPath 1.0 compatibility mode.
    """
    try:
        schema = etree.parse(str(path), _parser())  # hardened like the documents: no entities, no network
    except (etree.XMLSyntaxError, OSError) as exc:
        raise SchemaError(f"{path}: not a usable Schematron schema: {exc}") from exc
    root = schema.getroot()
    if root.tag != f"{{{SCHEMATRON_NS}}}schema":
        raise SchemaError(f"{path}: not an ISO Schematron schema (root element sch:schema in {SCHEMATRON_NS})")
    binding = root.get("queryBinding", "xslt").lower()
    if binding not in ("xslt", "xslt1", "xslt2", "xslt3"):
        raise SchemaError(f"{path}: queryBinding {binding!r} is not supported (use xslt, xslt2 or xslt3)")
    root.set("queryBinding", "xslt")
    try:
        include, expand, to_svrl = _iso_skeleton()
        stylesheet = to_svrl(expand(include(schema)))
    except etree.XSLTError as exc:
        raise SchemaError(f"{path}: the Schematron schema does not compile: {exc}") from exc
    generated = stylesheet.getroot()
    if generated is None or generated.tag != f"{XSL}stylesheet":
        raise SchemaError(f"{path}: the Schematron schema does not compile: {to_svrl.error_log}")
    generated.set("version", "3.0")
    return generated


# The nodes the skeleton's templates descend to (its "context-xpath"): attributes
# when a rule context has an "@", elements, and comments and PIs unless a rule
# context has a "(" (which is all the skeleton checks).
_SKELETON_DESCENTS = {attributes + nodes for attributes in ("", "@*|")
                      for nodes in ("*", "*|comment()|processing-instruction()")}
# position() and last() outside a predicate: the context position, which the
# single walk changes (see _uses_context_position).
_CONTEXT_POSITION = re.compile(r"\b(?:position|last)\s*\(")
_STRING_LITERAL = re.compile(r"'[^']*'|\"[^\"]*\"")
# A "[" after a step or a closing bracket opens a predicate, which has a focus of its
# own; after an operator, "(", "," or a keyword such as "return" it opens an XPath
# 3.1 array.  ("tei:div[" is a step, "$a div [" an operator.)
_KEYWORDS = ("return", "then", "else", "satisfies", "in", "and", "or", "div", "idiv", "mod", "to",
             "eq", "ne", "lt", "le", "gt", "ge", "is", "union", "intersect", "except")
_PREDICATE = re.compile(r"(?<=[\w.*)\]])" + "".join(rf"(?<!(?<![\w:.\-$]){word})" for word in _KEYWORDS)
                        + r"\s*\[[^\[\]]*\]")
_SKELETON_TOP_LEVEL = {f"{XSL}{name}" for name in ("param", "variable", "key", "output", "template")}
# Declared in the root template after the only instructions there that read variables.
_NODES_TO_CHECK = "nodes-to-check"
_ROOT_TEMPLATE_INSTRUCTIONS = {f"{XSL}{name}" for name in ("apply-templates", "attribute", "comment", "value-of",
                                                            "text")}


def walk_document_once(stylesheet: etree._Element) -> bool:
    """Make the skeleton's stylesheet find the nodes to check once, not twice per pattern.

    For each pattern, the skeleton's root template (a) applies templates in the
    default mode, a walk of the whole document whose only output is text that
    the stylesheet's text() template strips, and (b) applies the pattern's mode
    to "/", whose templates each apply the mode again to the node's attributes
    and children (the descent D): with the edition's 14 patterns, 28 walks.
    Rewritten, (a) is gone, the nodes the walks (b) visit -- the root and all
    that D reaches from it -- are selected once, in document order (the order
    of the walks), and each pattern's mode is applied to that sequence by
    templates that no longer descend.  Each rule still fires at most once per
    node and pattern, and the SVRL report is the same (but for comments or PIs
    after the root element, now reported before it); only position() and
    last() would change, so a rule that may ask for them keeps the walks.
    A pattern whose rule contexts are all plain paths (see _nodes_matching) is
    applied only to the nodes they match, found by the paths themselves: most
    of the edition's patterns concern a few elements, and offering each of them
    every element and attribute was a third of the rules' time.

    The rewrite is made only when the stylesheet has exactly the shape described
    (anything else is left as generated: correct, only slower); returns whether
    it was made.
    """
    templates = stylesheet.findall(f"{XSL}template")
    default_mode = [t for t in templates if t.get("mode") is None]
    roots = [t for t in default_mode if t.get("match") == "/"]
    strippers = [t for t in default_mode if t.get("match") == "text()" and t.get("priority") == "-1" and len(t) == 0]
    if len(roots) != 1 or len(strippers) != 1 or len(default_mode) != 2:
        return False  # another template in the default mode could make (a) print something
    if any(isinstance(e.tag, str) and e.tag.startswith(XSL) and e.tag not in _SKELETON_TOP_LEVEL for e in stylesheet):
        return False  # xsl:mode, xsl:import and the like are not the skeleton's
    root = roots[0]
    if any(e.tag.startswith(XSL) and e.tag not in _ROOT_TEMPLATE_INSTRUCTIONS for e in root.iterdescendants("*")):
        return False
    default_walks, pattern_walks = [], []
    for apply in root.iter(f"{XSL}apply-templates"):
        if apply.getparent().tag == f"{{{SVRL_NS}}}active-pattern" and _is_bare(apply):
            default_walks.append(apply)
        elif _is_bare(apply, select="/", mode=apply.get("mode", "")):
            pattern_walks.append(apply)
        else:
            return False
    modes = [apply.get("mode") for apply in pattern_walks]
    if not modes or len(set(modes)) != len(modes) or len(default_walks) != len(modes):
        return False
    found = _pattern_descents(templates, set(modes))
    if found is None:
        return False
    descents, contexts = found
    entering = [a for a in stylesheet.iter(f"{XSL}apply-templates") if a.get("mode") in (*modes, "#current")]
    if len(entering) != len(descents) + len(pattern_walks):
        return False  # a pattern's mode is also entered from elsewhere
    descent = descents[0].get("select")

    for apply in default_walks + descents:
        apply.getparent().remove(apply)
    selects = {mode: _nodes_matching(contexts[mode], descent) for mode in modes}
    if None in selects.values():
        pattern_walks[0].addprevious(etree.Element(f"{XSL}variable", name=_NODES_TO_CHECK,
                                                   select=f"/ | //({descent})"))
    for apply in pattern_walks:
        apply.set("select", selects[apply.get("mode")] or f"${_NODES_TO_CHECK}")
    for mode in modes:
        # The root then visits only the children D does not reach, as XSLT's built-in
        # rule for a document node (children, in the same mode) did when no rule matched
        # it; a rule on the root has a higher priority and visited only D, like the walk.
        document = etree.SubElement(stylesheet, f"{XSL}template", match="/", priority="-2", mode=mode)
        etree.SubElement(document, f"{XSL}apply-templates", select=f"node() except ({descent})", mode=mode)
    return True


def _pattern_descents(templates: list[etree._Element],
                      modes: set[str]) -> tuple[list[etree._Element], dict[str, list[str]]] | None:
    """The xsl:apply-templates by which the patterns' templates descend, and each mode's rule contexts
    (its templates' match patterns); None if any template is not the skeleton's."""
    descents, contexts = [], {}
    for mode in modes:
        own = [t for t in templates if t.get("mode") == mode]
        stripper = [t for t in own if t.get("match") == "text()" and t.get("priority") == "-1" and len(t) == 0]
        fallback = [t for t in own if t.get("match") == "@*|node()" and t.get("priority") == "-2" and len(t) == 1]
        if len(stripper) != 1 or len(fallback) != 1:
            return None
        for template in own:
            if template is stripper[0]:
                continue
            last = template[-1] if len(template) else None
            if last is None or last.tag != f"{XSL}apply-templates" or last.get("select") not in _SKELETON_DESCENTS \
                    or not _is_bare(last, select=last.get("select"), mode=mode):
                return None
            if _uses_context_position(template):
                return None  # position() and last() would count in the whole document, not among siblings
            descents.append(last)
            if template is not fallback[0]:  # the rules' templates
                contexts.setdefault(mode, []).append(template.get("match", ""))
    if len({d.get("select") for d in descents}) != 1:
        return None
    return descents, contexts


# The patterns _nodes_matching accepts, once string literals and predicates are
# taken out: steps that are element names (tei:p, tei:*, *) joined by / or //,
# the last of which may be an attribute name (@n, @*), with / or // before the first.
_NAME = r"[A-Za-z_][\w.\-]*"
_ELEMENT_STEP = rf"(?:(?:{_NAME}:)?{_NAME}|{_NAME}:\*|\*)"
_ATTRIBUTE_STEP = rf"@{_ELEMENT_STEP}"
_PLAIN_PATH = re.compile(rf"/{{0,2}}(?:{_ELEMENT_STEP}(?:/{{1,2}}{_ELEMENT_STEP})*(?:/{{1,2}}{_ATTRIBUTE_STEP})?"
                         rf"|{_ATTRIBUTE_STEP})")


def _nodes_matching(contexts: list[str], descent: str) -> str | None:
    """An XPath selecting, in document order, the nodes that the patterns ``contexts`` match, or None.

    A relative path pattern P matches a node N exactly when N is among root(N)//P
    (XSLT 3.0, 5.5.3), predicates included: so "tei:div[@type]" becomes
    "//tei:div[@type]".  Only plain paths (_PLAIN_PATH) are taken, whose nodes
    are elements, and attributes when the walk D reaches them; anything else
    (text(), axes, functions, current(), which in a pattern is the node matched)
    gives None, and the pattern is offered every node the walk visits.
    """
    alternatives = [part for context in contexts for part in _top_level_alternatives(context)]
    if not alternatives:
        return None  # a pattern without rules
    for alternative in alternatives:
        shape = _without_predicates(alternative)
        if "current(" in alternative or not _PLAIN_PATH.fullmatch(shape):
            return None
        if "@" in shape and "@*" not in descent:
            return None
    return " | ".join(a if a.startswith("/") else f"//{a}" for a in alternatives)


def _top_level_alternatives(pattern: str) -> list[str]:
    """The pattern's alternatives: its parts between "|" outside brackets and string literals, stripped."""
    masked = _STRING_LITERAL.sub(lambda m: "'" * len(m.group()), pattern)  # the same length, no "|" or bracket
    parts, depth, start = [], 0, 0
    for at, char in enumerate(masked):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:at].strip())
            start = at + 1
    parts.append(pattern[start:].strip())
    return parts


def _is_bare(element: etree._Element, **attributes: str) -> bool:
    """Whether the element has these attributes and no others, no content, and no text after it."""
    return dict(element.attrib) == attributes and len(element) == 0 and not (element.tail or "").strip()


def _uses_context_position(template: etree._Element) -> bool:
    """Whether any XPath in the template may ask for position() or last() of the node it matched.

    Conservative: every attribute is read as XPath, and only what lies inside a
    predicate (whose focus is its own) is known not to.
    """
    for element in template.iter("*"):
        for value in element.attrib.values():
            if not _CONTEXT_POSITION.search(value):
                continue  # most: no need to look for predicates
            if _CONTEXT_POSITION.search(_without_predicates(value)):
                return True
    return False


def _without_predicates(expression: str) -> str:
    """The XPath with its string literals emptied and its predicates (_PREDICATE) taken out, innermost first."""
    expression, previous = _STRING_LITERAL.sub("''", expression), None
    while expression != previous:
        previous, expression = expression, _PREDICATE.sub("", expression)
    return expression


def fold_fired_rules(stylesheet: etree._Element) -> bool:
    """Give each rule's id and role to its assertions in the report, and drop its svrl:fired-rule.

    The skeleton's stylesheet reports an svrl:fired-rule each time a rule matches
    a node (some 140 times a document), and Rules.check reads it only for the id
    and role of the assertions that follow it.  Written on the assertions
    themselves (those without their own), they make the report a ninth of its
    size (1.8 kB for a corpus file), which saves about 0.3 ms a file.  Done for
    all rules or none (a report mixing both could lend a kept rule's role to a
    folded one's assertions); returns whether it was done.
    """
    fired_rules = list(stylesheet.iter(f"{{{SVRL_NS}}}fired-rule"))
    if any(fired.getparent().tag != f"{XSL}template" or len(fired) or (fired.tail or "").strip()
           for fired in fired_rules):
        return False  # not the skeleton's: in another place, or with content
    for fired in fired_rules:
        template = fired.getparent()
        for result in template.iter(f"{{{SVRL_NS}}}failed-assert", f"{{{SVRL_NS}}}successful-report"):
            for name in ("id", "role"):
                if fired.get(name) and not result.get(name):
                    result.set(name, fired.get(name))
        template.remove(fired)
    return True


@cache
def _iso_skeleton() -> tuple[etree.XSLT, etree.XSLT, etree.XSLT]:
    """The three steps of the ISO skeleton shipped in lxml: includes, abstract patterns, SVRL."""
    import lxml.isoschematron

    folder = Path(lxml.isoschematron.__file__).parent / "resources" / "xsl" / "iso-schematron-xslt1"
    return tuple(etree.XSLT(etree.parse(str(folder / name))) for name in (
        "iso_dsdl_include.xsl", "iso_abstract_expand.xsl", "iso_svrl_for_xslt1.xsl"))


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return " ".join(lines[:3]) if lines else type(exc).__name__


# ---------------------------------------------------------------------------
# <?xml-model?>: the schemas a file names for itself


@dataclass(frozen=True)
class XmlModel:
    kind: str  # "grammar" | "rules"
    path: Path
    line: int


def xml_models(path: Path | None, tree: etree._ElementTree,
               file: str) -> tuple[list[XmlModel], list[Diagnostic]]:
    """The RELAX NG and Schematron schemas named by the file's xml-model PIs.

    Relative hrefs are resolved against the folder of the file's path (when
    there is none, they are reported).  Nothing is fetched: an http(s) href is
    refused with a diagnostic.
    """
    models: list[XmlModel] = []
    problems: list[Diagnostic] = []
    for pi in _prolog_pis(tree, "xml-model"):
        href, line = pi.get("href") or "", pi.sourceline or 0
        kind = _model_kind(pi.get("schematypens") or "", pi.get("type") or "", href)
        if kind is None:
            problems.append(Diagnostic(file, line, 1, WARNING, f"xml-model {href!r} ignored: only RELAX NG (XML "
                                       "syntax, .rng) and ISO Schematron schemas are supported", RULE_XML_MODEL))
            continue
        target, problem = _model_path(path, href)
        if problem:
            problems.append(Diagnostic(file, line, 1, ERROR, problem, RULE_XML_MODEL))
        else:
            models.append(XmlModel(kind, target, line))
    return models, problems


def _prolog_pis(tree: etree._ElementTree, target: str) -> list[etree._ProcessingInstruction]:
    before_root = reversed(list(tree.getroot().itersiblings(preceding=True)))
    return [node for node in before_root if isinstance(node, etree._ProcessingInstruction) and node.target == target]


def _model_kind(schematypens: str, mime: str, href: str) -> str | None:
    if schematypens == RELAXNG_NS and "compact" not in mime and not href.endswith(".rnc"):
        return "grammar"
    if schematypens == SCHEMATRON_NS:
        return "rules"
    if not schematypens:  # no namespace given: go by the file name
        return {".rng": "grammar", ".sch": "rules"}.get(Path(urllib.parse.urlparse(href).path).suffix)
    return None


def _model_path(document: Path | None, href: str) -> tuple[Path, str | None]:
    parts = urllib.parse.urlparse(href)
    if parts.scheme in ("http", "https", "ftp"):
        return Path(), (f"xml-model {href} is not fetched: tei validate makes no network access; "
                        "save the schema locally and point the xml-model at it, or use --schema/--schematron")
    if parts.scheme not in ("", "file"):
        return Path(), f"xml-model {href}: unsupported URL scheme {parts.scheme!r}"
    named = Path(urllib.parse.unquote(parts.path))
    if document is None and not named.is_absolute():
        return Path(), (f"xml-model {href} is relative, but the file was checked without its location: "
                        "give the file's path, or use --schema/--schematron")
    target = (document.parent / named if document is not None else named).resolve()
    if not target.is_file():
        return Path(), f"xml-model {href}: no such schema file ({target})"
    return target, None
