"""Import TEI from other archives: check it, keep it as received, register it, say what the edition makes of it.

`import_files(paths, project)` takes each file through these steps; a file that
fails one is refused and nothing of it is kept:

1. read it safely: a DOCTYPE that declares entities or names an external DTD is
   refused before parsing, and the parser loads nothing (tei.validate);
2. the root must be TEI (or teiCorpus) in the TEI namespace, with the parts
   every TEI document has: teiHeader/fileDesc with titleStmt/title,
   publicationStmt and sourceDesc, then a text (or sourceDoc, facsimile);
   a teiCorpus must hold TEI documents, each checked the same way;
3. validate it against a schema: the one given (`schema`, e.g. tei_all.rng),
   else the RELAX NG and Schematron schemas the file declares in its
   <?xml-model?> when they are local files (nothing is fetched); when neither is
   available it says so and only steps 1-2 were checked;
4. name each document's page (`page_names`): its TEI/@xml:id when no other
   document has it, else its idno, else the file name, made unique within
   the edition (`-2`, `-3` …) and kept in the registry, so that a re-import
   keeps the name; a collision is resolved, never refused;
5. copy the file byte for byte to corpus/imported/ (never rewritten: the other
   archive's encoding is kept as received) and register it in
   corpus/imported/registry.json (schemas/import-registry.schema.json);
6. report what it could map: each element of its text counted as rendered by
   the edition's own templates, by the templates for other archives'
   constructs (xslt/html/foreign.xsl), or shown as plain text; and, by
   rendering it, whether every word of its text is on its page.

`tei build` renders the registered files after the edition's own
(`files_for_build`), each checked again with its own schema, never the
edition's.  Nothing here prints.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator
from lxml import etree

from tei.exchange.documents import NS, TEI_NS, DocumentError, document_id, read_tei
from tei.exchange.teicorpus import serialise, split_corpus
from tei.resources import schema_path, xslt_path
from tei.validate import (ERROR, WARNING, Diagnostic, SchemaError, settings_for, validate_files, validator_for,
                          xml_models)

if TYPE_CHECKING:
    from tei.edition import Edition

REGISTRY = "registry.json"
# The endings of the files `tei import FOLDER` takes.
TEI_SUFFIXES = (".xml", ".tei")
INCLUDED = "included"  # corpus/imported/included/SHA256.xml: the files imported documents XInclude
XI_NS = "http://www.w3.org/2001/XInclude"
REGISTRY_SCHEMA = "import-registry.schema.json"
REGISTRY_FORMAT = 1
XML_NS = "http://www.w3.org/XML/1998/namespace"


@dataclass
class Check:
    """How a file was checked, and what was found."""

    method: str  # "schema" (given), "xml-model" (declared by the file), "structure" (no schema available)
    schemas: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.severity == ERROR for d in self.diagnostics)


@dataclass
class Mapping:
    """What the HTML edition makes of a document's text."""

    edition: Counter = field(default_factory=Counter)  # element -> count, rendered by html/text.xsl
    foreign: Counter = field(default_factory=Counter)  # by html/foreign.xsl
    plain: Counter = field(default_factory=Counter)  # by neither: shown as plain text
    words: int = 0  # words of the text
    rendered: int | None = None  # of them, found on the rendered page (None: not rendered)
    missing: list[str] = field(default_factory=list)  # words not found on the page

    def add(self, other: Mapping) -> None:
        self.edition.update(other.edition)
        self.foreign.update(other.foreign)
        self.plain.update(other.plain)
        self.words += other.words
        if other.rendered is not None:
            self.rendered = (self.rendered or 0) + other.rendered
        self.missing += other.missing

    def as_dict(self) -> dict[str, Any]:
        return {"edition": dict(sorted(self.edition.items())), "foreign": dict(sorted(self.foreign.items())),
                "plain": dict(sorted(self.plain.items())), "words": self.words, "rendered": self.rendered,
                "missing": self.missing}


@dataclass
class Outcome:
    source: Path
    status: str  # "imported" | "replaced" | "unchanged" | "refused"
    target: Path | None = None
    message: str = ""
    documents: list[dict[str, str]] = field(default_factory=list)  # id, title
    check: Check | None = None
    mapping: Mapping | None = None


# ---------------------------------------------------------------- importing

def import_files(paths: list[Path], imported_dir: Path, edition_tei: list[Path], edition: Edition, *,
                 schema: Path | None = None, schematron: Path | None = None, replace: bool = False,
                 render: bool = True, names: dict[Path, str] | None = None) -> list[Outcome]:
    """Import each file of `paths` into `imported_dir` (see the module documentation).

    `names` gives a file the name of its copy (default: its own name), for files of one
    folder tree whose names repeat in its subfolders (see `files_in`).
    """
    imported_dir = Path(imported_dir)
    registry = load_registry(imported_dir)
    own_ids = _own_ids(edition_tei)
    outcomes = []
    for path in paths:
        outcome = _import_one(Path(path), imported_dir, registry, own_ids, edition, schema, schematron, replace,
                              render, (names or {}).get(Path(path), copy_name(Path(path).name)))
        outcomes.append(outcome)
        if outcome.status in ("imported", "replaced"):
            save_registry(imported_dir, registry)
    return outcomes


