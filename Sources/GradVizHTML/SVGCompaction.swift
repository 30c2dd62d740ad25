import GradVizRender

/// Writes Graphviz's SVG in fewer bytes for a page, drawing the same picture: a 1 000-node
/// graph's page has some 7 000 text elements and 2 000 edges, and Graphviz spells every
/// attribute out on each.
///
/// - The text font, the most common text colour and text size are written once, on the `<svg>`
///   element, and inherited; `text-anchor="start"` (the default) and `xml:space` (the page's
///   style sheet keeps spaces) are dropped; sizes lose
///   trailing zeros (`16.00` → `16`). A text Graphviz left without a colour gets `fill="black"`,
///   the colour it had.
/// - Edge splines (`d="M x,y C x,y x,y x,y …"`) become relative cubic Béziers with coordinates
///   rounded to a tenth of a point (Graphviz writes hundredths); each endpoint is rounded in
///   absolute terms first, so rounding never accumulates along a spline. Polygon points are
///   rounded the same way and lose the closing point that repeats the first (a polygon closes
///   itself).
///
/// A tenth of a point is a tenth of a pixel at the drawing's own size. Frames of one slide build
/// must share one ``Defaults`` (`PageFrames` takes them from the last frame), because their
/// groups are swapped into one `<svg>` and inherit its attributes.
struct SVGCompaction {
    /// What the `<svg>` element sets for every text that does not say otherwise.
    struct Defaults: Equatable {
        var fontFamily: String?
        var fill: String?
        var fontSize: String?
    }

    let defaults: Defaults

    /// The most common font, text colour and text size of `svg`'s text elements.
    static func defaults(of svg: String) -> Defaults {
        var families: [String: Int] = [:]
        var fills: [String: Int] = [:]
        var sizes: [String: Int] = [:]
        for line in svg.utf8.split(separator: UInt8(ascii: "\n")) where line.starts(with: "<text".utf8) {
            let tag = SVGTag(line: line)
            if let family = tag.value(of: "font-family") { families[family, default: 0] += 1 }
            if let fill = tag.value(of: "fill") { fills[fill, default: 0] += 1 }
            if let size = tag.value(of: "font-size") { sizes[trimmedNumber(size), default: 0] += 1 }
        }
        func common(_ counts: [String: Int]) -> String? {
            counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
        }
        return Defaults(fontFamily: common(families), fill: common(fills), fontSize: common(sizes))
    }

    /// The attributes the `<svg>` element carries for its texts (` font-family="…" …`).
    var rootAttributes: String {
        var text = ""
        if let family = defaults.fontFamily { text += " font-family=\"\(family)\"" }
        if let fill = defaults.fill { text += " fill=\"\(fill)\"" }
        if let size = defaults.fontSize { text += " font-size=\"\(size)\"" }
        return text
    }

    /// One line of Graphviz's SVG (one element), compacted.
    func line(_ line: Substring) -> Substring {
        if line.hasPrefix("<text") { return text(line) }
        if line.hasPrefix("<path"), let rewritten = rewrite("d", of: line, with: Self.spline) { return rewritten }
        if line.hasPrefix("<polygon"), let rewritten = rewrite("points", of: line, with: Self.polygon) {
            return rewritten
        }
        if line.hasPrefix("<svg") { return Substring("<svg" + rootAttributes + line.dropFirst(4)) }
        return line
    }

    private func text(_ line: Substring) -> Substring {
        var tag = SVGTag(line: line.utf8)
        let original = tag
        tag.remove("text-anchor", ifEqualTo: "start")
        // The page's style sheet keeps every text's spaces.
        tag.remove("xml:space", ifEqualTo: "preserve")
        if let family = defaults.fontFamily { tag.remove("font-family", ifEqualTo: family) }
        if let size = tag.value(of: "font-size") {
            let trimmed = Self.trimmedNumber(size)
            if trimmed == defaults.fontSize {
                tag.remove("font-size")
            } else {
                tag.setValue(of: "font-size", to: trimmed)
            }
        }
        if let fill = tag.value(of: "fill") {
            if fill == defaults.fill { tag.remove("fill") }
        } else if defaults.fill != nil, tag.bytes.last == UInt8(ascii: ">") {
            tag.append("fill", value: "black")
        }
        return Substring(tag.text) + line[line.utf8.dropFirst(original.bytes.count).startIndex...]
    }

