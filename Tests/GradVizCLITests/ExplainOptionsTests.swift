import Foundation
import GradVizTestFixtures
import Testing

/// `gradviz explain`'s options and exit statuses from the command line, and diagnostics with
/// their source line and caret.
@Suite struct ExplainOptionsTests {
    static let regression = LectureFixtures.regressionNamingH

    static func run(_ arguments: [String]) throws -> GradViz.Result {
        let directory = try GradViz.scratch([
            "r.grad": regression, "kink.grad": "x = 2\nw = 1\nb = -2\nv = w * x + b\na = relu(v)\n",
        ])
        return try GradViz.run(arguments, in: directory)
    }

    static func json(_ arguments: [String]) throws -> JSONText {
        let result = try run(arguments + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(JSONText(result.stdout), "\(result.stdout)")
    }

    @Test func ofTakesTheGradientOfAnotherVariable() throws {
        // ∂ŷ/∂w₁ = w₂·x = 6 (the loss's would be −36).
        let object = try Self.json(["explain", "r.grad", "--wrt", "w1", "--of", "yhat"])
        #expect(object["of"]?.string == "yhat")
        #expect(object["gradient"]?.double == 6)
        let loss = try Self.json(["explain", "r.grad", "--wrt", "w1"])
        #expect(loss["of"]?.string == "L")
        #expect(loss["gradient"]?.double == -36)
    }

    @Test func viewOpsListsPathsOverPrimitiveOps() throws {
        let vars = try Self.json(["explain", "r.grad", "--wrt", "w1"])
        let ops = try Self.json(["explain", "r.grad", "--wrt", "w1", "--view", "ops"])
        #expect(vars["view"]?.string == "vars" && ops["view"]?.string == "ops")
        let varsNodes = try #require(vars["paths"]?.elements?.first?["nodes"]?.elements).compactMap(\.string)
        let opsNodes = try #require(ops["paths"]?.elements?.first?["nodes"]?.elements).compactMap(\.string)
        #expect(varsNodes == ["w1", "h", "yhat", "L"])
        // w1 → w1·x → h → w2·h → yhat → yhat − y → L: the unnamed ops in between appear.
        #expect(opsNodes.count > varsNodes.count, "\(opsNodes)")
        #expect(opsNodes.first == "w1" && opsNodes.last == "L")
        #expect(ops["gradient"]?.double == -36)
    }

    @Test func maxPathsListsFewerButCountsAndSumsThemAll() throws {
        let sharing = try GradViz.scratch(["s.grad": ExplainAndCheckCommandTests.sharing])
        let result = try GradViz.run(
            ["explain", "s.grad", "--wrt", "w1", "--format", "json", "--max-paths", "1"], in: sharing)
        let object = try #require(JSONText(result.stdout))
        #expect(object["paths"]?.elements?.count == 1)
        #expect(object["pathCount"]?.literal == "2")
        let all = try #require(
            JSONText(try GradViz.run(["explain", "s.grad", "--wrt", "w1", "--format", "json"], in: sharing).stdout))
        #expect(object["pathSum"] == all["pathSum"])
        // The one listed is the larger |product|.
        let products = try #require(all["paths"]?.elements).compactMap { $0["product"]?.double }
        let kept = try #require(object["paths"]?.elements?.first?["product"]?.double)
        #expect(abs(kept) == products.map(abs).max())
    }

