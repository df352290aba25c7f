<?xml version="1.0" encoding="UTF-8"?>
<!--
  core.xsl: everything about a TEI document that is not layout.

  Imported by the HTML module (html/page.xsl, html/index.xsl), by
  catalogue.xsl, and later by a print module, so that no logic is written
  twice: document metadata, titles, dates, citation strings, note numbering,
  the units of a text and their alignment (the preparation pass), language
  and interface labels (xslt/i18n.xml).

  Everything here is a function (ed:*) or a global parameter; no template
  rules, so an importing module's modes are its own.  Functions that read a
  document take its tei:TEI element.

  The global parameters are the edition facts of corpus/edition.toml, as
  tei.edition.Edition.to_xslt_params() hands them over.  All are strings; ""
  means absent.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:tei-edition:xslt"
    xmlns:i18n="urn:tei-edition:i18n"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Persons, places and organisations: the mentions of the authority file's entries (HTML and print). -->
  <xsl:include href="entities.xsl"/>

  <!-- ===== Edition facts (Edition.to_xslt_params) ===== -->
  <xsl:param name="title" as="xs:string" select="''"/>
  <xsl:param name="subtitle" as="xs:string" select="''"/>
  <xsl:param name="publisher" as="xs:string" select="''"/>
  <xsl:param name="licence_name" as="xs:string" select="''"/>
  <xsl:param name="licence_url" as="xs:string" select="''"/>
  <xsl:param name="base_url" as="xs:string" select="''"/>
  <!-- The interface language: a language of xslt/i18n.xml (en, ru). -->
  <xsl:param name="language" as="xs:string" select="'en'"/>
  <xsl:param name="editors" as="xs:string" select="''"/>
  <xsl:param name="introduction" as="xs:string" select="''"/>
  <xsl:param name="year" as="xs:string" select="''"/>
  <xsl:param name="publisher_place" as="xs:string" select="''"/>
  <xsl:param name="archive_name" as="xs:string" select="''"/>
  <xsl:param name="archive_url" as="xs:string" select="''"/>
  <!-- Archives known by several names (the edition facts' archive_aliases): a line per archive,
       its names parted by tabs, the first the one to list it under. -->
  <xsl:param name="archive_aliases" as="xs:string" select="''"/>

  <!-- ===== Interface strings ===== -->
  <!-- i18n.xml, read here unless the caller passes it in parsed already: tei/render.py
       does, once per process, which spares every transformation reading it again. -->
  <xsl:param name="ed:strings" as="document-node()" select="doc('i18n.xml')"/>
  <xsl:key name="ed:string" match="i18n:s" use="@key"/>

  <!-- The interface language in force: the parameter if i18n.xml has it, else English. -->
  <xsl:variable name="ed:lang" as="xs:string"
      select="if ($ed:strings//i18n:t/@xml:lang = $language) then $language else 'en'"/>

  <xsl:function name="ed:has-i18n" as="xs:boolean">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="exists(key('ed:string', $key, $ed:strings))"/>
  </xsl:function>

  <xsl:function name="ed:i18n" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="ed:i18n($key, ())"/>
  </xsl:function>

  <!-- The string `key` in the interface language, its {1}, {2} ... replaced by `args`. -->
  <xsl:function name="ed:i18n" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="args" as="xs:string*"/>
    <xsl:variable name="entry" as="element(i18n:s)?" select="key('ed:string', $key, $ed:strings)[1]"/>
    <xsl:if test="empty($entry)">
      <xsl:message>[ed:i18n] interface string '{$key}' is missing from xslt/i18n.xml</xsl:message>
    </xsl:if>
    <xsl:variable name="text" as="xs:string"
        select="string(($entry/i18n:t[@xml:lang = $ed:lang], $entry/i18n:t[@xml:lang = 'en'], $key)[1])"/>
    <xsl:sequence select="fold-left(1 to count($args), $text,
                            function($acc, $i) { replace($acc, '{' || $i || '}', $args[$i], 'q') })"/>
  </xsl:function>

  <!-- The name of a language (xml:lang code) in the interface language. -->
  <xsl:function name="ed:language-name" as="xs:string">
    <xsl:param name="code" as="xs:string"/>
    <xsl:variable name="base" as="xs:string" select="lower-case(tokenize($code, '-')[1])"/>
    <xsl:sequence select="if (ed:has-i18n('lang-' || $base)) then ed:i18n('lang-' || $base) else $code"/>
  </xsl:function>

  <!-- ===== Document identity and metadata ===== -->

  <xsl:function name="ed:header" as="element(tei:teiHeader)?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:teiHeader"/>
  </xsl:function>

  <!-- The document id: TEI/@xml:id (e.g. wcda-117315), else the edition idno. -->
  <xsl:function name="ed:doc-id" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="idno" as="xs:string?"
        select="$tei/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:idno[@type = 'edition'][1]/normalize-space()"/>
    <xsl:sequence select="string(($tei/@xml:id, $idno[. != ''], 'document')[1])"/>
  </xsl:function>

  <xsl:function name="ed:page-href" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="encode-for-uri($id) || '.html'"/>
  </xsl:function>

  <xsl:function name="ed:tei-href" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="encode-for-uri($id) || '.xml'"/>
  </xsl:function>

  <!-- Where the page lives once published: base_url + page. -->
  <xsl:function name="ed:canonical-url" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="$base_url || ed:page-href($id)"/>
  </xsl:function>

  <xsl:function name="ed:title" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="titles" as="element(tei:title)*"
        select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title"/>
    <xsl:variable name="main" as="xs:string?"
        select="($titles[@type = 'main'], $titles)[normalize-space()][1]/normalize-space()"/>
    <xsl:sequence select="($main, ed:i18n('untitled'))[1]"/>
  </xsl:function>

  <!-- True when the converter supplied the title itself (notesStmt note type="inferred" subtype="title"). -->
  <xsl:function name="ed:is-inferred" as="xs:boolean">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="what" as="xs:string"/>
    <xsl:sequence select="exists($tei/tei:teiHeader/tei:fileDesc/tei:notesStmt/tei:note[@type = 'inferred'][@subtype = $what])"/>
  </xsl:function>

  <xsl:function name="ed:authors" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author/ed:name-of(.)[. != '']"/>
  </xsl:function>

  <!-- The name an author, editor or correspondent is given, as a reader writes it: its name parts
       parted by spaces ("<forename>Ирина</forename><surname>Полинская</surname>" is "Ирина Полинская",
       not "ИринаПолинская"), a name in another language after it in brackets, and none of the
       identifiers, dates or notes beside it (a DraCor author's Wikidata idno is no part of his name). -->
  <xsl:function name="ed:name-of" as="xs:string">
    <xsl:param name="who" as="element()"/>
    <xsl:variable name="names" as="element()*" select="$who/(tei:persName | tei:orgName | tei:name)"/>
    <xsl:variable name="spelled" as="xs:string*" select="(if (exists($names)) then $names else $who)
        ! normalize-space(string-join(node()[not(self::tei:idno | self::tei:note | self::tei:birth | self::tei:death
                                                 | self::tei:affiliation | self::tei:ptr | self::tei:ref[not(normalize-space())])]
                                       ! (if (. instance of element()) then ' ' || ed:name-of(.) || ' ' else string(.)), ''))
        [. != '']"/>
    <xsl:sequence select="string-join(($spelled[1], $spelled[position() gt 1] ! ('(' || . || ')')), ' ')"/>
  </xsl:function>

  <!-- The date of the document as ISO yyyy[-mm[-dd]]: creation, else the archive record, else sending. -->
  <xsl:function name="ed:date-when" as="xs:string?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="header" as="element(tei:teiHeader)?" select="$tei/tei:teiHeader"/>
    <xsl:sequence select="(
        $header/tei:profileDesc/tei:creation/tei:date/@when,
        $header/tei:fileDesc/tei:sourceDesc/tei:bibl[@type = 'archive-record']/tei:date/@when,
        $header/tei:profileDesc/tei:correspDesc/tei:correspAction[@type = 'sent']/tei:date/@when
      )[matches(., '^\d{4}(-\d{2}(-\d{2})?)?$')][1] ! string()"/>
  </xsl:function>

  <xsl:function name="ed:year" as="xs:string?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="ed:date-when($tei) ! substring(., 1, 4)"/>
  </xsl:function>

  <!-- Documents are ordered by date, undated ones last. -->
  <xsl:function name="ed:sort-key" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="(ed:date-when($tei), '9999')[1]"/>
  </xsl:function>

  <!-- An ISO date (yyyy, yyyy-mm, yyyy-mm-dd) in words, in the interface language. -->
  <xsl:function name="ed:format-date" as="xs:string">
    <xsl:param name="when" as="xs:string?"/>
    <xsl:variable name="parts" as="xs:string*" select="tokenize($when, '-')"/>
    <xsl:choose>
      <xsl:when test="not(matches(string($when), '^\d{4}(-\d{2}(-\d{2})?)?$'))">
        <xsl:sequence select="if (normalize-space($when)) then string($when) else ed:i18n('undated')"/>
      </xsl:when>
      <xsl:when test="count($parts) = 3">
        <xsl:sequence select="ed:i18n('date-day', (string(xs:integer($parts[3])),
                                ed:i18n('month-gen-' || xs:integer($parts[2])), $parts[1]))"/>
      </xsl:when>
      <xsl:when test="count($parts) = 2">
        <xsl:sequence select="ed:i18n('date-month', (ed:i18n('month-' || xs:integer($parts[2])), $parts[1]))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="ed:i18n('date-year', $parts[1])"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Sender ("sent") or addressee ("received"): names, then places in brackets. -->
  <xsl:function name="ed:correspondent" as="xs:string?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:variable name="actions" as="element(tei:correspAction)*"
        select="$tei/tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction[@type = $type]"/>
    <xsl:variable name="names" as="xs:string*"
        select="$actions/(tei:persName | tei:orgName | tei:name)/normalize-space()[. != '']"/>
    <xsl:variable name="places" as="xs:string*" select="$actions/tei:placeName/normalize-space()[. != '']"/>
    <xsl:sequence select="
        if (exists($names) and exists($places)) then string-join($names, ', ') || ' (' || string-join($places, ', ') || ')'
        else if (exists($names)) then string-join($names, ', ')
        else if (exists($places)) then string-join($places, ', ')
        else ()"/>
  </xsl:function>

  <xsl:function name="ed:summary" as="xs:string?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="text" as="xs:string"
        select="normalize-space(string-join($tei/tei:teiHeader/tei:profileDesc/tei:abstract//text(), ' '))"/>
    <xsl:sequence select="$text[. != '']"/>
  </xsl:function>

  <!-- The kind of document (correspDesc/@type: letter, telegram, message ...). -->
  <xsl:function name="ed:doc-type" as="xs:string?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="($tei/tei:teiHeader/tei:profileDesc/tei:correspDesc/@type)[1]/string()"/>
  </xsl:function>

  <xsl:function name="ed:doc-type-label" as="xs:string">
    <xsl:param name="type" as="xs:string?"/>
    <xsl:sequence select="
        if (empty($type) or $type = '') then ed:i18n('type-unknown')
        else if (ed:has-i18n('type-' || $type)) then ed:i18n('type-' || $type)
        else upper-case(substring($type, 1, 1)) || substring($type, 2)"/>
  </xsl:function>

  <!-- The languages of the texts this edition reproduces (not those only mentioned in the header). -->
  <xsl:function name="ed:text-languages" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="if (ed:is-foreign($tei)) then distinct-values(ed:foreign-parts($tei)[ed:has-words(.)] ! ed:part-language(.))
                          else distinct-values(ed:text-divs($tei)/@xml:lang)"/>
  </xsl:function>

  <!-- Whether a part of a text has a word (a letter or a digit) of its own: a part that is all
       gaps, spaces and glyph references gives a search index nothing, and a bundle of nothing
       cannot be made (Pagefind refuses an index of no pages). -->
  <xsl:function name="ed:has-words" as="xs:boolean">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="exists($part//text()[matches(., '[\p{L}\p{N}]')])"/>
  </xsl:function>

  <!-- The language of a part of another archive's text: its own or its nearest ancestor's xml:lang,
       else the first the header's langUsage names, else the interface's; a tag search can index by. -->
  <xsl:function name="ed:part-language" as="xs:string">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="((($part/ancestor-or-self::*/@xml:lang)[last()],
                            root($part)/tei:TEI/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language/@ident)
                           ! normalize-space()[matches(., '^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$')], $ed:lang)[1]"/>
  </xsl:function>

  <!-- Short names of the repositories holding the original(s). -->
  <xsl:function name="ed:archive-names" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="distinct-values(
        $tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:msDesc/tei:msIdentifier/tei:repository
          ! (@n[normalize-space()], normalize-space())[1])"/>
  </xsl:function>

  <xsl:function name="ed:ms-descriptions" as="element(tei:msDesc)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:msDesc"/>
  </xsl:function>

  <!-- One archival reference: repository, collection, fond, opis, delo, papka, listy. -->
  <xsl:function name="ed:archival-reference" as="xs:string">
    <xsl:param name="ms" as="element(tei:msDesc)"/>
    <xsl:variable name="id" as="element(tei:msIdentifier)?" select="$ms/tei:msIdentifier"/>
    <xsl:variable name="repository" as="xs:string?" select="ed:repository-label($id/tei:repository)"/>
    <xsl:variable name="shelf" as="xs:string*">
      <xsl:for-each select="$id/tei:idno[@type = ('fond', 'opis', 'delo', 'papka')]">
        <xsl:sequence select="ed:i18n('ref-' || @type, normalize-space())"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="loci" as="xs:string*" select="
        $ms/tei:msContents/tei:msItem/tei:locus
          ! ed:i18n('ref-listy', if (@from and @to) then @from || '–' || @to else normalize-space())"/>
    <xsl:sequence select="string-join(($repository, $id/tei:collection/normalize-space(), $shelf, $loci)[. != ''], ', ')"/>
  </xsl:function>

  <xsl:function name="ed:archive-record" as="element(tei:bibl)?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="($tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl[@type = 'archive-record'])[1]"/>
  </xsl:function>

  <!-- The archive's own citation of its record. -->
  <xsl:function name="ed:source-citation" as="xs:string?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="ed:archive-record($tei)/tei:note[@type = 'citation'][1]/normalize-space()[. != '']"/>
  </xsl:function>

  <xsl:function name="ed:archive-url" as="xs:string?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="ed:archive-record($tei)/tei:idno[@type = 'URL'][1]/normalize-space()[. != '']"/>
  </xsl:function>

  <!-- The statement of responsibility of another archive's document: its editors (with their role),
       and each respStmt as "resp: names"; any number of each. -->
  <xsl:function name="ed:editors" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:editor
        ! (ed:name-of(.) || (@role[normalize-space()] ! (' (' || normalize-space() || ')')))[normalize-space()]"/>
  </xsl:function>

  <xsl:function name="ed:responsibilities" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:fileDesc/(tei:titleStmt | tei:editionStmt)/tei:respStmt
        ! string-join((string-join(tei:resp/normalize-space()[. != ''], '; '),
                       string-join((tei:persName | tei:name | tei:orgName)/normalize-space()[. != ''], ', '))[. != ''], ': ')
        [. != '']"/>
  </xsl:function>

  <!-- Who published it: the publicationStmt's publisher, authority or distributor (the source project). -->
  <xsl:function name="ed:publishers" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="distinct-values($tei/tei:teiHeader/tei:fileDesc/tei:publicationStmt
        /(tei:publisher | tei:authority | tei:distributor)/normalize-space()[. != ''])"/>
  </xsl:function>

  <!-- What the metadata of another archive's document says of who made and published it, as
       (i18n key, names) pairs, those with names only; none for the edition's own documents, whose
       header the converter writes.  HTML and print show the same rows. -->
  <xsl:function name="ed:made-by" as="array(xs:string)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:if test="ed:is-foreign($tei)">
      <xsl:for-each select="['meta-authors', string-join(ed:authors($tei), '; ')],
                            ['meta-editors', string-join(ed:editors($tei), '; ')],
                            ['meta-responsibility', string-join(ed:responsibilities($tei), '; ')],
                            ['meta-source-project', string-join(ed:publishers($tei), '; ')]">
        <xsl:sequence select=".[?2 != '']"/>
      </xsl:for-each>
    </xsl:if>
  </xsl:function>

  <xsl:function name="ed:translators" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:respStmt
        [matches(normalize-space(string-join(tei:resp, ' ')), '^transl', 'i')]/(tei:persName | tei:name | tei:orgName)/normalize-space()"/>
  </xsl:function>

  <xsl:function name="ed:funders" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:funder/normalize-space()[. != '']"/>
  </xsl:function>

  <xsl:function name="ed:licence" as="element(tei:licence)?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <!-- A catalogue's template may leave a licence holding only a comment (Wellcome MS 289): not a licence. -->
    <xsl:sequence select="($tei/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence
                          [normalize-space() or @target])[1]"/>
  </xsl:function>

  <!-- How to cite the document in this edition. -->
  <xsl:function name="ed:citation" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="id" as="xs:string" select="ed:doc-id($tei)"/>
    <xsl:variable name="edition" as="xs:string"
        select="string-join(($title, $subtitle)[. != ''], ': ')"/>
    <xsl:sequence select="string-join((
        string-join(ed:authors($tei), '; ')[. != ''] ! (. || ','),
        '“' || ed:title($tei) || '”,',
        ed:format-date(ed:date-when($tei)) || '.',
        ed:i18n('citation-in') || ' ' || $edition
          || (if ($editors != '') then ', ' || ed:i18n('citation-edited-by', $editors) else '') || '.',
        string-join(($publisher[. != ''], $year[. != '']), ', ') || '.',
        ed:canonical-url($id)
      )[not(. = ('', '.'))], ' ')"/>
  </xsl:function>

  <!-- ===== The texts: original and translation divisions ===== -->

  <!-- The divisions of the body that hold a text: original(s) and translation(s). -->
  <xsl:function name="ed:text-divs" as="element(tei:div)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:text/tei:body/tei:div"/>
  </xsl:function>

  <xsl:function name="ed:originals" as="element(tei:div)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="ed:text-divs($tei)[@type = 'original']"/>
  </xsl:function>

  <xsl:function name="ed:translations" as="element(tei:div)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="ed:text-divs($tei)[@type = 'translation']"/>
  </xsl:function>

  <!-- The text division a node belongs to. -->
  <xsl:function name="ed:text-div" as="element(tei:div)?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/ancestor-or-self::tei:div[parent::tei:body][1]"/>
  </xsl:function>

  <!-- A short key for a division, unique in its document: "ru", "ru-printed", "en". -->
  <xsl:function name="ed:div-key" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="doc-id" as="xs:string" select="ed:doc-id(root($div)/tei:TEI)"/>
    <xsl:sequence select="
        if (starts-with($div/@xml:id, $doc-id || '.')) then substring-after($div/@xml:id, $doc-id || '.')
        else if ($div/@xml:id) then string($div/@xml:id)
        else 'text' || (count($div/preceding-sibling::tei:div) + 1)"/>
  </xsl:function>

  <!-- Ids in a pointer attribute (@corresp, @target, @source), without their '#'. -->
  <xsl:function name="ed:refs" as="xs:string*">
    <xsl:param name="pointers" as="attribute()?"/>
    <xsl:sequence select="tokenize(normalize-space($pointers), ' ') ! replace(., '^#', '')"/>
  </xsl:function>

  <xsl:function name="ed:witness" as="element(tei:witness)?">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="ed:refs($div/@source) ! id(., root($div))[self::tei:witness]"/>
  </xsl:function>

  <!-- "Printed document collection, № 338, pp. 1039–1040" -->
  <xsl:function name="ed:witness-label" as="xs:string?">
    <xsl:param name="witness" as="element(tei:witness)?"/>
    <xsl:sequence select="$witness ! string-join((
        normalize-space(string-join(text(), ' ')),
        tei:bibl/tei:biblScope/normalize-space()
      )[. != ''], ', ')[. != '']"/>
  </xsl:function>

  <!-- "Russian original (printed edition)", "English translation" -->
  <xsl:function name="ed:role-label" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="language" as="xs:string" select="ed:language-name(string($div/@xml:lang))"/>
    <xsl:variable name="siblings" as="element(tei:div)*" select="$div/../tei:div[@type = $div/@type]"/>
    <xsl:variable name="role" as="xs:string" select="
        ed:i18n(if ($div/@type = 'translation') then 'role-translation' else 'role-original',
                if ($ed:lang = 'en') then $language else lower-case($language))"/>
    <xsl:sequence select="
        if (count($siblings) gt 1 and $div/@subtype and ed:has-i18n('subtype-' || $div/@subtype))
        then $role || ' (' || ed:i18n('subtype-' || $div/@subtype) || ')'
        else $role"/>
  </xsl:function>

  <!-- The label of a division's own view (tab): "Original (printed edition)", "Translation". -->
  <xsl:function name="ed:view-label" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="siblings" as="element(tei:div)*" select="$div/../tei:div[@type = $div/@type]"/>
    <xsl:choose>
      <xsl:when test="$div/@type = 'translation'">
        <xsl:sequence select="if (count($siblings) gt 1)
            then ed:i18n('view-translation-lang', ed:language-name(string($div/@xml:lang)))
            else ed:i18n('view-translation')"/>
      </xsl:when>
      <xsl:when test="count($siblings) gt 1">
        <xsl:sequence select="ed:i18n('view-original-subtype',
            if ($div/@subtype and ed:has-i18n('subtype-' || $div/@subtype)) then ed:i18n('subtype-' || $div/@subtype)
            else string(index-of($siblings ! generate-id(), generate-id($div))))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="ed:i18n('view-original')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- ===== Units: the blocks of a text that alignment links point at ===== -->

  <!-- Wrappers whose children are the units: divisions, and opener, closer,
       postscript ... when they carry no id and no text of their own. -->
  <xsl:function name="ed:is-container" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/self::tei:div) or
        (exists($e/(self::tei:opener | self::tei:closer | self::tei:postscript | self::tei:argument | self::tei:epigraph))
         and empty($e/@xml:id) and empty($e/text()[normalize-space()]))"/>
  </xsl:function>

  <!-- Empty elements that mark a point in the text rather than hold any. -->
  <xsl:function name="ed:is-milestone" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(self::tei:pb | self::tei:cb | self::tei:lb | self::tei:milestone | self::tei:anchor))"/>
  </xsl:function>

  <!-- The units of a text division, in document order: every child of a container that is not a container itself. -->
  <xsl:function name="ed:units" as="element()*">
    <xsl:param name="container" as="element()"/>
    <xsl:for-each select="$container/*">
      <xsl:sequence select="if (ed:is-container(.)) then ed:units(.) else ."/>
    </xsl:for-each>
  </xsl:function>

  <!-- The division of type "document" (several documents in one file) a unit opens, if any. -->
  <xsl:function name="ed:opens-subdocument" as="element(tei:div)?">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="sub" as="element(tei:div)?" select="$unit/ancestor::tei:div[@type = 'document'][1]"/>
    <xsl:sequence select="$sub[ed:units(.)[1] is $unit]"/>
  </xsl:function>

  <!-- ===== Notes ===== -->

  <!-- A note that is not a block of its own (note type="source" in a div) is a footnote at its anchor. -->
  <xsl:function name="ed:is-footnote" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="not(ed:is-container($note/..)) and exists(ed:text-div($note))"/>
  </xsl:function>

  <xsl:function name="ed:footnotes" as="element(tei:note)*">
    <xsl:param name="scope" as="element()*"/>
    <xsl:sequence select="$scope/descendant-or-self::tei:note[ed:is-footnote(.)]"/>
  </xsl:function>

  <!-- Footnotes are numbered through each text division. -->
  <xsl:function name="ed:note-number" as="xs:integer">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="count(ed:footnotes(ed:text-div($note))[. &lt;&lt; $note]) + 1"/>
  </xsl:function>

  <xsl:function name="ed:note-id" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="string(($note/@xml:id, ed:scope-key(ed:text-div($note)) || '.fn' || ed:note-number($note))[1])"/>
  </xsl:function>

  <!-- The part of a text that numbers its notes and pages: its division (a div of the body), else its
       front, body or back. -->
  <xsl:function name="ed:scope-of" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="(ed:text-div($node), $node/ancestor::*[self::tei:front | self::tei:body | self::tei:back][1])[1]"/>
  </xsl:function>

  <!-- What makes the ids of a scope's notes and pages unique in the volume: its xml:id (the edition's
       own divisions have one), else the document's id and the scope's place ("doc-17.div2"), for
       another archive's divisions mostly have none. -->
  <xsl:function name="ed:scope-key" as="xs:string">
    <xsl:param name="scope" as="element()?"/>
    <xsl:sequence select="if (empty($scope)) then '' else string(($scope/@xml:id, ed:doc-id(root($scope)/tei:TEI) || '.'
        || local-name($scope) || count($scope/preceding::*[node-name() = node-name($scope)]) + 1)[1])"/>
  </xsl:function>

  <!-- The marker printed at the anchor: the note's own @n ("*"), else its number. -->
  <xsl:function name="ed:note-marker" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="string(($note/@n[normalize-space()], ed:note-number($note))[1])"/>
  </xsl:function>

  <!-- A printed page break's id: its scope's key + ".page" + number (+ "-2" ... when a number repeats). -->
  <xsl:function name="ed:page-id" as="xs:string">
    <xsl:param name="pb" as="element(tei:pb)"/>
    <xsl:variable name="div" as="element()?" select="ed:scope-of($pb)"/>
    <xsl:variable name="n" as="xs:string" select="string(($pb/@n, count($div//tei:pb[. &lt;&lt; $pb]) + 1)[1])"/>
    <xsl:variable name="same" as="xs:integer" select="count($div//tei:pb[@n = $pb/@n][. &lt;&lt; $pb])"/>
    <xsl:sequence select="ed:scope-key($div) || '.page' || replace($n, '\s+', '_') || (if ($same gt 0) then '-' || $same + 1 else '')"/>
  </xsl:function>

  <!-- ===== Alignment: the preparation pass ===== -->

  <!-- The elements a link points at (missing targets are reported). -->
  <xsl:function name="ed:link-targets" as="element()*">
    <xsl:param name="link" as="element(tei:link)"/>
    <xsl:for-each select="ed:refs($link/@target)">
      <xsl:variable name="target" as="element()?" select="id(., root($link))"/>
      <xsl:if test="empty($target)">
        <xsl:message>[ed:align] {ed:doc-id(root($link)/tei:TEI)}: alignment link target #{.} not found</xsl:message>
      </xsl:if>
      <xsl:sequence select="$target"/>
    </xsl:for-each>
  </xsl:function>

  <!--
    The preparation pass, run once per document before rendering: for each
    translation and each original it corresponds to (through its @corresp or
    an alignment linkGrp), a map
      map { 'translation': div, 'original': div, 'key': xs:string,
            'links': link*, 'rows': map(*)* }
    whose rows are the parallel view (see ed:align).
  -->
  <xsl:function name="ed:pairings" as="map(*)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="groups" as="element(tei:linkGrp)*" select="$tei/tei:standOff/tei:linkGrp[@type = 'alignment']"/>
    <xsl:variable name="originals" as="element(tei:div)*" select="ed:originals($tei)"/>
    <xsl:for-each select="ed:translations($tei)">
      <xsl:variable name="translation" as="element(tei:div)" select="."/>
      <xsl:for-each select="$originals">
        <xsl:variable name="original" as="element(tei:div)" select="."/>
        <xsl:variable name="mine" as="element(tei:linkGrp)*"
            select="$groups[ed:refs(@corresp) = $translation/@xml:id][ed:refs(@corresp) = $original/@xml:id]"/>
        <xsl:if test="exists($mine) or ed:refs($translation/@corresp) = $original/@xml:id">
          <xsl:sequence select="map {
              'translation': $translation,
              'original': $original,
              'key': 'par-' || ed:div-key($original)
                     || (if (count(ed:translations($tei)) gt 1) then '-' || ed:div-key($translation) else ''),
              'links': $mine/tei:link,
              'rows': ed:align($translation, $original, $mine/tei:link)
            }"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:function>

  <!--
    Pair the units of a translation with those of an original, row by row.
    Each row is map { 'kind': 'aligned' | 'unaligned', 't': units, 'o': units,
    'link': the tei:link of an aligned row }.  Every unit of both texts is in
    exactly one row, so the parallel view loses no text.  The translation is
    walked in order; at each link, the original's unlinked units before it are
    flushed, with the translation's unlinked units met since the last link,
    as unaligned rows, one for each text's units, the other cell empty.
    Page breaks and other milestones just before a link go into its row.
    A link may point inside a unit (a date in a dateline): it counts for the unit.
  -->
  <xsl:function name="ed:align" as="map(*)*">
    <xsl:param name="translation" as="element(tei:div)"/>
    <xsl:param name="original" as="element(tei:div)"/>
    <xsl:param name="links" as="element(tei:link)*"/>
    <xsl:variable name="t-units" as="element()*" select="ed:units($translation)"/>
    <xsl:variable name="o-units" as="element()*" select="ed:units($original)"/>
    <xsl:variable name="resolved" as="map(*)*">
      <xsl:for-each select="$links">
        <xsl:variable name="reach" as="element()*" select="ed:link-targets(.)/ancestor-or-self::*"/>
        <xsl:sequence select="map { 'link': ., 't': $reach intersect $t-units, 'o': $reach intersect $o-units }"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="linked-o" as="element()*" select="($resolved ! ?o) | ()"/>
    <xsl:iterate select="$t-units">
      <xsl:param name="done-t" as="element()*" select="()"/>
      <xsl:param name="done-o" as="element()*" select="()"/>
      <xsl:param name="pending-t" as="element()*" select="()"/>
      <xsl:on-completion>
        <xsl:sequence select="ed:unaligned-row($pending-t, $o-units except $done-o)"/>
      </xsl:on-completion>
      <xsl:variable name="unit" as="element()" select="."/>
      <xsl:variable name="link" as="map(*)?" select="$resolved[exists(?t intersect $unit)][1]"/>
      <xsl:variable name="o-set" as="element()*" select="$link?o except $done-o"/>
      <xsl:choose>
        <xsl:when test="exists($unit intersect $done-t)">
          <!-- already placed, with the other units of its 2-1 link -->
        </xsl:when>
        <xsl:when test="empty($o-set)">
          <xsl:next-iteration>
            <xsl:with-param name="pending-t" select="$pending-t | $unit"/>
          </xsl:next-iteration>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="t-set" as="element()*" select="$link?t except $done-t"/>
          <xsl:variable name="before" as="element()*"
              select="$o-units[. &lt;&lt; $o-set[1]] except $done-o except $linked-o"/>
          <xsl:variable name="t-lead" as="element()*" select="ed:trailing-milestones($pending-t)"/>
          <xsl:variable name="o-lead" as="element()*" select="ed:trailing-milestones($before)"/>
          <xsl:sequence select="ed:unaligned-row($pending-t except $t-lead, $before except $o-lead)"/>
          <xsl:sequence select="map { 'kind': 'aligned', 'link': $link?link,
                                      't': $t-lead | $t-set, 'o': $o-lead | $o-set }"/>
          <xsl:next-iteration>
            <xsl:with-param name="done-t" select="$done-t | $pending-t | $t-set"/>
            <xsl:with-param name="done-o" select="$done-o | $before | $o-set"/>
            <xsl:with-param name="pending-t" select="()"/>
          </xsl:next-iteration>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:iterate>
  </xsl:function>

  <xsl:function name="ed:unaligned-row" as="map(*)*">
    <xsl:param name="t" as="element()*"/>
    <xsl:param name="o" as="element()*"/>
    <!-- What has no counterpart stands in rows of its own, the original's first, so that nothing
         unrelated is ever shown side by side as if it corresponded. -->
    <xsl:sequence select="if (exists($o)) then map { 'kind': 'unaligned', 't': (), 'o': $o, 'link': () } else (),
                          if (exists($t)) then map { 'kind': 'unaligned', 't': $t, 'o': (), 'link': () } else ()"/>
  </xsl:function>

  <!-- What an empty cell of the parallel view says: the passage is not in this text (or this copy stops earlier). -->
  <xsl:function name="ed:not-in" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="if ($div//tei:gap[@reason = 'witness-ends']) then ed:i18n('not-in-witness-ends')
                          else ed:i18n('not-in-text')"/>
  </xsl:function>

  <!-- The milestones at the end of a run of units (they belong with what follows). -->
  <xsl:function name="ed:trailing-milestones" as="element()*">
    <xsl:param name="units" as="element()*"/>
    <xsl:variable name="last-content" as="element()?" select="$units[not(ed:is-milestone(.))][last()]"/>
    <xsl:sequence select="if (empty($last-content)) then $units else $units[. &gt;&gt; $last-content]"/>
  </xsl:function>

  <!-- Alignment lookup: the units aligned with `unit` in the given pairings. -->
  <xsl:function name="ed:counterparts" as="element()*">
    <xsl:param name="pairings" as="map(*)*"/>
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="$pairings ! ?rows[?kind = 'aligned']
        ! (if (exists(?t intersect $unit)) then ?o else if (exists(?o intersect $unit)) then ?t else ())"/>
  </xsl:function>

  <!-- ===== Manuscript descriptions (msDesc) of other archives' documents: html/msdesc.xsl, print/msdesc.xsl ===== -->

  <!--
    Manuscript catalogues (the Wellcome Collection's, Bodleian msdesc) put the whole of a record in
    sourceDesc/msDesc and often leave the text empty: the description is the document.  What each
    element of a description is, and the interface string (xslt/i18n.xml) that labels it:
      part        a description of its own, headed by its identifier: msDesc, msPart, msFrag;
      identifier  msIdentifier: place, holder, collection and shelfmark are its part's heading,
                  its other names (msName, altIdentifier) fields after it;
      section     a headed division of a part: contents, physical description, history, additional;
      group       a wrapper (objectDesc, handDesc, decoDesc ...): its fields stand among its parent's,
                  unless it holds text or other elements as well, when it is a field itself;
      item        a work of the manuscript (msItem): a list of them, an item's items a list in it;
      locus       a folio reference (ed:folio-prefix), at the head of an item;
      field       a labelled part: summary, incipit, support, provenance ...
    Everything is shown in the order of the source.  An element no kind names is shown in its place
    as the text's templates show it (and reported, when they do not know it either).
  -->
  <xsl:variable name="ed:ms-elements" as="map(xs:string, array(xs:string))" select="map {
      'msDesc': ['part', 'ms-manuscript'], 'msPart': ['part', 'ms-part'], 'msFrag': ['part', 'ms-fragment'],
      'msIdentifier': ['identifier', 'ms-identifier'],
      'msContents': ['section', 'ms-contents'], 'physDesc': ['section', 'ms-physical'],
      'history': ['section', 'ms-history'], 'additional': ['section', 'ms-additional'],
      'objectDesc': ['group', 'ms-object'], 'supportDesc': ['group', 'ms-support'],
      'layoutDesc': ['group', 'ms-layout'], 'handDesc': ['group', 'ms-hands'], 'scriptDesc': ['group', 'ms-script'],
      'typeDesc': ['group', 'ms-type'], 'decoDesc': ['group', 'ms-decoration'], 'bindingDesc': ['group', 'ms-binding'],
      'sealDesc': ['group', 'ms-seals'], 'adminInfo': ['group', 'ms-admin-info'],
      'recordHist': ['group', 'ms-record-history'], 'custodialHist': ['group', 'ms-custodial-history'],
      'msItem': ['item', 'ms-item'], 'msItemStruct': ['item', 'ms-item'],
      'locus': ['locus', 'ms-folios'], 'locusGrp': ['locus', 'ms-folios'],
      'head': ['head', 'ms-head'],
      'summary': ['field', 'ms-summary'], 'textLang': ['field', 'ms-language'], 'idno': ['field', 'ms-number'],
      'author': ['field', 'ms-author'], 'editor': ['field', 'ms-editor'], 'respStmt': ['field', 'ms-responsibility'],
      'title': ['field', 'ms-title'], 'rubric': ['field', 'ms-rubric'], 'incipit': ['field', 'ms-incipit'],
      'explicit': ['field', 'ms-explicit'], 'finalRubric': ['field', 'ms-final-rubric'],
      'colophon': ['field', 'ms-colophon'], 'filiation': ['field', 'ms-filiation'], 'note': ['field', 'ms-note'],
      'quote': ['field', 'ms-quote'], 'bibl': ['field', 'ms-bibliography'], 'biblStruct': ['field', 'ms-bibliography'],
      'listBibl': ['field', 'ms-bibliography'], 'decoNote': ['field', 'ms-decoration'],
      'support': ['field', 'ms-support'], 'extent': ['field', 'ms-extent'], 'foliation': ['field', 'ms-foliation'],
      'collation': ['field', 'ms-collation'], 'condition': ['field', 'ms-condition'], 'layout': ['field', 'ms-layout'],
      'handNote': ['field', 'ms-hand'], 'scriptNote': ['field', 'ms-script'], 'typeNote': ['field', 'ms-type'],
      'musicNotation': ['field', 'ms-music'], 'additions': ['field', 'ms-additions'],
      'binding': ['field', 'ms-binding'], 'seal': ['field', 'ms-seal'], 'accMat': ['field', 'ms-accompanying'],
      'origin': ['field', 'ms-origin'], 'origDate': ['field', 'ms-date'], 'origPlace': ['field', 'ms-place'],
      'provenance': ['field', 'ms-provenance'], 'acquisition': ['field', 'ms-acquisition'],
      'source': ['field', 'ms-source'], 'availability': ['field', 'ms-availability'],
      'custEvent': ['field', 'ms-custodial-event'], 'surrogates': ['field', 'ms-surrogates'],
      'msName': ['field', 'ms-name'], 'altIdentifier': ['field', 'ms-other-identifier'],
      'objectType': ['field', 'ms-object-type']
    }"/>

  <!-- Attributes that say what no text does (a codex, on paper): fields of their own, their value as encoded. -->
  <xsl:variable name="ed:ms-attributes" as="map(xs:string, xs:string)"
      select="map { 'objectDesc/@form': 'ms-form', 'supportDesc/@material': 'ms-material' }"/>

  <!-- Elements whose children stand apart on the page (blocks, list items, parts of a heading),
       whatever the source's spacing: tei.exchange.imports.MS_CONTAINERS parts their words alike. -->
  <xsl:variable name="ed:ms-containers" as="xs:string+" select="'msDesc', 'msPart', 'msFrag', 'msIdentifier',
      'msContents', 'physDesc', 'history', 'additional', 'objectDesc', 'supportDesc', 'layoutDesc', 'handDesc',
      'scriptDesc', 'typeDesc', 'decoDesc', 'bindingDesc', 'sealDesc', 'adminInfo', 'recordHist', 'custodialHist',
      'msItem', 'msItemStruct', 'altIdentifier', 'listBibl', 'dimensions'"/>

  <!-- The manuscript descriptions a document's page and print show: those of another archive's
       document with something to show.  The edition's own documents show only their archival
       references (ed:archival-reference), as before. -->
  <xsl:function name="ed:described-manuscripts" as="element(tei:msDesc)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="if (ed:is-foreign($tei)) then ed:ms-descriptions($tei)[ed:ms-has-content(.)] else ()"/>
  </xsl:function>

  <xsl:function name="ed:ms-is-container" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="namespace-uri($e) = 'http://www.tei-c.org/ns/1.0' and local-name($e) = $ed:ms-containers"/>
  </xsl:function>

  <!-- The kind of a node in a description (see above): attributes are fields, text is 'text', an element
       no kind names 'other'; a group is 'group' when its fields join its parent's (ed:ms-flow), else 'field'. -->
  <xsl:function name="ed:ms-kind" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="entry" as="array(xs:string)?"
        select="$node[self::element()][namespace-uri() = 'http://www.tei-c.org/ns/1.0'] ! $ed:ms-elements(local-name())"/>
    <xsl:sequence select="
        if ($node instance of attribute()) then 'field'
        else if ($node instance of text()) then 'text'
        else if (empty($entry)) then 'other'
        else if ($entry?1 = 'group' and not(ed:ms-is-transparent($node))) then 'field'
        else $entry?1"/>
  </xsl:function>

  <xsl:function name="ed:ms-is-transparent" as="xs:boolean">
    <xsl:param name="group" as="element()"/>
    <xsl:sequence select="empty($group/text()[normalize-space()])
        and (every $child in $group/*[ed:ms-has-content(.)] satisfies ed:ms-kind($child) = ('field', 'group', 'item', 'locus'))"/>
  </xsl:function>

  <!-- The label of a part of a description: its kind's, with its @type, @role or @scope ("Decoration
       (miniature)", "Author (translator)", "Other identifier (Sierra)"). -->
  <xsl:function name="ed:ms-label" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="key" as="xs:string?" select="if ($node instance of attribute())
        then $ed:ms-attributes(local-name($node/..) || '/@' || local-name($node))
        else $ed:ms-elements(local-name($node))?2"/>
    <xsl:variable name="qualifier" as="xs:string?"
        select="($node/self::element()/(@type, @role, @scope) ! normalize-space())[. != ''][1]"/>
    <xsl:sequence select="ed:i18n(($key, 'ms-note')[1]) || $qualifier ! (' (' || . || ')')"/>
  </xsl:function>

  <!-- "Part 2", "Fragment 1": a part's own label (its @n, else its place among its kind); a description
       is headed by its identifier alone, or "Manuscript 2" when it has none. -->
  <xsl:function name="ed:ms-part-label" as="xs:string?">
    <xsl:param name="part" as="element()"/>
    <xsl:variable name="n" as="xs:string" select="string(($part/@n[normalize-space()],
        count($part/preceding-sibling::*[node-name() = node-name($part)]) + 1)[1])"/>
    <xsl:sequence select="if ($part/self::tei:msDesc and exists(ed:ms-heading-parts($part))) then ()
        else ed:i18n($ed:ms-elements(local-name($part))?2, $n)"/>
  </xsl:function>

  <!-- What heads a part: its identifier's place, holder, collection and shelfmark, those with text. -->
  <xsl:function name="ed:ms-heading-parts" as="element()*">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="$part/tei:msIdentifier/*[not(self::tei:altIdentifier | self::tei:msName)][ed:ms-has-content(.)]"/>
  </xsl:function>

  <!-- Whether a node shows anything: text, or what the interface says for it (a locus's folios, a
       language's name, an attribute field).  Catalogue templates leave many parts empty ("<explicit>
       <!- - insert - -></explicit>"): those are not shown, and hold no word to lose. -->
  <xsl:function name="ed:ms-has-content" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="normalize-space(string-join($node/descendant-or-self::text(), '')) != ''
        or exists($node/descendant-or-self::*[exists(ed:ms-supplied(.)) or exists(ed:ms-attribute-fields(.))])
        or ($node instance of attribute() and normalize-space($node) != '')"/>
  </xsl:function>

  <xsl:function name="ed:ms-attribute-fields" as="attribute()*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="$e/@*[map:contains($ed:ms-attributes, local-name(..) || '/@' || local-name())][normalize-space()]"
        xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <!-- What the interface says for an element with no text: a locus's folios from its @from and @to
       ("ff. 1r–14v"), a textLang's languages from its codes. -->
  <xsl:function name="ed:ms-supplied" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="from" as="xs:string" select="normalize-space($e/@from)"/>
    <xsl:variable name="to" as="xs:string" select="normalize-space($e/@to)"/>
    <xsl:sequence select="
        if (normalize-space($e) != '') then ()
        else if ($e/self::tei:locus and $from != '' and $to != '' and $from != $to) then ed:i18n('ms-folios-short') || ' ' || $from || '–' || $to
        else if ($e/self::tei:locus and ($from, $to) != '') then ed:i18n('ms-folio-short') || ' ' || ($from[. != ''], $to)[1]
        else if ($e/self::tei:textLang and normalize-space($e/@mainLang) != '')
          then string-join(tokenize(normalize-space(string-join(($e/@mainLang, $e/@otherLangs), ' '))) ! ed:language-name(.), ', ')
        else ()"/>
  </xsl:function>

  <!-- A locus with text that is a bare folio number ("1r–30r", "19v") is printed as a folio reference:
       "ff." (a range or a list) or "f." before it; one that says what it counts ("Line 1-27", "F.1",
       "ff.20r-21v") as it is. -->
  <xsl:function name="ed:folio-prefix" as="xs:string?">
    <xsl:param name="locus" as="element()"/>
    <xsl:variable name="text" as="xs:string" select="normalize-space($locus)"/>
    <xsl:sequence select="
        if (not(matches($text, '^\d'))) then ()
        else if (matches($text, '[-–—,;]') or (normalize-space($locus/@to) != '' and $locus/@to != $locus/@from))
          then ed:i18n('ms-folios-short')
        else ed:i18n('ms-folio-short')"/>
  </xsl:function>

  <!-- Whether a locus run into a word on either side ("ἰατροῖς<locus>1r–30r</locus>") stands apart from
       it: a reference is not part of a word. ('before' or 'after'; tei.exchange.imports.tei_words parts it alike.) -->
  <xsl:function name="ed:ms-glued" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="side" as="xs:string"/>
    <xsl:sequence select="if ($side = 'before') then matches(string(($e/preceding::text()[1])), '\w$')
                          else matches(string(($e/following::text()[1])), '^\w')"/>
  </xsl:function>

  <!-- Whether a phrase that the text's templates print inline but tei_words reads as a block (a label, a
       reference's note) has text right against it, with no space between: then a space parts them. -->
  <xsl:function name="ed:ms-touching" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="side" as="xs:string"/>
    <xsl:sequence select="if ($side = 'before') then matches(string(($e/preceding::text()[1])), '\S$')
                          else matches(string(($e/following::text()[1])), '^\S')"/>
  </xsl:function>

  <!-- The nodes of a part, section, item or group in the order of the source, as its reader meets them:
       its attribute fields, then its children less what shows nothing; an identifier gives its
       other names (its heading is ed:ms-heading-parts), a group whose fields join its parent's gives
       its own flow. -->
  <xsl:function name="ed:ms-flow" as="node()*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="ed:ms-attribute-fields($e)"/>
    <xsl:for-each select="$e/node()[ed:ms-has-content(.)][not(self::comment() | self::processing-instruction())]">
      <xsl:sequence select="
          if (self::tei:msIdentifier) then (tei:altIdentifier | tei:msName)[ed:ms-has-content(.)]
          else if (ed:ms-kind(.) = 'group') then ed:ms-flow(.)
          else ."/>
    </xsl:for-each>
  </xsl:function>

  <!-- Whether the parts of an element stand in the source with nothing but space between them, as a
       catalogue's references (<bibl><title/> <author/> <date/></bibl>), origins (<origPlace/> <origDate/>)
       and names in two scripts do: the page parts them with commas (ed:ms-separator).  Not when a part
       is a block of its own (a paragraph, a note, a list). -->
  <xsl:function name="ed:ms-run-together" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="empty($e/text()[normalize-space()]) and count($e/*[ed:ms-has-content(.)]) gt 1
        and empty($e/*[self::tei:p | self::tei:ab | self::tei:list | self::tei:table | self::tei:lg | self::tei:quote
                       | self::tei:head | self::tei:label | self::tei:listBibl | self::tei:note[not(parent::tei:bibl)]])"/>
  </xsl:function>

  <!-- What follows a part of such an element: a comma where the source has a space before the next part,
       unless the part ends with its own punctuation.  (Only punctuation: the words stay as they are.) -->
  <xsl:function name="ed:ms-separator" as="xs:string?">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="if (exists($part/following-sibling::*[ed:ms-has-content(.)])
                              and exists($part/following-sibling::node()[1][self::text()][not(normalize-space())])
                              and not(matches(normalize-space($part), '[.,;:!?]$'))) then ',' else ()"/>
  </xsl:function>

  <!-- The space a part ends with in the source ("<origPlace> <country>Italy</country>↵ </origPlace>") goes
       after the comma that follows it, not before. -->
  <xsl:function name="ed:ms-trailing-space" as="xs:boolean">
    <xsl:param name="text" as="text()"/>
    <xsl:variable name="part" as="element()?" select="$text/.."/>
    <xsl:sequence select="not(normalize-space($text)) and empty($text/following-sibling::node()) and exists($text/preceding-sibling::*)
        and exists($part/ancestor::tei:msDesc) and exists($part/..) and ed:ms-run-together($part/..) and exists(ed:ms-separator($part))"/>
  </xsl:function>

  <!-- The words a description's dimensions take: their qualifier ("leaf", "written") and their unit,
       unless every measurement has its own ("225mm"). -->
  <xsl:function name="ed:dimensions-labels" as="xs:string*">
    <xsl:param name="dimensions" as="element()"/>
    <xsl:sequence select="string(normalize-space($dimensions/@type)),
        if (exists($dimensions/*[matches(., '\p{L}')])) then '' else string(normalize-space($dimensions/@unit))"/>
  </xsl:function>

  <!-- The words a description's bare measurement takes after its number: its unit, and its kind in
       brackets ("<measure type="height" unit="mm">150</measure>" reads "150 mm (height)"); none when its
       text says more than a number ("30 ff."). -->
  <xsl:function name="ed:measure-labels" as="xs:string*">
    <xsl:param name="measure" as="element()"/>
    <xsl:if test="matches(normalize-space($measure), '^[\d.,–-]+$')">
      <xsl:sequence select="string(normalize-space($measure/@unit)), string(normalize-space($measure/@type))"/>
    </xsl:if>
  </xsl:function>

  <!-- ===== Typography shared by the HTML and the print editions ===== -->

  <!-- The base language of a node: its nearest xml:lang, without region or script ("ru-Latn" is "ru"). -->
  <xsl:function name="ed:lang-of" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="lower-case(tokenize(string(($node/ancestor-or-self::*[@xml:lang][1]/@xml:lang, $ed:lang)[1]), '-')[1])"/>
  </xsl:function>

  <!-- Typewriter quotation marks as `lang` sets them: « » in Russian, “ ” in English (an opening mark
       follows a space or a bracket, a closing one follows a letter).  One style per language, in every
       text, in HTML and print alike. -->
  <xsl:function name="ed:quotes" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="ru" as="xs:boolean" select="starts-with(lower-case($lang), 'ru')"/>
    <!-- Only the languages of the edition's own texts: another archive's German or Greek has its
         own conventions („…“, «…»), which a straight quote does not tell. -->
    <xsl:sequence select="if (not($ru or starts-with(lower-case($lang), 'en'))) then $text
        else $text => replace('(^|[\s(\[])&quot;(\S)', '$1' || (if ($ru) then '«' else '“') || '$2')
                   => replace('(\S)&quot;', '$1' || (if ($ru) then '»' else '”'))"/>
  </xsl:function>

  <!-- ed:quotes of a text node, a quote at either end of it set by the characters beside it in its unit: a
       name tagged inside quotes ("<orgName>Известия</orgName>") leaves each quote alone in its text node.
       A line or page break between counts as a space. -->
  <xsl:function name="ed:quotes-in-context" as="xs:string">
    <xsl:param name="text" as="text()"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:sequence select="ed:quotes-in-context(string($text), $text, $lang)"/>
  </xsl:function>

  <!-- The same for `s`, the text node as the caller has already changed it (print: line breaks as spaces). -->
  <xsl:function name="ed:quotes-in-context" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:param name="text" as="text()"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="not(starts-with($s, '&quot;') or ends-with($s, '&quot;'))">
        <xsl:sequence select="ed:quotes($s, $lang)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="unit" as="element()?" select="$text/ancestor::*[@xml:id][1]"/>
        <xsl:variable name="prev" as="text()?" select="$text/preceding::text()[1][ancestor::*[@xml:id][1] is $unit]"/>
        <xsl:variable name="next" as="text()?" select="$text/following::text()[1][ancestor::*[@xml:id][1] is $unit]"/>
        <xsl:variable name="before" as="xs:string" select="
            if (exists($prev) and empty($text/preceding::*[. &gt;&gt; $prev][self::tei:lb or self::tei:pb or self::tei:cb]))
            then substring($prev, string-length($prev)) else ''"/>
        <xsl:variable name="after" as="xs:string" select="
            if (exists($next) and empty($text/following::*[. &lt;&lt; $next][self::tei:lb or self::tei:pb or self::tei:cb]))
            then substring($next, 1, 1) else ''"/>
        <xsl:sequence select="substring(ed:quotes($before || $s || $after, $lang), string-length($before) + 1, string-length($s))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- ===== The catalogue of the edition ===== -->

  <!-- What the index and the neighbouring pages need to know about a document. -->
  <xsl:function name="ed:catalogue-entry" as="element(ed:entry)">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="when" as="xs:string?" select="ed:date-when($tei)"/>
    <ed:entry id="{ed:doc-id($tei)}" sort="{ed:sort-key($tei)}" when="{$when}" year="{ed:year($tei)}"
        type="{ed:doc-type($tei)}" languages="{ed:text-languages($tei)}"
        date-inferred="{ed:is-inferred($tei, 'date')}" title-inferred="{ed:is-inferred($tei, 'title')}"
        entities="{ed:entity-refs($tei)}">
      <ed:title>{ed:title($tei)}</ed:title>
      <xsl:for-each select="ed:correspondent($tei, 'sent')"><ed:from>{.}</ed:from></xsl:for-each>
      <xsl:for-each select="ed:correspondent($tei, 'received')"><ed:to>{.}</ed:to></xsl:for-each>
      <xsl:for-each select="ed:archive-names($tei)"><ed:archive>{.}</ed:archive></xsl:for-each>
      <xsl:for-each select="ed:summary($tei)"><ed:summary>{.}</ed:summary></xsl:for-each>
    </ed:entry>
  </xsl:function>

  <!-- ===================================================================
       Print edition (xslt/print/): functions added for the print volume.
       What things are, as the print needs to know them; how they look is
       in xslt/print/.  No interface strings of their own: the labels they
       use (ref-fond ...) are xslt/i18n.xml's.
       =================================================================== -->

  <!-- Documents in reading order: by date, undated last, then by id (the order catalogue.xsl gives the catalogue). -->
  <xsl:function name="ed:in-reading-order" as="element(tei:TEI)*">
    <xsl:param name="documents" as="element(tei:TEI)*"/>
    <xsl:perform-sort select="$documents">
      <xsl:sort select="ed:sort-key(.)"/>
      <xsl:sort select="ed:doc-id(.)"/>
    </xsl:perform-sort>
  </xsl:function>

  <!-- Of a document's pairings (ed:pairings), the one to read in parallel when only one can be:
       the best aligned (most aligned rows), the first in document order on a tie.  The other
       texts of the document are then read on their own. -->
  <xsl:function name="ed:main-pairing" as="map(*)?">
    <xsl:param name="pairings" as="map(*)*"/>
    <xsl:variable name="most" as="xs:integer?" select="max($pairings ! count(?rows[?kind = 'aligned']))"/>
    <xsl:sequence select="$pairings[count(?rows[?kind = 'aligned']) = $most][1]"/>
  </xsl:function>

  <!-- A repository as named in an msIdentifier: "Archive of ... (APRF)". -->
  <xsl:function name="ed:repository-label" as="xs:string?">
    <xsl:param name="repository" as="element(tei:repository)*"/>
    <xsl:sequence select="string-join($repository ! (if (@n and not(contains(., @n))) then normalize-space() || ' (' || @n || ')'
                                          else normalize-space())[. != ''], ', ')[. != '']"/>
  </xsl:function>

  <!-- How many underscores draw a typed blank: its @quantity (TEI allows any number, 2.5 or 10000),
       rounded, at least 1 and at most a line's 80; 3 when it has none. -->
  <xsl:function name="ed:blank-length" as="xs:integer">
    <xsl:param name="quantity" as="attribute()?"/>
    <xsl:sequence select="if ($quantity castable as xs:double and not(string(number($quantity)) = ('NaN', 'INF', '-INF')))
                          then max((1, min((80, xs:integer(round(number($quantity)))))))
                          else 3"/>
  </xsl:function>

  <!-- Another archive's space: in an EpiDoc edition (div type="edition") the stone's or page's
       uninscribed stretch, which the Leiden conventions print "vac."; elsewhere (a letter's wide gap,
       a Schnitzler edition's space between words) a blank as wide as its quantity of characters,
       1 to 8 (em spaces, which part words, as the space does). -->
  <xsl:function name="ed:is-vacat" as="xs:boolean">
    <xsl:param name="space" as="element(tei:space)"/>
    <xsl:sequence select="exists($space/ancestor::tei:div[@type = 'edition'])"/>
  </xsl:function>

  <xsl:function name="ed:blank" as="xs:string">
    <xsl:param name="space" as="element(tei:space)"/>
    <xsl:variable name="characters" as="xs:boolean"
        select="empty($space/@unit) or starts-with(lower-case($space/@unit), 'char')"/>
    <xsl:variable name="quantity" as="attribute()?" select="$space/(@quantity, @extent)[. castable as xs:double][1]"/>
    <xsl:sequence select="string-join((1 to (if ($characters and exists($quantity))
                                              then min((8, ed:blank-length($quantity))) else 1)) ! '&#x2003;')"/>
  </xsl:function>

  <xsl:function name="ed:space-title" as="xs:string">
    <xsl:param name="space" as="element(tei:space)"/>
    <xsl:sequence select="normalize-space(string-join(($space/(@quantity, @extent), $space/@unit), ' '))"/>
  </xsl:function>

  <!-- What stands for text another archive's transcription leaves out (gap).  In an EpiDoc edition
       the Leiden conventions: lost letters in square brackets, a dot each ("[..]"; "[...]" for more
       than 12 or an unknown number, "[- - -]" for lost lines), illegible ones as dots ("..");
       elsewhere the reason in words ("[illegible]", "[lost]"), else "[text not transcribed]". -->
  <xsl:function name="ed:gap-label" as="xs:string">
    <xsl:param name="gap" as="element(tei:gap)"/>
    <xsl:variable name="reason" as="xs:string" select="lower-case(string($gap/@reason))"/>
    <xsl:variable name="lost" as="xs:boolean" select="$reason = ('lost', 'damage', 'damaged', 'broken')"/>
    <xsl:variable name="count" as="xs:integer?" select="$gap/@quantity[. castable as xs:double]
        ! xs:integer(round(number(.)))[. gt 0]"/>
    <xsl:variable name="letters" as="xs:boolean"
        select="empty($gap/@unit) or starts-with(lower-case($gap/@unit), 'char')"/>
    <xsl:choose>
      <xsl:when test="ed:is-foreign(root($gap)/tei:TEI) and exists($gap/ancestor::tei:div[@type = 'edition'])
                      and ($lost or $reason = 'illegible')">
        <xsl:variable name="dots" as="xs:string" select="
            if (starts-with(lower-case($gap/@unit), 'line')) then '- - -'
            else if ($letters and exists($count) and $count le 12) then string-join((1 to $count) ! '.')
            else '...'"/>
        <xsl:sequence select="if ($lost) then '[' || $dots || ']' else $dots"/>
      </xsl:when>
      <xsl:when test="$reason = 'illegible'"><xsl:sequence select="ed:i18n('gap-illegible')"/></xsl:when>
      <xsl:when test="$lost"><xsl:sequence select="ed:i18n('gap-lost')"/></xsl:when>
      <xsl:when test="$reason = ('omitted', 'irrelevant', 'editorial')"><xsl:sequence select="ed:i18n('gap-omitted')"/></xsl:when>
      <xsl:otherwise><xsl:sequence select="ed:i18n('gap')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Whitespace between the children of an element whose content is elements only (the alternatives
       of a choice or an apparatus entry): the source's indentation, no space of the text ("mit<choice>
       <corr/> <sic>t</sic> </choice>i" is one word). -->
  <xsl:function name="ed:is-indentation" as="xs:boolean">
    <xsl:param name="text" as="text()"/>
    <xsl:sequence select="not(normalize-space($text)) and exists($text/parent::*[self::tei:choice | self::tei:app
                          | self::tei:subst | self::tei:rdgGrp | self::tei:cit])"/>
  </xsl:function>

  <!-- The shelf parts of an archival reference (idno fond, opis, delo, papka), labelled. -->
  <xsl:function name="ed:shelf-label" as="xs:string">
    <xsl:param name="idnos" as="element(tei:idno)*"/>
    <xsl:sequence select="string-join($idnos[@type = ('fond', 'opis', 'delo', 'papka')][normalize-space()]
                                        ! ed:i18n('ref-' || @type, normalize-space()), ', ')"/>
  </xsl:function>

  <!-- The id of what cites a source (an msDesc, a witness): its xml:id, else one made for it from its
       place in the document, the same in every transformation (the print volume's parts are made
       apart from its index, so generate-id() would differ: "doc-5.191.msDesc1"). -->
  <xsl:function name="ed:source-target" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="string(($e/@xml:id, ed:doc-id(root($e)/tei:TEI) || '.' || local-name($e)
        || count(($e/preceding::*, $e/ancestor::*)[node-name() = node-name($e)]) + 1)[1])"/>
  </xsl:function>

  <!--
    Every archival source a document cites, one element each, for an index of sources:
      <ed:source-ref target="the citing element's id" kind="archive|printed-from"
                     repository="…" unit="fond, opis, delo, papka (or collection)" folios="…"/>
    kind="archive": a holding of the original (sourceDesc/msDesc);
    kind="printed-from": the archival original a printed witness was printed from
    (witness/note[@type='source']/bibl: orgName type="archive", idno, citedRange unit="folio").
    Repository names are as encoded; ed:archive-heading joins the names of one archive.
  -->
  <xsl:function name="ed:source-references" as="element(ed:source-ref)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:for-each select="ed:ms-descriptions($tei)">
      <xsl:variable name="id" as="element(tei:msIdentifier)?" select="tei:msIdentifier"/>
      <ed:source-ref target="{ed:source-target(.)}" kind="archive"
          repository="{(ed:repository-label($id/tei:repository), $id/tei:institution/normalize-space()[. != ''], '?')[1]}"
          unit="{string-join(($id/tei:collection/normalize-space(), ed:shelf-label($id/tei:idno))[. != ''], ', ')}"
          folios="{string-join(tei:msContents/tei:msItem/tei:locus
                     ! ed:i18n('ref-listy', if (@from and @to) then @from || '–' || @to else normalize-space()), ', ')}"/>
    </xsl:for-each>
    <xsl:for-each select="$tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:listWit/tei:witness
                            [tei:note[@type = 'source']/tei:bibl/tei:orgName[@type = 'archive']]">
      <xsl:variable name="bibl" as="element(tei:bibl)" select="(tei:note[@type = 'source']/tei:bibl[tei:orgName[@type = 'archive']])[1]"/>
      <ed:source-ref target="{ed:source-target(.)}" kind="printed-from"
          repository="{normalize-space(($bibl/tei:orgName[@type = 'archive'])[1])}"
          unit="{ed:shelf-label($bibl/tei:idno)}"
          folios="{string-join($bibl/tei:citedRange[@unit = 'folio'] ! ed:i18n('ref-listy', normalize-space()), ', ')}"/>
    </xsl:for-each>
  </xsl:function>

  <!-- The name an archive is listed under: the first of its names in $archive_aliases when `name`
       is one of them, or ends with one of them in brackets ("Archive of ... (APRF)"); else `name`.
       Compared without regard to case and spacing. -->
  <xsl:function name="ed:archive-heading" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="keys" as="xs:string*" select="ed:name-key($name),
        (if (matches($name, '\(([^()]+)\)\s*$')) then ed:name-key(replace($name, '^.*\(([^()]+)\)\s*$', '$1')) else ())"/>
    <xsl:variable name="archive" as="xs:string?" select="(tokenize($archive_aliases, '\n')
        [some $alias in tokenize(., '\t') ! ed:name-key(.) satisfies $alias = $keys])[1]"/>
    <xsl:sequence select="(tokenize($archive, '\t')[normalize-space()][1] ! normalize-space(), $name)[1]"/>
  </xsl:function>

  <xsl:function name="ed:name-key" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="lower-case(normalize-space(replace($name, '&#xA0;', ' ')))"/>
  </xsl:function>

  <!-- ===== Which documents are foreign (other archives' TEI: html/foreign.xsl, print/foreign.xsl) ===== -->

  <!-- A document page.xsl's views would not show whole: its text is not just originals and translations. -->
  <xsl:function name="ed:is-foreign" as="xs:boolean">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="text" as="element(tei:text)?" select="$tei/tei:text"/>
    <xsl:sequence select="empty($text)
        or exists($text/(tei:front | tei:back | tei:group))
        or exists($tei/(tei:sourceDoc | tei:facsimile[.//text()[normalize-space()]]))
        or exists($text/tei:body/node()
                    [not(self::tei:div[@type = ('original', 'translation')])]
                    [not(self::text()[not(normalize-space())])]
                    [not(self::comment() | self::processing-instruction())])"/>
  </xsl:function>

  <!-- The parts of a foreign text, in document order: front, the body's divisions (or the body), back. -->
  <xsl:function name="ed:foreign-parts" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="body" as="element(tei:body)?" select="$tei/tei:text/tei:body"/>
    <xsl:variable name="body-only-divs" as="xs:boolean" select="exists($body/*) and empty($body/*[not(self::tei:div)])
        and empty($body/text()[normalize-space()])"/>
    <xsl:sequence select="$tei/tei:sourceDoc, $tei/tei:facsimile[.//text()[normalize-space()]],
        $tei/tei:text/tei:front,
        if ($body-only-divs) then $body/tei:div else $body,
        $tei/tei:text/tei:group,
        $tei/tei:text/tei:back"/>
  </xsl:function>

  <!-- The label of a part: "Edition (grc)", "Translation (English)", "Letter"; none for a plain body. -->
  <xsl:function name="ed:part-label" as="xs:string?">
    <xsl:param name="part" as="element()"/>
    <xsl:variable name="lang" as="xs:string?" select="$part/@xml:lang ! string()"/>
    <xsl:variable name="kind" as="xs:string?" select="($part/@type[normalize-space()] ! ed:doc-type-label(string()),
        $part[self::tei:front | self::tei:back | self::tei:group | self::tei:sourceDoc | self::tei:facsimile]
          ! ed:doc-type-label(local-name()))[1]"/>
    <xsl:sequence select="if (exists($kind) and exists($lang)) then $kind || ' (' || ed:language-name($lang) || ')'
        else ($kind, $lang ! ed:language-name(.))[1]"/>
  </xsl:function>


</xsl:stylesheet>
