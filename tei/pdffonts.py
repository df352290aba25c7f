"""One font per face in a joined volume: the parts' subsets of a face merged into one (fontTools).

Each part of a volume (tei/typeset.py) embeds, for each face it sets text in, a subset
of that face: the glyphs the part uses, at the glyph ids they have in the whole font
(WeasyPrint subsets with HarfBuzz's RETAIN_GIDS, so that a page shows glyph ids of the
whole font).  The subsets of one face in different parts therefore agree on every glyph
id they share, and a font made of all their glyphs serves every part: tei/pdfjoin.py
puts the one font in place of the parts' many (for the seeds' volume, 23 subsets of
PT Serif's three faces became three fonts).

A font is merged only when nothing can change by it:

- it is a TrueType CID font as WeasyPrint writes one (Type0 over CIDFontType2, FontFile2,
  Identity-H encoding and CIDToGIDMap, no CIDSet, a ToUnicode map of single glyphs);
  anything else is kept as it is;
- the subsets come from one font file: the same font name from WeasyPrint (its tag is a
  hash of the font description: family, weight, style, stretch, variations), the same
  PostScript name, head.fontRevision, version string, units per em, and creation and
  modification dates; and a glyph id two subsets both have has the same outline and
  advance in both (checked when a subset brings glyphs; a subset that disagrees is kept
  apart);
- the font dictionaries (widths /W, text of each glyph /ToUnicode) of one face are made as
  few as can be: two go together when no glyph has different widths or text in them.  A
  glyph WeasyPrint set for two texts (one glyph for a space and a no-break space, or for
  Latin and Cyrillic "a") maps to the text of the first use in each part; a part whose
  map differs keeps a dictionary of its own (over the same merged font).

Each merged font gets a subset tag of its own (six capitals from a hash of its glyphs), as
ISO 32000 asks of different subsets: the parts' subsets of a face all had WeasyPrint's one.
"""

from __future__ import annotations

import hashlib
import io
import re
import string
import struct
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name

# What WeasyPrint writes before the bfchar blocks of a ToUnicode map (weasyprint/pdf/fonts.py).
_CMAP_HEAD = (b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n"
              b"<< /Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n"
              b"/CMapType 2 def\n1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n")
_CMAP_TAIL = b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>")
_NUMBER_OR_BRACKET = re.compile(rb"\[|\]|-?\d*\.?\d+")
_TAG = re.compile(r"^[A-Z]{6}\+")
_FIXED_PITCH = 1  # font descriptor flag bit 1: may differ between subsets of one face (WeasyPrint sets it
# when every glyph a part used has one width)


class NotMergeable(Exception):
    """A font (or a subset of its face) that is kept as it is."""


@dataclass
class FontUse:
    """A Type0 font dictionary of the volume, read: what it is and what its glyphs are."""

    font: Dictionary
    face: tuple  # what must be equal for two dictionaries to be of one face, from one font file
    widths: dict[int, float]
    texts: dict[int, bytes]  # glyph id -> UTF-16BE, as hex digits
    program: pikepdf.Stream


@dataclass
class _Cluster:
    """Font dictionaries of one face that agree on every glyph's width and text: they become one."""

    widths: dict[int, float] = field(default_factory=dict)
    texts: dict[int, bytes] = field(default_factory=dict)
    members: list[FontUse] = field(default_factory=list)

    def agrees(self, use: FontUse) -> bool:
        return (all(self.widths.get(gid, width) == width for gid, width in use.widths.items())
                and all(self.texts.get(gid, text) == text for gid, text in use.texts.items()))

    def add(self, use: FontUse) -> None:
        self.widths.update(use.widths)
        self.texts.update(use.texts)
        self.members.append(use)


