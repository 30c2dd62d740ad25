import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An SVG from the renderer, read back with Foundation's XML parser: parsing proves it
/// well-formed, and the texts come out with XML's escaping undone.
///
/// Graphviz writes each run of an HTML-like label (each font change, subscript, table cell) as
/// its own `<text>` element, so `w<SUB>1</SUB>` is the two texts `w` and `1`.
struct RenderedSVG {
    /// The drawing's size as the `<svg>` element declares it, in points.
    let width: Double
    let height: Double
    /// The `viewBox` width and height: the size of the drawing in its own coordinates.
    let viewBoxWidth: Double
    let viewBoxHeight: Double
    /// The text of every `<text>` element, in document order.
    let texts: [String]
    /// The texts of each node, in order, by the node's DOT id (the `<title>` of its group).
    let nodeTexts: [String: [String]]

    /// Parses `data`; `nil` when it is not well-formed XML or lacks a sized `<svg>` root.
    init?(_ data: [UInt8]) {
        let collector = Collector()
        let parser = XMLParser(data: Data(data))
        parser.delegate = collector
        guard parser.parse(), let root = collector.rootAttributes,
            let width = Self.points(root["width"]), let height = Self.points(root["height"])
        else { return nil }
        let box = (root["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
        guard box.count == 4 else { return nil }
        self.width = width
        self.height = height
        viewBoxWidth = box[2]
        viewBoxHeight = box[3]
        texts = collector.texts
        nodeTexts = collector.nodeTexts
    }

    /// `"275pt"` → 275.
    private static func points(_ value: String?) -> Double? {
        guard let value, value.hasSuffix("pt") else { return nil }
        return Double(value.dropLast(2))
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var rootAttributes: [String: String]?
        var texts: [String] = []
        var nodeTexts: [String: [String]] = [:]
        private var depth = 0
        /// The depth of the node group being read, its id and its texts so far.
        private var node: (depth: Int, id: String, texts: [String])?
        private var text: String?
        private var title: String?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            depth += 1
            if rootAttributes == nil { rootAttributes = attributes }
            switch elementName {
            case "g" where attributes["class"] == "node" && node == nil: node = (depth, "", [])
            case "text": text = ""
            case "title" where node?.id.isEmpty == true: title = ""
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text? += string
            title? += string
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
            qualifiedName: String?
        ) {
            if elementName == "text", let finished = text {
                texts.append(finished)
                node?.texts.append(finished)
                text = nil
            } else if elementName == "title", let finished = title {
                node?.id = finished
                title = nil
            } else if elementName == "g", let current = node, current.depth == depth {
                nodeTexts[current.id] = current.texts
                node = nil
            }
            depth -= 1
        }
    }
}
