import CGraphviz

/// Gives every graph, cluster, node and edge that names no font the renderer's default, so
/// figures do not fall back to Graphviz's Times-Roman.
enum FontDefaults {
    /// Sets `fontname` to `fontName` wherever `graph`'s DOT left it unset.
    static func apply(_ fontName: String, to graph: UnsafeMutablePointer<Agraph_t>) {
        for kind in [AGRAPH, AGNODE, AGEDGE] {
            guard let symbol = gvz_attr(graph, kind, "fontname", nil) else {
                // Declaring the attribute on the root gives every existing object this value.
                _ = gvz_attr(graph, kind, "fontname", fontName)
                continue
            }
            // Declared somewhere (a per-object or per-subgraph setting): the objects that did not
            // set it hold the empty string.
            forEachObject(of: kind, in: graph) { object in
                if let value = agxget(object, symbol), value.pointee == 0 {
                    _ = gvz_xset(object, symbol, fontName)
                }
            }
        }
    }

    /// Calls `body` with every object of `kind` in `graph`: the root and all subgraphs (walked
    /// with an explicit stack), all nodes, or all edges.
    private static func forEachObject(
        of kind: Int32, in graph: UnsafeMutablePointer<Agraph_t>,
        _ body: (UnsafeMutableRawPointer) -> Void
    ) {
        switch kind {
        case AGRAPH:
            var pending = [graph]
            while let subgraph = pending.popLast() {
                body(UnsafeMutableRawPointer(subgraph))
                var child = agfstsubg(subgraph)
                while let found = child {
                    pending.append(found)
                    child = agnxtsubg(found)
                }
            }
        case AGNODE:
            var node = agfstnode(graph)
            while let found = node {
                body(UnsafeMutableRawPointer(found))
                node = agnxtnode(graph, found)
            }
        default:
            var node = agfstnode(graph)
            while let found = node {
                var edge = agfstout(graph, found)
                while let out = edge {
                    body(UnsafeMutableRawPointer(out))
                    edge = agnxtout(graph, out)
                }
                node = agnxtnode(graph, found)
            }
        }
    }
}