def read_font(font: Dictionary) -> FontUse:
    """A Type0 font dictionary as WeasyPrint writes one, read; NotMergeable when it is anything else."""
    try:
        if font.get("/Subtype") != Name.Type0 or font.get("/Encoding") != Name("/Identity-H"):
            raise NotMergeable("not a Type0 font with Identity-H")
        (cid,) = font.DescendantFonts
        descriptor = cid.FontDescriptor
        if (cid.get("/Subtype") != Name.CIDFontType2 or cid.get("/CIDToGIDMap") != Name.Identity
                or "/FontFile2" not in descriptor or "/CIDSet" in descriptor or "/W2" in cid):
            raise NotMergeable("not a TrueType CID font with an identity map")
        program = descriptor.FontFile2
        base = str(font.BaseFont)[1:]  # a Name: /ABCDEF+PT-Serif
        if not _TAG.match(base):
            raise NotMergeable("not a subset")
        texts = _read_to_unicode(font.ToUnicode.read_bytes())
        widths = _read_widths(bytes(cid.get("/W", Array()).unparse()))
        face = (base, program_identity(program.read_bytes()), str(cid.get("/DW", 1000)),
                bytes(cid.CIDSystemInfo.unparse()), str(descriptor.get("/FontFamily", "")),
                str(descriptor.get("/ItalicAngle", 0)), str(descriptor.get("/StemV", 0)),
                int(descriptor.get("/Flags", 0)) & ~_FIXED_PITCH)
    except (AttributeError, KeyError, TypeError, ValueError, pikepdf.PdfError) as exc:
        raise NotMergeable(str(exc)) from None
    return FontUse(font, face, widths, texts, program)


def program_identity(data: bytes) -> tuple:
    """What names a font file's version: head.fontRevision, units per em, creation and modification dates,
    and the name table (PostScript name, version string: HarfBuzz subsets it alike from one file).

    Read from the table directory with struct, not fontTools: this is asked of every font of every part at
    each join (980 fonts for 300 documents), and fontTools' TTFont took 5 ms a font to open, most of the
    join's time for one edited document."""
    try:
        (tables,) = struct.unpack_from(">H", data, 4)
        directory = {}
        for index in range(tables):
            tag, _checksum, offset, length = struct.unpack_from(">4sLLL", data, 12 + 16 * index)
            directory[tag] = (offset, length)
        head_at, _ = directory[b"head"]
        revision, units, created, modified = struct.unpack_from(">4x i 10x H q q", data, head_at)
        name_at, name_length = directory[b"name"]
        name = data[name_at:name_at + name_length]
        if len(name) != name_length:
            raise ValueError("the name table runs past the end of the font")
    except (KeyError, struct.error, ValueError) as exc:
        raise NotMergeable(f"font program: {exc}") from None
    return revision, units, created, modified, hashlib.sha256(name).hexdigest()


def _read_to_unicode(data: bytes) -> dict[int, bytes]:
    if b"beginbfrange" in data:
        raise NotMergeable("a ToUnicode map with ranges")
    texts: dict[int, bytes] = {}
    for block in _BFCHAR.findall(data):
        for gid, text in _PAIR.findall(block):
            texts[int(gid, 16)] = text.lower()
    return texts


def _read_widths(data: bytes) -> dict[int, float]:
    """A CID font's /W array ([c [w1 w2 ...]] and [c_first c_last w]) as glyph id -> width."""
    tokens = _NUMBER_OR_BRACKET.findall(data)
    if not tokens or tokens[0] != b"[" or tokens[-1] != b"]":
        raise NotMergeable("a /W that is not an array")
    widths: dict[int, float] = {}
    i, end = 1, len(tokens) - 1
    while i < end:
        first = int(tokens[i])
        if tokens[i + 1] == b"[":
            j = i + 2
            while tokens[j] != b"]":
                widths[first + j - i - 2] = float(tokens[j])
                j += 1
            i = j + 1
        else:
            last, width = int(tokens[i + 1]), float(tokens[i + 2])
            for gid in range(first, last + 1):
                widths[gid] = width
            i += 3
    return widths


