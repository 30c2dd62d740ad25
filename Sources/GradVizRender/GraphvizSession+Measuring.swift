import CGraphviz

extension GraphvizSession {
    /// Lays out `dot` with the `dot` engine and returns each node's size; see
    /// `Renderer.measureNodes`.
    func measureNodes(dot: String, options: RenderOptions) throws(RenderError) -> [String: NodeSize] {
        lock.lock()
        defer { lock.unlock() }
        let gvc = try openContext()
        GraphvizMessages.reset()
        let (graph, _) = try read(dot)
        defer { agclose(graph) }
        let objects = Int(agnnodes(graph)) + Int(agnedges(graph))
        guard objects <= options.maxObjects else {
            throw RenderError(
                message: "too many labels to measure (\(objects); the limit is \(options.maxObjects))")
        }
        FontDefaults.apply(options.fontName, to: graph)
        VectorResolution.apply(to: graph)
        let laidOut = gvLayout(gvc, graph, "dot")
        defer { gvFreeLayout(gvc, graph) }
        guard laidOut == 0, agerrors() == 0 else {
            throw failure("Graphviz could not lay out the labels to measure")
        }
        // Graphviz writes the laid-out sizes back into the node attributes only when it renders
        // to its own `dot` format; the text itself is not needed.
        var buffer: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        let rendered = gvRenderData(gvc, graph, "dot", &buffer, &length)
        if let buffer { gvFreeRenderData(buffer) }
        guard rendered == 0, agerrors() == 0 else {
            throw failure("Graphviz could not measure the labels")
        }
        _ = GraphvizMessages.drain()
        var sizes: [String: NodeSize] = [:]
        var node = agfstnode(graph)
        while let found = node {
            let object = UnsafeMutableRawPointer(found)
            if let name = agnameof(object),
                let width = gvz_get(object, "width").flatMap({ Double(String(cString: $0)) }),
                let height = gvz_get(object, "height").flatMap({ Double(String(cString: $0)) })
            {
                sizes[String(cString: name)] = NodeSize(
                    width: width * VectorResolution.pointsPerInch, height: height * VectorResolution.pointsPerInch)
            }
            node = agnxtnode(graph, found)
        }
        return sizes
    }
}
