import GradVizNotation
import Testing

/// Default display labels derived from variable names.
@Suite struct DisplayLabelTests {
    static let cases: [(name: String, text: String)] = [
        ("x", "x"),
        ("L", "L"),
        ("w_1", "w₁"),
        ("w1", "w₁"),
        ("W2", "W₂"),
        ("x_11", "x₁₁"),
        ("x11", "x₁₁"),
        ("w_1_2", "w₁,₂"),
        ("sigma3", "σ₃"),
        ("sigma_3", "σ₃"),
        ("alpha", "α"),
        ("omega", "ω"),
        ("Sigma", "Σ"),
        ("Delta_1", "Δ₁"),
        ("yhat", "y\u{302}"),
        ("y_hat", "y\u{302}"),
        ("yhat_1", "y\u{302}₁"),
        ("thetahat", "θ\u{302}"),
        ("h_out", "hₒᵤₜ"),
        ("x_b", "x_b"),  // no subscript b in Unicode
        ("W__2", "W⁽²⁾"),
        ("w_11__1", "w₁₁⁽¹⁾"),
        ("a_1__2", "a₁⁽²⁾"),
        ("x__T", "xᵀ"),
        ("x__q", "x^q"),  // no superscript q in Unicode
        ("loss", "loss"),
        ("total_loss", "total_loss"),
        ("_tmp", "_tmp"),
        ("x_", "x_"),
        ("hat", "hat"),
        ("beta2", "β₂"),
    ]

    @Test(arguments: cases)
    func rendersName(name: String, text: String) {
        // Compare scalars, not canonical equivalence, so the combining hat is pinned down.
        #expect(Array(DisplayLabel(name: name).text.unicodeScalars) == Array(text.unicodeScalars), "\(name)")
    }

    @Test func keepsPartsForRenderersWithRealSubscripts() {
        let x = DisplayLabel(name: "x_b")
        #expect(x.base == "x")
        #expect(x.subscript == "b")
        #expect(x.superscript == nil)
        let w = DisplayLabel(name: "w_11__1")
        #expect(w.base == "w")
        #expect(w.subscript == "11")
        #expect(w.superscript == "(1)")
        let y = DisplayLabel(name: "yhat")
        #expect(y.base == "y\u{302}")
        #expect(y.subscript == nil)
        let plain = DisplayLabel(name: "loss")
        #expect(plain.base == "loss" && plain.subscript == nil && plain.superscript == nil)
    }

    @Test func everyDigitAndLetterMapsToItsOwnScript() {
        #expect(DisplayLabel(name: "x_0123456789").text == "x₀₁₂₃₄₅₆₇₈₉")
        #expect(DisplayLabel(base: "x", subscript: "aehijklmnoprstuvx", superscript: nil).text == "xₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")
        #expect(DisplayLabel(base: "x", subscript: nil, superscript: "0123456789").text == "x⁰¹²³⁴⁵⁶⁷⁸⁹")
        #expect(
            DisplayLabel(base: "x", subscript: nil, superscript: "abcdefghijklmnoprstuvwxyz").text
                == "xᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ")
    }
}
