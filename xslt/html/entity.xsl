<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/entity.xsl: the pages of the authority file's entries (persons, places,
  organisations), made by tei/render.py from the authority file and the mentions
  html/mentions.xsl found in the documents.

  An entry's page, from
    <ed:entity-page id="molotov" kind="person" page="entity-molotov.html" index="persons.html">
      <tei:person>…</tei:person>                            the entry, as in the authority file
      <ed:romanised cyr="Молотову">Molotovu</ed:romanised>   ALA-LC forms of its Russian names (iuliia)
      <ed:mentions doc=… title=… when=… date=…><ed:mention …/>…</ed:mentions>   per document, in reading order
    </ed:entity-page>
  its names in both languages (and the sources' forms), dates, note, Wikidata link,
  and every mention with its document, date and the words around it, the Russian
  originals' and the English translations' mentions apart, each linked to its place
  in the document's page.

  An index page per kind, from
    <ed:entity-index kind="person" page="persons.html">
      <ed:item page="entity-molotov.html" mentions="14" documents="4"><tei:person>…</tei:person></ed:item> …
    </ed:entity-index>
  a table of the entries, sorted by name (ed:entity-sort-key), which edition.js
  filters by the words typed (the documents table's filter, html/index.xsl).

  Search (tei/search.py): an entry's page holds its Russian names in a block
  marked data-search-lang="ru" and its English names, the sources' Latin forms
  and the romanised Russian ones in a block marked "en", so that each language's
  index finds it by its names in that language, stemmed ("Молотову" finds Молотов).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:tei-edition:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="../core.xsl"/>
  <xsl:include href="layout.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:mode on-no-match="fail"/>

  <!-- The interface key of a kind's index: index-person, index-place, index-org. -->
  <xsl:function name="ed:kind-title" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="ed:i18n('index-' || $kind)"/>
  </xsl:function>

  <!-- The entry's name in the interface language, else in English, else any. -->
  <xsl:function name="ed:entity-label" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="(($ed:lang, 'en', 'ru') ! ed:entity-name($entry, .))[. != ''][1]"/>
  </xsl:function>

  <!-- A Russian name, with its romanised form for edition.js's toggle. -->
  <xsl:template name="ed:russian-name">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="romanised" as="element(ed:romanised)*"/>
    <xsl:variable name="latn" as="xs:string?" select="$romanised[@cyr = $text][1]/string()"/>
    <span class="ru-name" lang="ru">
      <xsl:if test="exists($latn)"><xsl:attribute name="data-latn" select="$latn"/></xsl:if>
      <span class="cyr">{$text}</span>
    </span>
  </xsl:template>

  <!-- ===== An entry's page ===== -->

  <xsl:template match="document-node(element(ed:entity-page))">
    <xsl:variable name="page" as="element(ed:entity-page)" select="ed:entity-page"/>
    <xsl:variable name="entry" as="element()" select="$page/(tei:person | tei:place | tei:org)[1]"/>
    <xsl:variable name="romanised" as="element(ed:romanised)*" select="$page/ed:romanised"/>
    <xsl:variable name="label" as="xs:string" select="ed:entity-label($entry)"/>
    <xsl:variable name="names" as="element()*" select="$entry/*[ends-with(local-name(), 'Name')]"/>
    <xsl:variable name="documents" as="element(ed:mentions)*" select="$page/ed:mentions[ed:mention]"/>
    <xsl:variable name="wikidata" as="xs:string?" select="$entry/tei:idno[@type = 'wikidata'][matches(., '^Q[0-9]+$')][1]/string()"/>
    <xsl:call-template name="ed:html-page">
      <xsl:with-param name="page-title" select="$label"/>
      <xsl:with-param name="page-class" select="'entity-page'"/>
      <xsl:with-param name="head" as="element()*">
        <xsl:if test="$base_url != ''">
          <link rel="canonical" href="{$base_url}{$page/@page}"/>
        </xsl:if>
        <xsl:for-each select="$entry/tei:note[not(@type)][1]">
          <meta name="description" content="{normalize-space()}"/>
        </xsl:for-each>
      </xsl:with-param>
      <xsl:with-param name="content" as="element()*">
        <main id="main">
          <!-- data-pagefind-filter: the search page tells an entry's page from a document's (assets/search.js). -->
          <article class="entity" data-entity="{$page/@id}" data-pagefind-filter="entry:yes">
            <!-- data-pagefind-meta: what search results say the page is (assets/search.js). -->
            <p class="entity-kind" data-pagefind-meta="kind:{ed:i18n('kind-' || $page/@kind)}"><a
                href="{$page/@index}">{ed:kind-title($page/@kind)}</a></p>
            <h1 data-pagefind-meta="title">{$label}</h1>
            <xsl:call-template name="ed:script-toggle"/>
            <dl class="entity-facts">
              <xsl:for-each select="('ru', 'en')">
                <xsl:variable name="lang" as="xs:string" select="."/>
                <!-- Each form once (an entry may list its main form as a variant too). -->
                <xsl:variable name="forms" as="element()*"
                    select="$names[@xml:lang = $lang][not(normalize-space() = preceding-sibling::*[@xml:lang = $lang]/normalize-space())]"/>
                <xsl:if test="exists($forms)">
                  <dt>{ed:i18n('entity-names-in', ed:language-name($lang))}</dt>
                  <dd>
                    <ul class="entity-names-list">
                      <xsl:for-each select="$forms">
                        <li>
                          <xsl:choose>
                            <xsl:when test="$lang = 'ru'">
                              <xsl:call-template name="ed:russian-name">
                                <xsl:with-param name="text" select="normalize-space()"/>
                                <xsl:with-param name="romanised" select="$romanised"/>
                              </xsl:call-template>
                            </xsl:when>
                            <xsl:otherwise><span lang="{$lang}">{normalize-space()}</span></xsl:otherwise>
                          </xsl:choose>
                          <xsl:if test="@type = ('main', 'pseudonym')">
                            <xsl:text> </xsl:text><span class="name-type">({ed:i18n('name-' || @type)})</span>
                          </xsl:if>
                        </li>
                      </xsl:for-each>
                    </ul>
                  </dd>
                </xsl:if>
              </xsl:for-each>
              <xsl:if test="$entry/(tei:birth | tei:death)/@when">
                <dt>{ed:i18n('entity-dates')}</dt>
                <dd>
                  <xsl:for-each select="$entry/tei:birth/@when">
                    {ed:i18n('entity-born')} <time datetime="{.}">{ed:format-date(.)}</time>
                  </xsl:for-each>
                  <xsl:if test="$entry/tei:birth/@when and $entry/tei:death/@when">; </xsl:if>
                  <xsl:for-each select="$entry/tei:death/@when">
                    {ed:i18n('entity-died')} <time datetime="{.}">{ed:format-date(.)}</time>
                  </xsl:for-each>
                </dd>
              </xsl:if>
              <xsl:for-each select="$entry/tei:note[not(@type)][normalize-space()]">
                <dt>{ed:i18n('entity-note')}</dt>
                <dd lang="{(@xml:lang, root()/*/@xml:lang, 'en')[1]}">{normalize-space()}</dd>
              </xsl:for-each>
              <xsl:if test="exists($wikidata)">
                <dt>{ed:i18n('entity-wikidata')}</dt>
                <dd><a href="https://www.wikidata.org/wiki/{$wikidata}" rel="external">{$wikidata}</a></dd>
              </xsl:if>
            </dl>
            <section class="entity-mentions" aria-labelledby="mentions-heading">
              <h2 id="mentions-heading">{ed:i18n('entity-mentions')}</h2>
              <p class="mention-count">{
                if (empty($documents)) then ed:i18n('entity-no-mentions')
                else ed:i18n('entity-mention-count', (string(count($documents/ed:mention)), string(count($documents))))}</p>
              <xsl:for-each select="$documents">
                <section class="mention-document" aria-labelledby="mentions-{@doc}">
                  <h3 id="mentions-{@doc}"><a href="{ed:page-href(@doc)}">{@title}</a>
                    <xsl:text> </xsl:text><span class="mention-date">{@date}</span></h3>
                  <xsl:for-each-group select="ed:mention" group-by="@role">
                    <h4 class="mention-role">{current-grouping-key()}</h4>
                    <ul class="mention-list" lang="{@lang}">
                      <xsl:for-each select="current-group()">
                        <li>
                          <xsl:value-of select="ed:before"/>
                          <a href="{ed:page-href(../@doc)}#{@id}" class="mention"><mark>
                            <xsl:choose>
                              <xsl:when test="@lang = 'ru'">
                                <xsl:call-template name="ed:russian-name">
                                  <xsl:with-param name="text" select="string(ed:name)"/>
                                  <xsl:with-param name="romanised" select="$romanised"/>
                                </xsl:call-template>
                              </xsl:when>
                              <xsl:otherwise><xsl:value-of select="ed:name"/></xsl:otherwise>
                            </xsl:choose>
                          </mark></a>
                          <xsl:value-of select="ed:after"/>
                        </li>
                      </xsl:for-each>
                    </ul>
                  </xsl:for-each-group>
                </section>
              </xsl:for-each>
            </section>
            <!-- What search finds the page by (tei/search.py): its names, per language; not shown. -->
            <xsl:variable name="latin" as="xs:string*"
                select="distinct-values(($names[not(@xml:lang = 'ru')]/normalize-space(),
                                         $romanised[@cyr = $names[@xml:lang = 'ru']/normalize-space()]/string()))"/>
            <xsl:if test="exists($names[@xml:lang = 'ru'])">
              <div class="search-names" hidden="" data-pagefind-body="" data-search-lang="ru" lang="ru">
                <p>{string-join(distinct-values($names[@xml:lang = 'ru']/normalize-space()), ' · ')}</p>
              </div>
            </xsl:if>
            <xsl:if test="exists($latin)">
              <div class="search-names" hidden="" data-pagefind-body="" data-search-lang="en" lang="en">
                <p>{string-join($latin, ' · ')}</p>
              </div>
            </xsl:if>
          </article>
        </main>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== An index of one kind ===== -->

  <xsl:template match="document-node(element(ed:entity-index))">
    <xsl:variable name="index" as="element(ed:entity-index)" select="ed:entity-index"/>
    <xsl:variable name="title" as="xs:string" select="ed:kind-title($index/@kind)"/>
    <xsl:call-template name="ed:html-page">
      <xsl:with-param name="page-title" select="$title"/>
      <xsl:with-param name="page-class" select="'entity-index-page'"/>
      <xsl:with-param name="content" as="element()*">
        <main id="main">
          <h1 id="entities-heading">{$title}</h1>
          <xsl:call-template name="ed:script-toggle"/>
          <form class="filters" id="filters" role="search" aria-label="{ed:i18n('filter-entities')}" hidden="">
            <div class="filter">
              <label for="filter-text">{ed:i18n('filter-names')}</label>
              <input type="search" id="filter-text" name="text" data-filter="text" autocomplete="off"/>
            </div>
            <div class="filter filter-reset">
              <button type="reset">{ed:i18n('filter-reset')}</button>
            </div>
          </form>
          <p class="filter-status" id="filter-status" aria-live="polite"
              data-template="{ed:i18n('showing-entities', ('#shown#', '#total#'))}">{ed:i18n('entity-count', string(count($index/ed:item)))}</p>
          <div class="table-wrap">
            <table class="documents entities" id="documents" aria-labelledby="entities-heading">
              <thead>
                <tr>
                  <xsl:for-each select="('name', 'other-name', 'dates', 'mentions', 'documents')">
                    <th scope="col" data-sort-key="{.}" data-sort-label="{ed:i18n('sort-by', ed:i18n('column-' || .))}">
                      <xsl:if test=". = 'name'"><xsl:attribute name="aria-sort" select="'ascending'"/></xsl:if>
                      {ed:i18n('column-' || .)}
                    </th>
                  </xsl:for-each>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="$index/ed:item">
                  <xsl:sort select="ed:entity-sort-key((tei:person | tei:place | tei:org)[1], if ($ed:lang = 'ru') then 'ru' else 'en')" lang="{$ed:lang}"/>
                  <xsl:variable name="entry" as="element()" select="(tei:person | tei:place | tei:org)[1]"/>
                  <xsl:variable name="other-lang" as="xs:string" select="if ($ed:lang = 'ru') then 'en' else 'ru'"/>
                  <xsl:variable name="other" as="xs:string" select="ed:entity-name($entry, $other-lang)"/>
                  <tr data-order="{position()}" data-name="{ed:entity-label($entry)}" data-other-name="{$other}"
                      data-dates="{$entry/tei:birth/@when}" data-mentions="{format-number(xs:integer(@mentions), '000000')}" data-documents="{format-number(xs:integer(@documents), '000000')}"
                      data-title="{string-join(distinct-values(($entry/*[ends-with(local-name(), 'Name')]/normalize-space(), ed:romanised)), ' ')}">
                    <td class="title"><a href="{@page}">{ed:entity-label($entry)}</a></td>
                    <td class="other-name" lang="{$other-lang}">
                      <xsl:choose>
                        <xsl:when test="$other-lang = 'ru' and $other != ''">
                          <xsl:call-template name="ed:russian-name">
                            <xsl:with-param name="text" select="$other"/>
                            <xsl:with-param name="romanised" select="ed:romanised"/>
                          </xsl:call-template>
                        </xsl:when>
                        <xsl:otherwise>{($other[. != ''], ed:i18n('none'))[1]}</xsl:otherwise>
                      </xsl:choose>
                    </td>
                    <td class="date">{string-join(($entry/tei:birth/@when, $entry/tei:death/@when) ! substring(., 1, 4), '–')}</td>
                    <td class="number">{@mentions}</td>
                    <td class="number">{@documents}</td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
          <p class="no-match" id="no-match" hidden="">{ed:i18n('no-entities-match')}</p>
        </main>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
