import GradVizRender
import Testing

/// Each output format comes out as a well-formed file of that format.
@Suite struct RenderFormatTests {
    @Test func dotIsTheTextItselfUnreadAndUnchanged() throws {
        let text = "digraph g { a -> b [label=\"ŷ\"] }"
        #expect(try Renderer.render(dot: text, format: .dot).data == Array(text.utf8))
        // Not laid out, so not even a syntax error is seen.
        let broken = "digraph { a -> ; }"
        let result = try Renderer.render(dot: broken, format: .dot)
        #expect(result.data == Array(broken.utf8) && result.warnings.isEmpty && !result.layoutCapped)
    }

    static let dot = """
        digraph figure {
          rankdir=LR;
          x [label="input x"];
          y [label="output y"];
          x -> y [label="dy/dx"];
        }
        """

    @Test func svgIsWellFormedXMLWithTheLabels() throws {
        let result = try Renderer.render(dot: Self.dot, format: .svg)
        let svg = try #require(SVGDocument(result.data))
        #expect(svg.rootElement == "svg")
        #expect(svg.texts.contains("input x"))
        #expect(svg.texts.contains("output y"))
        #expect(svg.texts.contains("dy/dx"))
        #expect(result.warnings.isEmpty)
        #expect(!result.layoutCapped)
    }

    @Test func pngHasTheSignatureAndASaneSize() throws {
        let result = try Renderer.render(dot: Self.dot, format: .png)
        let header = try #require(PNGHeader(result.data))
        // Two labelled nodes side by side: wider than tall, and neither tiny nor huge.
        #expect(header.width > header.height)
        #expect((50...2000).contains(header.width))
        #expect((10...1000).contains(header.height))
    }

    @Test func pngSizeFollowsTheDPIAndMatchesTheSVGSize() throws {
        // The SVG gives the drawing's size in points (1/72 inch); a PNG at `dpi` is that many
        // points × dpi/72 pixels.
        let svg = try Renderer.render(dot: Self.dot, format: .svg)
        let text = String(decoding: svg.data, as: UTF8.self)
        let widthPoints = try #require(Self.points(attribute: "width", in: text))
        for dpi in [72.0, 144.0] {
            let png = try Renderer.render(dot: Self.dot, format: .png, options: RenderOptions(dpi: dpi))
            let header = try #require(PNGHeader(png.data))
            let expected = widthPoints * dpi / 72
            #expect(abs(Double(header.width) - expected) <= 2 + expected * 0.02, "dpi \(dpi)")
        }
    }

    @Test func vectorFormatsAreDrawnAtNaturalSizeWhateverDPITheDOTSets() throws {
        // Graphviz alone would scale SVG and PDF by dpi/72; the DOT's dpi must only reach PNGs.
        let plain = try Renderer.render(dot: Self.dot, format: .svg)
        let plainText = String(decoding: plain.data, as: UTF8.self)
        let natural = try #require(Self.points(attribute: "width", in: plainText))
        let plainPDF = try #require(Self.mediaBox(try Renderer.render(dot: Self.dot, format: .pdf).data))
        for setting in ["dpi=144", "resolution=144", "dpi=300; resolution=50"] {
            let dot = Self.dot.replacingOccurrences(of: "rankdir=LR;", with: "rankdir=LR; \(setting);")
            let svg = String(decoding: try Renderer.render(dot: dot, format: .svg).data, as: UTF8.self)
            #expect(Self.points(attribute: "width", in: svg) == natural, "\(setting)")
            #expect(Self.points(attribute: "height", in: svg) == Self.points(attribute: "height", in: plainText))
            // The width in points is the drawing's own, not its viewBox scaled up.
            let viewBox = try #require(Self.viewBoxWidth(in: svg))
            #expect(abs(natural - viewBox) < 1, "\(setting)")
            let pdf = try #require(Self.mediaBox(try Renderer.render(dot: dot, format: .pdf).data))
            #expect(pdf == plainPDF, "\(setting)")
        }
        // The PNG keeps the DOT's resolution: twice the points at 144 dpi.
        let sharp = Self.dot.replacingOccurrences(of: "rankdir=LR;", with: "rankdir=LR; dpi=144;")
        let png = try #require(PNGHeader(try Renderer.render(dot: sharp, format: .png).data))
        #expect(abs(Double(png.width) - natural * 2) <= 2 + natural * 0.02)
    }

