import GradVizEngine

extension Evaluation {
    /// Why a name given on the command line (`--wrt`) cannot be differentiated with respect to.
    public struct TargetError: Error, CustomStringConvertible, Sendable {
        /// One line for a person, with a "did you mean" when a variable's name is close.
        public let description: String
    }

    /// What `name` selects as a variable to differentiate with respect to (`--wrt`), as
    /// ``selection(named:)`` reads it: it must exist and must not be data (`constant NAME`),
    /// which has no gradient.
    ///
    /// - Parameter option: How the caller spells the option, for the message (`--wrt`).
    public func gradientTarget(
        named name: String, option: String = "--wrt"
    ) throws(TargetError) -> (variable: Variable, entry: Int?) {
        guard let selected = selection(named: name) else {
            throw TargetError(description: selectionProblem(name, option: option))
        }
        guard !selected.variable.isData else {
            throw TargetError(
                description: "'\(selected.variable.name)' is data (marked 'constant'): it has no gradient for \(option)"
            )
        }
        return selected
    }
}
