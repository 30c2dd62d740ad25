import GradVizExplain
import GradVizScript

extension Evaluation {
    /// The script's `expect` lines as the checker reads them: names resolved to the nodes of
    /// this (unexpanded) evaluation, a value's assignment with the nodes it reads.
    var checkableExpectations: [Expectation] {
        expectations.compactMap { written in
            let quantity: Expectation.Quantity
            var definition: Expectation.Definition?
            switch written.quantity {
            case .value(let name):
                guard let node = variable(named: name)?.id else { return nil }
                quantity = .value(node)
                if let variable = variable(named: name), !variable.isLeaf, let assignment = assignment(of: name) {
                    definition = Expectation.Definition(
                        expression: assignment.expression,
                        operands: assignment.reads.compactMap { self.variable(named: $0)?.id })
                }
            case .gradient(let of, let wrt):
                guard let ofNode = variable(named: of)?.id, let wrtNode = variable(named: wrt)?.id else { return nil }
                quantity = .gradient(of: ofNode, wrt: wrtNode)
            }
            return Expectation(
                quantity: quantity, expected: written.expected, tolerance: written.tolerance, line: written.line,
                column: written.column, source: written.source, definition: definition)
        }
    }
}
