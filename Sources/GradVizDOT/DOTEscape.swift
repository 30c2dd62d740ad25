/// Escapes text for the two contexts in which GradViz writes strings into DOT.
///
/// Every string that reaches the DOT text passes through exactly one of these, so a label such
/// as `" \ < > & { } |` or any Unicode (ŷ, σ₃, ∂, emoji) renders as written and can never end a
/// string early or inject markup.
enum DOTEscape {
    /// The contents of a double-quoted DOT string (the quotes are added): `"` and `\` are
    /// backslash-escaped, line breaks become `\n`, other control characters become spaces.
    ///
    /// DOT itself only unescapes `\"`; Graphviz then reads `\\` as one backslash in labels
    /// (escString attributes). Escaping the backslash also stops a trailing `\` from swallowing
    /// the closing quote and a `\`-newline pair from being read as a line continuation.
    static func quoted(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default:
                if isControl(scalar) { result += " " } else { result.unicodeScalars.append(scalar) }
            }
        }
        result += "\""
        return result
    }

    /// Text inside an HTML-like label (element content or attribute value): the XML specials
    /// `& < > " '` become entities, and `{ } |` (special in record labels and easily mangled by
    /// tools that template DOT) become numeric character references.
    ///
    /// Control characters, which XML forbids, become spaces; everything else is kept as UTF-8.
    static func html(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "{": result += "&#123;"
            case "}": result += "&#125;"
            case "|": result += "&#124;"
            default:
                if isControl(scalar) || isNonCharacter(scalar) {
                    result += " "
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// Whether the scalar is a C0/C1 control character or DEL (tab and newline included: labels
    /// are single lines).
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
    }

    /// Code points XML 1.0 does not allow (U+FFFE, U+FFFF).
    private static func isNonCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }
}
