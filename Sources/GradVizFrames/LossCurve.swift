import Foundation
import GradVizNotation

/// The loss over the steps of gradient descent, as a small SVG line chart: step on the x axis
/// (0 is the start), loss on the y axis. The axis is logarithmic when every loss is positive and
/// they span more than two orders of magnitude (gradient descent on a convex loss falls
/// geometrically, which a linear axis flattens to a line on the floor after two steps); otherwise
/// it runs linearly from 0 (or the lowest loss, if negative) to the highest.
struct LossCurve {
    /// The loss at the start and after each step.
    let losses: [Double]

    private static let width = 480.0
    private static let height = 300.0
    private static let left = 64.0
    private static let right = 16.0
    private static let top = 28.0
    private static let bottom = 44.0

    /// The SVG document.
    var svg: String {
        let numbers = NumberFormat(significantDigits: 4)
        let finite = losses.filter(\.isFinite)
        let logarithmic = isLogarithmic
        let scale = { (loss: Double) in logarithmic ? log10(loss) : loss }
        let high = logarithmic ? (finite.map(scale).max() ?? 1).rounded(.up) : (finite.max() ?? 1)
        let low = logarithmic ? (finite.map(scale).min() ?? 0).rounded(.down) : min(0, finite.min() ?? 0)
        let span = high - low > 0 ? high - low : 1
        let steps = max(1, losses.count - 1)
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        func x(_ step: Int) -> Double { Self.left + plotWidth * Double(step) / Double(steps) }
        /// The y coordinate of a value on the axis (a loss, or its logarithm on a log axis).
        func y(_ value: Double) -> Double { Self.top + plotHeight * (1 - (value - low) / span) }
        func coordinate(_ value: Double) -> String { String(format: "%.2f", value) }

        var points: [String] = []
        for (step, loss) in losses.enumerated() where loss.isFinite {
            points.append(coordinate(x(step)) + "," + coordinate(y(scale(loss))))
        }
        let font = "font-family=\"DejaVu Sans, sans-serif\" font-size=\"12\" fill=\"#1F2328\""
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(Self.width))pt\" height=\"\(Int(Self.height))pt\" "
                + "viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\">",
            "<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>",
            "<text x=\"\(coordinate(Self.left))\" y=\"18\" \(font) font-weight=\"bold\">loss over \(steps) steps of gradient descent</text>",
            // Axes.
            "<path d=\"M\(coordinate(Self.left)),\(coordinate(Self.top)) V\(coordinate(Self.top + plotHeight)) H\(coordinate(Self.left + plotWidth))\" "
                + "fill=\"none\" stroke=\"#59636E\" stroke-width=\"1\"/>",
        ]
        for value in [low, high] {
            let text = logarithmic ? numbers.string(pow(10, value)) : numbers.string(value)
            lines.append(
                "<text x=\"\(coordinate(Self.left - 6))\" y=\"\(coordinate(y(value) + 4))\" text-anchor=\"end\" \(font)>"
                    + Self.escaped(text) + "</text>")
        }
        for step in Set([0, steps / 2, steps]).sorted() {
            lines.append(
                "<text x=\"\(coordinate(x(step)))\" y=\"\(coordinate(Self.top + plotHeight + 16))\" text-anchor=\"middle\" \(font)>"
                    + String(step) + "</text>")
        }
        lines.append(
            "<text x=\"\(coordinate(Self.left + plotWidth / 2))\" y=\"\(coordinate(Self.height - 8))\" text-anchor=\"middle\" \(font)>step"
                + (logarithmic ? " (loss on a log scale)" : "") + "</text>")
        lines.append(
            "<polyline points=\"" + points.joined(separator: " ")
                + "\" fill=\"none\" stroke=\"#C0392B\" stroke-width=\"2\" stroke-linejoin=\"round\"/>")
        for point in points {
            let parts = point.split(separator: ",")
            lines.append("<circle cx=\"\(parts[0])\" cy=\"\(parts[1])\" r=\"2.5\" fill=\"#C0392B\"/>")
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Whether the y axis is logarithmic: every loss positive and finite, spanning more than a
    /// factor of 100.
    var isLogarithmic: Bool {
        guard !losses.isEmpty, losses.allSatisfy({ $0.isFinite && $0 > 0 }), let low = losses.min(),
            let high = losses.max()
        else { return false }
        return high / low > 100
    }

    /// Text for SVG character data.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
