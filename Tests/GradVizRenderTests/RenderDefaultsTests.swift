import GradVizRender
import Testing

/// The default font and the large-graph layout caps.
@Suite struct RenderDefaultsTests {
    @Test func graphsWithoutAFontGetDejaVuSans() throws {
        let dot = "digraph g { label=\"title\"; subgraph cluster_m { label=\"module\"; a } a -> b [label=\"e\"]; }"
        let svg = try #require(SVGDocument(try Renderer.render(dot: dot, format: .svg).data))
        // graph label, cluster label, two nodes, one edge label
        #expect(svg.fontFamilies.count == 5)
        #expect(svg.fontFamilies.allSatisfy { $0 == RenderOptions.defaultFontName })
    }

    @Test func anExplicitFontIsKeptAndOnlyUnsetObjectsGetTheDefault() throws {
        let dot = "digraph g { a [fontname=\"Courier\"]; b; a -> b; }"
        let svg = try #require(SVGDocument(try Renderer.render(dot: dot, format: .svg).data))
        #expect(svg.fontFamilies.count == 2)
        #expect(svg.fontFamilies.contains { $0.hasPrefix("Courier") })
        #expect(svg.fontFamilies.contains(RenderOptions.defaultFontName))
    }

    @Test func graphsPastTheThresholdAreCappedAndSaySo() throws {
        var dot = "digraph big {\n"
        for index in 0..<40 { dot += "  n\(index) -> n\((index * 7 + 3) % 40);\n" }
        dot += "}\n"
        let capped = try Renderer.render(dot: dot, format: .svg, options: RenderOptions(largeGraphThreshold: 39))
        #expect(capped.layoutCapped)
        #expect(SVGDocument(capped.data) != nil)
        let uncapped = try Renderer.render(dot: dot, format: .svg, options: RenderOptions(largeGraphThreshold: 40))
        #expect(!uncapped.layoutCapped)
    }

    @Test func capsTheDOTSetsItselfAreNotOverridden() throws {
        var dot = "digraph big {\n"
        for attribute in ["newrank=true", "nslimit=5", "nslimit1=5", "mclimit=1", "searchsize=30"] {
            dot += "  \(attribute);\n"
        }
        dot += "  a -> b -> c;\n}\n"
        let result = try Renderer.render(dot: dot, format: .svg, options: RenderOptions(largeGraphThreshold: 1))
        #expect(!result.layoutCapped)
    }
}
