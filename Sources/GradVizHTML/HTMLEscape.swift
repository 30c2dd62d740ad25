import GradVizNotation

/// Escapes text for the contexts in which GradViz writes strings into an HTML page.
///
/// Every string from a script (names, labels) or an option that reaches the page passes through
/// one of these, so `</script><script>alert(1)</script>` shows as text and never runs.
enum HTMLEscape {
    /// Element content or a double- or single-quoted attribute value, as `MarkupEscape.xml`
    /// writes it with tabs and newlines kept.
    static func text(_ text: String) -> String {
        MarkupEscape.xml(text, keepingLineBreaks: true)
    }

    /// JSON text for a `<script type="application/json">` element: `<`, `>` and `&` become
    /// `\u003c`, `\u003e` and `\u0026`, so no `</script>` or `<!--` can appear in it, and
    /// U+2028/U+2029 are escaped too. JSON has those characters only inside strings, where
    /// the escapes read back as the same text.
    static func scriptJSON(_ json: String) -> String {
        var result = ""
        result.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": result += "\\u003c"
            case ">": result += "\\u003e"
            case "&": result += "\\u0026"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
