import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An SVG file read back with Foundation's XML parser: proof that it is well-formed XML, plus the
/// pieces tests look at.
struct SVGDocument {
    /// The name of the document element.
    let rootElement: String
    /// The text content of every `<text>` element, entities decoded.
    let texts: [String]
    /// Every `font-family` attribute value.
    let fontFamilies: [String]
    /// The `<title>` of every `<g class="cluster">` group, in document order (Graphviz titles a
    /// cluster with its subgraph's name).
    let clusterTitles: [String]

    /// Parses `data`; `nil` when it is not well-formed XML.
    init?(_ data: [UInt8]) {
        let collector = Collector()
        let parser = XMLParser(data: Data(data))
        parser.delegate = collector
        guard parser.parse(), let root = collector.root else { return nil }
        rootElement = root
        texts = collector.texts
        fontFamilies = collector.fontFamilies
        clusterTitles = collector.clusterTitles
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var root: String?
        var texts: [String] = []
        var fontFamilies: [String] = []
        var clusterTitles: [String] = []
        private var currentText: String?
        private var currentTitle: String?
        /// Set by a cluster group's start until its `<title>` has been read.
        private var awaitingClusterTitle = false

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            if root == nil { root = elementName }
            if let family = attributes["font-family"] { fontFamilies.append(family) }
            if elementName == "text" { currentText = "" }
            if elementName == "g" { awaitingClusterTitle = attributes["class"] == "cluster" }
            if elementName == "title", awaitingClusterTitle { currentTitle = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            currentText? += string
            currentTitle? += string
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
            qualifiedName: String?
        ) {
            if elementName == "text", let text = currentText {
                texts.append(text)
                currentText = nil
            }
            if elementName == "title", let title = currentTitle {
                clusterTitles.append(title)
                currentTitle = nil
                awaitingClusterTitle = false
            }
        }
    }
}
