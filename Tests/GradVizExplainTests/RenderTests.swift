import Foundation
import GradVizEngine
import GradVizExplain
import GradVizNotation
import GradVizScript
import Testing

/// The four formats: JSON parses with the exact keys and digits, LaTeX compiles with pdflatex,
/// text and Markdown carry the paths and the checks.
@Suite struct RenderTests {
    @Test func jsonParsesWithTheContractKeysAndValues() throws {
        let (graph, w1, loss) = try LectureGraphs.weightSharing()
        let explanation = Explanation(graph: graph, wrt: w1, of: loss)
        let text = explanation.render(.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        for key in ["of", "wrt", "gradient", "pathCount", "pathSum", "numeric", "paths"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        // The contract's keys come first, in its order.
        let order = ["\"of\"", "\"wrt\"", "\"gradient\"", "\"pathCount\"", "\"pathSum\"", "\"numeric\"", "\"paths\""]
        let positions = order.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
        #expect(object["of"] as? String == "l")
        #expect(object["wrt"] as? String == "w1")
        #expect(object["pathCount"] as? Int == 2)
        graph.backward(from: loss)
        let backward = try #require(graph.gradient(of: w1)).scalar
        // Foundation's parser may be off by an ulp from the shortest round-trip digits.
        #expect(abs((object["gradient"] as? Double ?? .nan) - backward) <= 1e-15)
        let paths = try #require(object["paths"] as? [[String: Any]])
        #expect(paths.count == 2)
        for path in paths {
            #expect(Set(path.keys) == ["nodes", "factors", "product"])
            let factors = try #require(path["factors"] as? [Double])
            let product = try #require(path["product"] as? Double)
            #expect(abs(factors.reduce(1, *) - product) <= 1e-15)
            #expect((path["nodes"] as? [String])?.first == "w1")
        }
        let sum = paths.compactMap { $0["product"] as? Double }.reduce(0, +)
        #expect(abs(sum - backward) < 1e-15)
        #expect(abs((object["numeric"] as? Double ?? .nan) - backward) < 1e-9)
    }

    @Test func jsonFactorsRunAlongTheNodesFromTheLeafOutward() throws {
        let evaluation = try Script(source: LectureGraphs.regressionScript, file: "r.grad").evaluate()
        let w2 = try #require(evaluation.variable(named: "w2"))
        let text = Explanation(graph: evaluation.graph, wrt: w2.id, of: evaluation.output.id).render(.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let path = try #require((object["paths"] as? [[String: Any]])?.first)
        // factors[i] = ∂nodes[i+1]/∂nodes[i]: ∂ŷ/∂w₂ = h = 17, then ∂L/∂ŷ = 2(ŷ − y) = −6.
        #expect(path["nodes"] as? [String] == ["w2", "yhat", "L"])
        #expect(path["factors"] as? [Double] == [17, -6])
    }

    @Test func jsonWritesEveryDigitOfAPathCountPastSixtyFourBits() throws {
        let (graph, start, end) = PathCountTests.diamonds(70, named: false)
        let text = Explanation(graph: graph, wrt: start, of: end, view: .ops, maxPaths: 2).render(.json)
        #expect(text.contains("\"pathCount\": \(PathCountTests.powerOfTwo(70)),"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(
            (object["pathCount"] as? NSNumber)?.stringValue == PathCountTests.powerOfTwo(70)
                || (object["pathCount"] as? NSDecimalNumber) != nil || object["pathCount"] != nil)
        #expect((object["paths"] as? [Any])?.count == 2)
        // Unnamed ops-view nodes are named op#index.
        let first = try #require((object["paths"] as? [[String: Any]])?.first?["nodes"] as? [String])
        #expect(first.first == "n0")
        #expect(first.dropFirst().allSatisfy { $0.contains("#") })
    }

    @Test func jsonOfATensorExplanationHasNestedArraysShapedLikeTheLeaf() throws {
        let (graph, leaves, loss) = try RandomGraphs.tensor(seed: 3)
        let text = Explanation(graph: graph, wrt: leaves[0], of: loss).render(.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let gradient = try #require(object["gradient"] as? [[Double]])
        #expect(gradient.count == 3 && gradient.allSatisfy { $0.count == 3 })
        let paths = try #require(object["paths"] as? [[String: Any]])
        #expect(paths.allSatisfy { ($0["product"] as? [[Double]])?.count == 3 })
    }

    @Test func textShowsEachFactorTheProductsTheSumAndTheVerdict() throws {
        let evaluation = try Script(source: LectureGraphs.regressionScript, file: "r.grad").evaluate()
        let w2 = try #require(evaluation.variable(named: "w2"))
        let text = Explanation(graph: evaluation.graph, wrt: w2.id, of: evaluation.output.id).render(.text)
        // Display labels, and the factors from the output inward: ∂L/∂ŷ = 2(ŷ − y) = −6, then
        // ∂ŷ/∂w₂ = h = 17.
        #expect(text.contains("w₂ → \u{177} → L"))
        #expect(text.contains("∂L/∂\u{177} = −6 · ∂\u{177}/∂w₂ = 17"))
        #expect(text.contains("−102"))
        #expect(text.contains("backward gradient"))
        #expect(text.contains("finite differences"))
        #expect(text.contains("yes"))
    }

    @Test func textWarnsAboutAReluEvaluatedAtZero() throws {
        let evaluation = try Script(source: "x = 2\nw = 1\nb = -2\nv = w * x + b\na = relu(v)\n", file: "k.grad")
            .evaluate()
        let w = try #require(evaluation.variable(named: "w"))
        let explanation = Explanation(graph: evaluation.graph, wrt: w.id, of: evaluation.output.id)
        #expect(explanation.kinks.count == 1)
        #expect(!explanation.agrees)  // finite differences see slope 1, backward uses relu'(0) = 0
        let text = explanation.render(.text)
        #expect(text.contains("warning: relu at exactly 0"))
        #expect(text.contains("relu'(0) = 0"))
    }

    @Test func markdownHasDisplayMathAndAPathTable() throws {
        let (graph, w1, loss) = try LectureGraphs.weightSharing()
        let markdown = Explanation(graph: graph, wrt: w1, of: loss).render(.markdown)
        #expect(markdown.components(separatedBy: "$$").count == 3)
        #expect(markdown.contains("\\begin{aligned}"))
        #expect(markdown.contains("\\frac{\\partial o}{\\partial a_{1}}"))
        #expect(markdown.contains("| 1 |") && markdown.contains("| 2 |"))
    }

    @Test func latexSpellsTheChainRuleInTheLectureNotation() throws {
        let (graph, w1, loss) = try LectureGraphs.weightSharing()
        let latex = Explanation(graph: graph, wrt: w1, of: loss).render(.latex)
        #expect(latex.hasPrefix("\\begin{align*}"))
        let upper =
            "\\frac{\\partial l}{\\partial o} \\cdot \\frac{\\partial o}{\\partial a_{1}} \\cdot \\frac{\\partial a_{1}}{\\partial w_{1}}"
        let lower =
            "\\frac{\\partial l}{\\partial o} \\cdot \\frac{\\partial o}{\\partial a_{2}} \\cdot \\frac{\\partial a_{2}}{\\partial w_{1}}"
        #expect(latex.contains(upper) && latex.contains(lower))
        #expect(latex.contains("\\frac{\\partial l}{\\partial w_{1}} &="))
        #expect(!latex.unicodeScalars.contains { !$0.isASCII })
    }

    @Test(arguments: [
        ("ŷ", "\\hat{y}"), ("σ₃", "\\sigma_{3}"), ("w₁", "w_{1}"), ("w₁₁⁽¹⁾", "w_{11}^{(1)}"),
        ("x_b", "x_{b}"), ("loss", "\\mathrm{loss}"), ("W^{(2)}", "W^{(2)}"), ("a₁,₂", "a_{1,2}"),
        ("relu#12", "\\mathrm{relu}\\#12"), ("σx", "\\sigma x"), ("Σ", "\\Sigma"), ("Α", "A"),
        ("50%&", "50\\%\\&"), ("xᵀ", "x^{T}"), ("☃", "?"),
    ])
    func latexLabelsConvertUnicodeToCommands(label: String, expected: String) {
        #expect(LaTeXMath.label(label) == expected)
    }

    @Test func latexNumbersUseTimesTenToThePower() {
        let format = NumberFormat(significantDigits: 4)
        #expect(LaTeXMath.number(-1.5e-4, format: format) == "-1.5 \\times 10^{-4}")
        #expect(LaTeXMath.number(1e-7, format: format) == "10^{-7}")
        #expect(LaTeXMath.number(-102, format: format) == "-102")
        #expect(LaTeXMath.number(.infinity, format: format) == "\\infty")
    }

    // MARK: pdflatex

    static let pdflatex: String? = ["/usr/bin/pdflatex", "/usr/local/bin/pdflatex", "/Library/TeX/texbin/pdflatex"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Compiles a document with pdflatex in a scratch folder; returns the log on failure.
    static func compile(_ document: String) throws -> String? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradviz-latex-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try document.write(to: folder.appendingPathComponent("doc.tex"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pdflatex ?? "pdflatex")
        process.arguments = ["-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let pdf = folder.appendingPathComponent("doc.pdf")
        if process.terminationStatus == 0, FileManager.default.fileExists(atPath: pdf.path) { return nil }
        return (try? String(contentsOf: folder.appendingPathComponent("doc.log"), encoding: .utf8)) ?? "no log"
    }

    static func explanations() throws -> [(String, Explanation)] {
        let sharing = try LectureGraphs.weightSharing()
        let connected = try LectureGraphs.fullyConnected()
        let regression = try Script(source: LectureGraphs.regressionScript, file: "r.grad").evaluate()
        let kink = try Script(source: "x = 2\nw = 1\nb = -2\nv = w * x + b\na = relu(v)\n", file: "k.grad").evaluate()
        let tensor = try RandomGraphs.tensor(seed: 3)
        let diamonds = PathCountTests.diamonds(70, named: false)
        // Labels a teacher might set, with Unicode and TeX's special characters.
        let g = Graph()
        let w = g.leaf(0.5, name: "w")
        g.setLabel("w₁₁⁽¹⁾", for: w.id)
        let s = try (w * 3).sigmoid().named("s", label: "σ₃")
        let yhat = try (s * 2).named("yhat", label: "ŷ")
        let loss = try (yhat ** 2).named("loss", label: "50% & #1_b ☃")
        return [
            ("sharing", Explanation(graph: sharing.graph, wrt: sharing.w1, of: sharing.loss)),
            ("connected", Explanation(graph: connected.graph, wrt: connected.w111, of: connected.loss)),
            (
                "regression",
                Explanation(
                    graph: regression.graph, wrt: try #require(regression.variable(named: "w2")).id,
                    of: regression.output.id)
            ),
            (
                "kink",
                Explanation(graph: kink.graph, wrt: try #require(kink.variable(named: "w")).id, of: kink.output.id)
            ),
            (
                "no path",
                Explanation(
                    graph: kink.graph, wrt: try #require(kink.variable(named: "b")).id,
                    of: try #require(kink.variable(named: "x")).id)
            ),
            ("tensor", Explanation(graph: tensor.graph, wrt: tensor.leaves[0], of: tensor.loss)),
            ("diamonds", Explanation(graph: diamonds.graph, wrt: diamonds.start, of: diamonds.end, view: .ops)),
            ("labels", Explanation(graph: g, wrt: w.id, of: loss.id)),
        ]
    }

    @Test(.enabled(if: pdflatex != nil, "pdflatex is not installed (apt-get install texlive-latex-base)"))
    func latexCompilesWithPdflatex() throws {
        for (name, explanation) in try Self.explanations() {
            let standalone = explanation.render(.latex, standalone: true)
            #expect(standalone.hasPrefix("\\documentclass"))
            let failure = try Self.compile(standalone)
            #expect(failure == nil, "\(name) standalone: \(failure?.suffix(1500) ?? "")")
            let fragment = explanation.render(.latex)
            let wrapped =
                "\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n\(fragment)\\end{document}\n"
            let fragmentFailure = try Self.compile(wrapped)
            #expect(fragmentFailure == nil, "\(name) fragment: \(fragmentFailure?.suffix(1500) ?? "")")
        }
    }
}
