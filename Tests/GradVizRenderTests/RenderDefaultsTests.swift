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
        // A chain of 40 nodes: no edge longer than one rank, so the layout has 40 nodes.
        var dot = "digraph big {\n"
        for index in 0..<39 { dot += "  n\(index) -> n\(index + 1);\n" }
        dot += "}\n"
        let capped = try Renderer.render(dot: dot, format: .svg, options: RenderOptions(largeGraphThreshold: 39))
        #expect(capped.layoutCapped)
        #expect(SVGDocument(capped.data) != nil)
        let uncapped = try Renderer.render(dot: dot, format: .svg, options: RenderOptions(largeGraphThreshold: 40))
        #expect(!uncapped.layoutCapped)
    }

    /// A chain of 30 nodes and a hub read by every one of them: 31 nodes, but the hub's edges
    /// span 1, 2, … 29 ranks, which `dot` routes through 406 virtual nodes (twice as many with
    /// edge labels, which double the ranks).
    static func hubAndChain(hub: Bool, labels: Bool) -> String {
        var dot = "digraph fan {\n"
        let label = labels ? " [label=\"d\"]" : ""
        for index in 1..<30 {
            dot += "  c\(index - 1) -> c\(index)\(label);\n"
            if hub { dot += "  hub -> c\(index)\(label);\n" }
        }
        return dot + "}\n"
    }

    @Test func aFewNodesWithLongEdgesAreCappedByTheVirtualNodesOfTheirLayout() throws {
        let options = RenderOptions(largeGraphThreshold: 300)
        // 31 + 406 > 300: capped although the graph has a tenth as many nodes.
        #expect(
            try Renderer.render(dot: Self.hubAndChain(hub: true, labels: false), format: .svg, options: options)
                .layoutCapped)
        // The chain alone has no long edges.
        #expect(
            !(try Renderer.render(dot: Self.hubAndChain(hub: false, labels: false), format: .svg, options: options)
                .layoutCapped))
        // Edge labels double the spans: 31 + 812 > 600 > 31 + 406.
        let wider = RenderOptions(largeGraphThreshold: 600)
        #expect(
            !(try Renderer.render(dot: Self.hubAndChain(hub: true, labels: false), format: .svg, options: wider)
                .layoutCapped))
        #expect(
            try Renderer.render(dot: Self.hubAndChain(hub: true, labels: true), format: .svg, options: wider)
                .layoutCapped)
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
