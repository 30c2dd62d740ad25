import GradVizNotation

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
    ///
    /// Graphviz's scanner rejects a quoted string of more than 16 384 bytes, so a longer text
    /// (a tooltip holding a very long name) is written as pieces joined by DOT's `+`
    /// (`"…" + "…"`), which Graphviz concatenates; pieces end between two escapes, never
    /// inside one.
    static func quoted(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        var pieceStart = result.utf8.count
        for scalar in text.unicodeScalars {
            if result.utf8.count - pieceStart >= maxPieceBytes {
                result += "\" + \""
                pieceStart = result.utf8.count
            }
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

    /// The most bytes of escaped text in one piece of a quoted string (Graphviz reads up to
    /// 16 384; an escape or a scalar may add a few bytes past this).
    static let maxPieceBytes = 8192

    /// Text for a `tooltip` attribute, to be written with ``quoted(_:)``: Graphviz unescapes a
    /// tooltip's backslashes twice (as an escString, then again for the SVG link's title), so
    /// `\\` would come out as one backslash; each is doubled here to come out as written.
    static func tooltip(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\")
    }

    /// Text inside an HTML-like label (element content or attribute value), as
    /// `MarkupEscape.xml` writes it for one-line text.
    static func html(_ text: String) -> String {
        MarkupEscape.xml(text, keepingLineBreaks: false)
    }

    /// Whether the scalar is a C0/C1 control character or DEL (tab and newline included: labels
    /// are single lines).
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
    }
}
