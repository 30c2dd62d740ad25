#!/usr/bin/env python3
"""Writes Sources/GradVizRender/EmbeddedFontData.swift: the metrics GradViz measures SVG and DOT
text with instead of pango (see Sources/GradVizRender/EmbeddedFont.swift).

For each face of the figure font (DejaVu Sans and DejaVu Sans Bold, from fonts-dejavu-core) it
records what pango needs to measure a line of text: units per em, the ascender, and for every
covered character its advance, its Unicode script and its kerning classes; the GPOS 'kern'
lookups (class-pair tables) with the scripts that use them; and the default ligatures (f-ligatures
in Latin text). Characters are covered when the face maps them, they are in the blocks below,
their script is Latin, Greek, Cyrillic or Common, and no shaping step other than kerning and those
ligatures can touch them (combining marks, format and control characters, the contour tone
letters that 'ccmp' rewrites and GDEF marks are left out). Text with anything else is measured
by pango.

Run it again when the fonts change (and compare widths with pango:
`swift test --filter EmbeddedFontTests`):

    pip install fonttools
    python3 Tools/font-metrics/generate.py [/usr/share/fonts/truetype/dejavu] > Sources/GradVizRender/EmbeddedFontData.swift
"""
import base64
import struct
import sys
import unicodedata

from fontTools import unicodedata as fontunicode
from fontTools.ttLib import TTFont

FACES = [("dejaVuSans", "DejaVuSans.ttf", "DejaVu Sans"), ("dejaVuSansBold", "DejaVuSans-Bold.ttf", "DejaVu Sans Bold")]
BLOCKS = [
    (0x0020, 0x007E), (0x00A0, 0x024F),  # Basic Latin, Latin-1, Latin Extended-A and -B
    (0x0250, 0x02FF),  # IPA extensions, spacing modifier letters
    (0x0370, 0x03FF), (0x0400, 0x04FF),  # Greek, Cyrillic
    (0x1D00, 0x1DBF), (0x1E00, 0x1EFF),  # phonetic extensions (ᵢ ᵀ), Latin Extended Additional
    (0x2000, 0x206F), (0x2070, 0x209F), (0x20A0, 0x20CF),  # punctuation, super/subscripts, currency
    (0x2100, 0x214F), (0x2150, 0x218F), (0x2190, 0x21FF),  # letterlike, number forms, arrows
    (0x2200, 0x22FF), (0x27C0, 0x27EF), (0x2980, 0x29FF), (0x2A00, 0x2AFF),  # mathematical
    (0x2C60, 0x2C7F),  # Latin Extended-C (ⱼ)
]
EXCLUDED_CATEGORIES = {"Mn", "Mc", "Me", "Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"}
EXCLUDED = set(range(0x02E5, 0x02EA))  # contour tone letters: rewritten by 'ccmp'
SCRIPTS = {"Zyyy": 0, "Latn": 1, "Grek": 2, "Cyrl": 3}
SCRIPT_TAGS = {0: "DFLT", 1: "latn", 2: "grek", 3: "cyrl"}
LIGATURE_FEATURES = ("liga",)  # harfbuzz's default ligatures ('rlig', 'clig' are not in these scripts)


def lookups_for(table, feature_tag, script_tag):
    for record in table.ScriptList.ScriptRecord:
        if record.ScriptTag == script_tag:
            langsys = record.Script.DefaultLangSys
            indices = []
            for feature_index in langsys.FeatureIndex:
                feature = table.FeatureList.FeatureRecord[feature_index]
                if feature.FeatureTag == feature_tag:
                    indices += feature.Feature.LookupListIndex
            return sorted(indices)
    return None


