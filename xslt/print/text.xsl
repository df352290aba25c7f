<?xml version="1.0" encoding="UTF-8"?>
<!--
  print/text.xsl: the TEI text as paged HTML (mode ed:print), and the
  inside of a footnote (mode ed:print-note).  Included by print/book.xsl.

  Conventions (tests/test_print.py relies on them):
  - Every word of the TEI text is printed; text the print adds (note
    markers, source page numbers, brackets, labels) is in an element of
    class "gen".
  - Footnotes stay where TEI anchors them, as a span of class "footnote":
    print.css floats it to the foot of the page (float: footnote), and the
    call shows the note's own marker (data-marker: "*", else its number).
  - A printed page break (pb) is a bar in the line and the page number in
    the margin beside it.
  - Punctuation is set as each language sets it (ed:typography): quotation
    marks, dashes, number ranges, no-break spaces; archival marks (fw) are
    left exactly as transcribed.
  - An element no template handles is reported with xsl:message, and its
    text is still printed (class "unhandled"): no text is ever dropped.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:tei-edition:xslt"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="ed:print" on-no-match="text-only-copy" warning-on-no-match="false"/>
  <!-- The inside of a footnote: its paragraphs run on, as spans; everything else as in ed:print. -->
  <xsl:mode name="ed:print-note" on-no-match="fail"/>

  <!-- ===== Typography ===== -->

  <xsl:variable name="ed:nbsp" as="xs:string" select="'&#xA0;'"/>

  <!--
    A string as `lang` sets it: typewriter quotation marks become « » in
    Russian and “ ” in English (an opening mark follows a space or a bracket,
    a closing one follows a letter); a spaced hyphen becomes a dash (Russian
    em dash, English en dash), tied to the word before it; a hyphen between
    digits an en dash (ranges: 148–150); an apostrophe between letters ’;
    three dots an ellipsis; № and No. are tied to their number, Russian
    one-letter words and numbers to the word after them.  Only punctuation and spaces change: never a letter or a
    digit, so every word of the text stays as it is.
  -->
  <xsl:function name="ed:typography" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="ru" as="xs:boolean" select="starts-with(lower-case($lang), 'ru')"/>
    <xsl:variable name="dash" as="xs:string" select="if ($ru) then '—' else '–'"/>
    <!-- An abbreviation's full stop ends the sentence too: "и др. ." is set "и др.". -->
    <xsl:variable name="quoted" as="xs:string" select="ed:quotes($text, $lang) => replace('(\p{L}\.)\s+\.(\s|$)', '$1$2')"/>
    <xsl:variable name="dashed" as="xs:string"
        select="$quoted => replace(' - ', $ed:nbsp || $dash || ' ')
                        => replace('(\d)-(\d)', '$1–$2')
                        => replace('(\p{L})''(\p{L})', '$1’$2')
                        => replace('\.\.\.', '…')
                        => replace('№ ', '№' || $ed:nbsp)
                        => replace('(^|\P{L})(Nos?\.) (\d)', '$1$2' || $ed:nbsp || '$3')"/>
    <!-- Russian: a one-letter word is tied to the next, twice ("и в Корее": the first pass takes the
         space before "в"); a number to the word after it ("26 октября", "1953 г."). -->
    <xsl:variable name="one-letter" as="xs:string" select="'(^|[\s' || $ed:nbsp || '])([вксоуияаВКСОУИЯА]) '"/>
    <xsl:sequence select="if (not($ru)) then $dashed
        else $dashed => replace($one-letter, '$1$2' || $ed:nbsp)
                     => replace($one-letter, '$1$2' || $ed:nbsp)
                     => replace('(\d) (\p{Ll})', '$1' || $ed:nbsp || '$2')"/>
  </xsl:function>

  <!-- A line break in the source's text is a space on the page (no print rule keeps white space);
       it is written as one, for WeasyPrint 70 fails on a footnote whose text has " \n" in it
       ("Got ' \n' between two lines", a letter of the Schnitzler edition).  Archival marks (fw) keep
       their dashes and spaces as transcribed; their quotation marks are set as everywhere else in
       their language (core.xsl's ed:quotes, which the HTML edition uses too). -->
  <xsl:template match="text()" mode="ed:print">
    <xsl:variable name="lang" as="xs:string" select="ed:lang-of(.)"/>
    <xsl:variable name="text" as="xs:string" select="ed:quotes-in-context(replace(., '[ \t\r]*\n\s*', ' '), ., $lang)"/>
    <xsl:variable name="set" as="xs:string" select="if (ancestor::tei:fw) then ed:quotes($text, $lang) else ed:typography($text, $lang)"/>
    <xsl:variable name="name" as="element()?" select="following-sibling::node()[1][self::*][exists(ed:entries-named(.))]"/>
    <xsl:choose>
      <!-- Before a name of the authority file: its anchor (see below) before what is glued to the name, at
           the last space a line may break at: "ехать |в Паньмыньчжон", "|(США", "|«Известия»". -->
      <xsl:when test="exists($name)">
        <xsl:variable name="glued" as="xs:string" select="if (matches($set, '\s')) then replace($set, '^.*\s', '', 's') else $set"/>
        <xsl:value-of select="substring($set, 1, string-length($set) - string-length($glued))"/>
        <span class="name-anchor" id="{ed:mention-anchor($name)}"></span>
        <xsl:value-of select="$glued"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$set"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Divisions and blocks ===== -->

  <!-- A document of several in one file (div type="document"). -->
  <xsl:template match="tei:div" mode="ed:print">
    <section class="subdocument">
      <xsl:call-template name="ed:print-attributes"/>
      <xsl:if test="@type = 'document' and count(../tei:div[@type = 'document']) gt 1">
        <xsl:call-template name="ed:subdocument-label">
          <xsl:with-param name="div" select="."/>
        </xsl:call-template>
      </xsl:if>
      <xsl:apply-templates mode="ed:print"/>
    </section>
  </xsl:template>

  <!-- "Document 3.2": the second of the documents in the file of document 3 of the edition. -->
  <xsl:template name="ed:subdocument-label">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:param name="ed:number" as="xs:integer?" tunnel="yes" select="()"/>
    <xsl:variable name="n" as="xs:string" select="string(($div/@n, count($div/preceding-sibling::tei:div) + 1)[1])"/>
    <p class="subdocument-label gen" lang="{$ed:lang}">{if (exists($ed:number))
        then ed:i18n('print-document-number', $ed:number || '.' || $n) else ed:i18n('subdocument', $n)}</p>
  </xsl:template>

  <!-- id (the TEI's own), lang, and the classes given. -->
  <xsl:template name="ed:print-attributes">
    <xsl:param name="class" as="xs:string*" select="()"/>
    <xsl:if test="@xml:id">
      <xsl:attribute name="id" select="@xml:id"/>
    </xsl:if>
    <xsl:if test="exists($class)">
      <xsl:attribute name="class" select="string-join($class, ' ')"/>
    </xsl:if>
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang" select="@xml:lang"/>
    </xsl:if>
  </xsl:template>

  <!-- HTML's p may not hold lists, tables or paragraphs: a TEI p that does becomes a div. -->
  <xsl:function name="ed:holds-blocks" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(tei:list | tei:table | tei:p | tei:ab | tei:lg | tei:div | tei:quote[tei:p]
                                     | tei:note[not(ed:is-footnote(.))]))"/>
  </xsl:function>

  <xsl:template match="tei:p | tei:ab" mode="ed:print">
    <xsl:element name="{if (ed:holds-blocks(.)) then 'div' else 'p'}">
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="'p'"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:print"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:head" mode="ed:print">
    <h4>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="('head', @type ! ('head-' || .))"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:print"/>
    </h4>
  </xsl:template>

  <!-- Forme work: stamps, folio numbers, registry marks, letterheads, security classifications. -->
  <xsl:template match="tei:fw" mode="ed:print">
    <p>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="('fw', 'fw-' || (@type, 'mark')[1])"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:print"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer | tei:postscript | tei:argument | tei:epigraph" mode="ed:print">
    <div>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:print"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:salute | tei:dateline | tei:signed | tei:byline | tei:docDate" mode="ed:print">
    <p>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:print"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:label" mode="ed:print">
    <xsl:element name="{if (ed:is-container(..)) then 'p' else 'span'}">
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="('label', @type)"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:print"/>
    </xsl:element>
  </xsl:template>

  <!-- An inline label run straight into the element it labels (<label>area</label><desc>103,000 sq km</desc>)
       is parted from it by a space, as a reader would write it. -->
  <xsl:template match="tei:label[not(ed:is-container(..))][following-sibling::node()[1][self::* or matches(., '^\w')]]" mode="ed:print" priority="1">
    <xsl:next-match/>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:list" mode="ed:print">
    <div>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="('list', @type ! ('list-' || .))"/>
      </xsl:call-template>
      <xsl:apply-templates select="tei:head" mode="ed:print"/>
      <xsl:element name="{if (@rend = ('numbered', 'ordered')) then 'ol' else 'ul'}">
        <xsl:apply-templates select="node() except tei:head" mode="ed:print"/>
      </xsl:element>
    </div>
  </xsl:template>

  <xsl:template match="tei:list/tei:head" mode="ed:print">
    <p>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="'list-head'"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:print"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:item" mode="ed:print">
    <li>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="'item'"/>
      </xsl:call-template>
      <xsl:apply-templates mode="ed:print"/>
    </li>
  </xsl:template>

  <xsl:template match="tei:table" mode="ed:print">
    <table>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="'tei-table'"/>
      </xsl:call-template>
      <xsl:for-each select="tei:head">
        <caption><xsl:apply-templates mode="ed:print"/></caption>
      </xsl:for-each>
      <tbody>
        <xsl:apply-templates select="tei:row" mode="ed:print"/>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="tei:row" mode="ed:print">
    <tr>
      <xsl:apply-templates select="tei:cell" mode="ed:print"/>
    </tr>
  </xsl:template>

  <xsl:template match="tei:cell" mode="ed:print">
    <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
      <xsl:if test="@cols castable as xs:integer and xs:integer(@cols) gt 1">
        <xsl:attribute name="colspan" select="@cols"/>
      </xsl:if>
      <xsl:if test="@rows castable as xs:integer and xs:integer(@rows) gt 1">
        <xsl:attribute name="rowspan" select="@rows"/>
      </xsl:if>
      <xsl:apply-templates mode="ed:print"/>
    </xsl:element>
  </xsl:template>

  <!-- ===== Notes ===== -->

  <!-- A block note: the source of a printed text ("Печ. по: ..."), an editorial note. -->
  <xsl:template match="tei:note[not(ed:is-footnote(.))]" mode="ed:print">
    <xsl:variable name="type" as="xs:string?" select="@type[ed:has-i18n('note-' || .)]"/>
    <div>
      <xsl:call-template name="ed:print-attributes">
        <xsl:with-param name="class" select="('note', @type ! ('note-' || .))"/>
      </xsl:call-template>
      <xsl:if test="exists($type)">
        <p class="note-label gen" lang="{$ed:lang}">{ed:i18n('note-' || $type)}</p>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="ed:holds-blocks(.)">
          <xsl:apply-templates mode="ed:print"/>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:apply-templates mode="ed:print"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <!-- A footnote, where TEI anchors it: print.css floats it to the foot of the page. -->
  <xsl:template match="tei:note[ed:is-footnote(.)]" mode="ed:print">
    <span class="footnote" id="{ed:note-id(.)}" data-marker="{ed:note-marker(.)}">
      <xsl:if test="@xml:lang">
        <xsl:attribute name="lang" select="@xml:lang"/>
      </xsl:if>
      <xsl:apply-templates mode="ed:print-note"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab" mode="ed:print-note">
    <xsl:if test="preceding-sibling::*[self::tei:p | self::tei:ab]">
      <xsl:text> </xsl:text>
    </xsl:if>
    <span class="p">
      <xsl:apply-templates mode="ed:print"/>
    </span>
  </xsl:template>

  <xsl:template match="node()" mode="ed:print-note">
    <xsl:apply-templates select="." mode="ed:print"/>
  </xsl:template>

  <!-- ===== Milestones ===== -->

  <xsl:template match="tei:lb" mode="ed:print">
    <br/>
  </xsl:template>

  <!-- A printed page break: a bar where the page turns inside a block, its number in the margin.
       Inside a word (break="no": "указа-" / "за") the word is printed whole, without the printer's
       hyphen (the pc before it) or a bar: the number alone stands in the margin beside it. -->
  <xsl:template match="tei:pb" mode="ed:print">
    <span class="pb gen" id="{ed:page-id(.)}"><xsl:if test="not(ed:is-container(..)) and not(@break = 'no')"><span
        class="pb-bar">|</span></xsl:if><span class="pb-number">{string((@n, '?')[1])}</span></span>
  </xsl:template>

  <xsl:template match="tei:pc[@force = 'weak'][following-sibling::node()[1][self::tei:pb[@break = 'no']]]"
                mode="ed:print" priority="1"/>

  <!-- A rule typed across the page (underscores, hyphens): drawn as a rule. -->
  <xsl:template match="tei:milestone[@unit = 'rule']" mode="ed:print">
    <hr class="typed-rule typed-rule-{@rend}"/>
  </xsl:template>

  <!-- A blank typed with underscores inside a line: the same number of underscores, not searchable words. -->
  <xsl:template match="tei:space[@rend = 'underscore']" mode="ed:print">
    <span class="typed-blank gen" data-pagefind-ignore="" title="{ed:i18n('typed-blank', string(@quantity))}"
      >{string-join((1 to ed:blank-length(@quantity)) ! '_')}</span>
  </xsl:template>

  <xsl:template match="tei:cb | tei:milestone | tei:anchor" mode="ed:print">
    <xsl:if test="@xml:id">
      <span id="{@xml:id}" class="{local-name()}"></span>
    </xsl:if>
  </xsl:template>

  <!-- ===== Phrases ===== -->

  <xsl:template match="tei:hi" mode="ed:print">
    <span class="{string-join(('hi', tokenize(@rend)), ' ')}">
      <xsl:apply-templates mode="ed:print"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:foreign" mode="ed:print">
    <span class="foreign">
      <xsl:if test="@xml:lang">
        <xsl:attribute name="lang" select="@xml:lang"/>
      </xsl:if>
      <xsl:apply-templates mode="ed:print"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:date | tei:time" mode="ed:print">
    <span class="date">
      <xsl:apply-templates mode="ed:print"/>
    </span>
  </xsl:template>

  <!-- Text the translator or editor supplied: in square brackets. -->
  <xsl:template match="tei:supplied" mode="ed:print">
    <span class="supplied"><span class="gen">[</span><xsl:apply-templates mode="ed:print"/><span class="gen">]</span></span>
  </xsl:template>

  <!-- An abbreviation and its expansion: "MID [Ministry of Foreign Affairs]". -->
  <xsl:template match="tei:choice" mode="ed:print">
    <span class="choice">
      <xsl:for-each select="*">
        <xsl:if test="position() gt 1">
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:apply-templates select="." mode="ed:print"/>
      </xsl:for-each>
    </span>
  </xsl:template>

  <xsl:template match="tei:abbr | tei:sic | tei:orig" mode="ed:print">
    <span class="{local-name()}"><xsl:apply-templates mode="ed:print"/></span>
  </xsl:template>

  <xsl:template match="tei:expan | tei:corr | tei:reg" mode="ed:print">
    <span class="{local-name()}"><span class="gen">[</span><xsl:apply-templates mode="ed:print"/><span class="gen">]</span></span>
  </xsl:template>

  <!-- Text not transcribed. -->
  <!-- An incomplete copy of the original stops here, mid-sentence. -->
  <xsl:template match="tei:gap[@reason = 'witness-ends']" mode="ed:print" priority="1">
    <span class="gap witness-ends gen" title="{normalize-space(string-join(tei:desc, ' '))}"> {ed:i18n('witness-ends')}</span>
  </xsl:template>

  <xsl:template match="tei:gap" mode="ed:print">
    <span class="gap gen" lang="{$ed:lang}">{ed:gap-label(.)}</span>
  </xsl:template>

  <xsl:template match="tei:pc" mode="ed:print">
    <xsl:apply-templates mode="ed:print"/>
  </xsl:template>

  <!-- A link prints its text; one with none (a bare pointer, another archive's "bib:IOSPE2") its
       address, parted by a space from what follows. -->
  <xsl:template match="tei:ref | tei:ptr" mode="ed:print">
    <xsl:variable name="target" as="xs:string?" select="tokenize(@target)[1]"/>
    <span class="ref"><xsl:apply-templates mode="ed:print"/><xsl:if test="exists($target) and not(normalize-space())"
        ><span class="gen">{$target}</span></xsl:if></span>
    <xsl:if test="exists($target) and not(normalize-space())
        and following-sibling::node()[1][self::* or matches(., '^\w')]"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <xsl:template match="tei:del" mode="ed:print">
    <del class="del"><xsl:apply-templates mode="ed:print"/></del>
  </xsl:template>

  <xsl:template match="tei:add" mode="ed:print">
    <ins class="add"><xsl:apply-templates mode="ed:print"/></ins>
  </xsl:template>

  <xsl:template match="tei:emph" mode="ed:print">
    <em><xsl:apply-templates mode="ed:print"/></em>
  </xsl:template>

  <!-- A name of the edition's authority file (tei/entities.py) is printed as its words, with no
       box of its own: the print shows nothing of it, and WeasyPrint's line breaker, given a
       span there, broke words wrongly ("на-" / "дол" / "го" for "надолго" beside a tagged "США").
       An empty anchor before it (print.css: an inline-block of no width) is what the indexes of
       persons, places and organisations (book.xsl's ed:entity-indexes) point at: the page where
       the name begins.  A line may break after the anchor, so it is put before the text glued to
       the name (the text template above: a Russian preposition tied to it, a bracket, a quotation
       mark), which then stays with the name; tei/typeset.py gives an anchor left at the end of a
       line the page of the line after it. -->
  <xsl:template match="*[self::tei:persName | self::tei:placeName | self::tei:orgName | self::tei:name | self::tei:rs]
                        [exists(ed:entries-named(.))]" mode="ed:print" priority="2">
    <xsl:if test="not(preceding-sibling::node()[1][self::text()])">
      <span class="name-anchor" id="{ed:mention-anchor(.)}"></span>
    </xsl:if>
    <xsl:apply-templates mode="ed:print"/>
  </xsl:template>

  <!-- Names and other phrases: a span named after the element. -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs | tei:term | tei:num
                       | tei:measure | tei:seg | tei:title | tei:q | tei:quote | tei:said | tei:unclear
                       | tei:mentioned | tei:soCalled | tei:geogName | tei:roleName"
                mode="ed:print">
    <span class="{local-name()}">
      <xsl:if test="@xml:lang">
        <xsl:attribute name="lang" select="@xml:lang"/>
      </xsl:if>
      <xsl:apply-templates mode="ed:print"/>
    </span>
  </xsl:template>

  <!-- Anything else: say so, and keep its text. -->
  <xsl:template match="*" mode="ed:print" priority="-10">
    <xsl:variable name="where" as="xs:string?" select="ancestor-or-self::*[@xml:id][1]/@xml:id"/>
    <xsl:message>[ed:unhandled] {ed:doc-id(root()/tei:TEI)}: no print template for element &lt;{name()}&gt;{
        if (namespace-uri() != 'http://www.tei-c.org/ns/1.0') then ' (namespace ' || namespace-uri() || ')' else ''
      } in {($where, 'the text')[1]}; its text is printed unstyled</xsl:message>
    <span class="unhandled" data-tei="{local-name()}">
      <xsl:apply-templates mode="ed:print"/>
    </span>
  </xsl:template>

</xsl:stylesheet>