    @Test func everyFormatPrintsItsOwnKindOfDocument() throws {
        let text = try Self.run(["explain", "r.grad", "--wrt", "w2"])
        #expect(text.status == 0)
        #expect(
            text.stdout.split(separator: "\n").contains { $0.hasPrefix("backward gradient") && $0.hasSuffix(" −102") })
        let latex = try Self.run(["explain", "r.grad", "--wrt", "w2", "--format", "latex"])
        #expect(latex.status == 0)
        #expect(latex.stdout.hasPrefix("\\begin{align*}"))
        #expect(latex.stdout.contains("-102"))
        let standalone = try Self.run(["explain", "r.grad", "--wrt", "w2", "--format", "latex", "--standalone"])
        #expect(standalone.stdout.hasPrefix("\\documentclass"))
        #expect(standalone.stdout.contains("\\begin{document}") && standalone.stdout.contains("\\end{document}"))
        let markdown = try Self.run(["explain", "r.grad", "--wrt", "w2", "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.hasPrefix("### "))
        #expect(markdown.stdout.components(separatedBy: "$$").count == 3)
        #expect(markdown.stdout.contains("- backward gradient: −102"))
        #expect(try Self.json(["explain", "r.grad", "--wrt", "w2"])["gradient"]?.double == -102)
    }

    @Test(arguments: [
        ["explain", "r.grad"], ["explain", "r.grad", "--wrt", "w1", "--format", "yaml"],
        ["explain", "r.grad", "--wrt", "w1", "--view", "both"],
        ["explain", "r.grad", "--wrt", "w1", "--max-paths", "-1"],
        ["explain", "r.grad", "--wrt", "w1", "--precision", "0"], ["explain", "--wrt", "w1"],
        ["check", "r.grad", "--rtol", "-1"], ["check", "r.grad", "--atol", "-1"], ["check", "r.grad", "--nope"],
        ["check"],
    ])
    func badUsageExitsSixtyFourAndPrintsNothing(arguments: [String]) throws {
        let result = try Self.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.isEmpty)
    }

    /// Decided: `explain` exits 0 whenever it printed its explanation, whatever the verdict (the
    /// verdict is in its output, `agrees` in JSON); `check` is the command whose status is the
    /// verdict. A relu at exactly 0 is such a disagreement.
    @Test func explainExitsZeroOnADisagreementThatCheckReports() throws {
        let object = try Self.json(["explain", "kink.grad", "--wrt", "w"])
        #expect(object["agrees"] == .bool(false))
        #expect(object["gradient"]?.double == 0)
        #expect(object["numeric"]?.double.map { abs($0 - 1) < 1e-6 } == true)
        let text = try Self.run(["explain", "kink.grad", "--wrt", "w"])
        #expect(text.status == 0)
        // The word check gives it (a kink warning), not "no".
        #expect(object["verdict"] == .string("kink"))
        #expect(text.stdout.split(separator: "\n").contains { $0.hasPrefix("agree") && $0.contains("kink warning:") })
        // check reports the kink as a warning (status 0), a real mismatch with status 1
        // (`ExplainAndCheckCommandTests.checkExitsOneWhenTheToleranceCannotBeMet`).
        #expect(try Self.run(["check", "kink.grad"]).status == 0)
    }

    @Test(arguments: [
        ("x = 3\ny = x +* 2\n", 2, 8, "y = x +* 2"),
        ("a = 1\n\nb = a + nope\n", 3, 9, "b = a + nope"),
        ("v = [1, 2]\nW = [[1, 2, 3]]\nz = W @ v\n", 3, 7, "z = W @ v"),
    ])
    func diagnosticsShowTheSourceLineAndACaretUnderTheColumn(
        source: String, line: Int, column: Int, text: String
    ) throws {
        let directory = try GradViz.scratch(["bad.grad": source])
        for command in [
            ["eval", "bad.grad"], ["render", "bad.grad", "-o", "b.svg"], ["explain", "bad.grad", "--wrt", "a"],
            ["check", "bad.grad"],
        ] {
            let result = try GradViz.run(command, in: directory)
            #expect(result.status == 2, "\(command)")
            #expect(result.stdout.isEmpty, "\(command)")
            let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            try #require(lines.count >= 3, "\(command): \(result.stderr)")
            #expect(lines[0].hasPrefix("bad.grad:\(line):\(column): error: "), "\(command): \(lines[0])")
            #expect(lines[1] == text, "\(command): \(lines[1])")
            // The caret sits under the column (1-based), after spaces only.
            #expect(lines[2].hasPrefix(String(repeating: " ", count: column - 1) + "^"), "\(command): '\(lines[2])'")
        }
    }
}
