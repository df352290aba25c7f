"""Join the parts of a print volume, typeset apart, into one PDF (pikepdf, on qpdf).

tei/typeset.py typesets each document, the front matter and the back matter
of a volume as a PDF of its own (PDF/A-2a, tagged, fonts embedded as subsets), each
starting on a right-hand page and printing no folio.  This module makes the
volume of them:

- the pages in order, a blank left-hand page after a part that ends on a
  right-hand one (so that the next starts on a right-hand page again);
- the folios: each page gets its number in the volume, stamped from a sheet
  of folios (print/folios.css) as an artifact (not text of the book);
- the outline: the bookmarks of the parts, the documents under "Documents"
  (and those of other archives under their own heading), as in the contents;
- links: a part's links to anchors in other parts (urn:tei-edition:anchor:ID,
  tei/typeset.py's) become links to where ID landed; the named destinations
  of all parts are the volume's;
- the structure tree (tagged PDF): one Document element holding each part's
  elements in order, the parent tree renumbered part by part;
- the metadata (XMP, document information, output intent, language) of the
  front matter, which names the volume; the XMP stream left uncompressed, as
  PDF/A wants;
- the fonts: the parts' subsets of one face merged into one font (tei/pdffonts.py:
  WeasyPrint keeps the font's glyph ids in a subset, so one font of all their glyphs
  serves every part); a font that cannot be merged is kept as it is, once when
  several parts have it alike (name, font file, widths, character map);
- the streams the join writes compressed, none ending in a carriage return (_write);
  the parts' own as WeasyPrint compressed them.

Nothing here lays out text: every glyph on a page was set by WeasyPrint.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf

ANCHOR_URI = "urn:tei-edition:anchor:"


@dataclass
class Bookmark:
    label: str
    page: int  # in its part, from 0
    x: float = 0.0
    y: float = 0.0
    level: int = 1


@dataclass
class JoinPart:
    """A part's PDF and what the join must know of it."""

    path: Path
    kinds: list[str]  # per page: "none" (no folio), "head" or "foot"
    bookmarks: list[Bookmark] = field(default_factory=list)
    role: str = "document"  # "front", "document" or "back"


@dataclass
class Folios:
    """Sheets of stamped folios: kind -> list of (first page number, PDF path), each sheet a run of numbers."""

    sheets: dict[str, list[tuple[int, Path]]]

    def find(self, kind: str, number: int) -> tuple[Path, int]:
        for first, path in self.sheets[kind]:
            if first <= number < first + SHEET:
                return path, number - first
        raise KeyError(f"no {kind} folio sheet for page {number}")


SHEET = 100  # folios per sheet


def sheet_firsts(pages: int) -> list[int]:
    """The first numbers of the folio sheets a volume of `pages` pages needs."""
    return list(range(1, pages + 1, SHEET))


def start_pages(parts_pages: list[int]) -> tuple[list[int], int]:
    """Where each part starts (each on an odd, right-hand page) and the volume's page count."""
    starts, page = [], 1
    for count in parts_pages:
        starts.append(page)
        page += count + (count % 2)
    return starts, page - 1


def join(parts: list[JoinPart], folios: Folios, target: Path, documents_label: str) -> int:
    """Join `parts` (the front matter first) into `target`; returns the pages of the volume."""
    out = Pdf.new()
    sources = [Pdf.open(part.path) for part in parts]
    sheets: dict[Path, Pdf] = {}
    try:
        return _join(out, parts, sources, folios, sheets, target, documents_label)
    finally:
        for pdf in [*sources, *sheets.values()]:
            pdf.close()
        out.close()


