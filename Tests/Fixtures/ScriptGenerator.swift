/// Random `.grad` scripts for property and fuzz tests, drawn from any seeded generator: the
/// lecture-style scripts `RandomScriptTests` checks, broader ones using every part of the
/// language, and mutations of any script (which are mostly invalid, on purpose).
///
/// Sizes are bounded by construction (a few dozen lines, tensors of at most 3 × 3), so
/// whatever a script computes, evaluating, explaining and drawing it takes bounded time.
public enum ScriptGenerator {
    /// A random scalar script as a lecture writes one: a data leaf, three leaves, ten computed
    /// lines over earlier names (a third of them identity lines, `a0 = x`), and a loss reading
    /// every computed name.
    public static func lectureScript(using generator: inout some RandomNumberGenerator) -> String {
        var lines = ["constant d0", "d0 = 0.75"]
        var names = ["d0"]
        for index in 0..<3 {
            let value = Double(Int.random(in: -15...15, using: &generator)) / 10 + 0.05
            lines.append("x\(index) = \(value)")
            names.append("x\(index)")
        }
        var computed: [String] = []
        for index in 0..<10 {
            let name = "v\(index)"
            let a = names.randomElement(using: &generator) ?? "x0"
            let b = names.randomElement(using: &generator) ?? "x1"
            switch Int.random(in: 0..<6, using: &generator) {
            case 0, 1: lines.append("\(name) = \(a)")  // identity
            case 2: lines.append("\(name) = \(a) * \(b) + 0.5")
            case 3: lines.append("\(name) = tanh(\(a) - \(b))")
            case 4: lines.append("\(name) = max(\(a), \(b) + 0.25)")
            default: lines.append("\(name) = min(sigmoid(\(a)), \(b))")
            }
            names.append(name)
            computed.append(name)
        }
        lines.append("L = " + computed.map { "\($0)^2" }.joined(separator: " + "))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Labels a teacher might write, and hostile ones: markup, quotes, emoji, long text.
    static let labels = [
        "ŷ", "σ₃", "w₁₁⁽¹⁾", "W⁽²⁾", "a₁,₂", "\\\"q\\\" 😀", "<b>&amp;</b>", "{x|y}", "👨‍👩‍👧 é\u{301}", "x^{(1)}_b",
        "50% & #1_b", String(repeating: "long", count: 30), "学习率", "\\\\",
    ]

    /// Literals at the edges of what a Double holds, or of what reads as written.
    static let extremeLiterals = [
        "0", "1e-400", "2.5e-310", "1e308", "1e-300", "0.000001", "123456789", "1e999", "0e-999",
    ]

    /// A random script over scalars, vectors and a matrix: every operator and function, identity
    /// lines, `module` blocks (nested), `label`, `constant`, `output` and `expect` directives
    /// (expectations of leaves' values, which always hold), comments,
    /// a matrix written over two lines, and now and then an extreme literal. Mostly valid;
    /// shapes or values may still make it fail, which is then a diagnostic.
    public static func script(using generator: inout some RandomNumberGenerator) -> String {
        func number() -> String {
            if Int.random(in: 0..<12, using: &generator) == 0 {
                // Not 1e999, which no script may hold.
                return extremeLiterals.filter { $0 != "1e999" }.randomElement(using: &generator) ?? "0"
            }
            let value = Double(Int.random(in: -20...20, using: &generator)) / 8
            return value == 0 ? "0.5" : String(value)
        }
        var lines: [String] = ["# generated"]
        var scalars: [String] = []
        var vectors: [String] = []
        var leaves: [String] = []
        let leafCount = Int.random(in: 1...4, using: &generator)
        var expectations: [String] = []
        for index in 0..<leafCount {
            let value = number()
            lines.append("x\(index) = \(value)")
            scalars.append("x\(index)")
            leaves.append("x\(index)")
            // A leaf's value is known before evaluating: an expectation that always holds.
            if Int.random(in: 0..<3, using: &generator) == 0 { expectations.append("expect x\(index) = \(value)") }
        }
        let width = Int.random(in: 2...3, using: &generator)
        if Bool.random(using: &generator) {
            lines.append("v = [" + (0..<width).map { _ in number() }.joined(separator: ", ") + "]")
            vectors.append("v")
            leaves.append("v")
            let rows = (0..<width).map { _ in "[" + (0..<width).map { _ in number() }.joined(separator: ", ") + "]" }
            lines.append("M = [" + rows[0] + ",")
            lines.append("     " + rows.dropFirst().joined(separator: ", ") + "]")
            vectors.append("M @ v")
            leaves.append("M")
        }
        if leaves.count > 1, Int.random(in: 0..<4, using: &generator) == 0, let data = leaves.first {
            lines.append("constant \(data)")
        }
        var depth = 0
        var computed: [String] = []
        let unary = ["relu", "sigmoid", "tanh", "exp", "abs", "softplus", "sqrt", "log"]
        for index in 0..<Int.random(in: 2...14, using: &generator) {
            if depth < 2, Int.random(in: 0..<6, using: &generator) == 0 {
                lines.append(String(repeating: "  ", count: depth) + "module m\(index) {")
                depth += 1
            } else if depth > 0, Int.random(in: 0..<4, using: &generator) == 0 {
                depth -= 1
                lines.append(String(repeating: "  ", count: depth) + "}")
            }
            let a = scalars.randomElement(using: &generator) ?? "x0"
            let b = scalars.randomElement(using: &generator) ?? "x0"
            let u = unary.randomElement(using: &generator) ?? "relu"
            var vector = false
            let expression: String
            switch Int.random(in: 0..<12, using: &generator) {
            case 0: expression = a
            case 1: expression = "\(a) + \(b) * \(number())"
            case 2: expression = "\(a) - \(b) / (\(b)^2 + 1)"
            case 3: expression = "\(u)(\(a))"
            case 4: expression = "\(u)(\(a) * \(b) - \(number()))"
            case 5: expression = "max(\(a), \(b)) + min(\(a), \(number()))"
            case 6: expression = "-\(a)^\(Int.random(in: 0...3, using: &generator))"
            case 7: expression = "(\(a) + \(b))^2 / 2"
            default:
                guard let v = vectors.randomElement(using: &generator) else {
                    expression = "\(a) * \(a) + \(number())"
                    break
                }
                switch Int.random(in: 0..<5, using: &generator) {
                case 0: expression = "sum(\(u)(\(v)) * \(a))"
                case 1: expression = "mean((\(v) - \(b))^2)"
                case 2:
                    expression = "softmax(\(v)) * \(a)"
                    vector = true
                case 3: expression = "mse(\(v), \(v) * \(number()))"
                default:
                    expression = "\(u)(\(v) + \(a))"
                    vector = true
                }
            }
            let name = "h\(index)"
            lines.append(String(repeating: "  ", count: depth) + "\(name) = \(expression)")
            if vector { vectors.append(name) } else { scalars.append(name) }
            computed.append(name)
        }
        while depth > 0 {
            depth -= 1
            lines.append(String(repeating: "  ", count: depth) + "}")
        }
        var terms = computed.suffix(4).filter { scalars.contains($0) }.map { "\($0)^2" }
        terms += computed.suffix(4).filter { vectors.contains($0) }.map { "sum(\($0))" }
        lines.append("L = " + (terms.isEmpty ? "x0 * x0" : terms.joined(separator: " + ")))
        for name in (leaves + computed).shuffled(using: &generator).prefix(Int.random(in: 0...3, using: &generator)) {
            lines.append("label \(name) \"\(labels.randomElement(using: &generator) ?? "ŷ")\"")
        }
        if Int.random(in: 0..<5, using: &generator) == 0, let output = computed.last(where: { scalars.contains($0) }) {
            lines.append("output \(output)")
        }
        lines += expectations
        return lines.joined(separator: "\n") + "\n"
    }

    /// Pieces a mutation inserts: tokens, keywords, brackets, extreme literals, line breaks of
    /// every kind, a byte-order mark, characters outside the grammar.
    static let insertions =
        [
            "(", ")", "[", "]", ",", "=", "+", "-", "*", "/", "^", "@", "{", "}", "#", "\"", "\\", " ", "\t", "\n",
            "\r\n",
            "\r", "\u{FEFF}", "é", "😀", "\u{0}", "module", "label", "output", "constant", "relu(", "sum(", "max(", "x0",
            "h1", "L", "expect ", "expect dL/dx0 = ", " within ", "1e-400", "1e999", "0", "-1", ".5", "1e", "1.2.3",
            "[[1, 2], [3]]", "[]", "()", "x0^x0", "_",
        ] + extremeLiterals

    /// `source` with 1 to 3 random edits: a piece inserted, a few characters deleted, a line
    /// deleted, duplicated or swapped with another, a number replaced by an extreme literal.
    public static func mutated(_ source: String, using generator: inout some RandomNumberGenerator) -> String {
        var characters = Array(source)
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            let position = Int.random(in: 0...characters.count, using: &generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0, 1:
                characters.insert(contentsOf: insertions.randomElement(using: &generator) ?? "(", at: position)
            case 2:
                let end = min(characters.count, position + Int.random(in: 1...4, using: &generator))
                characters.removeSubrange(position..<end)
            case 3, 4:
                var lines = String(characters).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                guard !lines.isEmpty else { break }
                let line = Int.random(in: 0..<lines.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: lines.remove(at: line)
                case 1: lines.insert(lines[line], at: line)
                default: lines.swapAt(line, Int.random(in: 0..<lines.count, using: &generator))
                }
                characters = Array(lines.joined(separator: "\n"))
            default:
                // The first number at or after the position becomes an extreme literal.
                guard let start = characters[position...].firstIndex(where: \.isNumber) else { break }
                let end =
                    characters[start...].firstIndex { !($0.isNumber || $0 == "." || $0 == "e") } ?? characters.count
                characters.replaceSubrange(start..<end, with: extremeLiterals.randomElement(using: &generator) ?? "0")
            }
        }
        return String(characters)
    }
}
