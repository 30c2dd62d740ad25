import CGraphviz

extension GraphvizSession {
    /// Renders frames that share one layout, laying out only when a frame cannot be drawn on the
    /// last layout; see `Renderer.renderFrames`. `rendered` gets each frame's result in order.
    func renderFrames(
        dots: [String], format: RenderFormat, options: RenderOptions,
        rendered: (Int, RenderResult) throws(RenderError) -> Void
    ) throws(RenderError) -> Int {
        guard let plugin = format.graphvizFormat else {
            for (index, dot) in dots.enumerated() { try rendered(index, RenderResult(data: Array(dot.utf8))) }
            return dots.count
        }
        try Self.check(options)
        lock.lock()
        defer { lock.unlock() }
        let gvc = try openContext()
        Self.measureWithPango(format != .svg)
        defer { Self.measureWithPango(false) }
        // The last graph laid out, which later frames are drawn on while they fit it.
        var reference: (graph: UnsafeMutablePointer<Agraph_t>, capped: Bool, overflow: RenderResult.Overflow?)?
        defer {
            if let reference {
                gvFreeLayout(gvc, reference.graph)
                agclose(reference.graph)
            }
        }
        var layouts = 0
        for (index, dot) in dots.enumerated() {
            let preparationStart = clock.now
            let pangoSpansBefore = Self.pangoSpans()
            GraphvizMessages.reset()
            let (graph, extraGraphs) = try read(dot)
            let capped: Bool
            do {
                capped = try prepare(graph, format: format, options: options)
            } catch {
                agclose(graph)
                throw error
            }
            if let current = reference, current.capped == capped, gvz_adopt(current.graph, graph) == 1 {
                agclose(graph)
                let preparation = clock.now - preparationStart
                var result = try output(
                    current.graph, gvc: gvc, plugin: plugin, format: format, extraGraphs: extraGraphs,
                    capped: capped, preparationDuration: preparation, layoutDuration: .zero,
                    pangoSpansBefore: pangoSpansBefore)
                result.overflow = current.overflow
                try rendered(index, result)
                continue
            }
            // A frame of its own layout (the first, or one that does not fit the last layout).
            if let old = reference {
                gvFreeLayout(gvc, old.graph)
                agclose(old.graph)
                reference = nil
            }
            gvz_declare_drawing_attributes(graph)
            let layoutStart = clock.now
            let laidOut = gvLayout(gvc, graph, "dot")
            reference = (graph, capped, nil)
            layouts += 1
            let layoutDuration = clock.now - layoutStart
            guard laidOut == 0, agerrors() == 0 else {
                throw failure("Graphviz could not lay out the graph")
            }
            let overflow = DrawingScale.bound(graph, minimum: options.minimumScale)
            reference?.overflow = overflow
            var result = try output(
                graph, gvc: gvc, plugin: plugin, format: format, extraGraphs: extraGraphs, capped: capped,
                preparationDuration: layoutStart - preparationStart, layoutDuration: layoutDuration,
                pangoSpansBefore: pangoSpansBefore)
            result.overflow = overflow
            try rendered(index, result)
        }
        return layouts
    }
}
