import Foundation
import GradVizDOT
import GradVizRender
import GradVizScript
import Testing

/// The `--wrt` legend's table holds its columns at every font size: every row spans the same
/// columns, a gap of half the font size keeps the path, the local derivatives and the product
/// apart, and each header starts where its column does.
@Suite struct LegendLayoutTests {
    static func legend(fontSize: Double) throws -> (dot: String, svg: String) {
        let path = SampleRenderTests.directory.appendingPathComponent("weight_sharing.grad").path
        let evaluation = try Script.load(path: path).evaluate()
        var options = FigureOptions(wrt: "w1")
        options.fontSize = fontSize
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options)
        let line = try #require(DOTText(figure.dot).lines.first { $0.hasPrefix("  label=<") })
        let svg = try Renderer.render(dot: figure.dot, format: .svg)
        return (line, String(decoding: svg.data, as: UTF8.self))
    }

    /// The columns a `<TR>…</TR>` row spans (its cells' COLSPANs added up).
    static func columns(_ row: Substring) -> Int {
        var count = 0
        var rest = row
        while let cell = rest.range(of: "<TD") {
            rest = rest[cell.upperBound...]
            let tag = rest.prefix { $0 != ">" }
            if let span = tag.range(of: "COLSPAN=\"") {
                count += Int(tag[span.upperBound...].prefix { $0.isNumber }) ?? 1
            } else {
                count += 1
            }
        }
        return count
    }

    /// The `x` of the first SVG `<text>` whose content starts with `prefix`.
    static func x(ofText prefix: String, in svg: String) -> Double? {
        for line in svg.split(separator: "\n") where line.hasPrefix("<text") {
            guard let close = line.firstIndex(of: ">") else { continue }
            let content = line[line.index(after: close)...]
            guard content.hasPrefix(prefix), let range = line.range(of: " x=\"") else { continue }
            return Double(line[range.upperBound...].prefix { $0 != "\"" })
        }
        return nil
    }

    @Test(arguments: [14.0, 20.0, 28.0])
    func everyLegendRowSpansTheSameColumnsWithGapsOfHalfTheFontSize(fontSize: Double) throws {
        let (dot, _) = try Self.legend(fontSize: fontSize)
        let rows = dot.components(separatedBy: "<TR>").dropFirst().map { Substring($0) }
        #expect(rows.count == 6, "\(rows.count) rows")
        for row in rows {
            #expect(Self.columns(row) == 9, "\(row)")
        }
        let gap = "<TD WIDTH=\"\(Int((fontSize / 2).rounded()))\"></TD>"
        // A path row: sample, path, gap, local derivatives, gap, empty, product, gap, mark.
        let pathRow = try #require(rows.first { $0.contains("━━━━") })
        #expect(pathRow.components(separatedBy: gap).count - 1 == 3, "\(pathRow)")
        let cells = pathRow.components(separatedBy: "<TD")
        #expect("<TD" + cells[3] == gap, "\(cells[3])")
        #expect(cells[2].contains("→") && cells[4].contains("∂ℓ/∂o"), "\(cells)")
    }

    @Test(arguments: [14.0, 20.0])
    func eachHeaderStartsWhereItsColumnStarts(fontSize: Double) throws {
        let (_, svg) = try Self.legend(fontSize: fontSize)
        let header = try #require(Self.x(ofText: "path", in: svg))
        let route = try #require(Self.x(ofText: "w", in: svg.components(separatedBy: ">path<").last ?? ""))
        let derivativesHeader = try #require(Self.x(ofText: "local derivatives", in: svg))
        let derivatives = try #require(Self.x(ofText: "∂ℓ/∂o · ∂o/∂a", in: svg))
        let productHeader = try #require(Self.x(ofText: "product", in: svg))
        let product = try #require(Self.x(ofText: "−0.0462", in: svg))
        #expect(abs(header - route) < 0.5, "path \(header) vs \(route)")
        #expect(abs(derivativesHeader - derivatives) < 0.5, "local derivatives \(derivativesHeader) vs \(derivatives)")
        #expect(abs(productHeader - product) < 0.5, "product \(productHeader) vs \(product)")
        #expect(header < derivativesHeader && derivativesHeader < productHeader)
    }
}
