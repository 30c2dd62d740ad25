import GradVizEngine
import GradVizNotation

extension Explanation {
    /// The terminal report, nodes written with their display labels (ŷ, w₁): each path with its
    /// factors, each as fraction = formula = number where it has a formula (in the lecture's order, ``ChainPath/factorsFromOutput``) and product, then the sum, the backward gradient, the
    /// finite-difference estimate, whether they agree, and kink warnings.
    func textReport(numbers: NumberFormat) -> String {
        var lines = [
            "∂\(displayLabel(of))/∂\(DisplayLabel.composed(wrtLabel)) over the \(view.kind.rawValue) view: \(countPhrase)"
        ]
        if let note = listingNote { lines.append(note) }
        if !paths.isEmpty {
            var table = TextTable()
            table.rightAligned = [0, 3]
            table.append(["#", "path", "factors", "product"])
            for (index, path) in paths.enumerated() {
                let route = path.route(displayLabel)
                let factors = path.shownFactorsFromOutput.map { shown in
                    shown.text(noun: "factor") { edge, factor in
                        factorText(
                            edge, factor, fraction: derivative(edge.to, edge.from), math: false,
                            numbers: numbers, column: false)
                    }
                }
                table.append([
                    String(index + 1), route,
                    factors.isEmpty ? "(none: the same node)" : factors.joined(separator: " · "),
                    Explanation.summary(path.product, numbers: numbers),
                ])
            }
            lines.append(table.render())
        }
        let check = GradientCheck()
        var summary = TextTable()
        let sumLabel = pathCount == 1 ? "sum over the path" : "sum over all \(countPhrase)"
        summary.append([sumLabel, numbers.string(pathSum) + "  (\(sumNote))"])
        summary.append(["backward gradient", numbers.string(gradient)])
        summary.append(["finite differences", numeric.map { numbers.string($0) } ?? Explanation.skippedText])
        summary.append(["agree", agreementText(check, numbers: numbers)])
        lines.append(summary.render(indent: ""))
        for warning in kinkWarnings(numbers: numbers) { lines.append("warning: " + warning) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `∂ŷ/∂w₁`: how text writes the local derivative of `of` by `wrt`, nodes by their labels.
    func derivative(_ of: NodeID, _ wrt: NodeID) -> String {
        "∂\(displayLabel(of))/∂\(displayLabel(wrt))"
    }

    /// `yes (rtol 1e-05, atol 1e-06)` or `no: …` with the size of each disagreement; at a kink
    /// where the sum over paths agrees with backward, `kink warning: …`, the word `check` gives
    /// the same gradient (``GradientCheck/Verdict/word``).
    func agreementText(_ check: GradientCheck, numbers: NumberFormat) -> String {
        let tolerance = Explanation.toleranceText(check, numbers: numbers)
        let problems = problems(within: check, numbers: numbers)
        switch verdict(within: check) {
        case .kink:
            let finite = problems.isEmpty ? "finite differences agree too" : problems.joined(separator: "; ")
            return GradientCheck.Verdict.kink.word + ": the sum over paths agrees with backward; " + finite
                + " (\(tolerance)), as expected at a kink, see the warning"
        case .agrees, .inconclusive, .disagrees:
            break
        }
        if problems.isEmpty {
            if let note = inconclusiveNote(within: check, numbers: numbers) { return "yes (\(tolerance)); \(note)" }
            return "yes (\(tolerance))"
        }
        return "no: " + problems.joined(separator: "; ") + " (\(tolerance))"
    }

    /// What disagrees beyond `check`'s tolerances, in words: the sum over paths against
    /// backward, then backward against finite differences (empty when both agree).
    func problems(within check: GradientCheck, numbers: NumberFormat) -> [String] {
        var problems: [String] = []
        if !check.agrees(pathSum, gradient) {
            problems.append(
                "sum over paths and backward differ by up to "
                    + numbers.string(Explanation.largestDifference(pathSum, gradient)))
        }
        if let numeric, numericVerdict(within: check) == .disagrees {
            problems.append(
                "backward and finite differences differ by up to "
                    + numbers.string(Explanation.largestDifference(gradient, numeric)))
        }
        return problems
    }

    /// Why finite differences could not decide, in words; `nil` unless they are inconclusive.
    func inconclusiveNote(within check: GradientCheck, numbers: NumberFormat) -> String? {
        guard numericVerdict(within: check) == .inconclusive, let numeric, let numericError else { return nil }
        let error = numericError.scalars.filter(\.isFinite).max()
        let reason =
            error.map {
                "they differ from backward by up to \(numbers.string(Explanation.largestDifference(gradient, numeric))), "
                    + "within their own estimated error of ±\(numbers.string($0)) (rounding of a large output "
                    + "or truncation on a steep one)"
            } ?? "no step gave a finite difference"
        return "finite differences inconclusive: " + reason
            + "; the exact comparison of the sum over paths with backward decides"
    }

    /// `rtol 1e-05, atol 1e-06`.
    static func toleranceText(_ check: GradientCheck, numbers: NumberFormat) -> String {
        "rtol \(numbers.string(check.relativeTolerance)), atol \(numbers.string(check.absoluteTolerance))"
    }
}
