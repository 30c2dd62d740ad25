/// Makes text safe to print on a terminal: the one place every string GradViz writes for a
/// person to read (diagnostics and the source lines they echo, `explain` text and Markdown,
/// `eval` and `check` tables, file names in messages) passes through before it is shown.
///
/// A control character (C0 except tab and line feed, DEL, C1) could move the cursor, clear the
/// screen, retitle the window or ring the bell; a bidirectional override or isolate (U+202A–
/// U+202E, U+2066–U+2069, the marks U+200E, U+200F, U+061C) could make text read differently
/// from what it is; line and paragraph separators (U+2028, U+2029) could start a line the
/// reader takes for another. Each is written as the Swift escape of its code point, `\u{1B}`,
/// `\u{202E}`, so it is visible and names what it was. Everything else, including backslashes,
/// is kept, so escaping twice changes nothing.
public enum TerminalText {
    /// `text` with every character that could act on a terminal written as its `\u{…}` escape;
    /// tab and line feed are kept when `keepingLineBreaks` (a report of several lines) and
    /// escaped otherwise.
    public static func escaped(_ text: String, keepingLineBreaks: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingLineBreaks: keepingLineBreaks) }) else {
            return text
        }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar, keepingLineBreaks: keepingLineBreaks) {
                result += escape(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `\u{1B}`: the escape shown for `scalar`.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// Whether `scalar` is shown as an escape.
    public static func needsEscape(_ scalar: Unicode.Scalar, keepingLineBreaks: Bool = true) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return !keepingLineBreaks
        case 0x00..<0x20, 0x7F..<0xA0: return true
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
