<?xml version="1.0" encoding="UTF-8"?>
<!--
  print/book.xsl: the print edition, as paged HTML for CSS Paged Media
  (print/print.css), which tei/typeset.py hands to WeasyPrint for a PDF.

  The volume is typeset in parts (tei/typeset.py joins their PDFs), each
  asked for by a driver document:
    <ed:book scope="entry"/>                 what tei/typeset.py needs to put a document in
                                             reading order: "id", "sort key", "foreign" (lines of text)
    <ed:book scope="part" document="ID" number="N" [opens-foreign="true"]/>
                                             one document of the volume, numbered N in the edition
    <ed:book scope="front" first="N" [volume="k" volumes="n"]/>
                                             title page, imprint, contents, introduction, list of documents
    <ed:book scope="back" first="N"/>        the indexes
    <ed:book scope="document" document="ID"/> one document on its own (an offprint)
  The TEI documents come in the parameter $ed:documents (in any order: the
  volume is in reading order, ed:in-reading-order), so that each keeps its
  own root, as core.xsl's functions expect: for a part, its document; for
  the front and back matter, the documents of the volume, the first of them
  numbered `first` in the edition.

  Page references: the front and back matter link to what they cite with
  <a href="#ID"> (a.page-ref where only the number is printed).  No part
  knows the pages of the others: tei/typeset.py gives every such link the
  page where anchor ID landed in the volume (data-page, which print.css
  prints), whatever made it.  ed:entity-indexes gets that for free.

  The volume:
    title page, imprint       edition facts (core.xsl's parameters) and the build
    contents                  with page numbers
    introduction              the edition's introduction, when it has one
    list of documents         number, date, title, correspondents, summary, page
    the documents             each on a new page (document.xsl)
    [documents from other     imported TEI (ed:is-foreign, print/foreign.xsl), after the
     archives]                edition's own, numbered on from them
    index of archival sources each reference with the pages citing it, the repositories
                              merged through the edition's abbreviations ($archive_aliases)
    indexes of persons,       ed:entity-indexes: the entries of the authority file the
    places, organisations     documents name, with the pages naming each

  Everything that says what a thing is comes from core.xsl; this module only
  says how the print shows it.  Labels are in ../i18n.xml and print/i18n.xml,
  styling in print.css.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:tei-edition:xslt"
    xmlns:i18n="urn:tei-edition:i18n"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="../core.xsl"/>
  <xsl:include href="document.xsl"/>
  <xsl:include href="text.xsl"/>
  <xsl:include href="foreign.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <!-- The documents of the volume (parsed by tei/typeset.py). -->
  <xsl:param name="ed:documents" as="document-node()*" select="()"/>
  <!-- The day the volume is typeset (ISO yyyy-mm-dd), for the imprint and the PDF's metadata. -->
  <xsl:param name="build_date" as="xs:string" select="''"/>
  <!-- The program, for the imprint and the PDF's Creator: "tei-edition 0.1.0 with WeasyPrint 70.0". -->
  <xsl:param name="generator" as="xs:string" select="''"/>
  <!-- The typeface the volume is set in (tei/typeset.py checks it is installed). -->
  <xsl:param name="typeface" as="xs:string" select="''"/>

  <!-- The print's strings are in print/i18n.xml, the shared ones in ../i18n.xml: one document
       with both (tei/typeset.py passes it in, parsed once; this is for a run on its own). -->
  <xsl:param name="ed:strings" as="document-node()">
    <xsl:document>
      <i18n:strings>
        <xsl:sequence select="doc('../i18n.xml')/i18n:strings/i18n:s, doc('i18n.xml')/i18n:strings/i18n:s"/>
      </i18n:strings>
    </xsl:document>
  </xsl:param>

  <xsl:mode on-no-match="fail"/>

  <!-- The edition's name: "Title: Subtitle". -->
  <xsl:variable name="ed:edition-name" as="xs:string" select="string-join(($title, $subtitle)[. != ''], ': ')"/>

  <!-- The documents in reading order, the edition's own first, then those of other archives (imported);
       a document's number in the edition is its position here. -->
  <xsl:variable name="ed:foreign" as="element(tei:TEI)*" select="$ed:documents/tei:TEI[ed:is-foreign(.)]"/>
  <xsl:variable name="ed:volume" as="element(tei:TEI)*"
      select="ed:in-reading-order($ed:documents/tei:TEI except $ed:foreign), ed:in-reading-order($ed:foreign)"/>
  <xsl:variable name="ed:first-foreign" as="element(tei:TEI)?" select="ed:in-reading-order($ed:foreign)[1]"/>

  <xsl:template match="document-node(element(ed:book))">
    <xsl:variable name="scope" as="xs:string" select="string(ed:book/@scope)"/>
    <xsl:choose>
      <xsl:when test="$scope = 'entry'">
        <xsl:for-each select="$ed:volume">
          <xsl:value-of select="ed:doc-id(.), ed:sort-key(.), string(ed:is-foreign(.))" separator="&#9;"/>
          <xsl:text>&#10;</xsl:text>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$scope = 'part'">
        <xsl:call-template name="ed:part">
          <xsl:with-param name="tei" select="ed:requested($ed:volume, string(ed:book/@document))"/>
          <xsl:with-param name="number" select="xs:integer(ed:book/@number)"/>
          <xsl:with-param name="opens-foreign" select="ed:book/@opens-foreign = 'true'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$scope = ('front', 'back')">
        <xsl:call-template name="ed:matter">
          <xsl:with-param name="scope" select="$scope"/>
          <xsl:with-param name="first" select="xs:integer((ed:book/@first, 1)[1])"/>
          <xsl:with-param name="volume" select="xs:integer((ed:book/@volume, 1)[1])"/>
          <xsl:with-param name="volumes" select="xs:integer((ed:book/@volumes, 1)[1])"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$scope = 'document'">
        <xsl:variable name="tei" as="element(tei:TEI)" select="ed:requested($ed:volume, string(ed:book/@document))"/>
        <xsl:call-template name="ed:offprint">
          <xsl:with-param name="tei" select="$tei"/>
          <xsl:with-param name="number" select="xs:integer((ed:book/@number, index-of($ed:volume ! ed:doc-id(.), ed:doc-id($tei))[1])[1])"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes">[ed:print] ed:book/@scope must be 'entry', 'part', 'front', 'back' or 'document', not '{$scope}'</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="ed:requested" as="element(tei:TEI)">
    <xsl:param name="volume" as="element(tei:TEI)*"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="found" as="element(tei:TEI)?" select="$volume[ed:doc-id(.) = $id][1]"/>
    <xsl:if test="empty($found)">
      <xsl:message terminate="yes">[ed:print] no document with id '{$id}' among the {count($volume)} documents</xsl:message>
    </xsl:if>
    <xsl:sequence select="$found"/>
  </xsl:function>

  <xsl:template match="document-node()" priority="-1">
    <xsl:message terminate="yes">[ed:print] expected the driver document ed:book, found {name(*[1])}</xsl:message>
  </xsl:template>

  <!-- ===== The frame: head (the PDF's metadata) and body ===== -->

  <xsl:template name="ed:print-page">
    <xsl:param name="pdf-title" as="xs:string"/>
    <xsl:param name="description" as="xs:string?"/>
    <xsl:param name="body-class" as="xs:string"/>
    <xsl:param name="content" as="element()*"/>
    <html lang="{$ed:lang}">
      <head>
        <meta charset="utf-8"/>
        <!-- WeasyPrint writes these into the PDF: Title, Author, Subject, Creator, CreationDate, Lang. -->
        <title>{$pdf-title}</title>
        <xsl:for-each select="tokenize($editors, ';\s*')[. != '']">
          <meta name="author" content="{.}"/>
        </xsl:for-each>
        <xsl:for-each select="$description[. != '']">
          <meta name="description" content="{.}"/>
        </xsl:for-each>
        <xsl:if test="$generator != ''">
          <meta name="generator" content="{$generator}"/>
        </xsl:if>
        <xsl:if test="$build_date != ''">
          <meta name="dcterms.created" content="{$build_date}"/>
        </xsl:if>
        <link rel="stylesheet" href="print.css"/>
      </head>
      <!-- The edition's title, for the running heads of left pages, from the first page of every part. -->
      <body class="{$body-class}" data-running-title="{$title}">
        <xsl:sequence select="$content"/>
      </body>
    </html>
  </xsl:template>

  <!-- ===== The parts of the volume ===== -->

  <!-- One document of the volume, numbered in the edition; the first of other archives' opens their part. -->
  <xsl:template name="ed:part">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="number" as="xs:integer"/>
    <xsl:param name="opens-foreign" as="xs:boolean"/>
    <xsl:call-template name="ed:print-page">
      <xsl:with-param name="pdf-title" select="ed:title($tei)"/>
      <xsl:with-param name="description" select="ed:summary($tei)"/>
      <xsl:with-param name="body-class" select="'volume part'"/>
      <xsl:with-param name="content" as="element()*">
        <xsl:if test="$opens-foreign">
          <section class="matter foreign-documents" id="foreign-documents">
            <h2 class="matter-title">{ed:i18n('print-foreign-documents')}</h2>
            <p class="matter-hint">{ed:i18n('print-foreign-documents-hint')}</p>
          </section>
        </xsl:if>
        <xsl:call-template name="ed:document">
          <xsl:with-param name="tei" select="$tei"/>
          <xsl:with-param name="number" select="$number"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The front matter (scope "front") or the back matter ("back") of a volume; its documents are numbered from $first. -->
  <xsl:template name="ed:matter">
    <xsl:param name="scope" as="xs:string"/>
    <xsl:param name="first" as="xs:integer"/>
    <xsl:param name="volume" as="xs:integer"/>
    <xsl:param name="volumes" as="xs:integer"/>
    <xsl:call-template name="ed:print-page">
      <xsl:with-param name="pdf-title" select="if ($volumes gt 1) then ed:i18n('print-volume-title', ($ed:edition-name, string($volume)))
                                               else $ed:edition-name"/>
      <xsl:with-param name="description" select="$subtitle"/>
      <xsl:with-param name="body-class" select="'volume ' || $scope"/>
      <xsl:with-param name="content" as="element()*">
        <xsl:choose>
          <xsl:when test="$scope = 'front'">
            <xsl:call-template name="ed:title-page">
              <xsl:with-param name="volume" select="$volume[$volumes gt 1]"/>
            </xsl:call-template>
            <xsl:call-template name="ed:imprint"/>
            <xsl:call-template name="ed:contents">
              <xsl:with-param name="first" select="$first"/>
            </xsl:call-template>
            <xsl:if test="normalize-space($introduction) != ''">
              <section class="matter introduction" id="introduction">
                <h2 class="matter-title">{ed:i18n('introduction')}</h2>
                <xsl:for-each select="tokenize(normalize-space($introduction), '\n\s*\n')">
                  <p>{ed:typography(., $ed:lang)}</p>
                </xsl:for-each>
              </section>
            </xsl:if>
            <xsl:call-template name="ed:calendar">
              <xsl:with-param name="first" select="$first"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="ed:index-of-sources"/>
            <xsl:call-template name="ed:entity-indexes"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="ed:title-page">
    <xsl:param name="volume" as="xs:integer?" select="()"/>
    <section class="title-page">
      <h1 class="book-title" data-running-title="{$title}">{$title}</h1>
      <xsl:if test="$subtitle != ''">
        <p class="book-subtitle">{$subtitle}</p>
      </xsl:if>
      <xsl:if test="exists($volume)">
        <p class="book-volume">{ed:i18n('print-volume', string($volume))}</p>
      </xsl:if>
      <xsl:if test="$editors != ''">
        <p class="book-editors">{ed:i18n('edited-by', $editors)}</p>
      </xsl:if>
      <p class="book-publisher">
        <span class="publisher">{$publisher}</span>
        <xsl:if test="$publisher_place != '' or $year != ''">
          <br/>
          <xsl:text>{string-join(($publisher_place, $year)[. != ''], ' · ')}</xsl:text>
        </xsl:if>
      </p>
    </section>
  </xsl:template>

  <xsl:template name="ed:imprint">
    <section class="imprint">
      <p class="imprint-title">{$ed:edition-name}.<xsl:if test="$editors != ''"><xsl:text> </xsl:text>{ed:i18n('edited-by', $editors)}.</xsl:if></p>
      <xsl:if test="$publisher != ''">
        <p>{ed:i18n('published-by', string-join(($publisher, $publisher_place, $year)[. != ''], ', '))}.</p>
      </xsl:if>
      <xsl:if test="$licence_name != ''">
        <p>{ed:i18n('print-imprint-licence', ($licence_name, ($licence_url[. != ''], $licence_name)[1]))}</p>
      </xsl:if>
      <xsl:if test="$archive_name != ''">
        <p>{ed:i18n('print-imprint-archive', $archive_name)}</p>
      </xsl:if>
      <xsl:if test="$base_url != ''">
        <p>{ed:i18n('print-imprint-online', $base_url)}</p>
      </xsl:if>
      <p class="imprint-build">{ed:i18n('print-imprint-built',
          (ed:format-date($build_date[. != '']), string(count($ed:volume)), ($generator[. != ''], 'tei-edition')[1]))}<xsl:if
          test="$typeface != ''"><xsl:text> </xsl:text>{ed:i18n('print-imprint-typeface', $typeface)}</xsl:if></p>
    </section>
  </xsl:template>

  <!-- Contents: every part of the volume and every document, with its first page. -->
  <xsl:template name="ed:contents">
    <xsl:param name="first" as="xs:integer" select="1"/>
    <nav class="matter contents" id="contents">
      <h2 class="matter-title">{ed:i18n('print-contents')}</h2>
      <ol class="toc">
        <xsl:if test="normalize-space($introduction) != ''">
          <li class="toc-part"><a href="#introduction">{ed:i18n('introduction')}</a></li>
        </xsl:if>
        <li class="toc-part"><a href="#calendar">{ed:i18n('print-calendar')}</a></li>
        <li class="toc-heading">{ed:i18n('documents')}</li>
        <xsl:for-each select="$ed:volume">
          <xsl:if test=". is $ed:first-foreign">
            <li class="toc-heading"><a href="#foreign-documents">{ed:i18n('print-foreign-documents')}</a></li>
          </xsl:if>
          <li class="toc-document"><span class="toc-number">{$first + position() - 1}</span><a
              href="#{ed:print-id(.)}">{ed:typography(ed:title(.), $ed:lang)}</a></li>
        </xsl:for-each>
        <li class="toc-part"><a href="#index-sources">{ed:i18n('print-index-sources')}</a></li>
        <xsl:variable name="kinds" as="xs:string*" select="distinct-values($ed:volume ! ed:entity-occurrences(.)/@kind)"/>
        <xsl:for-each select="$ed:entity-kinds[. = $kinds]">
          <li class="toc-part"><a href="#index-{.}">{ed:entity-index-title(.)}</a></li>
        </xsl:for-each>
      </ol>
    </nav>
  </xsl:template>

  <!-- The list of documents (a calendar): number, date, title, correspondents, summary, page. -->
  <xsl:template name="ed:calendar">
    <xsl:param name="first" as="xs:integer" select="1"/>
    <section class="matter calendar" id="calendar">
      <h2 class="matter-title">{ed:i18n('print-calendar')}</h2>
      <p class="matter-hint">{ed:i18n('print-calendar-hint')}</p>
      <table class="calendar-table">
        <thead>
          <tr>
            <th class="cal-number">{ed:i18n('print-column-number')}</th>
            <th class="cal-date">{ed:i18n('column-date')}</th>
            <th class="cal-document">{ed:i18n('print-column-document')}</th>
            <th class="cal-page">{ed:i18n('print-column-page')}</th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$ed:volume">
            <xsl:if test=". is $ed:first-foreign">
              <tr class="cal-part"><th colspan="4" scope="rowgroup">{ed:i18n('print-foreign-documents')}</th></tr>
            </xsl:if>
            <tr>
              <td class="cal-number">{$first + position() - 1}</td>
              <td class="cal-date">
                <xsl:call-template name="ed:print-date">
                  <xsl:with-param name="tei" select="."/>
                </xsl:call-template>
              </td>
              <td class="cal-document">
                <p class="cal-title">{ed:typography(ed:title(.), $ed:lang)}</p>
                <xsl:call-template name="ed:print-correspondents">
                  <xsl:with-param name="tei" select="."/>
                  <xsl:with-param name="class" select="'cal-correspondents'"/>
                </xsl:call-template>
                <xsl:for-each select="ed:summary(.)">
                  <p class="cal-summary">{ed:typography(., $ed:lang)}</p>
                </xsl:for-each>
              </td>
              <td class="cal-page"><a class="page-ref" href="#{ed:print-id(.)}"></a></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </section>
  </xsl:template>

  <!-- ===== Back matter ===== -->

  <!--
    Index of archival sources: repository (the names of one archive merged,
    ed:archive-heading), then file unit (fond, opis, delo, papka, or
    collection) and folios, each with the pages that cite it (the source notes
    of the documents: page-ref links, which tei/typeset.py numbers and puts in
    page order); a reference to the archive as a whole, without a file, last.
  -->
  <xsl:template name="ed:index-of-sources">
    <xsl:variable name="refs" as="element(ed:source-ref)*" select="$ed:volume ! ed:source-references(.)"/>
    <section class="matter index" id="index-sources">
      <h2 class="matter-title">{ed:i18n('print-index-sources')}</h2>
      <p class="matter-hint">{ed:i18n('print-index-sources-hint')}</p>
      <xsl:for-each-group select="$refs" group-by="ed:archive-heading(@repository)">
        <xsl:sort select="lower-case(current-grouping-key())" lang="{$ed:lang}"/>
        <div class="index-group">
          <p class="index-repository">{current-grouping-key()}</p>
          <xsl:for-each-group select="current-group()" group-by="string-join((@unit, @folios)[. != ''], ', ')">
            <xsl:sort select="current-grouping-key() = ''"/>
            <xsl:sort select="ed:natural-key(current-grouping-key())"/>
            <p class="index-entry">
              <span class="index-term">{(ed:typography(current-grouping-key(), $ed:lang)[. != ''],
                  ed:i18n('print-index-holding'))[1]}<xsl:if
                  test="current-group()/@kind = 'printed-from'"><xsl:text> </xsl:text><span
                  class="index-kind">({ed:i18n('print-index-printed-from')})</span></xsl:if></span>
              <xsl:text> </xsl:text>
              <span class="index-pages">
                <xsl:for-each select="current-group()">
                  <a class="page-ref" href="#src-{@target}"></a>
                </xsl:for-each>
              </span>
            </p>
          </xsl:for-each-group>
        </div>
      </xsl:for-each-group>
    </section>
  </xsl:template>

  <!--
    Indexes of persons, places and organisations: the entries of the edition's
    authority file that the documents name (core.xsl's section "Entities"),
    one index per kind, each entry under its name as an index lists it in the
    edition's language ("Molotov, Vyacheslav"), its names in the other
    languages in brackets, a person's years; then its pages: one page-ref
    link per mention, to the anchor text.xsl (a name of the text) or
    document.xsl (the head's correspondents and authors) put there, which
    tei/typeset.py numbers and puts in page order, each page once, the
    Russian text's pages and the English's together.  The volume's indexes
    cover its documents; an offprint's, its document.  An index with no
    entry is not printed.
  -->
  <xsl:variable name="ed:entity-kinds" as="xs:string*" select="'person', 'place', 'org'"/>

  <xsl:function name="ed:entity-index-title" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="if ($kind = 'person') then ed:i18n('print-index-person')
        else if ($kind = 'place') then ed:i18n('print-index-place') else ed:i18n('print-index-org')"/>
  </xsl:function>

  <xsl:template name="ed:entity-indexes">
    <xsl:param name="documents" as="element(tei:TEI)*" select="$ed:volume"/>
    <xsl:variable name="mentions" as="element(ed:mention)*" select="$documents ! ed:entity-occurrences(.)"/>
    <xsl:if test="exists($mentions) and empty($ed:authority)">
      <xsl:message>[ed:entity] the documents point at an authority file that was not given: the indexes of persons, places and organisations name the entries by their ids</xsl:message>
    </xsl:if>
    <xsl:for-each select="$ed:entity-kinds[. = $mentions/@kind]">
      <xsl:variable name="kind" as="xs:string" select="."/>
      <section class="matter index entity-index" id="index-{$kind}">
        <h2 class="matter-title">{ed:entity-index-title($kind)}</h2>
        <p class="matter-hint">{ed:i18n('print-index-entities-hint')}</p>
        <xsl:for-each-group select="$mentions[@kind = $kind]" group-by="@entry">
          <xsl:sort select="ed:entity-index-key(current-grouping-key(), $ed:lang)" lang="{$ed:lang}"/>
          <xsl:variable name="entry" as="element()?" select="ed:entry(current-grouping-key())"/>
          <xsl:if test="empty($entry) and exists($ed:authority)">
            <xsl:message>[ed:entity] auth:{current-grouping-key()} (in {string-join(distinct-values(current-group()/@document), ', ')}): no entry in the authority file; indexed under its id</xsl:message>
          </xsl:if>
          <p class="index-entry entity-entry" data-entry="{current-grouping-key()}">
            <span class="index-term">
              <xsl:call-template name="ed:entity-heading">
                <xsl:with-param name="id" select="current-grouping-key()"/>
                <xsl:with-param name="entry" select="$entry"/>
              </xsl:call-template>
            </span>
            <xsl:text> </xsl:text>
            <span class="index-pages">
              <xsl:for-each select="current-group()">
                <a class="page-ref" href="#{@anchor}"></a>
              </xsl:for-each>
            </span>
          </p>
        </xsl:for-each-group>
      </section>
    </xsl:for-each>
  </xsl:template>

  <!-- "Molotov, Vyacheslav (Молотов Вячеслав Михайлович), 1890–1986"; an id the authority file lacks as it is. -->
  <xsl:template name="ed:entity-heading">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="entry" as="element()?"/>
    <xsl:variable name="name" as="xs:string?" select="$entry ! ed:entity-index-name(., $ed:lang)"/>
    <xsl:variable name="others" as="xs:string*" select="distinct-values($entry/(tei:persName | tei:placeName | tei:orgName)
        [@type = 'main'][not(@xml:lang = $ed:lang)]/@xml:lang ! string())"/>
    <span class="entity-name">{ed:typography(($name, $entry ! ed:entity-name(., $others[1])[. != ''], $id)[1], $ed:lang)}</span>
    <xsl:for-each select="$others[exists($name)]">
      <xsl:text> </xsl:text>
      <span class="entity-other" lang="{.}">({ed:typography(ed:entity-index-name($entry, .), .)})</span>
    </xsl:for-each>
    <xsl:for-each select="$entry ! ed:entity-years(.)[. != '']">
      <xsl:text>, </xsl:text>
      <span class="entity-years">{.}</span>
    </xsl:for-each>
    <xsl:if test="empty($entry)">
      <xsl:text> </xsl:text>
      <span class="index-kind">({ed:i18n('print-index-unlisted')})</span>
    </xsl:if>
  </xsl:template>

  <!-- ===== One document on its own (an offprint) ===== -->

  <xsl:template name="ed:offprint">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="number" as="xs:integer"/>
    <xsl:call-template name="ed:print-page">
      <xsl:with-param name="pdf-title" select="ed:title($tei)"/>
      <xsl:with-param name="description" select="ed:summary($tei)"/>
      <xsl:with-param name="body-class" select="'offprint'"/>
      <xsl:with-param name="content" as="element()*">
        <xsl:call-template name="ed:document">
          <xsl:with-param name="tei" select="$tei"/>
          <xsl:with-param name="number" select="$number"/>
          <!-- The edition's name above the document (and in the running head of left pages). -->
          <xsl:with-param name="lead" as="element()">
            <p class="offprint-edition" data-running-title="{$title}">{$ed:edition-name}</p>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ed:entity-indexes">
          <xsl:with-param name="documents" select="$tei"/>
        </xsl:call-template>
        <section class="offprint-imprint">
          <p>{ed:i18n('print-extract-from', (string($number), $ed:edition-name))}<xsl:if
              test="$editors != ''"><xsl:text> </xsl:text>{ed:i18n('edited-by', $editors)}.</xsl:if><xsl:if
              test="$publisher != ''"><xsl:text> </xsl:text>{ed:i18n('published-by',
              string-join(($publisher, $publisher_place, $year)[. != ''], ', '))}.</xsl:if></p>
          <xsl:if test="$licence_name != ''">
            <p>{ed:i18n('print-imprint-licence', ($licence_name, ($licence_url[. != ''], $licence_name)[1]))}</p>
          </xsl:if>
          <p>{ed:citation($tei)}</p>
          <p>{ed:i18n('print-imprint-built', (ed:format-date($build_date[. != '']), '1',
              ($generator[. != ''], 'tei-edition')[1]))}<xsl:if test="$typeface != ''"><xsl:text> </xsl:text>{ed:i18n('print-imprint-typeface', $typeface)}</xsl:if></p>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== Shared by the parts ===== -->

  <!-- The id of a document's first element in the volume. -->
  <xsl:function name="ed:print-id" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="'doc-' || ed:doc-id($tei)"/>
  </xsl:function>

  <!-- A sort key that orders numbers by value: "Listy 65–66" before "Listy 120–122". -->
  <xsl:function name="ed:natural-key" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="string-join(analyze-string(lower-case($text), '\d+')/*
        ! (if (self::fn:match) then format-number(xs:integer(.), '0000000000') else string(.)))"/>
  </xsl:function>

  <xsl:template name="ed:print-date">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:text>{ed:format-date(ed:date-when($tei))}</xsl:text>
    <xsl:if test="ed:is-inferred($tei, 'date')">
      <xsl:text> </xsl:text>
      <span class="inferred">({ed:i18n('meta-inferred')})</span>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ed:print-correspondents">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="class" as="xs:string"/>
    <xsl:variable name="from" as="xs:string?" select="ed:correspondent($tei, 'sent')"/>
    <xsl:variable name="to" as="xs:string?" select="ed:correspondent($tei, 'received')"/>
    <xsl:if test="exists(($from, $to))">
      <p class="{$class}">
        <xsl:if test="exists($from)"><span class="label">{ed:i18n('meta-from')}:</span> {$from}</xsl:if>
        <xsl:if test="exists($from) and exists($to)"><xsl:text>; </xsl:text></xsl:if>
        <xsl:if test="exists($to)"><span class="label">{ed:i18n('meta-to')}:</span> {$to}</xsl:if>
      </p>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
