"""The edition as an OAI-PMH 2.0 repository: the protocol, without HTTP.

`Repository.respond(arguments, base_url)` answers one OAI-PMH request (its
arguments as (name, value) pairs, repeated names kept, so that a repeated
argument can be refused) with the bytes of the XML response.  tei.serve puts it
behind HTTP at /oai; tei.exchange.static writes the same records into a static
repository file.

What the repository offers:

- items: the edition's documents (corpus/tei), identifiers
  "oai:HOST:ID" (the oai-identifier scheme; HOST is the host of the edition's
  base URL, ID the document id);
- metadata formats: oai_dc (tei.exchange.dc) and tei, the TEI document itself
  (full TEI P5);
- sets, hierarchical: "language" with "language:CODE" for the language of the
  original (ru ...), and "year" with "year:YYYY" for the year of the document;
  a record's header lists its sets and their parents;
- datestamps: the day of the TEI file's last change (see
  tei.exchange.documents: the latest revisionDesc/change/@when, else the file's
  modification time); granularity YYYY-MM-DD, so a from/until to the second is
  a badArgument, as the protocol says for a finer granularity than the
  repository's;
- deleted records: "no" (the edition keeps no record of removed documents);
- flow control: lists longer than `page_size` are split; the resumption token
  carries the request and the position, with a fingerprint of the repository's
  contents, so it needs no server state and a token from before a change of the
  edition is refused (badResumptionToken) instead of skipping or repeating
  records; the last part of a split list has an empty resumptionToken, and every
  token has completeListSize and cursor;
- every error of the protocol: badVerb, badArgument, badResumptionToken,
  cannotDisseminateFormat, idDoesNotExist, noRecordsMatch, noSetHierarchy (for a
  repository made with sets=False, or with no document that falls in a set).
  The request element echoes the arguments, except after badVerb and
  badArgument, where the protocol says to give the base URL alone.

The responses validate against the OAI-PMH 2.0 schema (tests/test_oai.py).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import urllib.parse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from lxml import etree

from tei.exchange.dc import OAI_DC_NS, OAI_DC_SCHEMA, dc_record
from tei.exchange.documents import TEI_NS, Document, language_name, with_authority_uris

if TYPE_CHECKING:
    from tei.edition import Edition

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_IDENTIFIER_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
TEI_SCHEMA = "http://www.tei-c.org/release/xml/tei/custom/schema/xsd/tei_all.xsd"
GRANULARITY = "YYYY-MM-DD"
DEFAULT_PAGE_SIZE = 100


@dataclass(frozen=True)
class MetadataFormat:
    prefix: str
    schema: str
    namespace: str


METADATA_FORMATS = (
    MetadataFormat("oai_dc", OAI_DC_SCHEMA, OAI_DC_NS),
    MetadataFormat("tei", TEI_SCHEMA, TEI_NS),
)
FORMATS = {f.prefix: f for f in METADATA_FORMATS}

# verb -> (required arguments, optional arguments); "resumptionToken" is exclusive where it is allowed.
VERBS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "Identify": (frozenset(), frozenset()),
    "ListMetadataFormats": (frozenset(), frozenset({"identifier"})),
    "ListSets": (frozenset(), frozenset({"resumptionToken"})),
    "GetRecord": (frozenset({"identifier", "metadataPrefix"}), frozenset()),
    "ListIdentifiers": (frozenset({"metadataPrefix"}), frozenset({"from", "until", "set", "resumptionToken"})),
    "ListRecords": (frozenset({"metadataPrefix"}), frozenset({"from", "until", "set", "resumptionToken"})),
}
# Patterns of the OAI-PMH schema's metadataPrefixType and setSpecType.
_PREFIX = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+$")
_SET_SPEC = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


class OAIError(Exception):
    """An OAI-PMH error condition: its code and a message for the harvester."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Item:
    identifier: str
    datestamp: str
    sets: tuple[str, ...]
    document: Document


@dataclass(frozen=True)
class SetInfo:
    spec: str
    name: str


