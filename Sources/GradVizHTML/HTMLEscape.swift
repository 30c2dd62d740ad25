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

    /// JSON text for a `<script type="application/json">` element: a `<` that could start
    /// `</script`, `<script` or `<!--` (the only sequences that end a script element's text or
    /// change how the HTML parser reads it) becomes `\u003c`, and U+2028/U+2029 are escaped
    /// too. JSON has those characters only inside strings, where the escapes read back as the
    /// same text. Every other `<` stays: a page's data is mostly markup (`<SUB>`), and six bytes
    /// for each angle bracket made a large page's data a third bigger.
    static func scriptJSON(_ json: String) -> String {
        let scalars = Array(json.unicodeScalars)
        var result = ""
        result.reserveCapacity(json.utf8.count)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "<" where opensMarkup(scalars, after: index): result += "\\u003c"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether the `<` at `index` starts `</script`, `<script` or `<!--` (letters in any case).
    private static func opensMarkup(_ scalars: [Unicode.Scalar], after index: Int) -> Bool {
        func follows(_ word: String) -> Bool {
            let word = Array(word.unicodeScalars)
            guard index + word.count < scalars.count else { return false }
            return word.indices.allSatisfy { offset in
                let scalar = scalars[index + 1 + offset]
                return scalar == word[offset]
                    || (scalar.properties.isUppercase
                        && Character(scalar).lowercased() == String(word[offset]))
            }
        }
        return follows("/script") || follows("script") || follows("!--")
    }
}
