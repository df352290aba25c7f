<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/foreign.xsl: other archives' TEI in the HTML edition.  Included by
  html/text.xsl (so by html/page.xsl, whose named templates it calls).

  The edition's own documents have a body of div type="original" and
  div type="translation", which page.xsl renders in its views.  A document
  imported from another archive (tei import, corpus/imported/) may have
  anything: a letter as a div with opener, closer and postscript, an EpiDoc
  edition (div type="edition", "translation", "commentary", "apparatus"),
  verse, front and back matter.  Such a document ("foreign": ed:is-foreign)
  gets the page below: the same header and metadata panel, then every part of
  its text in document order (front, each division of the body, back), each
  under a label made from its @type and language.

  The templates in mode ed:html add the common constructs of other archives
  that html/text.xsl does not render (verse, drama, apparatus, EpiDoc's
  expansions and editorial signs, bibliographies, names, figures).  They have
  priority -1: a template of text.xsl for the same element always wins, so
  the HTML edition can take any of them over without a conflict.  Anything
  neither renders still falls to text.xsl's catch-all, which reports it and
  keeps its text.  Words are never joined or dropped: text the interface adds
  is in class "gen", and readings (lem, rdg) are parted by spaces.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:tei-edition:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Which documents are foreign (ed:is-foreign), their parts and labels: core.xsl. -->

  <!-- ===== The page of a foreign document ===== -->

  <xsl:template match="document-node(element(tei:TEI))[ed:is-foreign(tei:TEI)]" priority="10">
    <xsl:variable name="tei" as="element(tei:TEI)" select="tei:TEI"/>
    <xsl:variable name="id" as="xs:string" select="ed:doc-id($tei)"/>
    <xsl:variable name="doc-title" as="xs:string" select="ed:title($tei)"/>
    <xsl:call-template name="ed:html-page">
      <xsl:with-param name="page-title" select="$doc-title"/>
      <xsl:with-param name="page-class" select="'document-page foreign-document'"/>
      <xsl:with-param name="head" as="element()*">
        <link rel="alternate" type="application/tei+xml" href="{ed:tei-href($id)}"/>
        <xsl:for-each select="ed:summary($tei)">
          <meta name="description" content="{.}"/>
        </xsl:for-each>
        <meta name="citation_title" content="{$doc-title}"/>
        <xsl:for-each select="ed:authors($tei)">
          <meta name="citation_author" content="{.}"/>
        </xsl:for-each>
      </xsl:with-param>
      <xsl:with-param name="content" as="element()*">
        <main id="main">
          <article class="document foreign" data-document="{$id}">
            <header class="document-header">
              <p class="document-date">
                <xsl:call-template name="ed:date">
                  <xsl:with-param name="tei" select="$tei"/>
                </xsl:call-template>
              </p>
              <h1>{$doc-title}</h1>
              <xsl:call-template name="ed:correspondents">
                <xsl:with-param name="tei" select="$tei"/>
              </xsl:call-template>
            </header>
            <xsl:call-template name="ed:metadata">
              <xsl:with-param name="tei" select="$tei"/>
            </xsl:call-template>
            <section class="text-section" aria-labelledby="text-heading">
              <h2 id="text-heading">{ed:i18n('the-text')}</h2>
              <xsl:for-each select="ed:foreign-parts($tei)">
                <xsl:variable name="label" as="xs:string?" select="ed:part-label(.)"/>
                <section class="view foreign-part part-{local-name()}{@type ! (' part-' || .)}">
                  <xsl:if test="exists($label)">
                    <h3 class="view-title gen">{$label}</h3>
                  </xsl:if>
                  <!-- Searched in the bundles of its language (tei/search.py), like the edition's own texts. -->
                  <div class="text" data-pagefind-body="" data-search-lang="{ed:part-language(.)}">
                    <xsl:if test="@xml:id">
                      <xsl:attribute name="id" select="@xml:id"/>
                    </xsl:if>
                    <xsl:for-each select="(ancestor-or-self::*/@xml:lang)[last()]">
                      <xsl:attribute name="lang" select="."/>
                    </xsl:for-each>
                    <xsl:apply-templates select="node()" mode="ed:html">
                      <xsl:with-param name="ed:prefix" tunnel="yes" select="''"/>
                    </xsl:apply-templates>
                    <xsl:call-template name="ed:footnote-list">
                      <xsl:with-param name="scope" select="."/>
                      <xsl:with-param name="ed:prefix" tunnel="yes" select="''"/>
                    </xsl:call-template>
                  </div>
                </section>
              </xsl:for-each>
            </section>
            <xsl:call-template name="ed:neighbour-links"/>
          </article>
        </main>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== Structure: texts, divisions, front and back matter ===== -->

  <xsl:template match="tei:front | tei:back | tei:body | tei:group | tei:text | tei:floatingText
                       | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7
                       | tei:titlePage | tei:docImprint | tei:sourceDoc | tei:surface | tei:zone"
                mode="ed:html" priority="-1">
    <section>
      <xsl:call-template name="ed:block-attributes">
        <xsl:with-param name="class" select="('part', 'part-' || local-name(), @type ! ('div-' || .))"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:html"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:docTitle | tei:titlePart | tei:docAuthor | tei:docEdition | tei:trailer
                       | tei:speaker | tei:addrLine | tei:line"
                mode="ed:html" priority="-1">
    <p>
      <xsl:call-template name="ed:block-attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:html"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:address | tei:sp | tei:castList | tei:castGroup" mode="ed:html" priority="-1">
    <div>
      <xsl:call-template name="ed:block-attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:html"/>
    </div>
  </xsl:template>

  <!-- Stage directions: a block between speeches, inline within one. -->
  <xsl:template match="tei:stage | tei:castItem" mode="ed:html" priority="-1">
    <xsl:element name="{if (parent::tei:sp or parent::tei:div or parent::tei:body or parent::tei:castList
                            or parent::tei:castGroup) then 'p' else 'span'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:apply-templates mode="ed:html"/>
    </xsl:element>
  </xsl:template>

  <!-- ===== Verse ===== -->

  <xsl:template match="tei:lg" mode="ed:html" priority="-1">
    <div>
      <xsl:call-template name="ed:block-attributes">
        <xsl:with-param name="class" select="('lg', @type ! ('lg-' || .))"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:html"/>
    </div>
  </xsl:template>

  <!-- A verse line, with its number (@n) in the margin. -->
  <xsl:template match="tei:l" mode="ed:html" priority="-1">
    <div>
      <xsl:call-template name="ed:block-attributes">
        <xsl:with-param name="class" select="'l'"/>
      </xsl:call-template>
      <xsl:if test="@n">
        <span class="line-number gen" aria-hidden="true">{@n}</span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates mode="ed:html"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:caesura" mode="ed:html" priority="-1">
    <span class="caesura gen"> ‖ </span>
  </xsl:template>

  <!-- ===== Quotations and bibliographies ===== -->

  <xsl:template match="tei:cit" mode="ed:html" priority="-1">
    <xsl:element name="{if (ed:is-container(..) or exists(*[self::tei:p | self::tei:lg | self::tei:l])) then 'blockquote' else 'span'}">
      <xsl:attribute name="class" select="'cit'"/>
      <!-- Its quotation and reference, and any words it has of its own (a dictionary's cognate). -->
      <xsl:for-each select="* | text()[normalize-space()]">
        <xsl:if test="position() gt 1">
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:apply-templates select="." mode="ed:html"/>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:listBibl | tei:listPerson | tei:listPlace | tei:listApp | tei:listWit" mode="ed:html"
                priority="-1">
    <div>
      <xsl:call-template name="ed:block-attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates select="tei:head" mode="ed:html"/>
      <ul>
        <xsl:for-each select="* except tei:head">
          <li><xsl:apply-templates select="." mode="ed:html"/></li>
        </xsl:for-each>
      </ul>
    </div>
  </xsl:template>

  <xsl:template match="tei:bibl | tei:biblStruct | tei:person | tei:place | tei:witness" mode="ed:html" priority="-1">
    <span class="{local-name()}">
      <xsl:if test="@xml:id">
        <xsl:attribute name="id" select="@xml:id"/>
      </xsl:if>
      <xsl:apply-templates mode="ed:html"/>
    </span>
  </xsl:template>

  <!-- ===== Editorial signs: apparatus, expansions, damage (EpiDoc and the like) ===== -->

  <!-- An apparatus entry: the lemma, then each reading with its witnesses, as "lem ] rdg (wit)". -->
  <xsl:template match="tei:app" mode="ed:html" priority="-1">
    <span class="app">
      <xsl:for-each select="*">
        <!-- A footnote's call follows the reading it annotates, without a space. -->
        <xsl:if test="position() gt 1 and not(self::tei:note and ed:is-footnote(.))">
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:apply-templates select="." mode="ed:html"/>
      </xsl:for-each>
    </span>
  </xsl:template>

  <xsl:template match="tei:lem | tei:rdg" mode="ed:html" priority="-1">
    <span class="{local-name()}">
      <xsl:if test="@wit or @source">
        <xsl:attribute name="title" select="normalize-space(string-join((@wit, @source), ' '))"/>
      </xsl:if>
      <xsl:apply-templates mode="ed:html"/>
      <xsl:if test="self::tei:lem and following-sibling::tei:rdg">
        <span class="gen"> ]</span>
      </xsl:if>
      <xsl:if test="@wit">
        <span class="gen wit"> ({replace(normalize-space(@wit), '#', '')})</span>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- Letters an editor expands (ex) are in round brackets, the Leiden convention. -->
  <xsl:template match="tei:ex" mode="ed:html" priority="-1">
    <span class="ex"><span class="gen">(</span><xsl:apply-templates mode="ed:html"/><span class="gen">)</span></span>
  </xsl:template>

  <!-- Letters an editor deletes as superfluous: in braces. -->
  <xsl:template match="tei:surplus" mode="ed:html" priority="-1">
    <span class="surplus"><span class="gen">{{</span><xsl:apply-templates mode="ed:html"/><span class="gen">}}</span></span>
  </xsl:template>

  <!-- Letters an ancient corrector erased, or a scribe restored: in double square brackets. -->
  <xsl:template match="tei:restore | tei:secl" mode="ed:html" priority="-1">
    <span class="{local-name()}"><span class="gen">⟦</span><xsl:apply-templates mode="ed:html"/><span class="gen">⟧</span></span>
  </xsl:template>

  <xsl:template match="tei:space" mode="ed:html" priority="-1">
    <xsl:choose>
      <xsl:when test="ed:is-vacat(.)">
        <xsl:text> </xsl:text><span class="space vacat gen" title="{ed:space-title(.)}">vac.</span><xsl:text> </xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <span class="space" title="{ed:space-title(.)}">{ed:blank(.)}</span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The indentation between the alternatives of a choice or an apparatus entry is no space of the text. -->
  <xsl:template match="text()[ed:is-indentation(.)]" mode="ed:html"/>

  <!-- Marks that hold no text of the document. -->
  <xsl:template match="tei:handShift | tei:certainty | tei:precision | tei:respons | tei:link | tei:linkGrp
                       | tei:lacunaStart | tei:lacunaEnd | tei:witStart | tei:witEnd | tei:alt | tei:altGrp
                       | tei:join | tei:joinGrp | tei:graphic | tei:media | tei:binaryObject"
                mode="ed:html" priority="-1"/>

  <!-- An interpretive annotation of a passage (span, in a spanGrp or alone): its words are the
       annotator's, shown in brackets where it stands, not dropped. -->
  <xsl:template match="tei:spanGrp" mode="ed:html" priority="-1">
    <xsl:apply-templates select="tei:span" mode="ed:html"/>
  </xsl:template>

  <xsl:template match="tei:span" mode="ed:html" priority="-1">
    <span class="annotation"><span class="gen"> [</span><xsl:apply-templates mode="ed:html"/><span class="gen">] </span></span>
  </xsl:template>

  <!-- Phrase-level markup of other archives: a span named after the element, its text as it stands. -->
  <xsl:template match="tei:am | tei:g | tei:w | tei:c | tei:m | tei:s | tei:cl | tei:phr | tei:subst | tei:damage
                       | tei:surname | tei:forename | tei:addName | tei:genName | tei:nameLink | tei:country
                       | tei:region | tei:settlement | tei:bloc | tei:district | tei:geo | tei:affiliation
                       | tei:occupation | tei:idno | tei:author | tei:editor | tei:publisher | tei:pubPlace
                       | tei:biblScope | tei:citedRange | tei:edition | tei:imprint | tei:monogr | tei:analytic
                       | tei:series | tei:gloss | tei:desc | tei:distinct | tei:objectName | tei:email
                       | tei:att | tei:gi | tei:val | tei:tag | tei:code | tei:ident | tei:state | tei:trait
                       | tei:origDate | tei:origPlace | tei:dimensions | tei:height | tei:width | tei:depth
                       | tei:material | tei:objectType | tei:figDesc"
                mode="ed:html" priority="-1">
    <span class="{local-name()}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="ed:html"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:figure" mode="ed:html" priority="-1">
    <figure>
      <xsl:call-template name="ed:block-attributes">
        <xsl:with-param name="class" select="'figure'"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:html"/>
    </figure>
  </xsl:template>

</xsl:stylesheet>
