<?xml version="1.0" encoding="UTF-8"?>
<!--
  print/msdesc.xsl: the manuscript descriptions (msDesc) of other archives'
  documents in the print volume (and the offprints).  Included by
  print/foreign.xsl; the print counterpart of html/msdesc.xsl.

  A foreign document's part of the volume opens with its descriptions (core.xsl's
  ed:described-manuscripts), laid out as a catalogue entry: the identifier as a
  heading ("United Kingdom, London, Wellcome Library, MS 289"), then the
  sections (Contents, Physical description, History ...) under small headings,
  each field a paragraph with its label run in ("Incipit: Τὴν τῶν ὅρων …"), the
  items (msItem) numbered with a hanging indent, an item's items indented below
  it, a part (msPart, msFrag) indented with a rule.  What each part is, its
  label and the order are core.xsl's (ed:ms-kind, ed:ms-label, ed:ms-flow), as
  in the HTML edition.  What the description does not name is printed as mode
  ed:print prints it (text.xsl's catch-all reports an element it does not know
  and prints its text).  Text the print adds is in class "gen"; no word is
  joined or dropped (parts of a heading and the children of every container
  stand apart, as tei.exchange.imports.tei_words counts them).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:tei-edition:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The description's own structure; every node that reaches it has a template below. -->
  <xsl:mode name="ed:print-msdesc" on-no-match="fail"/>
  <!-- The parts of an identifier (msIdentifier, altIdentifier). -->
  <xsl:mode name="ed:print-ms-heading" on-no-match="fail"/>

  <!-- ===== The descriptions of a foreign document (print/foreign.xsl calls it) ===== -->

  <xsl:template name="ed:print-ms-description">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="descriptions" as="element(tei:msDesc)*" select="ed:described-manuscripts($tei)"/>
    <xsl:if test="exists($descriptions)">
      <section class="ms-description">
        <h3 class="text-title gen" lang="{$ed:lang}">{ed:i18n(if (count($descriptions) gt 1) then 'ms-descriptions' else 'ms-description')}</h3>
        <xsl:apply-templates select="$descriptions" mode="ed:print-msdesc"/>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- An msDesc in the text: in its place. -->
  <xsl:template match="tei:msDesc" mode="ed:print" priority="-0.75">
    <xsl:if test="ed:ms-has-content(.)">
      <xsl:apply-templates select="." mode="ed:print-msdesc"/>
    </xsl:if>
  </xsl:template>

  <!-- ===== Kinds ===== -->

  <!-- The nodes of a container (ed:ms-flow) in order: fields in a row one block, items in a row one list. -->
  <xsl:template name="ed:print-ms-blocks">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:for-each-group select="$nodes" group-adjacent="ed:ms-kind(.)">
      <xsl:choose>
        <xsl:when test="current-grouping-key() = 'field'">
          <div class="ms-fields"><xsl:apply-templates select="current-group()" mode="ed:print-msdesc"/></div>
        </xsl:when>
        <xsl:when test="current-grouping-key() = 'item'">
          <ol class="ms-items"><xsl:apply-templates select="current-group()" mode="ed:print-msdesc"/></ol>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="current-group()" mode="ed:print-msdesc"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <!-- A description, a part, a fragment: headed by its identifier, then its own parts. -->
  <xsl:template match="tei:msDesc | tei:msPart | tei:msFrag" mode="ed:print-msdesc">
    <xsl:variable name="label" as="xs:string?" select="ed:ms-part-label(.)"/>
    <xsl:variable name="heading" as="element()*" select="ed:ms-heading-parts(.)"/>
    <section>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="('ms', 'ms-' || local-name())"/>
      </xsl:call-template>
      <h4 class="ms-heading">
        <xsl:if test="exists($label)">
          <span class="gen" lang="{$ed:lang}">{$label}{if (exists($heading)) then ':' else ''}</span>
          <xsl:if test="exists($heading)"><xsl:text> </xsl:text></xsl:if>
        </xsl:if>
        <xsl:apply-templates select="tei:msIdentifier" mode="ed:print-ms-heading"/>
      </h4>
      <xsl:call-template name="ed:print-ms-blocks">
        <xsl:with-param name="nodes" select="ed:ms-flow(.)"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <!-- Contents, physical description, history, additional: a small heading, then its parts. -->
  <xsl:template match="tei:msContents | tei:physDesc | tei:history | tei:additional" mode="ed:print-msdesc">
    <section>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="('ms-section', 'ms-' || local-name())"/>
      </xsl:call-template>
      <h4 class="ms-section-title gen" lang="{$ed:lang}">{ed:ms-label(.)}</h4>
      <xsl:call-template name="ed:print-ms-blocks">
        <xsl:with-param name="nodes" select="ed:ms-flow(.)"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <!-- An item: its number (@n) in a column of its own, beside its body (print.css: a table row, which
       keeps the number before the item in the PDF's text, as a float did not). -->
  <xsl:template match="tei:msItem | tei:msItemStruct" mode="ed:print-msdesc">
    <li>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="'ms-item'"/>
      </xsl:call-template>
      <span class="ms-item-n gen">{normalize-space(@n)[. != ''] ! (. || '.')}</span>
      <xsl:text> </xsl:text>
      <div class="ms-item-body">
        <xsl:call-template name="ed:print-ms-blocks">
          <xsl:with-param name="nodes" select="ed:ms-flow(.)"/>
        </xsl:call-template>
      </div>
    </li>
  </xsl:template>

  <xsl:template match="tei:locus | tei:locusGrp" mode="ed:print-msdesc">
    <p class="ms-locus"><xsl:apply-templates select="." mode="ed:print"/></p>
  </xsl:template>

  <xsl:template match="tei:head" mode="ed:print-msdesc">
    <p>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="'ms-head'"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:print"/>
    </p>
  </xsl:template>

  <!-- ===== Identifiers ===== -->

  <!-- Place, holder, collection, shelfmark, parted by the print's commas; an altIdentifier's parts alike. -->
  <xsl:template match="tei:msIdentifier" mode="ed:print-ms-heading">
    <xsl:call-template name="ed:print-ms-identifier-parts">
      <xsl:with-param name="parts" select="ed:ms-heading-parts(..)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="ed:print-ms-identifier-parts">
    <xsl:param name="parts" as="element()*"/>
    <xsl:for-each select="$parts">
      <xsl:if test="position() gt 1"><span class="gen">,</span><xsl:text> </xsl:text></xsl:if>
      <xsl:apply-templates select="." mode="ed:print-ms-heading"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:country | tei:region | tei:settlement | tei:placeName | tei:institution | tei:repository
                       | tei:collection | tei:idno | tei:msName | tei:note"
                mode="ed:print-ms-heading">
    <span class="{local-name()}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="ed:print"/>
    </span>
  </xsl:template>

  <xsl:template match="*" mode="ed:print-ms-heading" priority="-10">
    <xsl:apply-templates select="." mode="ed:print"/>
  </xsl:template>

  <!-- ===== Fields: the label run in ===== -->

  <!-- A field: its label run in, then its content as mode ed:print prints it. -->
  <xsl:template match="tei:summary | tei:textLang | tei:idno | tei:author | tei:editor | tei:respStmt | tei:title
                       | tei:rubric | tei:incipit | tei:explicit | tei:finalRubric | tei:colophon | tei:filiation
                       | tei:note | tei:quote | tei:bibl | tei:biblStruct | tei:decoNote | tei:support | tei:extent
                       | tei:foliation | tei:collation | tei:condition | tei:layout | tei:handNote | tei:scriptNote
                       | tei:typeNote | tei:musicNotation | tei:additions | tei:binding | tei:seal | tei:accMat
                       | tei:origin | tei:origDate | tei:origPlace | tei:provenance | tei:acquisition | tei:source
                       | tei:availability | tei:custEvent | tei:surrogates | tei:msName | tei:objectType"
                mode="ed:print-msdesc">
    <xsl:call-template name="ed:print-ms-field">
      <xsl:with-param name="content" as="node()*">
        <xsl:call-template name="ed:print-ms-phrases"/>
        <xsl:for-each select="ed:ms-supplied(.)"><span class="gen">{.}</span></xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Parts the source runs together (ed:ms-run-together) parted by the print's commas. -->
  <xsl:template name="ed:print-ms-phrases">
    <xsl:variable name="commas" as="xs:boolean" select="ed:ms-run-together(.)"/>
    <xsl:for-each select="node()">
      <xsl:apply-templates select="." mode="ed:print"/>
      <xsl:if test="$commas and self::*">
        <xsl:for-each select="ed:ms-separator(.)"><span class="gen">{.}</span></xsl:for-each>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- A group that holds text or other elements besides its fields: a field, its content in order. -->
  <xsl:template match="tei:objectDesc | tei:supportDesc | tei:layoutDesc | tei:handDesc | tei:scriptDesc | tei:typeDesc
                       | tei:decoDesc | tei:bindingDesc | tei:sealDesc | tei:adminInfo | tei:recordHist
                       | tei:custodialHist"
                mode="ed:print-msdesc">
    <xsl:call-template name="ed:print-ms-field">
      <xsl:with-param name="content" as="node()*">
        <xsl:call-template name="ed:print-ms-blocks">
          <xsl:with-param name="nodes" select="ed:ms-flow(.)"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:altIdentifier" mode="ed:print-msdesc">
    <xsl:call-template name="ed:print-ms-field">
      <xsl:with-param name="content" as="node()*">
        <xsl:call-template name="ed:print-ms-identifier-parts">
          <xsl:with-param name="parts" select="*[ed:ms-has-content(.)]"/>
        </xsl:call-template>
        <xsl:for-each select="text()[normalize-space()]"><xsl:text> </xsl:text><xsl:apply-templates select="." mode="ed:print"/></xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A bibliography: its head is its label; each entry a line of its own. -->
  <xsl:template match="tei:listBibl" mode="ed:print-msdesc">
    <xsl:variable name="head" as="element(tei:head)*" select="tei:head[ed:ms-has-content(.)]"/>
    <div>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="('ms-field', 'ms-listBibl')"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="exists($head)">
          <span class="ms-label"><xsl:for-each select="$head"><xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if><xsl:apply-templates mode="ed:print"/></xsl:for-each><span class="gen">:</span></span>
        </xsl:when>
        <xsl:otherwise>
          <span class="ms-label gen" lang="{$ed:lang}">{ed:ms-label(.)}:</span>
        </xsl:otherwise>
      </xsl:choose>
      <ul class="ms-bibl">
        <xsl:for-each select="node()[not(self::tei:head)][self::* or normalize-space()][ed:ms-has-content(.)]">
          <li><xsl:apply-templates select="." mode="ed:print"/></li>
        </xsl:for-each>
      </ul>
    </div>
  </xsl:template>

  <!-- Attributes that are fields (ed:ms-attributes): their value is the encoder's word, not the text's. -->
  <xsl:template match="@*" mode="ed:print-msdesc">
    <div class="ms-field ms-{local-name()}">
      <span class="ms-label gen" lang="{$ed:lang}">{ed:ms-label(.)}:</span>
      <xsl:text> </xsl:text>
      <span class="gen">{normalize-space()}</span>
    </div>
  </xsl:template>

  <xsl:template name="ed:print-ms-field">
    <xsl:param name="content" as="node()*"/>
    <div>
      <xsl:if test="@xml:id">
        <xsl:attribute name="id" select="@xml:id"/>
      </xsl:if>
      <xsl:attribute name="class" select="'ms-field ms-' || local-name()"/>
      <span class="ms-label gen" lang="{$ed:lang}">{ed:ms-label(.)}:</span>
      <xsl:text> </xsl:text>
      <xsl:choose>
        <xsl:when test="@xml:lang">
          <span lang="{@xml:lang}"><xsl:sequence select="$content"/></span>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="$content"/>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <!-- ===== What else a container holds ===== -->

  <!-- Text straight in a container (not TEI, but printed): a paragraph. -->
  <xsl:template match="text()" mode="ed:print-msdesc">
    <p class="ms-text"><xsl:apply-templates select="." mode="ed:print"/></p>
  </xsl:template>

  <!-- A paragraph, a list, an element no kind names: as mode ed:print prints it, a block of its own. -->
  <xsl:template match="*" mode="ed:print-msdesc" priority="-10">
    <div class="ms-other"><xsl:apply-templates select="." mode="ed:print"/></div>
  </xsl:template>

  <!-- ===== Phrases of a description, wherever they stand (mode ed:print) ===== -->

  <!-- A folio reference: "ff." before a bare folio number, the folios from @from and @to when it has no
       text; apart from a word it was run into (as html/msdesc.xsl). -->
  <xsl:template match="tei:locus" mode="ed:print" priority="-0.75">
    <xsl:if test="ed:ms-glued(., 'before')"><xsl:text> </xsl:text></xsl:if>
    <span class="locus">
      <xsl:for-each select="ed:folio-prefix(.)"><span class="gen">{.}&#xA0;</span></xsl:for-each>
      <xsl:apply-templates mode="ed:print"/>
      <xsl:for-each select="ed:ms-supplied(.)"><span class="gen">{.}</span></xsl:for-each>
    </span>
    <xsl:if test="ed:ms-glued(., 'after')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- Measurements: "210 × 148 mm (leaf)". -->
  <xsl:template match="tei:msDesc//tei:dimensions" mode="ed:print" priority="-0.75">
    <xsl:variable name="labels" as="xs:string*" select="ed:dimensions-labels(.)"/>
    <xsl:if test="ed:ms-glued(., 'before')"><xsl:text> </xsl:text></xsl:if>
    <span class="dimensions">
      <xsl:for-each select="node()">
        <xsl:choose>
          <!-- The source's space at either end kept; between two measurements the × stands for it. -->
          <xsl:when test="self::text()[not(normalize-space())]">
            <xsl:if test="empty(preceding-sibling::node()[ed:ms-has-content(.)])"><xsl:text> </xsl:text></xsl:if>
          </xsl:when>
          <xsl:when test="ed:ms-has-content(.)">
            <xsl:if test="exists(preceding-sibling::node()[ed:ms-has-content(.)])"><xsl:text> </xsl:text><span class="gen">×</span><xsl:text> </xsl:text></xsl:if>
            <xsl:apply-templates select="." mode="ed:print"/>
          </xsl:when>
        </xsl:choose>
      </xsl:for-each>
      <xsl:if test="$labels[2] != ''"><xsl:text>&#xA0;</xsl:text><span class="gen">{$labels[2]}</span></xsl:if>
      <xsl:if test="$labels[1] != ''"><xsl:text> </xsl:text><span class="gen">({$labels[1]})</span></xsl:if>
      <!-- The source's space at the end, after the unit it comes before on the page. -->
      <xsl:if test="exists(node()[ed:ms-has-content(.)]) and node()[last()][self::text()][not(normalize-space())]"><xsl:text> </xsl:text></xsl:if>
    </span>
    <xsl:if test="ed:ms-glued(., 'after')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- A bare measurement: "150 mm (height)", the unit and kind supplied from its attributes. -->
  <xsl:template match="tei:msDesc//tei:measure[exists(ed:measure-labels(.)[. != ''])]" mode="ed:print" priority="1">
    <xsl:variable name="labels" as="xs:string*" select="ed:measure-labels(.)"/>
    <span class="measure">
      <xsl:apply-templates mode="ed:print"/>
      <xsl:if test="$labels[1] != ''"><xsl:text>&#xA0;</xsl:text><span class="gen">{$labels[1]}</span></xsl:if>
      <xsl:if test="$labels[2] != ''"><xsl:text> </xsl:text><span class="gen">({$labels[2]})</span></xsl:if>
    </span>
  </xsl:template>

  <!-- The other phrases of a description: a span named after the element. -->
  <xsl:template match="tei:locusGrp | tei:dim | tei:watermark | tei:catchwords | tei:signatures | tei:secFol
                       | tei:heraldry | tei:stamp | tei:formula"
                mode="ed:print" priority="-0.75">
    <span class="{local-name()}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="ed:print"/>
    </span>
  </xsl:template>

  <!-- A label run into the words it labels ("<label>Script:</label>Nastaliq"): apart from them. -->
  <xsl:template match="tei:msDesc//tei:label[not(ed:is-container(..))][ed:ms-touching(., 'before') or ed:ms-touching(., 'after')]"
                mode="ed:print" priority="2">
    <xsl:if test="ed:ms-touching(., 'before')"><xsl:text> </xsl:text></xsl:if>
    <xsl:next-match/>
    <xsl:if test="ed:ms-touching(., 'after') and not(following-sibling::node()[1][self::*])"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- The space at the end of a part that a comma follows (ed:ms-trailing-space): after the comma. -->
  <xsl:template match="text()[ed:ms-trailing-space(.)]" mode="ed:print" priority="1"/>

  <!-- A link with no text of its own (<ref target="http://…"/>): its address is its text. -->
  <xsl:template match="tei:msDesc//tei:ref[not(normalize-space())][matches(tokenize(@target)[1], '^https?:')]"
                mode="ed:print" priority="1">
    <span class="ref gen">{tokenize(@target)[1]}</span>
  </xsl:template>

  <!-- A reference in a description: "Petros Bouras-Vallianatos, 2015, Pp. 275-326". -->
  <xsl:template match="tei:msDesc//tei:bibl" mode="ed:print" priority="-0.75">
    <span class="bibl">
      <xsl:call-template name="ed:print-attributes"/>
      <xsl:call-template name="ed:print-ms-phrases"/>
    </span>
  </xsl:template>

  <!-- A note inside a reference: part of the reference, not a block in it. -->
  <xsl:template match="tei:note[parent::tei:bibl | parent::tei:biblStruct][ancestor::tei:msDesc][not(ed:is-footnote(.))]"
                mode="ed:print" priority="1">
    <xsl:if test="ed:ms-touching(., 'before')"><xsl:text> </xsl:text></xsl:if>
    <span class="bibl-note">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="ed:print"/>
    </span>
    <xsl:if test="ed:ms-touching(., 'after')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

</xsl:stylesheet>