class Repository:
    """The edition's documents as an OAI-PMH repository (see the module documentation)."""

    def __init__(self, documents: Sequence[Document], edition: Edition, *, page_size: int = DEFAULT_PAGE_SIZE,
                 admin_email: str | None = None, sets: bool = True):
        if page_size < 1:
            raise ValueError("page_size must be at least 1")
        self.edition = edition
        self.page_size = page_size
        self.host = urllib.parse.urlsplit(edition.base_url).hostname or "localhost"
        self.admin_email = admin_email or default_admin_email(edition)
        self.name = edition.title + (f": {edition.subtitle}" if edition.subtitle else "")
        self.items = sorted((Item(self.identifier(d.id), d.datestamp, self._sets_of(d) if sets else (), d)
                             for d in documents), key=lambda item: item.identifier)
        self.by_identifier = {item.identifier: item for item in self.items}
        self.sets = self._set_list() if sets else []
        digest = hashlib.sha256()
        for item in self.items:
            digest.update(f"{item.identifier}\0{item.datestamp}\0{item.document.sha256}\0".encode())
        digest.update(f"{page_size}".encode())
        self.fingerprint = digest.hexdigest()[:16]

    # ------------------------------------------------------------ identity

    def identifier(self, doc_id: str) -> str:
        return f"oai:{self.host}:{doc_id}"

    @property
    def earliest_datestamp(self) -> str:
        return min((item.datestamp for item in self.items), default=datetime.now(UTC).date().isoformat())

    @staticmethod
    def _sets_of(document: Document) -> tuple[str, ...]:
        specs = []
        if document.original_language and _SET_SPEC.match(f"language:{document.original_language}"):
            specs += ["language", f"language:{document.original_language}"]
        if document.year:
            specs += ["year", f"year:{document.year}"]
        return tuple(specs)

    def _set_list(self) -> list[SetInfo]:
        found = sorted({spec for item in self.items for spec in item.sets})
        out = []
        for spec in found:
            kind, _, value = spec.partition(":")
            if kind == "language":
                name = f"Original language: {language_name(value)}" if value else "Documents by original language"
            else:
                name = f"Year: {value}" if value else "Documents by year"
            out.append(SetInfo(spec, name))
        return out

    # ------------------------------------------------------------ the protocol

    def respond(self, arguments: Iterable[tuple[str, str]], base_url: str, now: datetime | None = None) -> bytes:
        """The response to one request, serialised (UTF-8, with an XML declaration)."""
        arguments = list(arguments)
        root = etree.Element(f"{{{OAI_NS}}}OAI-PMH", nsmap={None: OAI_NS, "xsi": XSI_NS})
        root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_NS} {OAI_SCHEMA}")
        moment = (now or datetime.now(UTC)).astimezone(UTC)
        _sub(root, "responseDate", moment.strftime("%Y-%m-%dT%H:%M:%SZ"))
        request = _sub(root, "request", base_url)
        try:
            verb, args = self._check(arguments)
        except OAIError as error:  # badVerb, badArgument: the base URL alone
            _error(root, error)
            return _serialise(root)
        for name, value in [("verb", verb), *sorted(args.items())]:
            request.set(name, value)
        try:
            root.append(getattr(self, f"_{verb}")(args, base_url))
        except OAIError as error:
            _error(root, error)
        return _serialise(root)

    def _check(self, arguments: list[tuple[str, str]]) -> tuple[str, dict[str, str]]:
        verbs = [value for name, value in arguments if name == "verb"]
        if not verbs:
            raise OAIError("badVerb", "the request has no verb argument")
        if len(verbs) > 1:
            raise OAIError("badVerb", "the verb argument is repeated")
        verb = verbs[0]
        if verb not in VERBS:
            raise OAIError("badVerb", f"{verb!r} is not an OAI-PMH verb: use one of {', '.join(VERBS)}")
        required, optional = VERBS[verb]
        args: dict[str, str] = {}
        for name, value in arguments:
            if name == "verb":
                continue
            if name in args:
                raise OAIError("badArgument", f"the argument {name} is repeated")
            if name not in required | optional:
                raise OAIError("badArgument", f"{verb} does not take the argument {name!r}")
            args[name] = value
        if "resumptionToken" in args:
            if len(args) > 1:
                raise OAIError("badArgument", "resumptionToken is an exclusive argument: give it alone, with the verb")
            return verb, args
        missing = sorted(required - set(args))
        if missing:
            raise OAIError("badArgument", f"{verb} needs the argument{'s' if len(missing) > 1 else ''} "
                                          f"{', '.join(missing)}")
        if "metadataPrefix" in args and not _PREFIX.match(args["metadataPrefix"]):
            raise OAIError("badArgument", f"{args['metadataPrefix']!r} is not a metadataPrefix (letters, digits, "
                                          "-_.!~*'() only)")
        if "set" in args and not _SET_SPEC.match(args["set"]):
            raise OAIError("badArgument", f"{args['set']!r} is not a setSpec")
        if "identifier" in args and not args["identifier"].strip():
            raise OAIError("badArgument", "the identifier is empty")
        for name in ("from", "until"):
            if name in args:
                _check_date(name, args[name])
        if "from" in args and "until" in args:
            if len(args["from"]) != len(args["until"]):
                raise OAIError("badArgument", "from and until must have the same granularity")
            if args["from"] > args["until"]:
                raise OAIError("badArgument", f"from ({args['from']}) is later than until ({args['until']})")
        return verb, args

    # ------------------------------------------------------------ verbs

    def _Identify(self, args: dict[str, str], base_url: str) -> etree._Element:
        return identify_element(self, base_url)

    def _ListMetadataFormats(self, args: dict[str, str], base_url: str) -> etree._Element:
        if "identifier" in args:
            self._item(args["identifier"])
        return metadata_formats_element()

    def _ListSets(self, args: dict[str, str], base_url: str) -> etree._Element:
        if "resumptionToken" in args:
            raise OAIError("badResumptionToken", "ListSets is never split into parts: this token was not issued here")
        if not self.sets:
            raise OAIError("noSetHierarchy", "this repository does not support sets")
        element = _element("ListSets")
        for info in self.sets:
            entry = _sub(element, "set")
            _sub(entry, "setSpec", info.spec)
            _sub(entry, "setName", info.name)
        return element

    def _GetRecord(self, args: dict[str, str], base_url: str) -> etree._Element:
        item = self._item(args["identifier"])
        prefix = self._format(args["metadataPrefix"])
        element = _element("GetRecord")
        element.append(record_element(self, item, prefix))
        return element

    def _ListIdentifiers(self, args: dict[str, str], base_url: str) -> etree._Element:
        return self._list("ListIdentifiers", args)

    def _ListRecords(self, args: dict[str, str], base_url: str) -> etree._Element:
        return self._list("ListRecords", args)

    def _list(self, verb: str, args: dict[str, str]) -> etree._Element:
        if "resumptionToken" in args:
            args, offset = self._read_token(verb, args["resumptionToken"])
        else:
            offset = 0
        prefix = self._format(args["metadataPrefix"])
        if "set" in args and not self.sets:
            raise OAIError("noSetHierarchy", "this repository does not support sets")
        matching = self.select(args.get("from"), args.get("until"), args.get("set"))
        if not matching:
            raise OAIError("noRecordsMatch", "no record matches the combination of from, until, set and "
                                             "metadataPrefix")
        element = _element(verb)
        page = matching[offset:offset + self.page_size]
        for item in page:
            if verb == "ListIdentifiers":
                element.append(header_element(item))
            else:
                element.append(record_element(self, item, prefix))
        if offset > 0 or len(matching) > self.page_size:
            token = _sub(element, "resumptionToken")
            token.set("completeListSize", str(len(matching)))
            token.set("cursor", str(offset))
            if offset + self.page_size < len(matching):
                token.text = self._make_token(verb, args, offset + self.page_size)
        return element

    def select(self, start: str | None, until: str | None, set_spec: str | None) -> list[Item]:
        """The items in the set `set_spec` (or one of its subsets) changed on or between the days given."""
        start_day, until_day = (start or "")[:10], (until or "")[:10]
        return [item for item in self.items
                if (not start_day or item.datestamp >= start_day)
                and (not until_day or item.datestamp <= until_day)
                and (not set_spec or set_spec in item.sets)]

    def _item(self, identifier: str) -> Item:
        item = self.by_identifier.get(identifier)
        if item is None:
            raise OAIError("idDoesNotExist", f"{identifier!r} is not an identifier of this repository "
                                             f"(they look like {self.identifier('ID')})")
        return item

    @staticmethod
    def _format(prefix: str) -> MetadataFormat:
        if prefix not in FORMATS:
            raise OAIError("cannotDisseminateFormat", f"the metadata format {prefix!r} is not offered: use "
                                                      f"{' or '.join(FORMATS)}")
        return FORMATS[prefix]

    # ------------------------------------------------------------ resumption tokens

    def _make_token(self, verb: str, args: dict[str, str], offset: int) -> str:
        state = {"v": verb, "a": {k: args[k] for k in sorted(args)}, "o": offset, "h": self.fingerprint}
        raw = json.dumps(state, separators=(",", ":"), sort_keys=True).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def _read_token(self, verb: str, token: str) -> tuple[dict[str, str], int]:
        bad = OAIError("badResumptionToken", "the resumption token is not one this repository issued")
        try:
            state = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        except (binascii.Error, ValueError, UnicodeDecodeError):
            raise bad from None
        if not isinstance(state, dict) or state.get("v") != verb or not isinstance(state.get("a"), dict) \
                or not isinstance(state.get("o"), int) or state["o"] < 1:
            raise bad
        if state.get("h") != self.fingerprint:
            raise OAIError("badResumptionToken", "the resumption token has expired: the edition changed since it was "
                                                 "issued; start the list again")
        args = {str(k): str(v) for k, v in state["a"].items()}
        if set(args) - {"metadataPrefix", "from", "until", "set"} or "metadataPrefix" not in args:
            raise bad
        return args, state["o"]


