import Foundation

/// How a variable name is displayed in figures and explanations: `w_1` as w₁, `sigma3` as σ₃,
/// `yhat` as ŷ, `w_11__1` as w₁₁⁽¹⁾.
///
/// Teachers write plain ASCII names in scripts; lectures write math. The conventions:
/// - trailing digits and `_`-separated parts are a subscript: `w1` → w₁, `x_11` → x₁₁,
///   `w_1_2` → w₁,₂, `h_out` → hₒᵤₜ (parts of up to three letters, or any digits);
/// - Greek letter names become Greek letters: `alpha` → α, `Sigma` → Σ;
/// - a `hat` suffix on a one-letter or Greek base puts a circumflex on it: `yhat`, `y_hat` → ŷ;
/// - a double underscore starts a superscript: `x__T` → xᵀ; a superscript of digits is a layer
///   index and is parenthesised as in the lecture notes: `W__2` → W⁽²⁾, `w_11__1` → w₁₁⁽¹⁾;
/// - a name that is exactly `l` (the notes' loss) is ℓ (``loneEll``), which no font lets be read
///   as I or |.
///
/// Anything else (`loss`, `total_loss`, `_tmp`) displays as written. The parts are kept apart so
/// that renderers with real sub- and superscripts (Graphviz HTML labels) can use them; ``text``
/// is the plain Unicode rendering, which keeps `_b` or `^q` for letters that have no Unicode
/// subscript or superscript form.
public struct DisplayLabel: Hashable, Sendable, CustomStringConvertible {
    /// The main symbol, with its hat if any: `w`, `σ`, `y\u{302}` (ŷ), `loss`.
    public let base: String
    /// The subscript in plain characters (`1`, `11`, `1,2`, `out`), if any.
    public let `subscript`: String?
    /// The superscript in plain characters (`(1)`, `T`), if any.
    public let superscript: String?

    /// How a variable named exactly `l` is displayed: ℓ (`\ell` in LaTeX), since a lone l reads
    /// as I or | in a sans-serif font (∂l/∂l).
    public static let loneEll = "\u{2113}"

    /// The display form of a script variable's name.
    public init(name: String) {
        if name == "l" {
            self.init(base: DisplayLabel.loneEll, subscript: nil, superscript: nil)
            return
        }
        if let parsed = DisplayLabel.parse(name) {
            self = parsed
        } else {
            self.init(base: name, subscript: nil, superscript: nil)
        }
    }

    /// A label from its parts, for labels not derived from a name.
    public init(base: String, subscript: String?, superscript: String?) {
        self.base = base
        self.subscript = `subscript`
        self.superscript = superscript
    }

    /// The label in Unicode: `w₁`, `σ₃`, `ŷ`, `w₁₁⁽¹⁾`; `x_b` when `b` has no subscript form.
    public var text: String {
        var result = base
        if let sub = `subscript` {
            result += UnicodeScripts.scripted(sub, .subscript) ?? "_" + sub
        }
        if let sup = superscript {
            result += UnicodeScripts.scripted(sup, .superscript) ?? "^" + sup
        }
        return result
    }

    /// A label with its accents precomposed where Unicode allows (`y` + combining circumflex →
    /// `ŷ`), so every font, terminal and text tool shows the same single glyph.
    public static func composed(_ label: String) -> String {
        label.precomposedStringWithCanonicalMapping
    }

    /// The Unicode rendering, ``text``.
    public var description: String { text }

    // MARK: Parsing names

    private static func parse(_ name: String) -> DisplayLabel? {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, isLetter(first),
            bytes.allSatisfy({ isLetter($0) || isDigit($0) || $0 == underscore })
        else { return nil }
        var main = bytes[...]
        var superscript: String?
        if let split = bytes.indices.dropLast().first(where: { bytes[$0] == underscore && bytes[$0 + 1] == underscore })
        {
            let raw = bytes[(split + 2)...]
            main = bytes[..<split]
            let parts = raw.split(separator: underscore, omittingEmptySubsequences: false)
            guard !raw.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
            let joined = parts.map(string).joined(separator: ",")
            superscript = raw.allSatisfy(isDigit) ? "(" + joined + ")" : joined
        }
        let parts = main.split(separator: underscore, omittingEmptySubsequences: false)
        guard let head = parts.first, parts.allSatisfy({ !$0.isEmpty }) else { return nil }

        var letters = head
        while let last = letters.last, isDigit(last) { letters.removeLast() }
        var components: [String] = []
        if letters.count < head.count { components.append(string(head[letters.endIndex...])) }

        var hat = false
        if letters.count > 3, letters.suffix(3).elementsEqual("hat".utf8) {
            let stem = letters.dropLast(3)
            if stem.count == 1 || GreekLetters.byName[string(stem)] != nil {
                hat = true
                letters = stem
            }
        }
        let symbol = string(letters)
        let hattable = letters.count == 1 || GreekLetters.byName[symbol] != nil
        for part in parts.dropFirst() {
            if hattable && !hat && part.elementsEqual("hat".utf8) {
                hat = true
            } else if part.count <= 3 || part.allSatisfy(isDigit) {
                components.append(string(part))
            } else {
                return nil
            }
        }
        var base = GreekLetters.byName[symbol].map(String.init) ?? symbol
        if hat { base += "\u{302}" }
        return DisplayLabel(
            base: base, subscript: components.isEmpty ? nil : components.joined(separator: ","),
            superscript: superscript)
    }

    private static let underscore = UInt8(ascii: "_")

    private static func isLetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private static func string(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
}
