<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/layout.xsl: the frame every HTML page shares (head, site header,
  footer).  Included by html/page.xsl and html/index.xsl.

  Pages are self-contained: the only files they load are assets/edition.css
  and assets/edition.js, by relative URL, so the site opens from file:// and
  from any static host, and no request leaves it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:tei-edition:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The kinds of entries the edition's authority file has an index page of ("person place org",
       tei/render.py; "" without an authority file): linked from every page. -->
  <xsl:param name="entity_indexes" as="xs:string" select="''"/>

  <!-- The page of an index of entries: persons.html, places.html, organisations.html. -->
  <xsl:function name="ed:entity-index-href" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="map { 'person': 'persons.html', 'place': 'places.html', 'org': 'organisations.html' }($kind)"/>
  </xsl:function>

  <!-- The reader's choice between the Cyrillic of Russian names and their ALA-LC romanisation
       (data-latn, tei/render.py): a button edition.js shows and works; without script the
       names stay in Cyrillic and the button stays hidden. -->
  <xsl:template name="ed:script-toggle">
    <p class="script-toggle" hidden="">
      <button type="button" class="romanise" aria-pressed="false" data-romanise="">{ed:i18n('romanise-names')}</button>
    </p>
  </xsl:template>

  <!-- The edition's name: "Title: Subtitle". -->
  <xsl:variable name="ed:edition-name" as="xs:string" select="string-join(($title, $subtitle)[. != ''], ': ')"/>

  <xsl:template name="ed:html-page">
    <xsl:param name="page-title" as="xs:string"/>
    <xsl:param name="page-class" as="xs:string"/>
    <xsl:param name="head" as="element()*" select="()"/>
    <xsl:param name="content" as="element()*"/>
    <html lang="{$ed:lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>{if ($page-title = $title or $title = '') then $page-title else $page-title || ' — ' || $title}</title>
        <link rel="icon" href="assets/favicon.svg" type="image/svg+xml"/>
        <link rel="stylesheet" href="assets/edition.css"/>
        <xsl:sequence select="$head"/>
        <script src="assets/edition.js" defer=""></script>
      </head>
      <body class="{$page-class}">
        <a class="skip-link" href="#main">{ed:i18n('skip-to-content')}</a>
        <header class="site-header">
          <p class="site-title"><a href="index.html">{$title}</a><xsl:if test="$subtitle != ''"><span
              class="site-subtitle">{$subtitle}</span></xsl:if></p>
          <nav class="site-nav" aria-label="{ed:i18n('site-navigation')}">
            <a href="index.html">{ed:i18n('home')}</a>
            <xsl:for-each select="tokenize($entity_indexes)">
              <a href="{ed:entity-index-href(.)}">{ed:i18n('index-' || .)}</a>
            </xsl:for-each>
            <a href="search.html" class="search-link">{ed:i18n('search')}</a>
          </nav>
        </header>
        <xsl:sequence select="$content"/>
        <footer class="site-footer">
          <p>
            <span class="edition-name">{$ed:edition-name}.</span>
            <xsl:if test="$editors != ''"><xsl:text> </xsl:text>{ed:i18n('edited-by', $editors)}.</xsl:if>
            <xsl:if test="$publisher != ''">
              <xsl:text> </xsl:text>{ed:i18n('published-by',
                  string-join(($publisher, $publisher_place, $year)[. != ''], ', '))}.</xsl:if>
            <xsl:if test="$licence_name != ''">
              <xsl:text> </xsl:text>{ed:i18n('licensed-under')}<xsl:text> </xsl:text>
              <xsl:choose>
                <xsl:when test="$licence_url != ''"><a rel="license" href="{$licence_url}">{$licence_name}</a></xsl:when>
                <xsl:otherwise>{$licence_name}</xsl:otherwise>
              </xsl:choose>.</xsl:if>
          </p>
        </footer>
      </body>
    </html>
  </xsl:template>

</xsl:stylesheet>
