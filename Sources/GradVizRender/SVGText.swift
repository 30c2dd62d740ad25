/// Texts in Graphviz's SVG drawn as Pango draws them in the PNG and PDF: their spaces kept, and
/// sub- and superscripts where and as big as Pango puts them.
///
/// Graphviz writes each run of a label as a `<text>` at the x Pango measured, spaces included
/// (`σ(a`, `1`, ` + a`, `2`); SVG readers drop a leading or trailing space unless told to keep
/// it, which moved ` + a` left by a space and opened a gap before its subscript. Such a text
/// gets `xml:space="preserve"` (Chromium honours it on the text, not inherited from the `<svg>`).
///
/// Graphviz writes a `<SUB>` or `<SUP>` span as its own `<text>` at the full size of its text,
/// with `baseline-shift="sub"` or `"super"`. Pango, which measured it, draws it at a smaller
/// size (``sizeDivisor``), ``pangoRise`` above or below the baseline; a browser draws it at full
/// size a third of a line off, so a₁'s digit came out as big as the letter and into the line
/// below. ``rewrite(_:)`` gives such a text the size Pango draws and moves its `y` by the rise,
/// plain attributes that every SVG reader draws alike.
enum SVGText {
    /// Pango draws a script at its text's size divided by this (1.2); the embedded metrics
    /// measure scripts so.
    static let sizeDivisor = 1.2
    /// How far Pango raises a superscript (lowers a subscript), in Pango units: 5 000, which at
    /// Graphviz's 96 dpi is 5 000 / 1 024 pixels.
    static let pangoRise = 5000
    /// ``pangoRise`` in points (3.66 pt).
    static let rise = Double(pangoRise) / 1024 * 72 / 96

    /// `svg` with every scripted `<text>` sized and placed as Pango draws it; other bytes as they were.
    static func rewrite(_ svg: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var changed = false
        var lineStart = svg.startIndex
        while lineStart < svg.endIndex {
            let lineEnd = svg[lineStart...].firstIndex(of: newline) ?? svg.endIndex
            let line = svg[lineStart..<lineEnd]
            if line.starts(with: textOpening), let rewritten = rewritten(line) {
                if !changed {
                    output.reserveCapacity(svg.count + svg.count / 16)
                    output.append(contentsOf: svg[..<lineStart])
                    changed = true
                }
                output.append(contentsOf: rewritten)
            } else if changed {
                output.append(contentsOf: line)
            }
            if lineEnd < svg.endIndex, changed { output.append(newline) }
            lineStart = lineEnd + 1
        }
        return changed ? output : svg
    }

    private static let newline = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")
    private static let textOpening = Array("<text".utf8)
    private static let textClosing = Array("</text>".utf8)

    /// One `<text …>…</text>` line, told to keep its spaces when its text starts or ends with
    /// one; nil when it needs nothing (or is not such a line).
    static func spaced(_ line: [UInt8]) -> [UInt8]? {
        guard let tagEnd = line.firstIndex(of: UInt8(ascii: ">")), line.count >= tagEnd + 1 + textClosing.count,
            line.suffix(textClosing.count).elementsEqual(textClosing)
        else { return nil }
        let content = line[(tagEnd + 1)..<(line.count - textClosing.count)]
        guard content.first == space || content.last == space else { return nil }
        var tag = SVGTag(line: line)
        tag.insertFirst("xml:space", value: "preserve")
        return tag.bytes + line[(tagEnd + 1)...]
    }

    /// A `<text` line with its script size and rise (``scripted(_:)``) and its spaces kept
    /// (``spaced(_:)``); nil when neither changes it.
    private static func rewritten(_ line: ArraySlice<UInt8>) -> [UInt8]? {
        let scriptedLine = scripted(line)
        return spaced(scriptedLine ?? Array(line)) ?? scriptedLine
    }

    /// One `<text …>` line, rewritten when it carries `baseline-shift="sub"` or `"super"`; nil
    /// when it does not.
    static func scripted(_ line: some Collection<UInt8>) -> [UInt8]? {
        guard let tagEnd = line.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        var tag = SVGTag(line: line)
        let direction: Double
        if tag.remove("baseline-shift", ifEqualTo: "sub") {
            direction = 1  // SVG's y grows downwards
        } else if tag.remove("baseline-shift", ifEqualTo: "super") {
            direction = -1
        } else {
            return nil
        }
        guard let size = tag.value(of: "font-size"), let points = Double(size), abs(points) < hundredthsBound,
            let y = tag.value(of: "y"), let baseline = Double(y), abs(baseline) < hundredthsBound
        else { return nil }
        tag.setValue(of: "font-size", to: hundredths(points / sizeDivisor))
        tag.setValue(of: "y", to: hundredths(baseline + direction * rise))
        return tag.bytes + line[line.index(after: tagEnd)...]
    }

    /// The magnitude below which ``hundredths(_:)`` writes a number exactly; a line with a size
    /// or `y` past it (a DOT `fontsize` of 1e300) is left as Graphviz wrote it.
    static let hundredthsBound = 1e12

    /// A number to two decimals as Graphviz writes coordinates, without trailing zeros; 0 for a
    /// number not below ``hundredthsBound`` in magnitude (NaN included), never a trap.
    static func hundredths(_ value: Double) -> String {
        guard abs(value) < hundredthsBound else { return "0" }
        let scaled = Int((value * 100).rounded())
        let sign = scaled < 0 ? "-" : ""
        let magnitude = scaled.magnitude
        var fraction = magnitude % 100 < 10 ? "0" + String(magnitude % 100) : String(magnitude % 100)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(magnitude / 100) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
