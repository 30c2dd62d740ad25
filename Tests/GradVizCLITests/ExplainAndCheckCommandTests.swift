import Foundation
import Testing

/// `gradviz explain` and `gradviz check` end to end, as processes.
@Suite struct ExplainAndCheckCommandTests {
    /// The lecture's weight sharing: L(y, σ3[σ1(w1·x1), σ2(w1·x1)]).
    static let sharing = """
        x1 = 0.5
        w1 = 1.5
        y = 1
        a1 = sigmoid(w1 * x1)
        a2 = tanh(w1 * x1)
        o = sigmoid(a1 + a2)
        l = (o - y) ^ 2
        """

    @Test func explainJSONListsBothPathsOfTheSharedWeight() throws {
        let directory = try GradViz.scratch(["sharing.grad": Self.sharing])
        let result = try GradViz.run(["explain", "sharing.grad", "--wrt", "w1", "--format", "json"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["of"] as? String == "l")
        #expect(object["wrt"] as? String == "w1")
        #expect(object["pathCount"] as? Int == 2)
        let paths = try #require(object["paths"] as? [[String: Any]])
        #expect(
            Set(paths.compactMap { $0["nodes"] as? [String] }) == [["w1", "a1", "o", "l"], ["w1", "a2", "o", "l"]])
        let gradient = try #require(object["gradient"] as? Double)
        let sum = try #require(object["pathSum"] as? Double)
        let numeric = try #require(object["numeric"] as? Double)
        let products = paths.compactMap { $0["product"] as? Double }
        #expect(abs(products.reduce(0, +) - gradient) < 1e-12)
        #expect(abs(sum - gradient) < 1e-12)
        #expect(abs(numeric - gradient) < 1e-7)
    }

