import Foundation
import GradVizDOT
import GradVizEngine
import GradVizExplain
import GradVizFrames
import GradVizHTML
import GradVizScript
import Testing

/// A graded script's page in headless chromium: the marks come with the drawing, each frame
/// shows those its numbers have reached, and switching to dark recolours them.
@Suite(.serialized) struct PageExpectationMarkTests {
    static let graded =
        "x = 3\nw1 = 5\nb1 = 2\nw2 = 2\nb2 = 3\ny = 40\nyhat = w2 * (w1 * x + b1) + b2\nL = (yhat - y)^2\n"
        + "expect yhat = 37\nexpect dL/dw1 = -18\n"

    @Test func thePageShowsEachFramesMarksAndRecoloursThemInDark() async throws {
        let pages = try PageFile.directory()
        defer { try? FileManager.default.removeItem(at: pages) }
        let evaluation = try Script(source: Self.graded, file: "graded.grad").evaluate()
        let id = { (name: String) in evaluation.variable(named: name)?.id ?? NodeID(-1) }
        var options = FigureOptions()
        options.expectations = [
            GradVizExplain.Expectation(quantity: .value(id("yhat")), expected: Tensor(37), line: 9),
            GradVizExplain.Expectation(
                quantity: .gradient(of: id("L"), wrt: id("w1")), expected: Tensor(-18), line: 10),
        ]
        let url = try PageFile.write(
            graph: evaluation.graph, output: evaluation.output.id, options: options, to: pages, name: "graded")
        let figure = try InteractiveFigure(graph: evaluation.graph, output: evaluation.output.id, options: options)
        let steps = try FrameSequence(
            graph: evaluation.graph, output: evaluation.output.id, options: figure.drawingOptions, captions: false
        ).frames.map(\.step)
        let lastForward = try #require(steps.lastIndex(of: "forward")) + 1
        try await Browser.with { browser in
            try await browser.open(url)
            func text(_ name: String) async throws -> String {
                try await browser.run(
                    "return document.querySelector(\"g.node[data-name='\(name)']\").textContent") as? String ?? ""
            }
            // The page opens at the last frame: every mark.
            let value = try await text("yhat")
            let gradient = try await text("w1")
            #expect(value.filter { !$0.isWhitespace }.contains("✓expected37"), "\(value)")
            #expect(gradient.contains("✗ expected −18, right −36"), "\(gradient)")
            _ = try await browser.run("return window.gradviz.step(1)")
            let all = try await browser.run("return document.querySelector('#figure svg').textContent") as? String
            #expect(all?.contains("expected") == false, "structure: \(all ?? "")")
            _ = try await browser.run("return window.gradviz.step(arguments[0])", [lastForward])
            let forwardValue = try await text("yhat")
            let forwardGradient = try await text("w1")
            #expect(forwardValue.filter { !$0.isWhitespace }.contains("✓expected37"), "\(forwardValue)")
            #expect(!forwardGradient.contains("expected"), "a gradient's mark waits for the gradient")
            _ = try await browser.run("return window.gradviz.step(arguments[0])", [steps.count])
            let fill = """
                return getComputedStyle([...document.querySelectorAll('#figure text')]
                  .find(t => t.textContent.includes('expected −18'))).fill
                """
            #expect(try await browser.run(fill) as? String == PageBrowserTests.rgb(ThemeStyle.style(for: .light).wrong))
            _ = try await browser.run("document.getElementById('theme').click(); return 0")
            #expect(try await browser.run(fill) as? String == PageBrowserTests.rgb(ThemeStyle.style(for: .dark).wrong))
            PageBrowserTests.keep(try await browser.screenshot(), "graded-dark")
        }
    }
}