    /// The width in the `viewBox` of the `<svg>` element.
    static func viewBoxWidth(in svg: String) -> Double? {
        guard let found = svg.range(of: "viewBox=\"") else { return nil }
        let numbers = svg[found.upperBound...].prefix { $0 != "\"" }.split(separator: " ").compactMap { Double($0) }
        return numbers.count == 4 ? numbers[2] : nil
    }

    /// The page size `[width, height]` of a one-page PDF, in points.
    static func mediaBox(_ pdf: [UInt8]) -> [Double]? {
        let text = String(decoding: pdf, as: UTF8.self)
        guard let found = text.range(of: "/MediaBox [") else { return nil }
        let numbers = text[found.upperBound...].prefix { $0 != "]" }.split(separator: " ").compactMap { Double($0) }
        return numbers.count == 4 ? [numbers[2] - numbers[0], numbers[3] - numbers[1]] : nil
    }

    /// A chain of `count` labelled nodes laid out left to right: wide, not tall.
    static func chain(_ count: Int, size: String? = nil) -> String {
        var dot = "digraph chain {\n  rankdir=LR;\n"
        if let size { dot += "  size=\"\(size)\";\n" }
        for index in 1..<count { dot += "  n\(index - 1) -> n\(index);\n" }
        return dot + "}\n"
    }

    @Test func largePNGsAreScaledDownToTheMaximumKeepingTheAspectRatio() throws {
        let dot = Self.chain(60)
        let svgText = String(decoding: try Renderer.render(dot: dot, format: .svg).data, as: UTF8.self)
        let width = try #require(Self.points(attribute: "width", in: svgText))
        let height = try #require(Self.points(attribute: "height", in: svgText))
        // At 96 dpi the chain is far wider than 800 px.
        #expect(width * 96 / 72 > 2000)

        let capped = try Renderer.render(
            dot: dot, format: .png, options: RenderOptions(maxPNGDimension: 800))
        let header = try #require(PNGHeader(capped.data))
        #expect(header.width <= 800)
        #expect(header.width >= 760)
        let aspect = Double(header.width) / Double(header.height)
        #expect(abs(aspect - width / height) / (width / height) < 0.1)

        let full = try Renderer.render(dot: dot, format: .png, options: RenderOptions(maxPNGDimension: nil))
        let fullHeader = try #require(PNGHeader(full.data))
        #expect(abs(Double(fullHeader.width) - width * 96 / 72) <= 2 + width * 96 / 72 * 0.02)
    }

    @Test func aSizeTheDOTSetsWinsOverTheMaximum() throws {
        // size="3,3" inches at 96 dpi: at most about 288 px plus the pad.
        let result = try Renderer.render(
            dot: Self.chain(60, size: "3,3"), format: .png, options: RenderOptions(maxPNGDimension: 2000))
        let header = try #require(PNGHeader(result.data))
        #expect(header.width <= 3 * 96 + 12)
        #expect(header.width >= 3 * 96 - 12)
    }

    @Test func pdfStartsWithTheMagicAndEndsWithEOF() throws {
        let result = try Renderer.render(dot: Self.dot, format: .pdf)
        #expect(result.data.starts(with: Array("%PDF-".utf8)))
        let tail = String(decoding: result.data.suffix(32), as: UTF8.self)
        #expect(tail.contains("%%EOF"))
    }

    @Test func invalidPNGOptionsAreRejected() {
        for dpi in [0.0, -96, .nan, .infinity] {
            #expect(throws: RenderError.self) {
                try Renderer.render(dot: Self.dot, format: .png, options: RenderOptions(dpi: dpi))
            }
        }
        #expect(throws: RenderError.self) {
            try Renderer.render(dot: Self.dot, format: .png, options: RenderOptions(maxPNGDimension: 0))
        }
    }

    /// The number before `pt` in `attribute="…pt"` of the `<svg>` element.
    static func points(attribute: String, in svg: String) -> Double? {
        guard let start = svg.range(of: "<svg "),
            let found = svg[start.upperBound...].range(of: "\(attribute)=\"")
        else { return nil }
        let digits = svg[found.upperBound...].prefix { $0.isNumber || $0 == "." }
        return Double(digits)
    }
}
