import Foundation
import Testing

@testable import GradVizRender

/// Texts in an SVG keep their spaces, and sub- and superscripts are drawn as Pango draws them in the PNG: at 1/1.2 of their
/// text's size and 5 000 Pango units (3.66 pt) off the baseline, in plain `font-size` and `y`
/// attributes, instead of Graphviz's full-size `baseline-shift="sub"` that browsers draw as big as
/// the letter and a third of a line down.
@Suite struct SVGTextTests {
    @Test func scriptedTextsGetPangosSizeAndRiseAndOthersStayAsTheyWere() {
        let svg = """
            <text text-anchor="start" x="323.5" y="-157.2" font-family="DejaVu Sans" font-weight="bold" font-size="16.00" fill="#1f2328">a</text>
            <text text-anchor="start" x="334.5" y="-157.2" font-family="DejaVu Sans" font-weight="bold" baseline-shift="sub" font-size="16.00" fill="#1f2328">1</text>
            <text text-anchor="start" x="336" y="-141.2" font-family="DejaVu Sans" baseline-shift="super" font-size="11.00" fill="#1f2328">2</text>
            <text x="1" y="2">baseline-shift="sub" font-size="9" y="2"</text>
            """
        let lines = String(decoding: SVGText.rewrite(Array(svg.utf8)), as: UTF8.self).split(separator: "\n")
        #expect(lines[0] == svg.split(separator: "\n")[0])
        // 16 / 1.2 = 13.33; −157.2 + 3.66 = −153.54 (down: SVG's y grows downwards).
        #expect(
            lines[1]
                == ##"<text text-anchor="start" x="334.5" y="-153.54" font-family="DejaVu Sans" font-weight="bold" font-size="13.33" fill="#1f2328">1</text>"##
        )
        // 11 / 1.2 = 9.17; −141.2 − 3.66 = −144.86 (up).
        #expect(
            lines[2]
                == ##"<text text-anchor="start" x="336" y="-144.86" font-family="DejaVu Sans" font-size="9.17" fill="#1f2328">2</text>"##
        )
        // The same words in a text's content are content, not attributes.
        #expect(lines[3] == svg.split(separator: "\n")[3])
    }

    /// A size or `y` too large to write in hundredths (a DOT `fontsize` of 1e300 reaches the SVG
    /// as a 300-digit number) leaves the line as Graphviz wrote it, never a conversion that traps.
    @Test func aScriptTooLargeToRewriteStaysAsGraphvizWroteIt() {
        let huge = "1" + String(repeating: "0", count: 300) + ".00"
        for line in [
            ##"<text x="1" y="-2" baseline-shift="sub" font-size="\##(huge)">1</text>"##,
            ##"<text x="1" y="-\##(huge)" baseline-shift="super" font-size="12.00">2</text>"##,
        ] {
            #expect(SVGText.scripted(Array(line.utf8)) == nil)
            #expect(SVGText.rewrite(Array(line.utf8)) == Array(line.utf8))
        }
        #expect(SVGText.hundredths(1e300) == "0" && SVGText.hundredths(-.nan) == "0")
        #expect(SVGText.hundredths(-153.54) == "-153.54")
    }

    /// A run's leading space is drawn (` + a` after `σ(a₁`): texts that start or end with a space
    /// keep it; an SVG with neither such texts nor scripts comes back byte for byte.
    @Test func textsKeepTheirSpacesAndNothingElseChanges() {
        let svg =
            "<svg width=\"1pt\">\n<text x=\"1\" y=\"2\"> + a</text>\n<text x=\"1\" y=\"2\">a = </text>\n<text x=\"1\" y=\"2\">a b</text>\n</svg>\n"
        let expected = svg.replacingOccurrences(
            of: "<text x=\"1\" y=\"2\"> + a", with: "<text xml:space=\"preserve\" x=\"1\" y=\"2\"> + a"
        )
        .replacingOccurrences(
            of: "<text x=\"1\" y=\"2\">a = ", with: "<text xml:space=\"preserve\" x=\"1\" y=\"2\">a = ")
        #expect(String(decoding: SVGText.rewrite(Array(svg.utf8)), as: UTF8.self) == expected)
        let plain = Array("<svg>\n<text x=\"1\" y=\"2\">é ₁</text>\n</svg>\n".utf8)
        #expect(SVGText.rewrite(plain) == plain)
    }

    @Test func renderedSVGHasNoBaselineShiftAndDrawsTheSubscriptSmallerAndLower() throws {
        let dot = "digraph g { a [shape=box, label=<<FONT POINT-SIZE=\"16\">w<SUB>1</SUB></FONT>>]; }"
        let svg = String(decoding: try Renderer.render(dot: dot, format: .svg).data, as: UTF8.self)
        #expect(!svg.contains("baseline-shift"))
        // The label's " = 1" after the subscript keeps its space.
        let spaced = try Renderer.render(dot: "digraph g { a [label=<a<SUB>1</SUB> = 1>]; }", format: .svg)
        #expect(String(decoding: spaced.data, as: UTF8.self).contains("<text xml:space=\"preserve\""))
        func number(_ name: String, in line: Substring) -> Double? {
            guard let start = line.range(of: " \(name)=\"") else { return nil }
            return Double(line[start.upperBound...].prefix { $0 != "\"" })
        }
        let texts = svg.split(separator: "\n").filter { $0.hasPrefix("<text") }
        let letter = try #require(texts.first { $0.hasSuffix(">w</text>") })
        let digit = try #require(texts.first { $0.hasSuffix(">1</text>") })
        #expect(number("font-size", in: letter) == 16)
        #expect(number("font-size", in: digit) == 13.33)
        let drop = try #require(number("y", in: digit)) - (try #require(number("y", in: letter)))
        #expect(abs(drop - 3.66) < 0.011, "\(drop)")
    }
}