# ---------------------------------------------------------------- parts of responses (the static repository's too)

def default_admin_email(edition: Edition) -> str:
    """webmaster@HOST (RFC 2142's mailbox for a web service) of the edition's base URL, unless one is given."""
    host = urllib.parse.urlsplit(edition.base_url).hostname or "localhost"
    return f"webmaster@{host}"


def identify_element(repository: Repository, base_url: str) -> etree._Element:
    element = _element("Identify")
    _sub(element, "repositoryName", repository.name)
    _sub(element, "baseURL", base_url)
    _sub(element, "protocolVersion", "2.0")
    _sub(element, "adminEmail", repository.admin_email)
    _sub(element, "earliestDatestamp", repository.earliest_datestamp)
    _sub(element, "deletedRecord", "no")
    _sub(element, "granularity", GRANULARITY)
    description = _sub(element, "description")
    identifier = etree.SubElement(description, f"{{{OAI_IDENTIFIER_NS}}}oai-identifier",
                                  nsmap={None: OAI_IDENTIFIER_NS})
    identifier.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_IDENTIFIER_NS} {OAI_IDENTIFIER_SCHEMA}")
    for name, value in (("scheme", "oai"), ("repositoryIdentifier", repository.host), ("delimiter", ":"),
                        ("sampleIdentifier", repository.items[0].identifier if repository.items
                         else repository.identifier("wcda-117315"))):
        etree.SubElement(identifier, f"{{{OAI_IDENTIFIER_NS}}}{name}").text = value
    return element


