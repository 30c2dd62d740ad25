import Foundation
import GradVizEngine
import GradVizExplain
import GradVizRender
import Testing

@testable import GradVizDOT

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Every string reaching DOT is escaped for its context, so hostile labels render as written.
@Suite struct EscapingTests {
    static let hostile = #"" \ < > & { } | ' ŷ σ₃ ∂ 🙂"#

    @Test func quotedStringsEscapeQuotesAndBackslashes() {
        #expect(DOTEscape.quoted(#"a"b\c"#) == #""a\"b\\c""#)
        #expect(DOTEscape.quoted("ends with \\") == #""ends with \\""#)
        #expect(DOTEscape.quoted("two\nlines") == #""two\nlines""#)
        #expect(DOTEscape.quoted("tab\there\u{7}") == "\"tab here \"")
        #expect(DOTEscape.quoted("ŷ σ₃ 🙂 <>&{}|") == "\"ŷ σ₃ 🙂 <>&{}|\"")
    }

    @Test func htmlTextEscapesMarkupAndRecordSpecials() {
        #expect(DOTEscape.html("<B>&</B>") == "&lt;B&gt;&amp;&lt;/B&gt;")
        #expect(DOTEscape.html(#""'"#) == "&quot;&#39;")
        #expect(DOTEscape.html("{a|b}") == "&#123;a&#124;b&#125;")
        #expect(DOTEscape.html("\\") == "\\")
        #expect(DOTEscape.html("ŷ σ₃ ∂ 🙂") == "ŷ σ₃ ∂ 🙂")
        #expect(DOTEscape.html("a\u{0}b\nc\u{FFFF}") == "a b c ")
    }

