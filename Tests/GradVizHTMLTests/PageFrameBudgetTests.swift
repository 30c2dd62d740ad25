import Foundation
import GradVizDOT
import GradVizEngine
import GradVizFrames
import GradVizHTML
import GradVizScript
import Testing

/// A page draws its slide build's frames only when their layouts are few and small
/// (`InteractivePage.maxPageFrameWork`): a deep chain of few nodes has a frame per node and was
/// drawn frame by frame (the 100-term chain: 202 frames, 44 s); its page now leaves them out and
/// says why, while a small build keeps every frame.
struct PageFrameBudgetTests {
    /// `z = 1`, `zchain = z − z − … − z` with `terms` terms, in the ops view: `terms` nodes, one
    /// layer each, so about 2·terms frames.
    static func chain(terms: Int) throws -> InteractiveFigure {
        let source = "z = 1\nzchain = " + Array(repeating: "z", count: terms).joined(separator: " - ") + "\n"
        let evaluation = try Script(source: source, file: "chain.grad").evaluate()
        var options = FigureOptions()
        options.view = .ops
        return try InteractiveFigure(graph: evaluation.graph, output: evaluation.output.id, options: options)
    }

    /// The frames JSON embedded in a page.
    static func frames(of html: String) throws -> [String: Any] {
        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"gradviz-frames\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let object = try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8))
        return try #require(object as? [String: Any])
    }

    @Test func theHundredTermChainOfOneHundredNodesHasNoFramesOnItsPage() throws {
        let figure = try Self.chain(terms: 100)
        #expect(figure.nodes.count <= InteractivePage.maxFrameNodes)
        let reason = try #require(InteractivePage.framesLeftOut(figure))
        #expect(reason.contains("too long for a page"), "\(reason)")
        #expect(reason.contains("201 frames of 100 nodes and 198 edges"), "\(reason)")
        #expect(reason.hasSuffix("gradviz frames writes them as files"), "\(reason)")
    }

    @Test func aDeepChainsPageLeavesOutItsFramesAndSaysWhyInThePage() throws {
        let figure = try Self.chain(terms: 40)
        let page = try InteractivePage(figure: figure, title: "chain", theme: .light)
        #expect(page.notes.count == 1)
        #expect(page.notes.first?.contains("the build is too long for a page") == true, "\(page.notes)")
        let frames = try Self.frames(of: page.html)
        #expect((frames["frames"] as? [Any])?.isEmpty == true)
        #expect(frames["note"] as? String == page.notes.first)
    }

    @Test func aSmallBuildKeepsEveryFrameAndHasNoNote() throws {
        let figure = try Self.chain(terms: 4)
        #expect(InteractivePage.framesLeftOut(figure) == nil)
        let page = try InteractivePage(figure: figure, title: "chain", theme: .light)
        #expect(page.notes.isEmpty)
        let frames = try Self.frames(of: page.html)
        let sequence = try FrameSequence.outline(
            graph: figure.graph, output: figure.output, options: figure.drawingOptions)
        #expect((frames["frames"] as? [Any])?.count == sequence.count)
        #expect(frames["note"] == nil)
    }
}

extension PageBrowserTests {
    /// A page without frames says why where a frame's caption goes.
    @Test func aPageWithoutFramesSaysWhyInItsHeader() async throws {
        let pages = try PageFile.directory()
        defer { try? FileManager.default.removeItem(at: pages) }
        let page = try InteractivePage(figure: try PageFrameBudgetTests.chain(terms: 40), title: "chain", theme: .light)
        let url = pages.appendingPathComponent("chain.html")
        try Data(page.html.utf8).write(to: url)
        try await Browser.with { browser in
            try await browser.open(url)
            #expect(try await browser.run("return window.gradviz.frameCount()") as? Int == 0)
            #expect(
                try await browser.run("return document.getElementById('caption').textContent") as? String
                    == page.notes.first)
            #expect(
                try await browser.run("return document.getElementById('frame-number').textContent") as? String
                    == "no frames")
        }
    }
}
