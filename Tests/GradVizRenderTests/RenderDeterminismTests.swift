import GradVizRender
import Testing

/// The same DOT renders to the same bytes whatever was rendered before it in the process.
@Suite struct RenderDeterminismTests {
    /// Nested named clusters, in an order that is neither alphabetical nor by name length, with
    /// names of several lengths (so their strings land in different allocator bins).
    static let nestedClusters = """
        digraph model {
          x -> h1; h1 -> h2; h2 -> yhat; yhat -> loss; target -> loss;
          subgraph cluster_model {
            label="model";
            subgraph cluster_zeta { label="zeta"; h1; subgraph cluster_q { label="q"; x } }
            subgraph cluster_alpha_block_with_a_much_longer_name { label="alpha"; h2 }
            subgraph cluster_m { label="m"; yhat }
          }
          subgraph cluster_loss {
            label="loss";
            subgraph cluster_b { label="b"; target }
            loss;
          }
        }
        """

    /// The subgraph names in the order their `subgraph` statements appear in `dot`: the
    /// pre-order of the cluster tree, which is the order Graphviz draws nested clusters in.
    static func subgraphNamesInTextOrder(_ dot: String) -> [String] {
        let words = dot.split { $0 == " " || $0 == "\n" || $0 == "{" || $0 == ";" }
        return zip(words, words.dropFirst()).compactMap { $0 == "subgraph" ? String($1) : nil }
    }

    /// A graph of `size` nodes and a few clusters whose names and labels vary with `seed`, to
    /// leave the allocator in a different state after each render.
    static func perturbingGraph(size: Int, seed: Int) -> String {
        var dot = "digraph p\(seed) {\n"
        for index in 0..<size {
            let name = "node_\(seed)_\(String(repeating: "x", count: (index * 7 + seed) % 29))_\(index)"
            dot += "  \"\(name)\" [label=\"\(index)\"];\n"
            if index > 0 { dot += "  \"\(name)\" -> n\((index * 5 + seed) % index);\n" }
        }
        for cluster in 0..<(size % 4 + 1) {
            dot += "  subgraph cluster_\(String(repeating: "c", count: (cluster + seed) % 17))_\(cluster) {"
            dot += " n\(cluster); }\n"
        }
        return dot + "}\n"
    }

    @Test func nestedClustersRenderToIdenticalSVGBetweenOtherRenders() throws {
        let reference = try Renderer.render(dot: Self.nestedClusters, format: .svg).data
        for round in 0..<24 {
            // Graphs of other sizes before each render, so its strings are allocated elsewhere.
            for extra in 0..<(round % 3 + 1) {
                let size = (round * 13 + extra * 7) % 40 + 1
                _ = try Renderer.render(dot: Self.perturbingGraph(size: size, seed: round * 3 + extra), format: .svg)
            }
            let again = try Renderer.render(dot: Self.nestedClusters, format: .svg).data
            // Compared as one Bool: a failure shows the cluster order, not two byte arrays.
            let identical = again == reference
            #expect(identical, "render \(round + 1) differs: clusters \(SVGDocument(again)?.clusterTitles ?? [])")
        }
    }

    @Test func anAnonymousGraphKeepsItsTitleAfterOtherRenders() throws {
        // cgraph names an anonymous graph "%<id>"; its default ids for anonymous objects come
        // from one counter for the whole process, which every anonymous edge advanced.
        let dot = "digraph { a -> b; b -> c; }"
        let first = try Renderer.render(dot: dot, format: .svg).data
        _ = try Renderer.render(dot: Self.perturbingGraph(size: 12, seed: 5), format: .svg)
        let second = try Renderer.render(dot: dot, format: .svg).data
        let identical = first == second
        #expect(identical)
    }

    @Test func clustersAreDrawnInTheOrderTheDOTDeclaresThem() throws {
        let expected = Self.subgraphNamesInTextOrder(Self.nestedClusters)
        #expect(expected.count == 7)
        for round in 0..<8 {
            _ = try Renderer.render(dot: Self.perturbingGraph(size: round * 5 + 2, seed: round), format: .svg)
            let svg = try #require(SVGDocument(try Renderer.render(dot: Self.nestedClusters, format: .svg).data))
            #expect(svg.clusterTitles == expected)
        }
    }
}
