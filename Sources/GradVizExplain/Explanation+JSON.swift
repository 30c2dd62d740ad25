import GradVizEngine

extension Explanation {
    /// The explanation as one JSON object, keys in this order:
    ///
    /// `{"of": "L", "wrt": "w1", "gradient": g, "pathCount": N, "pathSum": s, "numeric": n,
    ///   "paths": [{"nodes": ["w1", "a1", "o", "L"], "factors": [...], "product": p,
    ///     "formula": ["x1 * sigmoid(w1 * x1) * (1 - sigmoid(w1 * x1))", …]}, …],
    ///   "view": "vars", "pathSumMethod": "enumerated", "agrees": true, "kinks": [],
    ///   "numericError": e, "finiteDifferences": "agrees", "verdict": "agrees"}`
    ///
    /// `numericError` is the estimated absolute error of `numeric` (`null` with it);
    /// `finiteDifferences` is `agrees`, `inconclusive` (they differ by no more than their own
    /// error: `agrees` then rests on the exact path sum), `disagrees` or `skipped`; `verdict` is
    /// the word `check` gives the same gradient (``GradientCheck/Verdict``): `agrees`,
    /// `disagrees`, `kink` (`agrees` is false there: finite differences see another slope) or
    /// `inconclusive`.
    ///
    /// Names are the view's names (variable names, `relu#12` for an unnamed node); numbers are
    /// numbers or nested arrays (a tensor by rows); `pathCount` is the exact integer, all its
    /// digits; `pathSum` is always formed (never `null`). A path whose factors
    /// are not all plain numbers also has `"factorForms"` (see ``FactorForm``). `formula[i]` is
    /// `factors[i]` as an expression of the `.grad` language over the script's names
    /// (``FlowView/scriptText(_:)``): appended to the script as `F = <formula>`, `gradviz eval`
    /// gives the factor; `null` where the language cannot write it (a tensor factor, relu′,
    /// abs′, a max/min bracket, an unnamed leaf, a formula past ``Formula/maxSize``).
    public var json: JSONValue {
        var formulas: [FlowEdge: JSONValue] = [:]
        func formula(_ edge: FlowEdge) -> JSONValue {
            if let known = formulas[edge] { return known }
            let written = view.formula(along: edge).flatMap(view.scriptText).map(JSONValue.string) ?? .null
            formulas[edge] = written
            return written
        }
        let paths: [JSONValue] = self.paths.map { path in
            var members: [(String, JSONValue)] = [
                ("nodes", .array(path.nodes.map { .string(view.name(of: $0)) })),
                ("factors", .array(path.factors.map(JSONValue.init))),
                ("product", JSONValue(path.product)),
                ("formula", .array(path.edges.map(formula))),
            ]
            if path.factorForms.contains(where: { $0 != .number }) {
                members.append(("factorForms", .array(path.factorForms.map { .string($0.rawValue) })))
            }
            return .object(members)
        }
        return .object([
            ("of", .string(ofName)),
            ("wrt", .string(wrtName)),
            ("gradient", JSONValue(gradient)),
            ("pathCount", .raw(String(pathCount))),
            ("pathSum", JSONValue(pathSum)),
            ("numeric", numeric.map(JSONValue.init) ?? .null),
            ("paths", .array(paths)),
            ("view", .string(view.kind.rawValue)),
            ("pathSumMethod", .string(pathSumMethod.rawValue)),
            ("agrees", .bool(agrees)),
            ("kinks", .array(kinks.map { .string(view.name(of: $0)) })),
            ("numericError", numericError.map(JSONValue.init) ?? .null),
            ("finiteDifferences", .string(numericVerdict()?.rawValue ?? "skipped")),
            ("verdict", .string(verdict().rawValue)),
        ])
    }
}
