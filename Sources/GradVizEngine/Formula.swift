import Foundation

/// A small scalar expression over the graph's nodes: a local derivative written as a formula,
/// such as 2(ŷ − y) or σ′(w₁·x₁)·x₁.
///
/// Built only through the simplifying constructors (``sum(_:_:)``, ``product(_:)``, ``raised(_:to:)`` …), so a
/// formula never holds `1 ·`, `+ 0`, an unfolded constant, or a repeated factor that is not a
/// power. Variables are node ids; printers (in GradVizExplain) write them with the script's
/// names or display labels. A formula's value is ``evaluate(_:)``, computed with the ops' own
/// ``Op/apply(_:_:)`` and ``Op/partials(_:_:output:)``.
///
/// Activations' derivatives are written as the derivative of the function at its argument,
/// σ′(z) (``derivative(_:_:position:)``), as the lecture notes write relu′: the formula then
/// holds as a function of the leaves whatever the script names, and relu′, abs′ and a tie of
/// max or min keep the engine's convention (relu′(0) = 0, ½ each at a tie).
public indirect enum Formula: Hashable, Sendable {
    /// A constant.
    case number(Double)
    /// A node's value (a named variable, a leaf, or a view node of the ops view).
    case variable(NodeID)
    /// `a + b`.
    case add(Formula, Formula)
    /// `a − b`.
    case subtract(Formula, Formula)
    /// A product of two or more factors: a number first when there is one, no factor a product.
    case multiply([Formula])
    /// `a / b`.
    case divide(Formula, Formula)
    /// `a ^ p` with a constant exponent.
    case power(Formula, Double)
    /// `−a`.
    case negate(Formula)
    /// An elementwise function applied: `relu`, `sigmoid`, `tanh`, `exp`, `log`, `abs`, `sqrt`,
    /// `softplus` (one argument) or `maximum`, `minimum` (two).
    case function(Op, [Formula])
    /// The derivative of a kinked or activation function with respect to its argument at
    /// `position`, at the arguments: σ′(z), tanh′(z), relu′(z), sgn(z) for abs, and for max
    /// and min the indicator of the argument that wins (½ at a tie).
    case derivative(Op, [Formula], position: Int)

    /// The most nodes a formula may have: larger expressions are not written as formulas (the
    /// number alone is shown), so formulas stay readable and building them stays cheap.
    public static let maxSize = 64

    /// The number of nodes of the tree.
    public var size: Int {
        switch self {
        case .number, .variable: 1
        case .add(let a, let b), .subtract(let a, let b), .divide(let a, let b): 1 + a.size + b.size
        case .multiply(let factors): 1 + factors.reduce(0) { $0 + $1.size }
        case .power(let a, _), .negate(let a): 1 + a.size
        case .function(_, let arguments), .derivative(_, let arguments, _): 1 + arguments.reduce(0) { $0 + $1.size }
        }
    }

    /// The constant, when the formula is one.
    public var constant: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The formula's value, each variable given by `value`.
    public func evaluate(_ value: (NodeID) -> Double) -> Double {
        switch self {
        case .number(let x): return x
        case .variable(let id): return value(id)
        case .add(let a, let b): return a.evaluate(value) + b.evaluate(value)
        case .subtract(let a, let b): return a.evaluate(value) - b.evaluate(value)
        case .multiply(let factors): return factors.reduce(1) { $0 * $1.evaluate(value) }
        case .divide(let a, let b): return a.evaluate(value) / b.evaluate(value)
        case .power(let a, let p): return Op.pow.apply(a.evaluate(value), p)
        case .negate(let a): return -a.evaluate(value)
        case .function(let op, let arguments):
            let x = arguments.map { $0.evaluate(value) }
            return op.apply(x[0], x.count > 1 ? x[1] : 0)
        case .derivative(let op, let arguments, let position):
            let x = arguments.map { $0.evaluate(value) }
            let (a, b) = (x[0], x.count > 1 ? x[1] : 0)
            let partials = op.partials(a, b, output: op.apply(a, b))
            return position == 0 ? partials.0 : partials.1
        }
    }

    /// Every variable the formula reads, each once, in the order first read.
    public var variables: [NodeID] {
        var seen: Set<NodeID> = []
        var result: [NodeID] = []
        func visit(_ formula: Formula) {
            switch formula {
            case .number: break
            case .variable(let id): if seen.insert(id).inserted { result.append(id) }
            case .add(let a, let b), .subtract(let a, let b), .divide(let a, let b):
                visit(a)
                visit(b)
            case .multiply(let factors): factors.forEach(visit)
            case .power(let a, _), .negate(let a): visit(a)
            case .function(_, let arguments), .derivative(_, let arguments, _): arguments.forEach(visit)
            }
        }
        visit(self)
        return result
    }

    /// How many times variables occur (`x·x + y` has 3 occurrences; a power counts once).
    public var variableOccurrences: Int {
        switch self {
        case .number: 0
        case .variable: 1
        case .add(let a, let b), .subtract(let a, let b), .divide(let a, let b):
            a.variableOccurrences + b.variableOccurrences
        case .multiply(let factors): factors.reduce(0) { $0 + $1.variableOccurrences }
        case .power(let a, _), .negate(let a): a.variableOccurrences
        case .function(_, let arguments), .derivative(_, let arguments, _):
            arguments.reduce(0) { $0 + $1.variableOccurrences }
        }
    }

    // MARK: Simplifying constructors

    /// `a + b`, simplified: constants folded, `+ 0` dropped, `a + (−b)` (or a negative constant) as `a − b`.
    public static func sum(_ a: Formula, _ b: Formula) -> Formula {
        if let x = a.constant, let y = b.constant { return .number(x + y) }
        if a.constant == 0 { return b }
        if b.constant == 0 { return a }
        if let y = b.constant, y < 0 { return difference(a, .number(-y)) }
        if case .negate(let c) = b { return difference(a, c) }
        if case .negate(let c) = a { return difference(b, c) }
        return .add(a, b)
    }

    /// `a − b`, simplified: constants folded, `− 0` dropped, `0 − b` as `−b`, `a − a` as 0.
    public static func difference(_ a: Formula, _ b: Formula) -> Formula {
        if let x = a.constant, let y = b.constant { return .number(x - y) }
        if b.constant == 0 { return a }
        if a.constant == 0 { return negation(b) }
        if a == b { return .number(0) }
        if case .negate(let c) = b { return sum(a, c) }
        return .subtract(a, b)
    }

    /// `−a`, simplified: `−(−a)` is `a`, a constant is folded.
    public static func negation(_ a: Formula) -> Formula {
        switch a {
        case .number(let x): return .number(-x)
        case .negate(let b): return b
        case .subtract(let b, let c): return .subtract(c, b)
        default: return .negate(a)
        }
    }

    /// The product of `factors`, simplified: nested products flattened, constants multiplied
    /// into one coefficient written first (none when it is 1, the whole product when it is 0),
    /// a negative coefficient as a negation, negations pulled out, and a factor that repeats
    /// (or powers of it) as one power.
    public static func product(_ factors: [Formula]) -> Formula {
        var coefficient = 1.0
        var bases: [Formula] = []
        var exponents: [Double] = []
        func add(_ factor: Formula) {
            switch factor {
            case .number(let x): coefficient *= x
            case .multiply(let inner): inner.forEach(add)
            case .negate(let inner):
                coefficient = -coefficient
                add(inner)
            default:
                let (base, exponent): (Formula, Double) =
                    if case .power(let b, let p) = factor { (b, p) } else { (factor, 1) }
                if let index = bases.firstIndex(of: base) {
                    exponents[index] += exponent
                } else {
                    bases.append(base)
                    exponents.append(exponent)
                }
            }
        }
        factors.forEach(add)
        if coefficient == 0 { return .number(0) }
        var kept: [Formula] = []
        for (base, exponent) in zip(bases, exponents) where exponent != 0 {
            kept.append(raised(base, to: exponent))
        }
        let magnitude = Swift.abs(coefficient)
        if magnitude != 1 { kept.insert(.number(magnitude), at: 0) }
        let body: Formula =
            switch kept.count {
            case 0: .number(1)
            case 1: kept[0]
            default: .multiply(kept)
            }
        return coefficient < 0 ? negation(body) : body
    }

    /// `a · b`, simplified as ``product(_:)``.
    public static func product(_ a: Formula, _ b: Formula) -> Formula { product([a, b]) }

    /// `a / b`, simplified: `/ 1` dropped (`/ −1` as a negation), `0 / b` as 0, constants
    /// folded, `a / a` as 1, a negated numerator pulled out.
    public static func quotient(_ a: Formula, _ b: Formula) -> Formula {
        if let y = b.constant {
            if let x = a.constant { return .number(x / y) }
            if y == 1 { return a }
            if y == -1 { return negation(a) }
        }
        if a.constant == 0 { return .number(0) }
        if a == b { return .number(1) }
        if case .negate(let c) = a { return negation(quotient(c, b)) }
        return .divide(a, b)
    }

    /// `a ^ p`, simplified: `^ 1` dropped, `^ 0` as 1, a constant folded, a power of a power
    /// multiplied out.
    public static func raised(_ a: Formula, to p: Double) -> Formula {
        if p == 0 { return .number(1) }
        if p == 1 { return a }
        if let x = a.constant { return .number(Op.pow.apply(x, p)) }
        if case .power(let b, let q) = a, q == q.rounded(), p == p.rounded() { return raised(b, to: q * p) }
        return .power(a, p)
    }
}
