import Foundation
import GradVizDOT
import GradVizEngine
import GradVizExplain
import GradVizNotation
import GradVizRender
import GradVizScript
import Testing

/// Every script in `samples/` renders, in-process, to an SVG that shows what the script
/// computed, a slide-sized PNG and a PDF.
@Suite struct SampleRenderTests {
    /// The repository's `samples/` directory.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples")

    /// The paths of the sample scripts, sorted.
    static let samples: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".grad") }.sorted().map { directory.appendingPathComponent($0).path }
    }()

    @Test func theSamplesAreFound() {
        // One per worked example of the lecture notes.
        let names = Set(Self.samples.map { ($0 as NSString).lastPathComponent })
        #expect(
            names.isSuperset(of: [
                "add.grad", "classifier.grad", "regression.grad", "tensor_model.grad", "weight_sharing.grad",
            ]))
    }

    /// The sample's evaluation and its default figure.
    static func figure(_ path: String) throws -> (evaluation: Evaluation, figure: Figure) {
        let evaluation = try Script.load(path: path).evaluate()
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
        return (evaluation, figure)
    }

    /// A variable's texts in the SVG after its label: the value's entries, the gradient's caption
    /// (in runs), the gradient's entries and then only notes; `nil` when they are not in that
    /// order with exactly `count` entries each.
    static func entries(
        _ texts: [String], count: Int, gradientCaption: String
    ) -> (values: [String], gradients: [String])? {
        guard let caption = texts.firstIndex(where: { $0.hasPrefix("value") }) else { return nil }
        let rest = Array(texts[(caption + 1)...])
        guard rest.count >= 2 * count else { return nil }
        let values = Array(rest.prefix(count))
        var runs = ""
        var index = count
        while index < rest.count, runs.count < gradientCaption.count {
            runs += rest[index]
            index += 1
        }
        guard runs.precomposedStringWithCanonicalMapping == gradientCaption.precomposedStringWithCanonicalMapping,
            rest.count >= index + count
        else { return nil }
        let gradients = Array(rest[index..<(index + count)])
        // Anything after the gradient is a note, not a number.
        guard rest[(index + count)...].allSatisfy({ Double($0.replacingOccurrences(of: "−", with: "-")) == nil })
        else { return nil }
        return (values, gradients)
    }

    /// A consistency check of the drawing, not of the numbers: each node's SVG shows its own
    /// label, then exactly the graph's value entries, the gradient's caption and the graph's
    /// gradient entries, in that order (`svgShowsTheHandDerivedNumbers` checks the numbers).
    @Test(arguments: samples)
    func svgShowsEachVariablesLabelValueAndGradientInPlace(path: String) throws {
        let (evaluation, figure) = try Self.figure(path)
        try Self.expectEveryVariableShown(evaluation, figure)
    }

    /// The tensor samples expanded (`--expand`): one node per entry, each with its label
    /// (w₁,₂⁽¹⁾), value and gradient, which are the tensor's entries.
    @Test(arguments: ["tensor_model.grad", "fully_connected_matrix.grad"])
    func expandedSvgShowsEveryEntrysLabelValueAndGradient(name: String) throws {
        let tensor = try Script.load(path: Self.directory.appendingPathComponent(name).path).evaluate()
        let evaluation = try tensor.expanded()
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
        try Self.expectEveryVariableShown(evaluation, figure)
        let entries = tensor.variables.map { tensor.graph.shape(of: $0.id).count }.reduce(0, +)
        #expect(evaluation.variables.count == entries)
    }

    @Test func aTensorEntrysLegendShowsItsShareOfEachPath() throws {
        let evaluation = try Script.load(path: Self.directory.appendingPathComponent("tensor_model.grad").path)
            .evaluate()
        let figure = try Figure(
            graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions(wrt: "W1[2,1]"))
        let legend = DOTText.visibleText(try #require(DOTText(figure.dot).lines.first { $0.hasPrefix("  label=<") }))
        let w1 = try #require(evaluation.variable(named: "W1"))
        let gradient = try #require(evaluation.graph.gradient(of: w1.id))
        let share = NumberFormat(significantDigits: FigureOptions().precision).string(gradient.scalars[2])
        #expect(
            legend.contains("∂L/∂w2,1(1) by the chain rule: 1 path from W(1) to L, w2,1(1)'s share of each"),
            "\(legend)")
        #expect(legend.contains("∂L/∂w2,1(1) from the backward pass" + share), "\(legend)")
        #expect(throws: FigureError.self) {
            try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions(wrt: "W1[4,1]"))
        }
    }

    /// A data leaf's texts after its value's caption: its value's entries, when nothing that
    /// looks like a gradient (a `∂` caption) follows; `nil` otherwise.
    static func dataEntries(_ texts: [String]) -> [String]? {
        guard let caption = texts.firstIndex(where: { $0.hasPrefix("value") }) else { return nil }
        let rest = Array(texts[(caption + 1)...])
        return rest.contains { $0.contains("∂") } ? nil : rest
    }

    static func expectEveryVariableShown(_ evaluation: Evaluation, _ figure: Figure) throws {
        let result = try Renderer.render(dot: figure.dot, format: .svg)
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        let svg = try #require(RenderedSVG(result.data))
        let graph = evaluation.graph
        let numbers = NumberFormat(significantDigits: FigureOptions().precision)
        let output = Self.flattened(evaluation.output.label)
        #expect(!evaluation.variables.isEmpty)
        for variable in evaluation.variables {
            let texts = try #require(svg.nodeTexts[variable.id.description], "no node for \(variable.name)")
            // Before the value's caption: the label, its sub- and superscripts as separate runs.
            let caption = try #require(texts.firstIndex { $0.hasPrefix("value") }, "\(variable.name): \(texts)")
            let title = texts[..<caption].joined().precomposedStringWithCanonicalMapping
            let label = Self.flattened(variable.label).precomposedStringWithCanonicalMapping
            #expect(title.hasPrefix(label), "\(variable.name): '\(title)' does not start with '\(label)'")
            let value = graph.value(of: variable.id)
            if variable.isData {
                // Data (`constant`): said so under the label, then the value and no gradient.
                #expect(title.hasSuffix("data, no gradient"), "\(variable.name): \(texts)")
                #expect(Self.dataEntries(texts) == value.scalars.map(numbers.string), "\(variable.name): \(texts)")
                continue
            }
            let gradient = try #require(graph.gradient(of: variable.id), "\(variable.name) has no gradient")
            let shown = try #require(
                Self.entries(
                    texts, count: value.scalars.count, gradientCaption: "∂\(output)/∂\(Self.flattened(variable.label))"),
                "\(variable.name): \(texts)")
            #expect(shown.values == value.scalars.map(numbers.string), "\(variable.name): \(texts)")
            #expect(shown.gradients == gradient.scalars.map(numbers.string), "\(variable.name): \(texts)")
        }
    }

    /// Values and gradients of the samples worked by hand (plain `Double` arithmetic, the
    /// lecture's numbers), by sample and variable.
    static let handDerived: [String: [String: (value: [Double], gradient: [Double])]] = {
        func sigmoid(_ z: Double) -> Double { 1 / (1 + Foundation.exp(-z)) }
        var table: [String: [String: (value: [Double], gradient: [Double])]] = [:]
        table["add.grad"] = ["a": ([2], [1]), "b": ([3], [1]), "c": ([5], [1])]
        table["regression.grad"] = [
            "x": ([3], [-60]), "w1": ([5], [-36]), "b1": ([2], [-12]), "w2": ([2], [-102]), "b2": ([3], [-6]),
            "y": ([40], [6]), "yhat": ([37], [-6]), "L": ([9], [1]),
        ]
        // a = relu(w·x + b) at x = 3, w = 2, b = −1: ∂a/∂w = x, ∂a/∂x = w.
        table["relu_neuron.grad"] = [
            "x": ([3], [2]), "w": ([2], [3]), "b": ([-1], [1]), "u": ([6], [1]), "v": ([5], [1]), "a": ([5], [1]),
        ]
        // At the kink v = 0 the convention relu′(0) = 0 stops every gradient below a.
        table["relu_at_zero.grad"] = [
            "x": ([1.5], [0]), "w": ([2], [0]), "b": ([-3], [0]), "u": ([3], [0]), "v": ([0], [0]), "a": ([0], [1]),
        ]
        do {  // l = (σ(w1·x1) − y)² at x1 = 2, w1 = 0.5, y = 1.
            let a1 = 0.5 * 2.0
            let o = sigmoid(a1)
            let dO = 2 * (o - 1)
            let dA1 = dO * o * (1 - o)
            table["single_path.grad"] = [
                "x1": ([2], [dA1 * 0.5]), "w1": ([0.5], [dA1 * 2]), "y": ([1], [-dO]), "a1": ([a1], [dA1]),
                "o": ([o], [dO]), "l": ([(o - 1) * (o - 1)], [1]),
            ]
        }
        do {  // l = (σ(σ(w1·x1) + tanh(w1·x1)) − y)² at x1 = 2, w1 = 0.5, y = 1: two paths.
            let p = 0.5 * 2.0
            let a1 = sigmoid(p)
            let a2 = Foundation.tanh(p)
            let o = sigmoid(a1 + a2)
            let dO = 2 * (o - 1)
            let dS = dO * o * (1 - o)
            let dP = dS * a1 * (1 - a1) + dS * (1 - a2 * a2)
            table["weight_sharing.grad"] = [
                "x1": ([2], [dP * 0.5]), "w1": ([0.5], [dP * 2]), "y": ([1], [-dO]), "a1": ([a1], [dS]),
                "a2": ([a2], [dS]), "o": ([o], [dO]), "l": ([(o - 1) * (o - 1)], [1]),
            ]
        }
        let m = FigureNumberTests.TensorModel(w1: [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], w2: [0.7, -0.8, 0.9])
        table["tensor_model.grad"] = [
            "x": (m.x, m.dx), "y": ([m.y], [m.dy]), "W1": (m.w1.flatMap { $0 }, m.dw1), "z1": (m.z, m.dz),
            "h": (m.h, m.dh), "W2": (m.w2, m.dw2), "yhat": ([m.yhat], [m.dyhat]), "L": ([m.loss], [1]),
        ]
        do {  // classifier.grad, derived in the sample's comment: z = [1, −1], L = log(1 + e²).
            let s = sigmoid(2)
            table["classifier.grad"] = [
                "x": ([2, 1], []), "y": ([1], []), "a0": ([2, 1], [0.5 * s, s]),
                "W": ([0.25, 0.5, -0.25, -0.5], [2 * s, s, -2 * s, -s]), "z": ([1, -1], [s, -s]),
                "L": ([Foundation.log(1 + Foundation.exp(2))], [1]),
            ]
        }
        return table
    }()

    @Test(arguments: handDerived.keys.sorted())
    func svgShowsTheHandDerivedNumbers(sample: String) throws {
        let path = Self.directory.appendingPathComponent(sample).path
        let (evaluation, figure) = try Self.figure(path)
        let svg = try #require(RenderedSVG(try Renderer.render(dot: figure.dot, format: .svg).data))
        let expected = try #require(Self.handDerived[sample])
        #expect(Set(evaluation.variables.map(\.name)) == Set(expected.keys), "every variable of \(sample) by hand")
        let output = Self.flattened(evaluation.output.label)
        for variable in evaluation.variables {
            guard let (values, gradients) = expected[variable.name] else { continue }
            let texts = try #require(svg.nodeTexts[variable.id.description], "no node for \(variable.name)")
            if variable.isData {  // data: the value and no gradient
                let shown = try #require(Self.dataEntries(texts), "\(variable.name): \(texts)")
                #expect(gradients.isEmpty && shown.count == values.count, "\(variable.name): \(texts)")
                for (text, number) in zip(shown, values) {
                    #expect(
                        FigureNumberTests.shows(text, number),
                        "\(sample) \(variable.name): shows \(text), by hand \(number)")
                }
                continue
            }
            let shown = try #require(
                Self.entries(
                    texts, count: values.count, gradientCaption: "∂\(output)/∂\(Self.flattened(variable.label))"),
                "\(variable.name): \(texts)")
            for (text, number) in zip(shown.values + shown.gradients, values + gradients) {
                #expect(
                    FigureNumberTests.shows(text, number),
                    "\(sample) \(variable.name): shows \(text), by hand \(number)")
            }
        }
    }

    @Test(arguments: samples)
    func svgIsDrawnAtNaturalSize(path: String) throws {
        // The figure sets dpi for its PNGs; the SVG's size in points is still the drawing's own.
        let svg = try #require(
            RenderedSVG(try Renderer.render(dot: try Self.figure(path).figure.dot, format: .svg).data))
        #expect(Swift.abs(svg.width - svg.viewBoxWidth) < 1, "\(svg.width)pt for a \(svg.viewBoxWidth)-wide drawing")
        #expect(Swift.abs(svg.height - svg.viewBoxHeight) < 1)
        // And within the default size cap of 10 × 7 inches (720 × 504 points), plus the pad.
        let pad: Double = 2 * 0.3 * 72
        #expect(svg.width <= 720 + pad + 1)
        #expect(svg.height <= 504 + pad + 1)
    }

    @Test(arguments: samples)
    func textStaysLegibleWhenTheFigureIsFittedToASlide(path: String) throws {
        // The default size cap scales a wide drawing down, its text with it. At 0.55, 14-point
        // body text is still 7.7 points on a 10-inch-wide slide: small, but legible when
        // projected. (The tensor model was drawn at 0.45 before its matrix captions were
        // stacked and its Jacobian labels set on two lines.)
        let (evaluation, fitted) = try Self.figure(path)
        let natural = try Figure(
            graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions(size: "none"))
        let fittedSVG = try #require(RenderedSVG(try Renderer.render(dot: fitted.dot, format: .svg).data))
        let naturalSVG = try #require(RenderedSVG(try Renderer.render(dot: natural.dot, format: .svg).data))
        let scale = fittedSVG.viewBoxWidth / naturalSVG.viewBoxWidth
        #expect(scale >= 0.55, "\(naturalSVG.viewBoxWidth) × \(naturalSVG.viewBoxHeight) points, scaled by \(scale)")
    }

    @Test(arguments: samples)
    func pngIsSlideSizedAtTheFiguresResolution(path: String) throws {
        let dot = try Self.figure(path).figure.dot
        let png = try Renderer.render(dot: dot, format: .png)
        #expect(png.warnings.isEmpty, "\(png.warnings)")
        let header = try #require(PNGSize(png.data))
        #expect((200...2000).contains(header.width) && (200...2000).contains(header.height), "\(header)")
        // FigureOptions.defaultDPI pixels per inch: the SVG's points × dpi/72.
        let svg = try #require(RenderedSVG(try Renderer.render(dot: dot, format: .svg).data))
        let expected = svg.width * FigureOptions.defaultDPI / 72
        #expect(Swift.abs(Double(header.width) - expected) <= 2 + expected * 0.02, "\(header) vs \(expected)")
    }

    @Test(arguments: samples)
    func pngDecodesToTheDrawingAtTheFiguresResolution(path: String) throws {
        let dot = try Self.figure(path).figure.dot
        let png = try #require(DecodedPNG(try Renderer.render(dot: dot, format: .png).data), "libpng cannot decode it")
        // The drawing's points × dpi/72 in each direction.
        let svg = try #require(RenderedSVG(try Renderer.render(dot: dot, format: .svg).data))
        let width = svg.width * FigureOptions.defaultDPI / 72
        let height = svg.height * FigureOptions.defaultDPI / 72
        #expect(Swift.abs(Double(png.width) - width) <= 2 + width * 0.02, "\(png.width) px vs \(width)")
        #expect(Swift.abs(Double(png.height) - height) <= 2 + height * 0.02, "\(png.height) px vs \(height)")
        // Not blank: an opaque light background with boxes, fills and dark text on it.
        #expect(png.pixel(0, 0)[3] == 255 && png.pixel(0, 0)[0] > 200, "background \(png.pixel(0, 0))")
        #expect(png.inkFraction > 0.05, "\(png.inkFraction) of the pixels drawn")
        #expect(png.darkPixels > 500, "\(png.darkPixels) dark pixels")
    }

    @Test(arguments: samples)
    func pdfIsAPDFDocumentTheSizeOfTheSVG(path: String) throws {
        let dot = try Self.figure(path).figure.dot
        let pdf = try Renderer.render(dot: dot, format: .pdf)
        #expect(pdf.warnings.isEmpty, "\(pdf.warnings)")
        #expect(pdf.data.starts(with: Array("%PDF-".utf8)))
        #expect(String(decoding: pdf.data.suffix(32), as: UTF8.self).contains("%%EOF"))
        // The page is the drawing, background to the edge: no doubled size from the figure's
        // dpi and no unpainted page margin (Graphviz's PDF default is half an inch).
        let svg = try #require(RenderedSVG(try Renderer.render(dot: dot, format: .svg).data))
        let text = String(decoding: pdf.data, as: UTF8.self)
        let box = try #require(text.range(of: "/MediaBox [")).upperBound
        let page = text[box...].prefix { $0 != "]" }.split(separator: " ").compactMap { Double($0) }
        try #require(page.count == 4)
        #expect(Swift.abs(page[2] - page[0] - svg.viewBoxWidth) <= 1, "page \(page)")
        #expect(Swift.abs(page[3] - page[1] - svg.viewBoxHeight) <= 1, "page \(page)")
    }

    /// A label with its Unicode sub- and superscript characters as plain ones (`w₁,₁⁽¹⁾` →
    /// `w1,1(1)`): the figure sets them as real subscripts, which SVG writes as separate runs.
    static func flattened(_ label: String) -> String {
        let sub = Array("₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼᵣᵤᵥ")
        let sup = Array("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵀ")
        let plainSub = Array("0123456789+−=()aeoxhklmnpstijruv")
        let plainSup = Array("0123456789+−=()abcdefghijklmnoprstuvwxyzT")
        return String(
            label.map { character in
                if let index = sub.firstIndex(of: character) { return plainSub[index] }
                if let index = sup.firstIndex(of: character) { return plainSup[index] }
                return character
            })
    }
}

/// The size a PNG declares in its IHDR chunk.
struct PNGSize: CustomStringConvertible {
    let width: Int
    let height: Int

    /// `nil` unless `data` starts with the PNG signature and an IHDR chunk.
    init?(_ data: [UInt8]) {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard data.count >= 24, Array(data[0..<8]) == signature, Array(data[12..<16]) == Array("IHDR".utf8)
        else { return nil }
        func bigEndian(at offset: Int) -> Int { data[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        width = bigEndian(at: 16)
        height = bigEndian(at: 20)
    }

    var description: String { "\(width)×\(height) px" }
}
