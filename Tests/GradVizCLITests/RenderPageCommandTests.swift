import Foundation
import Testing

/// `gradviz render --format html`: the interactive page as a file, its options and its errors.
@Suite struct RenderPageCommandTests {
    static let neuron = "x = 2\nw = 3\nb = -1\nu = w * x\nv = u + b\na = relu(v)\n"

    /// The JSON the page embeds.
    static func data(_ html: String) throws -> [String: Any] {
        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"gradviz-data\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let text = String(html[start.upperBound..<end.lowerBound])
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func writesOneSelfContainedPageFromTheFormatOrTheExtension() throws {
        let directory = try GradViz.scratch(["neuron.grad": Self.neuron])
        let result = try GradViz.run(["render", "neuron.grad", "-o", "pages/", "--format", "html,svg"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(
            contentsOf: directory.appendingPathComponent("pages/neuron.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<g id=\"gvn1\" class=\"node\" data-name=\"w\""))
        #expect(html.contains("data-from=\"w\" data-to=\"u\""))
        // Nothing to fetch: no external reference of any kind (the SVG's XML namespace names
        // are names, not addresses).
        let references = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            .replacingOccurrences(of: "xmlns:xlink=\"http://www.w3.org/1999/xlink\"", with: "")
        for reference in ["src=", "href=", "url(", "@import", "http://", "https://"] {
            #expect(!references.contains(reference), "\(reference)")
        }
        let data = try Self.data(html)
        #expect(((data["nodes"] as? [String: Any])?["name"] as? [String])?.count == 6)
        let byExtension = try GradViz.run(["render", "neuron.grad", "-o", "page.html"], in: directory)
        #expect(byExtension.status == 0, "\(byExtension.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("page.html").path))
    }

    @Test func maxPathsCutsEachListAndWrtPreselects() throws {
        // Four paths from x to the output.
        let source = "x = 2\na = x * 3\nb = x * 4\nc = a * b\nd = a + b\nL = c + d\n"
        let directory = try GradViz.scratch(["paths.grad": source])
        let result = try GradViz.run(
            ["render", "paths.grad", "-o", "p.html", "--max-paths", "2", "--wrt", "x"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let data = try Self.data(try String(contentsOf: directory.appendingPathComponent("p.html"), encoding: .utf8))
        // Nodes and selections are tables by column.
        let names = try #require((data["nodes"] as? [String: Any])?["name"] as? [String])
        let x = try #require(names.firstIndex(of: "x"))
        #expect(data["selected"] as? Int == x)
        let selections = try #require(data["selections"] as? [String: Any])
        #expect((selections["pathCount"] as? [String])?[x] == "4")
        #expect((selections["shown"] as? [Int])?[x] == 2)
        #expect((selections["headingHTML"] as? [String])?[x].contains("the 2 largest shown") == true)
    }

    @Test func badOptionsAreUsageErrorsAndAnUnknownWrtLeavesNoPage() throws {
        let directory = try GradViz.scratch(["neuron.grad": Self.neuron])
        let negative = try GradViz.run(["render", "neuron.grad", "-o", "n.html", "--max-paths", "-1"], in: directory)
        #expect(negative.status == 64)
        let unknown = try GradViz.run(["render", "neuron.grad", "-o", "n.html", "--wrt", "nope"], in: directory)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("nope"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("n.html").path))
    }
}