def _import_one(path: Path, imported_dir: Path, registry: dict[str, Any], own_ids: dict[str, str],
                edition: Edition, schema: Path | None, schematron: Path | None, replace: bool,
                render: bool, name: str) -> Outcome:
    outcome = Outcome(path, "refused")
    try:
        tree, data = read_tei(path)
    except DocumentError as exc:
        outcome.message = str(exc)
        return outcome
    try:
        included = gather_includes(tree, path)
    except DocumentError as exc:
        outcome.message = str(exc)
        return outcome
    resolved = resolve_includes(tree, {href: data for href, (_, data) in included.items()})
    # The document the includes make: a teiCorpus may receive all its members by XInclude.
    problems = check_structure(resolved.getroot())
    documents = list(_documents(resolved))
    outcome.documents = [{"id": document_id(d.getroot()), "title": _title(d.getroot())} for d in documents]
    # With its XIncludes resolved: a schema describes the document, not the include elements.
    check = check_file(path, tree, schema, schematron, serialise(resolved) if included else None)
    check.diagnostics = [Diagnostic(str(path), 0, 0, ERROR, p, "tei-structure") for p in problems] + check.diagnostics
    check.diagnostics += duplicate_ids(path, resolved.getroot())
    outcome.check = check
    if not check.ok:
        outcome.message = f"not imported: {sum(d.severity == ERROR for d in check.diagnostics)} errors"
        return outcome
    target = imported_dir / name
    entries = {e["file"]: e for e in registry["imports"]}
    sha = hashlib.sha256(data).hexdigest()
    same_includes = name in entries and sorted((h, d) for h, (d, _) in included.items()) == sorted(
        (i["href"], i["sha256"]) for i in (entries[name]["documents"][0].get("xinclude", [])))
    if name in entries and entries[name]["sha256"] == sha and same_includes and target.is_file() \
            and target.read_bytes() == data:
        outcome.status, outcome.target = "unchanged", target
        outcome.message = "already imported, byte for byte the same"
        outcome.documents = entries[name]["documents"]  # with the page names they were given
        return outcome
    if (name in entries or target.exists()) and not replace:
        outcome.message = (f"{target} exists with other content: use --replace to replace it, or import the file "
                           "under another name")
        return outcome
    taken = set(own_ids) | {d.get("page", d["id"]) for e in entries.values() if e["file"] != name
                            for d in e["documents"]}
    earlier = [d.get("page") for d in entries[name]["documents"]] if name in entries else []
    pages = page_names(documents, Path(name), taken, earlier)  # named after its copy when nothing names it
    for document, page in zip(outcome.documents, pages):
        document["page"] = page
    renamed = [f"{d['page']} ({'it has no id' if d['id'] == 'document' else 'its id ' + repr(d['id']) + ' is taken'})"
               for d in outcome.documents if d["page"] != d["id"]]
    if renamed:
        outcome.message = "page names: " + ", ".join(renamed)
    mapping = Mapping()
    for document in documents:
        mapping.add(map_document(document.getroot(), edition if render else None))
    outcome.mapping = mapping
    imported_dir.mkdir(parents=True, exist_ok=True)
    for href, (digest_, included_data) in included.items():  # the included files, kept by their content
        kept = imported_dir / INCLUDED / f"{digest_}.xml"
        if not kept.is_file():
            kept.parent.mkdir(exist_ok=True)
            _write(kept, included_data)
    _write(target, data)
    if target.read_bytes() != data:  # pragma: no cover - the file system lied
        outcome.message = f"{target}: the copy differs from the file received"
        return outcome
    outcome.status = "replaced" if name in entries else "imported"
    outcome.target = target
    entries[name] = {
        "file": name,
        "sha256": sha,
        "source": str(path),
        "imported": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "root": etree.QName(tree.getroot()).localname,
        "documents": [{**d, "xinclude": [{"href": h, "sha256": sha_} for h, (sha_, _) in sorted(included.items())]}
                      if included else d for d in outcome.documents],
        "validation": {"method": check.method, "schemas": check.schemas, "notes": check.notes,
                       "warnings": sum(d.severity == WARNING for d in check.diagnostics)},
        "mapping": mapping.as_dict(),
    }
    registry["imports"] = [entries[k] for k in sorted(entries)]
    return outcome


def files_in(folder: Path) -> tuple[list[Path], dict[Path, str], list[tuple[Path, str]]]:
    """The TEI files of a folder tree to import, the names of their copies, and what is left out, and why.

    Every *.xml and *.tei file below `folder` (FreeDict publishes its dictionaries as .tei),
    in path order, whose root is TEI or teiCorpus in the TEI namespace; other XML (a shared
    header an EpiDoc file includes, a schema, a stylesheet) is left out, and said so.  A
    name that repeats in subfolders is made unique by its folders (`letters/1.xml` ->
    `letters-1.xml`).
    """
    files, skipped = [], []
    for path in sorted(p for suffix in TEI_SUFFIXES for p in Path(folder).rglob(f"*{suffix}") if p.is_file()):
        try:
            root_tag = _root_tag(path)
        except (OSError, etree.XMLSyntaxError):
            files.append(path)  # not well-formed: import refuses it, with the parser's reason
            continue
        if root_tag in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"):
            files.append(path)
        else:
            skipped.append((path, f"not a TEI document (its root is {etree.QName(root_tag).localname}); "
                                  "a file a document includes is read with that document"))
    counts = Counter(p.name for p in files)
    names = {p: copy_name(p.name if counts[p.name] == 1 else "-".join(p.relative_to(folder).parts)) for p in files}
    return files, names, skipped