def face_data(path):
    font = TTFont(path)
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    gpos = font["GPOS"].table
    gsub = font["GSUB"].table
    gdef = font["GDEF"].table.GlyphClassDef.classDefs if "GDEF" in font else {}

    # Per script: the GPOS kern lookups harfbuzz applies (a script the font does not list uses DFLT).
    kern = {}
    for script, tag in SCRIPT_TAGS.items():
        found = lookups_for(gpos, "kern", tag)
        kern[script] = found if found is not None else lookups_for(gpos, "kern", "DFLT")
    lookup_indices = sorted({index for indices in kern.values() for index in indices})
    subtables = []
    for index in lookup_indices:
        lookup = gpos.LookupList.Lookup[index]
        assert lookup.LookupType == 2 and len(lookup.SubTable) == 1, "kern lookups must be one pair table"
        subtable = lookup.SubTable[0]
        assert subtable.Format == 2 and subtable.ValueFormat1 == 4 and subtable.ValueFormat2 == 0, \
            "kern lookups must be class pairs adjusting the first glyph's advance"
        subtables.append(subtable)

    # Covered characters, then the ligature glyphs (Latin 'liga', f-ligatures).
    codepoints = []
    for first, last in BLOCKS:
        for cp in range(first, last + 1):
            glyph = cmap.get(cp)
            if glyph is None or cp in EXCLUDED:
                continue
            if unicodedata.category(chr(cp)) in EXCLUDED_CATEGORIES or gdef.get(glyph) == 3:
                continue
            script = fontunicode.script(chr(cp))
            if script not in SCRIPTS:
                continue
            codepoints.append((cp, glyph, SCRIPTS[script]))
    # EmbeddedFont finds a character by binary search: the records go out in code-point order,
    # each once, whatever order BLOCKS lists.
    codepoints = sorted(dict((cp, (cp, glyph, script)) for cp, glyph, script in codepoints).values())
    glyph_of = {cp: glyph for cp, glyph, _ in codepoints}
    ligatures = []
    for index in lookups_for(gsub, "liga", "latn") or []:
        lookup = gsub.LookupList.Lookup[index]
        assert lookup.LookupType == 4
        for subtable in lookup.SubTable:
            for first, entries in subtable.ligatures.items():
                for entry in entries:
                    names = [first] + entry.Component
                    cps = []
                    for name in names:
                        matches = [cp for cp, glyph in glyph_of.items() if glyph == name and fontunicode.script(chr(cp)) == "Latn"]
                        assert len(matches) == 1, f"ligature component {name} must be one Latin character"
                        cps.append(matches[0])
                    ligatures.append((cps, entry.LigGlyph))
    other_lookups = set()
    for script, tag in SCRIPT_TAGS.items():
        for feature in ("ccmp", "locl", "rlig", "clig", "calt", "rclt"):
            other_lookups.update(lookups_for(gsub, feature, tag) or [])
    # 'ccmp' rules here fire on combining marks and tone letters only, both excluded above.

    glyphs = [glyph for _, glyph, _ in codepoints] + [glyph for _, glyph in ligatures]

    def classes(glyph):
        out = []
        for subtable in subtables:
            first = subtable.ClassDef1.classDefs.get(glyph, 0) if glyph in subtable.Coverage.glyphs else 0xFFFF
            out += [first, subtable.ClassDef2.classDefs.get(glyph, 0)]
        return out

    blob = bytearray()
    blob += struct.pack("<HHHHHH", font["head"].unitsPerEm, font["hhea"].ascent, len(codepoints), len(ligatures),
                        len(subtables), len(SCRIPT_TAGS))
    for script in sorted(SCRIPT_TAGS):
        mask = sum(1 << lookup_indices.index(index) for index in kern[script])
        blob += struct.pack("<H", mask)
    for cp, glyph, script in codepoints:
        blob += struct.pack("<IHB", cp, hmtx[glyph][0], script)
        blob += struct.pack("<" + "H" * 2 * len(subtables), *classes(glyph))
    for cps, glyph in ligatures:
        blob += struct.pack("<B", len(cps)) + struct.pack("<" + "I" * len(cps), *cps)
        blob += struct.pack("<H", hmtx[glyph][0])
        blob += struct.pack("<" + "H" * 2 * len(subtables), *classes(glyph))
    for subtable in subtables:
        blob += struct.pack("<HH", subtable.Class1Count, subtable.Class2Count)
        for record in subtable.Class1Record:
            for pair in record.Class2Record:
                value = pair.Value1
                blob += struct.pack("<h", (getattr(value, "XAdvance", 0) or 0) if value else 0)
    return bytes(blob), len(codepoints), len(ligatures)


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/dejavu"
    print("// Generated by Tools/font-metrics/generate.py from fonts-dejavu-core; do not edit.")
    print("// Layout: see the generator (little-endian header, characters, ligatures, kerning classes).")
    print()
    print("extension EmbeddedFont {")
    for name, file, title in FACES:
        blob, count, ligatures = face_data(directory + "/" + file)
        encoded = base64.b64encode(blob).decode()
        print(f"    /// {title}: {count} characters, {ligatures} ligatures, class-pair kerning.")
        print(f"    static let {name}Data = \"\"\"")
        for start in range(0, len(encoded), 100):
            print("        " + encoded[start:start + 100])
        print("        \"\"\"")
    print("}")


if __name__ == "__main__":
    main()