class MergedProgram:
    """A TrueType font made of the glyphs of the subsets of one font file, each at its glyph id in the font.

    WeasyPrint subsets twice (weasyprint/pdf/fonts.py): with the glyph ids retained, then the
    glyphs up to the last one used (0 ... L) kept as they are and the components of composite
    glyphs that stood after L moved to the ids after it.  So a subset's glyphs up to L are the
    font's, and those after it are not: a composite glyph that uses one is taken decomposed (its
    outline drawn as one simple glyph), and the moved glyph is not taken.
    """

    def __init__(self) -> None:
        self.font = None  # fontTools TTFont: the first subset, other subsets' glyphs added to it
        self.count = 0  # glyph ids in it
        self.present: set[int] = set()  # glyph ids it has a glyph for (outline and advance)

    @staticmethod
    def _names(count: int) -> list[str]:
        # By glyph id: a subset without glyph names (post format 3) is named from its own cmap by fontTools,
        # so that the same glyph could have another name in each subset.
        return [".notdef"] + [f"glyph{gid:05d}" for gid in range(1, count)]

    def add(self, data: bytes, used: set[int]) -> None:
        """Take the glyphs `used` (and their components) from the subset `data`; NotMergeable if it disagrees
        with the glyphs already taken (it is then left as it was)."""
        from fontTools.ttLib import TTFont, TTLibError

        if self.font is not None and used <= self.present:
            return
        try:
            font = TTFont(io.BytesIO(data))
            count = font["maxp"].numGlyphs
            font.setGlyphOrder(self._names(count))
            taken = _glyphs_to_take(font, {gid for gid in used | {0} if gid < count})
            if self.font is None:
                self._start(font, count, taken)
                return
            base_glyf, base_hmtx = self.font["glyf"], self.font["hmtx"]
            for gid in taken.keys() & self.present:  # the same glyph in both: the same font file, or not merged
                glyph, metrics = taken[gid]
                name = base_glyf.getGlyphName(gid)
                if metrics != base_hmtx.metrics[name] or not _same_glyph(glyph, font["glyf"], base_glyf.glyphs[name],
                                                                         base_glyf):
                    raise NotMergeable(f"glyph {gid} differs from the same glyph of another subset")
        except (TTLibError, KeyError, IndexError, struct.error, ValueError, AttributeError) as exc:
            raise NotMergeable(f"font program: {exc}") from None
        if count > self.count:
            from fontTools.ttLib.tables._g_l_y_f import Glyph

            names = self._names(count)
            for name in names[self.count:]:
                base_glyf.glyphs[name] = Glyph()
                base_hmtx.metrics[name] = (0, 0)
            self.font.setGlyphOrder(names)
            base_glyf.glyphOrder = names
            self.count = count
        for gid in taken.keys() - self.present:
            name = base_glyf.getGlyphName(gid)
            base_glyf.glyphs[name], base_hmtx.metrics[name] = taken[gid]
        self.present |= taken.keys()
        self._add_cmap(font, taken)

    def _start(self, font, count: int, taken: dict) -> None:
        """The first subset is the font to add to: its glyphs not taken emptied."""
        from fontTools.ttLib.tables._g_l_y_f import Glyph

        for tag in ("head", "hhea", "maxp", "OS/2", "post", "cmap", "loca"):
            if tag in font:
                font[tag]  # decompiled, so that saving recomputes it
        if "post" in font:
            font["post"].formatType = 3.0  # glyph names are by id here, not the font's
        for tag in ("hdmx", "LTSH", "VDMX", "vmtx", "vhea"):  # glyph data not merged (WeasyPrint drops most)
            if tag in font:
                del font[tag]
        glyf, hmtx = font["glyf"], font["hmtx"]
        for gid, name in enumerate(font.getGlyphOrder()):
            glyf.glyphs[name], hmtx.metrics[name] = taken.get(gid, (Glyph(), (0, 0)))
        self.font, self.count, self.present = font, count, set(taken)
        self._add_cmap(font, taken)

    def _add_cmap(self, font, taken: dict) -> None:
        """The characters the subset maps to the glyphs taken from it (a PDF shows glyph ids, but a font says
        what it has; not a moved glyph's, whose id is another glyph's in the font)."""
        if "cmap" not in font or "cmap" not in self.font:
            return
        for table in font["cmap"].tables:
            mine = self.font["cmap"].getcmap(table.platformID, table.platEncID)
            if mine is None or mine.format != table.format or not hasattr(table, "cmap"):
                continue
            mapped = {code: name for code, name in table.cmap.items() if font.getGlyphID(name) in taken}
            if mine is table:
                mine.cmap = mapped
            else:
                for code, name in mapped.items():
                    mine.cmap.setdefault(code, name)

    def data(self) -> bytes:
        out = io.BytesIO()
        self.font.save(out)
        return out.getvalue()


