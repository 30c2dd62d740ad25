/// Escapes text for XML-like markup: Graphviz HTML-like labels, the interactive HTML page and
/// JUnit XML reports all write names and labels from scripts through this one function, so
/// `</script>`, `"` or a stray control character can never end an element or an attribute early.
public enum MarkupEscape {
    /// Element content or a quoted attribute value.
    ///
    /// `& < > " '` become character references, and so do `{ } |` (special in Graphviz record
    /// labels and easily mangled by tools that template DOT; harmless everywhere else). Control
    /// characters and the code points XML 1.0 forbids (U+FFFE, U+FFFF) become spaces; tab and
    /// newline are kept when `keepingLineBreaks` is true (page text, report messages) and become
    /// spaces otherwise (one-line labels).
    public static func xml(_ text: String, keepingLineBreaks: Bool) -> String {
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
            case "\t" where keepingLineBreaks, "\n" where keepingLineBreaks:
                result.unicodeScalars.append(scalar)
            default:
                if isForbidden(scalar) { result += " " } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// Whether the scalar is a C0/C1 control character, DEL, or a code point XML 1.0 does not
    /// allow.
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
            || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }
}
