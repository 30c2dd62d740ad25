import Foundation
import Testing

/// `--mark-expectations` on render (figures and the page) and frames: a graded script handed
/// back as a picture.
@Suite struct MarkExpectationsCommandTests {
    static let graded =
        "x = 3\nw1 = 5\nb1 = 2\nw2 = 2\nb2 = 3\ny = 40\nyhat = w2 * (w1 * x + b1) + b2\nL = (yhat - y)^2\n"
        + "expect yhat = 37\nexpect dL/dw1 = -18\n"

    @Test func renderAndFramesMarkEachExpectLineOnlyWhenAsked() throws {
        let directory = try GradViz.scratch(["g.grad": Self.graded])
        let marked = try GradViz.run(["render", "g.grad", "--mark-expectations", "-o", "g.dot"], in: directory)
        #expect(marked.status == 0, "\(marked.stderr)")
        #expect(marked.stderr.contains("g.grad: note: marks 2 expectations: 1 met, 1 wrong (line 10)"))
        let dot = try String(contentsOf: directory.appendingPathComponent("g.dot"), encoding: .utf8)
        #expect(dot.contains("✗ expected −18, right −36") && dot.contains("✓"))
        let plain = try GradViz.run(["render", "g.grad", "-o", "plain.dot"], in: directory)
        #expect(plain.status == 0 && !plain.stderr.contains("marks"))
        #expect(
            !(try String(contentsOf: directory.appendingPathComponent("plain.dot"), encoding: .utf8)).contains(
                "expected"))
        // The page draws them too, through its SVG.
        let page = try GradViz.run(["render", "g.grad", "--mark-expectations", "-o", "g.html"], in: directory)
        #expect(page.status == 0, "\(page.stderr)")
        let html = try String(contentsOf: directory.appendingPathComponent("g.html"), encoding: .utf8)
        #expect(html.contains("✗ expected −18, right −36"))
        let frames = try GradViz.run(
            ["frames", "g.grad", "--mark-expectations", "-o", "f", "--format", "svg"], in: directory)
        #expect(frames.status == 0, "\(frames.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("f").path)
            .filter { $0.hasSuffix(".svg") }.sorted()
        let first = try String(contentsOf: directory.appendingPathComponent("f/" + names[0]), encoding: .utf8)
        let last = try String(
            contentsOf: directory.appendingPathComponent("f/" + names[names.count - 1]), encoding: .utf8)
        #expect(!first.contains("expected") && last.contains("✗ expected −18, right −36"))
    }

    @Test func marksWithExpandOrTrainingAreUsageErrors() throws {
        let directory = try GradViz.scratch(["g.grad": Self.graded])
        let expand = try GradViz.run(["render", "g.grad", "--mark-expectations", "--expand"], in: directory)
        #expect(expand.status == 64)
        #expect(
            expand.stderr.contains("--mark-expectations marks the script's variables, --expand draws their entries"))
        let sgd = try GradViz.run(
            ["frames", "g.grad", "--mark-expectations", "--sgd", "3", "--lr", "0.01"], in: directory)
        #expect(sgd.status == 64)
        #expect(sgd.stderr.contains("--mark-expectations marks the script's values, which --sgd changes"))
    }
}