def _glyphs_to_take(font, used: set[int]) -> dict[int, tuple]:
    """Glyph id -> (glyph, advance and left side bearing) of the glyphs `used` and their components, those
    that stand at their id in the font (up to the last used: MergedProgram's docstring), a composite glyph
    using a moved one decomposed."""
    glyf, hmtx = font["glyf"], font["hmtx"]
    last = max(used)
    moved: dict[int, bool] = {}

    def uses_moved(gid: int) -> bool:
        if gid not in moved:
            moved[gid] = False  # a cycle (a broken font) ends here
            components = [glyf.getGlyphID(name) for name in glyf.glyphs[glyf.getGlyphName(gid)].getComponentNames(glyf)]
            moved[gid] = any(c > last or uses_moved(c) for c in components)
        return moved[gid]

    taken: dict[int, tuple] = {}
    todo = sorted(used)
    while todo:
        gid = todo.pop()
        if gid in taken or gid > last:
            continue
        name = glyf.getGlyphName(gid)
        glyph = glyf.glyphs[name]
        if uses_moved(gid):
            glyph = _decomposed(font, name)
        else:
            todo.extend(glyf.getGlyphID(component) for component in glyph.getComponentNames(glyf))
        taken[gid] = (glyph, hmtx.metrics[name])
    return taken


def _decomposed(font, name: str):
    """A composite glyph drawn as one simple glyph (its components' outlines placed as it places them)."""
    from fontTools.pens.recordingPen import DecomposingRecordingPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    glyphs = font.getGlyphSet()
    recording = DecomposingRecordingPen(glyphs)
    glyphs[name].draw(recording)
    pen = TTGlyphPen(None)
    recording.replay(pen)
    return pen.glyph()


def _same_glyph(glyph, glyf, other, other_glyf) -> bool:
    """Whether two glyphs draw the same: the same bytes (a zero padding byte aside), or else the same outline."""
    data, other_data = getattr(glyph, "data", None), getattr(other, "data", None)
    if data is not None and other_data is not None and data.rstrip(b"\0") == other_data.rstrip(b"\0"):
        return True
    return _outline(glyph, glyf) == _outline(other, other_glyf)


def _outline(glyph, glyf) -> tuple:
    """What a glyph draws: its points (components placed), contour ends and on-curve flags."""
    glyph.expand(glyf)
    coordinates, ends, flags = glyph.getCoordinates(glyf)
    return list(coordinates), list(ends), [flag & 1 for flag in flags]


def merge_fonts(out: pikepdf.Pdf, uses: list[FontUse], write) -> dict[tuple[int, int], Dictionary]:
    """One font program per face, as few font dictionaries as agree (see the module's docstring).

    `uses` are the volume's mergeable fonts (read_font); `write(stream, data[, pad])` writes a stream's
    data compressed (tei/pdfjoin.py's _write).  Returns the replacement of each font dictionary (by its object id); a font
    whose subset disagrees with its face's is not in it (kept as it is).
    """
    faces: dict[tuple, list[FontUse]] = {}
    for use in uses:
        faces.setdefault(use.face, []).append(use)
    replaced: dict[tuple[int, int], Dictionary] = {}
    for face_uses in faces.values():
        program = MergedProgram()
        merged: list[FontUse] = []
        for use in face_uses:
            used = set(use.widths) | set(use.texts)
            if program.font is None or not used <= program.present:  # else it brings no glyph: not read
                try:
                    program.add(use.program.read_bytes(), used)
                except NotMergeable:
                    continue
            merged.append(use)
        if len(merged) < 2:
            continue  # nothing to merge with
        try:
            data = program.data()
        except Exception:  # noqa: BLE001 - fontTools' errors have no common base: a font it cannot write stays apart
            continue
        clusters: list[_Cluster] = []
        for use in merged:
            cluster = next((c for c in clusters if c.agrees(use)), None)
            if cluster is None:
                cluster = _Cluster()
                clusters.append(cluster)
            cluster.add(use)
        stream = out.make_stream(b"")
        write(stream, data)
        stream.Length1 = len(data)
        for index, cluster in enumerate(clusters):
            font = _font_dictionary(out, cluster, stream, index, write)
            for use in cluster.members:
                replaced[use.font.objgen] = font
    return replaced


