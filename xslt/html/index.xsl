<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/index.xsl: the home page of the edition, from the catalogue
  (catalogue.xsl's <ed:catalogue>, documents in reading order).

  The edition's title and introduction, then a table of all documents.
  The table is the data: each row carries data-* attributes that
  assets/edition.js sorts and filters by (year, language, document type,
  words), in the page, with no request.  Without script the table is simply
  shown in reading order.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:tei-edition:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="../core.xsl"/>
  <xsl:include href="layout.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <!-- The authority file's entries, for the filters by person, place and organisation (tei/render.py):
       <ed:entities><ed:entity id="molotov" kind="person" label="Vyacheslav Molotov">…</ed:entity>…</ed:entities>. -->
  <xsl:param name="entities" as="document-node()?" select="()"/>

  <xsl:mode on-no-match="fail"/>
  <xsl:mode name="ed:row" on-no-match="fail"/>

  <xsl:template match="document-node(element(ed:catalogue))">
    <xsl:variable name="entries" as="element(ed:entry)*" select="ed:catalogue/ed:entry"/>
    <xsl:call-template name="ed:html-page">
      <xsl:with-param name="page-title" select="$title"/>
      <xsl:with-param name="page-class" select="'index-page'"/>
      <xsl:with-param name="head" as="element()*">
        <xsl:if test="$base_url != ''">
          <link rel="canonical" href="{$base_url}"/>
        </xsl:if>
        <xsl:if test="$introduction != ''">
          <meta name="description" content="{normalize-space($introduction)}"/>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="content" as="element()*">
        <main id="main">
          <header class="edition-header">
            <h1>{$title}</h1>
            <xsl:if test="$subtitle != ''">
              <p class="edition-subtitle">{$subtitle}</p>
            </xsl:if>
            <xsl:if test="$editors != ''">
              <p class="edition-editors">{ed:i18n('edited-by', $editors)}</p>
            </xsl:if>
          </header>
          <xsl:if test="normalize-space($introduction) != ''">
            <section class="introduction" aria-labelledby="introduction-heading">
              <h2 id="introduction-heading">{ed:i18n('introduction')}</h2>
              <!-- Paragraphs are separated by blank lines in edition.toml. -->
              <xsl:for-each select="tokenize($introduction, '\n\s*\n')[normalize-space()]">
                <p>{normalize-space()}</p>
              </xsl:for-each>
            </section>
          </xsl:if>
          <section class="catalogue" aria-labelledby="documents-heading">
            <h2 id="documents-heading">{ed:i18n('documents')}</h2>
            <xsl:call-template name="ed:filters">
              <xsl:with-param name="entries" select="$entries"/>
            </xsl:call-template>
            <p class="filter-status" id="filter-status" aria-live="polite"
                data-template="{ed:i18n('showing-count', ('#shown#', '#total#'))}">{ed:i18n('document-count', string(count($entries)))}</p>
            <div class="table-wrap">
              <table class="documents" id="documents" aria-labelledby="documents-heading">
                <thead>
                  <tr>
                    <xsl:for-each select="('date', 'title', 'from', 'to', 'languages', 'archive')">
                      <th scope="col" data-sort-key="{.}" data-sort-label="{ed:i18n('sort-by', ed:i18n('column-' || .))}">
                        <xsl:if test=". = 'date'"><xsl:attribute name="aria-sort" select="'ascending'"/></xsl:if>
                        {ed:i18n('column-' || .)}
                      </th>
                    </xsl:for-each>
                  </tr>
                </thead>
                <tbody>
                  <xsl:apply-templates select="$entries" mode="ed:row"/>
                </tbody>
              </table>
            </div>
            <p class="no-match" id="no-match" hidden="">{ed:i18n('no-documents-match')}</p>
          </section>
        </main>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="ed:entry" mode="ed:row">
    <xsl:variable name="languages" as="xs:string*" select="tokenize(@languages)"/>
    <tr data-date="{@sort}" data-year="{@year}" data-languages="{@languages}" data-type="{@type}"
        data-order="{position()}" data-title="{ed:title}" data-from="{ed:from}" data-to="{ed:to}"
        data-archive="{string-join(ed:archive, '; ')}" data-document="{@id}" data-entities="{@entities}">
      <td class="date">
        <xsl:choose>
          <xsl:when test="@when != ''"><time datetime="{@when}">{ed:format-date(@when)}</time></xsl:when>
          <xsl:otherwise>{ed:format-date(())}</xsl:otherwise>
        </xsl:choose>
      </td>
      <td class="title">
        <a href="{ed:page-href(@id)}">{ed:title}</a>
        <xsl:if test="@type != ''">
          <span class="doc-type">{ed:doc-type-label(@type)}</span>
        </xsl:if>
      </td>
      <td class="from">{(ed:from, ed:i18n('none'))[1]}</td>
      <td class="to">{(ed:to, ed:i18n('none'))[1]}</td>
      <td class="languages">{string-join($languages ! ed:language-name(.), ', ')}</td>
      <td class="archive">{if (exists(ed:archive)) then string-join(ed:archive, '; ') else ed:i18n('none')}</td>
    </tr>
  </xsl:template>

  <!-- The filters; edition.js shows them (they need script to work). -->
  <xsl:template name="ed:filters">
    <xsl:param name="entries" as="element(ed:entry)*"/>
    <form class="filters" id="filters" role="search" aria-label="{ed:i18n('filter-documents')}" hidden="">
      <xsl:call-template name="ed:filter-select">
        <xsl:with-param name="name" select="'year'"/>
        <xsl:with-param name="label" select="ed:i18n('filter-year')"/>
        <xsl:with-param name="values" select="sort(distinct-values($entries/@year[. != '']))"/>
        <xsl:with-param name="labels" select="sort(distinct-values($entries/@year[. != '']))"/>
      </xsl:call-template>
      <xsl:variable name="languages" as="xs:string*" select="sort(distinct-values($entries/tokenize(@languages)))"/>
      <xsl:call-template name="ed:filter-select">
        <xsl:with-param name="name" select="'language'"/>
        <xsl:with-param name="label" select="ed:i18n('filter-language')"/>
        <xsl:with-param name="values" select="$languages"/>
        <xsl:with-param name="labels" select="$languages ! ed:language-name(.)"/>
      </xsl:call-template>
      <xsl:variable name="types" as="xs:string*" select="sort(distinct-values($entries/@type[. != '']))"/>
      <xsl:call-template name="ed:filter-select">
        <xsl:with-param name="name" select="'type'"/>
        <xsl:with-param name="label" select="ed:i18n('filter-type')"/>
        <xsl:with-param name="values" select="$types"/>
        <xsl:with-param name="labels" select="$types ! ed:doc-type-label(.)"/>
      </xsl:call-template>
      <!-- The entries some document points at, by kind, sorted by name (entities.xsl). -->
      <xsl:variable name="named" as="element(ed:entity)*"
          select="$entities/ed:entities/ed:entity[@id = $entries/tokenize(@entities)]"/>
      <xsl:for-each select="'person', 'place', 'org'">
        <xsl:variable name="kind" as="xs:string" select="."/>
        <xsl:variable name="of-kind" as="element(ed:entity)*">
          <xsl:perform-sort select="$named[@kind = $kind]">
            <xsl:sort select="lower-case(@label)" lang="{$ed:lang}"/>
          </xsl:perform-sort>
        </xsl:variable>
        <xsl:if test="exists($of-kind)">
          <xsl:call-template name="ed:filter-select">
            <xsl:with-param name="name" select="$kind"/>
            <xsl:with-param name="label" select="ed:i18n('filter-' || $kind)"/>
            <xsl:with-param name="values" select="$of-kind/@id/string()"/>
            <xsl:with-param name="labels" select="$of-kind ! string((ed:name[@xml:lang = $ed:lang][1][$ed:lang = 'ru'], @label)[1])"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:for-each>
      <div class="filter">
        <label for="filter-text">{ed:i18n('filter-text')}</label>
        <input type="search" id="filter-text" name="text" data-filter="text" autocomplete="off"/>
      </div>
      <div class="filter filter-reset">
        <button type="reset">{ed:i18n('filter-reset')}</button>
      </div>
    </form>
  </xsl:template>

  <xsl:template name="ed:filter-select">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="values" as="xs:string*"/>
    <xsl:param name="labels" as="xs:string*"/>
    <div class="filter">
      <label for="filter-{$name}">{$label}</label>
      <select id="filter-{$name}" name="{$name}" data-filter="{$name}">
        <option value="">{ed:i18n('filter-any')}</option>
        <xsl:for-each select="$values">
          <xsl:variable name="i" as="xs:integer" select="position()"/>
          <option value="{.}">{$labels[$i]}</option>
        </xsl:for-each>
      </select>
    </div>
  </xsl:template>

</xsl:stylesheet>