    /// A graph whose every user-controlled string is hostile: names, labels, module names.
    static func hostileFigure(_ options: FigureOptions = FigureOptions()) throws -> Figure {
        let g = Graph()
        let x = g.leaf(2, name: "x\"\\<&>").named("x\"\\<&>", label: hostile)
        let w = g.withModule(#"block "1" <&> {|}"#, kind: #"Kind\"#) {
            g.leaf(-3, name: "w{|}")
        }
        let u = try (w * x).named("u'\"", label: "u < σ₃ & ∂ > 🙂")
        let loss = try (u * u).named(#"L\"#)
        var options = options
        options.graphName = #"gradviz "hostile" \ <graph>"#
        return try Figure(graph: g, output: loss.id, options: options)
    }

    @Test(arguments: ViewKind.allCases)
    func hostileLabelsGiveWellFormedHTMLLabels(view: ViewKind) throws {
        let options = FigureOptions(view: view, wrt: "w{|}")
        let dot = DOTText(try Self.hostileFigure(options).dot)
        #expect(!dot.htmlLabels.isEmpty)
        for label in dot.htmlLabels {
            let parser = XMLParser(data: Data(("<root>" + label + "</root>").utf8))
            #expect(parser.parse(), "not well-formed: \(label)")
        }
        let visible = dot.htmlLabels.map(DOTText.visibleText).joined(separator: "\n")
        // Unicode subscripts are drawn as real subscripts: σ₃ shows as σ<SUB>3</SUB>.
        #expect(visible.contains(Self.hostile.replacingOccurrences(of: "σ₃", with: "σ3")))
        #expect(visible.contains("u < σ3 & ∂ > 🙂"))
        #expect(dot.text.contains("σ<SUB>3</SUB>"))
        #expect(visible.contains(#"block "1" <&> {|}"#))
    }

    @Test func hostileQuotedStringsStayInsideTheirQuotes() throws {
        let dot = try Self.hostileFigure().dot
        #expect(dot.hasPrefix(#"digraph "gradviz \"hostile\" \\ <graph>" {"#))
        // Tokenize as DOT does: quoted strings (with backslash escapes) and nested <…> labels.
        let (outside, closed) = DOTText.outsideStringsAndLabels(dot[...])
        #expect(closed)
        // Outside strings and labels only DOT syntax remains: ids, keywords, `=`, `[`, `;`, braces.
        let syntax = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: " \n=[],;{}->_"))
        #expect(outside.unicodeScalars.allSatisfy { $0.isASCII && syntax.contains($0) }, "\(outside)")
    }

    @Test(arguments: ViewKind.allCases)
    func hostileLabelsRenderAsWrittenWithGraphviz(view: ViewKind) throws {
        let options = FigureOptions(view: view, wrt: "w{|}")
        let dot = try Self.hostileFigure(options).dot
        let result = try Renderer.render(dot: dot, format: .svg)
        #expect(result.warnings.isEmpty, "Graphviz said: \(result.warnings)")
        // The XML parser undoes the SVG's escaping; the runs of each label join back into the
        // text as written (σ₃ is the runs σ and 3, a subscript).
        let svg = try #require(RenderedSVG(result.data))
        let visible = svg.texts.joined()
        #expect(visible.contains(Self.hostile.replacingOccurrences(of: "σ₃", with: "σ3")), "\(svg.texts)")
        #expect(visible.contains("u < σ3 & ∂ > 🙂"))
        #expect(visible.contains(#"block "1" <&> {|}"#))
        #expect(visible.contains(#"Kind\"#))
        let raw = String(decoding: result.data, as: UTF8.self)
        #expect(raw.contains("&lt;") && raw.contains("&amp;"))
        for format in [RenderFormat.png, .pdf] {
            let other = try Renderer.render(dot: dot, format: format)
            #expect(other.warnings.isEmpty, "\(format): \(other.warnings)")
            #expect(!other.data.isEmpty)
        }
    }

    /// Folded modules (`--collapse`), pruned stubs (`--prune`) and expanded entries (`--expand`)
    /// carry user strings too: module names and kinds, stub names, `W"<&>[1,2]`.
    @Test(arguments: [FigureOptions(wrt: "w{|}", collapse: 0), FigureOptions(wrt: "x\"\\<&>", prune: true)])
    func hostileNamesInFoldedModulesAndStubsRenderAsWritten(options: FigureOptions) throws {
        let dot = try Self.hostileFigure(options).dot
        for label in DOTText(dot).htmlLabels {
            let parser = XMLParser(data: Data(("<root>" + label + "</root>").utf8))
            #expect(parser.parse(), "not well-formed: \(label)")
        }
        #expect(DOTText.outsideStringsAndLabels(dot[...]).closed)
        let result = try Renderer.render(dot: dot, format: .svg)
        #expect(result.warnings.isEmpty, "Graphviz said: \(result.warnings)")
        let visible = try #require(RenderedSVG(result.data)).texts.joined()
        if options.collapse != nil {
            #expect(visible.contains(#"block "1" <&> {|}"#) && visible.contains(#"Kind\"#), "\(visible)")
        } else {
            #expect(dot.contains("class=\"stub\""))
        }
    }

    @Test func hostileTensorNamesExpandIntoEscapedEntryNames() throws {
        let g = Graph()
        let w = g.leaf(try Tensor([[1, -2], [0.5, 3]]), name: #"W"<&>{|}"#)
        let x = g.leaf(try Tensor([0.25, -1]), name: "x")
        let loss = try (w.matmul(x)).sum().named("L")
        let expansion = try Expansion(of: g, output: loss.id)
        expansion.graph.backward(from: expansion.output)
        let figure = try Figure(
            graph: expansion.graph, output: expansion.output,
            options: FigureOptions(wrt: #"W"<&>{|}[2,1]"#, prune: true))
        let result = try Renderer.render(dot: figure.dot, format: .svg)
        #expect(result.warnings.isEmpty, "Graphviz said: \(result.warnings)")
        let visible = try #require(RenderedSVG(result.data)).texts.joined()
        #expect(visible.contains(#"W"<&>{|}[2,1]"#), "\(visible)")
    }
}

/// Display names: derived from script names, or literal labels with real sub/superscripts.
@Suite struct DisplayNameTests {
    @Test func literalLabelsGetRealSubscriptsAndSuperscripts() {
        #expect(DisplayName.scripted("W⁽¹⁾").html == "W<SUP>(1)</SUP>")
        #expect(DisplayName.scripted("w₁,₁⁽²⁾").html == "w<SUB>1,1</SUB><SUP>(2)</SUP>")
        #expect(DisplayName.scripted("a, b₁").html == "a, b<SUB>1</SUB>")
        #expect(DisplayName.scripted("ŷ").html == "ŷ")
        #expect(DisplayName.scripted("x₁<y").html == "x<SUB>1</SUB>&lt;y")
    }

    @Test func scriptNamesUseTheirDisplayLabelParts() {
        #expect(DisplayName.parse("w_1").html == "w<SUB>1</SUB>")
        #expect(DisplayName.parse("yhat").html == "ŷ")
        #expect(DisplayName.parse("W__2").html == "W<SUP>(2)</SUP>")
        #expect(DisplayName.parse("loss").html == "loss")
    }
}
