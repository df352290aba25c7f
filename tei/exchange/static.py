"""The edition as an OAI-PMH static repository: one XML file for archives that host no server.

A static repository (OAI, "Specification for an OAI Static Repository and an OAI
Static Repository Gateway", 2004) is harvested through a static repository
gateway, which answers OAI-PMH requests from the file.  Its rules, followed here:
the root sr:Repository holds Identify, ListMetadataFormats and one ListRecords
per metadata format (oai_dc and tei); no sets, no resumption tokens, no deleted
records (deletedRecord "no"), granularity YYYY-MM-DD, every record with its
metadata; at most 5,000 records per format.  The Identify's baseURL is the
gateway's URL followed by the file's URL without its scheme; with no gateway
named (`gateway`), it is the file's URL itself, to be corrected when the edition
registers with a gateway.

The records are those of the OAI-PMH endpoint (tei.oai), element for element.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from tei.oai import METADATA_FORMATS, OAI_NS, OAI_SCHEMA, XSI_NS, Repository, identify_element, \
    metadata_formats_element, record_element

if TYPE_CHECKING:
    from tei.edition import Edition
    from tei.exchange.documents import Document

STATIC_NS = "http://www.openarchives.org/OAI/2.0/static-repository"
STATIC_SCHEMA = "http://www.openarchives.org/OAI/2.0/static-repository.xsd"
MAX_RECORDS = 5000


class StaticRepositoryError(Exception):
    """The edition cannot be a static repository (too many records)."""


def static_repository(documents: list[Document], edition: Edition, url: str, *, gateway: str | None = None,
                      admin_email: str | None = None) -> bytes:
    """The static repository file, to be published at `url`."""
    if len(documents) > MAX_RECORDS:
        raise StaticRepositoryError(f"a static repository holds at most {MAX_RECORDS} records; the edition has "
                                    f"{len(documents)}: serve it with 'tei serve' (OAI-PMH at /oai) instead")
    repository = Repository(documents, edition, admin_email=admin_email, sets=False)
    base_url = gateway.rstrip("/") + "/" + url.split("://", 1)[-1] if gateway else url
    root = etree.Element(f"{{{STATIC_NS}}}Repository", nsmap={None: STATIC_NS, "oai": OAI_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{STATIC_NS} {STATIC_SCHEMA} {OAI_NS} {OAI_SCHEMA}")
    root.append(_restate(identify_element(repository, base_url), "Identify"))
    root.append(_restate(metadata_formats_element(), "ListMetadataFormats"))
    for fmt in METADATA_FORMATS:
        records = etree.SubElement(root, f"{{{STATIC_NS}}}ListRecords", metadataPrefix=fmt.prefix)
        for item in repository.items:
            records.append(record_element(repository, item, fmt, with_sets=False))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _restate(element: etree._Element, name: str) -> etree._Element:
    """The OAI-PMH element as the static repository's own (sr:NAME), its children still in the OAI namespace."""
    renamed = etree.Element(f"{{{STATIC_NS}}}{name}", nsmap={None: STATIC_NS, "oai": OAI_NS})
    for child in list(element):
        renamed.append(child)
    return renamed
