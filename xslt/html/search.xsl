<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/search.xsl: the search page (search.html), from the catalogue
  (catalogue.xsl's <ed:catalogue>), for the languages of the texts.

  The page is a form (words, and the language of the texts to search) and an
  empty list that assets/search.js fills from the Pagefind indexes
  tei/search.py builds: each language's index is in shards, one bundle each,
  pagefind-LANG-SHARD/.  Each language's radio button lists the bundles of its
  index (data-bundles).  The form is an ordinary GET form
  (search.html?q=…&lang=…), so a search can be linked to.

  Pagefind fetches its index files, which browsers refuse to pages opened from
  file://: there the page says that search needs the site served over http(s)
  (`tei serve`).  Without script it says that search needs JavaScript.
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

  <xsl:mode on-no-match="fail"/>

  <!-- The bundles of the search index, space-separated (tei/search.py's plan_bundles):
       "pagefind-en-0 pagefind-en-1 pagefind-ru-0".  Not given: pagefind-LANG-0 alone, as in
       an edition of one shard. -->
  <xsl:param name="search_bundles" as="xs:string" select="''"/>

  <!-- The bundles of a language's index: pagefind-LANG-SHARD (tei/search.py's bundle_name). -->
  <xsl:function name="ed:search-bundles" as="xs:string*">
    <xsl:param name="language" as="xs:string"/>
    <xsl:sequence select="if (normalize-space($search_bundles)) then
        tokenize($search_bundles)[replace(., '^pagefind-(.+)-\d+$', '$1') = $language]
        else 'pagefind-' || $language || '-0'"/>
  </xsl:function>

  <xsl:template match="document-node(element(ed:catalogue))">
    <xsl:variable name="languages" as="xs:string*"
        select="sort(distinct-values(ed:catalogue/ed:entry/tokenize(@languages)))"/>
    <xsl:call-template name="ed:html-page">
      <xsl:with-param name="page-title" select="ed:i18n('search-title')"/>
      <xsl:with-param name="page-class" select="'search-page'"/>
      <xsl:with-param name="head" as="element()*">
        <meta name="robots" content="noindex"/>
        <script src="assets/search.js" defer=""></script>
      </xsl:with-param>
      <xsl:with-param name="content" as="element()*">
        <main id="main">
          <h1>{ed:i18n('search-title')}</h1>
          <p class="search-intro">
            <!-- The examples are words of the texts, each marked with its language. -->
            <xsl:variable name="examples" as="map(xs:string, xs:string)*" select="
                map { 'word': 'переговоры', 'lang': 'ru' }, map { 'word': 'переговорах', 'lang': 'ru' },
                map { 'word': 'negotiation', 'lang': 'en' }, map { 'word': 'negotiations', 'lang': 'en' }"/>
            <xsl:analyze-string select="ed:i18n('search-intro')" regex="\{{(\d)\}}">
              <xsl:matching-substring>
                <xsl:variable name="example" as="map(xs:string, xs:string)" select="$examples[xs:integer(regex-group(1))]"/>
                <i lang="{$example?lang}">{$example?word}</i>
              </xsl:matching-substring>
              <xsl:non-matching-substring>{.}</xsl:non-matching-substring>
            </xsl:analyze-string>
          </p>
          <p class="search-unavailable" id="search-unavailable" hidden="">{ed:i18n('search-needs-http')}</p>
          <noscript><p class="search-unavailable">{ed:i18n('search-needs-script')}</p></noscript>
          <form class="search-form" id="search-form" role="search" action="search.html" method="get"
              aria-label="{ed:i18n('search-title')}">
            <div class="search-box">
              <label for="search-input">{ed:i18n('search-words')}</label>
              <input type="search" id="search-input" name="q" autocomplete="off" spellcheck="false"/>
              <button type="submit">{ed:i18n('search-submit')}</button>
            </div>
            <fieldset class="search-languages">
              <legend>{ed:i18n('search-language')}</legend>
              <label><input type="radio" name="lang" value="" checked="checked"/><xsl:text> </xsl:text>{ed:i18n('search-all-languages')}</label>
              <xsl:for-each select="$languages">
                <label>
                  <input type="radio" name="lang" value="{.}" data-bundles="{ed:search-bundles(.)}"
                      data-label="{ed:language-name(.)}"/>
                  <xsl:text> </xsl:text>{ed:language-name(.)}
                </label>
              </xsl:for-each>
            </fieldset>
          </form>
          <p class="search-status" id="search-status" role="status"
              data-searching="{ed:i18n('search-searching')}"
              data-none="{ed:i18n('search-none')}"
              data-one="{ed:i18n('search-one')}"
              data-many="{ed:i18n('search-many', '#n#')}"
              data-failed="{ed:i18n('search-failed')}"></p>
          <ol class="search-results" id="search-results"
              data-passage="{ed:i18n('search-passage')}" data-document="{ed:i18n('search-open-document')}"></ol>
          <button type="button" class="search-more" id="search-more" hidden="">{ed:i18n('search-more')}</button>
        </main>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
