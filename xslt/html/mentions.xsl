<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/mentions.xsl: the names of one TEI document that point at entries of the
  authority file, for the entity pages (html/entity.xsl).  tei/render.py runs it
  beside page.xsl on each document it renders, keeps its output with the page's
  record, and hands each entity page the mentions of its entry from every document.

    <ed:mentions doc="ID" title="…" when="1950-11-10" date="10 November 1950" sort="…">
      <ed:mention ref="molotov" kind="person" id="ID.ru.p3.n1" lang="ru" role="Russian original">
        <ed:before>…</ed:before><ed:name>Молотову</ed:name><ed:after>…</ed:after></ed:mention> …
    </ed:mentions>

  The mention's id is the one page.xsl gives the name (ed:mention-id, entities.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:tei-edition:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="../core.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no" omit-xml-declaration="yes"/>

  <xsl:mode on-no-match="fail"/>

  <!-- Characters of context on each side of a mention. -->
  <xsl:variable name="ed:context-width" as="xs:integer" select="70"/>

  <xsl:template match="document-node(element(tei:TEI))">
    <xsl:variable name="tei" as="element(tei:TEI)" select="tei:TEI"/>
    <xsl:variable name="when" as="xs:string?" select="ed:date-when($tei)"/>
    <ed:mentions doc="{ed:doc-id($tei)}" title="{ed:title($tei)}" when="{$when}" date="{ed:format-date($when)}"
        sort="{ed:sort-key($tei)}">
      <xsl:for-each select="ed:mentions($tei)">
        <xsl:variable name="div" as="element(tei:div)?" select="ed:text-div(.)"/>
        <xsl:variable name="context" as="xs:string*" select="ed:mention-context(., $ed:context-width)"/>
        <ed:mention ref="{ed:entity-id(.)}" kind="{ed:entity-kind(.)}" id="{ed:mention-id(.)}"
            lang="{(ancestor-or-self::*[@xml:lang][1]/@xml:lang, 'und')[1]}"
            role="{if (exists($div)) then ed:role-label($div) else ''}" div="{$div/@xml:id}">
          <ed:before>{$context[1]}</ed:before>
          <ed:name>{$context[2]}</ed:name>
          <ed:after>{$context[3]}</ed:after>
        </ed:mention>
      </xsl:for-each>
    </ed:mentions>
  </xsl:template>

</xsl:stylesheet>
