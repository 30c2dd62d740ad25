import Foundation
import GradVizEngine
import GradVizExplain
import GradVizNotation
import GradVizScript
import GradVizTestFixtures
import Testing

/// The four formats: JSON parses with the exact keys and digits, LaTeX compiles with pdflatex,
/// text and Markdown carry the paths and the checks.
@Suite struct ExplanationFormatTests {
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
        // Against the lecture graph worked by hand. Foundation's parser may be off by an ulp
        // from the shortest round-trip digits.
        let byHand = LectureGraphs.WeightSharingByHand.self
        #expect(abs((object["gradient"] as? Double ?? .nan) - byHand.w1) <= 1e-15)
        #expect(abs((object["pathSum"] as? Double ?? .nan) - byHand.w1) <= 1e-15)
        #expect(abs((object["numeric"] as? Double ?? .nan) - byHand.w1) < 1e-9)
        let paths = try #require(object["paths"] as? [[String: Any]])
        #expect(paths.count == 2)
        // The factors of each path, in whichever order the path lists them.
        let byPath: [[String]: (factors: [Double], product: Double)] = [
            ["w1", "a1", "o", "l"]: ([byHand.dlDo, byHand.doDa, byHand.a1 * (1 - byHand.a1) * 0.5], byHand.upper),
            ["w1", "a2", "o", "l"]: ([byHand.dlDo, byHand.doDa, (1 - byHand.a2 * byHand.a2) * 0.5], byHand.lower),
        ]
        for path in paths {
            #expect(Set(path.keys) == ["nodes", "factors", "product", "formula"])
            // ∂ℓ/∂o = 2(o − y), written over the script's names.
            #expect((path["formula"] as? [Any])?.last as? String == "2 * (o - y)")
            let nodes = try #require(path["nodes"] as? [String])
            let expected = try #require(byPath[nodes], "\(nodes)")
            let factors = try #require(path["factors"] as? [Double])
            #expect(close(factors.sorted(), expected.factors.sorted(), relative: 1e-14, absolute: 0), "\(nodes)")
            let product = try #require(path["product"] as? Double)
            #expect(close([product], [expected.product], relative: 1e-14, absolute: 0), "\(nodes)")
        }
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
        // Parsed as a number, it is 2⁷⁰ (exactly representable as a Double).
        #expect((object["pathCount"] as? NSNumber)?.doubleValue == 0x1p70)
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

