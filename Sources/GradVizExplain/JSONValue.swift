import GradVizEngine
import GradVizNotation

/// A JSON document with object keys kept in the order written, so GradViz's JSON reads in the
/// order its contracts list the fields (`output` before `nodes`, `of` before `wrt`).
///
/// Numbers print in the shortest form that reads back exactly (`3`, `-0.25`, `1e-05`);
/// integers of any size are written digit for digit (``raw(_:)``), and a non-finite number, which
/// JSON cannot express, becomes `null`.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int)
    /// Text written verbatim: an exact integer too large for `Int`, such as a path count.
    case raw(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// A tensor as a number (scalar), an array (vector) or an array of rows (matrix).
    public init(_ tensor: Tensor) {
        switch tensor.shape.rank {
        case 0: self = .number(tensor.scalar)
        case 1: self = .array(tensor.scalars.map(JSONValue.number))
        default: self = .array(tensor.rows.map { .array($0.map(JSONValue.number)) })
        }
    }

    /// The JSON text, one line, with a space after each `,` and `:`.
    public var text: String {
        var output = ""
        write(to: &output)
        return output
    }

    /// The same JSON without the spaces after `,` and `:`, for machines (an interactive page's
    /// data).
    public var compactText: String {
        var output = ""
        write(to: &output, comma: ",", colon: ":")
        return output
    }

    private func write(to output: inout String, comma: String = ", ", colon: String = ": ") {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .integer(let value): output += String(value)
        case .raw(let text): output += text
        case .number(let value): output += JSONValue.numberText(value)
        case .string(let value): output += JSONValue.quoted(value)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += comma }
                item.write(to: &output, comma: comma, colon: colon)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output += comma }
                output += JSONValue.quoted(key) + colon
                value.write(to: &output, comma: comma, colon: colon)
            }
            output += "}"
        }
    }

    static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), Swift.abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return String(value)
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where TerminalText.needsEscape(scalar):
                // Controls must be escaped in JSON; DEL, C1 and bidirectional overrides may be
                // written raw, but are escaped too so that JSON shown on a terminal cannot act
                // on it (the parsed strings are the same).
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
