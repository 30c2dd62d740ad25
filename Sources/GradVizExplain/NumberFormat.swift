import Foundation
import GradVizEngine

/// Writes numbers as a person would on a slide: `−102`, `0.25`, `1.5e-4`, `37`.
///
/// Significant digits are capped (trailing zeros dropped), integers print whole, very small or
/// very large magnitudes switch to scientific notation, and the sign is a real minus sign (U+2212)
/// unless `asciiMinus` is set (for LaTeX and machine-readable text).
public struct NumberFormat: Hashable, Sendable {
    /// At most this many significant digits (at least 1).
    public var significantDigits: Int
    /// Use `-` instead of `−`.
    public var asciiMinus: Bool

    /// A format with `significantDigits` digits.
    public init(significantDigits: Int = 4, asciiMinus: Bool = false) {
        self.significantDigits = max(1, min(significantDigits, 17))
        self.asciiMinus = asciiMinus
    }

    /// The number as text.
    public func string(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x < 0 ? minus + "∞" : "∞") }
        if x == 0 { return "0" }
        let magnitude = Swift.abs(x)
        let sign = x < 0 ? minus : ""
        if magnitude >= 1e-3 && magnitude < 1e6 {
            if magnitude == magnitude.rounded() || magnitude >= pow(10, Double(significantDigits)) {
                return sign + String(format: "%.0f", magnitude)
            }
            let text = String(format: "%.\(significantDigits)g", magnitude)
            if !text.contains("e") { return sign + trimmed(text) }
        }
        let text = String(format: "%.\(significantDigits - 1)e", magnitude)
        guard let split = text.firstIndex(of: "e") else { return sign + text }
        let mantissa = trimmed(String(text[..<split]))
        var exponent = String(text[text.index(after: split)...])
        let negative = exponent.hasPrefix("-")
        exponent = String(exponent.drop { $0 == "+" || $0 == "-" || $0 == "0" })
        if mantissa == "10" {  // rounding carried into the next power (9.9996 → 10)
            return sign + "1e" + (negative ? "-" : "") + String((Int(exponent) ?? 0) + (negative ? -1 : 1))
        }
        return sign + mantissa + "e" + (negative ? "-" : "") + (exponent.isEmpty ? "0" : exponent)
    }

    /// A tensor's entries: `3`, `[1, −2]` or `[[1, 2], [3, 4]]`.
    public func string(_ tensor: Tensor) -> String {
        switch tensor.shape.rank {
        case 0: return string(tensor.scalar)
        case 1: return "[" + tensor.scalars.map(string).joined(separator: ", ") + "]"
        default:
            let rows: [String] = tensor.rows.map { row in
                "[" + row.map { string($0) }.joined(separator: ", ") + "]"
            }
            return "[" + rows.joined(separator: ", ") + "]"
        }
    }

    private var minus: String { asciiMinus ? "-" : "\u{2212}" }

    private func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = text
        while result.hasSuffix("0") { result.removeLast() }
        if result.hasSuffix(".") { result.removeLast() }
        return result
    }
}
