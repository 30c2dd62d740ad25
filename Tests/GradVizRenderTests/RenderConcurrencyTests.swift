import GradVizRender
import Testing

/// Many simultaneous callers get correct, uncorrupted results, and one caller's failure stays
/// its own: Graphviz reports errors through process-wide hooks, so a mix-up would show as a
/// failure's message in another render's warnings, or a label in the wrong drawing.
@Suite struct RenderConcurrencyTests {
    /// Render `index`'s DOT: every fourth one is malformed on a line of its own
    /// (`errorLine(index)`), the others are a chain of `index % 5 + 2` nodes labelled with their
    /// render's index.
    static func dot(_ index: Int) -> String {
        if index % 4 == 3 { return "digraph bad {" + String(repeating: "\n", count: errorLine(index) - 1) + "n -> ; }" }
        let labels = Self.labels(index)
        let nodes = labels.enumerated().map { "n\($0.offset) [label=\"\($0.element)\"];" }.joined(separator: " ")
        let edges = labels.indices.dropFirst().map { "n\($0 - 1) -> n\($0);" }.joined(separator: " ")
        return "digraph g\(index) { \(nodes) \(edges) }"
    }

    static func errorLine(_ index: Int) -> Int { index / 4 + 2 }

    /// The formats Graphviz draws (``RenderFormat/dot`` is returned unread), in turn.
    static func format(_ index: Int) -> RenderFormat {
        let drawn = RenderFormat.allCases.filter { $0 != .dot }
        return drawn[index % drawn.count]
    }

    static func labels(_ index: Int) -> [String] { (0..<(index % 5 + 2)).map { "r\(index)·\($0)" } }

    @Test func concurrentRendersAndFailuresKeepTheirOwnOutputAndMessages() async throws {
        let count = 64
        let outcomes = await withTaskGroup(of: (Int, Result<RenderResult, RenderError>).self) { group in
            for index in 0..<count {
                group.addTask {
                    let format = Self.format(index)
                    return (
                        index,
                        Result { () throws(RenderError) in try Renderer.render(dot: Self.dot(index), format: format) }
                    )
                }
            }
            var collected: [Int: Result<RenderResult, RenderError>] = [:]
            for await (index, outcome) in group { collected[index] = outcome }
            return collected
        }
        #expect(outcomes.count == count)
        for (index, outcome) in outcomes.sorted(by: { $0.key < $1.key }) {
            if index % 4 == 3 {
                // The malformed ones fail, each with its own syntax error and no other.
                switch outcome {
                case .success: Issue.record("render \(index) of malformed DOT succeeded")
                case .failure(let error):
                    #expect(error.message.contains("line \(Self.errorLine(index))"), "\(index): \(error.message)")
                    #expect(
                        error.message.components(separatedBy: "syntax error").count == 2, "\(index): \(error.message)")
                }
                continue
            }
            let result = try outcome.get()
            // No other render's error leaked into this one's warnings.
            #expect(result.warnings.isEmpty, "\(index): \(result.warnings)")
            switch Self.format(index) {
            case .svg:
                // Exactly this render's labels: none missing, none from another caller.
                let svg = try #require(SVGDocument(result.data))
                #expect(svg.texts.sorted() == Self.labels(index).sorted(), "\(index): \(svg.texts)")
            case .png:
                #expect(PNGHeader(result.data) != nil)
            case .pdf:
                #expect(result.data.starts(with: Array("%PDF".utf8)))
            case .dot:
                Issue.record("\(index): DOT is not drawn, so it is not among the formats raced here")
            }
        }
    }
}