def _tag(*parts: object) -> str:
    digest = hashlib.sha256(repr(parts).encode()).digest()
    return "".join(string.ascii_uppercase[byte % 26] for byte in digest[:6])


def _font_dictionary(out: pikepdf.Pdf, cluster: _Cluster, program: pikepdf.Stream, index: int,
                     write) -> Dictionary:
    """The Type0 font of a cluster: the first member's, with the merged program, widths and text."""
    first = cluster.members[0].font
    first_cid = first.DescendantFonts[0]
    first_descriptor = first_cid.FontDescriptor
    base = _TAG.sub("", str(first.BaseFont)[1:])
    name = Name("/" + _tag(base, index, sorted(cluster.widths), sorted(cluster.texts)) + "+" + base)
    descriptors = [use.font.DescendantFonts[0].FontDescriptor for use in cluster.members]
    boxes = [[float(x) for x in d.FontBBox] for d in descriptors if "/FontBBox" in d]
    descriptor = Dictionary({key: value for key, value in first_descriptor.items()
                             if key not in ("/FontFile2", "/FontName")})
    descriptor.FontName = name
    descriptor.FontFile2 = program
    if boxes:
        descriptor.FontBBox = Array([min(b[0] for b in boxes), min(b[1] for b in boxes),
                                     max(b[2] for b in boxes), max(b[3] for b in boxes)])
    flags = {int(d.get("/Flags", 0)) for d in descriptors}
    descriptor.Flags = min(flags) if len(flags) == 1 else min(flags) & ~_FIXED_PITCH
    for key, pick in (("/Ascent", max), ("/Descent", min), ("/CapHeight", max)):
        values = [float(d[key]) for d in descriptors if key in d]
        if values:
            descriptor[key] = pick(values)
    cid = Dictionary({key: value for key, value in first_cid.items()
                      if key not in ("/W", "/FontDescriptor", "/BaseFont")})
    cid.BaseFont = name
    cid.FontDescriptor = out.make_indirect(descriptor)
    cid.W = _widths_array(cluster.widths)
    to_unicode = out.make_stream(b"")
    write(to_unicode, _to_unicode(cluster.texts), b"\n")
    return out.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type0, BaseFont=name,
                                        Encoding=Name("/Identity-H"), DescendantFonts=Array([out.make_indirect(cid)]),
                                        ToUnicode=to_unicode))


def _widths_array(widths: dict[int, float]) -> Array:
    """/W as WeasyPrint writes it: each run of consecutive glyph ids as [first [w w ...]]."""
    array = Array()
    run: list = []
    previous = None
    for gid in sorted(widths):
        if previous is None or gid != previous + 1:
            if run:
                array.append(Array(run))
            array.append(gid)
            run = []
        width = widths[gid]
        run.append(int(width) if width == int(width) else width)
        previous = gid
    if run:
        array.append(Array(run))
    return array


def _to_unicode(texts: dict[int, bytes]) -> bytes:
    """A ToUnicode CMap of single glyphs, 100 to a block as WeasyPrint writes it (PDF/A forbids U+0000,
    U+FEFF and U+FFFE as text: such a glyph is left out, as pdfjoin's _clean_to_unicode does)."""
    pairs = [(gid, text) for gid, text in sorted(texts.items()) if text not in (b"0000", b"feff", b"fffe")]
    body = b""
    for start in range(0, len(pairs), 100):
        chunk = pairs[start:start + 100]
        body += b"%d beginbfchar\n" % len(chunk)
        body += b"".join(b"<%04x> <%s>\n" % (gid, text) for gid, text in chunk)
        body += b"endbfchar\n"
    return _CMAP_HEAD + body + _CMAP_TAIL
