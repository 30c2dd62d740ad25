/// JSON read back exactly as written, for contract tests: object members in their order and
/// numbers as their literal digits (Foundation's parser loses both: a dictionary has no order,
/// and 2⁷⁰ does not survive as an `Int`).
indirect enum JSONText: Equatable {
    case object([(key: String, value: JSONText)])
    case array([JSONText])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    static func == (a: JSONText, b: JSONText) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let x), .array(let y)): x == y
        case (.string(let x), .string(let y)), (.number(let x), .number(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null): true
        default: false
        }
    }

    /// The member keys of an object, in order (empty for anything else).
    var keys: [String] {
        if case .object(let members) = self { return members.map(\.key) }
        return []
    }

    subscript(key: String) -> JSONText? {
        if case .object(let members) = self { return members.first { $0.key == key }?.value }
        return nil
    }

    var elements: [JSONText]? {
        if case .array(let items) = self { return items }
        return nil
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// A number's literal digits.
    var literal: String? {
        if case .number(let text) = self { return text }
        return nil
    }

    var double: Double? { literal.flatMap(Double.init) }

    /// Parses exactly one JSON value, surrounded by whitespace only; `nil` when malformed.
    init?(_ text: String) {
        var parser = Parser(scalars: Array(text.unicodeScalars))
        guard let value = parser.value() else { return nil }
        parser.skipSpace()
        guard parser.index == parser.scalars.count else { return nil }
        self = value
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        mutating func skipSpace() {
            while index < scalars.count, [" ", "\n", "\r", "\t"].contains(scalars[index]) { index += 1 }
        }

        mutating func eat(_ literal: String) -> Bool {
            let wanted = Array(literal.unicodeScalars)
            guard index + wanted.count <= scalars.count, Array(scalars[index..<index + wanted.count]) == wanted
            else { return false }
            index += wanted.count
            return true
        }

        mutating func value() -> JSONText? {
            skipSpace()
            guard index < scalars.count else { return nil }
            switch scalars[index] {
            case "{":
                index += 1
                var members: [(key: String, value: JSONText)] = []
                skipSpace()
                if eat("}") { return .object(members) }
                repeat {
                    skipSpace()
                    guard let key = string() else { return nil }
                    skipSpace()
                    guard eat(":"), let item = value() else { return nil }
                    members.append((key, item))
                    skipSpace()
                } while eat(",")
                return eat("}") ? .object(members) : nil
            case "[":
                index += 1
                var items: [JSONText] = []
                skipSpace()
                if eat("]") { return .array(items) }
                repeat {
                    guard let item = value() else { return nil }
                    items.append(item)
                    skipSpace()
                } while eat(",")
                return eat("]") ? .array(items) : nil
            case "\"": return string().map(JSONText.string)
            case "t": return eat("true") ? .bool(true) : nil
            case "f": return eat("false") ? .bool(false) : nil
            case "n": return eat("null") ? .null : nil
            default:
                let start = index
                while index < scalars.count, "+-0123456789.eE".unicodeScalars.contains(scalars[index]) { index += 1 }
                var digits = String.UnicodeScalarView()
                digits.append(contentsOf: scalars[start..<index])
                let literal = String(digits)
                return Double(literal) == nil ? nil : .number(literal)
            }
        }

        mutating func string() -> String? {
            guard eat("\"") else { return nil }
            var result = String.UnicodeScalarView()
            while index < scalars.count {
                let scalar = scalars[index]
                index += 1
                if scalar == "\"" { return String(result) }
                guard scalar == "\\" else {
                    result.append(scalar)
                    continue
                }
                guard index < scalars.count else { return nil }
                let escape = scalars[index]
                index += 1
                switch escape {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                case "b": result.append("\u{8}")
                case "f": result.append("\u{C}")
                case "u":
                    guard index + 4 <= scalars.count,
                        let code = UInt32(String(String.UnicodeScalarView(scalars[index..<index + 4])), radix: 16),
                        let decoded = Unicode.Scalar(code)
                    else { return nil }
                    index += 4
                    result.append(decoded)
                default: result.append(escape)
                }
            }
            return nil
        }
    }
}
