/// A slide a figure is drawn for (`--slide 16:9`): its size, the resolution at which a PNG of
/// it has the pixels a projector shows, and the smallest text that reads on it.
///
/// On a slide, text keeps its point size: a figure that fits is drawn at its natural size, a
/// larger one is shrunk to fit only until its smallest text is ``minimumTextSize``, and past that
/// it is drawn at that scale, larger than the slide (``FigureOptions/minimumScale``, and the
/// renderer's note). The presets are the one place these numbers live.
public struct SlideFormat: Sendable, Equatable {
    /// The name `--slide` takes: `16:9`, `4:3`, `1024x768`, `beamer`, `beamer-16:9`.
    public let name: String
    /// The slide's width and height in inches.
    public let width: Double
    public let height: Double
    /// The resolution of a PNG of the slide, in dots per inch: the slide's size in pixels over its
    /// size in inches.
    public let dpi: Double

    /// The smallest readable text, as a fraction of the slide's height: 16 px of a 1 080-pixel
    /// slide (8 pt on a 7.5-inch one).
    public static let minimumTextFraction = 16.0 / 1080

    /// 16:9 at PowerPoint's, Keynote's and Google Slides' widescreen size, 13.33 × 7.5 in; a PNG
    /// of it is 1 920 × 1 080 pixels.
    public static let widescreen = SlideFormat(name: "16:9", width: 40.0 / 3, height: 7.5, dpi: 144)
    /// 4:3 at 10 × 7.5 in; a PNG of it is 1 440 × 1 080 pixels.
    public static let standard = SlideFormat(name: "4:3", width: 10, height: 7.5, dpi: 144)
    /// 4:3 at 10 × 7.5 in for an XGA projector; a PNG of it is 1 024 × 768 pixels.
    public static let xga = SlideFormat(name: "1024x768", width: 10, height: 7.5, dpi: 102.4)
    /// Beamer's default frame, 128 × 96 mm; a PNG of it is 1 440 × 1 080 pixels.
    public static let beamer = SlideFormat(
        name: "beamer", width: 128 / 25.4, height: 96 / 25.4, dpi: 1440 / (128 / 25.4))
    /// Beamer's 16:9 frame (`aspectratio=169`), 160 × 90 mm; a PNG of it is 1 920 × 1 080 pixels.
    public static let beamerWide = SlideFormat(
        name: "beamer-16:9", width: 160 / 25.4, height: 90 / 25.4, dpi: 1920 / (160 / 25.4))

    /// Every preset, in the order help and documentation list them.
    public static let presets: [SlideFormat] = [widescreen, standard, xga, beamer, beamerWide]

    /// The preset called `name`, or `nil`.
    public static func named(_ name: String) -> SlideFormat? {
        presets.first { $0.name == name }
    }

    /// The smallest readable text on this slide, in points (8 pt on a 7.5-inch slide).
    public var minimumTextSize: Double { height * 72 * Self.minimumTextFraction }

    /// The slide's size in pixels at ``dpi``.
    public var pixelWidth: Int { Int((width * dpi).rounded()) }
    public var pixelHeight: Int { Int((height * dpi).rounded()) }

    /// Graphviz's `size` for the slide: `"13.333,7.5"`.
    var graphvizSize: String {
        FigureBuilder.decimal(width, places: 4) + "," + FigureBuilder.decimal(height, places: 4)
    }

    /// What a figure drawn larger than this slide says (on standard error): its drawn size, the
    /// slide's, and what would shrink it.
    ///
    /// - Parameters:
    ///   - width: The drawing's width in inches, at its readable scale.
    ///   - height: Its height in inches.
    ///   - suggestion: The options that would shrink it (``Figure/reductions``), or `nil`.
    public func overflowNote(width: Double, height: Double, suggestion: String?) -> String {
        func inches(_ x: Double) -> String { FigureBuilder.decimal((x * 10).rounded() / 10) }
        let pixels = "\(Int((width * dpi).rounded())) × \(Int((height * dpi).rounded())) px"
        return "the figure is \(inches(width)) × \(inches(height)) in (\(pixels)) with its smallest text readable "
            + "(\(FigureBuilder.decimal(minimumTextSize)) pt, 16 px of 1 080), larger than the \(name) slide's "
            + "\(inches(self.width)) × \(inches(self.height)) in (\(pixelWidth) × \(pixelHeight) px): drawn at that size"
            + (suggestion.map { "; to fit, " + $0 } ?? "")
    }
}
