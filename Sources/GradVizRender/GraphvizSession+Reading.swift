import CGraphviz

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension GraphvizSession {
    /// Parses the first graph in `dot`; also returns how many more graphs followed it. Requires
    /// `lock`.
    ///
    /// cgraph's DOT lexer is global and keeps what it buffered past the end of a graph for the
    /// next read (that is how `dot` reads several graphs from one file). Left there, a second
    /// graph or stray text after this one would be parsed in place of the next caller's DOT. So
    /// the text is read through one stream, and the rest of it is read out here until the lexer
    /// reaches its end and resets itself.
    ///
    /// The graph is read with `gvz_sequential_disc()`, which numbers objects in creation order:
    /// with cgraph's default ids (the addresses of the name strings) subgraphs are visited in heap
    /// order, so the same DOT could come out with its clusters drawn in a different order (and
    /// an anonymous graph's "%N" title counted anonymous objects across the whole process).
    func read(_ dot: String) throws(RenderError) -> (graph: UnsafeMutablePointer<Agraph_t>, extraGraphs: Int) {
        let bytes = Array(dot.utf8)
        guard bytes.contains(where: { !Self.isSpace($0) }) else {
            throw RenderError(message: "the DOT text is empty")
        }
        // cgraph reads from a C stream; give it a copy that lives as long as the stream.
        let text = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        defer { text.deallocate() }
        text.copyBytes(from: bytes)
        guard let stream = fmemopen(text.baseAddress, text.count, "r") else {
            throw RenderError(message: "could not open the DOT text for reading")
        }
        defer { fclose(stream) }

        agsetfile(nil)  // restarts the line count used in messages
        guard let graph = agread(UnsafeMutableRawPointer(stream), gvz_sequential_disc()) else {
            // A failed read has already flushed the lexer.
            throw failure("Graphviz found no graph in the DOT text")
        }
        var extraGraphs = 0
        // Each read consumes at least one graph of the finite rest; the end of the stream ends
        // the loop and flushes the lexer.
        while let extra = agread(UnsafeMutableRawPointer(stream), gvz_sequential_disc()) {
            agclose(extra)
            extraGraphs += 1
        }
        guard agerrors() == 0 else {
            agclose(graph)
            throw failure("Graphviz could not read the text after the first graph")
        }
        return (graph, extraGraphs)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}