def copy_name(name: str) -> str:
    """The name of a file's copy in corpus/imported/: its own, with .xml added when it has
    another ending (san-deu.tei -> san-deu.tei.xml), for the build takes *.xml from there."""
    return name if name.endswith(".xml") else f"{name}.xml"


def _root_tag(path: Path) -> str:
    """The root element's tag, read without loading anything the file names."""
    parser = etree.XMLPullParser(events=("start",), resolve_entities=False, no_network=True, load_dtd=False)
    with open(path, "rb") as f:
        while chunk := f.read(65536):
            parser.feed(chunk)
            for _event, element in parser.read_events():
                return element.tag
    raise etree.XMLSyntaxError("no root element", None, 0, 0)


def _documents(tree: etree._ElementTree) -> list[etree._ElementTree]:
    root = tree.getroot()
    if root.tag == f"{{{TEI_NS}}}teiCorpus":
        return list(split_corpus(root))
    return [tree]


def _title(root: etree._Element) -> str:
    titles = root.xpath("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", namespaces=NS)
    main = [t for t in titles if t.get("type") == "main"] + titles
    return next((" ".join("".join(t.itertext()).split()) for t in main if "".join(t.itertext()).strip()), "")


_PAGE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9._-]*")


def page_names(documents: list[etree._ElementTree], path: Path, taken: set[str],
               earlier: list[str | None] | None = None) -> list[str]:
    """A page name for each document of a file, unique among `taken` (which it extends).

    The name a document had when this file was imported before is kept; else its
    TEI/@xml:id, else the first idno of its publicationStmt, else the file name (with
    the document's number in a teiCorpus), reduced to the letters a file name and an
    xml:id can both hold; a name already taken gets -2, -3 ….  A name must not be an
    xml:id of another element in the document (it becomes the id of its root there).
    """
    earlier = list(earlier or [])
    names = []
    for n, tree in enumerate(documents):
        root = tree.getroot()
        inner = {e.get(f"{{{XML_NS}}}id") for e in root.iter() if isinstance(e.tag, str) and e is not root}
        kept = earlier[n] if n < len(earlier) else None
        if kept and kept not in taken and kept not in inner:
            names.append(kept)
            taken.add(kept)
            continue
        idno = next((text for text in (" ".join("".join(i.itertext()).split()) for i in root.xpath(
            "tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:idno", namespaces=NS)) if _identifies(text)), "")
        own = path.name.removesuffix(".xml").removesuffix(".tei")  # Mueller-1878.tei.xml, san-deu.tei.xml
        stem = own if len(documents) == 1 else f"{own}-{n + 1}"
        candidates = [root.get(f"{{{XML_NS}}}id") or "", idno, stem]
        base = next((c for c in map(_page_safe, candidates) if c), "document")
        name, k = base, 1
        while name in taken or name in inner:
            k += 1
            name = f"{base}-{k}"
        names.append(name)
        taken.add(name)
    return names


# A version-control keyword left in an idno ("$Id$", "$Id: san-deu.tei 1234 $") names the
# revision of the file, not the document: every file of the project would share it.
_VCS_KEYWORD = re.compile(r"\$[A-Za-z]+(:[^$]*)?\$")


def _identifies(idno: str) -> bool:
    """Whether an idno's text can name a document's page: something other than a version-control keyword."""
    return bool(idno) and not _VCS_KEYWORD.fullmatch(idno)


def _page_safe(text: str) -> str:
    """`text` as a page name: runs of other characters become '-', and it starts with a letter."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", text.strip()).strip("-.")
    if name and not name[0].isalpha():
        name = f"doc-{name}"
    return name if _PAGE_NAME.fullmatch(name) else ""


def _own_ids(edition_tei: list[Path]) -> dict[str, str]:
    """id -> file of the edition's own documents."""
    out = {}
    for path in edition_tei:
        try:
            tree, _ = read_tei(path)
        except DocumentError:
            continue
        out[document_id(tree.getroot())] = str(path)
    return out


# ---------------------------------------------------------------- XInclude

