import Foundation

/// Writes numbers as a person would on a slide: `−102`, `0.25`, `1.5e-4`, `37`.
///
/// Significant digits are capped (trailing zeros dropped), integers print whole, very small or
/// very large magnitudes switch to scientific notation, and the sign is a real minus sign (U+2212)
/// unless `asciiMinus` is set (for LaTeX and machine-readable text).
public struct NumberFormat: Hashable, Sendable {
    /// The significant digits a format can have: every option that sets a precision
    /// (`--precision`, a figure's precision) accepts exactly these.
    public static let precisionRange: ClosedRange<Int> = 1...17

    /// Why `digits` cannot be a precision (`precision 20 is not between 1 and 17 digits`), or
    /// `nil` when it is within ``precisionRange``: the one message every option that sets a
    /// precision reports.
    public static func precisionProblem(_ digits: Int) -> String? {
        guard !precisionRange.contains(digits) else { return nil }
        return "precision \(digits) is not between \(precisionRange.lowerBound) and \(precisionRange.upperBound) digits"
    }

    /// At most this many significant digits, within ``precisionRange``.
    public var significantDigits: Int
    /// Use `-` instead of `−`.
    public var asciiMinus: Bool

    /// A format with `significantDigits` digits, clamped to ``precisionRange``.
    public init(significantDigits: Int = 4, asciiMinus: Bool = false) {
        self.significantDigits = significantDigits.clamped(to: NumberFormat.precisionRange)
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

    /// Entries in row-major order with their dimensions (`[]`, `[n]` or `[r, c]`): `3`,
    /// `[1, −2]` or `[[1, 2], [3, 4]]`.
    public func string(_ scalars: [Double], dimensions: [Int]) -> String {
        switch dimensions.count {
        case 0: return string(scalars.first ?? .nan)
        case 1: return "[" + scalars.map(string).joined(separator: ", ") + "]"
        default:
            let columns = max(1, dimensions.last ?? 1)
            let rows = stride(from: 0, to: scalars.count, by: columns).map { start in
                "[" + scalars[start..<min(start + columns, scalars.count)].map(string).joined(separator: ", ") + "]"
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

extension Comparable {
    fileprivate func clamped(to range: ClosedRange<Self>) -> Self {
        Swift.min(Swift.max(self, range.lowerBound), range.upperBound)
    }
}
