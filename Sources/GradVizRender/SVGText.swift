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
        let text = String(decoding: svg, as: UTF8.self)
        var changed = false
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("<text") else {
                lines.append(line)
                continue
            }
            let rewritten = spaced(scripted(line))
            changed = changed || rewritten != line
            lines.append(rewritten)
        }
        return changed ? Array(lines.joined(separator: "\n").utf8) : svg
    }

    /// One `<text …>…</text>` line, told to keep its spaces when its text starts or ends with one.
    static func spaced(_ line: Substring) -> Substring {
        guard let tagEnd = line.firstIndex(of: ">"), line.hasSuffix("</text>") else { return line }
        let content = line[line.index(after: tagEnd)..<line.index(line.endIndex, offsetBy: -7)]
        guard content.hasPrefix(" ") || content.hasSuffix(" ") else { return line }
        return "<text xml:space=\"preserve\"" + line.dropFirst(5)
    }

    /// One `<text …>` line, rewritten when it carries `baseline-shift="sub"` or `"super"`.
    static func scripted(_ line: Substring) -> Substring {
        guard let tagEnd = line.firstIndex(of: ">") else { return line }
        var tag = String(line[...tagEnd])
        let direction: Double
        if tag.contains(" baseline-shift=\"sub\"") {
            direction = 1  // SVG's y grows downwards
            tag = tag.replacingOccurrences(of: " baseline-shift=\"sub\"", with: "")
        } else if tag.contains(" baseline-shift=\"super\"") {
            direction = -1
            tag = tag.replacingOccurrences(of: " baseline-shift=\"super\"", with: "")
        } else {
            return line
        }
        guard let size = attribute("font-size", in: tag), let points = Double(size), points.isFinite,
            let y = attribute("y", in: tag), let baseline = Double(y), baseline.isFinite
        else { return line }
        tag = tag.replacingOccurrences(of: " font-size=\"\(size)\"", with: " font-size=\"\(hundredths(points / sizeDivisor))\"")
        tag = tag.replacingOccurrences(of: " y=\"\(y)\"", with: " y=\"\(hundredths(baseline + direction * rise))\"")
        return Substring(tag) + line[line.index(after: tagEnd)...]
    }

    private static func attribute(_ name: String, in tag: String) -> String? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        let rest = tag[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    /// A number to two decimals as Graphviz writes coordinates, without trailing zeros.
    static func hundredths(_ value: Double) -> String {
        let scaled = Int((value * 100).rounded())
        let sign = scaled < 0 ? "-" : ""
        let magnitude = scaled.magnitude
        var fraction = magnitude % 100 < 10 ? "0" + String(magnitude % 100) : String(magnitude % 100)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(magnitude / 100) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