def _join(out: Pdf, parts: list[JoinPart], sources: list[Pdf], folios: Folios, sheets: dict[Path, Pdf],
          target: Path, documents_label: str) -> int:
    front = sources[0]
    document = out.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
    parent_tree: list[tuple[int, object]] = []
    key_offset = 0
    dests: dict[str, Array] = {}
    starts: list[int] = []  # volume page index (from 0) of each part's first page
    links: list[Dictionary] = []
    for part, source in zip(parts, sources):
        starts.append(len(out.pages))
        first = len(out.pages)
        for page in source.pages:
            out.pages.append(page)
        copied = out.pages[first:]
        tree = source.Root.get("/StructTreeRoot")
        next_key = 0
        kids: list = []
        nums: list[tuple[int, object]] = []
        if tree is not None:
            # The part's parent tree: page keys and annotation keys, numbered on from the parts before.
            nums = _number_tree(tree.get("/ParentTree"))
            next_key = max((key for key, _ in nums), default=-1) + 1
            top = tree.K[0] if isinstance(tree.K, Array) else tree.K  # WeasyPrint's one Document element
            kids = list(top.get("/K", Array()))
            for kid in kids:
                if isinstance(kid, Dictionary) and "/P" in kid:
                    del kid.P  # copied without its old parents (the part's whole tree); set to the volume's below
        names = source.Root.get("/Names")
        new_dests = []
        if names is not None and "/Dests" in names:
            new_dests = [(name, dest) for name, dest in pikepdf.NameTree(names.Dests).items() if name not in dests]
        # The structure elements, the parent tree's values and the named destinations copied at once (one
        # qpdf copy of all they reach, not one for each: a fifth of the join's time for 300 parts).
        bundle = list(_copy(out, source.make_indirect(Array(kids + [value for _, value in nums]
                                                            + [dest for _, dest in new_dests]))))
        for element in bundle[:len(kids)]:
            if isinstance(element, Dictionary):
                element.P = document
            document.K.append(element)
        for (key, _value), value in zip(nums, bundle[len(kids):len(kids) + len(nums)]):
            parent_tree.append((key + key_offset, value))
        for (name, _dest), dest in zip(new_dests, bundle[len(kids) + len(nums):]):
            dests.setdefault(name, dest)
        for page in copied:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + key_offset
            for annotation in page.obj.get("/Annots", Array()):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + key_offset
                action = annotation.get("/A")
                if action is not None and str(action.get("/URI", "")).startswith(ANCHOR_URI):
                    links.append(annotation)
        key_offset += next_key
        if len(source.pages) % 2 and part is not parts[-1]:  # the next part starts on a right-hand page
            out.add_blank_page(page_size=(float(source.pages[0].mediabox[2]), float(source.pages[0].mediabox[3])))

    # Folios, stamped as artifacts.
    kinds: list[str] = []
    for part, source in zip(parts, sources):
        kinds.extend(part.kinds)
        kinds.extend(["none"] * (len(source.pages) % 2 if part is not parts[-1] else 0))
    for index, (page, kind) in enumerate(zip(out.pages, kinds)):
        if kind == "none":
            continue
        path, at = folios.find(kind, index + 1)
        if path not in sheets:
            sheets[path] = Pdf.open(path)
        stamp = sheets[path].pages[at]
        _as_artifact(sheets[path], stamp)  # (each number is stamped once: only the sheets' pages used)
        _stamp(out, page, stamp)

    # Links to other parts: to where their anchor landed.
    for annotation in links:
        name = str(annotation.A.URI)[len(ANCHOR_URI):]
        if name in dests:
            annotation.A = Dictionary(Type=Name.Action, S=Name.GoTo, D=pikepdf.String(name))
    names = Dictionary()
    tree = pikepdf.NameTree.new(out)
    for name in sorted(dests):
        tree[name] = dests[name]
    names.Dests = tree.obj
    out.Root.Names = names

    # The structure tree.
    root = out.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array([document])))
    document.P = root
    nums = Array()
    for key, value in sorted(parent_tree, key=lambda item: item[0]):
        nums.append(key)
        nums.append(value)
    root.ParentTree = out.make_indirect(Dictionary(Nums=nums))
    root.ParentTreeNextKey = key_offset
    out.Root.StructTreeRoot = root
    out.Root.MarkInfo = Dictionary(Marked=True)

    # The front matter's metadata names the volume.
    for key in ("/Lang", "/ViewerPreferences", "/OutputIntents"):
        if key in front.Root:
            out.Root[key] = _copy(out, front.Root[key])
    if "/Metadata" in front.Root:
        xmp = front.Root.Metadata.read_bytes()
        out.Root.Metadata = out.make_stream(xmp, Type=Name.Metadata, Subtype=Name.XML)
    if "/Info" in front.trailer:
        out.trailer.Info = _copy(out, front.trailer.Info)

    _outline(out, parts, starts, documents_label)
    _share_fonts(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    # The streams as they are (decode level none): the parts' are compressed, the join's too (_write), and
    # the XMP must not be (qpdf leaves the catalog's metadata stream uncompressed).  qpdf compresses the
    # object streams it makes; one whose compressed data ends in a carriage return (about one in 256) is
    # still read by its /Length, as veraPDF does (the README, "Checked", says more).
    out.save(target, fix_metadata_version=False, object_stream_mode=pikepdf.ObjectStreamMode.generate,
             compress_streams=True, stream_decode_level=pikepdf.StreamDecodeLevel.none, deterministic_id=True)
    return len(out.pages)


def _copy(out: Pdf, obj: object) -> object:
    """`obj` of another PDF in `out` (qpdf copies indirect objects; direct arrays and dictionaries hold them)."""
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        return out.copy_foreign(obj)
    if isinstance(obj, Array):
        return Array([_copy(out, item) for item in obj])
    if isinstance(obj, Dictionary):
        return Dictionary({key: _copy(out, value) for key, value in obj.items()})
    return obj


def _number_tree(node: Dictionary | None) -> list[tuple[int, object]]:
    """The (key, value) pairs of a number tree (its leaves' /Nums, through /Kids)."""
    if node is None:
        return []
    found: list[tuple[int, object]] = []
    if "/Nums" in node:
        nums = node.Nums
        found.extend((int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2))
    for kid in node.get("/Kids", Array()):
        found.extend(_number_tree(kid))
    return found


def _stamp(out: Pdf, page: pikepdf.Page, stamp: pikepdf.Page) -> None:
    """`stamp` drawn over `page`, as pikepdf's add_overlay draws it, but with the page's own content streams
    left as WeasyPrint compressed them: add_overlay joins them into one uncompressed stream, which had to be
    compressed again (a third of the join's time for a volume of 900 pages)."""
    form = stamp.as_form_xobject()
    name = page.add_resource(form, Name.XObject)
    placed = page.calc_form_xobject_placement(form, name, pikepdf.Rectangle(page.trimbox), allow_shrink=True,
                                              allow_expand=True)
    for data, prepend in ((b"q\n", True), (b"Q\n" + placed + b"\n", False)):
        stream = out.make_stream(b"")
        _write(stream, data, b"\n")
        page.contents_add(stream, prepend=prepend)


def _as_artifact(pdf: Pdf, page: pikepdf.Page) -> None:
    """A folio stamp's content as one artifact: its marked content (WeasyPrint's, which no element owns) unmarked."""
    ops = [op for op in pikepdf.parse_content_stream(page) if str(op.operator) not in ("BDC", "BMC", "EMC")]
    body = pikepdf.unparse_content_stream(ops)
    page.obj.Contents = pdf.make_stream(b"")
    _write(page.obj.Contents, b"/Artifact BMC\n" + body + b"\nEMC\n", b"\n")


def _outline(out: Pdf, parts: list[JoinPart], starts: list[int], documents_label: str) -> None:
    """The bookmarks: the parts' own, the documents (level 2) nested under a heading as in the contents:
    "Documents", or the heading a document part opens (other archives' documents)."""
    with out.open_outline() as outline:
        outline.root.clear()
        parent: pikepdf.OutlineItem | None = None
        for part, start in zip(parts, starts):
            for mark in part.bookmarks:
                item = pikepdf.OutlineItem(mark.label, start + mark.page)
                if mark.level == 1:
                    outline.root.append(item)
                    parent = item if part.role == "document" else None
                    continue
                if parent is None:
                    parent = pikepdf.OutlineItem(documents_label, start + mark.page)
                    outline.root.append(parent)
                parent.children.append(item)


def _share_fonts(out: Pdf) -> None:
    """One font per face (tei/pdffonts.py), and one copy of each other font dictionary that several parts
    have alike (name, font file, widths, character map)."""
    from tei import pdffonts

    holders: list[Dictionary] = []  # the /Font dictionaries of the pages' and their forms' resources
    seen: set[tuple[int, int]] = set()
    for page in out.pages:
        for resources in _resources(page.obj.get("/Resources")):
            fonts = resources.get("/Font")
            if fonts is not None and (not fonts.is_indirect or fonts.objgen not in seen):
                if fonts.is_indirect:
                    seen.add(fonts.objgen)
                holders.append(fonts)
    uses: dict[tuple[int, int], pdffonts.FontUse] = {}
    others: dict[tuple[int, int], Dictionary] = {}
    for fonts in holders:
        for _name, font in fonts.items():
            if not font.is_indirect or font.objgen in uses or font.objgen in others:
                continue  # (WeasyPrint's fonts are indirect objects: one is known by its object id)
            try:
                uses[font.objgen] = pdffonts.read_font(font)
            except pdffonts.NotMergeable:
                others[font.objgen] = font
    replaced = pdffonts.merge_fonts(out, list(uses.values()), _write)
    canonical: dict[str, Dictionary] = {}
    for objgen, font in list(uses.items()) + list(others.items()):
        if objgen in replaced:
            continue
        font = font.font if isinstance(font, pdffonts.FontUse) else font
        signature = _signature(font)
        if signature not in canonical:
            _clean_to_unicode(font)
            _compress_font_files(font)
            canonical[signature] = font
        replaced[objgen] = canonical[signature]
    for fonts in holders:
        for name, font in list(fonts.items()):
            if font.is_indirect and font.objgen in replaced and replaced[font.objgen].objgen != font.objgen:
                fonts[name] = replaced[font.objgen]


def _compress_font_files(font: Dictionary) -> None:
    for descendant in font.get("/DescendantFonts", Array([font])):
        descriptor = descendant.get("/FontDescriptor")
        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
            if descriptor is not None and key in descriptor and "/Filter" not in descriptor[key]:
                _write(descriptor[key], descriptor[key].read_bytes())


def _signature(font: Dictionary) -> str:
    """What makes two font dictionaries the same font: name, font file, widths, character map."""
    h = hashlib.sha256(str(font.get("/BaseFont")).encode())
    for descendant in font.get("/DescendantFonts", Array([font])):
        h.update(repr(descendant.get("/W")).encode())
        descriptor = descendant.get("/FontDescriptor")
        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
            if descriptor is not None and key in descriptor:
                h.update(descriptor[key].read_raw_bytes())
    if "/ToUnicode" in font:
        h.update(font.ToUnicode.read_raw_bytes())
    return h.hexdigest()


def _write(stream: pikepdf.Stream, data: bytes, pad: bytes = b"") -> None:
    """New stream data, compressed.  A content stream or a character map whose compressed bytes would end
    in a carriage return (zlib's last byte is its checksum's: one in 256) is given `pad` at its end, a line
    break: a validator may take that carriage return for part of the end of line before "endstream", and
    count the stream a byte short (the page validator does; veraPDF reads the stream by its /Length)."""
    packed = zlib.compress(data, 9)
    if pad and packed.endswith(b"\r"):
        packed = zlib.compress(data + pad, 9)
    stream.write(packed, filter=Name.FlateDecode)


_BFCHAR = re.compile(rb"(\d+) beginbfchar\s(.*?)endbfchar", re.S)
_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_NOT_TEXT = {b"0000", b"feff", b"fffe"}


def _clean_to_unicode(font: Dictionary) -> None:
    """Drop the glyphs a whole font's ToUnicode map gives no character (U+0000): PDF/A forbids such values.

    WeasyPrint maps every glyph of a font embedded whole, those without a character (.notdef,
    alternates) to U+0000; no text uses them.
    """
    stream = font.get("/ToUnicode")
    if stream is None:
        return
    data = stream.read_bytes()

    def keep(block: re.Match) -> bytes:
        pairs = [pair for pair in _PAIR.findall(block.group(2)) if pair[1].lower() not in _NOT_TEXT]
        body = b"".join(b"<%s> <%s>\n" % pair for pair in pairs)
        return b"%d beginbfchar\n%sendbfchar" % (len(pairs), body)

    cleaned = _BFCHAR.sub(keep, data)
    if cleaned != data:
        _write(stream, cleaned, b"\n")


def _resources(resources: Dictionary | None, depth: int = 0) -> list[Dictionary]:
    """A resource dictionary and those of the form XObjects in it (the folio stamps)."""
    if resources is None or depth > 3:
        return []
    found = [resources]
    for xobject in resources.get("/XObject", Dictionary()).values():
        if xobject.get("/Subtype") == Name.Form:
            found.extend(_resources(xobject.get("/Resources"), depth + 1))
    return found
