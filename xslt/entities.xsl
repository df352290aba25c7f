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
  entry's names per language and sort key.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:tei-edition:xslt"
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

</xsl:stylesheet>
