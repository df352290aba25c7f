<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/msdesc.xsl: the manuscript descriptions (msDesc) of other archives'
  documents in the HTML edition.  Included by html/foreign.xsl.

  A manuscript catalogue's record (the Wellcome Collection's, Bodleian
  msdesc) has its whole content in teiHeader/fileDesc/sourceDesc/msDesc and
  often an empty text.  A foreign document's page shows each description
  (core.xsl's ed:described-manuscripts) in a section of its own, before the
  text; an msDesc in the text is shown in its place the same way.  What each
  part of a description is, its label and the order are core.xsl's
  (ed:ms-kind, ed:ms-label, ed:ms-flow); here is only how each kind looks:
    part        a section headed by its identifier ("United Kingdom, London,
                Wellcome Library, MS 289"; "Part 2: MS 7"), its parts nested;
    section     a section headed by its label (Contents, Physical description);
    field       a dt (the label) and a dd in a dl of the fields in a row;
    item        a list item of an ol, with its number (@n); its own items an
                ol inside it;
    locus       a folio reference ("ff. 1r–30r") heading its item;
    other       as mode ed:html shows it (p, note, list, and the catch-all of
                text.xsl, which reports an element it does not know and shows
                its text).
  Words are never joined or dropped: labels and what else the interface adds
  are in class "gen"; parts of a heading and the children of every container
  (core.xsl's $ed:ms-containers) stand apart, as tei.exchange.imports.tei_words
  counts them.  The page's word check (html_words) reads this section too.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:tei-edition:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The description's own structure; every node that reaches it has a template below. -->
  <xsl:mode name="ed:msdesc" on-no-match="fail"/>
  <!-- The parts of an identifier (msIdentifier, altIdentifier). -->
  <xsl:mode name="ed:ms-heading" on-no-match="fail"/>

  <!-- ===== The section of a foreign document's page (html/foreign.xsl calls it) ===== -->

  <xsl:template name="ed:ms-description">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="descriptions" as="element(tei:msDesc)*" select="ed:described-manuscripts($tei)"/>
    <xsl:if test="exists($descriptions)">
      <section class="ms-description" aria-labelledby="ms-description-heading">
        <h2 id="ms-description-heading">{ed:i18n(if (count($descriptions) gt 1) then 'ms-descriptions' else 'ms-description')}</h2>
        <xsl:apply-templates select="$descriptions" mode="ed:msdesc">
          <xsl:with-param name="ed:ms-level" tunnel="yes" select="3"/>
        </xsl:apply-templates>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- An msDesc in the text (the TEI Consortium's test puts descriptions in the body): in its place, its
       heading below the "Text" heading (h2) and its part's label (h3), if it has one. -->
  <xsl:template match="tei:msDesc" mode="ed:html" priority="-0.75">
    <xsl:variable name="ancestors" as="element()*" select="ancestor::*"/>
    <xsl:variable name="part" as="element()?" select="(ed:foreign-parts(root()/tei:TEI)[exists(. intersect $ancestors)])[1]"/>
    <xsl:if test="ed:ms-has-content(.)">
      <xsl:apply-templates select="." mode="ed:msdesc">
        <xsl:with-param name="ed:ms-level" tunnel="yes" select="if (exists($part ! ed:part-label(.))) then 4 else 3"/>
      </xsl:apply-templates>
    </xsl:if>
  </xsl:template>

  <!-- ===== Kinds ===== -->

  <!-- The nodes of a container (ed:ms-flow) in order: fields in a row one dl, items in a row one ol. -->
  <xsl:template name="ed:ms-blocks">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:for-each-group select="$nodes" group-adjacent="ed:ms-kind(.)">
      <xsl:choose>
        <xsl:when test="current-grouping-key() = 'field'">
          <dl class="ms-fields"><xsl:apply-templates select="current-group()" mode="ed:msdesc"/></dl>
        </xsl:when>
        <xsl:when test="current-grouping-key() = 'item'">
          <ol class="ms-items"><xsl:apply-templates select="current-group()" mode="ed:msdesc"/></ol>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="current-group()" mode="ed:msdesc"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <xsl:template name="ed:ms-attributes">
    <xsl:param name="class" as="xs:string+"/>
    <xsl:if test="@xml:id">
      <xsl:attribute name="id" select="@xml:id"/>
    </xsl:if>
    <xsl:attribute name="class" select="string-join($class, ' ')"/>
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang" select="@xml:lang"/>
    </xsl:if>
  </xsl:template>

  <!-- A description, a part, a fragment: headed by its identifier, then its own parts. -->
  <xsl:template match="tei:msDesc | tei:msPart | tei:msFrag" mode="ed:msdesc">
    <xsl:param name="ed:ms-level" as="xs:integer" tunnel="yes"/>
    <xsl:variable name="label" as="xs:string?" select="ed:ms-part-label(.)"/>
    <xsl:variable name="heading" as="element()*" select="ed:ms-heading-parts(.)"/>
    <section>
      <xsl:call-template name="ed:ms-attributes">
        <xsl:with-param name="class" select="('ms', 'ms-' || local-name())"/>
      </xsl:call-template>
      <xsl:element name="h{min((6, $ed:ms-level))}">
        <xsl:attribute name="class" select="'ms-heading'"/>
        <xsl:if test="exists($label)">
          <span class="gen">{$label}{if (exists($heading)) then ':' else ''}</span>
          <xsl:if test="exists($heading)"><xsl:text> </xsl:text></xsl:if>
        </xsl:if>
        <xsl:apply-templates select="tei:msIdentifier" mode="ed:ms-heading"/>
      </xsl:element>
      <xsl:call-template name="ed:ms-blocks">
        <xsl:with-param name="nodes" select="ed:ms-flow(.)"/>
        <xsl:with-param name="ed:ms-level" tunnel="yes" select="$ed:ms-level + 1"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <!-- ===== Identifiers (mode ed:ms-heading) ===== -->

  <!-- Place, holder, collection, shelfmark: "London, Wellcome Library, MS 289" (the comma the
       interface's, the space a word's end); an altIdentifier's parts alike. -->
  <xsl:template match="tei:msIdentifier" mode="ed:ms-heading">
    <xsl:call-template name="ed:ms-identifier-parts">
      <xsl:with-param name="parts" select="ed:ms-heading-parts(..)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="ed:ms-identifier-parts">
    <xsl:param name="parts" as="element()*"/>
    <xsl:for-each select="$parts">
      <xsl:if test="position() gt 1"><span class="gen">,</span><xsl:text> </xsl:text></xsl:if>
      <xsl:apply-templates select="." mode="ed:ms-heading"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:country | tei:region | tei:settlement | tei:placeName | tei:institution | tei:repository
                       | tei:collection | tei:idno | tei:msName | tei:note"
                mode="ed:ms-heading">
    <span class="{local-name()}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="ed:html"/>
    </span>
  </xsl:template>

  <!-- Anything else in an identifier: as the text's templates show it (and report it when they do not know it). -->
  <xsl:template match="*" mode="ed:ms-heading" priority="-10">
    <xsl:apply-templates select="." mode="ed:html"/>
  </xsl:template>

  <xsl:template match="tei:msContents | tei:physDesc | tei:history | tei:additional" mode="ed:msdesc">
    <xsl:param name="ed:ms-level" as="xs:integer" tunnel="yes"/>
    <section>
      <xsl:call-template name="ed:ms-attributes">
        <xsl:with-param name="class" select="('ms-section', 'ms-' || local-name())"/>
      </xsl:call-template>
      <xsl:element name="h{min((6, $ed:ms-level))}">
        <xsl:attribute name="class" select="'ms-section-title gen'"/>
        <xsl:text>{ed:ms-label(.)}</xsl:text>
      </xsl:element>
      <xsl:call-template name="ed:ms-blocks">
        <xsl:with-param name="nodes" select="ed:ms-flow(.)"/>
        <xsl:with-param name="ed:ms-level" tunnel="yes" select="$ed:ms-level + 1"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <!-- A work of the manuscript: its number, then its folios, fields and items in order. -->
  <xsl:template match="tei:msItem | tei:msItemStruct" mode="ed:msdesc">
    <li>
      <xsl:call-template name="ed:ms-attributes">
        <xsl:with-param name="class" select="'ms-item'"/>
      </xsl:call-template>
      <xsl:if test="normalize-space(@n)">
        <span class="ms-item-n gen">{normalize-space(@n)}.</span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <div class="ms-item-body">
        <xsl:call-template name="ed:ms-blocks">
          <xsl:with-param name="nodes" select="ed:ms-flow(.)"/>
        </xsl:call-template>
      </div>
    </li>
  </xsl:template>

  <xsl:template match="tei:locus | tei:locusGrp" mode="ed:msdesc">
    <p class="ms-locus"><xsl:apply-templates select="." mode="ed:html"/></p>
  </xsl:template>

  <xsl:template match="tei:head" mode="ed:msdesc">
    <p>
      <xsl:call-template name="ed:ms-attributes">
        <xsl:with-param name="class" select="'ms-head'"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:html"/>
    </p>
  </xsl:template>

  <!-- ===== Fields ===== -->

  <!-- A field: its label, and its content as the text's templates show it. -->
  <xsl:template match="tei:summary | tei:textLang | tei:idno | tei:author | tei:editor | tei:respStmt | tei:title
                       | tei:rubric | tei:incipit | tei:explicit | tei:finalRubric | tei:colophon | tei:filiation
                       | tei:note | tei:quote | tei:bibl | tei:biblStruct | tei:decoNote | tei:support | tei:extent
                       | tei:foliation | tei:collation | tei:condition | tei:layout | tei:handNote | tei:scriptNote
                       | tei:typeNote | tei:musicNotation | tei:additions | tei:binding | tei:seal | tei:accMat
                       | tei:origin | tei:origDate | tei:origPlace | tei:provenance | tei:acquisition | tei:source
                       | tei:availability | tei:custEvent | tei:surrogates | tei:msName | tei:objectType"
                mode="ed:msdesc">
    <xsl:call-template name="ed:ms-field">
      <xsl:with-param name="content" as="node()*">
        <xsl:call-template name="ed:ms-phrases"/>
        <xsl:for-each select="ed:ms-supplied(.)"><span class="gen">{.}</span></xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The content of a field or a reference as the text's templates show it; parts the source runs
       together (ed:ms-run-together) parted by the interface's commas. -->
  <xsl:template name="ed:ms-phrases">
    <xsl:variable name="commas" as="xs:boolean" select="ed:ms-run-together(.)"/>
    <xsl:for-each select="node()">
      <xsl:apply-templates select="." mode="ed:html"/>
      <xsl:if test="$commas and self::*">
        <xsl:for-each select="ed:ms-separator(.)"><span class="gen">{.}</span></xsl:for-each>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- A group that holds text or other elements besides its fields: a field, its content in order. -->
  <xsl:template match="tei:objectDesc | tei:supportDesc | tei:layoutDesc | tei:handDesc | tei:scriptDesc | tei:typeDesc
                       | tei:decoDesc | tei:bindingDesc | tei:sealDesc | tei:adminInfo | tei:recordHist
                       | tei:custodialHist"
                mode="ed:msdesc">
    <xsl:call-template name="ed:ms-field">
      <xsl:with-param name="content" as="node()*">
        <xsl:call-template name="ed:ms-blocks">
          <xsl:with-param name="nodes" select="ed:ms-flow(.)"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:altIdentifier" mode="ed:msdesc">
    <xsl:call-template name="ed:ms-field">
      <xsl:with-param name="content" as="node()*">
        <xsl:call-template name="ed:ms-identifier-parts">
          <xsl:with-param name="parts" select="*[ed:ms-has-content(.)]"/>
        </xsl:call-template>
        <!-- Text straight in it (not TEI, but shown): after its parts. -->
        <xsl:for-each select="text()[normalize-space()]"><xsl:text> </xsl:text><xsl:apply-templates select="." mode="ed:html"/></xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A bibliography: its head is its label; each entry an item. -->
  <xsl:template match="tei:listBibl" mode="ed:msdesc">
    <xsl:variable name="head" as="element(tei:head)*" select="tei:head[ed:ms-has-content(.)]"/>
    <div>
      <xsl:call-template name="ed:ms-attributes">
        <xsl:with-param name="class" select="('ms-field', 'ms-listBibl')"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="exists($head)">
          <dt><xsl:for-each select="$head"><xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if><xsl:apply-templates mode="ed:html"/></xsl:for-each></dt>
        </xsl:when>
        <xsl:otherwise>
          <dt class="gen">{ed:ms-label(.)}</dt>
        </xsl:otherwise>
      </xsl:choose>
      <dd>
        <ul class="ms-bibl">
          <xsl:for-each select="node()[not(self::tei:head)][self::* or normalize-space()][ed:ms-has-content(.)]">
            <li><xsl:apply-templates select="." mode="ed:html"/></li>
          </xsl:for-each>
        </ul>
      </dd>
    </div>
  </xsl:template>

  <!-- Attributes that are fields (ed:ms-attributes): their value is the encoder's word, not the text's. -->
  <xsl:template match="@*" mode="ed:msdesc">
    <div class="ms-field ms-{local-name()}">
      <dt class="gen">{ed:ms-label(.)}</dt>
      <dd class="gen">{normalize-space()}</dd>
    </div>
  </xsl:template>

  <xsl:template name="ed:ms-field">
    <xsl:param name="content" as="node()*"/>
    <div>
      <xsl:if test="@xml:id">
        <xsl:attribute name="id" select="@xml:id"/>
      </xsl:if>
      <xsl:attribute name="class" select="'ms-field ms-' || local-name()"/>
      <dt class="gen">{ed:ms-label(.)}</dt>
      <dd>
        <xsl:if test="@xml:lang">
          <xsl:attribute name="lang" select="@xml:lang"/>
        </xsl:if>
        <xsl:sequence select="$content"/>
      </dd>
    </div>
  </xsl:template>

  <!-- ===== What else a container holds ===== -->

  <!-- Text straight in a container (not TEI, but shown): a paragraph. -->
  <xsl:template match="text()" mode="ed:msdesc">
    <p class="ms-text"><xsl:apply-templates select="." mode="ed:html"/></p>
  </xsl:template>

  <!-- A paragraph, a list, an element no kind names: as the text's templates show it, a block of its own. -->
  <xsl:template match="*" mode="ed:msdesc" priority="-10">
    <div class="ms-other"><xsl:apply-templates select="." mode="ed:html"/></div>
  </xsl:template>

  <!-- ===== Phrases of a description, wherever they stand (mode ed:html) ===== -->

  <!-- A folio reference: "ff." before a bare folio number, the folios from @from and @to when it has
       no text; apart from a word it was run into. -->
  <xsl:template match="tei:locus" mode="ed:html" priority="-0.75">
    <xsl:if test="ed:ms-glued(., 'before')"><xsl:text> </xsl:text></xsl:if>
    <span class="locus">
      <xsl:for-each select="ed:folio-prefix(.)"><span class="gen">{.} </span></xsl:for-each>
      <xsl:apply-templates mode="ed:html"/>
      <xsl:for-each select="ed:ms-supplied(.)"><span class="gen">{.}</span></xsl:for-each>
    </span>
    <xsl:if test="ed:ms-glued(., 'after')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- Measurements: "210 × 148 mm", their qualifier after them ("(leaf)"); apart from a word they were run into. -->
  <xsl:template match="tei:msDesc//tei:dimensions" mode="ed:html" priority="-0.75">
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
            <xsl:apply-templates select="." mode="ed:html"/>
          </xsl:when>
        </xsl:choose>
      </xsl:for-each>
      <xsl:if test="$labels[2] != ''"><xsl:text> </xsl:text><span class="gen">{$labels[2]}</span></xsl:if>
      <xsl:if test="$labels[1] != ''"><xsl:text> </xsl:text><span class="gen">({$labels[1]})</span></xsl:if>
      <!-- The source's space at the end, after the unit it comes before on the page. -->
      <xsl:if test="exists(node()[ed:ms-has-content(.)]) and node()[last()][self::text()][not(normalize-space())]"><xsl:text> </xsl:text></xsl:if>
    </span>
    <xsl:if test="ed:ms-glued(., 'after')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- A label run into the words it labels ("<label>Script:</label>Nastaliq"): apart from them, as a
       label is a block to tei.exchange.imports.tei_words (text.xsl parts it from an element only). -->
  <xsl:template match="tei:msDesc//tei:label[not(ed:is-container(..))][ed:ms-touching(., 'before') or ed:ms-touching(., 'after')]"
                mode="ed:html" priority="2">
    <xsl:if test="ed:ms-touching(., 'before')"><xsl:text> </xsl:text></xsl:if>
    <xsl:next-match/>
    <xsl:if test="ed:ms-touching(., 'after') and not(following-sibling::node()[1][self::*])"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- A bare measurement: "150 mm (height)", the unit and kind supplied from its attributes. -->
  <xsl:template match="tei:msDesc//tei:measure[exists(ed:measure-labels(.)[. != ''])]" mode="ed:html" priority="1">
    <xsl:variable name="labels" as="xs:string*" select="ed:measure-labels(.)"/>
    <span class="measure">
      <xsl:apply-templates mode="ed:html"/>
      <xsl:if test="$labels[1] != ''"><xsl:text> </xsl:text><span class="gen">{$labels[1]}</span></xsl:if>
      <xsl:if test="$labels[2] != ''"><xsl:text> </xsl:text><span class="gen">({$labels[2]})</span></xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="tei:locusGrp | tei:dim | tei:watermark | tei:catchwords | tei:signatures | tei:secFol
                       | tei:heraldry | tei:stamp | tei:formula"
                mode="ed:html" priority="-0.75">
    <span class="{local-name()}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="ed:html"/>
    </span>
  </xsl:template>

  <!-- The space at the end of a part that a comma follows (ed:ms-trailing-space): after the comma. -->
  <xsl:template match="text()[ed:ms-trailing-space(.)]" mode="ed:html" priority="1"/>

  <!-- A reference in a description: "Petros Bouras-Vallianatos, 2015, Pp. 275-326". -->
  <!-- A link with no text of its own (<ref target="http://…"/>): its address is its text. -->
  <xsl:template match="tei:msDesc//tei:ref[not(normalize-space())][matches(tokenize(@target)[1], '^https?:')]"
                mode="ed:html" priority="1">
    <xsl:variable name="target" as="xs:string" select="tokenize(@target)[1]"/>
    <a href="{$target}" class="ref gen">{$target}</a>
  </xsl:template>

  <xsl:template match="tei:msDesc//tei:bibl" mode="ed:html" priority="-0.75">
    <span class="bibl">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:call-template name="ed:ms-phrases"/>
    </span>
  </xsl:template>

  <!-- A note inside a reference (a catalogue's "Pp. 275-326"): part of the reference, not a block in it; apart
       from a word it was run into (tei_words reads a note as a block). -->
  <xsl:template match="tei:note[parent::tei:bibl | parent::tei:biblStruct][ancestor::tei:msDesc][not(ed:is-footnote(.))]"
                mode="ed:html" priority="1">
    <xsl:if test="ed:ms-touching(., 'before')"><xsl:text> </xsl:text></xsl:if>
    <span class="bibl-note">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="ed:html"/>
    </span>
    <xsl:if test="ed:ms-touching(., 'after')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

</xsl:stylesheet>
