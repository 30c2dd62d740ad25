import GradVizNotation
import Testing

/// Display labels past ``DisplayLabel/maxDisplayLength`` are cut with an ellipsis between whole
/// characters, so a figure shows a bounded label whatever the name.
@Suite struct ShortenedLabelTests {
    static let limit = DisplayLabel.maxDisplayLength

    @Test func aLabelWithinTheLimitIsUnchanged() {
        let fits = String(repeating: "a", count: Self.limit)
        #expect(DisplayLabel.shortened(fits) == fits)
        #expect(DisplayLabel.shortened("ŷ σ₃ 🙂") == "ŷ σ₃ 🙂")
    }

    @Test func aLongNameIsCutToTheLimitWithAnEllipsis() {
        let name = "w" + String(repeating: "a", count: 20_000)
        let shown = DisplayLabel.shortened(name)
        #expect(shown.unicodeScalars.count == Self.limit)
        #expect(shown == "w" + String(repeating: "a", count: Self.limit - 2) + "…")
    }

    /// Characters of several scalars at every possible cut point: a ZWJ family, a flag, e plus
    /// a combining accent, a skin-toned thumb, and a character with 300 combining marks. The
    /// cut never splits one, and the scalar count stays bounded.
    @Test(arguments: ["👨‍👩‍👧", "🇩🇪", "e\u{301}", "👍🏽", "a" + String(repeating: "\u{301}", count: 300)])
    func aCutNeverSplitsACharacter(piece: String) {
        for padding in 0..<8 {
            let label = String(repeating: "x", count: Self.limit - 4 - padding) + String(repeating: piece, count: 12)
            let shown = DisplayLabel.shortened(label)
            #expect(shown.unicodeScalars.count <= Self.limit)
            #expect(shown.hasSuffix("…"))
            let kept = Array(shown.dropLast())
            // Whole characters of the label, in order: a prefix of its characters.
            #expect(Array(label.prefix(kept.count)) == kept, "\(padding): \(shown)")
        }
    }

    @Test func aLongBaseKeepsItsSubscriptAndSuperscript() {
        let label = DisplayLabel(name: "w" + String(repeating: "a", count: 500) + "_1__2")
        let shown = label.shortened()
        #expect(shown.subscript == "1")
        #expect(shown.superscript == "(2)")
        #expect(shown.base.hasSuffix("…"))
        #expect(shown.base.unicodeScalars.count + 1 + 3 <= Self.limit)
        #expect(label.shortened(limit: 10_000) == label)
    }

    @Test func longScriptsAreCutToo() {
        let label = DisplayLabel(
            name: "w_" + String(repeating: "7", count: 500) + "__" + String(repeating: "3", count: 500))
        let shown = label.shortened()
        let total = [shown.base, shown.subscript ?? "", shown.superscript ?? ""].map(\.unicodeScalars.count).reduce(
            0, +)
        #expect(total <= Self.limit)
        #expect(shown.subscript?.hasSuffix("…") == true)
        #expect(shown.superscript?.hasSuffix("…") == true)
    }
}
