import GradVizNotation
import Testing

/// The one table of Unicode sub- and superscripts, as display labels, figures and LaTeX read it.
@Suite struct UnicodeScriptsTests {
    /// Every script character listed in Unicode's "Superscripts and Subscripts" and "Phonetic
    /// Extensions" blocks that GradViz knows, written out independently of the table.
    static let known: [(script: Character, position: UnicodeScripts.Position, plain: Character)] =
        Array(zip("₀₁₂₃₄₅₆₇₈₉", "0123456789")).map { ($0.0, .subscript, $0.1) }
        + Array(zip("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")).map { ($0.0, .superscript, $0.1) }
        + [
            ("ₐ", .subscript, "a"), ("ᵦ", .subscript, "β"), ("ᵪ", .subscript, "χ"), ("₋", .subscript, "−"),
            ("ᴬ", .superscript, "A"), ("ᵂ", .superscript, "W"), ("ᵀ", .superscript, "T"), ("⁻", .superscript, "−"),
            ("⁽", .superscript, "("), ("₎", .subscript, ")"),
        ]

    @Test(arguments: known.indices)
    func scriptCharactersReadBackAsTheirPlainCharacter(index: Int) throws {
        let (script, position, plain) = Self.known[index]
        let read = try #require(UnicodeScripts.plain(script))
        #expect(read.position == position && read.plain == plain)
        #expect(UnicodeScripts.script(plain, position) == script)
    }

    @Test func anAsciiMinusIsWrittenAsTheScriptMinus() {
        #expect(UnicodeScripts.scripted("-1", .superscript) == "⁻¹")
        #expect(UnicodeScripts.scripted("−1", .superscript) == "⁻¹")
    }

    @Test func lettersWithoutAScriptFormHaveNone() {
        #expect(UnicodeScripts.scripted("b", .subscript) == nil)
        #expect(UnicodeScripts.scripted("q", .superscript) == nil)
        #expect(UnicodeScripts.plain("b") == nil)
    }

    @Test func aRunKeepsCommasBetweenItsCharactersAndStopsAtTheOtherPosition() throws {
        let scalars = Array("w₁,₂⁽¹⁾, x".unicodeScalars)
        var index = 0
        #expect(UnicodeScripts.run(in: scalars, from: &index) == nil)
        #expect(index == 0)
        index = 1
        let sub = try #require(UnicodeScripts.run(in: scalars, from: &index))
        #expect(sub.position == .subscript && sub.plain == "1,2")
        let sup = try #require(UnicodeScripts.run(in: scalars, from: &index))
        #expect(sup.position == .superscript && sup.plain == "(1)")
        #expect(scalars[index] == ",")  // a comma followed by a plain character ends the run
    }

    @Test func displayLabelsFiguresAndLaTeXShareTheCapitalSuperscripts() {
        // Once only LaTeX knew ᴬ: now a name's superscript A is written with it too.
        #expect(DisplayLabel(name: "x__A").text == "xᴬ")
        #expect(LaTeXMath.label("xᴬ") == "x^{A}")
        #expect(LaTeXMath.label("zᵦ") == "z_{\\beta}")
    }
}
