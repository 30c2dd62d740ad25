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
/// A character with no LaTeX form becomes `?` rather than breaking the document.
public enum LaTeXMath {
    /// The label as LaTeX math (without `$`).
    public static func label(_ text: String) -> String { label(text, depth: 0) }

    /// Scripts nested deeper than this (`a_{_{_{…}}}`) are written out flat rather than read
    /// further, so a hostile label costs linear time and bounded stack.
    static let maximumScriptDepth = 8

    private static func label(_ text: String, depth: Int) -> String {
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
            } else if let script = scriptRun(scalars, from: &index) {
                atoms.append(script)
            } else if scalar == "_" || scalar == "^" {
                index += 1
                let body = asciiScriptBody(scalars, from: &index)
                let inner = depth < maximumScriptDepth
                    ? label(body, depth: depth + 1) : body.unicodeScalars.map(symbol).joined()
                atoms.append(body.isEmpty ? (scalar == "_" ? "\\_" : "\\wedge") : "\(scalar){\(inner)}")
            } else {
                atoms.append(symbol(scalar))
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

    /// A vector or matrix as a LaTeX `bmatrix` (a vector as one row); long dimensions are
    /// elided with dots so the matrix stays within amsmath's 10 columns.
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

    /// Plain text for a LaTeX paragraph: TeX's special characters escaped, math symbols such
    /// as − → ∂ ‖ set as math, and any other non-ASCII character replaced by `?`.
    public static func text(_ text: String) -> String {
        var result = ""
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar {
            case "\\": result += "\\textbackslash{}"
            case "#", "$", "%", "&", "_", "{", "}": result += "\\" + String(scalar)
            case "^": result += "\\^{}"
            case "~": result += "\\~{}"
            case "<", ">", "|": result += "$" + String(scalar) + "$"
            case _ where scalar.isASCII: result.unicodeScalars.append(scalar)
            case "\u{2014}": result += "---"
            case "\u{2013}": result += "--"
            case "\u{2019}": result += "'"
            default:
                let math = symbol(scalar)
                if math != "?" {
                    result += "$" + math + "$"
                } else if accents[scalar.value] == nil {
                    result += "?"
                }  // a combining accent in running text is dropped
            }
        }
        return result
    }

    // MARK: Characters

    private static let accents: [UInt32: String] = [
        0x302: "hat", 0x303: "tilde", 0x304: "bar", 0x305: "bar", 0x307: "dot", 0x308: "ddot",
        0x20D7: "vec", 0x306: "breve", 0x30C: "check", 0x301: "acute", 0x300: "grave",
    ]

    /// A run of Unicode subscript (or superscript) characters starting at `index`, as
    /// `_{…}` (or `^{…}`), or `nil` when the character there is neither.
    private static func scriptRun(_ scalars: [Unicode.Scalar], from index: inout Int) -> String? {
        guard let run = UnicodeScripts.run(in: scalars, from: &index) else { return nil }
        let marker = run.position == .subscript ? "_" : "^"
        return "\(marker){\(label(run.plain))}"
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

    private static func symbol(_ scalar: Unicode.Scalar) -> String {
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
        default: return "?"
        }
    }
}
