<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/text.xsl: the TEI text as HTML (mode ed:html), and its footnotes
  (mode ed:footnote).  Included by html/page.xsl.

  Conventions the tests and the scripts rely on:
  - Text the interface adds (note markers, page numbers, brackets, labels)
    is in an element of class "gen", so that what is left is the TEI text,
    word for word (tests/test_html.py counts the words).
  - A unit (a block that alignment links point at) carries
    data-unit="its xml:id"; any element with an xml:id gets
    id="$ed:prefix + xml:id", the prefix telling apart the several views of
    one text on the page ("" in a text's own view).
  - An element no template handles is reported with xsl:message, and its
    text is still shown (class "unhandled"): no text is ever dropped.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:tei-edition:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Text nodes are copied; every element has a template, the last of them a reporting catch-all. -->
  <xsl:mode name="ed:html" on-no-match="text-only-copy" warning-on-no-match="false"/>
  <!-- Only footnotes are ever rendered in this mode. -->
  <xsl:mode name="ed:footnote" on-no-match="fail"/>
  <xsl:include href="foreign.xsl"/>

  <!-- ===== Attributes shared by every block ===== -->

  <!-- id, data-unit, class (with "in-opener" etc. for units inside a wrapper) and lang. -->
  <xsl:template name="ed:block-attributes">
    <xsl:param name="class" as="xs:string*" select="()"/>
    <xsl:param name="ed:prefix" as="xs:string" tunnel="yes" select="''"/>
    <xsl:if test="@xml:id">
      <xsl:attribute name="id" select="$ed:prefix || @xml:id"/>
    </xsl:if>
    <xsl:if test="@xml:id and ed:is-container(..)">
      <xsl:attribute name="data-unit" select="@xml:id"/>
    </xsl:if>
    <xsl:variable name="context" as="xs:string?"
        select="if (ed:is-container(..) and not(../self::tei:div)) then 'in-' || local-name(..) else ()"/>
    <xsl:attribute name="class" select="string-join(($class, $context), ' ')"/>
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang" select="@xml:lang"/>
    </xsl:if>
  </xsl:template>

  <!-- HTML's p may not hold lists, tables or paragraphs: a TEI p that does becomes a div. -->
  <xsl:function name="ed:has-block-content" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(tei:list | tei:table | tei:p | tei:ab | tei:lg | tei:div | tei:quote[tei:p]
                                     | tei:note[not(ed:is-footnote(.))]))"/>
  </xsl:function>

  <!-- Screen-reader text: read aloud, not shown. -->
  <xsl:template name="ed:sr-label">
    <xsl:param name="text" as="xs:string"/>
    <span class="gen sr-only">{$text}: </span>
  </xsl:template>

  <!-- ===== Divisions and blocks ===== -->

  <!-- A document of several in one file (div type="document"). -->
  <xsl:template match="tei:div" mode="ed:html">
    <section>
      <xsl:call-template name="ed:block-attributes">
        <xsl:with-param name="class" select="('subdocument', @type ! ('div-' || .))"/>
      </xsl:call-template>
      <xsl:if test="@type = 'document' and count(../tei:div[@type = 'document']) gt 1">
        <p class="subdocument-label gen">{ed:i18n('subdocument', string((@n, count(preceding-sibling::tei:div) + 1)[1]))}</p>
      </xsl:if>
      <xsl:apply-templates mode="ed:html"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab" mode="ed:html">
    <xsl:element name="{if (ed:has-block-content(.)) then 'div' else 'p'}">
      <xsl:call-template name="ed:block-attributes">
        <xsl:with-param name="class" select="'p'"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:html"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:head" mode="ed:html">
    <!-- The page is h1, "Text" h2, each view h3: the text's own heads start at h4. -->
    <xsl:variable name="level" as="xs:integer" select="min((6, 4 + count(ancestor::tei:div) - 1))"/>
    <xsl:element name="h{$level}">
      <xsl:call-template name="ed:block-attributes">
        <xsl:with-param name="class" select="('head', @type ! ('head-' || .))"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:html"/>
    </xsl:element>
  </xsl:template>

  <!-- Forme work: stamps, folio numbers, registry marks, letterheads, security classifications. -->
  <xsl:template match="tei:fw" mode="ed:html">
    <xsl:variable name="type" as="xs:string" select="(@type, 'mark')[1]"/>
    <p>
      <xsl:call-template name="ed:block-attributes">
        <xsl:with-param name="class" select="('fw', 'fw-' || $type)"/>
      </xsl:call-template>
      <xsl:if test="ed:has-i18n('fw-' || $type)">
        <xsl:attribute name="title" select="ed:i18n('fw-' || $type)"/>
        <xsl:call-template name="ed:sr-label">
          <xsl:with-param name="text" select="ed:i18n('fw-' || $type)"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:apply-templates mode="ed:html"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer | tei:postscript | tei:argument | tei:epigraph" mode="ed:html">
    <div>
      <xsl:call-template name="ed:block-attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:html"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:salute | tei:dateline | tei:signed | tei:byline | tei:docDate" mode="ed:html">
    <p>
      <xsl:call-template name="ed:block-attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:html"/>
    </p>
  </xsl:template>

  <!-- A label that stands as a block (a heading-like label), or inline. -->
  <xsl:template match="tei:label" mode="ed:html">
    <xsl:element name="{if (ed:is-container(..)) then 'p' else 'span'}">
      <xsl:call-template name="ed:block-attributes">
        <xsl:with-param name="class" select="('label', @type)"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:html"/>
    </xsl:element>
  </xsl:template>

  <!-- An inline label run straight into the element or the words it labels (<label>area</label><desc>103,000 sq km</desc>,
       DHARMA's <label>ujjvala-nāma ||</label>śukra)
       is parted from it by a space, as a reader would write it. -->
  <xsl:template match="tei:label[not(ed:is-container(..))][following-sibling::node()[1][self::* or matches(., '^\w')]]" mode="ed:html" priority="1">
    <xsl:next-match/>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Lists: distribution lists ("Copies:") and others. -->
  <xsl:template match="tei:list" mode="ed:html">
    <div>
      <xsl:call-template name="ed:block-attributes">
        <xsl:with-param name="class" select="('list', @type ! ('list-' || .))"/>
      </xsl:call-template>
      <xsl:apply-templates select="tei:head" mode="ed:html"/>
      <xsl:element name="{if (@rend = ('numbered', 'ordered')) then 'ol' else 'ul'}">
        <xsl:apply-templates select="node() except tei:head" mode="ed:html"/>
      </xsl:element>
    </div>
  </xsl:template>

  <xsl:template match="tei:list/tei:head" mode="ed:html">
    <p>
      <xsl:call-template name="ed:block-attributes">
        <xsl:with-param name="class" select="'list-head'"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:html"/>
    </p>
  </xsl:template>

  <!-- Whitespace between items: text-only-copy would put it between li elements, where it is harmless. -->
  <xsl:template match="tei:item" mode="ed:html">
    <li>
      <xsl:call-template name="ed:block-attributes">
        <xsl:with-param name="class" select="'item'"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:html"/>
    </li>
  </xsl:template>

  <xsl:template match="tei:table" mode="ed:html">
    <table>
      <xsl:call-template name="ed:block-attributes">
        <xsl:with-param name="class" select="'tei-table'"/>
      </xsl:call-template>
      <xsl:for-each select="tei:head">
        <caption><xsl:apply-templates mode="ed:html"/></caption>
      </xsl:for-each>
      <tbody>
        <xsl:apply-templates select="tei:row" mode="ed:html"/>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="tei:row" mode="ed:html">
    <tr>
      <xsl:apply-templates select="tei:cell" mode="ed:html"/>
    </tr>
  </xsl:template>

  <xsl:template match="tei:cell" mode="ed:html">
    <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
      <xsl:if test="@cols castable as xs:integer and xs:integer(@cols) gt 1">
        <xsl:attribute name="colspan" select="@cols"/>
      </xsl:if>
      <xsl:if test="@rows castable as xs:integer and xs:integer(@rows) gt 1">
        <xsl:attribute name="rowspan" select="@rows"/>
      </xsl:if>
      <xsl:apply-templates mode="ed:html"/>
    </xsl:element>
  </xsl:template>

  <!-- A block note: the source of a printed text ("Печ. по: ..."), an editorial note. -->
  <xsl:template match="tei:note[not(ed:is-footnote(.))]" mode="ed:html">
    <xsl:variable name="type" as="xs:string?" select="@type[ed:has-i18n('note-' || .)]"/>
    <div role="note">
      <xsl:call-template name="ed:block-attributes">
        <xsl:with-param name="class" select="('note', @type ! ('note-' || .))"/>
      </xsl:call-template>
      <xsl:if test="exists($type)">
        <p class="note-label gen">{ed:i18n('note-' || $type)}</p>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="ed:has-block-content(.)">
          <xsl:apply-templates mode="ed:html"/>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:apply-templates mode="ed:html"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <!-- A footnote, at its anchor: the marker, linked to the note (rendered in the view's list of notes). -->
  <xsl:template match="tei:note[ed:is-footnote(.)]" mode="ed:html">
    <xsl:param name="ed:prefix" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="id" as="xs:string" select="$ed:prefix || ed:note-id(.)"/>
    <sup class="fn-ref gen"><a id="{$id}.ref" href="#{$id}" class="fn-link"
        aria-label="{ed:i18n('note-ref', ed:note-marker(.))}">{ed:note-marker(.)}</a></sup>
  </xsl:template>

  <!-- ===== Milestones ===== -->

  <!-- Quotation marks as each language sets them (core.xsl, as in print). -->
  <xsl:template match="text()" mode="ed:html">
    <xsl:value-of select="ed:quotes(., ed:lang-of(.))"/>
  </xsl:template>

  <xsl:template match="tei:lb" mode="ed:html">
    <br/>
  </xsl:template>

  <!-- A line break inside a word (EpiDoc's break="no"): a hyphen at the end of the line, as in print;
       the word goes on after it (class word-continues: tei.exchange.imports.html_words reads one word). -->
  <xsl:template match="tei:lb[@break = 'no']" mode="ed:html">
    <span class="gen">-</span><br class="word-continues"/>
  </xsl:template>

  <!-- A printed page break: a marker in the margin, where the new page begins. -->
  <xsl:template match="tei:pb" mode="ed:html">
    <xsl:param name="ed:prefix" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="n" as="xs:string" select="string((@n, '?')[1])"/>
    <span class="pb gen" id="{$ed:prefix}{ed:page-id(.)}" title="{ed:i18n('page-full', $n)}"><span
        class="pb-bar" aria-hidden="true">|</span><span class="pb-mark">{ed:i18n('page', $n)}</span></span>
  </xsl:template>

  <!-- A rule typed across the page (underscores, hyphens): drawn as a rule. -->
  <xsl:template match="tei:milestone[@unit = 'rule']" mode="ed:html">
    <hr class="typed-rule typed-rule-{@rend}"/>
  </xsl:template>

  <!-- A blank typed with underscores inside a line: the same number of underscores, not searchable words. -->
  <xsl:template match="tei:space[@rend = 'underscore']" mode="ed:html">
    <span class="typed-blank gen" data-pagefind-ignore="" title="{ed:i18n('typed-blank', string(@quantity))}"
      >{string-join((1 to ed:blank-length(@quantity)) ! '_')}</span>
  </xsl:template>

  <xsl:template match="tei:cb | tei:milestone | tei:anchor" mode="ed:html">
    <xsl:param name="ed:prefix" as="xs:string" tunnel="yes" select="''"/>
    <xsl:if test="@xml:id">
      <span id="{$ed:prefix}{@xml:id}" class="{local-name()}"></span>
    </xsl:if>
  </xsl:template>

  <!-- ===== Phrases ===== -->

  <xsl:template match="tei:hi" mode="ed:html">
    <span class="{string-join(('hi', tokenize(@rend)), ' ')}">
      <xsl:apply-templates mode="ed:html"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:foreign" mode="ed:html">
    <span class="foreign">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="ed:html"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:date | tei:time" mode="ed:html">
    <xsl:variable name="when" as="xs:string?" select="@when[matches(., '^\d{4}(-\d{2}(-\d{2})?)?$')]"/>
    <xsl:choose>
      <xsl:when test="exists($when)">
        <time datetime="{$when}" class="date"><xsl:apply-templates mode="ed:html"/></time>
      </xsl:when>
      <xsl:otherwise>
        <span class="date"><xsl:apply-templates mode="ed:html"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Text the translator or editor supplied: in square brackets. -->
  <xsl:template match="tei:supplied" mode="ed:html">
    <span class="supplied" title="{ed:i18n('supplied', replace(string((@reason, '?')[1]), '[-_]', ' '))}"><span
        class="gen">[</span><xsl:apply-templates mode="ed:html"/><span class="gen">]</span></span>
  </xsl:template>

  <!-- An abbreviation and its expansion: "MID [Ministry of Foreign Affairs]". -->
  <xsl:template match="tei:choice" mode="ed:html">
    <span class="choice">
      <xsl:for-each select="*">
        <xsl:if test="position() gt 1">
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:apply-templates select="." mode="ed:html"/>
      </xsl:for-each>
    </span>
  </xsl:template>

  <xsl:template match="tei:abbr" mode="ed:html">
    <abbr>
      <xsl:if test="../self::tei:choice/tei:expan">
        <xsl:attribute name="title" select="normalize-space(../tei:expan[1])"/>
      </xsl:if>
      <xsl:apply-templates mode="ed:html"/>
    </abbr>
  </xsl:template>

  <xsl:template match="tei:expan | tei:corr | tei:reg" mode="ed:html">
    <span class="{local-name()}"><span class="gen">[</span><xsl:apply-templates mode="ed:html"/><span class="gen">]</span></span>
  </xsl:template>

  <xsl:template match="tei:sic | tei:orig" mode="ed:html">
    <span class="{local-name()}"><xsl:apply-templates mode="ed:html"/></span>
  </xsl:template>

  <!-- Text not transcribed. -->
  <!-- An incomplete copy of the original stops here, mid-sentence. -->
  <xsl:template match="tei:gap[@reason = 'witness-ends']" mode="ed:html" priority="1">
    <span class="gap witness-ends gen" title="{normalize-space(string-join(tei:desc, ' '))}"> {ed:i18n('witness-ends')}</span>
  </xsl:template>

  <xsl:template match="tei:gap" mode="ed:html">
    <span class="gap gen" title="{ed:i18n('gap-reason', replace(string((@reason, '?')[1]), '[-_]', ' '))}{
        (@quantity, @extent)[1] ! (', ' || . || (../@unit ! (' ' || .)))}">{ed:gap-label(.)}</span>
  </xsl:template>

  <xsl:template match="tei:pc" mode="ed:html">
    <xsl:apply-templates mode="ed:html"/>
  </xsl:template>

  <xsl:template match="tei:ref | tei:ptr" mode="ed:html">
    <xsl:variable name="target" as="xs:string?" select="tokenize(@target)[1]"/>
    <xsl:choose>
      <xsl:when test="exists($target) and matches($target, '^(https?:|mailto:)')">
        <a href="{$target}" class="ref"><xsl:apply-templates mode="ed:html"/><xsl:if
            test="self::tei:ptr">{$target}</xsl:if></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="ref"><xsl:apply-templates mode="ed:html"/><xsl:if test="exists($target) and not(normalize-space())"
            ><span class="gen">{$target}</span></xsl:if></span>
        <xsl:if test="exists($target) and not(normalize-space())
        and following-sibling::node()[1][self::* or matches(., '^\w')]"><xsl:text> </xsl:text></xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:del" mode="ed:html">
    <del class="del"><xsl:apply-templates mode="ed:html"/></del>
  </xsl:template>

  <xsl:template match="tei:add" mode="ed:html">
    <ins class="add"><xsl:apply-templates mode="ed:html"/></ins>
  </xsl:template>

  <xsl:template match="tei:emph" mode="ed:html">
    <em><xsl:apply-templates mode="ed:html"/></em>
  </xsl:template>

  <!-- Names and other phrases: a span named after the element, for styling. -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs | tei:term | tei:num
                       | tei:measure | tei:seg | tei:title | tei:q | tei:quote | tei:said | tei:unclear
                       | tei:mentioned | tei:soCalled | tei:geogName | tei:roleName"
                mode="ed:html">
    <span class="{local-name()}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="ed:html"/>
    </span>
  </xsl:template>

  <!-- Anything else: say so, and keep its text. -->
  <xsl:template match="*" mode="ed:html" priority="-10">
    <xsl:variable name="where" as="xs:string?" select="ancestor-or-self::*[@xml:id][1]/@xml:id"/>
    <xsl:message>[ed:unhandled] {ed:doc-id(root()/tei:TEI)}: no template for element &lt;{name()}&gt;{
        if (namespace-uri() != 'http://www.tei-c.org/ns/1.0') then ' (namespace ' || namespace-uri() || ')' else ''
      } in {($where, 'the text')[1]}; its text is shown unstyled</xsl:message>
    <span class="unhandled" data-tei="{local-name()}">
      <xsl:apply-templates mode="ed:html"/>
    </span>
  </xsl:template>

  <!-- ===== Footnotes, listed at the end of a view ===== -->

  <!-- The notes of `scope` (units or whole divisions), if any, as a list with links back to the anchors. -->
  <xsl:template name="ed:footnote-list">
    <xsl:param name="scope" as="element()*"/>
    <xsl:variable name="notes" as="element(tei:note)*" select="ed:footnotes($scope)"/>
    <xsl:if test="exists($notes)">
      <section class="footnotes">
        <h4 class="footnotes-title gen">{ed:i18n('notes')}</h4>
        <ul class="footnote-list">
          <xsl:apply-templates select="$notes" mode="ed:footnote"/>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:note" mode="ed:footnote">
    <xsl:param name="ed:prefix" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="id" as="xs:string" select="$ed:prefix || ed:note-id(.)"/>
    <li id="{$id}" class="footnote">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <span class="fn-marker gen">{ed:note-marker(.)}</span>
      <div class="fn-body">
        <xsl:choose>
          <xsl:when test="ed:has-block-content(.)">
            <xsl:apply-templates mode="ed:html"/>
          </xsl:when>
          <xsl:otherwise>
            <p><xsl:apply-templates mode="ed:html"/></p>
          </xsl:otherwise>
        </xsl:choose>
      </div>
      <a class="fn-back gen" href="#{$id}.ref" aria-label="{ed:i18n('back-to-text')}">↩</a>
    </li>
  </xsl:template>

</xsl:stylesheet>
