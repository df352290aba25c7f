<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/page.xsl: one TEI document as an HTML page.

  Input: the TEI document.  Parameters: the edition facts (core.xsl) and
  $neighbours, the catalogue entries of the previous and next documents
  (<ed:neighbours><ed:entry rel="prev"/><ed:entry rel="next"/></ed:neighbours>,
  made by tei/render.py from catalogue.xsl's output), and $citation, the
  document's citation as tei/render.py formats it (tei/cite.py, citeproc-py):
    <ed:citation style="style title" bib="ID.bib" csl="ID.csl.json">
      <ed:text>plain text</ed:text> <ed:html>text with i, b, sup, sub</ed:html>
    </ed:citation>
  (without ed:text when it could not be formatted: core.xsl's ed:citation is
  shown instead).  The page reads nothing else, so tei/render.py knows when a
  page is out of date: when its TEI, its neighbours, the stylesheets, the
  edition facts or the citation style changed.

  Search (tei/search.py): each text's own view is marked data-pagefind-body
  and data-search-lang, so that each language's index holds only its texts.

  The page: a metadata panel, then the text in several views, one shown at a
  time once edition.js has turned the view buttons into tabs (without
  script, every view is shown, one after the other):
    parallel     original and translation side by side, row by row, from the
                 alignment (core.xsl's preparation pass, run once into
                 $pairings); when a document has two originals (archival and
                 printed), one pairing each, and the reader picks one;
    text-KEY     each original and each translation on its own.
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
  <xsl:include href="text.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:param name="neighbours" as="document-node()?" select="()"/>
  <xsl:param name="citation" as="document-node()?" select="()"/>

  <!-- Alignment links below this confidence are marked as uncertain in the parallel view. -->
  <xsl:variable name="ed:uncertain-below" as="xs:decimal" select="0.5"/>

  <xsl:mode on-no-match="fail"/>

  <xsl:template match="document-node(element(tei:TEI))">
    <xsl:variable name="tei" as="element(tei:TEI)" select="tei:TEI"/>
    <xsl:variable name="id" as="xs:string" select="ed:doc-id($tei)"/>
    <xsl:variable name="doc-title" as="xs:string" select="ed:title($tei)"/>
    <!-- The preparation pass: originals and translations paired through the alignment links, once. -->
    <xsl:variable name="pairings" as="map(*)*" select="ed:pairings($tei)"/>
    <xsl:variable name="views" as="map(*)*">
      <xsl:if test="exists($pairings)">
        <xsl:sequence select="map { 'id': 'parallel', 'label': ed:i18n('view-parallel') }"/>
      </xsl:if>
      <xsl:for-each select="ed:originals($tei), ed:translations($tei)">
        <xsl:sequence select="map { 'id': 'text-' || ed:div-key(.), 'label': ed:view-label(.), 'div': . }"/>
      </xsl:for-each>
    </xsl:variable>

    <xsl:call-template name="ed:html-page">
      <xsl:with-param name="page-title" select="$doc-title"/>
      <xsl:with-param name="page-class" select="'document-page'"/>
      <xsl:with-param name="head" as="element()*">
        <xsl:if test="$base_url != ''">
          <link rel="canonical" href="{ed:canonical-url($id)}"/>
        </xsl:if>
        <link rel="alternate" type="application/tei+xml" href="{ed:tei-href($id)}"/>
        <xsl:for-each select="ed:summary($tei)">
          <meta name="description" content="{.}"/>
        </xsl:for-each>
        <meta name="citation_title" content="{$doc-title}"/>
        <xsl:for-each select="ed:authors($tei)">
          <meta name="citation_author" content="{.}"/>
        </xsl:for-each>
        <xsl:for-each select="ed:date-when($tei)">
          <meta name="citation_date" content="{translate(., '-', '/')}"/>
        </xsl:for-each>
        <xsl:if test="$publisher != ''">
          <meta name="citation_publisher" content="{$publisher}"/>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="content" as="element()*">
        <main id="main">
          <article class="document" data-document="{$id}">
            <header class="document-header">
              <p class="document-date" data-pagefind-meta="date">
                <xsl:call-template name="ed:date">
                  <xsl:with-param name="tei" select="$tei"/>
                </xsl:call-template>
              </p>
              <h1>{$doc-title}</h1>
              <xsl:call-template name="ed:correspondents">
                <xsl:with-param name="tei" select="$tei"/>
              </xsl:call-template>
              <!-- Converted although the reader was unsure of it: say so before anyone cites it. -->
              <xsl:for-each select="$tei/tei:teiHeader/tei:revisionDesc[@status = 'needs-review']">
                <p class="needs-review" role="note">{ed:i18n('needs-review')}
                  {string((tei:change[@status = 'needs-review'])[1])}</p>
              </xsl:for-each>
            </header>
            <xsl:call-template name="ed:metadata">
              <xsl:with-param name="tei" select="$tei"/>
            </xsl:call-template>
            <section class="text-section" aria-labelledby="text-heading">
              <h2 id="text-heading">{ed:i18n('the-text')}</h2>
              <xsl:if test="count($views) gt 1">
                <div class="view-switcher" data-view-switcher="" data-label="{ed:i18n('views')}" hidden="">
                  <xsl:for-each select="$views">
                    <button type="button" class="view-tab" id="tab-{?id}" data-view-target="view-{?id}">{?label}</button>
                  </xsl:for-each>
                </div>
              </xsl:if>
              <xsl:for-each select="$views">
                <section class="view" id="view-{?id}" data-view="{?id}" aria-labelledby="view-{?id}-title">
                  <xsl:choose>
                    <xsl:when test="?id = 'parallel'">
                      <xsl:call-template name="ed:parallel-view">
                        <xsl:with-param name="pairings" select="$pairings"/>
                      </xsl:call-template>
                    </xsl:when>
                    <xsl:otherwise>
                      <xsl:call-template name="ed:single-view">
                        <xsl:with-param name="view-id" select="?id"/>
                        <xsl:with-param name="div" select="?div"/>
                      </xsl:call-template>
                    </xsl:otherwise>
                  </xsl:choose>
                </section>
              </xsl:for-each>
            </section>
            <xsl:call-template name="ed:neighbour-links"/>
          </article>
        </main>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== Header and metadata ===== -->

  <xsl:template name="ed:date">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="when" as="xs:string?" select="ed:date-when($tei)"/>
    <xsl:choose>
      <xsl:when test="exists($when)">
        <time datetime="{$when}">{ed:format-date($when)}</time>
      </xsl:when>
      <xsl:otherwise>{ed:format-date(())}</xsl:otherwise>
    </xsl:choose>
    <xsl:if test="ed:is-inferred($tei, 'date')">
      <xsl:text> </xsl:text>
      <span class="inferred">({ed:i18n('meta-inferred')})</span>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ed:correspondents">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="from" as="xs:string?" select="ed:correspondent($tei, 'sent')"/>
    <xsl:variable name="to" as="xs:string?" select="ed:correspondent($tei, 'received')"/>
    <xsl:if test="exists(($from, $to))">
      <p class="document-correspondents">
        <xsl:if test="exists($from)"><span class="from"><span class="label">{ed:i18n('meta-from')}:</span> {$from}</span></xsl:if>
        <xsl:if test="exists($from) and exists($to)"><xsl:text> </xsl:text><span class="arrow" aria-hidden="true">→</span><xsl:text> </xsl:text></xsl:if>
        <xsl:if test="exists($to)"><span class="to"><span class="label">{ed:i18n('meta-to')}:</span> {$to}</span></xsl:if>
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ed:metadata">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="id" as="xs:string" select="ed:doc-id($tei)"/>
    <section class="metadata" aria-labelledby="about-heading">
      <h2 id="about-heading">{ed:i18n('about-document')}</h2>
      <dl class="meta-list">
        <xsl:call-template name="ed:meta-row">
          <xsl:with-param name="key" select="'meta-date'"/>
          <xsl:with-param name="value" as="node()*">
            <xsl:call-template name="ed:date">
              <xsl:with-param name="tei" select="$tei"/>
            </xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:if test="exists(ed:doc-type($tei))">
          <xsl:call-template name="ed:meta-row">
            <xsl:with-param name="key" select="'meta-type'"/>
            <xsl:with-param name="value" select="ed:doc-type-label(ed:doc-type($tei))"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:for-each select="ed:correspondent($tei, 'sent')">
          <xsl:call-template name="ed:meta-row">
            <xsl:with-param name="key" select="'meta-from'"/>
            <xsl:with-param name="value" select="."/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:for-each select="ed:correspondent($tei, 'received')">
          <xsl:call-template name="ed:meta-row">
            <xsl:with-param name="key" select="'meta-to'"/>
            <xsl:with-param name="value" select="."/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:for-each select="ed:made-by($tei)">
          <xsl:call-template name="ed:meta-row">
            <xsl:with-param name="key" select="?1"/>
            <xsl:with-param name="value" select="?2"/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:for-each select="ed:summary($tei)">
          <xsl:call-template name="ed:meta-row">
            <xsl:with-param name="key" select="'meta-summary'"/>
            <xsl:with-param name="value" select="."/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:for-each select="ed:ms-descriptions($tei)[ed:archival-reference(.) != '']">
          <xsl:call-template name="ed:meta-row">
            <xsl:with-param name="key" select="'meta-archival-reference'"/>
            <xsl:with-param name="value" select="ed:archival-reference(.)"/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:if test="not(ed:is-foreign($tei)) or exists(ed:foreign-parts($tei) ! ed:part-label(.))">
          <xsl:call-template name="ed:meta-row">
            <xsl:with-param name="key" select="'meta-versions'"/>
            <xsl:with-param name="value" as="node()*">
              <ul class="versions">
                <xsl:choose>
                  <xsl:when test="ed:is-foreign($tei)">
                    <!-- Another archive's parts, as their headings on the page name them (an EpiDoc
                         edition, its translations, commentary and bibliography). -->
                    <xsl:for-each select="distinct-values(ed:foreign-parts($tei) ! ed:part-label(.))">
                      <li>{.}</li>
                    </xsl:for-each>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:for-each select="ed:text-divs($tei)">
                      <li>{ed:role-label(.)}<xsl:for-each select="ed:witness-label(ed:witness(.))">: <span
                          class="witness-label">{.}</span></xsl:for-each></li>
                    </xsl:for-each>
                  </xsl:otherwise>
                </xsl:choose>
              </ul>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <xsl:for-each select="ed:source-citation($tei)">
          <xsl:call-template name="ed:meta-row">
            <xsl:with-param name="key" select="'meta-source'"/>
            <xsl:with-param name="value" select="."/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:if test="exists(ed:translators($tei))">
          <xsl:call-template name="ed:meta-row">
            <xsl:with-param name="key" select="'meta-translator'"/>
            <xsl:with-param name="value" select="string-join(ed:translators($tei), ', ')"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="exists(ed:funders($tei))">
          <xsl:call-template name="ed:meta-row">
            <xsl:with-param name="key" select="'meta-funder'"/>
            <xsl:with-param name="value" select="string-join(ed:funders($tei), ', ')"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:for-each select="ed:archive-url($tei)">
          <xsl:call-template name="ed:meta-row">
            <xsl:with-param name="key" select="'meta-archive-page'"/>
            <xsl:with-param name="value" as="node()*"><a href="{.}" class="external">{.}</a></xsl:with-param>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:for-each select="ed:licence($tei)">
          <xsl:call-template name="ed:meta-row">
            <xsl:with-param name="key" select="'meta-licence'"/>
            <xsl:with-param name="value" as="node()*">
              <xsl:choose>
                <xsl:when test="@target"><a rel="license" href="{@target}">{normalize-space()}</a></xsl:when>
                <xsl:otherwise>{normalize-space()}</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:call-template name="ed:meta-row">
          <xsl:with-param name="key" select="'meta-tei'"/>
          <xsl:with-param name="value" as="node()*">
            <a href="{ed:tei-href($id)}" download="{ed:tei-href($id)}" type="application/tei+xml"
                class="tei-download">{ed:i18n('meta-download-tei', ed:tei-href($id))}</a>
          </xsl:with-param>
        </xsl:call-template>
      </dl>
      <xsl:call-template name="ed:cite-box">
        <xsl:with-param name="tei" select="$tei"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <!-- "Cite this document": the formatted citation, a copy button (edition.js shows it), the downloads. -->
  <xsl:template name="ed:cite-box">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="cite" as="element(ed:citation)?" select="$citation/ed:citation"/>
    <section class="citation-box" aria-labelledby="cite-heading">
      <h3 id="cite-heading">{ed:i18n('meta-cite')}</h3>
      <xsl:choose>
        <xsl:when test="exists($cite/ed:text)">
          <p class="citation" id="citation-text" data-style="{$cite/@style}">
            <xsl:apply-templates select="$cite/ed:html/node()" mode="ed:citation"/>
          </p>
          <p class="citation-style">{ed:i18n('citation-style', string($cite/@style))}</p>
        </xsl:when>
        <xsl:otherwise>
          <p class="citation" id="citation-text">{ed:citation($tei)}</p>
        </xsl:otherwise>
      </xsl:choose>
      <div class="citation-actions">
        <button type="button" class="copy-citation" data-copy-target="citation-text"
            data-copied="{ed:i18n('citation-copied')}" data-selected="{ed:i18n('citation-selected')}"
            hidden="">{ed:i18n('citation-copy')}</button>
        <span class="copy-status" role="status"></span>
        <xsl:if test="$cite/@bib">
          <a class="download" href="{encode-for-uri($cite/@bib)}" download="{$cite/@bib}"
              type="application/x-bibtex">{ed:i18n('citation-bibtex', string($cite/@bib))}</a>
        </xsl:if>
        <xsl:if test="$cite/@csl">
          <a class="download" href="{encode-for-uri($cite/@csl)}" download="{$cite/@csl}"
              type="application/vnd.citationstyles.csl+json">{ed:i18n('citation-csl', string($cite/@csl))}</a>
        </xsl:if>
      </div>
    </section>
  </xsl:template>

  <!-- citeproc-py's HTML: its inline emphasis kept, anything else reduced to its text; addresses as links. -->
  <xsl:template match="i | b | sup | sub" mode="ed:citation">
    <xsl:element name="{local-name()}">
      <xsl:apply-templates mode="ed:citation"/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="*" mode="ed:citation">
    <xsl:apply-templates mode="ed:citation"/>
  </xsl:template>
  <xsl:template match="text()" mode="ed:citation">
    <xsl:analyze-string select="." regex="https?://[^\s&lt;&gt;]*[^\s&lt;&gt;.,;:]">
      <xsl:matching-substring><a href="{.}" class="citation-link">{.}</a></xsl:matching-substring>
      <xsl:non-matching-substring>{.}</xsl:non-matching-substring>
    </xsl:analyze-string>
  </xsl:template>

  <xsl:template name="ed:meta-row">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="value" as="item()*"/>
    <div class="meta-row meta-{substring-after($key, 'meta-')}">
      <dt>{ed:i18n($key)}</dt>
      <dd><xsl:sequence select="$value"/></dd>
    </div>
  </xsl:template>

  <!-- ===== The views of the text ===== -->

  <xsl:template name="ed:parallel-view">
    <xsl:param name="pairings" as="map(*)+"/>
    <h3 class="view-title" id="view-parallel-title">{ed:i18n('view-parallel')}</h3>
    <p class="view-hint">{ed:i18n('parallel-hint')}</p>
    <xsl:if test="count($pairings) gt 1">
      <fieldset class="pairing-chooser" data-pairing-chooser="" hidden="">
        <legend>{ed:i18n('parallel-choose')}</legend>
        <xsl:for-each select="$pairings">
          <label>
            <input type="radio" name="pairing" value="{?key}">
              <xsl:if test="position() = 1"><xsl:attribute name="checked" select="'checked'"/></xsl:if>
            </input>
            <xsl:text> </xsl:text>{ed:role-label(?original)}<xsl:if test="count(distinct-values($pairings ! generate-id(?translation))) gt 1"> — {ed:role-label(?translation)}</xsl:if>
            <xsl:for-each select="ed:witness-label(ed:witness(?original))">
              <xsl:text> </xsl:text><span class="witness-label">({.})</span>
            </xsl:for-each>
          </label>
        </xsl:for-each>
      </fieldset>
    </xsl:if>
    <xsl:for-each select="$pairings">
      <xsl:call-template name="ed:pairing">
        <xsl:with-param name="pairing" select="."/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- One original and one translation in rows: aligned rows pair units, unaligned rows hold what is left between them. -->
  <xsl:template name="ed:pairing">
    <xsl:param name="pairing" as="map(*)"/>
    <xsl:variable name="key" as="xs:string" select="$pairing?key"/>
    <xsl:variable name="translation" as="element(tei:div)" select="$pairing?translation"/>
    <xsl:variable name="original" as="element(tei:div)" select="$pairing?original"/>
    <div class="pairing" id="{$key}" data-pairing="{$key}"
        data-original="{$original/@xml:id}" data-translation="{$translation/@xml:id}">
      <h4 class="pairing-title">{ed:i18n('parallel-heading', (ed:role-label($original), ed:role-label($translation)))}</h4>
      <div class="parallel">
        <div class="prow prow-head" aria-hidden="true">
          <div class="cell original">{ed:role-label($original)}</div>
          <div class="cell translation">{ed:role-label($translation)}</div>
        </div>
        <xsl:for-each select="$pairing?rows">
          <xsl:variable name="link-key" as="xs:string?" select="if (?kind = 'aligned') then $key || '-' || position() else ()"/>
          <xsl:variable name="cert" as="xs:decimal?" select="?link/@cert[. castable as xs:decimal] ! xs:decimal(.)"/>
          <xsl:variable name="uncertain" as="xs:boolean" select="exists($cert) and $cert lt $ed:uncertain-below"/>
          <div class="prow {?kind}{if ($uncertain) then ' uncertain' else ''}">
            <xsl:if test="exists($cert)">
              <xsl:attribute name="data-cert" select="$cert"/>
            </xsl:if>
            <xsl:call-template name="ed:cell">
              <xsl:with-param name="side" select="'original'"/>
              <xsl:with-param name="div" select="$original"/>
              <xsl:with-param name="units" select="?o"/>
              <xsl:with-param name="link-key" select="$link-key"/>
              <xsl:with-param name="note" select="if ($uncertain) then ed:i18n('alignment-confidence', string($cert)) else ()"/>
              <xsl:with-param name="ed:prefix" tunnel="yes" select="$key || '.'"/>
            </xsl:call-template>
            <xsl:call-template name="ed:cell">
              <xsl:with-param name="side" select="'translation'"/>
              <xsl:with-param name="div" select="$translation"/>
              <xsl:with-param name="units" select="?t"/>
              <xsl:with-param name="link-key" select="$link-key"/>
              <xsl:with-param name="note" select="if ($uncertain) then ed:i18n('alignment-confidence', string($cert)) else ()"/>
              <xsl:with-param name="ed:prefix" tunnel="yes" select="$key || '.'"/>
            </xsl:call-template>
          </div>
        </xsl:for-each>
        <xsl:if test="exists(ed:footnotes(($original, $translation)))">
          <div class="prow prow-notes">
            <xsl:for-each select="$original, $translation">
              <div class="cell {if (@type = 'translation') then 'translation' else 'original'}" lang="{@xml:lang}" data-div="{@xml:id}">
                <xsl:call-template name="ed:footnote-list">
                  <xsl:with-param name="scope" select="."/>
                  <xsl:with-param name="ed:prefix" tunnel="yes" select="$key || '.'"/>
                </xsl:call-template>
              </div>
            </xsl:for-each>
          </div>
        </xsl:if>
      </div>
    </div>
  </xsl:template>

  <xsl:template name="ed:cell">
    <xsl:param name="side" as="xs:string"/>
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:param name="units" as="element()*"/>
    <xsl:param name="link-key" as="xs:string?"/>
    <xsl:param name="note" as="xs:string?"/>
    <div class="cell {$side}{if (empty($units)) then ' empty' else ''}" lang="{$div/@xml:lang}" data-div="{$div/@xml:id}">
      <xsl:if test="empty($units)">
        <p class="not-in gen">{ed:not-in($div)}</p>
      </xsl:if>
      <xsl:if test="exists($link-key) and exists($units)">
        <xsl:attribute name="data-link" select="$link-key"/>
        <xsl:attribute name="tabindex" select="0"/>
      </xsl:if>
      <xsl:if test="exists($note)">
        <xsl:attribute name="title" select="$note"/>
      </xsl:if>
      <xsl:for-each select="$units">
        <xsl:variable name="subdocument" as="element(tei:div)?" select="ed:opens-subdocument(.)"/>
        <xsl:if test="exists($subdocument) and count($subdocument/../tei:div[@type = 'document']) gt 1">
          <p class="subdocument-label gen">{ed:i18n('subdocument', string(($subdocument/@n, count($subdocument/preceding-sibling::tei:div) + 1)[1]))}</p>
        </xsl:if>
        <xsl:apply-templates select="." mode="ed:html"/>
      </xsl:for-each>
    </div>
  </xsl:template>

  <!-- A text on its own, with its structure (opener, closer, documents) as encoded. -->
  <xsl:template name="ed:single-view">
    <xsl:param name="view-id" as="xs:string"/>
    <xsl:param name="div" as="element(tei:div)"/>
    <h3 class="view-title" id="view-{$view-id}-title">{ed:role-label($div)}</h3>
    <xsl:for-each select="ed:witness-label(ed:witness($div))">
      <p class="witness">{ed:i18n('witness', .)}</p>
    </xsl:for-each>
    <xsl:if test="$div/@type = 'translation' and empty(ed:originals(root($div)/tei:TEI))">
      <p class="view-hint">{ed:i18n('original-not-reproduced')}</p>
    </xsl:if>
    <div class="text {$div/@type}" id="{$div/@xml:id}" lang="{$div/@xml:lang}" data-div="{$div/@xml:id}"
        data-pagefind-body="" data-search-lang="{$div/@xml:lang}">
      <xsl:apply-templates select="$div/node()" mode="ed:html">
        <xsl:with-param name="ed:prefix" tunnel="yes" select="''"/>
      </xsl:apply-templates>
      <xsl:call-template name="ed:footnote-list">
        <xsl:with-param name="scope" select="$div"/>
        <xsl:with-param name="ed:prefix" tunnel="yes" select="''"/>
      </xsl:call-template>
    </div>
  </xsl:template>

  <!-- ===== Previous and next document ===== -->

  <xsl:template name="ed:neighbour-links">
    <xsl:variable name="entries" as="element(ed:entry)*" select="$neighbours/ed:neighbours/ed:entry"/>
    <xsl:if test="exists($entries)">
      <nav class="document-nav" aria-label="{ed:i18n('document-navigation')}">
        <ul>
          <xsl:for-each select="$entries[@rel = 'prev']">
            <li class="prev">
              <a rel="prev" href="{ed:page-href(@id)}"><span class="direction">← {ed:i18n('previous')}</span>
                <span class="neighbour-title">{ed:title}</span>
                <span class="neighbour-date">{ed:format-date(@when[. != ''])}</span></a>
            </li>
          </xsl:for-each>
          <xsl:for-each select="$entries[@rel = 'next']">
            <li class="next">
              <a rel="next" href="{ed:page-href(@id)}"><span class="direction">{ed:i18n('next')} →</span>
                <span class="neighbour-title">{ed:title}</span>
                <span class="neighbour-date">{ed:format-date(@when[. != ''])}</span></a>
            </li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
