<?xml version="1.0" encoding="UTF-8"?>
<!--
  entities.xsl: the persons, places and organisations a document names, as the
  HTML and the print indexes both need to know them.  Included by core.xsl;
  functions only, like it.

  A name of the text points at an entry of the edition's authority file
  (corpus/authority.xml) by @ref="auth:ID", the prefix declared by the
  document's prefixDef (docs/entities.md).  What is here: which names of a
  document are such mentions, the entry each names, an id for each mention
  that is the same in every stylesheet (the HTML page gives the name that id,
  the entity page and the indexes link to it), the words around it, and an
  entry's names per language and sort key.  Then, for the print indexes: the
  authority file itself ($ed:authority), every mention of an entry in a
  document with its print anchor, an entry's index heading, key and years.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:tei-edition:xslt"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- A document's prefix declarations, by prefix (an index: not a search of the document per name). -->
  <xsl:key name="ed:prefix-def" match="tei:prefixDef" use="@ident"/>

  <!-- The entry id a pointer names, when it is auth:ID and the document declares the auth prefix. -->
  <xsl:function name="ed:entity-id" as="xs:string?">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="ref" as="xs:string" select="normalize-space($name/@ref)"/>
    <xsl:sequence select="
        if (matches($ref, '^auth:[a-z][a-z0-9-]*$')
            and root($name) instance of document-node()
            and exists(key('ed:prefix-def', 'auth', root($name))))
        then substring-after($ref, 'auth:') else ()"/>
  </xsl:function>

  <!-- The kind of entry a name element names: person, place, org. -->
  <xsl:function name="ed:entity-kind" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="
        if ($element/self::tei:persName or $element/self::tei:person) then 'person'
        else if ($element/self::tei:placeName or $element/self::tei:place) then 'place'
        else if ($element/self::tei:orgName or $element/self::tei:org) then 'org' else ()"/>
  </xsl:function>

  <!-- The names of a document's texts that point at an entry, in document order. -->
  <xsl:function name="ed:mentions" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:text//(tei:persName | tei:placeName | tei:orgName)[exists(ed:entity-id(.))]"/>
  </xsl:function>

  <!-- Every entry a document points at (its texts and its header: correspondents, authors), sorted, once each. -->
  <xsl:function name="ed:entity-refs" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="sort(distinct-values(
        $tei//(tei:persName | tei:placeName | tei:orgName | tei:author)[@ref] ! ed:entity-id(.)))"/>
  </xsl:function>

  <!-- A mention's id, unique in its document and the same in every stylesheet: the id of the
       nearest element with one, and the mention's number among the mentions within it
       ("wcda-119575.ru.p3.n2"). -->
  <xsl:function name="ed:mention-id" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="holder" as="element()?" select="$name/ancestor::*[@xml:id][1]"/>
    <xsl:variable name="before" as="xs:integer"
        select="count(($holder, root($name))[1]//(tei:persName | tei:placeName | tei:orgName)[@ref][. &lt;&lt; $name]
                      [exists(ed:entity-id(.))])"/>
    <xsl:sequence select="string-join(($holder/@xml:id, 'n' || $before + 1), '.')"/>
  </xsl:function>

  <!-- The words around a mention, in its unit (the nearest element with an id), notes not
       containing it left out: (before, the name, after), each at most $width characters, cut
       at a space. -->
  <xsl:function name="ed:mention-context" as="xs:string*">
    <xsl:param name="name" as="element()"/>
    <xsl:param name="width" as="xs:integer"/>
    <xsl:variable name="unit" as="element()" select="($name/ancestor::*[@xml:id][1], $name/ancestor::tei:div[last()])[1]"/>
    <xsl:variable name="notes" as="element(tei:note)*" select="$unit//tei:note except $name/ancestor::tei:note"/>
    <xsl:variable name="texts" as="text()*" select="$unit//text() except $notes//text()"/>
    <xsl:variable name="before-text" as="xs:string" select="string-join($texts[. &lt;&lt; $name], '')"/>
    <xsl:variable name="after-text" as="xs:string" select="string-join(($texts[. >> $name] except $name//text()), '')"/>
    <xsl:variable name="before" as="xs:string" select="normalize-space($before-text)"/>
    <xsl:variable name="after" as="xs:string" select="normalize-space($after-text)"/>
    <!-- The space between the name and its neighbours, where the text has one ("Molotov, Gromyko"). -->
    <xsl:sequence select="(
        (if (string-length($before) le $width) then $before
         else '… ' || replace(substring($before, string-length($before) - $width + 1), '^\S*\s+', ''))
        || (if ($before != '' and matches($before-text, '\s$')) then ' ' else ''),
        normalize-space($name),
        (if ($after != '' and matches($after-text, '^\s')) then ' ' else '')
        || (if (string-length($after) le $width) then $after
            else replace(substring($after, 1, $width), '\s+\S*$', '') || ' …'))"/>
  </xsl:function>

  <!-- An entry's main name in a language (else its first name in it), or "". -->
  <xsl:function name="ed:entity-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="names" as="element()*" select="$entry/*[ends-with(local-name(), 'Name')][@xml:lang = $lang]"/>
    <xsl:sequence select="normalize-space(($names[@type = 'main'], $names)[1])"/>
  </xsl:function>

  <!-- An entry's sort key in a language: for a person, the one-word form of the name that ends
       their main name (the surname: "Molotov" of "Vyacheslav Molotov") before it, so that
       persons sort by surname; the main name for anything else, and for a person with no
       such form (Kim Il Sung, sorted under K). -->
  <xsl:function name="ed:entity-sort-key" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="main" as="xs:string" select="ed:entity-name($entry, $lang)"/>
    <xsl:variable name="surname" as="xs:string?" select="
        if ($entry/self::tei:person)
        then ($entry/tei:persName[@xml:lang = $lang][@type = 'variant']/normalize-space()
              [matches(., '^\w[\w-]*$')][ends-with($main, ' ' || .)])[1]
        else ()"/>
    <xsl:sequence select="lower-case(string-join(($surname, $main), ' '))"/>
  </xsl:function>

  <!-- ===== The authority file's entries, and every mention of each, as the print indexes need them ===== -->

  <!--
    The documents point at the entries of the edition's authority file
    (corpus/authority.xml, tei/authority.py) as @ref="auth:ID", declared by
    a prefixDef "auth" in their header.  The authority file comes in as
    $ed:authority (tei/typeset.py passes it, parsed): without it, the
    mentions are still found, but have no names to show but their ids.
    What a document mentions, and the names, sort keys and dates of an
    entry, are here; how an index or an entity page looks is the HTML's or
    the print's own.
  -->
  <xsl:param name="ed:authority" as="document-node()?" select="()"/>
  <xsl:key name="ed:entry" match="tei:person | tei:place | tei:org" use="@xml:id"/>

  <!-- The entry with id `id` in the authority file, if it has one. -->
  <xsl:function name="ed:entry" as="element()?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="$ed:authority ! key('ed:entry', $id, .)[1]"/>
  </xsl:function>

  <!-- The entries a name points at (auth:ID in its @ref, a list), as ids; none in a document that does not
       declare the prefix auth (another archive's TEI, whose pointers lead to its own registers). -->
  <xsl:function name="ed:entries-named" as="xs:string*">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="if (empty(root($name)/tei:TEI/tei:teiHeader/tei:encodingDesc/tei:listPrefixDef/tei:prefixDef[@ident = 'auth']))
        then () else tokenize($name/@ref)[starts-with(., 'auth:')] ! substring-after(., 'auth:')[. != '']"/>
  </xsl:function>

  <!-- The names of a document's text that point into the authority file, in document order. -->
  <xsl:function name="ed:entity-mentions" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:text//(tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs)
        [exists(ed:entries-named(.))]"/>
  </xsl:function>

  <!-- The entries a document's head names: its correspondents and places (correspDesc) and its authors. -->
  <xsl:function name="ed:entity-heads" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="distinct-values(($tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author,
        $tei/tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction/*) ! ed:entries-named(.))"/>
  </xsl:function>

  <!-- The id of a mention's anchor: the document's id and the mention's number among the pointers into
       the authority file (the same whichever documents are transformed with it). -->
  <xsl:function name="ed:mention-anchor" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="tei" as="element(tei:TEI)" select="root($name)/tei:TEI"/>
    <xsl:sequence select="'ent-' || ed:doc-id($tei) || '-' || ed:pointer-numbers($tei)(generate-id($name))"/>
  </xsl:function>

  <!-- generate-id() of each element of the text with an auth: pointer -> its number in document order;
       made once per document (cache), not counted again for each name. -->
  <xsl:function name="ed:pointer-numbers" as="map(xs:string, xs:integer)" cache="yes">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="pointers" as="element()*"
        select="$tei/tei:text//*[@ref][some $r in tokenize(@ref) satisfies starts-with($r, 'auth:')]"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($pointers) return map:entry(generate-id($pointers[$i]), $i))"/>
  </xsl:function>

  <!-- The id of the anchor for an entry the document's head names. -->
  <xsl:function name="ed:head-anchor" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="'ent-' || ed:doc-id($tei) || '-head-' || $id"/>
  </xsl:function>

  <!-- Every mention of an entry in a document, as <ed:mention entry="ID" kind="person|place|org"
       anchor="ANCHOR" document="DOCUMENT-ID"/>: the head's first, then the text's; its kind is the entry's, else the name's. -->
  <xsl:function name="ed:entity-occurrences" as="element(ed:mention)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:for-each select="ed:entity-heads($tei)">
      <ed:mention entry="{.}" kind="{ed:entity-kind(., ())}" anchor="{ed:head-anchor($tei, .)}" document="{ed:doc-id($tei)}"/>
    </xsl:for-each>
    <xsl:for-each select="ed:entity-mentions($tei)">
      <xsl:variable name="name" as="element()" select="."/>
      <xsl:for-each select="ed:entries-named($name)">
        <ed:mention entry="{.}" kind="{ed:entity-kind(., $name)}" anchor="{ed:mention-anchor($name)}"
            document="{ed:doc-id($tei)}"/>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:function>

  <!-- person, place or org: the entry's kind; for an id the file lacks, the kind of the name pointing at it. -->
  <xsl:function name="ed:entity-kind" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="name" as="element()?"/>
    <xsl:sequence select="(ed:entry($id)/local-name(),
        $name/(if (self::tei:placeName) then 'place' else if (self::tei:orgName) then 'org' else 'person'),
        'person')[1]"/>
  </xsl:function>

  <!-- An entry's name as an index lists it.  A person whose surname the sources use alone (the main name's
       last word is one of the entry's forms in that language: "Molotov" of "Vyacheslav Molotov") is listed
       under it: "Molotov, Vyacheslav"; Russian without the comma, as Russian indexes set it: "Молотов
       Вячеслав Михайлович".  Other names as they stand: Chinese and Korean names put the family name first
       (Kim Il Sung, Mao Zedong), places and organisations are not inverted. -->
  <xsl:function name="ed:entity-index-name" as="xs:string?">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="name" as="xs:string?" select="ed:entity-name($entry, $lang)[. != '']"/>
    <xsl:variable name="words" as="xs:string*" select="tokenize($name)"/>
    <xsl:variable name="forms" as="xs:string*" select="$entry/tei:persName[@xml:lang = $lang]/normalize-space()"/>
    <xsl:sequence select="if ($entry/self::tei:person and count($words) gt 1 and $words[last()] = $forms)
        then $words[last()] || (if (starts-with($lang, 'ru')) then ' ' else ', ') || string-join($words[position() lt last()], ' ')
        else $name"/>
  </xsl:function>

  <!-- The key an index sorts an entry by: its index name in `lang` (else its id), in lower case. -->
  <xsl:function name="ed:entity-index-key" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:sequence select="lower-case((ed:entry($id) ! ed:entity-index-name(., $lang), $id)[1])"/>
  </xsl:function>

  <!-- A person's years: "1890–1986", "b. 1912" (i18n), "" when the entry has neither. -->
  <xsl:function name="ed:entity-years" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="born" as="xs:string?" select="$entry/tei:birth/@when[matches(., '^\d{4}')] ! substring(., 1, 4)"/>
    <xsl:variable name="died" as="xs:string?" select="$entry/tei:death/@when[matches(., '^\d{4}')] ! substring(., 1, 4)"/>
    <xsl:sequence select="if (exists($born) and exists($died)) then $born || '–' || $died
        else if (exists($born)) then ed:i18n('entity-born-year', $born)
        else if (exists($died)) then ed:i18n('entity-died-year', $died)
        else ''"/>
  </xsl:function>

</xsl:stylesheet>
