import BigInt
import GradVizEngine
import GradVizNotation

/// `gradviz check`: for each leaf, the backward gradient against the sum over chain-rule paths
/// and against central finite differences, as a table — what a course runs in CI over its
/// figures.
///
/// A row disagrees when the sum over paths differs from backward, or backward from finite
/// differences, beyond the ``GradientCheck`` tolerance. A leaf whose paths pass a relu or abs
/// evaluated exactly at 0 is a ``CheckStatus/kink`` warning instead (as long as the sum over
/// paths agrees with backward): the derivative does not exist there, the engine uses PyTorch's
/// convention 0, and finite differences see the average slope. A row whose finite differences
/// differ from backward by no more than their own estimated error is
/// ``CheckStatus/inconclusive`` (it passes on the exact comparison with the path sum).
public struct CheckReport {
    /// One leaf's line.
    public struct Row {
        /// The leaf.
        public let wrt: NodeID
        /// Its name as the view prints it.
        public let name: String
        /// ∂of/∂leaf from the backward pass.
        public let gradient: Tensor
        /// The exact number of paths from the leaf to `of`.
        public let pathCount: BigUInt
        /// Σ over all paths (see ``Explanation/pathSum``).
        public let pathSum: Tensor
        /// How the sum was formed.
        public let pathSumMethod: PathSumMethod
        /// The central finite-difference estimate (`nil` when skipped as too costly).
        public let numeric: Tensor?
        /// The estimated error of ``numeric`` (`nil` with it).
        public let numericError: Tensor?
        /// The relu, abs, max and min nodes on the leaf's paths evaluated at their kink.
        public let kinks: [NodeID]
        /// The verdict.
        public let status: CheckStatus
        /// What disagrees, in words (empty when nothing does).
        public let problems: [String]
        /// Why finite differences were inconclusive, in words (`nil` unless they were).
        public let inconclusiveNote: String?
        /// One warning per kink (``Explanation/kinkWarnings(numbers:)``), citing the leaf's own
        /// one-sided slopes.
        public let kinkWarnings: [String]
    }

    /// The view the paths run over.
    public let view: FlowView
    /// The output checked.
    public let of: NodeID
    /// The tolerances.
    public let check: GradientCheck
    /// One row per leaf, in the order given.
    public let rows: [Row]
    /// The most tape values finite differences replay for the whole check.
    let finiteDifferenceBudget: Int
    /// The script's hand-worked numbers (`expect` lines), checked: one row each, in file order.
    public let expectations: [ExpectationResult]

    /// Checks ∂of/∂leaf for every leaf given (duplicates checked once).
    public init(
        graph: Graph, of: NodeID, leaves: [NodeID], check: GradientCheck = GradientCheck(),
        view: ViewKind = .vars, enumerationLimit: Int = 1_000_000, expectations: [ExpectationResult] = []
    ) {
        self.init(
            graph: graph, of: of, selections: leaves.map { ($0, nil) }, check: check, view: view,
            enumerationLimit: enumerationLimit, expectations: expectations)
    }

    /// Checks ∂of/∂leaf for every leaf given, or only one entry's share of it where `entry` is
    /// set (`--wrt 'W1[1,1]'`, see ``Explanation/entry``); duplicates are checked once.
    /// `expectations` (see ``Expectation/check(_:in:within:numbers:diagnosing:)``) are reported with the
    /// leaves, and a wrong one fails the report.
    public init(
        graph: Graph, of: NodeID, selections: [(leaf: NodeID, entry: Int?)], check: GradientCheck = GradientCheck(),
        view: ViewKind = .vars, enumerationLimit: Int = 1_000_000, expectations: [ExpectationResult] = []
    ) {
        self.init(
            graph: graph, of: of, selections: selections, check: check, view: view, enumerationLimit: enumerationLimit,
            backward: nil, expectations: expectations)
    }

    /// The same check with the backward gradients taken from `backward` (a test's deliberately
    /// wrong gradient, see ``Explanation/BackwardGradient``): internal, for tests only.
    init(
        graph: Graph, of: NodeID, selections: [(leaf: NodeID, entry: Int?)], check: GradientCheck, view: ViewKind,
        enumerationLimit: Int, backward: Explanation.BackwardGradient?,
        finiteDifferenceBudget: Int = Explanation.finiteDifferenceBudget, expectations: [ExpectationResult] = []
    ) {
        self.expectations = expectations
        var seen: Set<[Int]> = []
        let unique = selections.filter { seen.insert([$0.leaf.index, $0.entry ?? -1]).inserted }
        let valid = unique.map(\.leaf).filter { (0..<graph.count).contains($0.index) && graph.op(of: $0) != .constant }
        let flow = FlowView(graph: graph, output: of, kind: view, including: Set(valid))
        self.view = flow
        self.of = of
        self.check = check
        self.finiteDifferenceBudget = finiteDifferenceBudget
        let numbers = NumberFormat(significantDigits: 4)
        // Leaf by leaf while that is cheap; past the budget, in passes shared by every leaf.
        let leafByLeaf = unique.count.multipliedReportingOverflow(by: flow.nodes.count + flow.edges.count)
        let explanations: [Explanation]
        if !leafByLeaf.overflow, leafByLeaf.partialValue <= CheckReport.leafByLeafBudget {
            explanations = unique.map { leaf, entry in
                Explanation(
                    view: flow, wrt: leaf, maxPaths: 0, enumerationLimit: enumerationLimit, finiteDifferences: true,
                    entry: entry, check: check, backward: backward)
            }
        } else {
            explanations = CheckReport.allLeaves(
                view: flow, selections: unique, check: check, enumerationLimit: enumerationLimit, backward: backward,
                finiteDifferenceBudget: finiteDifferenceBudget)
        }
        self.rows = explanations.map { explanation in
            let leaf = explanation.wrt
            let sumAgrees = explanation.sumAgrees(within: check)
            let problems = explanation.problems(within: check, numbers: numbers)
            let note = explanation.inconclusiveNote(within: check, numbers: numbers)
            let status = GradientCheck.verdict(
                sumAgrees: sumAgrees, atKink: !explanation.kinks.isEmpty,
                finiteDifferences: explanation.numericVerdict(within: check))
            return Row(
                wrt: leaf, name: explanation.wrtName, gradient: explanation.gradient,
                pathCount: explanation.pathCount, pathSum: explanation.pathSum,
                pathSumMethod: explanation.pathSumMethod, numeric: explanation.numeric,
                numericError: explanation.numericError, kinks: explanation.kinks, status: status,
                problems: problems, inconclusiveNote: note,
                kinkWarnings: explanation.kinkWarnings(numbers: numbers))
        }
    }

