import GradVizRender
import Testing

/// Labels full of DOT, XML and record metacharacters and non-ASCII text survive to the SVG.
@Suite struct RenderEscapingTests {
    static let hostile = #"quote " backslash \ lt < gt > amp & braces { } bar | ŷ σ₃ ∂L/∂w"#

    @Test func quotedLabelTextReachesTheSVGIntact() throws {
        let dot = "digraph g { a [shape=box, label=\(DOTQuoting.quoted(Self.hostile))]; }"
        let result = try Renderer.render(dot: dot, format: .svg)
        #expect(result.warnings.isEmpty)
        let svg = try #require(SVGDocument(result.data))
        #expect(svg.texts.contains(Self.hostile))
        // The raw SVG carries the XML-special characters escaped.
        let raw = String(decoding: result.data, as: UTF8.self)
        #expect(raw.contains("lt &lt; gt &gt; amp &amp;"))
    }

    @Test func htmlLabelTextReachesTheSVGIntact() throws {
        let dot = "digraph g { a [shape=plain, label=<<b>\(DOTQuoting.html(Self.hostile))</b>>]; }"
        let result = try Renderer.render(dot: dot, format: .svg)
        let svg = try #require(SVGDocument(result.data))
        #expect(svg.texts.contains(Self.hostile))
    }

    @Test func hostileLabelsRenderInEveryFormat() throws {
        let dot = "digraph g { a [label=\(DOTQuoting.quoted(Self.hostile))]; a -> b; }"
        let png = try Renderer.render(dot: dot, format: .png)
        #expect(PNGHeader(png.data) != nil)
        let pdf = try Renderer.render(dot: dot, format: .pdf)
        #expect(pdf.data.starts(with: Array("%PDF".utf8)))
    }
}
