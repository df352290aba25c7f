<?xml version="1.0" encoding="UTF-8"?>
<!--
  print/foreign.xsl: other archives' TEI in the print edition.  Included by
  print/book.xsl; the print counterpart of html/foreign.xsl.

  The edition's own documents have a body of div type="original" and
  div type="translation", which document.xsl prints (in parallel where they
  are aligned).  A document imported from another archive (tei import,
  corpus/imported/) may have anything: a letter as a div with opener, closer
  and postscript, an EpiDoc edition (div type="edition", "translation",
  "commentary", "apparatus"), verse, tables, front and back matter.  Such a
  document (core.xsl's ed:is-foreign) has the same opening as ours (number,
  title, date, correspondents, source note), then every part of its text in
  document order (ed:foreign-parts: front, each division of the body or the
  body itself, back), each under a label made from its @type and language
  (ed:part-label), one after the other.

  The templates in mode ed:print add the common constructs of other archives
  that print/text.xsl does not print (verse, drama, apparatus, EpiDoc's
  expansions and editorial signs, bibliographies, names, figures).  They have
  priority -1, so a template of text.xsl for the same element always wins and
  our documents print as they did.  Anything neither prints still falls to
  text.xsl's catch-all, which reports it (xsl:message) and prints its text in
  its place.  Words are never joined or dropped: text the print adds is in
  class "gen", and readings (lem, rdg) are parted by spaces.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:tei-edition:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- ===== The text of a foreign document ===== -->

  <xsl:template name="ed:foreign-text">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:for-each select="ed:foreign-parts($tei)">
      <xsl:variable name="label" as="xs:string?" select="ed:part-label(.)"/>
      <section class="text foreign-part part-{local-name()}{@type ! (' part-' || .)}">
        <xsl:for-each select="(ancestor-or-self::*/@xml:lang)[last()]">
          <xsl:attribute name="lang" select="."/>
        </xsl:for-each>
        <xsl:if test="@xml:id">
          <xsl:attribute name="data-div" select="@xml:id"/>
        </xsl:if>
        <xsl:if test="exists($label)">
          <h3 class="text-title gen" lang="{$ed:lang}">{$label}</h3>
        </xsl:if>
        <xsl:apply-templates select="node()" mode="ed:print"/>
      </section>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== Structure: texts, divisions, front and back matter ===== -->

  <xsl:template match="tei:front | tei:back | tei:body | tei:group | tei:text | tei:floatingText
                       | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7
                       | tei:titlePage | tei:docImprint | tei:sourceDoc | tei:surface | tei:zone"
                mode="ed:print" priority="-1">
    <section>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="('part', 'part-' || local-name(), @type ! ('div-' || .))"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:print"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:docTitle | tei:titlePart | tei:docAuthor | tei:docEdition | tei:trailer
                       | tei:speaker | tei:addrLine | tei:line"
                mode="ed:print" priority="-1">
    <p>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:print"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:address | tei:sp | tei:castList | tei:castGroup" mode="ed:print" priority="-1">
    <div>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:print"/>
    </div>
  </xsl:template>

  <!-- Stage directions: a block between speeches, inline within one. -->
  <xsl:template match="tei:stage | tei:castItem" mode="ed:print" priority="-1">
    <xsl:element name="{if (parent::tei:sp or parent::tei:div or parent::tei:body or parent::tei:castList
                            or parent::tei:castGroup) then 'p' else 'span'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:apply-templates mode="ed:print"/>
    </xsl:element>
  </xsl:template>

  <!-- ===== Verse ===== -->

  <xsl:template match="tei:lg" mode="ed:print" priority="-1">
    <div>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="('lg', @type ! ('lg-' || .))"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:print"/>
    </div>
  </xsl:template>

  <!-- A verse line, with its number (@n) in the margin. -->
  <xsl:template match="tei:l" mode="ed:print" priority="-1">
    <p>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="'l'"/>
      </xsl:call-template>
      <xsl:if test="@n">
        <span class="line-number gen">{@n}</span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates mode="ed:print"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:caesura" mode="ed:print" priority="-1">
    <span class="caesura gen"> ‖ </span>
  </xsl:template>

  <!-- A line break inside a word (EpiDoc's break="no"): a hyphen at the end of the line, as in a diplomatic text. -->
  <xsl:template match="tei:lb[@break = 'no']" mode="ed:print" priority="1">
    <span class="gen">-</span><br/>
  </xsl:template>

  <!-- ===== Quotations and bibliographies ===== -->

  <xsl:template match="tei:cit" mode="ed:print" priority="-1">
    <xsl:element name="{if (ed:is-container(..) or exists(*[self::tei:p | self::tei:lg | self::tei:l])) then 'blockquote' else 'span'}">
      <xsl:attribute name="class" select="'cit'"/>
      <!-- Its quotation and reference, and any words it has of its own (a dictionary's cognate). -->
      <xsl:for-each select="* | text()[normalize-space()]">
        <xsl:if test="position() gt 1">
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:apply-templates select="." mode="ed:print"/>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:listBibl | tei:listPerson | tei:listPlace | tei:listApp | tei:listWit" mode="ed:print"
                priority="-1">
    <div>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates select="tei:head" mode="ed:print"/>
      <ul>
        <xsl:for-each select="* except tei:head">
          <li><xsl:apply-templates select="." mode="ed:print"/></li>
        </xsl:for-each>
      </ul>
    </div>
  </xsl:template>

  <xsl:template match="tei:bibl | tei:biblStruct | tei:person | tei:place | tei:witness" mode="ed:print" priority="-1">
    <span class="{local-name()}">
      <xsl:if test="@xml:id">
        <xsl:attribute name="id" select="@xml:id"/>
      </xsl:if>
      <xsl:apply-templates mode="ed:print"/>
    </span>
  </xsl:template>

  <!-- ===== Editorial signs: apparatus, expansions, damage (EpiDoc and the like) ===== -->

  <!-- An apparatus entry: the lemma, then each reading with its witnesses, as "lem ] rdg (wit)". -->
  <xsl:template match="tei:app" mode="ed:print" priority="-1">
    <span class="app">
      <xsl:for-each select="*">
        <!-- A footnote's call follows the reading it annotates, without a space. -->
        <xsl:if test="position() gt 1 and not(self::tei:note and ed:is-footnote(.))">
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:apply-templates select="." mode="ed:print"/>
      </xsl:for-each>
    </span>
  </xsl:template>

  <xsl:template match="tei:lem | tei:rdg" mode="ed:print" priority="-1">
    <span class="{local-name()}">
      <xsl:apply-templates mode="ed:print"/>
      <xsl:if test="self::tei:lem and following-sibling::tei:rdg">
        <span class="gen"> ]</span>
      </xsl:if>
      <xsl:if test="@wit">
        <span class="gen wit"> ({replace(normalize-space(@wit), '#', '')})</span>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- An EpiDoc expansion (abbreviation and the letters an editor adds, ex) is one word: no brackets
       round it, the added letters in round brackets (the Leiden convention). -->
  <xsl:template match="tei:expan[tei:ex]" mode="ed:print" priority="1">
    <span class="expan"><xsl:apply-templates mode="ed:print"/></span>
  </xsl:template>

  <xsl:template match="tei:ex" mode="ed:print" priority="-1">
    <span class="ex"><span class="gen">(</span><xsl:apply-templates mode="ed:print"/><span class="gen">)</span></span>
  </xsl:template>

  <!-- Letters an editor deletes as superfluous: in braces. -->
  <xsl:template match="tei:surplus" mode="ed:print" priority="-1">
    <span class="surplus"><span class="gen">{{</span><xsl:apply-templates mode="ed:print"/><span class="gen">}}</span></span>
  </xsl:template>

  <!-- Letters an ancient corrector erased, or a scribe restored: in double square brackets. -->
  <xsl:template match="tei:restore | tei:secl" mode="ed:print" priority="-1">
    <span class="{local-name()}"><span class="gen">⟦</span><xsl:apply-templates mode="ed:print"/><span class="gen">⟧</span></span>
  </xsl:template>

  <xsl:template match="tei:space" mode="ed:print" priority="-1">
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
  <xsl:template match="text()[ed:is-indentation(.)]" mode="ed:print"/>

  <!-- Marks that hold no text of the document. -->
  <xsl:template match="tei:handShift | tei:certainty | tei:precision | tei:respons | tei:link | tei:linkGrp
                       | tei:lacunaStart | tei:lacunaEnd | tei:witStart | tei:witEnd | tei:alt | tei:altGrp
                       | tei:join | tei:joinGrp | tei:graphic | tei:media | tei:binaryObject"
                mode="ed:print" priority="-1"/>

  <!-- An interpretive annotation of a passage (span, in a spanGrp or alone): its words are the
       annotator's, shown in brackets where it stands, not dropped. -->
  <xsl:template match="tei:spanGrp" mode="ed:print" priority="-1">
    <xsl:apply-templates select="tei:span" mode="ed:print"/>
  </xsl:template>

  <xsl:template match="tei:span" mode="ed:print" priority="-1">
    <span class="annotation"><span class="gen"> [</span><xsl:apply-templates mode="ed:print"/><span class="gen">] </span></span>
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
                mode="ed:print" priority="-1">
    <span class="{local-name()}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="ed:print"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:figure" mode="ed:print" priority="-1">
    <figure>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="'figure'"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:print"/>
    </figure>
  </xsl:template>

</xsl:stylesheet>
