import Foundation
import Testing

/// `--max-paths` past the listing ceiling (1000 paths): bad input, exit 2, saying how many paths
/// there are, before any listing is done (issue 9: 48 diamonds, 2⁴⁸ paths, grew to 5.3 GB in
/// 30 s and printed nothing); a number past the ceiling on a graph with fewer paths lists them all.
@Suite struct BoundedListingCommandTests {
    /// `x0 → (sigmoid, tanh) → sum`, `count` times: 2^count paths from x0 to the last x.
    static func diamonds(_ count: Int) -> String {
        var lines = ["x0 = 0.5"]
        for index in 1...count {
            lines += [
                "a\(index) = sigmoid(x\(index - 1))", "b\(index) = tanh(x\(index - 1))",
                "x\(index) = a\(index) + b\(index)",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func explainRefusesToListMoreThanTheCeilingAndSaysHowManyPathsThereAre() throws {
        let directory = try GradViz.scratch(["d48.grad": Self.diamonds(48), "d11.grad": Self.diamonds(11)])
        let huge = try GradViz.run(["explain", "d48.grad", "--wrt", "x0", "--max-paths", "1000000000"], in: directory)
        #expect(huge.status == 2)
        #expect(huge.stdout.isEmpty)
        #expect(
            huge.stderr.hasPrefix(
                "d48.grad: error: --max-paths: x0 has 281474976710656 paths to x48, and at most 1000"),
            "\(huge.stderr)")
        // 2048 paths, 1001 asked for: also refused (before, it listed them all).
        let over = try GradViz.run(
            ["explain", "d11.grad", "--wrt", "x0", "--max-paths", "1001", "--format", "json"], in: directory)
        #expect(over.status == 2 && over.stderr.contains("x0 has 2048 paths"), "\(over.stderr)")
        let at = try GradViz.run(
            ["explain", "d11.grad", "--wrt", "x0", "--max-paths", "1000", "--format", "json"], in: directory)
        #expect(at.status == 0, "\(at.stderr)")
        #expect(JSONText(at.stdout)?["paths"]?.elements?.count == 1000)
    }

    @Test func aNumberPastTheCeilingListsEveryPathOfASmallGraph() throws {
        let directory = try GradViz.scratch(["d3.grad": Self.diamonds(3)])
        let result = try GradViz.run(
            ["explain", "d3.grad", "--wrt", "x0", "--max-paths", "1000000000", "--format", "json"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(JSONText(result.stdout)?["paths"]?.elements?.count == 8)
    }

    @Test func renderRefusesALegendPastTheCeiling() throws {
        let directory = try GradViz.scratch(["d48.grad": Self.diamonds(48)])
        let result = try GradViz.run(
            ["render", "d48.grad", "--wrt", "x0", "--max-paths", "1000000000", "-o", "d.dot"], in: directory)
        #expect(result.status == 2)
        #expect(
            result.stderr.contains("d48.grad: error: --max-paths: x0 has 281474976710656 paths"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("d.dot").path))
    }
}
