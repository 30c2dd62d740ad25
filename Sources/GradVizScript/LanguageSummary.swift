import GradVizEngine

extension Script {
    /// The `.grad` language on one screen, with every function a script may call: what
    /// `gradviz language` (and `gradviz help language`) prints. The function list is read from
    /// the table the parser uses, so it cannot fall out of date.
    public static var languageSummary: String {
        let functions = Function.table.sorted { $0.key < $1.key }.map { name, op in
            let arguments =
                op.arity == 1
                ? "x" : (name == "cross_entropy" ? "logits, target" : name == "mse" ? "pred, target" : "a, b")
            return "  \(name)(\(arguments))"
        }
        return """
            A .grad script is one statement per line; '#' starts a comment.

              x = 3                      a leaf: a number, [1, -2] or [[1, 2], [3, 4]]
              W = [[1, 2],               a line ending inside ( or [ continues on the next
                   [3, 4]]
              h = relu(W @ x + b)        a computed variable (each name is assigned once)
              a0 = x                     an identity node of its own (derivative 1)
              L = (h - y)^2              powers are ^ (not **), with a constant exponent
              output L                   the variable differentiated (default: the last one)
              label yhat "ŷ"             how figures display a name
              constant x y               data: leaves with no gradient (requires_grad=False)
              module layer1 {            a named block, drawn as a cluster
              }
              expect yhat = 37           a value worked out by hand, checked by 'gradviz check'
              expect dL/dw1 = -36        a gradient dL/dw1 (a number, vector or matrix);
              expect dL/dW = [1, 2] within 1e-3     'within' sets an absolute tolerance

            Operators, loosest first: + -   * / @   unary -   ^ (right-associative).
            + - * / ^ max min work entry by entry and broadcast a scalar (or a row) like NumPy.
            cross_entropy's target is a distribution shaped like the logits, or class indices
            counted from 0 (one per row).

            Functions:
            \(functions.joined(separator: "\n"))
            """
    }
}
