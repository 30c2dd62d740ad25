import Foundation
import GradVizDOT
import GradVizFrames
import GradVizRender
import Testing

/// The weight-sharing lecture example: w₁ reaches the loss over two paths, and the backward
/// frames show its gradient arriving in two terms that add up.
@Suite struct AccumulationTests {
    @Test func theSharedWeightsGradientArrivesInTwoTermsThatAdd() throws {
        let (evaluation, sequence) = try Samples.frames("weight_sharing.grad")
        let w1 = try #require(evaluation.graph.node(named: "w1")).description
        let backward = sequence.frames.filter { $0.step == "backward" }
        // What w₁'s node shows as its gradient in each backward frame (the texts after its
        // gradient caption ∂ℓ/∂w₁, drawn as "∂ℓ/∂w" + subscript "1").
        let shown: [String] = try backward.map { frame in
            let texts = try Samples.svg(frame.dot).objects[w1]?.texts.map(\.content) ?? []
            guard let caption = texts.firstIndex(of: "∂ℓ/∂w") else { return "" }
            return texts[(caption + 2)...].joined()
        }
        // Hand-derived from the lecture: ∂ℓ/∂o = 2(o − y)·… with o = σ(σ(1) + tanh(1)):
        // the upper path (through a₁ = σ) gives −0.02163, the lower (through a₂ = tanh) −0.0462.
        #expect(shown.first == "")
        #expect(shown.contains("−0.02163 + …"), "\(shown)")
        #expect(shown.last == "−0.06782", "\(shown)")
        let partial = try #require(shown.firstIndex(of: "−0.02163 + …"))
        let total = try #require(shown.firstIndex(of: "−0.06782"))
        #expect(partial < total)
        // The local derivative as its formula, then the numbers.
        #expect(
            backward[partial].caption.contains(
                "∂ℓ/∂w₁ gets ∂ℓ/∂a₁ · ∂a₁/∂w₁ = −0.055 · σ′(w₁·x₁)·x₁ = −0.055 · 0.3932 = −0.02163 (term 1 of 2)"),
            "\(backward[partial].caption)")
        #expect(
            backward[total].caption.contains("∂ℓ/∂w₁ = −0.02163 + (−0.0462) = −0.06782"), "\(backward[total].caption)")
        // The check against an independent reference: the engine's backward pass.
        let id = try #require(evaluation.graph.node(named: "w1"))
        let gradient = try #require(evaluation.graph.gradient(of: id))
        #expect(Swift.abs(gradient.scalar - (-0.06782)) < 5e-6)
    }

    /// The output's own inputs: its gradient is 1, said once, and each input's gradient is the
    /// output's local derivative, its formula then its number (not "∂ℓ/∂ℓ · ∂ℓ/∂o = 1 · …",
    /// which writes the gradient and the local derivative alike). Hand-derived: l = (o − y)²,
    /// ∂ℓ/∂o = 2(o − y) = 2(0.8165 − 1) = −0.367.
    @Test func theOutputsInputsGetItsLocalDerivativeAsAFormulaThenItsNumber() throws {
        let (_, sequence) = try Samples.frames("weight_sharing.grad")
        let backward = sequence.frames.filter { $0.step == "backward" }.map(\.caption)
        #expect(backward.count >= 2)
        #expect(
            backward[1]
                == "backward: ∂ℓ/∂ℓ = 1, so each input of ℓ gets its local derivative: ∂ℓ/∂y = −2(o − y) = 0.367; "
                + "∂ℓ/∂o = 2(o − y) = −0.367", "\(backward)")
        #expect(backward.allSatisfy { !$0.contains("∂ℓ/∂ℓ ·") }, "\(backward)")
        // Further in, the upstream gradient is a number and the local derivative its formula.
        #expect(backward[2].contains("∂ℓ/∂a₁ = ∂ℓ/∂o · ∂o/∂a₁ = −0.367 · σ′(a₁ + a₂) = −0.367 · 0.1498 = −0.055"))
    }

    @Test func pathFramesLightOnePathEachThenTheSumChecksTheGradient() throws {
        var options = FigureOptions()
        options.wrt = "w1"
        let (_, sequence) = try Samples.frames("weight_sharing.grad", options: options)
        let steps = sequence.frames.map(\.step)
        #expect(Array(steps.suffix(3)) == ["path1", "path2", "sum"])
        let captions = sequence.frames.suffix(3).map(\.caption)
        // In the lecture's order (the default): the upper path first; the formulas' product, then
        // the numbers' (a line of its own when drawn), as the legend.
        #expect(
            captions[0].hasPrefix("path 1 of 2: w₁ → a₁ → o → ℓ: ∂ℓ/∂o · ∂o/∂a₁ · ∂a₁/∂w₁ = 2(o − y) · "),
            "\(captions[0])")
        #expect(captions[0].hasSuffix("= −0.02163"), "\(captions[0])")
        #expect(captions[1].hasSuffix("= −0.367 · 0.1498 · 0.8399 = −0.0462"), "\(captions[1])")
        #expect(captions[2] == "sum: ∂ℓ/∂w₁ = −0.02163 + (−0.0462) = −0.06782; backward: ∂ℓ/∂w₁ = −0.06782 ✓")
        // Path 1's frame draws exactly one edge in a path colour per edge of the path.
        let svg = try String(
            decoding: Renderer.render(dot: sequence.frames[steps.count - 3].dot, format: .svg).data, as: UTF8.self)
        #expect(svg.contains("stroke=\"#d55e00\""))
        #expect(!svg.contains("stroke=\"#0072b2\""))
        // The outline (what the interactive page steps through) is the same plan, undrawn.
        let evaluation = try Samples.evaluate("weight_sharing.grad")
        let outline = try FrameSequence.outline(graph: evaluation.graph, output: evaluation.output.id, options: options)
        #expect(outline.map(\.index) == sequence.frames.map(\.index))
        #expect(outline.map(\.step) == steps)
        #expect(outline.map(\.caption) == sequence.frames.map(\.caption))
        #expect(outline.suffix(3).map(\.highlight) == [.path(0), .path(1), .every])
        #expect(outline.dropLast(3).allSatisfy { $0.highlight == .none })
    }
}

/// Captions are drawn under the figure by default and left to the slide with `captions: false`;
/// the manifest's caption is the same text either way.
@Suite struct CaptionTests {
    @Test func captionsAreDrawnUnlessTurnedOff() throws {
        let (_, drawn) = try Samples.frames("single_path.grad")
        let (_, bare) = try Samples.frames("single_path.grad", captions: false)
        #expect(drawn.frames.map(\.caption) == bare.frames.map(\.caption))
        for (with, without) in zip(drawn.frames, bare.frames) {
            let shown = try Samples.svg(with.dot).labelTexts.map(\.content).joined()
            // Subscripts are separate SVG texts: compare without the Unicode subscript digits.
            let plain = with.caption.components(separatedBy: "; ").first ?? ""
            let expected = plain.unicodeScalars.filter { !(0x2080...0x2089).contains($0.value) }
            #expect(shown.hasPrefix(String(String.UnicodeScalarView(expected)).prefix(10)), "\(shown) / \(plain)")
            #expect(try Samples.svg(without.dot).labelTexts.isEmpty)
        }
    }
}
