import BigInt
import GradVizEngine
import GradVizNotation

/// A number worked out by hand (a script's `expect` line): the value of a node, or the gradient
/// ∂of/∂wrt, with where it was written, to be checked against the graph
/// (``check(_:in:within:numbers:diagnosing:)``).
///
/// The type knows nodes, not scripts: a script's reader (or a test) makes one per `expect` line.
public struct Expectation: Sendable {
    /// What is expected.
    public enum Quantity: Sendable, Hashable {
        /// The value of a node (the forward pass).
        case value(NodeID)
        /// The gradient ∂of/∂wrt (the backward pass from `of`).
        case gradient(of: NodeID, wrt: NodeID)
    }

    /// How a computed node is defined, for the message about a wrong value: its expression as
    /// written and the nodes it reads.
    public struct Definition: Sendable {
        /// The right-hand side as written: `w2 * (w1 * x + b1) + b2`.
        public let expression: String
        /// The nodes it reads, in order.
        public let operands: [NodeID]

        public init(expression: String, operands: [NodeID]) {
            self.expression = expression
            self.operands = operands
        }
    }

    public let quantity: Quantity
    /// The number written.
    public let expected: Tensor
    /// An absolute tolerance written with the expectation (`within 1e-3`), or `nil` for the
    /// checker's default.
    public let tolerance: Double?
    /// Where it was written: 1-based line and column.
    public let line: Int
    public let column: Int
    /// The statement as written, on one line (`expect dL/dw1 = -18`): the JUnit test case's
    /// name and the text row's.
    public let source: String
    /// How a value's node is computed (`nil` for a leaf, a gradient, or when unknown).
    public let definition: Definition?

    public init(
        quantity: Quantity, expected: Tensor, tolerance: Double? = nil, line: Int = 0, column: Int = 0,
        source: String = "", definition: Definition? = nil
    ) {
        self.quantity = quantity
        self.expected = expected
        self.tolerance = tolerance
        self.line = line
        self.column = column
        self.source = source
        self.definition = definition
    }

    /// The tolerance an expectation is checked with: its own `within` (absolute), else `check`.
    func check(default check: GradientCheck) -> GradientCheck {
        tolerance.map { GradientCheck(relativeTolerance: 0, absoluteTolerance: $0) } ?? check
    }
}

/// The verdict on one ``Expectation``.
public struct ExpectationResult {
    /// What was expected.
    public let expectation: Expectation
    /// How the quantity is written: `∂l/∂w₁` or `ŷ`.
    public let quantityText: String
    /// The computed value or gradient.
    public let actual: Tensor
    /// Whether the expected number agrees with ``actual`` within the expectation's tolerance
    /// (and has its shape).
    public let passed: Bool
    /// Where a wrong number went wrong, as a teacher says it; `nil` when it passed (or was
    /// checked without diagnoses).
    public let diagnosis: String?
    /// Kinks on the gradient's paths (relu at 0 …), in words (none when checked without
    /// diagnoses).
    public let warnings: [String]
    /// The tolerance it was checked with, in words: `within 0.0001` or `rtol 1e-05, atol 1e-06`.
    public let toleranceText: String
}

