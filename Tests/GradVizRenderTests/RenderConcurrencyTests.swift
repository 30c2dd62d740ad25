import GradVizRender
import Testing

/// Many simultaneous callers get correct, uncorrupted results.
@Suite struct RenderConcurrencyTests {
    @Test func manyConcurrentRendersAllSucceed() async throws {
        let count = 48
        let outcomes = await withTaskGroup(of: (Int, Result<RenderResult, RenderError>).self) { group in
            for index in 0..<count {
                group.addTask {
                    let format = RenderFormat.allCases[index % RenderFormat.allCases.count]
                    let dot = "digraph g\(index) { n\(index) [label=\"node \(index)\"]; n\(index) -> sink; }"
                    return (index, Result { () throws(RenderError) in
                        try Renderer.render(dot: dot, format: format)
                    })
                }
            }
            var collected: [Int: Result<RenderResult, RenderError>] = [:]
            for await (index, outcome) in group { collected[index] = outcome }
            return collected
        }
        #expect(outcomes.count == count)
        for (index, outcome) in outcomes.sorted(by: { $0.key < $1.key }) {
            let result = try outcome.get()
            switch RenderFormat.allCases[index % RenderFormat.allCases.count] {
            case .svg:
                // Each render got its own graph: no cross-talk between callers.
                let svg = try #require(SVGDocument(result.data))
                #expect(svg.texts.contains("node \(index)"))
            case .png:
                #expect(PNGHeader(result.data) != nil)
            case .pdf:
                #expect(result.data.starts(with: Array("%PDF".utf8)))
            }
        }
    }
}
