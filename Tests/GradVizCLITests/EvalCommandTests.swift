import Foundation
import GradVizTestFixtures
import Testing

/// `gradviz eval` end to end, as a process.
@Suite struct EvalCommandTests {
    /// `samples/regression.grad`.
    static let regression = LectureFixtures.regression

    @Test func jsonReportsTheLectureRegressionGradients() throws {
        let directory = try GradViz.scratch(["regression.grad": Self.regression])
        let result = try GradViz.run(["eval", "regression.grad", "--format", "json"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["output"] as? String == "L")
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        #expect(nodes.map { $0["name"] as? String } == ["x", "w1", "b1", "w2", "b2", "y", "yhat", "L"])
        let byName = Dictionary(uniqueKeysWithValues: nodes.map { ($0["name"] as? String ?? "", $0) })
        // Hand-derived in the lecture: ŷ = 37, L = 9, ∂L/∂w2 = 2(ŷ − y)·h = −6·17.
        #expect(byName["yhat"]?["value"] as? Double == 37)
        #expect(byName["L"]?["value"] as? Double == 9)
        #expect(byName["w2"]?["grad"] as? Double == -102)
        #expect(byName["w1"]?["grad"] as? Double == -36)
        #expect(byName["b1"]?["grad"] as? Double == -12)
        #expect(byName["b2"]?["grad"] as? Double == -6)
        #expect(byName["x"]?["shape"] as? [Int] == [])
    }

    @Test func jsonWritesTensorsAsNestedArraysWithTheirShape() throws {
        let directory = try GradViz.scratch(["t.grad": "W = [[1, 2], [3, 4]]\nv = [1, -1]\nL = sum(W @ v)\n"])
        let result = try GradViz.run(["eval", "t.grad", "--format", "json"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        #expect(nodes[0]["shape"] as? [Int] == [2, 2])
        #expect(nodes[0]["value"] as? [[Double]] == [[1, 2], [3, 4]])
        // ∂ΣWv/∂W = 1·vᵀ per row.
        #expect(nodes[0]["grad"] as? [[Double]] == [[1, -1], [1, -1]])
        #expect(nodes[1]["grad"] as? [Double] == [4, 6])
    }

    @Test func textListsEveryVariableWithValueAndGradient() throws {
        let directory = try GradViz.scratch(["regression.grad": Self.regression])
        let result = try GradViz.run(["eval", "regression.grad"], in: directory)
        #expect(result.status == 0)
        let w2 = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("w2 ") })
        #expect(w2.contains("−102"))
    }

    @Test func badInputExitsTwoWithAPositionedDiagnostic() throws {
        let directory = try GradViz.scratch(["bad.grad": "x = 3\ny = x +* 2\n"])
        let result = try GradViz.run(["eval", "bad.grad"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("bad.grad:2:"))
        #expect(result.stderr.contains("error:"))
        #expect(result.stdout.isEmpty)
    }

    @Test func missingFileExitsTwo() throws {
        let directory = try GradViz.scratch([:])
        let result = try GradViz.run(["eval", "nowhere.grad"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("nowhere.grad"))
    }

    @Test func badUsageExitsSixtyFour() throws {
        let directory = try GradViz.scratch(["r.grad": Self.regression])
        #expect(try GradViz.run(["eval", "r.grad", "--format", "yaml"], in: directory).status == 64)
        #expect(try GradViz.run(["eval", "r.grad", "--no-such-option"], in: directory).status == 64)
        #expect(try GradViz.run(["eval"], in: directory).status == 64)
    }

    @Test func ofPicksAnotherOutputAndAnUnknownOneIsBadInput() throws {
        let directory = try GradViz.scratch(["r.grad": Self.regression])
        let result = try GradViz.run(["eval", "r.grad", "--format", "json", "--of", "yhat"], in: directory)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("{\"output\": \"yhat\""))
        #expect(try GradViz.run(["eval", "r.grad", "--of", "nope"], in: directory).status == 2)
    }

    @Test(arguments: ["0", "18", "100"])
    func aPrecisionOutsideOneToSeventeenIsAUsageError(precision: String) throws {
        let directory = try GradViz.scratch(["sum.grad": "a = 1\nb = 2\nc = a + b\n"])
        let result = try GradViz.run(["eval", "sum.grad", "--precision", precision], in: directory)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