def gather_includes(tree: etree._ElementTree, path: Path) -> dict[str, tuple[str, bytes]]:
    """href -> (SHA-256, bytes) of each local file the document XIncludes, read from beside `path`.

    Only local files are read, never the network: an href with a scheme (http:, https:,
    ftp:) is refused, as is one that names no file there.  A file included by an
    included file is not followed (EpiDoc's shared headers include nothing).
    """
    out: dict[str, tuple[str, bytes]] = {}
    for include in tree.getroot().iter(f"{{{XI_NS}}}include"):
        href = include.get("href") or ""
        if not href:
            continue
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href) and not href.startswith("file:"):
            raise DocumentError(f"{path}:{include.sourceline}: XInclude of {href!r}: only local files are "
                                "included (nothing is fetched); put the file beside the document and name it "
                                "by a relative href")
        local = Path(href.removeprefix("file://").removeprefix("file:"))
        local = local if local.is_absolute() else Path(path).parent / local
        try:
            data = local.read_bytes()
        except OSError:
            if include.find(f"{{{XI_NS}}}fallback") is not None:
                continue
            raise DocumentError(f"{path}:{include.sourceline}: XInclude of {href!r}: no such file {local}") from None
        out[href] = (hashlib.sha256(data).hexdigest(), data)
    return out


def resolve_includes(tree: etree._ElementTree, files: dict[str, bytes]) -> etree._ElementTree:
    """A copy of the document with each xi:include replaced by what it names (from `files`, by href).

    parse="text" includes the text; parse="xml" (the default) the root element, or the
    element whose xml:id the xpointer gives (`xpointer="id"`, `xpointer(id('id'))`,
    `element(id)`); an include whose file is absent keeps its xi:fallback.
    """
    if next(tree.getroot().iter(f"{{{XI_NS}}}include"), None) is None:
        return tree
    tree = copy.deepcopy(tree)
    for include in list(tree.getroot().iter(f"{{{XI_NS}}}include")):
        data = files.get(include.get("href") or "")
        if data is None:
            fallback = include.find(f"{{{XI_NS}}}fallback")
            replacement: list[etree._Element | str] = ([fallback.text or ""] + list(fallback)) if fallback is not None \
                else []
        elif include.get("parse") == "text":
            replacement = [data.decode(include.get("encoding") or "utf-8", errors="replace")]
        else:
            included, _ = read_tei(Path(include.get("href")), data)
            root = included.getroot()
            pointer = include.get("xpointer") or ""
            target = re.fullmatch(r"(?:xpointer\(id\(['\"](.+)['\"]\)\)|element\(([^/)]+)\)|([A-Za-z_][\w.-]*))", pointer)
            if target:
                wanted = next(g for g in target.groups() if g)
                root = next((e for e in root.iter() if e.get(f"{{{XML_NS}}}id") == wanted), root)
            replacement = [copy.deepcopy(root)]
        _replace(include, replacement)
    return tree


