import Foundation
import GradVizEngine
import GradVizExplain
import GradVizRender
import GradVizScript
import Testing

@testable import GradVizDOT

/// GradVizExplain's expectation (Swift Testing has an `Expectation` of its own).
typealias HandExpectation = GradVizExplain.Expectation

/// A graded script handed back as a picture: each `expect` line marked on its node, ✓ or ✗ with
/// the right value, with the verdict `check` gives.
@Suite struct ExpectationMarkTests {
    /// The script's `expect` lines as `gradviz check` reads them (names to nodes).
    static func expectations(_ evaluation: Evaluation) -> [HandExpectation] {
        evaluation.expectations.map { written in
            let id = { (name: String) in evaluation.variable(named: name)?.id ?? NodeID(-1) }
            let quantity: HandExpectation.Quantity =
                switch written.quantity {
                case .value(let name): .value(id(name))
                case .gradient(let of, let wrt): .gradient(of: id(of), wrt: id(wrt))
                }
            return HandExpectation(
                quantity: quantity, expected: written.expected, tolerance: written.tolerance, line: written.line,
                source: written.source)
        }
    }

    /// The figure of `source` with its expectations marked, and the script's evaluation.
    static func figure(_ source: String, options: FigureOptions = FigureOptions()) throws -> (Evaluation, Figure) {
        let evaluation = try Script(source: source, file: "student.grad").evaluate()
        var options = options
        options.expectations = expectations(evaluation)
        return (evaluation, try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options))
    }

    /// Each node's texts in the rendered SVG, joined, by variable name.
    static func nodeTexts(_ evaluation: Evaluation, _ dot: String) throws -> [String: String] {
        let svg = try #require(RenderedSVG(try Renderer.render(dot: dot, format: .svg).data))
        var texts: [String: String] = [:]
        for variable in evaluation.variables {
            texts[variable.name] = (svg.nodeTexts[variable.id.description] ?? []).joined(separator: " ")
        }
        return texts
    }

    static let regression =
        "x = 3\nw1 = 5\nb1 = 2\nw2 = 2\nb2 = 3\ny = 40\nyhat = w2 * (w1 * x + b1) + b2\nL = (yhat - y)^2\n"

    @Test func eachExpectationIsMarkedOnItsNodeWithTheRightValueWhenWrong() throws {
        // By hand: ŷ = 2·17 + 3 = 37, L = (37 − 40)² = 9, ∂L/∂w₁ = 2(ŷ − y)·w₂·x = −36,
        // ∂L/∂b₁ = 2(ŷ − y)·w₂ = −12, ∂L/∂w₂ = 2(ŷ − y)·17 = −102, ∂ŷ/∂w₁ = w₂·x = 6, ∂ŷ/∂b₂ = 1.
        let (evaluation, figure) = try Self.figure(
            Self.regression
                + "expect yhat = 37\nexpect L = 8\nexpect dL/dw2 = -102\nexpect dL/dw1 = -18\nexpect dL/db1 = 12\n"
                + "expect dyhat/dw1 = 6\nexpect dyhat/db2 = 2\n")
        let texts = try Self.nodeTexts(evaluation, figure.dot)
        let compact = texts.mapValues { $0.replacingOccurrences(of: " ", with: "") }
        #expect(compact["yhat"]?.contains("37✓expected37∂L/∂ŷ") == true, "\(texts["yhat"] ?? "")")
        // A value's mark sits under the value, before the gradient.
        #expect(compact["L"]?.contains("9✗expected8,right9∂L/∂L") == true, "\(texts["L"] ?? "")")
        #expect(compact["w2"]?.hasSuffix("−102✓expected−102") == true, "\(texts["w2"] ?? "")")
        // A gradient's mark under the gradient; one of another output names itself.
        #expect(compact["w1"]?.contains("−36✗expected−18,right−36∂ŷ/∂w1:✓expected6") == true, "\(texts["w1"] ?? "")")
        #expect(compact["b1"]?.hasSuffix("✗expected12,right−12") == true)
        #expect(compact["b2"]?.hasSuffix("∂ŷ/∂b2:✗expected2,right1") == true, "\(texts["b2"] ?? "")")
        #expect(compact["x"]?.contains("expected") == false)
        #expect(figure.notes.contains("marks 7 expectations: 3 met, 4 wrong (lines 10, 12, 13, 15)"))
    }

    @Test func theMarksVerdictIsChecksOnEitherSideOfTheTolerance() throws {
        // ∂L/∂w₁ = −36 and L = 9 exactly; each pair straddles its tolerance.
        let lines = [
            "expect dL/dw1 = -36.0009 within 1e-3", "expect dL/dw1 = -36.0011 within 1e-3",
            "expect L = 9.00001", "expect L = 9.001",
        ]
        let (evaluation, figure) = try Self.figure(Self.regression + lines.joined(separator: "\n") + "\n")
        let verdicts = HandExpectation.check(Self.expectations(evaluation), in: evaluation.graph).map(\.passed)
        #expect(verdicts == [true, false, true, false])
        let texts = try Self.nodeTexts(evaluation, figure.dot).mapValues {
            $0.replacingOccurrences(of: " ", with: "")
        }
        #expect(texts["w1"]?.contains("✓expected−36") == true, "\(texts["w1"] ?? "")")
        // Wrong numbers that read like the right one at 4 digits are written with 10.
        #expect(texts["w1"]?.contains("✗expected−36.0011,right−36") == true, "\(texts["w1"] ?? "")")
        #expect(texts["L"]?.contains("✓expected9") == true)
        #expect(texts["L"]?.contains("✗expected9.001,right9") == true, "\(texts["L"] ?? "")")
    }

    @Test func hostileLabelsInMarksAreTextNotMarkup() throws {
        let hostile = "</TD><B>&amp;\\\"{|}"
        let shown = "</TD><B>&amp;\"{|}"
        let (evaluation, figure) = try Self.figure(
            "x = 2\nw = 3\nlabel w \"\(hostile)\"\nlabel y \"<y>\"\ny = w * x\nL = y^2\n"
                + "expect dy/dw = 2\nexpect dL/dw = 1\n")
        let node = try #require(DOTText(figure.dot).node(evaluation.variable(named: "w")?.id.description ?? ""))
        #expect(!node.contains("<B>&amp;"))
        let texts = try Self.nodeTexts(evaluation, figure.dot)
        let w = texts["w"] ?? ""
        #expect(w.contains("∂<y>/∂\(shown):"), "\(w)")
        #expect(w.contains("expected 1, right 24"), "\(w)")
    }

    @Test func everyThemesMarksAreReadableOnEveryNodeFill() {
        // WCAG's contrast ratio of small text: at least 4.5 : 1.
        func luminance(_ hex: String) -> Double {
            let value = Int(hex.dropFirst(), radix: 16) ?? 0
            let channels = [value >> 16, (value >> 8) & 255, value & 255].map { Double($0) / 255 }
            let linear = channels.map { $0 <= 0.03928 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
            return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        }
        func contrast(_ a: String, _ b: String) -> Double {
            let (x, y) = (luminance(a), luminance(b))
            return (max(x, y) + 0.05) / (min(x, y) + 0.05)
        }
        for theme in Theme.allCases {
            let style = ThemeStyle.style(for: theme)
            #expect(style.right != style.wrong || theme == .print, "\(theme)")
            for fill in [style.background, style.leaf.fill, style.computed.fill, style.output.fill] {
                #expect(contrast(style.right, fill) >= 4.5, "\(theme): ✓ on \(fill)")
                #expect(contrast(style.wrong, fill) >= 4.5, "\(theme): ✗ on \(fill)")
            }
        }
    }

    @Test func whatAFigureCannotMarkIsNoted() throws {
        let source = Self.regression + "expect yhat = 37\nexpect dL/dx = -60\nexpect dL/db2 = -6\n"
        // Pruned to the paths from w1, x is a stub and b2 is left out.
        var pruned = FigureOptions(wrt: "w1")
        pruned.prune = true
        let (_, figure) = try Self.figure(source, options: pruned)
        #expect(figure.notes.contains("marks 1 expectation: 1 met"), "\(figure.notes)")
        #expect(
            figure.notes.contains("line 10 (expect dL/dx = -60) is not marked: the figure does not draw that gradient"))
        #expect(
            figure.notes.contains("line 11 (expect dL/db2 = -6) is not marked: the figure does not draw that gradient"))
        let (_, none) = try Self.figure(Self.regression)
        #expect(none.notes.contains("no expectations to mark (the script has no expect lines)"))
        // Without the option nothing is marked or said.
        let evaluation = try Script(source: source, file: "s.grad").evaluate()
        let plain = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
        #expect(!plain.dot.contains("expected") && plain.notes.isEmpty)
    }

    @Test func aLargeFiguresOneLineNodesKeepTheirMarks() throws {
        var options = FigureOptions()
        options.largeGraphThreshold = 3
        let (evaluation, figure) = try Self.figure(Self.regression + "expect dL/dw1 = -18\n", options: options)
        let texts = try Self.nodeTexts(evaluation, figure.dot)
        #expect(texts["w1"]?.contains("✗ expected −18, right −36") == true, "\(texts["w1"] ?? "")")
    }
}