def metadata_formats_element() -> etree._Element:
    element = _element("ListMetadataFormats")
    for fmt in METADATA_FORMATS:
        entry = _sub(element, "metadataFormat")
        _sub(entry, "metadataPrefix", fmt.prefix)
        _sub(entry, "schema", fmt.schema)
        _sub(entry, "metadataNamespace", fmt.namespace)
    return element


def header_element(item: Item, *, with_sets: bool = True) -> etree._Element:
    header = _element("header")
    _sub(header, "identifier", item.identifier)
    _sub(header, "datestamp", item.datestamp)
    if with_sets:
        for spec in item.sets:
            _sub(header, "setSpec", spec)
    return header


def record_element(repository: Repository, item: Item, fmt: MetadataFormat, *,
                   with_sets: bool = True) -> etree._Element:
    record = _element("record")
    record.append(header_element(item, with_sets=with_sets))
    metadata = _sub(record, "metadata")
    if fmt.prefix == "oai_dc":
        metadata.append(dc_record(item.document, repository.edition))
    else:
        # The document as it is, its pointers into the authority file with the entries' Wikidata URIs added.
        metadata.append(with_authority_uris(item.document.tree().getroot(), item.document.path))
    return record


def _check_date(name: str, value: str) -> None:
    if _SECOND.match(value):
        raise OAIError("badArgument", f"{name}={value}: this repository's granularity is {GRANULARITY} (days); "
                                      "give the day alone")
    if not _DAY.match(value):
        raise OAIError("badArgument", f"{name}={value!r} is not a date (YYYY-MM-DD)")
    try:
        datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        raise OAIError("badArgument", f"{name}={value} is not a date of the calendar") from None


def _element(name: str) -> etree._Element:
    return etree.Element(f"{{{OAI_NS}}}{name}", nsmap={None: OAI_NS})


def _sub(parent: etree._Element, name: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{OAI_NS}}}{name}")
    if text is not None:
        element.text = text
    return element


def _error(root: etree._Element, error: OAIError) -> None:
    _sub(root, "error", error.message).set("code", error.code)


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