    /// `line` with the value of its attribute `name` replaced by `transform(value)`, or nil when
    /// it has no such attribute or `transform` declines.
    private func rewrite(_ name: String, of line: Substring, with transform: (Substring) -> String?) -> Substring? {
        var tag = SVGTag(line: line.utf8)
        let length = tag.bytes.count
        guard let value = tag.value(of: name), let rewritten = transform(Substring(value)) else { return nil }
        tag.setValue(of: name, to: rewritten)
        return Substring(tag.text) + line[line.utf8.dropFirst(length).startIndex...]
    }

    /// `16.00` → `16`, `10.50` → `10.5`.
    static func trimmedNumber(_ number: String) -> String {
        guard number.contains(".") else { return number }
        var text = Substring(number)
        while text.hasSuffix("0") { text = text.dropLast() }
        if text.hasSuffix(".") { text = text.dropLast() }
        return text.isEmpty ? "0" : String(text)
    }

    /// Numbers of a points list or path (`x,y x,y`), in tenths, or nil if one is not a number.
    private static func tenths(_ text: Substring) -> [Int]? {
        var values: [Int] = []
        for item in text.split(whereSeparator: { $0 == "," || $0 == " " }) {
            guard let number = Double(item), number.isFinite, abs(number) < 1e12 else { return nil }
            values.append(Int((number * 10).rounded()))
        }
        return values
    }

    /// Tenths as a decimal: `-12345` → `-1234.5`, `20` → `2`.
    static func decimal(_ tenths: Int) -> String {
        let sign = tenths < 0 ? "-" : ""
        let magnitude = tenths.magnitude
        let fraction = magnitude % 10
        return sign + String(magnitude / 10) + (fraction == 0 ? "" : "." + String(fraction))
    }

    /// Numbers joined as SVG allows: a space between two, none before a minus sign.
    private static func joined(_ numbers: [Int]) -> String {
        var text = ""
        for (index, number) in numbers.enumerated() {
            if index > 0 && number >= 0 { text += " " }
            text += decimal(number)
        }
        return text
    }

    /// Graphviz's `M x,y C x,y x,y x,y …` as `M x y c dx dy …` (relative to each segment's start).
    static func spline(_ d: Substring) -> String? {
        guard d.hasPrefix("M"), let c = d.firstIndex(of: "C"),
            let start = tenths(d[d.index(after: d.startIndex)..<c]), start.count == 2,
            let points = tenths(d[d.index(after: c)...]), !points.isEmpty, points.count % 6 == 0
        else { return nil }
        var current = (start[0], start[1])
        var relative: [Int] = []
        relative.reserveCapacity(points.count)
        for segment in stride(from: 0, to: points.count, by: 6) {
            for point in stride(from: segment, to: segment + 6, by: 2) {
                relative += [points[point] - current.0, points[point + 1] - current.1]
            }
            current = (points[segment + 4], points[segment + 5])
        }
        return "M" + joined(start) + "c" + joined(relative)
    }

    /// A polygon's points rounded to tenths, without a closing point that repeats the first.
    static func polygon(_ points: Substring) -> String? {
        guard var values = tenths(points), values.count >= 6, values.count % 2 == 0 else { return nil }
        if values.count >= 8 && values[0] == values[values.count - 2] && values[1] == values[values.count - 1] {
            values.removeLast(2)
        }
        return stride(from: 0, to: values.count, by: 2).map { decimal(values[$0]) + "," + decimal(values[$0 + 1]) }
            .joined(separator: " ")
    }
}
