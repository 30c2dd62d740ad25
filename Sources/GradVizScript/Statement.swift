/// One line of a script that does something.
struct Statement: Sendable {
    enum Kind: Sendable {
        /// `name = expression`.
        case assignment(name: String, expression: Expression)
        /// `output name`: the variable whose gradient is taken.
        case output(name: String)
        /// `label name "text"`: how figures display the variable.
        case label(name: String, text: String)
        /// `constant x y`: leaves that are data (inputs, targets) and get no gradient, like
        /// PyTorch's `requires_grad=False`; each name with its byte offset.
        case data(names: [(name: String, offset: Int)])
        /// `module name {`: the following assignments belong to a named block.
        case beginModule(name: String)
        /// `}`: closes the innermost module.
        case endModule
        /// `expect yhat = 37` or `expect dL/dw1 = -36 within 1e-3`: a hand-worked number to check.
        case expectation(ExpectationSyntax)
    }

    var kind: Kind
    /// 1-based line number.
    let line: Int
    /// The byte offset in the line of the statement's subject: the assigned name, the name
    /// after a directive (`output`, `label`, `module`), the quantity after `expect`, or the `}`.
    let offset: Int
}