def _replace(element: etree._Element, replacement: list[etree._Element | str]) -> None:
    """Put `replacement` (text and elements) where `element` stands, keeping its tail."""
    parent = element.getparent()
    text = "".join(r for r in replacement if isinstance(r, str))
    nodes = [copy.deepcopy(r) for r in replacement if not isinstance(r, str)]
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    at = parent.index(element)
    tail = element.tail
    parent.remove(element)
    for k, node in enumerate(nodes):
        node.tail = None
        parent.insert(at + k, node)
    if tail:
        if nodes:
            nodes[-1].tail = tail
        elif at > 0:
            parent[at - 1].tail = (parent[at - 1].tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


# ---------------------------------------------------------------- checking

def check_structure(root: etree._Element) -> list[str]:
    """What keeps the element from being a TEI document (or corpus); [] when it is one."""
    name = etree.QName(root)
    if name.namespace != TEI_NS:
        where = f"in the namespace {name.namespace}" if name.namespace else "in no namespace"
        return [f"the root element {name.localname} is {where}: TEI is in {TEI_NS}"]
    if name.localname == "teiCorpus":
        problems = _header_problems(root, "teiCorpus")
        members = root.xpath("tei:TEI | tei:teiCorpus", namespaces=NS)
        if not members:
            problems.append("the teiCorpus holds no TEI document")
        for member in members:
            problems += [f"{document_id(member) if member.tag.endswith('}TEI') else 'teiCorpus'}: {p}"
                         for p in check_structure(member)]
        return problems
    if name.localname != "TEI":
        return [f"the root element is {name.localname}: a TEI document's root is TEI (or teiCorpus)"]
    problems = _header_problems(root, "TEI")
    if not root.xpath("tei:text | tei:sourceDoc | tei:facsimile", namespaces=NS):
        problems.append("TEI has no text (nor sourceDoc, nor facsimile)")
    return problems


def duplicate_ids(path: Path, root: etree._Element) -> list[Diagnostic]:
    """A warning for each xml:id given to more than one element: the document is imported and
    rendered (nothing of it is lost), but a link to that id cannot say which element it means."""
    seen: dict[str, list[int]] = {}
    for element in root.iter():
        if isinstance(element.tag, str) and (value := element.get(f"{{{XML_NS}}}id")) is not None:
            seen.setdefault(value, []).append(element.sourceline or 0)
    return [Diagnostic(str(path), lines[1], 0, WARNING,
                       f"xml:id {value!r} is given to {len(lines)} elements (lines {', '.join(map(str, lines))}): "
                       "a link to it is ambiguous", "tei-duplicate-id")
            for value, lines in seen.items() if len(lines) > 1]


def _header_problems(root: etree._Element, what: str) -> list[str]:
    first = next((c for c in root if isinstance(c.tag, str)), None)
    if first is None or first.tag != f"{{{TEI_NS}}}teiHeader":
        return [f"{what} does not start with a teiHeader"]
    problems = []
    for part in ("tei:fileDesc", "tei:fileDesc/tei:titleStmt", "tei:fileDesc/tei:titleStmt/tei:title",
                 "tei:fileDesc/tei:publicationStmt", "tei:fileDesc/tei:sourceDesc"):
        if not first.xpath(part, namespaces=NS):
            problems.append(f"teiHeader has no {part.replace('tei:', '')}")
            break
    return problems


def check_file(path: Path, tree: etree._ElementTree, schema: Path | None = None,
               schematron: Path | None = None, data: bytes | None = None) -> Check:
    """Validate against the schema given, else the local schemas the file declares, else say none was available."""
    if schema is not None or schematron is not None:
        check = Check("schema", [str(Path(p).resolve()) for p in (schema, schematron) if p is not None])
        return _validate(check, path, schema, schematron, data)
    models, problems = xml_models(path, tree, str(path))
    notes = ["declared schema not used: " + p.message.replace("tei validate makes no network access",
                                                              "nothing is fetched") for p in problems]
    grammar = next((m.path for m in models if m.kind == "grammar"), None)
    rules = next((m.path for m in models if m.kind == "rules"), None)
    if grammar is None and rules is None:
        check = Check("structure", notes=notes)
        check.notes.append("no schema available: checked that it is well-formed, in the TEI namespace and shaped "
                           "as a TEI document, not that it is valid; give --schema FILE.rng (full TEI: "
                           "tei_all.rng) to validate it")
        return check
    check = Check("xml-model", [str(p) for p in (grammar, rules) if p is not None], notes=notes)
    return _validate(check, path, grammar, rules, data)


def _validate(check: Check, path: Path, grammar: Path | None, rules: Path | None,
              data: bytes | None = None) -> Check:
    """Validate the file (or `data`, its content as resolved) against the schemas."""
    try:
        if data is None:
            check.diagnostics += validate_files([path], schema=grammar, schematron=rules, jobs=1).diagnostics
        else:
            [found] = validator_for(settings_for(grammar, rules)).check_many_data([(str(path), data, None)])
            check.diagnostics += found
    except SchemaError as exc:
        check.diagnostics.append(Diagnostic(str(path), 0, 0, ERROR, str(exc), "schema"))
    return check


# ---------------------------------------------------------------- the registry

def load_registry(imported_dir: Path) -> dict[str, Any]:
    path = Path(imported_dir) / REGISTRY
    if not path.is_file():
        return {"format": REGISTRY_FORMAT, "imports": []}
    data = json.loads(path.read_text(encoding="utf-8"))
    errors = list(_registry_validator().iter_errors(data))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(top level)"
        raise DocumentError(f"{path}: {where}: {errors[0].message} (see schemas/{REGISTRY_SCHEMA})")
    return data


def save_registry(imported_dir: Path, registry: dict[str, Any]) -> None:
    errors = list(_registry_validator().iter_errors(registry))
    assert not errors, errors[0].message  # a registry this module wrote breaks its own schema: a bug
    _write(Path(imported_dir) / REGISTRY,
           (json.dumps(registry, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


@cache
def _registry_validator() -> Draft202012Validator:
    schema = json.loads(schema_path(REGISTRY_SCHEMA).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


# ---------------------------------------------------------------- tei build

@dataclass
class BuildInputs:
    files: list[Path] = field(default_factory=list)  # to render, after the edition's own
    problems: list[str] = field(default_factory=list)  # files left out, and why
    diagnostics: list[Diagnostic] = field(default_factory=list)


def files_for_build(imported_dir: Path, work_dir: Path) -> BuildInputs:
    """The registered imports to render, each checked again with its own schema.

    A file is checked with its own schemas, never the edition's: those it declares,
    when they are local files beside it; else those it was validated with at
    import (declared relative to where it came from, or given with --schema),
    when they are still there; else for its structure only.  A teiCorpus is split
    into its documents, written to `work_dir` for the renderer (the file received
    stays as it is).
    """
    out = BuildInputs()
    imported_dir = Path(imported_dir)
    try:
        registry = load_registry(imported_dir)
    except (DocumentError, ValueError) as exc:
        out.problems.append(str(exc))
        return out
    registered = {e["file"] for e in registry["imports"]}
    for stray in sorted(p.name for p in imported_dir.glob("*.xml") if p.name not in registered):
        out.problems.append(f"{imported_dir / stray}: not registered (import it with 'tei import'); not rendered")
    for entry in registry["imports"]:
        path = imported_dir / entry["file"]
        try:
            tree, data = read_tei(path)
        except DocumentError as exc:
            out.problems.append(f"{exc}; not rendered")
            continue
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            out.problems.append(f"{path}: changed since it was imported (its sha256 differs from the registry's); "
                                "imported files are kept as received: import it again with --replace")
            continue
        try:
            included = {i["href"]: (imported_dir / INCLUDED / f"{i['sha256']}.xml").read_bytes()
                        for d in entry["documents"] for i in d.get("xinclude", [])}
        except OSError as exc:
            out.problems.append(f"{path}: a file it includes is gone from {imported_dir / INCLUDED} ({exc}); "
                                "import it again; not rendered")
            continue
        resolved = resolve_includes(tree, included)
        structure = check_structure(resolved.getroot())
        check = check_file(path, tree, data=serialise(resolved) if included else None)
        recorded = [Path(p) for p in entry["validation"]["schemas"]]
        if check.method == "structure" and recorded and all(p.is_file() for p in recorded):
            # The schemas it was validated with at import (its own, declared relative to where it came
            # from, or the one given with --schema), when they are still there.
            grammar = next((p for p in recorded if p.suffix != ".sch"), None)
            rules = next((p for p in recorded if p.suffix == ".sch"), None)
            check = _validate(Check(entry["validation"]["method"], [str(p) for p in recorded]), path, grammar, rules,
                              serialise(resolved) if included else None)
        if structure or not check.ok:
            out.diagnostics += [Diagnostic(str(path), 0, 0, ERROR, p, "tei-structure") for p in structure]
            out.diagnostics += check.diagnostics
            out.problems.append(f"{path}: not valid against its own schema; not rendered")
            continue
        tree = resolved
        corpus = tree.getroot().tag != f"{{{TEI_NS}}}TEI"
        members = list(split_corpus(tree.getroot())) if corpus else [tree]
        pages = [d.get("page", d["id"]) for d in entry["documents"]]
        if not corpus and not included and pages[0] == document_id(tree.getroot()):
            out.files.append(path.resolve())  # absolute: Saxon resolves a relative name against its own start folder
            continue
        # A copy to render, the file received staying as it is: a teiCorpus split into its documents,
        # XIncludes resolved, and the root named by its page in this edition.
        folder = Path(work_dir) / path.stem
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.xml"):
            stale.unlink()
        for n, member in enumerate(members, 1):
            page = pages[n - 1] if n <= len(pages) else document_id(member.getroot())
            member.getroot().set(f"{{{XML_NS}}}id", page)
            member_path = folder / f"{n:04d}-{_page_safe(page) or 'document'}.xml"
            _write(member_path, serialise(member))
            out.files.append(member_path.resolve())
    return out


# ---------------------------------------------------------------- what the edition makes of it

def map_document(root: etree._Element, edition: Edition | None) -> Mapping:
    """Count the elements of the document's text by how they render; render it (given the edition) and count words."""
    mapping = Mapping()
    edition_names, foreign_names = template_names()
    for part in root.xpath("tei:text | tei:sourceDoc | tei:facsimile", namespaces=NS):
        for element in part.iter():
            if not isinstance(element.tag, str) or element is part:
                continue
            qname = etree.QName(element)
            name = qname.localname if qname.namespace == TEI_NS else f"{{{qname.namespace}}}{qname.localname}"
            if qname.namespace == TEI_NS and name in edition_names:
                mapping.edition[name] += 1
            elif qname.namespace == TEI_NS and name in foreign_names:
                mapping.foreign[name] += 1
            else:
                mapping.plain[name] += 1
    words = tei_words(root)
    mapping.words = len(words)
    if edition is not None:
        page = render_page(root, edition)
        found = html_words(page)
        missing = Counter(words) - Counter(found)
        mapping.missing = sorted(missing.elements())
        mapping.rendered = mapping.words - sum(missing.values())
    return mapping


_MATCH_NAME = re.compile(r"\btei:([A-Za-z][A-Za-z0-9]*)")
# Elements that only structure the text, handled by the page itself rather than by a template of their own.
_STRUCTURE = {"text", "body"}


@cache
def template_names() -> tuple[frozenset[str], frozenset[str]]:
    """TEI element names with a template in mode ed:html: (in html/text.xsl, in html/foreign.xsl)."""
    def names(path: Path) -> set[str]:
        root = etree.parse(str(path)).getroot()
        found: set[str] = set()
        for template in root.iterfind("{http://www.w3.org/1999/XSL/Transform}template"):
            if "ed:html" in (template.get("mode") or "").split() and template.get("match"):
                # The element a pattern matches is the last step of each alternative.
                for alternative in template.get("match").split("|"):
                    steps = _MATCH_NAME.findall(re.sub(r"\[.*?\]", "", alternative))
                    if steps:
                        found.add(steps[-1])
        return found

    edition = names(xslt_path("html/text.xsl")) | _STRUCTURE
    return frozenset(edition), frozenset(names(xslt_path("html/foreign.xsl")) - edition)


def render_page(root: etree._Element, edition: Edition) -> etree._Element:
    """The document's HTML page, rendered as `tei build` renders it (in a scratch folder)."""
    import lxml.html

    from tei.render import render_edition

    with tempfile.TemporaryDirectory(prefix="tei-import-") as scratch:
        source = Path(scratch) / "document.xml"
        source.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
        report = render_edition([source], Path(scratch) / "site", edition)
        if not report.ok:
            raise DocumentError(f"the HTML edition cannot render it: {'; '.join(report.errors)}")
        page = Path(scratch) / "site" / f"{document_id(root)}.html"
        return lxml.html.parse(str(page)).getroot()


# ---------------------------------------------------------------- words

# TEI elements that part words (blocks, and the parts of a choice, an apparatus entry or
# a citation, which the page shows side by side); all others run on inside a word.
TEI_BLOCKS = {"p", "ab", "div", "div1", "div2", "div3", "div4", "div5", "div6", "div7", "head", "l", "lg", "item",
              "list", "cell", "row", "table", "note", "fw", "opener", "closer", "postscript", "dateline", "salute",
              "signed", "byline", "docDate", "label", "lb", "argument", "epigraph", "trailer", "sp", "speaker",
              "stage", "front", "back", "body", "group", "text", "titlePage", "docTitle", "titlePart", "docAuthor",
              "docImprint", "docEdition", "address", "addrLine", "listBibl", "listApp", "listWit", "listPerson",
              "listPlace", "figure", "castList", "castItem", "line", "zone", "surface", "sourceDoc", "facsimile",
              "floatingText"}
_SIDE_BY_SIDE = {"choice", "app", "cit"}
# Elements whose content is elements: whitespace between their children is the source's indentation
# (as xslt/core.xsl's ed:is-indentation decides).
_ELEMENT_ONLY = {"choice", "app", "subst", "rdgGrp", "cit"}
# Where a stage direction (or a cast item) is a paragraph of its own; anywhere else it is inline.
_STAGE_BLOCK_PARENTS = {"sp", "div", "body", "castList", "castGroup"}
# Wrappers whose notes are blocks of their own (with div; when they have no xml:id and no text of
# their own); a note anywhere else in a division of the body is a footnote, shown at the end of its
# text (as xslt/core.xsl's ed:is-container and ed:is-footnote decide).
_WRAPPERS = {"opener", "closer", "postscript", "argument", "epigraph"}
HTML_INLINE = {"a", "abbr", "b", "i", "em", "strong", "span", "sup", "sub", "time", "small", "q", "cite", "del",
               "ins", "u", "s", "mark", "code"}
# Elements whose content is no text of the document.
TEI_SILENT = {"handShift", "certainty", "precision", "respons", "link", "linkGrp", "lacunaStart", "lacunaEnd",
              "witStart", "witEnd", "graphic", "media", "binaryObject", "join", "joinGrp", "alt", "altGrp"}


# Quotation marks are set as each language sets them (core.xsl's ed:quotes): words are compared
# with their quotation marks as straight ones.
_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"'})


def tei_words(root: etree._Element) -> list[str]:
    """The words of a TEI document's text (text, sourceDoc, facsimile), as a reader of its page meets them.

    Footnotes are words of their own, out of the running text (the page lists them
    after the text, leaving a marker in it).
    """
    parts: list[str] = []
    notes: list[etree._Element] = []

    def walk(element: etree._Element) -> None:
        qname = etree.QName(element)
        local = qname.localname if qname.namespace == TEI_NS else ""
        parent = element.getparent()
        # The alternatives of a choice (an apparatus entry, a citation) stand apart from each other,
        # but the choice runs on into the words around it: "<choice><sic>boob</sic><corr>correction</corr></choice>s"
        # reads "boob [correction]s".
        between = parent is not None and etree.QName(parent).localname in _SIDE_BY_SIDE and \
            element.getprevious() is not None
        # A space parts words, as the page shows it; a line, column or page break inside a word does not.
        breaks = (local in TEI_BLOCKS or local == "space") and not (
            local in ("lb", "cb", "pb") and element.get("break") == "no") and not (
            # A stage direction inside a speech's line or paragraph runs on in it (html/foreign.xsl).
            local == "stage" and parent is not None and etree.QName(parent).localname not in _STAGE_BLOCK_PARENTS)
        if breaks or between:
            parts.append(" ")
        if local not in TEI_SILENT:
            # Between the alternatives of a choice or an apparatus entry, whitespace is indentation.
            indented = local in _ELEMENT_ONLY
            parts.append(_unless_indentation(element.text, indented))
            for child in element:
                if isinstance(child.tag, str):
                    if _is_footnote(child):
                        notes.append(child)
                    else:
                        walk(child)
                parts.append(_unless_indentation(child.tail, indented))
        if breaks:
            parts.append(" ")

    for part in root.xpath("tei:text | tei:sourceDoc | tei:facsimile", namespaces=NS):
        walk(part)
    while notes:
        walk(notes.pop(0))
    return "".join(parts).translate(_QUOTES).split()


def _unless_indentation(text: str | None, indented: bool) -> str:
    return "" if not text or (indented and not text.strip()) else text


def _is_footnote(element: etree._Element) -> bool:
    if element.tag != f"{{{TEI_NS}}}note":
        return False
    parent = element.getparent()
    local = etree.QName(parent).localname if etree.QName(parent).namespace == TEI_NS else ""
    if local == "div" or (local in _WRAPPERS and parent.get(f"{{{XML_NS}}}id") is None
                          and not "".join(parent.xpath("text()")).strip()):
        return False
    return bool(element.xpath("ancestor::tei:div[parent::tei:body]", namespaces=NS))


def html_words(page: etree._Element) -> list[str]:
    """The words of a page's text section, less what the interface adds (class "gen")."""
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        breaks = element.tag not in HTML_INLINE and not (
            element.tag == "br" and "word-continues" in (element.get("class") or "").split())
        if breaks:
            parts.append(" ")
        if "gen" not in (element.get("class") or "").split():
            parts.append(element.text or "")
            for child in element:
                if isinstance(child.tag, str):
                    walk(child)
                parts.append(child.tail or "")
        if breaks:
            parts.append(" ")

    for section in page.xpath("//section[contains(concat(' ', normalize-space(@class), ' '), ' text-section ')]"):
        walk(section)
    return "".join(parts).translate(_QUOTES).split()


def _word_runs(text: str) -> list[str]:
    """The runs of letters, digits and combining marks in `text` (re's \\w leaves the marks out,
    and would cut "संस्कृतम्" into pieces at its vowel signs)."""
    import unicodedata

    runs, run = [], []
    for char in text:
        if char.isalnum() or char == "_" or unicodedata.category(char).startswith("M"):
            run.append(char)
        elif run:
            runs.append("".join(run))
            run = []
    if run:
        runs.append("".join(run))
    return runs


def word_forms(words: list[str]) -> Counter[str]:
    """Words as a PDF's text can be compared with them: letters and digits only, case and
    compatibility forms folded ("ﬁ" is "fi"), a hyphenated compound as its parts."""
    import unicodedata

    return Counter(_word_runs(unicodedata.normalize("NFKC", " ".join(words)).casefold()))


def printed_word_forms(text: str) -> Counter[str]:
    """The word forms of text extracted from a PDF (`pdftotext -raw`), generously: what a
    word can look like there, for telling which words of a document are missing from it.

    A word with editorial brackets inside ("b[ysku]p", "[correction]s") counts with them
    dropped and as its parts (the source's own "Pred[icatorum]", the "(фис)вв" of a head), and
    with a bracketed label inside it taken out ("C[.]KΛ", "C[illegible]KΛ" of an inscription whose
    transcription leaves a letter out, "C.KΛ" where it is illegible: the word is "CKΛ" in the TEI);
    a note's
    number set against a word ("Zion4", "3foot") also counts without it; a word broken at a
    line's end ("указа-" / "за", "Com" / "me" of a diplomatic line break) counts whole as
    well, joined with the first word of each of the next lines (at a page's foot the
    running head and the margin's numbers stand between the two halves).
    """
    import unicodedata

    text = unicodedata.normalize("NFKC", text).casefold()
    forms: Counter[str] = Counter()
    for variant in (text, re.sub(r"(?<=\w)[()\[\]{}⟦⟧〈〉<>](?=\w)", "", text), re.sub(r"\[[^\[\]\n]*\]|(?<=\w)\.+(?=\w)", "", text)):
        lines = [_word_runs(line) for line in variant.splitlines()]
        forms.update(word for line in lines for word in line)
        numbered = [word for line in lines for word in line if not word.isalpha() and not word.isdigit()]
        forms.update(part for word in numbered for part in re.findall(r"[^\W\d_]+", word))
        forms.update(re.sub(r"\d+", "", word) for word in numbered)  # "hyāta¹mīna": a note's call inside a word
        for n, line in enumerate(lines):
            if line:
                forms.update(line[-1] + after[0] for after in lines[n + 1:n + 9] if after)
    return forms


def missing_from_print(words: list[str], text: str, typeset: str | None = None) -> Counter[str]:
    """The word forms of `words` (a document's text) not found in `text` (its pages, `pdftotext -raw`).

    A word whose glyphs are shaped in clusters (set_in_clusters: Devanagari's vowel signs and
    conjuncts, Hebrew's points) may come out of a PDF parted where its glyphs overlap ("क्ष त्रिय"):
    it counts as found when it stands in the text with the spaces taken out.  Often it cannot be
    read back at all:
    a PDF maps each glyph to text once for the whole document (ToUnicode), so a cluster of glyphs
    (a consonant with its vowel sign set before it, a letter with its point) keeps its text on
    one glyph only, and the same glyph elsewhere reads as nothing ("अतिथि" comes out "अतथि",
    "צִיּוֹן" as "ֹןו").  Given `typeset`, the text of the paged HTML the PDF was laid out from,
    such a word counts as found when it is there.
    """
    import unicodedata

    wanted = word_forms(words)
    missing = wanted - printed_word_forms(text)
    if not missing:
        return missing
    letters = "".join(unicodedata.normalize("NFKC", text).casefold().split())
    laid_out = word_forms(typeset.split()) if typeset is not None else Counter()
    for form in list(missing):
        if set_in_clusters(form) and (form in letters or laid_out[form] >= wanted[form]):
            del missing[form]
    return missing


def set_in_clusters(form: str) -> bool:
    """Whether a word's glyphs are shaped in clusters whose text a PDF may not give back: it has a
    combining mark (a vowel sign, a point, an accent not precomposed), or it is in a script of
    conjuncts and reordered vowel signs (the Indic scripts, Devanagari to Sinhala; Thai to Khmer)."""
    import unicodedata

    return any(unicodedata.category(c) in ("Mn", "Mc") or "\u0900" <= c <= "\u0dff" or "\u0e00" <= c <= "\u0fff"
               or "\u1000" <= c <= "\u109f" or "\u1780" <= c <= "\u17ff" for c in form)


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