extension ExpectationResult {
    /// The expectations' table (`✗` on a wrong one), their warnings, each wrong one's diagnosis,
    /// and a verdict: what `check` and `eval` print; nothing when there are none.
    public static func report(_ expectations: [ExpectationResult], numbers: NumberFormat) -> String {
        guard !expectations.isEmpty else { return "" }
        var table = TextTable()
        table.rightAligned = [1]
        table.append(["", "line", "expectation", "expected", "computed", "status"])
        for result in expectations {
            table.append([
                result.passed ? " " : "✗", String(result.expectation.line), result.expectation.source,
                Explanation.summary(result.expectation.expected, numbers: numbers, limit: 4),
                Explanation.summary(result.actual, numbers: numbers, limit: 4),
                result.passed ? "ok" : "WRONG",
            ])
        }
        var lines = ["expectations (hand-worked numbers)", table.render(indent: "")]
        for result in expectations {
            for warning in result.warnings { lines.append("warning: line \(result.expectation.line): \(warning)") }
        }
        let wrong = expectations.filter { !$0.passed }
        for result in wrong {
            lines.append("wrong: line \(result.expectation.line): \(result.quantityText): \(result.diagnosis ?? "")")
        }
        let count = expectations.count
        lines.append(
            wrong.isEmpty
                ? (count == 1 ? "the expectation is met" : "all \(count) expectations are met")
                : "\(wrong.count) of \(count) expectation\(count == 1 ? " is" : "s are") wrong: line"
                    + (wrong.count == 1 ? " " : "s ")
                    + wrong.map { String($0.expectation.line) }.joined(separator: ", "))
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Expectation {
    /// The most paths of one gradient the diagnosis considers (the largest |product|), with
    /// every subset of them (2¹² sums) and each of their local derivatives left out in turn,
    /// in the vars and the ops view. Past it the diagnosis says it gave up.
    public static let maxDiagnosedPaths = 12

    /// How near a hand-worked number must be to a candidate (a path, a sum of paths, …) for the
    /// diagnosis to name it: a relative 2·10⁻³, so a number written with three or four
    /// significant digits is recognised (or the expectation's own tolerance, if looser).
    public static let diagnosisMatch = GradientCheck(relativeTolerance: 2e-3, absoluteTolerance: 0)

    /// Checks every expectation against `graph`, which holds the forward values; gradients are
    /// taken by backward passes from each `of` (the graph's gradients are those of its origin
    /// again afterwards). Wrong ones get a diagnosis; several gradients of one output along a
    /// path are read together, so the first wrong one in backward order is named.
    ///
    /// - Parameters:
    ///   - check: The tolerance of an expectation without its own `within`.
    ///   - numbers: How numbers are written in diagnoses.
    ///   - diagnosing: Whether wrong ones get a ``ExpectationResult/diagnosis`` and gradients
    ///     their kink warnings; `false` gives only the verdicts and the computed numbers (what a
    ///     figure marks), the same verdicts as with diagnoses.
    public static func check(
        _ expectations: [Expectation], in graph: Graph, within check: GradientCheck = GradientCheck(),
        numbers: NumberFormat = NumberFormat(significantDigits: 4), diagnosing: Bool = true
    ) -> [ExpectationResult] {
        let origin = graph.gradientOrigin
        var results: [ExpectationResult?] = Array(repeating: nil, count: expectations.count)
        let valid = { (id: NodeID) in (0..<graph.count).contains(id.index) }
        // Values need no backward pass.
        for (index, expectation) in expectations.enumerated() {
            guard case .value(let node) = expectation.quantity, valid(node) else { continue }
            let view = FlowView(graph: graph, output: node, kind: .vars)
            results[index] =
                ValueDiagnosis(
                    view: view, node: node, expectation: expectation, check: check, numbers: numbers,
                    diagnosing: diagnosing
                )
                .result
        }
        var outputs: [NodeID] = []
        for expectation in expectations {
            if case .gradient(let of, let wrt) = expectation.quantity, valid(of), valid(wrt), !outputs.contains(of) {
                outputs.append(of)
            }
        }
        for of in outputs {
            let indices = expectations.indices.filter {
                if case .gradient(let o, let wrt) = expectations[$0].quantity { return o == of && valid(wrt) }
                return false
            }
            if graph.gradientOrigin != of { graph.backward(from: of) }
            var wrts: Set<NodeID> = []
            for index in indices { if case .gradient(_, let wrt) = expectations[index].quantity { wrts.insert(wrt) } }
            let diagnosis = GradientDiagnosis(
                view: FlowView(graph: graph, output: of, kind: .vars, including: wrts),
                expectations: indices.map { expectations[$0] }, check: check, numbers: numbers,
                diagnosing: diagnosing)
            for (position, index) in indices.enumerated() { results[index] = diagnosis.results[position] }
        }
        if let origin, graph.gradientOrigin != origin { graph.backward(from: origin) }
        return expectations.indices.map { index in
            results[index]
                ?? ExpectationResult(
                    expectation: expectations[index], quantityText: expectations[index].source, actual: Tensor(.nan),
                    passed: false, diagnosis: "the expectation names a node the graph does not have", warnings: [],
                    toleranceText: "")
        }
    }

    /// `within 0.001` or `rtol 1e-05, atol 1e-06`.
    static func toleranceText(_ expectation: Expectation, _ check: GradientCheck, numbers: NumberFormat) -> String {
        expectation.tolerance.map { "within \(numbers.string($0))" }
            ?? Explanation.toleranceText(check, numbers: numbers)
    }
}

/// Tensor arithmetic the diagnoses need, entry by entry on equal shapes.
extension Tensor {
    fileprivate func combined(_ other: Tensor, _ combine: (Double, Double) -> Double) -> Tensor {
        guard shape == other.shape else { return Tensor(.nan) }
        return (try? Tensor(shape: shape, scalars: zip(scalars, other.scalars).map(combine))) ?? Tensor(.nan)
    }

    fileprivate func mapped(_ transform: (Double) -> Double) -> Tensor {
        (try? Tensor(shape: shape, scalars: scalars.map(transform))) ?? Tensor(.nan)
    }

    fileprivate static func + (a: Tensor, b: Tensor) -> Tensor { a.combined(b, +) }
    fileprivate static func - (a: Tensor, b: Tensor) -> Tensor { a.combined(b, -) }
    fileprivate static prefix func - (a: Tensor) -> Tensor { a.mapped { -$0 } }

    fileprivate var isZero: Bool { scalars.allSatisfy { $0 == 0 } }
}

/// What the diagnoses share: the checks and how they write numbers and names.
private struct Wording {
    let view: FlowView
    let check: GradientCheck
    let numbers: NumberFormat

    func label(_ id: NodeID) -> String { DisplayLabel.composed(view.label(of: id)) }
    func fraction(_ of: NodeID, _ wrt: NodeID) -> String { "∂\(label(of))/∂\(label(wrt))" }
    func number(_ tensor: Tensor) -> String { Explanation.summary(tensor, numbers: numbers, limit: 6) }
    func number(_ value: Double) -> String { numbers.string(value) }

    /// A local derivative as a teacher names it, `∂ŷ/∂h = w₂ = 2`: its symbol when both ends
    /// are named (else none), its formula when that says more than the number and names only
    /// named nodes, and its number.
    func local(_ edge: FlowEdge, _ value: Double) -> String {
        let graph = view.graph
        let named = { (id: NodeID) in graph.name(of: id) != nil }
        var text = named(edge.to) && named(edge.from) ? fraction(edge.to, edge.from) + " = " : ""
        if let formula = view.formula(along: edge), formula.constant == nil, formula.variables.allSatisfy(named) {
            text += view.formulaText(formula, numbers: numbers) + " = "
        }
        return text + number(value)
    }

    /// Whether `expectation`'s number passes against `actual`.
    func passes(_ actual: Tensor, _ expectation: Expectation) -> Bool {
        actual.shape == expectation.expected.shape
            && expectation.check(default: check).agrees(actual, expectation.expected)
    }

    /// Whether `candidate` is what the hand-worked number is (see ``Expectation/diagnosisMatch``).
    func matches(_ candidate: Tensor, _ expectation: Expectation) -> Bool {
        candidate.shape == expectation.expected.shape && candidate.isFinite
            && (expectation.check(default: check).agrees(candidate, expectation.expected)
                || Expectation.diagnosisMatch.agrees(candidate, expectation.expected))
    }

    /// The diagnoses every quantity shares, in order: a wrong shape, the right number rounded
    /// past the tolerance, the wrong sign; `nil` when none applies.
    func common(_ actual: Tensor, _ expectation: Expectation, _ what: String) -> String? {
        let expected = expectation.expected
        let yours = number(expected)
        if actual.shape != expected.shape {
            return
                "your \(yours) is \(Wording.shapeText(expected.shape)), but \(what) is \(Wording.shapeText(actual.shape)): "
                + number(actual)
        }
        if matches(actual, expectation) {
            let tolerance = Expectation.toleranceText(expectation, check, numbers: numbers)
            let digits = NumberFormat(significantDigits: 10)
            return
                "your \(yours) is \(what) = \(Explanation.summary(actual, numbers: digits, limit: 6)) rounded, off by "
                + number(Explanation.largestDifference(actual, expected)) + ", more than the tolerance (\(tolerance)); "
                + "write more digits or a looser 'within'"
        }
        if !actual.isZero, matches(-actual, expectation) {
            return "your \(yours) has the wrong sign: \(what) = \(number(actual))"
        }
        return nil
    }

    static func shapeText(_ shape: Shape) -> String {
        switch shape.rank {
        case 0: "a number"
        case 1: "a vector of \(shape.dimensions[0])"
        default: "a \(shape.dimensions.map(String.init).joined(separator: "×")) matrix"
        }
    }
}

/// A wrong value: the expression that computes it and its operands' values.
private struct ValueDiagnosis {
    let result: ExpectationResult

    init(
        view: FlowView, node: NodeID, expectation: Expectation, check: GradientCheck, numbers: NumberFormat,
        diagnosing: Bool
    ) {
        let wording = Wording(view: view, check: check, numbers: numbers)
        let graph = view.graph
        let actual = graph.value(of: node)
        let what = wording.label(node)
        let passed = wording.passes(actual, expectation)
        var diagnosis: String?
        if !passed, diagnosing {
            let name = FlowView.name(of: node, in: graph)
            if let common = wording.common(actual, expectation, what) {
                diagnosis = common
            } else if let definition = expectation.definition {
                let operands = definition.operands.map {
                    "\(FlowView.name(of: $0, in: graph)) = \(wording.number(graph.value(of: $0)))"
                }
                diagnosis =
                    "\(name) = \(definition.expression) is \(wording.number(actual))"
                    + (operands.isEmpty ? "" : " with " + operands.joined(separator: ", "))
                    + ", not \(wording.number(expectation.expected))"
            } else {
                diagnosis = "\(name) is \(wording.number(actual)), not \(wording.number(expectation.expected))"
            }
        }
        result = ExpectationResult(
            expectation: expectation, quantityText: what, actual: actual, passed: passed, diagnosis: diagnosis,
            warnings: [],
            toleranceText: Expectation.toleranceText(expectation, expectation.check(default: check), numbers: numbers))
    }
}

/// Wrong gradients of one output: a path alone, some of the paths, the wrong sign, a path with
/// one local derivative left out, another variable's gradient, or what follows from a wrong
/// gradient written nearer the output.
private struct GradientDiagnosis {
    private(set) var results: [ExpectationResult] = []
    private let wording: Wording
    private let view: FlowView
    private let expectations: [Expectation]

    init(
        view: FlowView, expectations: [Expectation], check: GradientCheck, numbers: NumberFormat, diagnosing: Bool
    ) {
        self.view = view
        self.expectations = expectations
        self.wording = Wording(view: view, check: check, numbers: numbers)
        let graph = view.graph
        let actuals = expectations.map { expectation -> Tensor in
            guard case .gradient(_, let wrt) = expectation.quantity else { return Tensor(.nan) }
            return graph.gradient(of: wrt) ?? Tensor(repeating: 0, shape: graph.shape(of: wrt))
        }
        let passed = zip(actuals, expectations).map { wording.passes($0.0, $0.1) }
        for (index, expectation) in expectations.enumerated() {
            guard case .gradient(let of, let wrt) = expectation.quantity else { continue }
            var explanation =
                diagnosing
                ? Explanation(view: view, wrt: wrt, maxPaths: Expectation.maxDiagnosedPaths, finiteDifferences: false)
                : nil
            explanation?.measureKinkSlopes()
            let diagnosis = explanation.flatMap { explanation in
                passed[index]
                    ? nil : diagnose(expectation, actual: actuals[index], explanation, passed: passed, of: of, wrt: wrt)
            }
            results.append(
                ExpectationResult(
                    expectation: expectation, quantityText: wording.fraction(of, wrt), actual: actuals[index],
                    passed: passed[index], diagnosis: diagnosis,
                    warnings: explanation?.kinkWarnings(numbers: wording.numbers) ?? [],
                    toleranceText: Expectation.toleranceText(
                        expectation, expectation.check(default: check), numbers: wording.numbers)))
        }
    }

    private func diagnose(
        _ expectation: Expectation, actual: Tensor, _ explanation: Explanation, passed: [Bool], of: NodeID, wrt: NodeID
    ) -> String {
        let what = wording.fraction(of, wrt)
        if let common = wording.common(actual, expectation, what) { return common }
        if let chained = chain(expectation, passed: passed, of: of, wrt: wrt) { return chained }
        let yours = wording.number(expectation.expected)
        if explanation.pathCount == 0 {
            return
                "\(wording.label(wrt)) does not reach \(wording.label(of)) (no path), so \(what) = \(wording.number(actual))"
        }
        if let subset = subset(expectation, explanation, what: what) { return subset }
        if let missing = missingFactor(expectation, explanation, actual: actual, what: what) { return missing }
        for other in view.nodes where other != wrt && view.graph.name(of: other) != nil && !view.graph.isData(other) {
            guard let gradient = view.graph.gradient(of: other), wording.matches(gradient, expectation) else {
                continue
            }
            return "your \(yours) is \(wording.fraction(of, other)), the gradient of another variable; "
                + "\(what) is \(wording.number(actual)), \(pathSumText(explanation))"
        }
        let searched =
            explanation.listsEveryPath
            ? "no path, no sum of paths, no path with one local derivative left out and no other variable's gradient gives it"
            : "gave up: searched the \(explanation.paths.count) largest of its \(explanation.pathCount) paths, their sums and "
                + "each with one local derivative left out, and none gives it"
        return "\(what) is \(wording.number(actual)), not \(yours): \(pathSumText(explanation)) (\(searched))"
    }

    /// `the sum over its 2 paths w₁ → a₁ → o → l (−0.02163) + w₁ → a₂ → o → l (−0.0462)`.
    private func pathSumText(_ explanation: Explanation) -> String {
        let shown = explanation.paths.prefix(4).map { "\($0.route(wording.label)) (\(wording.number($0.product)))" }
        let more = BigUIntText.more(explanation.pathCount, shown: shown.count)
        if explanation.pathCount == 1 { return "the product along its one path " + shown.joined() }
        return "the sum over its \(explanation.pathCount) paths " + shown.joined(separator: " + ") + more
    }

    /// The hand-worked number as the sum over some of the paths (one, or a few).
    private func subset(_ expectation: Expectation, _ explanation: Explanation, what: String) -> String? {
        let paths = explanation.paths
        let k = paths.count
        guard k > 0 else { return nil }
        // 2^k sums of |wrt| entries each: few paths for a large tensor.
        let entries = max(1, expectation.expected.shape.count)
        let considered = entries > 1024 ? min(k, 1) : k
        var found: Int?
        search: for size in 1...considered {
            for mask in 1..<(1 << considered) where mask.nonzeroBitCount == size {
                if explanation.listsEveryPath && size == k { continue }
                var sum = Tensor(repeating: 0, shape: paths[0].product.shape)
                for bit in 0..<considered where mask & (1 << bit) != 0 { sum = sum + paths[bit].product }
                if wording.matches(sum, expectation) {
                    found = mask
                    break search
                }
            }
        }
        guard let found else { return nil }
        let yours = wording.number(expectation.expected)
        let chosen = (0..<k).filter { found & (1 << $0) != 0 }
        let others = (0..<k).filter { found & (1 << $0) == 0 }
        let routes = { (indices: [Int]) in indices.map { paths[$0].route(wording.label) } }
        var text: String
        if chosen.count == 1 {
            text = "your \(yours) is the path \(routes(chosen)[0]) alone"
        } else {
            let parts = chosen.map { "\(paths[$0].route(wording.label)) (\(wording.number(paths[$0].product)))" }
            text = "your \(yours) is the sum over the paths " + parts.joined(separator: " and ")
        }
        let missing = others.map { "\(paths[$0].route(wording.label)), \(wording.number(paths[$0].product))" }
        let unlisted = BigUIntText.difference(explanation.pathCount, k)
        var also = missing
        if let unlisted { also.append("\(unlisted) more") }
        let noun = also.count == 1 && unlisted == nil ? "the path" : "the paths"
        text += "; \(what) also has \(noun) " + also.joined(separator: "; ")
        let sum = explanation.pathSum
        text +=
            explanation.pathCount == 2
            ? ", and their sum is \(wording.number(sum))"
            : ", and the sum over all \(explanation.pathCount) is \(wording.number(sum))"
        return text
    }

    /// The hand-worked number as the gradient with one local derivative left out of one path:
    /// first in the vars view, then in the ops view (a factor folded into a vars edge, such as
    /// w₂ in ∂ŷ/∂w₁ = w₂·x).
    private func missingFactor(_ expectation: Expectation, _ explanation: Explanation, actual: Tensor, what: String)
        -> String?
    {
        guard actual.shape.isScalar else { return nil }
        let yours = wording.number(expectation.expected)
        let right = actual.scalar
        for path in explanation.paths {
            for (index, factor) in path.factors.enumerated() {
                guard factor.shape.isScalar, factor.scalar != 0, factor.scalar != 1 else { continue }
                let product = path.product.scalar
                let candidate = Tensor(right - product + product / factor.scalar)
                guard wording.matches(candidate, expectation) else { continue }
                let edge = path.edges[index]
                return "your \(yours) leaves out one local derivative, \(wording.local(edge, factor.scalar)), "
                    + "on the path \(path.route(wording.label)); with it, \(what) = \(wording.number(actual))"
            }
        }
        guard case .gradient(let of, let wrt) = expectation.quantity else { return nil }
        let ops = FlowView(graph: view.graph, output: of, kind: .ops)
        let fine = Explanation(view: ops, wrt: wrt, maxPaths: Expectation.maxDiagnosedPaths, finiteDifferences: false)
        let opsWording = Wording(view: ops, check: wording.check, numbers: wording.numbers)
        for path in fine.paths {
            for (index, factor) in path.factors.enumerated() {
                guard factor.shape.isScalar, factor.scalar != 0, factor.scalar != 1 else { continue }
                let product = path.product.scalar
                guard wording.matches(Tensor(right - product + product / factor.scalar), expectation) else { continue }
                let edge = path.edges[index]
                // Named by its ends when both have names, by its formula (w₂) when that names
                // only named nodes: never by the ops view's internal names (mul#8).
                let local = opsWording.local(edge, factor.scalar)
                // The vars edge the factor is folded into, and the path as the vars view draws it.
                let members = path.nodes.enumerated().filter { view.contains($0.element) }
                let before = members.last { $0.offset <= index }?.element
                let after = members.first { $0.offset > index }?.element
                var inside = ""
                if let before, let after, before != edge.from || after != edge.to,
                    let varsEdge = view.edges.first(where: { $0.from == before && $0.to == after }),
                    let varsFactor = varsEdge.scalarFactor
                {
                    inside = ", a factor of \(wording.local(varsEdge, varsFactor))"
                }
                let route =
                    explanation.paths.first { $0.nodes == members.map(\.element) }?.route(wording.label)
                    ?? path.route(opsWording.label)
                return "your \(yours) leaves out one local derivative, \(local)\(inside), on the path \(route); "
                    + "with it, \(what) = \(wording.number(actual))"
            }
        }
        return nil
    }

    /// Several gradients along a path: the number follows from a wrong one nearer the output,
    /// or is the first wrong one in backward order (then: the local derivative it needed).
    private func chain(_ expectation: Expectation, passed: [Bool], of: NodeID, wrt: NodeID) -> String? {
        let graph = view.graph
        guard graph.shape(of: wrt).isScalar else { return nil }
        let outgoing = view.edges.filter { $0.from == wrt && $0.scalarFactor != nil && $0.to <= of }
        var implied = 0.0
        var written: [(edge: FlowEdge, index: Int)] = []
        for edge in outgoing {
            let index = expectations.firstIndex {
                $0.quantity == .gradient(of: of, wrt: edge.to) && $0.expected.shape.isScalar
            }
            let downstream = index.map { expectations[$0].expected.scalar } ?? graph.gradient(of: edge.to)?.scalar ?? 0
            implied += downstream * (edge.scalarFactor ?? 0)
            if let index { written.append((edge, index)) }
        }
        guard !written.isEmpty else { return nil }
        let yours = wording.number(expectation.expected)
        let terms = outgoing.map { "\(wording.fraction(of, $0.to)) · \(wording.fraction($0.to, $0.from))" }
        let rule = "\(wording.fraction(of, wrt)) = " + terms.joined(separator: " + ")
        let wrong = written.filter { !passed[$0.index] }
        if let first = wrong.first {
            guard wording.matches(Tensor(implied), expectation) else { return nil }
            let other = expectations[first.index]
            return "your \(yours) follows from your \(wording.fraction(of, first.edge.to)) = "
                + "\(wording.number(other.expected)) (line \(other.line)), which is wrong: \(rule); fix line \(other.line) first"
        }
        // Every gradient written nearer the output is right: this is the first wrong one.
        let needed = outgoing.map { "\(wording.fraction($0.to, $0.from)) = \(wording.number($0.scalarFactor ?? 0))" }
        var text =
            "the first wrong one in backward order: \(rule); with your right "
            + written.map {
                "\(wording.fraction(of, $0.edge.to)) = \(wording.number(expectations[$0.index].expected)) (line \(expectations[$0.index].line))"
            }
            .joined(separator: ", ") + " it needed " + needed.joined(separator: " and ")
        if outgoing.count == 1, let edge = outgoing.first, let downstream = written.first {
            let upstream = expectations[downstream.index].expected.scalar
            if upstream != 0 {
                text +=
                    ", and your \(yours) implies \(wording.fraction(edge.to, edge.from)) = "
                    + wording.number(expectation.expected.scalar / upstream)
            }
        }
        return text + "; \(wording.fraction(of, wrt)) = \(wording.number(graph.gradient(of: wrt) ?? Tensor(0)))"
    }
}

/// Path counts in words.
private enum BigUIntText {
    /// ` + … (3 more)` when `count` is more than `shown`.
    static func more(_ count: BigUInt, shown: Int) -> String {
        difference(count, shown).map { " + … (\($0) more)" } ?? ""
    }

    /// `count − shown` as digits, or `nil` when it is not positive.
    static func difference(_ count: BigUInt, _ shown: Int) -> String? {
        count > BigUInt(shown) ? String(count - BigUInt(shown)) : nil
    }
}
