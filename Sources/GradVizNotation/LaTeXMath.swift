import Foundation

/// Converts display labels and numbers to LaTeX math that pdflatex accepts without any
/// Unicode setup: ŷ → `\hat{y}`, σ₃ → `\sigma_{3}`, w₁₁⁽¹⁾ → `w_{11}^{(1)}`, −1.5e-4 →
/// `-1.5 \times 10^{-4}`.
///
/// Labels are read character by character (after canonical decomposition, so a precomposed ŷ
/// is y plus a combining circumflex): Greek letters become their commands, runs of Unicode
/// sub- and superscript characters become `_{…}` and `^{…}`, as do `_x` and `^x` written in
/// ASCII (or `_{…}` already braced), combining accents wrap the symbol before them, a run of
/// two or more letters is upright (`\mathrm{loss}`), and TeX's special characters are escaped.
/// A character with no LaTeX command is never dropped or turned into `?`: what it becomes
/// depends on the ``Target``.
public enum LaTeXMath {
    /// Where the math is typeset, which decides what a character with no LaTeX command
    /// (an emoji, a CJK character, `"` in math) becomes.
    public enum Target: Sendable {
        /// pdflatex with no Unicode setup (`explain --format latex`), the document a course
        /// compiles. Such a character is written as its code point in typewriter type,
        /// `\text{\texttt{U+1F600}}`: the document still compiles, and the author sees exactly
        /// which character a label needs a LaTeX spelling for (a `label` directive), where a
        /// silent `?` would hide it and the raw character would stop pdflatex. `"` is a
        /// straight double quote from the typewriter font (`{\ttfamily\char34}`), which
        /// pdflatex's default OT1 encoding has and babel's `"` shorthands cannot touch.
        case pdflatex
        /// MathJax or KaTeX in a browser (`explain --format markdown`), which have fonts for
        /// any character: such characters are kept as they are, in `\text{…}`.
        case web
    }

    /// The label as LaTeX math (without `$`) for `target`.
    public static func label(_ text: String, for target: Target = .pdflatex) -> String {
        label(text, depth: 0, target: target)
    }

    /// Scripts nested deeper than this (`a_{_{_{…}}}`) are written out flat rather than read
    /// further, so a hostile label costs linear time and bounded stack.
    static let maximumScriptDepth = 8

