import Foundation
import Testing

@testable import GradVizHTML

/// The page's SVG is written in fewer bytes (``SVGCompaction``) and its JSON escaped only where
/// the HTML parser would read it (``HTMLEscape/scriptJSON(_:)``), drawing and meaning the same.
@Suite struct PageCompactionTests {
    /// Absolute points of a relative `M x y c …` path, by SVG's rules.
    static func absolute(_ d: String) throws -> [Double] {
        let body = d.dropFirst().replacingOccurrences(of: "c", with: " ").replacingOccurrences(of: "-", with: " -")
        let numbers = body.split(separator: " ").compactMap { Double($0) }
        var points = Array(numbers.prefix(2))
        var current = (numbers[0], numbers[1])
        let rest = Array(numbers.dropFirst(2))
        try #require(rest.count % 6 == 0)
        for segment in stride(from: 0, to: rest.count, by: 6) {
            for point in stride(from: segment, to: segment + 6, by: 2) {
                points += [current.0 + rest[point], current.1 + rest[point + 1]]
            }
            current = (points[points.count - 2], points[points.count - 1])
        }
        return points
    }

    @Test func splinesBecomeRelativeAndStayWithinAHalfTenthOfEveryPoint() throws {
        let original =
            "M143.9,-33699.1C154.17,-33704.37 163.61,-33711.47 170,-33721 224.21,-33801.88 136.88,-34516.74 192,-34597"
        let compact = try #require(SVGCompaction.spline(Substring(original)))
        #expect(compact.hasPrefix("M143.9-33699.1c"))
        #expect(compact.utf8.count < original.utf8.count * 3 / 4, "\(compact)")
        let expected = original.dropFirst().replacingOccurrences(of: "C", with: " ")
            .split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
        let points = try Self.absolute(compact)
        #expect(points.count == expected.count)
        for (got, want) in zip(points, expected) { #expect(abs(got - want) <= 0.05 + 1e-9, "\(got) vs \(want)") }
        // Anything but Graphviz's M…C… form is left alone.
        #expect(SVGCompaction.spline("M1,2L3,4") == nil)
        #expect(SVGCompaction.spline("M1,2C3,4 5,6") == nil)
    }

    @Test func polygonsAreRoundedAndLoseTheirRepeatedClosingPoint() {
        #expect(
            SVGCompaction.polygon("212.65,-34618.33 219.99,-34619.4 214.92,-34613.99 212.65,-34618.33")
                == "212.7,-34618.3 220,-34619.4 214.9,-34614")
        // A triangle written with three points keeps all three.
        #expect(SVGCompaction.polygon("0,0 10,0 0,10") == "0,0 10,0 0,10")
        #expect(SVGCompaction.decimal(-5) == "-0.5")
    }

    @Test func textsInheritTheCommonFontColourAndSizeFromTheSVGElement() {
        let svg = """
            <svg width="10pt" height="10pt"
            <text text-anchor="start" x="17" y="-3.7" font-family="DejaVu Sans" font-size="11.00" fill="#59636e">value</text>
            <text text-anchor="start" x="17" y="-8.7" font-family="DejaVu Sans" font-size="11.00" fill="#59636e">value</text>
            <text text-anchor="middle" x="9" y="-2" font-family="DejaVu Sans" font-weight="bold" font-size="16.00" fill="#c0392b">w</text>
            <text x="1" y="2" font-family="Serif" font-size="10.50">plain</text>
            """
        let compaction = SVGCompaction(defaults: SVGCompaction.defaults(of: svg))
        #expect(compaction.defaults == .init(fontFamily: "DejaVu Sans", fill: "#59636e", fontSize: "11"))
        let lines = svg.split(separator: "\n").map { String(compaction.line($0)) }
        #expect(
            lines[0]
                == "<svg font-family=\"DejaVu Sans\" fill=\"#59636e\" font-size=\"11\" width=\"10pt\" height=\"10pt\"")
        #expect(lines[1] == "<text x=\"17\" y=\"-3.7\">value</text>")
        #expect(
            lines[3]
                == "<text text-anchor=\"middle\" x=\"9\" y=\"-2\" font-weight=\"bold\" font-size=\"16\" fill=\"#c0392b\">w</text>"
        )
        // A text Graphviz wrote without a colour was black, and stays black.
        #expect(
            lines[4] == "<text x=\"1\" y=\"2\" font-family=\"Serif\" font-size=\"10.5\" fill=\"black\">plain</text>")
    }

    @Test func scriptJSONEscapesOnlyWhatTheHTMLParserReadsAndReadsBackTheSame() throws {
        let hostile = "</script><script>x</SCRIPT ><!-- <SUB>1</SUB> a<b \u{2028}"
        let json = "[\"" + hostile + "\"]"
        let escaped = HTMLEscape.scriptJSON(json)
        for opening in ["</script", "<script", "<!--"] {
            #expect(escaped.lowercased().range(of: opening) == nil, "\(opening) in \(escaped)")
        }
        #expect(escaped.contains("<SUB>1</SUB> a<b"))
        #expect(!escaped.contains("\u{2028}"))
        let back = try JSONSerialization.jsonObject(with: Data(escaped.utf8)) as? [String]
        #expect(back == [hostile])
    }
}
