import Foundation
import Testing

/// `--path-order` on the commands that list paths, and `frames --title`: the order is the
/// library's default unless asked for, the same in every format, and a usage error when unknown.
@Suite struct PathOrderCommandTests {
    static let sample = GradViz.repository.appendingPathComponent("samples/weight_sharing.grad").path

    /// Where each path's route appears in `text`: the upper path through a₁, the lower through a₂.
    static func upperFirst(_ text: String, upper: String, lower: String) throws -> Bool {
        let a = try #require(text.range(of: upper), "\(text)")
        let b = try #require(text.range(of: lower), "\(text)")
        return a.lowerBound < b.lowerBound
    }

    @Test(arguments: ["text", "markdown", "latex", "json"])
    func explainListsTheUpperPathFirstUnlessAskedBySize(format: String) throws {
        // Text writes the routes, LaTeX and Markdown the factors' formulas, JSON the names.
        let (upper, lower) =
            switch format {
            case "latex", "markdown": ("\\sigma'(w_{1} x_{1})", "\\tanh'(w_{1} x_{1})")
            case "json": ("[\"w1\", \"a1\", \"o\", \"l\"]", "[\"w1\", \"a2\", \"o\", \"l\"]")
            default: ("w₁ → a₁ → o → ℓ", "w₁ → a₂ → o → ℓ")
            }
        let standard = try GradViz.run(["explain", Self.sample, "--wrt", "w1", "--format", format])
        #expect(standard.status == 0, "\(standard.stderr)")
        let layout = try GradViz.run([
            "explain", Self.sample, "--wrt", "w1", "--format", format, "--path-order", "layout",
        ])
        let size = try GradViz.run(["explain", Self.sample, "--wrt", "w1", "--format", format, "--path-order", "size"])
        #expect(standard.stdout == layout.stdout)
        #expect(try Self.upperFirst(standard.stdout, upper: upper, lower: lower), "\(format)")
        #expect(try !Self.upperFirst(size.stdout, upper: upper, lower: lower), "\(format)")
    }

    @Test func anUnknownOrderIsAUsageError() throws {
        for command in [["explain", Self.sample, "--wrt", "w1"], ["render", Self.sample, "--wrt", "w1", "-o", "-"]] {
            let result = try GradViz.run(command + ["--path-order", "largest"])
            #expect(result.status == 64, "\(command): \(result.stderr)")
        }
    }

    @Test func renderAndFramesOrderTheLegendAndTheTitleNamesTheBeamerFrame() throws {
        let size = try GradViz.run([
            "render", Self.sample, "--wrt", "w1", "--format", "dot", "-o", "-", "--path-order", "size",
        ])
        let layout = try GradViz.run(["render", Self.sample, "--wrt", "w1", "--format", "dot", "-o", "-"])
        #expect(size.status == 0 && layout.status == 0, "\(size.stderr)\(layout.stderr)")
        let upper = "w<SUB>1</SUB> → a<SUB>1</SUB> → o → ℓ"
        let lower = "w<SUB>1</SUB> → a<SUB>2</SUB> → o → ℓ"
        #expect(try Self.upperFirst(layout.stdout, upper: upper, lower: lower))
        #expect(try !Self.upperFirst(size.stdout, upper: upper, lower: lower))

        let scratch = try GradViz.scratch([:])
        let output = scratch.appendingPathComponent("slides")
        let frames = try GradViz.run([
            "frames", Self.sample, "-o", output.path, "--format", "png", "--wrt", "w1", "--path-order", "size",
            "--title", "Weight sharing & #2",
        ])
        #expect(frames.status == 0, "\(frames.stderr)")
        let tex = try String(contentsOf: output.appendingPathComponent("weight_sharing.frames.tex"), encoding: .utf8)
        #expect(tex.contains("\\begin{frame}{Weight sharing \\& \\#2}"))
        let manifest = try String(
            contentsOf: output.appendingPathComponent("weight_sharing.frames.json"), encoding: .utf8)
        // By size the first path frame lights the lower (larger) path.
        #expect(manifest.contains("\"caption\": \"path 1 of 2: w₁ → a₂ → o → ℓ"), "\(manifest)")
    }
}