    private static func label(_ text: String, depth: Int, target: Target) -> String {
        var atoms: [String] = []
        let scalars = Array(text.decomposedStringWithCanonicalMapping.unicodeScalars)
        var index = 0
        var word = ""
        func flushWord() {
            guard !word.isEmpty else { return }
            atoms.append(word.count == 1 ? word : "\\mathrm{\(word)}")
            word = ""
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar.properties.isAlphabetic && scalar.isASCII {
                word.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            flushWord()
            if let accent = accents[scalar.value] {
                let base = atoms.popLast() ?? "{}"
                atoms.append("\\\(accent){\(base)}")
                index += 1
            } else if let script = scriptRun(scalars, from: &index, target: target) {
                atoms.append(script)
            } else if scalar == "_" || scalar == "^" {
                index += 1
                let body = asciiScriptBody(scalars, from: &index)
                let inner =
                    depth < maximumScriptDepth
                    ? label(body, depth: depth + 1, target: target)
                    : body.unicodeScalars.map { mathSymbol($0, target: target) }.joined()
                atoms.append(body.isEmpty ? (scalar == "_" ? "\\_" : "\\wedge") : "\(scalar){\(inner)}")
            } else if symbol(scalar) == nil, !scalar.isASCII {
                // Characters with no command, with the marks and joiners that follow them
                // (an emoji's skin tone, a ZWJ sequence), as one piece of text.
                var run = String.UnicodeScalarView()
                while index < scalars.count, !scalars[index].isASCII, symbol(scalars[index]) == nil,
                    accents[scalars[index].value] == nil, UnicodeScripts.plain(Character(scalars[index])) == nil
                {
                    run.append(scalars[index])
                    index += 1
                }
                if run.isEmpty {
                    atoms.append(mathSymbol(scalar, target: target))
                    index += 1
                } else {
                    atoms.append(unknownInMath(String(run), target: target))
                }
            } else {
                atoms.append(mathSymbol(scalar, target: target))
                index += 1
            }
        }
        flushWord()
        return joined(atoms)
    }

    /// Atoms concatenated, with a space where a command (`\sigma`) would run into a letter.
    static func joined(_ atoms: [String]) -> String {
        var result = ""
        for atom in atoms {
            if let next = atom.first, next.isLetter, endsWithCommand(result) { result += " " }
            result += atom
        }
        return result
    }

    private static func endsWithCommand(_ text: String) -> Bool {
        var letters = 0
        for character in text.reversed() {
            if character.isLetter && character.isASCII {
                letters += 1
            } else {
                return character == "\\" && letters > 0
            }
        }
        return false
    }

    /// A number as LaTeX: an ASCII minus and `\times 10^{n}` for scientific notation.
    public static func number(_ x: Double, format: NumberFormat) -> String {
        if x.isNaN { return "\\mathrm{NaN}" }
        if x.isInfinite { return x < 0 ? "-\\infty" : "\\infty" }
        var ascii = format
        ascii.asciiMinus = true
        let text = ascii.string(x)
        guard let split = text.firstIndex(of: "e") else { return text }
        let mantissa = text[..<split]
        let exponent = text[text.index(after: split)...]
        if mantissa == "1" || mantissa == "-1" {
            return (mantissa == "-1" ? "-" : "") + "10^{\(exponent)}"
        }
        return "\(mantissa) \\times 10^{\(exponent)}"
    }

    /// A matrix, given row by row, as a LaTeX `bmatrix` (a column vector is rows of one entry);
    /// long dimensions are elided with dots so the matrix stays within amsmath's 10 columns.
    public static func matrix(rows: [[Double]], format: NumberFormat) -> String {
        func elide(_ count: Int, limit: Int) -> [Int?] {
            guard count > limit else { return (0..<count).map { $0 } }
            return [0, 1, 2, nil, count - 2, count - 1]
        }
        let rowIndices = elide(rows.count, limit: 6)
        let columnIndices = elide(rows.first?.count ?? 0, limit: 8)
        let body = rowIndices.map { row -> String in
            columnIndices.map { column -> String in
                switch (row, column) {
                case (let r?, let c?): return number(rows[r][c], format: format)
                case (nil, nil): return "\\ddots"
                case (nil, _): return "\\vdots"
                case (_, nil): return "\\cdots"
                }
            }.joined(separator: " & ")
        }.joined(separator: " \\\\ ")
        return "\\begin{bmatrix} \(body) \\end{bmatrix}"
    }

    /// Plain text for a pdflatex paragraph, character by character: TeX's special characters
    /// escaped, `"` as a straight quote, accented Latin letters with text accents (`é` →
    /// `\'{e}`), a few letters and punctuation by their commands (`ß` → `\ss{}`, `…` →
    /// `\ldots{}`), math symbols such as − → ∂ ‖ set as math, and any other character as its
    /// code point (`\texttt{U+1F600}`, see ``Target/pdflatex``).
    public static func text(_ text: String) -> String {
        var result = ""
        for character in text { result += textCharacter(character) }
        return result
    }

    private static func textCharacter(_ character: Character) -> String {
        let scalars = Array(String(character).decomposedStringWithCanonicalMapping.unicodeScalars)
        guard let first = scalars.first else { return "" }
        if scalars.count == 1 {
            switch first {
            case "\\": return "\\textbackslash{}"
            case "#", "$", "%", "&", "_", "{", "}": return "\\" + String(first)
            case "^": return "\\^{}"
            case "~": return "\\~{}"
            case "\"": return quote
            case "`": return "\\textasciigrave{}"
            case "<", ">", "|": return "$" + String(first) + "$"
            case _ where first.isASCII: return String(first)
            default:
                if let command = textCommands[first.value] { return command }
                if let math = symbol(first) { return "$" + math + "$" }
                if let scripted = UnicodeScripts.plain(character) {
                    let body = label(String(scripted.plain), for: .pdflatex)
                    return "$" + (scripted.position == .subscript ? "_{" : "^{") + body + "}$"
                }
            }
        } else if first.isASCII, first.properties.isAlphabetic, scalars.count <= 3 {
            // A Latin letter with accents: \'{e}, \"{u}, \^{\'{e}} (an i or j loses its dot).
            var body = first == "i" ? "\\i{}" : first == "j" ? "\\j{}" : String(first)
            var accented = true
            for mark in scalars.dropFirst() {
                guard let accent = textAccents[mark.value] else {
                    accented = false
                    break
                }
                body = "\\" + accent + "{" + body + "}"
            }
            if accented { return body }
        }
        return "\\texttt{" + codePoints(character.unicodeScalars) + "}"
    }

    /// `"` as pdflatex shows it: a straight double quote from the typewriter font (OT1 has no
    /// `\textquotedbl`), safe from babel's active `"`.
    private static let quote = "{\\ttfamily\\char34}"

    /// `U+1F600`, or `U+1F468 U+200D U+1F469` for several scalars.
    static func codePoints(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        scalars.map { scalar in
            let digits = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }.joined(separator: " ")
    }

    /// A run of characters with no math command, inside math: as code points for pdflatex,
    /// as written (TeX's specials escaped) for MathJax and KaTeX.
    private static func unknownInMath(_ run: String, target: Target) -> String {
        switch target {
        case .pdflatex: return "\\text{\\texttt{" + codePoints(run.unicodeScalars) + "}}"
        case .web: return "\\text{" + run + "}"
        }
    }

    /// A scalar in math, for `target`: its command or character, `"` and `` ` `` as text.
    private static func mathSymbol(_ scalar: Unicode.Scalar, target: Target) -> String {
        if let symbol = symbol(scalar) { return symbol }
        switch (scalar, target) {
        case ("\"", .pdflatex): return "\\text{" + quote + "}"
        case ("`", .pdflatex): return "\\text{\\textasciigrave}"
        case ("\"", .web), ("`", .web): return "\\text{" + String(scalar) + "}"
        case ("@", _): return "@"
        default: return unknownInMath(String(scalar), target: target)
        }
    }

    /// Text-mode commands for characters pdflatex has without a Unicode setup (OT1 and TS1).
    private static let textCommands: [UInt32: String] = [
        0xDF: "\\ss{}", 0xE6: "\\ae{}", 0xC6: "\\AE{}", 0x153: "\\oe{}", 0x152: "\\OE{}", 0xF8: "\\o{}",
        0xD8: "\\O{}", 0x142: "\\l{}", 0x141: "\\L{}", 0x131: "\\i{}", 0x237: "\\j{}",
        0x2014: "---", 0x2013: "--", 0x2018: "`", 0x2019: "'", 0x201C: "\\textquotedblleft{}",
        0x201D: "\\textquotedblright{}", 0x2026: "\\ldots{}", 0xA0: "~", 0xA1: "\\textexclamdown{}",
        0xBF: "\\textquestiondown{}", 0xA7: "\\S{}", 0xB6: "\\P{}", 0xA9: "\\copyright{}", 0x2020: "\\dag{}",
        0x2021: "\\ddag{}", 0x2022: "\\textbullet{}", 0xB0: "\\textdegree{}",
    ]

    /// Combining marks as text-mode accent commands (`\'{e}`).
    private static let textAccents: [UInt32: String] = [
        0x301: "'", 0x300: "`", 0x302: "^", 0x303: "~", 0x308: "\"", 0x304: "=", 0x307: ".", 0x306: "u",
        0x30C: "v", 0x327: "c", 0x30A: "r", 0x30B: "H", 0x323: "d", 0x331: "b",
    ]

    // MARK: Characters

    private static let accents: [UInt32: String] = [
        0x302: "hat", 0x303: "tilde", 0x304: "bar", 0x305: "bar", 0x307: "dot", 0x308: "ddot",
        0x20D7: "vec", 0x306: "breve", 0x30C: "check", 0x301: "acute", 0x300: "grave",
    ]

    /// A run of Unicode subscript (or superscript) characters starting at `index`, as
    /// `_{…}` (or `^{…}`), or `nil` when the character there is neither.
    private static func scriptRun(_ scalars: [Unicode.Scalar], from index: inout Int, target: Target) -> String? {
        guard let run = UnicodeScripts.run(in: scalars, from: &index) else { return nil }
        let marker = run.position == .subscript ? "_" : "^"
        return "\(marker){\(label(run.plain, for: target))}"
    }

    /// The body after an ASCII `_` or `^`: a braced group, or a run of letters, digits and commas.
    private static func asciiScriptBody(_ scalars: [Unicode.Scalar], from index: inout Int) -> String {
        var body = ""
        if index < scalars.count, scalars[index] == "{" {
            var depth = 0
            while index < scalars.count {
                let scalar = scalars[index]
                index += 1
                if scalar == "{" {
                    depth += 1
                    if depth == 1 { continue }
                } else if scalar == "}" {
                    depth -= 1
                    if depth == 0 { break }
                }
                body.unicodeScalars.append(scalar)
            }
            return body
        }
        while index < scalars.count {
            let scalar = scalars[index]
            guard
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == ","
                    || scalar == "(" || scalar == ")"
            else { break }
            body.unicodeScalars.append(scalar)
            index += 1
        }
        return body
    }

    /// The math command or character for `scalar`, or `nil` when it has none.
    private static func symbol(_ scalar: Unicode.Scalar) -> String? {
        if let name = GreekLetters.latex[Character(scalar)] { return name }
        switch scalar {
        case "0"..."9", "+", "=", "(", ")", "[", "]", "/", "*", ",", ".", ";", ":", "!", "?", "<", ">", "|", "'", "-":
            return String(scalar)
        case " ": return "\\ "
        case "#", "$", "%", "&", "{", "}": return "\\" + String(scalar)
        case "~": return "\\sim"
        case "\\": return "\\backslash"
        case "\u{2212}": return "-"
        case "\u{2032}": return "'"
        case "\u{00B7}", "\u{22C5}": return "\\cdot"
        case "\u{00D7}": return "\\times"
        case "\u{2202}": return "\\partial"
        case "\u{2207}": return "\\nabla"
        case "\u{221E}": return "\\infty"
        case "\u{2113}": return "\\ell"
        case "\u{2211}": return "\\sum"
        case "\u{2192}": return "\\to"
        case "\u{2225}", "\u{2016}": return "\\|"
        default: return nil
        }
    }
}