    /// Whether no row disagrees (kink warnings pass) and every expectation is met.
    public var passed: Bool { !rows.contains { $0.status == .disagrees } && expectations.allSatisfy(\.passed) }

    /// The table, offending rows marked `✗` and warnings `!`, followed by the warnings
    /// explained, the mismatches in words, and a one-line verdict, escaped for a terminal
    /// (``TerminalText``).
    public func render(numbers: NumberFormat = NumberFormat(significantDigits: 6)) -> String {
        let tolerance = Explanation.toleranceText(check, numbers: numbers)
        var lines = ["gradients of \(view.name(of: of)) over the \(view.kind.rawValue) view (\(tolerance))"]
        guard !rows.isEmpty else {
            return lines.joined(separator: "\n") + "\nno leaves to check\n" + renderExpectations(numbers: numbers)
        }
        var table = TextTable()
        table.rightAligned = [2]
        table.append(["", "leaf", "paths", "backward", "sum over paths", "finite differences", "status"])
        for row in rows {
            let mark =
                switch row.status {
                case .agrees: " "
                case .disagrees: "✗"
                case .kink: "!"
                case .inconclusive: "?"
                }
            let status = row.status.word
            table.append([
                mark, row.name, String(row.pathCount), Explanation.summary(row.gradient, numbers: numbers, limit: 4),
                Explanation.summary(row.pathSum, numbers: numbers, limit: 4),
                row.numeric.map { Explanation.summary($0, numbers: numbers, limit: 4) } ?? "skipped", status,
            ])
        }
        lines.append(table.render(indent: ""))
        let warned = rows.filter { $0.status == .kink }
        for row in warned {
            for warning in row.kinkWarnings { lines.append("warning: \(row.name): " + warning) }
            for problem in row.problems { lines.append("  (\(problem): expected at the kink)") }
        }
        for row in rows where row.status == .inconclusive {
            if let note = row.inconclusiveNote { lines.append("note: \(row.name): \(note)") }
        }
        let unestimated = rows.filter { $0.numeric == nil }.count
        if unestimated > 0 {
            lines.append(
                "note: finite differences skipped for \(unestimated) of \(rows.count) lea\(rows.count == 1 ? "f" : "ves") "
                    + "(past the budget of \(finiteDifferenceBudget) replayed values); the sum over paths "
                    + "checks their backward gradient")
        }
        let failed = rows.filter { $0.status == .disagrees }
        for row in failed {
            lines.append("mismatch: \(row.name): " + row.problems.joined(separator: "; "))
        }
        let undecided = rows.filter { $0.status == .inconclusive }.count
        var remarks: [String] = []
        if !warned.isEmpty {
            remarks.append("\(warned.count) \(CheckStatus.kink.word)\(warned.count == 1 ? "" : "s")")
        }
        if undecided > 0 { remarks.append("\(undecided) inconclusive by finite differences") }
        let warnings = remarks.isEmpty ? "" : " (" + remarks.joined(separator: ", ") + ")"
        if failed.isEmpty && warned.isEmpty {
            lines.append("all \(rows.count) lea\(rows.count == 1 ? "f agrees" : "ves agree")\(warnings)")
        } else if failed.isEmpty {
            // A kink is not agreement: finite differences see another slope (explain says the same).
            lines.append("all \(rows.count) lea\(rows.count == 1 ? "f passes" : "ves pass")\(warnings)")
        } else {
            lines.append(
                "\(failed.count) of \(rows.count) lea\(rows.count == 1 ? "f" : "ves") disagree\(failed.count == 1 ? "s" : ""): "
                    + failed.map(\.name).joined(separator: ", ") + warnings)
        }
        return TerminalText.escaped(lines.joined(separator: "\n") + "\n" + renderExpectations(numbers: numbers))
    }

    /// The expectations' section (see ``ExpectationResult/report(_:numbers:)``).
    func renderExpectations(numbers: NumberFormat) -> String {
        ExpectationResult.report(expectations, numbers: numbers)
    }
}
