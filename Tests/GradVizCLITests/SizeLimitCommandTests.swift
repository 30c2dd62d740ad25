import Foundation
import Testing

/// Issue 9's reproducer through the binary, smaller: a chain `a0 = 1`, `a1 = a0 + 1`, … past
/// the renderer's 20 000 objects is refused by render (svg and the html page) and frames as soon
/// as the figure knows its size: Graphviz never reads its DOT.
@Suite struct SizeLimitCommandTests {
    static let chain = (["a0 = 1"] + (1...10_000).map { "a\($0) = a\($0 - 1) + 1" }).joined(separator: "\n") + "\n"
    static let refusal =
        "chain.grad: error: the graph is too large to draw (10001 nodes and 10000 edges; the limit is 20000 in all)"

    @Test func aChainTooLargeToDrawIsRefusedBeforeGraphvizReadsIt() throws {
        let directory = try GradViz.scratch(["chain.grad": Self.chain])
        defer { try? FileManager.default.removeItem(at: directory) }
        let svg = try GradViz.run(["render", "chain.grad", "-o", "chain.svg", "--timings"], in: directory)
        #expect(svg.status == 2)
        let lines = svg.stderr.split(separator: "\n").map(String.init)
        let error = try #require(lines.first { $0.contains(": error: ") })
        #expect(error.hasPrefix(Self.refusal))
        #expect(error.hasSuffix("; try --prune --wrt a0"))
        // The stages that ran: evaluation and the figure, which stopped at its size; no
        // Graphviz stage, and no note about a large figure's labels (none were written).
        let timings = try #require(lines.first { $0.hasPrefix("chain.grad: timings: ") })
        #expect(timings.contains("evaluate") && timings.contains("figure and DOT"))
        #expect(!timings.contains("graphviz") && !timings.contains("layout"))
        #expect(!svg.stderr.contains("note:"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("chain.svg").path))

        let page = try GradViz.run(["render", "chain.grad", "-o", "chain.html"], in: directory)
        #expect(page.status == 2)
        #expect(page.stderr.hasPrefix(Self.refusal), "\(page.stderr.prefix(300))")
        let frames = try GradViz.run(["frames", "chain.grad", "-o", "frames", "--format", "svg"], in: directory)
        #expect(frames.status == 2)
        #expect(frames.stderr.hasPrefix(Self.refusal), "\(frames.stderr.prefix(300))")
    }
}
