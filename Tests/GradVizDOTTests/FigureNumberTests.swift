import Foundation
import GradVizDOT
import GradVizScript
import Testing

/// The numbers a tensor figure shows, against a forward and backward pass worked by hand in
/// plain `Double` arithmetic here (numpy-style: z = W⁽¹⁾x, h = σ(z), ŷ = W⁽²⁾h, L = (ŷ − y)²),
/// not against the engine or the snapshots. `SampleRenderTests` reuses the hand computations.
@Suite struct FigureNumberTests {
    /// ŷ = W⁽²⁾·σ(W⁽¹⁾·x), L = mse(ŷ, y) for x = [1, 2], y = [0.5], computed by hand.
    struct TensorModel {
        let x = [1.0, 2.0]
        let y = 0.5
        let w1: [[Double]]
        let w2: [Double]
        let z: [Double]
        let h: [Double]
        let yhat: Double
        let loss: Double
        /// ∂L/∂ŷ = 2(ŷ − y) (mse over one entry); ∂L/∂y = −∂L/∂ŷ.
        let dyhat: Double
        let dy: Double
        /// ∂L/∂h = W⁽²⁾ᵀ · ∂L/∂ŷ; ∂L/∂z = ∂L/∂h ⊙ h(1 − h).
        let dh: [Double]
        let dz: [Double]
        /// ∂L/∂W⁽¹⁾ = ∂L/∂z · xᵀ (row-major); ∂L/∂x = W⁽¹⁾ᵀ · ∂L/∂z; ∂L/∂W⁽²⁾ = ∂L/∂ŷ · hᵀ.
        let dw1: [Double]
        let dx: [Double]
        let dw2: [Double]

        init(w1: [[Double]], w2: [Double]) {
            self.w1 = w1
            self.w2 = w2
            let x = self.x
            z = w1.map { $0[0] * x[0] + $0[1] * x[1] }
            h = z.map { 1 / (1 + Foundation.exp(-$0)) }
            yhat = zip(w2, h).map(*).reduce(0, +)
            loss = (yhat - y) * (yhat - y)
            dyhat = 2 * (yhat - y)
            dy = -dyhat
            let dyhat = dyhat
            dh = w2.map { $0 * dyhat }
            let (h, dh) = (h, dh)
            dz = (0..<3).map { dh[$0] * h[$0] * (1 - h[$0]) }
            let dz = dz
            dw1 = dz.flatMap { d in x.map { d * $0 } }
            dx = (0..<2).map { j in (0..<3).map { w1[$0][j] * dz[$0] }.reduce(0, +) }
            dw2 = h.map { dyhat * $0 }
        }

        /// `LectureExamples.tensorModules`.
        static let lecture = TensorModel(w1: [[0.1, -0.2], [0.4, 0.3], [-0.5, 0.6]], w2: [0.7, -0.1, 0.2])
    }

    /// Whether the figure's text for a number is `expected` to `digits` significant digits:
    /// within half a unit of the last digit shown, sign included.
    static func shows(_ text: String, _ expected: Double, digits: Int = 4) -> Bool {
        guard let shown = Double(text.replacingOccurrences(of: "−", with: "-")) else { return false }
        if expected == 0 { return shown == 0 }
        let unit = Foundation.pow(10, Foundation.floor(Foundation.log10(Swift.abs(expected))) - Double(digits - 1))
        return Swift.abs(shown - expected) <= 0.51 * unit
    }

    /// A node's cells split at its captions: the entries after `value…`, and those after `∂…`.
    static func entries(_ cells: [String]) -> (values: [String], gradients: [String])? {
        guard let value = cells.firstIndex(where: { $0.hasPrefix("value") }),
            let gradient = cells[value...].firstIndex(where: { $0.hasPrefix("∂") })
        else { return nil }
        return (Array(cells[(value + 1)..<gradient]), Array(cells[(gradient + 1)...]))
    }

    static func expectShows(
        _ texts: [String], _ expected: [Double], _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(texts.count == expected.count, "\(what): \(texts) vs \(expected)", sourceLocation: sourceLocation)
        for (text, number) in zip(texts, expected) {
            #expect(shows(text, number), "\(what): shows \(text), by hand \(number)", sourceLocation: sourceLocation)
        }
    }

    @Test func tensorNodesShowTheHandComputedValuesAndGradients() throws {
        let evaluation = try LectureExamples.evaluate(LectureExamples.tensorModules)
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
        let dot = DOTText(figure.dot)
        let m = TensorModel.lecture
        let expected: [(String, [Double], [Double])] = [
            ("x", m.x, m.dx), ("y", [m.y], [m.dy]), ("W__1", m.w1.flatMap { $0 }, m.dw1), ("h", m.h, m.dh),
            ("W__2", m.w2, m.dw2), ("yhat", [m.yhat], [m.dyhat]), ("L", [m.loss], [1]),
        ]
        for (name, values, gradients) in expected {
            let variable = try #require(evaluation.variable(named: name))
            let statement = try #require(dot.node(variable.id.description), "no node for \(name)")
            let shown = try #require(Self.entries(DOTText.cells(statement)), "\(name): \(DOTText.cells(statement))")
            Self.expectShows(shown.values, values, "\(name) value")
            Self.expectShows(shown.gradients, gradients, "∂L/∂\(name)")
        }
        // The loss's incoming edges carry ∂L/∂ŷ = 2(ŷ − y) and ∂L/∂y = −2(ŷ − y), one-entry
        // vectors drawn as a column after the symbol.
        let loss = evaluation.output.id.description
        for (name, factor) in [("yhat", m.dyhat), ("y", m.dy)] {
            let from = try #require(evaluation.variable(named: name)).id.description
            let cells = DOTText.cells(try #require(dot.edges(from: from, to: loss).first))
            #expect(cells.count == 2 && cells[0].hasSuffix("=\u{A0}"), "\(cells)")
            #expect(Self.shows(try #require(cells.last), factor), "∂L/∂\(name): \(cells)")
        }
    }

    @Test func tensorLegendShowsTheHandComputedPathProductAndBackwardGradient() throws {
        let figure = try LectureExamples.figure(LectureExamples.tensorModules, FigureOptions(wrt: "W__1"))
        let legend = try #require(DOTText(figure.dot).lines.first { $0.hasPrefix("  label=<") }, "no legend")
        let numbers = DOTText.cells(legend).filter { Double($0.replacingOccurrences(of: "−", with: "-")) != nil }
        // One path, so its product and the backward gradient are both ∂L/∂W⁽¹⁾: twice its six
        // entries, row by row.
        Self.expectShows(numbers, TensorModel.lecture.dw1 + TensorModel.lecture.dw1, "legend")
    }
}