    /// The value of a `name   value` line of the text format (`backward gradient   −102`).
    static func field(_ name: String, in text: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix(name + " ") }
            .map { $0.dropFirst(name.count).trimmingCharacters(in: .whitespaces) }
    }

    @Test func textShowsEachFactorTheProductsTheSumAndTheVerdict() throws {
        let evaluation = try Script(source: LectureGraphs.regressionScript, file: "r.grad").evaluate()
        let w2 = try #require(evaluation.variable(named: "w2"))
        let text = Explanation(graph: evaluation.graph, wrt: w2.id, of: evaluation.output.id).render(.text)
        // The lecture: one path w₂ → ŷ → L, in display labels, with the factors from the output
        // inward, each as its formula and its number: ∂L/∂ŷ = 2(ŷ − y) = −6, then ∂ŷ/∂w₂ = h = 17.
        let row = try #require(text.split(separator: "\n").first { $0.contains("w₂ → \u{177} → L") }, "\(text)")
        #expect(row.contains("∂L/∂\u{177} = 2(\u{177} − y) = −6 · ∂\u{177}/∂w₂ = h = 17"), "\(row)")
        #expect(row.split(separator: " ").last == "−102", "\(row)")
        #expect(Self.field("sum over the path", in: text)?.hasPrefix("−102 ") == true, "\(text)")
        #expect(Self.field("backward gradient", in: text) == "−102", "\(text)")
        #expect(Self.field("finite differences", in: text) == "−102", "\(text)")
        #expect(Self.field("agree", in: text)?.hasPrefix("yes ") == true, "\(text)")
    }

    @Test func textWarnsAboutAReluEvaluatedAtZero() throws {
        let evaluation = try Script(source: "x = 2\nw = 1\nb = -2\nv = w * x + b\na = relu(v)\n", file: "k.grad")
            .evaluate()
        let w = try #require(evaluation.variable(named: "w"))
        let explanation = Explanation(graph: evaluation.graph, wrt: w.id, of: evaluation.output.id)
        #expect(explanation.kinks.count == 1)
        #expect(!explanation.agrees)  // finite differences see slope 1, backward uses relu'(0) = 0
        let text = explanation.render(.text)
        #expect(Self.field("backward gradient", in: text) == "0", "\(text)")
        #expect(Self.field("finite differences", in: text) == "1", "\(text)")
        // The word check gives the same leaf, not "no": the sum over paths agrees with backward.
        #expect(Self.field("agree", in: text)?.hasPrefix("kink warning: ") == true, "\(text)")
        #expect(explanation.verdict() == .kink)
        #expect(text.contains("warning: relu at exactly 0"))
        #expect(text.contains("relu'(0) = 0"))
        // w's own slopes, 0 from the left and x = 2 from the right, whose average finite
        // differences see; not relu's 0 and 1.
        #expect(text.contains("the average of w's one-sided slopes, (0 + 2)/2 = 1"), "\(text)")
        let slopes = try #require(explanation.kinkSlopes)
        #expect(abs(slopes.left.scalar) < 1e-6 && abs(slopes.right.scalar - 2) < 1e-6)
        #expect(abs((explanation.numeric?.scalar ?? .nan) - slopes.average.scalar) < 1e-6)
    }

    /// explain and check give a kink, an agreement and a mismatch the same word, row by row.
    @Test func explainAndCheckGiveEachLeafTheSameVerdict() throws {
        let source = "x = 0.5\nw = 2\nb = -1\nv = w * x + b\na = relu(v)\nc = 3\nL = a + c * c\n"
        let evaluation = try Script(source: source, file: "k.grad").evaluate()
        let leaves = evaluation.variables.filter(\.isLeaf).map(\.id)
        let report = CheckReport(graph: evaluation.graph, of: evaluation.output.id, leaves: leaves)
        #expect(report.rows.map(\.status) == [.kink, .kink, .kink, .agrees])
        let rendered = report.render()
        for row in report.rows {
            let explanation = Explanation(graph: evaluation.graph, wrt: row.wrt, of: evaluation.output.id)
            #expect(explanation.verdict() == row.status, "\(row.name)")
            let agree = try #require(Self.field("agree", in: explanation.render(.text)))
            #expect(agree.hasPrefix(row.status == .kink ? CheckStatus.kink.word : "yes"), "\(agree)")
        }
        #expect(rendered.contains("  " + CheckStatus.kink.word))
        #expect(!rendered.contains("leaves agree"), "\(rendered)")
        #expect(rendered.contains("all 4 leaves pass (3 kink warnings)"), "\(rendered)")
        // x's slopes are w·relu's: 0 and 2, averaging 1 (the issue's report cited 0.5 beside 1).
        #expect(rendered.contains("x's one-sided slopes, (0 + 2)/2 = 1"), "\(rendered)")
        #expect(rendered.contains("w's one-sided slopes, (0 + 0.5)/2 = 0.25"), "\(rendered)")
    }

    /// A number as the text formats write it, with a real minus sign.
    static func number(_ text: String) -> Double? { Double(text.replacingOccurrences(of: "−", with: "-")) }

    @Test func markdownHasDisplayMathAndAPathTable() throws {
        let (graph, w1, loss) = try LectureGraphs.weightSharing()
        let markdown = Explanation(graph: graph, wrt: w1, of: loss).render(.markdown)
        #expect(markdown.components(separatedBy: "$$").count == 3)
        #expect(markdown.contains("\\begin{aligned}"))
        #expect(markdown.contains("\\frac{\\partial o}{\\partial a_{1}}"))
        // One table row per path, its product in the last column (4 significant digits by
        // default), against the hand-worked graph.
        let byHand = LectureGraphs.WeightSharingByHand.self
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| 1 |") || $0.hasPrefix("| 2 |") }
        #expect(rows.count == 2, "\(markdown)")
        var products: [String: Double] = [:]
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            products[cells[1].contains("a_{1}") ? "upper" : "lower"] = Self.number(cells.last ?? "")
        }
        #expect(close([products["upper"] ?? .nan], [byHand.upper], relative: 5e-4), "\(rows)")
        #expect(close([products["lower"] ?? .nan], [byHand.lower], relative: 5e-4), "\(rows)")
        let summary = markdown.split(separator: "\n").filter { $0.hasPrefix("- ") }
        let backward = summary.first { $0.hasPrefix("- backward gradient: ") }?.split(separator: " ").last
        #expect(
            close([backward.flatMap { Self.number(String($0)) } ?? .nan], [byHand.w1], relative: 5e-4), "\(summary)")
        #expect(summary.contains { $0.hasPrefix("- agree: yes ") }, "\(summary)")
    }

    @Test func latexSpellsTheChainRuleInTheLectureNotation() throws {
        let (graph, w1, loss) = try LectureGraphs.weightSharing()
        let latex = Explanation(graph: graph, wrt: w1, of: loss).render(.latex)
        #expect(latex.hasPrefix("\\begin{align*}"))
        let upper =
            "\\frac{\\partial \\ell}{\\partial o} \\cdot \\frac{\\partial o}{\\partial a_{1}} \\cdot \\frac{\\partial a_{1}}{\\partial w_{1}}"
        let lower =
            "\\frac{\\partial \\ell}{\\partial o} \\cdot \\frac{\\partial o}{\\partial a_{2}} \\cdot \\frac{\\partial a_{2}}{\\partial w_{1}}"
        #expect(latex.contains(upper) && latex.contains(lower))
        #expect(latex.contains("\\frac{\\partial \\ell}{\\partial w_{1}} &="))
        #expect(!latex.unicodeScalars.contains { !$0.isASCII })
    }

    /// ∂L/∂a⁽⁰⁾ of `samples/classifier.grad`, a vector: W⁽¹⁾ᵀ·∂L/∂z⁽¹⁾ = [0.5σ(2), σ(2)] =
    /// [0.440399, 0.880797] by hand (the sample's comment), reached over one path whose first
    /// factor, ∂L/∂z⁽¹⁾ = [σ(2), −σ(2)], is a vector too.
    static func classifierVectorGradient() throws -> Explanation {
        let evaluation = try Script(source: LectureFixtures.sample("classifier"), file: "classifier.grad").evaluate()
        let a0 = try #require(evaluation.variable(named: "a0"))
        return Explanation(graph: evaluation.graph, wrt: a0.id, of: evaluation.output.id)
    }

    @Test func latexAndMarkdownWriteAVectorAsAColumnAndOnOneLineTransposed() throws {
        let explanation = try Self.classifierVectorGradient()
        let digits = NumberFormat(significantDigits: 6)  // as the command line writes numbers
        // Display math: a column, as figures draw a vector and as the lecture writes ŷ = W·x.
        let column = "\\begin{bmatrix} 0.440399 \\\\ 0.880797 \\end{bmatrix}"
        let latex = explanation.render(.latex, numbers: digits)
        #expect(latex.contains("&= " + column), "\(latex)")
        #expect(!latex.contains("0.440399 & 0.880797"), "\(latex)")
        // The checks on one line: the transpose of a row, ASCII in LaTeX's comments.
        #expect(latex.contains("% backward gradient: [0.440399, 0.880797]^T\n"), "\(latex)")
        #expect(!latex.unicodeScalars.contains { !$0.isASCII })
        // A standalone document shows the math alone; the checks are comments there too.
        let standalone = explanation.render(.latex, numbers: digits, standalone: true)
        #expect(standalone.contains("% backward gradient: [0.440399, 0.880797]^T\n"), "\(standalone)")
        let markdown = explanation.render(.markdown, numbers: digits)
        #expect(markdown.contains("&= " + column), "\(markdown)")
        #expect(markdown.contains("- backward gradient: \\[0.440399, 0.880797\\]ᵀ\n"), "\(markdown)")
        // The path table: the vector factor and the product transposed, the matrix row by row.
        let row = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| 1 |") }, "\(markdown)")
        // Each tensor factor with its textbook backward rule: cross_entropy's softmax minus the
        // one-hot of the class index y (one sample: no average over rows), then W⁽¹⁾ᵀ·δ.
        #expect(
            row.contains("= [0.880797, −0.880797]ᵀ (backward: δ(softmax(z⁽¹⁾) − onehot(y)), δ = 1) · "), "\(row)")
        #expect(row.contains("= [[0.25, 0.5], [−0.25, −0.5]] (backward: W⁽¹⁾ᵀ·δ, δ = ∂L/∂z⁽¹⁾) |"), "\(row)")
        #expect(row.hasSuffix("| [0.440399, 0.880797]ᵀ |"), "\(row)")
        // Text and JSON keep writing tensors as eval does, row-major without a transpose.
        // (A backward rule's Wᵀ is a formula, not a number written transposed.)
        #expect(!explanation.render(.text).contains("]ᵀ"))
    }

    @Test(arguments: [
        ("ŷ", "\\hat{y}"), ("σ₃", "\\sigma_{3}"), ("w₁", "w_{1}"), ("w₁₁⁽¹⁾", "w_{11}^{(1)}"),
        ("x_b", "x_{b}"), ("loss", "\\mathrm{loss}"), ("W^{(2)}", "W^{(2)}"), ("a₁,₂", "a_{1,2}"),
        ("relu#12", "\\mathrm{relu}\\#12"), ("σx", "\\sigma x"), ("Σ", "\\Sigma"), ("Α", "A"),
        ("50%&", "50\\%\\&"), ("xᵀ", "x^{T}"), ("☃", "\\text{\\texttt{U+2603}}"),
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
        try compiled(document).failure
    }

    /// Compiles a document; returns the PDF's bytes, or the log on failure.
    static func compiled(_ document: String) throws -> (pdf: Data?, failure: String?) {
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
        if process.terminationStatus == 0, let data = FileManager.default.contents(atPath: pdf.path) {
            return (data, nil)
        }
        return (nil, (try? String(contentsOf: folder.appendingPathComponent("doc.log"), encoding: .utf8)) ?? "no log")
    }

    /// The page sizes (`/MediaBox [0 0 W H]`) of an uncompressed-object PDF, in points.
    static func pageSizes(_ pdf: Data) -> [(Double, Double)] {
        let text = String(decoding: pdf, as: UTF8.self)
        return text.components(separatedBy: "/MediaBox [").dropFirst().compactMap { rest in
            let numbers = rest.prefix { $0 != "]" }.split(separator: " ").compactMap { Double($0) }
            return numbers.count == 4 ? (numbers[2] - numbers[0], numbers[3] - numbers[1]) : nil
        }
    }

    @Test(.enabled(if: pdflatex != nil || isCI, "pdflatex is not installed (apt-get install texlive-latex-base)"))
    func standaloneLaTeXIsOnePageCroppedToItsContent() throws {
        try #require(Self.pdflatex != nil, "CI must compile the LaTeX: apt-get install texlive-latex-base")
        let (graph, w1, loss) = try LectureGraphs.weightSharing()
        let document = Explanation(graph: graph, wrt: w1, of: loss).render(.latex, standalone: true)
        #expect(!document.contains("standalone") && !document.contains("preview"))
        // Uncompressed objects, so the page size can be read from the PDF's text.
        let (pdf, failure) = try Self.compiled("\\pdfcompresslevel=0\\pdfobjcompresslevel=0\n" + document)
        let data = try #require(pdf, "\(failure?.suffix(1500) ?? "")")
        let sizes = Self.pageSizes(data)
        #expect(sizes.count == 1, "\(sizes)")
        // An article page is 614 × 794 pt; the two-path derivation (fractions, formulas,
        // numbers, products, sum; the checks are comments) fits in a fraction of it, with
        // 10 pt of margin on each side.
        let (width, height) = try #require(sizes.first)
        #expect(width > 150 && width < 500 && height > 80 && height < 300, "\(width) × \(height)")
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
            ("vector", try Self.classifierVectorGradient()),
        ]
    }

    /// Whether this is a CI run (`CI=true`, as CI services set it): there a missing tool fails
    /// the test that needs it instead of skipping it.
    static let isCI = ["true", "1"].contains(ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? "")

    @Test(.enabled(if: pdflatex != nil || isCI, "pdflatex is not installed (apt-get install texlive-latex-base)"))
    func latexCompilesWithPdflatex() throws {
        try #require(Self.pdflatex != nil, "CI must compile the LaTeX: apt-get install texlive-latex-base")
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
