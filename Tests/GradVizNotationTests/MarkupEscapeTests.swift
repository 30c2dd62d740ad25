import GradVizNotation
import Testing

/// `MarkupEscape.xml` is the one escaper for DOT HTML-like labels, the page and JUnit reports.
struct MarkupEscapeTests {
    @Test func hostileMarkupBecomesCharacterReferences() {
        #expect(
            MarkupEscape.xml("</script><x a=\"1\" b='2'>&{|}", keepingLineBreaks: false)
                == "&lt;/script&gt;&lt;x a=&quot;1&quot; b=&#39;2&#39;&gt;&amp;&#123;&#124;&#125;")
    }

    @Test func lineBreaksAreKeptOnlyWhenAsked() {
        #expect(MarkupEscape.xml("a\tb\nc", keepingLineBreaks: true) == "a\tb\nc")
        #expect(MarkupEscape.xml("a\tb\nc", keepingLineBreaks: false) == "a b c")
    }

    @Test func controlsAndXMLNonCharactersBecomeSpacesAndUnicodeIsKept() {
        #expect(MarkupEscape.xml("a\u{0}b\u{1B}c\u{7F}d\u{85}e\u{FFFE}f\r", keepingLineBreaks: true) == "a b c d e f ")
        #expect(MarkupEscape.xml("ŷ σ₃ ∂L/∂w₁ 🙂", keepingLineBreaks: false) == "ŷ σ₃ ∂L/∂w₁ 🙂")
    }
}
