<?xml version="1.0" encoding="UTF-8"?>
<!--
  print/document.xsl: one document of the print volume.  Included by
  print/book.xsl.

  The opening: its number in the edition, title, date, sender and
  addressee, and a source note (archival references, the printed text it
  follows, the archive's record, translator, summary).  The title holds an
  empty anchor for each entry of the authority file that the head names
  (correspondents, their places, authors), for the indexes of persons,
  places and organisations.  The elements of the
  source note that the index of archival sources points at get the id
  "src-" + the target of ed:source-references.

  The text:
    - with a translation aligned to an original (ed:pairings), the two in
      parallel: a table with a column heading per language, one row per row
      of the preparation pass (aligned pair, or what lies between two), so
      that each aligned pair starts level; the table's head repeats on every
      page.  When a translation is paired with two originals (seed 001: the
      archival and the printed versions), the best aligned pairing
      (ed:main-pairing) is in parallel, and the other original follows in full;
    - any text not in that pairing follows on its own, with its role as a
      heading (an original with no translation, a translation whose original
      is not reproduced).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:tei-edition:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Running heads are short: a longer title is cut at a word, with an ellipsis. -->
  <xsl:variable name="ed:running-title-length" as="xs:integer" select="64"/>

  <xsl:function name="ed:running-title" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="clean" as="xs:string" select="normalize-space($text)"/>
    <xsl:sequence select="
        if (string-length($clean) le $ed:running-title-length) then $clean
        else replace(replace(substring($clean, 1, $ed:running-title-length), '\s+\S*$', ''), '[,;:.\-–—]+$', '') || '…'"/>
  </xsl:function>

  <xsl:template name="ed:document">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="number" as="xs:integer"/>
    <xsl:param name="lead" as="element()*" select="()"/>
    <xsl:variable name="id" as="xs:string" select="ed:doc-id($tei)"/>
    <xsl:variable name="doc-title" as="xs:string" select="ed:typography(ed:title($tei), $ed:lang)"/>
    <article class="document" id="{ed:print-id($tei)}" data-document="{$id}">
      <header class="document-head">
        <xsl:sequence select="$lead"/>
        <p class="document-number">{ed:i18n('print-document-number', string($number))}</p>
        <h2 class="document-title" data-running-title="{ed:running-title($doc-title)}"
            data-bookmark="{$number}. {$doc-title}"><xsl:for-each select="ed:entity-heads($tei)"><span
            class="name-anchor" id="{ed:head-anchor($tei, .)}"></span></xsl:for-each>{$doc-title}<xsl:if
            test="ed:is-inferred($tei, 'title')"><xsl:text> </xsl:text><span
            class="inferred">({ed:i18n('meta-inferred')})</span></xsl:if></h2>
        <p class="document-date">
          <xsl:call-template name="ed:print-date">
            <xsl:with-param name="tei" select="$tei"/>
          </xsl:call-template>
        </p>
        <xsl:call-template name="ed:print-correspondents">
          <xsl:with-param name="tei" select="$tei"/>
          <xsl:with-param name="class" select="'document-correspondents'"/>
        </xsl:call-template>
        <xsl:call-template name="ed:source-note">
          <xsl:with-param name="tei" select="$tei"/>
        </xsl:call-template>
      </header>
      <xsl:choose>
        <!-- Another archive's TEI: its parts in document order (print/foreign.xsl). -->
        <xsl:when test="ed:is-foreign($tei)">
          <xsl:call-template name="ed:foreign-text">
            <xsl:with-param name="tei" select="$tei"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="ed:document-text">
            <xsl:with-param name="tei" select="$tei"/>
            <xsl:with-param name="ed:number" tunnel="yes" select="$number"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </article>
  </xsl:template>

  <!-- ===== The source note ===== -->

  <xsl:template name="ed:source-note">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <div class="source-note">
      <xsl:for-each select="ed:ms-descriptions($tei)">
        <xsl:variable name="ms" as="element(tei:msDesc)" select="."/>
        <xsl:call-template name="ed:source-line">
          <xsl:with-param name="key" select="'meta-archival-reference'"/>
          <xsl:with-param name="id" select="'src-' || ed:source-target($ms)"/>
          <xsl:with-param name="value" as="node()*">{ed:archival-reference($ms)}</xsl:with-param>
        </xsl:call-template>
      </xsl:for-each>
      <!-- The printed texts this edition reproduces: the collection, and the original it was printed from. -->
      <xsl:for-each select="distinct-values(ed:text-divs($tei) ! generate-id(ed:witness(.)))">
        <!-- None for a division without a witness (another archive's TEI may have no listWit). -->
        <xsl:variable name="witness" as="element(tei:witness)?" select="$tei//tei:witness[generate-id() = current()]"/>
        <xsl:if test="exists($witness/tei:bibl)">
          <xsl:call-template name="ed:source-line">
            <xsl:with-param name="key" select="'print-printed-in'"/>
            <xsl:with-param name="id" select="'src-' || ed:source-target($witness)"/>
            <xsl:with-param name="value" as="node()*">
              <xsl:text>{ed:witness-label($witness)}</xsl:text>
              <xsl:for-each select="$witness/tei:note[@type = 'source']/tei:bibl">
                <xsl:text>; {ed:i18n('print-printed-from')}: </xsl:text>
                <!-- In the language of the text printed from it. -->
                <span lang="{(ed:text-divs($tei)[ed:witness(.) is $witness]/@xml:lang, $ed:lang)[1]}">{
                  normalize-space((tei:note, .)[1])}</span>
              </xsl:for-each>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
      </xsl:for-each>
      <xsl:for-each select="ed:source-citation($tei)">
        <xsl:call-template name="ed:source-line">
          <xsl:with-param name="key" select="'print-archive-record'"/>
          <xsl:with-param name="value" as="node()*">{ed:typography(., $ed:lang)}</xsl:with-param>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:if test="exists(ed:translators($tei))">
        <xsl:call-template name="ed:source-line">
          <xsl:with-param name="key" select="'meta-translator'"/>
          <xsl:with-param name="value" as="node()*">{string-join(ed:translators($tei), ', ')}</xsl:with-param>
        </xsl:call-template>
      </xsl:if>
      <xsl:for-each select="ed:made-by($tei)">
        <xsl:call-template name="ed:source-line">
          <xsl:with-param name="key" select="?1"/>
          <xsl:with-param name="value" as="node()*">{?2}</xsl:with-param>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:for-each select="ed:summary($tei)">
        <xsl:call-template name="ed:source-line">
          <xsl:with-param name="key" select="'meta-summary'"/>
          <xsl:with-param name="value" as="node()*">{ed:typography(., $ed:lang)}</xsl:with-param>
        </xsl:call-template>
      </xsl:for-each>
    </div>
  </xsl:template>

  <xsl:template name="ed:source-line">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="id" as="xs:string?" select="()"/>
    <xsl:param name="value" as="node()*"/>
    <p class="source-line source-{substring-after($key, '-')}">
      <xsl:if test="exists($id)">
        <xsl:attribute name="id" select="$id"/>
      </xsl:if>
      <span class="label">{ed:i18n($key)}:</span>
      <xsl:text> </xsl:text>
      <xsl:sequence select="$value"/>
    </p>
  </xsl:template>

  <!-- ===== The text ===== -->

  <xsl:template name="ed:document-text">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <!-- The preparation pass: originals and translations paired through the alignment links, once. -->
    <xsl:variable name="main" as="map(*)?" select="ed:main-pairing(ed:pairings($tei))"/>
    <xsl:if test="exists($main)">
      <xsl:call-template name="ed:parallel-text">
        <xsl:with-param name="pairing" select="$main"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:for-each select="ed:text-divs($tei) except ($main?original, $main?translation)">
      <xsl:call-template name="ed:single-text">
        <xsl:with-param name="div" select="."/>
        <xsl:with-param name="after-parallel" select="exists($main)"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- Original and translation side by side, one table row per row of the pairing. -->
  <xsl:template name="ed:parallel-text">
    <xsl:param name="pairing" as="map(*)"/>
    <xsl:variable name="original" as="element(tei:div)" select="$pairing?original"/>
    <xsl:variable name="translation" as="element(tei:div)" select="$pairing?translation"/>
    <section class="text parallel-text" data-original="{$original/@xml:id}" data-translation="{$translation/@xml:id}">
      <table class="parallel">
        <thead>
          <tr>
            <th class="col-original" scope="col">{ed:role-label($original)}</th>
            <th class="col-translation" scope="col">{ed:role-label($translation)}</th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$pairing?rows">
            <tr class="row {?kind}">
              <xsl:call-template name="ed:cell">
                <xsl:with-param name="side" select="'original'"/>
                <xsl:with-param name="div" select="$original"/>
                <xsl:with-param name="units" select="?o"/>
              </xsl:call-template>
              <xsl:call-template name="ed:cell">
                <xsl:with-param name="side" select="'translation'"/>
                <xsl:with-param name="div" select="$translation"/>
                <xsl:with-param name="units" select="?t"/>
              </xsl:call-template>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      <!-- In print an empty cell is left blank, and a line under the table says once what a blank means (above it, the line would move the rows: WeasyPrint can then set a footnote called in a row on the next page, Kozea/WeasyPrint#1564). -->
      <xsl:if test="some $row in $pairing?rows satisfies (empty($row?o) or empty($row?t))">
        <p class="parallel-legend gen" lang="{$ed:lang}">{ed:i18n('print-empty-cell')}<xsl:if
            test="$original//tei:gap[@reason = 'witness-ends']"> {ed:i18n('print-witness-ends')}</xsl:if></p>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template name="ed:cell">
    <xsl:param name="side" as="xs:string"/>
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:param name="units" as="element()*"/>
    <td class="col-{$side}" lang="{$div/@xml:lang}">
      <xsl:for-each select="$units">
        <xsl:variable name="subdocument" as="element(tei:div)?" select="ed:opens-subdocument(.)"/>
        <xsl:if test="exists($subdocument) and count($subdocument/../tei:div[@type = 'document']) gt 1">
          <xsl:call-template name="ed:subdocument-label">
            <xsl:with-param name="div" select="$subdocument"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:apply-templates select="." mode="ed:print"/>
      </xsl:for-each>
    </td>
  </xsl:template>

  <!-- A text on its own, with its structure (opener, closer, documents) as encoded. -->
  <xsl:template name="ed:single-text">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:param name="after-parallel" as="xs:boolean"/>
    <section class="text single-text {$div/@type}" lang="{$div/@xml:lang}" data-div="{$div/@xml:id}">
      <h3 class="text-title" lang="{$ed:lang}">{if ($after-parallel) then ed:i18n('print-text-alone', ed:role-label($div))
                                                else ed:role-label($div)}</h3>
      <!-- Which copy of the original this is (a translation's witness is the translation itself). -->
      <xsl:for-each select="$div[@type = 'original'] ! ed:witness-label(ed:witness(.))">
        <p class="text-witness" lang="{$ed:lang}">{ed:i18n('witness', .)}</p>
      </xsl:for-each>
      <!-- Said only where the source note above does give an archival reference. -->
      <xsl:if test="$div/@type = 'translation' and empty(ed:originals(root($div)/tei:TEI))
                    and exists(ed:ms-descriptions(root($div)/tei:TEI))">
        <p class="text-witness" lang="{$ed:lang}">{ed:i18n('original-not-reproduced')}</p>
      </xsl:if>
      <xsl:apply-templates select="$div/node()" mode="ed:print"/>
    </section>
  </xsl:template>

</xsl:stylesheet>
