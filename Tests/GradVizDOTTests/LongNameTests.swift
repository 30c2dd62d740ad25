import Foundation
import GradVizEngine
import GradVizExplain
import GradVizNotation
import GradVizRender
import GradVizScript
import Testing

@testable import GradVizDOT

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Valid scripts with very long names or labels render: the figure shows the name cut with an
/// ellipsis (``DisplayLabel/maxDisplayLength``) and the node's tooltip holds it whole. Before,
/// Graphviz rejected the label ("scanning a HTML string … longer than 16384").
@Suite struct LongNameTests {
    /// The reproducer, past Graphviz's 16 384-byte scanner limit.
    static let longName = "w" + String(repeating: "a", count: 20_000)

    static func figure(_ source: String, _ options: FigureOptions = FigureOptions()) throws -> Figure {
        let evaluation = try Script(source: source, file: "long.grad").evaluate()
        return try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options)
    }

    /// The `xlink:title` (tooltip) of every link in an SVG, XML escaping undone; `nil` when the
    /// SVG is not well-formed.
    static func tooltips(_ svg: [UInt8]) -> [String]? {
        final class Collector: NSObject, XMLParserDelegate {
            var titles: [String] = []
            func parser(
                _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]
            ) {
                if elementName == "a", let title = attributes["xlink:title"] { titles.append(title) }
            }
        }
        let collector = Collector()
        let parser = XMLParser(data: Data(svg))
        parser.delegate = collector
        return parser.parse() ? collector.titles : nil
    }

    @Test(arguments: ViewKind.allCases)
    func aTwentyThousandCharacterNameRendersCutWithItsTooltipWhole(view: ViewKind) throws {
        let source = "\(Self.longName) = 3\nL = \(Self.longName) * 2\n"
        let figure = try Self.figure(source, FigureOptions(view: view, wrt: Self.longName))
        let svg = try Renderer.render(dot: figure.dot, format: .svg).data
        let rendered = try #require(RenderedSVG(svg))
        let shown = "w" + String(repeating: "a", count: DisplayLabel.maxDisplayLength - 2) + "…"
        #expect(rendered.texts.contains { $0.contains(shown) })
        #expect(
            rendered.texts.allSatisfy { !$0.contains(String(repeating: "a", count: DisplayLabel.maxDisplayLength)) })
        #expect(try #require(Self.tooltips(svg)).contains(Self.longName))
    }

    @Test func aLongModuleNameRendersCut() throws {
        let module = "block" + String(repeating: "b", count: 20_000)
        let figure = try Self.figure("module \(module) {\nx = 3\n}\nL = x * 2\n")
        let rendered = try #require(RenderedSVG(try Renderer.render(dot: figure.dot, format: .svg).data))
        #expect(
            rendered.texts.contains("block" + String(repeating: "b", count: DisplayLabel.maxDisplayLength - 6) + "…"))
    }

    /// Hostile labels cut at every offset around the limit: markup characters (escaped as
    /// entities), multi-byte and multi-scalar characters. The HTML labels stay well-formed,
    /// the shown title is whole characters of the label then `…`, and Graphviz renders it
    /// with the whole label in the tooltip.
    @Test(arguments: ["&<>\"'{|}", "👨‍👩‍👧🇩🇪é\u{301}", "\\\"\\\\"])
    func hostileLabelsAreCutBetweenCharactersAndEscapesStayWhole(piece: String) throws {
        for padding in 0..<10 {
            let label =
                String(repeating: "x", count: DisplayLabel.maxDisplayLength - 6 - padding)
                + String(repeating: piece, count: 4_000)
            let escaped = label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                of: "\"", with: "\\\"")
            let figure = try Self.figure("v = 3\nL = v * 2\nlabel v \"\(escaped)\"\n")
            let dot = DOTText(figure.dot)
            for html in dot.htmlLabels {
                let parser = XMLParser(data: Data(("<root>" + html + "</root>").utf8))
                #expect(parser.parse(), "not well-formed: \(html)")
            }
            let node = try #require(dot.lines.first { $0.contains("tooltip=") })
            let title = DOTText.visibleText(
                try #require(dot.htmlLabels.first { DOTText.visibleText($0).hasPrefix("xx") }))
            let cut = try #require(title.components(separatedBy: "…").first)
            #expect(title.contains("…"))
            #expect(Array(label.precomposedStringWithCanonicalMapping.prefix(cut.count)) == Array(cut), "\(title)")
            #expect(cut.unicodeScalars.count < DisplayLabel.maxDisplayLength)
            #expect(node.contains("tooltip="))
            #expect(dot.htmlLabels.allSatisfy { $0.utf8.count < 4_096 })
            if padding < 2 {
                let svg = try Renderer.render(dot: figure.dot, format: .svg).data
                #expect(try #require(Self.tooltips(svg)).contains(label.precomposedStringWithCanonicalMapping))
            }
        }
    }

    /// A quoted DOT string longer than Graphviz's scanner reads is written in `+`-joined
    /// pieces, none of them split inside an escape, and Graphviz joins them back.
    @Test func longQuotedStringsAreJoinedPieces() throws {
        // Two backslashes in a row too, which a tooltip keeps only through DOTEscape.tooltip.
        let text = String(repeating: "ab\"\\\\cé🙂", count: 6_000)
        let quoted = DOTEscape.quoted(DOTEscape.tooltip(text))
        let pieces = quoted.components(separatedBy: "\" + \"")
        #expect(pieces.count > 3)
        #expect(pieces.allSatisfy { $0.utf8.count < 16_384 })
        for piece in pieces.dropLast() {
            // An odd run of trailing backslashes would escape the closing quote.
            #expect(piece.reversed().prefix { $0 == "\\" }.count % 2 == 0)
        }
        let dot = "digraph G { n1 [label=\"x\", tooltip=\(quoted)]; }\n"
        let svg = try Renderer.render(dot: dot, format: .svg).data
        #expect(try #require(Self.tooltips(svg)) == [text])
    }

    /// A label or name longer than ``DisplayLabel/maxFullLength`` is kept in the tooltip cut
    /// to that length (issue 30, item 4: a 10 MB label made a 40 MB page in 66 s), so what a name
    /// costs a figure, and each frame and page drawing it, is bounded whatever the script says.
    @Test func aMillionCharacterLabelIsKeptInTheFigureCutToTheFullLength() throws {
        let label = "a" + String(repeating: "b", count: 1_000_000)
        let name = "w" + String(repeating: "c", count: 1_000_000)
        let figure = try Self.figure("\(name) = 3\nv = 3\nL = v * \(name)\nlabel v \"\(label)\"\n")
        let limit = DisplayLabel.maxFullLength
        #expect(figure.dot.utf8.count < 2 * limit + 20_000)
        let svg = try Renderer.render(dot: figure.dot, format: .svg).data
        let tooltips = try #require(Self.tooltips(svg))
        #expect(tooltips.contains("a" + String(repeating: "b", count: limit - 2) + "…"))
        #expect(tooltips.contains("w" + String(repeating: "c", count: limit - 2) + "…"))
    }
}
