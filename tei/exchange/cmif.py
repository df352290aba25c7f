"""The edition's letters and telegrams in the Correspondence Metadata Interchange Format (CMIF).

CMIF (TEI Correspondence SIG, version 1) is one TEI file whose profileDesc holds a
correspDesc per letter; correspondence portals such as correspSearch harvest it.
Its conventions, followed here:

- fileDesc/titleStmt: title of the index, editor(s);
- publicationStmt: publisher (with ref), idno[@type='url'] (the URL of the CMIF file
  itself), date/@when (xsd:dateTime of the last change: here the latest datestamp
  of the documents, so the file is the same however often it is made), and the
  licence, which must be CC-BY 4.0 with the SIG's wording;
- sourceDesc/bibl[@type='online'] with an @xml:id (a UUID, as the SIG's Schematron
  recommends; ours is derived from the edition's URL, so it is stable, and starts
  with a letter so that it is also an XML name, as xml:id must be), describing the
  edition;
- one correspDesc per document with correspondence (correspDesc in its header):
  @ref (the document's page), @key (its id), @source pointing at the bibl;
  correspAction type "sent" and "received", each with persName (or orgName),
  placeName and date (@when, yyyy[-mm[-dd]]) and nothing else; a person or place
  has @ref, its authority URI (Wikidata's), where the edition's authority file
  (corpus/authority.xml) gives one; an unknown side is
  persName "Unknown" (CMIF requires both sides); an unknown date is left out;
- text/body holds an empty p.

The file is valid full TEI P5 (tests check it with tei_all.rng).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from lxml import etree

from tei.exchange.documents import Document
from tei.encode import el
from tei.exchange.teicorpus import with_prolog

if TYPE_CHECKING:
    from tei.edition import Edition

CMIF_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
CMIF_LICENCE_TEXT = "This file is licensed under the terms of the Creative-Commons-License CC-BY 4.0"
UNKNOWN = "Unknown"


def cmif_uuid(edition: Edition) -> str:
    """A UUID for the edition's bibl, the same on every run, and a valid xml:id (starts with a letter)."""
    for n in range(1000):
        candidate = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{edition.base_url}#cmif{'' if n == 0 else n}"))
        if candidate[0].isalpha():
            return candidate
    raise AssertionError("no UUID starting with a letter in 1000 tries")  # (10/16)^1000: never


def cmif(documents: list[Document], edition: Edition, url: str) -> tuple[bytes, list[str]]:
    """The CMIF file (to be published at `url`) and warnings."""
    warnings: list[str] = []
    letters = [d for d in documents if d.is_correspondence]
    if not _is_cc_by_4(edition.licence.url):
        warnings.append(f"the edition's licence is {edition.licence.name} ({edition.licence.url}); CMIF publishes "
                        "correspondence metadata under CC-BY 4.0 only, so the CMIF file says CC-BY 4.0")
    root = el(None, "TEI")
    header = el(root, "teiHeader")
    file_desc = el(header, "fileDesc")
    title_stmt = el(file_desc, "titleStmt")
    el(title_stmt, "title", f"Letters and telegrams of the digital edition {edition.title}"
                             + (f": {edition.subtitle}" if edition.subtitle else ""))
    for editor in edition.editors:
        el(title_stmt, "editor", editor.name)
    pub = el(file_desc, "publicationStmt")
    publisher = el(pub, "publisher")
    if edition.publisher.url:
        el(publisher, "ref", edition.publisher.name, target=edition.publisher.url)
    else:
        publisher.text = edition.publisher.name
    el(pub, "idno", url, type="url")
    latest = max((d.datestamp for d in letters), default=None)
    if latest:
        el(pub, "date", when=f"{latest}T00:00:00Z")
    availability = el(pub, "availability")
    el(availability, "licence", CMIF_LICENCE_TEXT, target=CMIF_LICENCE_URL)
    bibl_id = cmif_uuid(edition)
    source_desc = el(file_desc, "sourceDesc")
    bibl = el(source_desc, "bibl", type="online", xml_id=bibl_id)
    names = ", ".join(e.name for e in edition.editors)
    bibl.text = (f"{edition.title}" + (f": {edition.subtitle}" if edition.subtitle else "")
                 + f". Edited by {names}. {edition.publisher.name}"
                 + (f", {edition.year}" if edition.year else "") + ". ")
    el(bibl, "ref", edition.base_url, target=edition.base_url)
    profile = el(header, "profileDesc")
    for document in letters:
        _corresp_desc(profile, document, bibl_id)
    if not letters:
        warnings.append("no document has correspondence metadata (correspDesc): the CMIF file lists no letters")
        profile.getparent().remove(profile)
    el(el(el(root, "text"), "body"), "p")
    etree.indent(root, space="  ")
    return with_prolog(root), warnings


def _corresp_desc(profile: etree._Element, document: Document, bibl_id: str) -> None:
    desc = el(profile, "correspDesc", key=document.id, ref=document.page_url, source=f"#{bibl_id}")
    for kind in ("sent", "received"):
        actions = document.actions(kind)
        action = el(desc, "correspAction", type=kind)
        persons = [(p, a.person_uris[k] if k < len(a.person_uris) else "") for a in actions
                   for k, p in enumerate(a.persons)]
        organisations = [o for a in actions for o in a.organisations]
        for person, uri in persons:  # @ref: the person's authority URI (Wikidata), where the edition knows it
            el(action, "persName", person, ref=uri)
        for organisation in organisations:
            el(action, "orgName", organisation)
        if not persons and not organisations:
            el(action, "persName", UNKNOWN)
        places = {p: (a.place_uris[k] if k < len(a.place_uris) else "") for a in actions
                  for k, p in enumerate(a.places)}
        for place, uri in places.items():
            el(action, "placeName", place, ref=uri)
        when = next((a.date for a in actions if a.date), None)
        if when and not when.startswith("--"):
            el(action, "date", when=when)


def _is_cc_by_4(url: str) -> bool:
    return url.rstrip("/").split("://")[-1].lower() in ("creativecommons.org/licenses/by/4.0",
                                                         "creativecommons.org/licenses/by/4.0/legalcode")

