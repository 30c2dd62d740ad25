/// Why the engine refused to record an operation.
public enum GraphError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Operand shapes that the operation cannot combine, e.g. `[2] + [3]`.
    case shapeMismatch(op: String, lhs: Shape, rhs: Shape)
    /// An operand whose shape the operation does not accept, e.g. `softmax` of a scalar.
    case unsupportedShape(op: String, shape: Shape, expected: String)
    /// A tensor literal that is empty or ragged.
    case invalidLiteral(String)
    /// The exponent of `^` must be a constant, not a value that depends on a variable.
    case nonConstantExponent
    /// Values from two different graphs were combined.
    case differentGraphs
    /// A ``ScopedValue`` was used outside the recording scope that made it (after the scope
    /// ended, in another scope, or on another thread).
    case outsideRecordingScope

    /// A one-line explanation for a person.
    public var description: String {
        switch self {
        case .shapeMismatch(let op, let lhs, let rhs):
            return "shape mismatch in '\(op)': \(lhs) and \(rhs)"
        case .unsupportedShape(let op, let shape, let expected):
            return "'\(op)' expects \(expected), got shape \(shape)"
        case .invalidLiteral(let message):
            return message
        case .nonConstantExponent:
            return "the exponent of '^' must be a constant"
        case .differentGraphs:
            return "values from different graphs cannot be combined"
        case .outsideRecordingScope:
            return "a scoped value was used outside the recording scope that made it"
        }
    }
}