    @Test func explainRejectsAnUnknownVariable() throws {
        let directory = try GradViz.scratch(["sharing.grad": Self.sharing])
        let result = try GradViz.run(["explain", "sharing.grad", "--wrt", "w9"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("w9"))
    }

    @Test func everyCommandNamesAnUnknownWrtInTheSameWords() throws {
        let directory = try GradViz.scratch(["sharing.grad": Self.sharing])
        for command in [["explain"], ["check"], ["render", "-o", "out.svg"]] {
            let result = try GradViz.run(command + ["sharing.grad", "--wrt", "w9"], in: directory)
            #expect(result.status == 2, "\(command)")
            #expect(
                result.stderr.contains("sharing.grad: error: unknown variable 'w9' for --wrt"),
                "\(command): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.svg").path))
    }

    @Test func checkPassesOnACorrectGraphAndReportsAKinkAsAWarning() throws {
        let directory = try GradViz.scratch([
            "sharing.grad": Self.sharing,
            "kink.grad": "x = 2\nw = 1\nb = -2\nv = w * x + b\na = relu(v)\n",
        ])
        let sharing = try GradViz.run(["check", "sharing.grad"], in: directory)
        #expect(sharing.status == 0, "\(sharing.stdout)\(sharing.stderr)")
        let kink = try GradViz.run(["check", "kink.grad"], in: directory)
        #expect(kink.status == 0, "\(kink.stdout)\(kink.stderr)")
        #expect(kink.stdout.lowercased().contains("relu"))
    }

    @Test func checkSaysInconclusiveInsteadOfFailingWhenFiniteDifferencesCannotMeetTheTolerance() throws {
        // With zero tolerance the finite-difference estimate, which carries rounding error,
        // cannot match the exact gradient: that is the estimate's limit, not a mismatch. The
        // check passes on the exact comparison with the path sum and says why.
        let directory = try GradViz.scratch([
            "e.grad": "x = 0.3\ny = exp(x) * tanh(x)\n",
            "big.grad": "x = 2\nw = 600\nL = x + w^4\n",
        ])
        let result = try GradViz.run(["check", "e.grad", "--rtol", "0", "--atol", "0"], in: directory)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("finite differences inconclusive"))
        #expect(!result.stdout.contains("MISMATCH"))
        let loose = try GradViz.run(["check", "e.grad"], in: directory)
        #expect(loose.status == 0, "\(loose.stdout)")
        #expect(!loose.stdout.contains("inconclusive"))
        let big = try GradViz.run(["check", "big.grad"], in: directory)
        #expect(big.status == 0, "\(big.stdout)")
        #expect(!big.stdout.contains("MISMATCH"))
    }

    @Test func checkExitsTwoOnBadInput() throws {
        let directory = try GradViz.scratch(["bad.grad": "x = [1, 2\n"])
        let result = try GradViz.run(["check", "bad.grad"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("bad.grad:1:"))
    }

    @Test func explainExpandedListsTheTwoPathsOfTheSlidesWeightEntry() throws {
        let sample = GradViz.repository.appendingPathComponent("samples/fully_connected_matrix.grad").path
        let result = try GradViz.run(["explain", sample, "--expand", "--wrt", "W1[1,1]", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["wrt"] as? String == "W1[1,1]")
        #expect(object["pathCount"] as? Int == 2)
        let paths = try #require(object["paths"] as? [[String: Any]])
        #expect(
            Set(paths.compactMap { $0["nodes"] as? [String] })
                == [["W1[1,1]", "a1[1]", "a2[1]", "o", "l"], ["W1[1,1]", "a1[1]", "a2[2]", "o", "l"]])
        // The scalar sample's numbers: the same two products.
        let scalar = try GradViz.run(
            [
                "explain", GradViz.repository.appendingPathComponent("samples/fully_connected.grad").path, "--wrt",
                "w_11_1",
                "--format", "json",
            ])
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(scalar.stdout.utf8)) as? [String: Any])
        let products = paths.compactMap { $0["product"] as? Double }
        let expected = (reference["paths"] as? [[String: Any]] ?? []).compactMap { $0["product"] as? Double }
        #expect(products.count == 2 && products == expected, "\(products) vs \(expected)")
        #expect(object["gradient"] as? Double == reference["gradient"] as? Double)
    }

    @Test func checkAndEvalExpandEveryEntry() throws {
        let sample = GradViz.repository.appendingPathComponent("samples/tensor_model.grad").path
        let check = try GradViz.run(["check", sample, "--expand"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        for entry in ["W1[1,1]", "W1[3,2]", "W2[1,3]", "x[2]"] { #expect(check.stdout.contains(entry), "\(entry)") }
        let eval = try GradViz.run(["eval", sample, "--expand", "--format", "json"])
        #expect(eval.status == 0, "\(eval.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any])
        let names = (object["nodes"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names.contains("W1[3,2]") && names.contains("h[3]") && names.contains("L"))
        #expect(!names.contains("W1"))
    }

    @Test func expandingTooLargeAGraphIsAnErrorNamingTheLargestTensor() throws {
        let row = "[" + Array(repeating: "0.5", count: 60).joined(separator: ", ") + "]"
        let directory = try GradViz.scratch([
            "big.grad":
                "x = \(row)\nW = [\(Array(repeating: row, count: 60).joined(separator: ", "))]\nl = sum(W @ x)\n"
        ])
        for command in ["explain", "check", "eval", "render"] {
            let arguments = [command, "big.grad", "--expand"] + (command == "explain" ? ["--wrt", "W[1,1]"] : [])
            let result = try GradViz.run(arguments, in: directory)
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(result.stderr.hasPrefix("big.grad: error: expanding gives"), "\(command): \(result.stderr)")
            #expect(result.stderr.contains("W [60, 60] (3600 entries)"), "\(command): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("output/big.svg").path))
    }

    @Test func anEntryIsAcceptedWithoutExpandingAsItsShareOfTheTensorsPaths() throws {
        let sample = GradViz.repository.appendingPathComponent("samples/tensor_model.grad").path
        let explain = try GradViz.run(["explain", sample, "--wrt", "W1[3,2]", "--format", "json"])
        #expect(explain.status == 0, "\(explain.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(explain.stdout.utf8)) as? [String: Any])
        #expect(object["wrt"] as? String == "W1[3,2]")
        let eval = try GradViz.run(["eval", sample, "--format", "json"])
        let nodes = try #require(
            (try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any])?["nodes"]
                as? [[String: Any]])
        let w1 = try #require(nodes.first { $0["name"] as? String == "W1" }?["grad"] as? [[Double]])
        #expect(object["gradient"] as? Double == w1[2][1])
        #expect(object["pathSum"] as? Double == w1[2][1])
        let check = try GradViz.run(["check", sample, "--wrt", "W1[3,2]", "W2"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("W1[3,2]"))
        let bad = try GradViz.run(["explain", sample, "--wrt", "W1[4,1]"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("W1 has shape [3, 2], which has no entry [4,1]"), "\(bad.stderr)")
    }
}
