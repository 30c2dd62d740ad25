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
        #expect(
            backward[partial].caption.contains(
                "∂ℓ/∂w₁ gets ∂ℓ/∂a₁ · ∂a₁/∂w₁ = −0.055 · 0.3932 = −0.02163 (term 1 of 2)"))
        #expect(
            backward[total].caption.contains("∂ℓ/∂w₁ = −0.02163 + (−0.0462) = −0.06782"), "\(backward[total].caption)")
        // The check against an independent reference: the engine's backward pass.
        let id = try #require(evaluation.graph.node(named: "w1"))
        let gradient = try #require(evaluation.graph.gradient(of: id))
        #expect(Swift.abs(gradient.scalar - (-0.06782)) < 5e-6)
    }

    @Test func pathFramesLightOnePathEachThenTheSumChecksTheGradient() throws {
        var options = FigureOptions()
        options.wrt = "w1"
        let (_, sequence) = try Samples.frames("weight_sharing.grad", options: options)
        let steps = sequence.frames.map(\.step)
        #expect(Array(steps.suffix(3)) == ["path1", "path2", "sum"])
        let captions = sequence.frames.suffix(3).map(\.caption)
        #expect(captions[0].hasPrefix("path 1 of 2: w₁ → a₂ → o → ℓ: ∂ℓ/∂o · ∂o/∂a₂ · ∂a₂/∂w₁ = "))
        #expect(captions[1].hasSuffix("= −0.02163"))
        #expect(captions[2] == "sum: ∂ℓ/∂w₁ = −0.0462 + (−0.02163) = −0.06782; backward: ∂ℓ/∂w₁ = −0.06782 ✓")
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
