<?xml version="1.0" encoding="UTF-8"?>
<!--
  catalogue.xsl: the edition's list of documents, in reading order.

  Applied to a TEI document, it returns the document's catalogue entry
  (ed:catalogue-entry in core.xsl).  Applied to <ed:entries> (the entries of
  all documents, in any order, gathered by tei/render.py, which caches them
  per TEI file), it returns <ed:catalogue> with the entries in reading order:
  by date, undated last, then by id.  The HTML index and the previous/next
  links are made from that catalogue, and so will the print volume's contents.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:tei-edition:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="core.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no" omit-xml-declaration="yes"/>

  <xsl:mode on-no-match="fail"/>

  <xsl:template match="document-node(element(tei:TEI))">
    <xsl:sequence select="ed:catalogue-entry(tei:TEI)"/>
  </xsl:template>

  <xsl:template match="document-node(element(ed:entries))">
    <ed:catalogue count="{count(ed:entries/ed:entry)}">
      <xsl:perform-sort select="ed:entries/ed:entry">
        <xsl:sort select="@sort"/>
        <xsl:sort select="@id"/>
      </xsl:perform-sort>
    </ed:catalogue>
  </xsl:template>

  <xsl:template match="document-node()" priority="-1">
    <xsl:message terminate="yes">[ed:catalogue] expected a TEI document or ed:entries, found {name(*[1])}</xsl:message>
  </xsl:template>

</xsl:stylesheet>
