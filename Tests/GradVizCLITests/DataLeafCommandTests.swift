import Foundation
import Testing

/// Data leaves (`constant x y`) through the real binary: no gradient in `eval`, skipped by
/// `check`, refused as a `--wrt` target with a clear message.
@Suite struct DataLeafCommandTests {
    static let classifier = """
        constant x t
        x = [1, -2]
        t = 1
        W = [[0.5, -1], [2, 0.25]]
        a0 = x
        z = W @ a0
        L = cross_entropy(z, t)
        """

    @Test func evalJSONGivesDataANullGradient() throws {
        let directory = try GradViz.scratch(["c.grad": Self.classifier])
        let result = try GradViz.run(["eval", "c.grad", "--format", "json"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: nodes.map { ($0["name"] as? String ?? "", $0) })
        #expect(byName["x"]?["grad"] is NSNull)
        #expect(byName["t"]?["grad"] is NSNull)
        #expect(byName["W"]?["grad"] is [[Double]])
        #expect(byName["a0"]?["grad"] is [Double])
    }

    @Test func checkSkipsDataAndRefusesItAsATarget() throws {
        let directory = try GradViz.scratch(["c.grad": Self.classifier])
        let all = try GradViz.run(["check", "c.grad"], in: directory)
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains("all 1 leaf agrees"))
        #expect(!all.stdout.contains("\n   x "))
        let data = try GradViz.run(["check", "c.grad", "--wrt", "t"], in: directory)
        #expect(data.status == 2)
        #expect(data.stderr == "c.grad: error: 't' is data (marked 'constant'): it has no gradient for --wrt\n")
        let explain = try GradViz.run(["explain", "c.grad", "--wrt", "x"], in: directory)
        #expect(explain.status == 2)
        #expect(explain.stderr.contains("'x' is data"))
        let render = try GradViz.run(["render", "c.grad", "--wrt", "x", "-o", "c.svg"], in: directory)
        #expect(render.status == 2)
        #expect(render.stderr.contains("'x' is data"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("c.svg").path))
    }

    @Test func misspeltTargetsGetADidYouMean() throws {
        let directory = try GradViz.scratch(["c.grad": Self.classifier])
        let explain = try GradViz.run(["explain", "c.grad", "--wrt", "w"], in: directory)
        #expect(explain.status == 2)
        #expect(explain.stderr.contains("unknown variable 'w' for --wrt; did you mean 'W'?"))
        let eval = try GradViz.run(["eval", "c.grad", "--of", "LL"], in: directory)
        #expect(eval.status == 2)
        #expect(eval.stderr.contains("did you mean 'L'?"))
    }
}
