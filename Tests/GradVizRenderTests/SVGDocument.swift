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

    /// Parses `data`; `nil` when it is not well-formed XML.
    init?(_ data: [UInt8]) {
        let collector = Collector()
        let parser = XMLParser(data: Data(data))
        parser.delegate = collector
        guard parser.parse(), let root = collector.root else { return nil }
        rootElement = root
        texts = collector.texts
        fontFamilies = collector.fontFamilies
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var root: String?
        var texts: [String] = []
        var fontFamilies: [String] = []
        private var currentText: String?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            if root == nil { root = elementName }
            if let family = attributes["font-family"] { fontFamilies.append(family) }
            if elementName == "text" { currentText = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            currentText? += string
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
            qualifiedName: String?
        ) {
            if elementName == "text", let text = currentText {
                texts.append(text)
                currentText = nil
            }
        }
    }
}
