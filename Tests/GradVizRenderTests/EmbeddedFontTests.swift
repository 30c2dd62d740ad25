import Foundation
import Testing

@testable import GradVizRender

/// SVG and DOT text is measured from the embedded DejaVu Sans metrics with exactly the numbers
/// Graphviz's pango plugin reports (so figures keep their node sizes and SVG bytes), without
/// loading pango; text the tables lack, and PNG and PDF, are still measured by pango.
///
/// The comparison runs a few thousand strings; `GRADVIZ_FONT_STRINGS=3100 swift test --filter
/// EmbeddedFontTests` compares that many strings at each of the 48 sizes and styles instead
/// (148 800 comparisons; `bench/RESULTS.md`).
@Suite struct EmbeddedFontTests {
    /// Characters labels are made of: names, digits, operators, Greek, sub- and superscripts,
    /// brackets that change script runs, f-ligatures, Cyrillic and a few rarer symbols.
    static let alphabet = Array(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789  .,:;=+-−×·/()[]{}<>«»‘’“”'\"!?_|~^*&%$#@"
            + "∂∇ΣαβγδεθλμπσφωΔΩ∑∏√∞≈≤≥≠±∈→←⇒…₀₁₂₃₄₅₆₇₈₉ᵢⱼₖ⁰¹²³⁴⁽⁾₍₎ᵀ⁻ⁿffifflªºµÀéöçÿЖжБбяЯ"
    ).map(String.init)

    /// Strings as they appear in figures, then pseudo-random ones (a fixed seed).
    static func strings(count: Int) -> [String] {
        var strings = [
            "x₁", "w₁,₂", "∂L/∂w₁,₂ = −0.25", "tanh", "ReLU(a)", "W⁽¹⁾", "[0.9, −1]ᵀ", "coefficient", "affine",
            "grad 0.1498", "a  b", "σ(z)", "Δx = 10⁻³", "ŷ", "AVAWAY", "To.", "f(x)", "α(x)", "(α)x", "«Ω»",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        while strings.count < count {
            strings.append((0...next(24)).map { _ in alphabet[next(alphabet.count)] }.joined())
        }
        return Array(strings.prefix(count))
    }

    @Test func embeddedMetricsMeasureExactlyLikePango() throws {
        let count = ProcessInfo.processInfo.environment["GRADVIZ_FONT_STRINGS"].flatMap(Int.init) ?? 80
        let strings = Self.strings(count: count)
        // The figure's sizes (body, small, title, legend) and a few others.
        let sizes = [14, 11.2, 16.8, 11, 16, 7.5, 23.3, 48]
        let flagSets: [UInt32] = [0, 1, 8, 16, 9, 17]  // plain, bold, superscript, subscript, both bold
        var compared = 0
        var mismatches: [String] = []
        var declined = 0
        for size in sizes {
            for flags in flagSets {
                for text in strings {
                    let pango = try #require(
                        GraphvizSession.shared.pangoMetrics(text, fontName: "DejaVu Sans", size: size, flags: flags))
                    let embedded = EmbeddedTextLayout.measure(text, fontName: "DejaVu Sans", size: size, flags: flags)
                    compared += 1
                    // Scripts refuse a kerned glyph on an exact half pixel (pango's rounding of
                    // such a tie is not predictable from the tables): pango measures those.
                    if embedded == nil && flags & 24 != 0 {
                        declined += 1
                    } else if embedded != pango {
                        mismatches.append(
                            "\(text.debugDescription) at \(size) flags \(flags): \(String(describing: embedded)) vs pango \(pango)"
                        )
                    }
                }
            }
        }
        #expect(compared == count * sizes.count * flagSets.count)
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(compared) differ, e.g. \(mismatches.prefix(5))")
        #expect(declined * 1000 <= compared, "\(declined) of \(compared) left to pango")
    }

    @Test func textTheTablesLackIsLeftToPango() {
        let hostile = [
            "漢字", "x 😀", "x\u{0302}", "שלום", "a\u{200B}b", "tab\there", "bell\u{7}", "\u{FFFD}", "a\u{0301}",
            "\u{2028}", "x\u{FE0F}", "\u{10FFFF}", "",
        ]
        for text in hostile {
            #expect(
                EmbeddedTextLayout.measure(text, fontName: "DejaVu Sans", size: 14, flags: 0) == nil,
                "\(text.debugDescription)")
        }
        // Fonts and styles without tables: another family, italics, underline, both scripts.
        for (font, flags) in [
            ("Courier", UInt32(0)), ("DejaVu Sans Mono", 0), ("DejaVu Sans", 2), ("DejaVu Sans", 4),
            ("DejaVu Sans", 24),
        ] {
            #expect(EmbeddedTextLayout.measure("x", fontName: font, size: 14, flags: flags) == nil)
        }
        // A superscript whose kerned glyph lands exactly on a half pixel ('-' before 'V' at
        // 40.2 pt): pango rounds that down, so it measures such text itself.
        #expect(EmbeddedTextLayout.measure("x-V", fontName: "DejaVu Sans", size: 40.2, flags: 8) == nil)
        #expect(GraphvizSession.shared.pangoMetrics("x-V", fontName: "DejaVu Sans", size: 40.2, flags: 8)?.width == 53)
        #expect(EmbeddedTextLayout.measure("x-V", fontName: "DejaVu Sans", size: 40.2, flags: 0) != nil)
        for size in [0, -1, .nan, .infinity] {
            #expect(EmbeddedTextLayout.measure("x", fontName: "DejaVu Sans", size: size, flags: 0) == nil)
        }
    }

    @Test func svgOfCoveredTextIsMeasuredWithoutPangoAndPNGWithIt() throws {
        let dot = """
            digraph g { node [shape=box]; a [label=<w<SUB>1,2</SUB> = <B>0.5</B> · σ<SUP>(1)</SUP>>];
            b [label="∂L/∂x₁ = −0.25"]; a -> b [label="coefficient"]; }
            """
        let svg = try Renderer.render(dot: dot, format: .svg)
        #expect(svg.pangoMeasuredSpans == 0)
        let png = try Renderer.render(dot: dot, format: .png)
        #expect(png.pangoMeasuredSpans > 0)
        // A label with a character the tables lack is measured by pango, as before.
        let mixed = try Renderer.render(dot: "digraph g { a [label=\"x 漢\"]; b [label=\"y\"]; }", format: .svg)
        #expect(mixed.pangoMeasuredSpans == 1)
    }
}
