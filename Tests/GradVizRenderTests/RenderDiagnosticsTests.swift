import GradVizRender
import Testing

/// Graphviz's complaints become Swift errors or warnings, and never reach standard error.
///
/// Serialised: these tests redirect file descriptor 2.
@Suite(.serialized) struct RenderDiagnosticsTests {
    /// Renders `dot`, capturing standard error; returns the error thrown and what was printed.
    private func failure(rendering dot: String) throws -> (error: RenderError?, printed: String) {
        let captured = try #require(
            StandardErrorCapture.capture {
                Result { () throws(RenderError) in try Renderer.render(dot: dot, format: .svg) }
            })
        guard case .failure(let error) = captured.result else { return (nil, captured.output) }
        return (error, captured.output)
    }

    @Test func syntaxErrorThrowsGraphvizsMessageAndPrintsNothing() throws {
        let (error, printed) = try failure(rendering: "digraph broken { a -> ; }")
        let message = try #require(error).message
        #expect(message.contains("syntax error in line 1"))
        #expect(message.contains("';'"))
        #expect(StandardErrorCapture.foreignLines(in: printed).isEmpty, "printed: \(printed)")
        #expect(!printed.contains("syntax error"))
    }

    @Test func malformedHTMLLabelThrowsGraphvizsMessageAndPrintsNothing() throws {
        let (error, printed) = try failure(rendering: "digraph g { a [label=<<b>bold</i>>]; }")
        let message = try #require(error).message
        #expect(message.contains("mismatched tag"))
        #expect(message.contains("in label of node a"))
        #expect(StandardErrorCapture.foreignLines(in: printed).isEmpty, "printed: \(printed)")
        #expect(!printed.contains("mismatched"))
    }

    @Test func errorLinesCountFromTheStartOfEachText() throws {
        _ = try Renderer.render(dot: "digraph g {\n a;\n b;\n c;\n a -> b;\n}\n", format: .svg)
        let (error, _) = try failure(rendering: "digraph g {\n  a -> ;\n}\n")
        let message = try #require(error).message
        #expect(message.contains("syntax error in line 2"), "\(message)")
    }

    @Test func textAfterTheFirstGraphNeverLeaksIntoTheNextRender() throws {
        let two = try Renderer.render(dot: "digraph a { first } digraph b {\n second\n}\n", format: .svg)
        let twoTexts = try #require(SVGDocument(two.data)).texts
        #expect(twoTexts.contains("first") && !twoTexts.contains("second"))
        #expect(two.warnings.contains { $0.contains("only the first") })

        let next = try Renderer.render(dot: "digraph c { third }", format: .svg)
        let nextTexts = try #require(SVGDocument(next.data)).texts
        #expect(nextTexts.contains("third") && !nextTexts.contains("second"))
        #expect(next.warnings.isEmpty)
    }

    @Test func garbageAfterTheGraphIsAnErrorAndIsNotCarriedOver() throws {
        let (error, printed) = try failure(rendering: "digraph a { first }\n\ngarbage here")
        #expect(try #require(error).message.contains("syntax error in line 3 near 'garbage'"))
        #expect(StandardErrorCapture.foreignLines(in: printed).isEmpty)
        let next = try Renderer.render(dot: "digraph c { third }", format: .svg)
        #expect(try #require(SVGDocument(next.data)).texts.contains("third"))
    }

    @Test func aValidGraphRendersAfterAFailedOne() throws {
        _ = try failure(rendering: "digraph { { }")
        let result = try Renderer.render(dot: "digraph { after -> error }", format: .svg)
        let svg = try #require(SVGDocument(result.data))
        #expect(svg.texts.contains("after"))
        #expect(result.warnings.isEmpty)
    }

    @Test func warningsAreReturnedNotPrinted() throws {
        let captured = try #require(
            try StandardErrorCapture.capture {
                try Renderer.render(dot: "digraph { a [shape=nosuchshape] }", format: .svg)
            })
        #expect(captured.result.warnings.contains { $0.contains("unknown shape nosuchshape") })
        #expect(captured.result.warnings.allSatisfy { !$0.hasPrefix("Warning") })
        #expect(StandardErrorCapture.foreignLines(in: captured.output).isEmpty)
        #expect(try #require(SVGDocument(captured.result.data)).texts.contains("a"))
    }

    @Test func emptyInputIsAnError() {
        #expect(throws: RenderError.self) { try Renderer.render(dot: "", format: .svg) }
        #expect(throws: RenderError.self) { try Renderer.render(dot: " \n\t", format: .png) }
        #expect(throws: RenderError.self) { try Renderer.render(dot: "not dot at all", format: .pdf) }
    }
}

/// A drawing scaled below one pixel is an error, not an empty file.
@Suite struct DegenerateDrawingTests {
    /// A 400-node chain laid out left to right is hundreds of inches wide and half an inch
    /// high; fitted into one inch it is a small fraction of a pixel high, and Cairo draws nothing.
    @Test func pngScaledBelowOnePixelThrowsInsteadOfReturningNoBytes() throws {
        let chain = (0..<400).map { "n\($0)" }.joined(separator: " -> ")
        let dot = "digraph g { rankdir=LR; size=\"1,1\"; \(chain); }"
        #expect(throws: RenderError.self) { try Renderer.render(dot: dot, format: .png) }
        // The same chain at natural size renders.
        let natural = try Renderer.render(dot: "digraph g { rankdir=LR; n0 -> n1; }", format: .png)
        #expect(!natural.data.isEmpty)
    }
}
