import CGraphviz

/// Measures label text for SVG and DOT output from the figure font's embedded metrics
/// (`EmbeddedFont`) instead of pango, with the numbers Graphviz's pango plugin reports for the
/// same text: no fontconfig start-up (~20 ms of a cold render), and the same SVG on every
/// machine whatever fonts it has. PNG and PDF are still measured and drawn by pango.
///
/// Covered: spans in `fontName` (DejaVu Sans), plain or bold, optionally a subscript or a
/// superscript (`<SUB>`, `<SUP>`; pango draws them at 1/1.2 of the size, 5 000 pango units
/// below or above the baseline), whose characters are all in the tables. Anything else (another
/// font, italics, underline, a character the tables lack) goes to pango, so it is measured
/// exactly as before; `GraphvizSession` installs this through the `gvz_` text-layout plugin.
enum EmbeddedTextLayout {
    /// The family the tables describe.
    static let fontName = "DejaVu Sans"

    /// Graphviz's font flags (textspan.h): bold, superscript, subscript.
    static let boldFlag: UInt32 = 1 << 0
    static let superscriptFlag: UInt32 = 1 << 3
    static let subscriptFlag: UInt32 = 1 << 4

    /// What the pango plugin reports for a span, in points.
    struct Metrics: Equatable, Sendable {
        /// The width, rounded up to whole points as the plugin rounds it.
        var width: Double
        /// The line height the plugin reports (its font size × 1.1, rounded).
        var height: Double
        /// From the top of the line to the baseline.
        var baseline: Double
        /// How far below the middle of the line the baseline of centred text goes.
        var centerline: Double
    }

    /// The metrics of `text` in `fontName` at `size` points with Graphviz font `flags`, or `nil`
    /// when the tables do not cover it (pango measures it instead). Empty text is not covered:
    /// Graphviz estimates it itself.
    static func measure(_ text: String, fontName: String, size: Double, flags: UInt32) -> Metrics? {
        guard fontName == Self.fontName, size.isFinite, size > 0, size < 10_000, !text.isEmpty else { return nil }
        let scripted = flags & (superscriptFlag | subscriptFlag)
        guard flags & ~(boldFlag | superscriptFlag | subscriptFlag) == 0,
            scripted != superscriptFlag | subscriptFlag
        else { return nil }
        let font = flags & boldFlag != 0 ? EmbeddedFont.bold : EmbeddedFont.regular
        var scalars = Array(text.unicodeScalars)
        if flags != 0 {
            // With any flag the plugin passes the text as pango markup, where Graphviz writes the
            // second of two spaces as a no-break space.
            for index in scalars.indices.dropFirst() where scalars[index] == " " && scalars[index - 1] == " " {
                scalars[index] = "\u{A0}"
            }
        }
        var scripts: [Int] = []
        scripts.reserveCapacity(scalars.count)
        for scalar in scalars {
            guard let script = font.script(of: scalar) else { return nil }
            scripts.append(script)
        }
        let runs = UnicodeScriptRuns.resolve(scripts, scalars: scalars)

        // The plugin sets the size in 1/1024 point (truncated); sub- and superscripts are scaled
        // by 1/1.2 of that; harfbuzz works at the pixel size (96 dpi) in 1/1024 pixel.
        var pangoSize = Int(size * 1024)
        if scripted != 0 { pangoSize = Int(Double(pangoSize) / SVGText.sizeDivisor) }
        let pixelScale = Int(Double(pangoSize) / 1024 * (96.0 / 72.0) * 1024)
        guard pixelScale > 0,
            let pixels = font.widthInPixels(
                of: scalars, runs: runs, pixelScale: pixelScale, refusingKernedTies: scripted != 0)
        else { return nil }
        let pointsPerPangoUnit = 72.0 / (96.0 * 1024)
        let rise = scripted == superscriptFlag ? SVGText.pangoRise : scripted == subscriptFlag ? -SVGText.pangoRise : 0
        return Metrics(
            width: Double(Int(Double(pixels * 1024) * pointsPerPangoUnit + 1)),
            height: Double(Int(size * 1.1 + 0.5)),
            baseline: Double(font.hintedAscender(pixelScale: pixelScale) + rise) * pointsPerPangoUnit,
            centerline: 0.2 * size
        )
    }

    /// The measurer `gvz_textlayout` calls: fills the span and returns 1, or returns 0.
    static let measurer: gvz_measurer = { span in
        guard let span, let font = span.pointee.font, let name = font.pointee.name, let text = span.pointee.str else {
            return 0
        }
        guard
            let metrics = measure(
                String(cString: text), fontName: String(cString: name), size: font.pointee.size,
                flags: UInt32(gvz_span_flags(span)))
        else { return 0 }
        span.pointee.size = pointf(x: metrics.width, y: metrics.height)
        span.pointee.yoffset_layout = metrics.baseline
        span.pointee.yoffset_centerline = metrics.centerline
        span.pointee.layout = nil
        span.pointee.free_layout = nil
        return 1
    }
}
