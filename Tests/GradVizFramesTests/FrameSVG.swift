import Foundation

/// The parts of a Graphviz SVG that frames compare: the canvas, and each node's and edge's
/// shapes (their coordinates only) and texts.
struct FrameSVG {
    struct Text: Hashable {
        var x: String
        var y: String
        var fill: String
        var content: String
    }

    struct Object {
        /// `points`, `d`, or the ellipse's centre and radii of every shape, in order.
        var shapes: [String] = []
        /// The shapes before the first text: a node's outline, an edge's line and arrowhead (the
        /// rest are the label's own frames, such as a matrix's, drawn only with their numbers).
        var outline: [String] = []
        var texts: [Text] = []
    }

    let viewBox: String
    /// Nodes and edges by their `<title>` (`n4`, `n0->n4`); parallel edges get `#2`, `#3`.
    let objects: [String: Object]
    /// Every text outside nodes and edges (the caption and the legend).
    let labelTexts: [Text]

    init(_ data: [UInt8]) {
        self.init(String(decoding: data, as: UTF8.self))
    }

    init(_ svg: String) {
        viewBox = Self.first(#"viewBox="([^"]*)""#, in: svg) ?? ""
        var objects: [String: Object] = [:]
        var outside = svg
        let group = try! NSRegularExpression(
            pattern: #"<g id="[a-z]+[0-9]+" class="(node|edge)">\s*<title>(.*?)</title>(.*?)</g>"#,
            options: [.dotMatchesLineSeparators])
        let text = svg as NSString
        let matches = group.matches(in: svg, range: NSRange(location: 0, length: text.length))
        for match in matches {
            let title = Self.unescaped(text.substring(with: match.range(at: 2)))
            let body = text.substring(with: match.range(at: 3))
            var key = title
            var copy = 2
            while objects[key] != nil {
                key = title + "#\(copy)"
                copy += 1
            }
            let beforeText = body.components(separatedBy: "<text").first ?? body
            objects[key] = Object(
                shapes: Self.shapes(in: body), outline: Self.shapes(in: beforeText), texts: Self.texts(in: body))
        }
        for match in matches.reversed() {
            outside = (outside as NSString).replacingCharacters(in: match.range, with: "")
        }
        self.objects = objects
        labelTexts = Self.texts(in: outside)
    }

    /// Every text in nodes and edges.
    var objectTexts: [Text] { objects.values.flatMap(\.texts) }

    private static func shapes(in body: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"<(polygon|path|ellipse|polyline)\b([^>]*)>"#)
        let text = body as NSString
        return pattern.matches(in: body, range: NSRange(location: 0, length: text.length)).map { match in
            let attributes = text.substring(with: match.range(at: 2))
            let names = ["points", "d", "cx", "cy", "rx", "ry"]
            return text.substring(with: match.range(at: 1)) + ":"
                + names.compactMap { name in first(" \(name)=\"([^\"]*)\"", in: attributes).map { name + "=" + $0 } }
                .joined(separator: " ")
        }
    }

    private static func texts(in body: String) -> [Text] {
        let pattern = try! NSRegularExpression(
            pattern: #"<text\b([^>]*)>(.*?)</text>"#, options: [.dotMatchesLineSeparators])
        let text = body as NSString
        return pattern.matches(in: body, range: NSRange(location: 0, length: text.length)).map { match in
            let attributes = text.substring(with: match.range(at: 1))
            return Text(
                x: first(#" x="([^"]*)""#, in: attributes) ?? "", y: first(#" y="([^"]*)""#, in: attributes) ?? "",
                fill: first(#" fill="([^"]*)""#, in: attributes) ?? "",
                content: unescaped(text.substring(with: match.range(at: 2))))
        }
    }

    private static func first(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        let string = text as NSString
        guard let match = regex.firstMatch(in: text, range: NSRange(location: 0, length: string.length)) else {
            return nil
        }
        return string.substring(with: match.range(at: 1))
    }

    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&#45;", with: "-").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#160;", with: "\u{A0}").replacingOccurrences(of: "&amp;", with: "&")
    }
}
