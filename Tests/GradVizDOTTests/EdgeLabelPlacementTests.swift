import Foundation
import GradVizDOT
import GradVizFrames
import GradVizRender
import GradVizScript
import Testing

/// Edge labels belong to their edge: each is underlined with a leader line to a point of its
/// own edge (Graphviz's `decorate`), so a label drawn between two edges (fully_connected's
/// −0.1479 between crossing edges) is not misread.
@Suite struct EdgeLabelPlacementTests {
    /// One `<g class="edge">` of an SVG: its curve's points, its texts and its leader's points.
    struct DrawnEdge {
        var curve: [(Double, Double)] = []
        var texts: [String] = []
        var leader: [(Double, Double)] = []
    }

    static func pairs(_ text: Substring) -> [(Double, Double)] {
        text.split(whereSeparator: { $0 == " " || $0 == "M" || $0 == "C" }).compactMap { pair in
            let parts = pair.split(separator: ",")
            guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]) else { return nil }
            return (x, y)
        }
    }

    /// A cubic Bézier path's control points sampled along it.
    static func sampled(_ points: [(Double, Double)]) -> [(Double, Double)] {
        var samples: [(Double, Double)] = []
        var start = 0
        while start + 3 < points.count {
            let (p0, p1, p2, p3) = (points[start], points[start + 1], points[start + 2], points[start + 3])
            for step in 0...40 {
                let t = Double(step) / 40
                let (a, b, c, d) = (
                    (1 - t) * (1 - t) * (1 - t), 3 * t * (1 - t) * (1 - t), 3 * t * t * (1 - t), t * t * t
                )
                samples.append((a * p0.0 + b * p1.0 + c * p2.0 + d * p3.0, a * p0.1 + b * p1.1 + c * p2.1 + d * p3.1))
            }
            start += 3
        }
        return samples
    }

    static func edges(_ svg: String) -> [DrawnEdge] {
        var edges: [DrawnEdge] = []
        var current: DrawnEdge?
        func attribute(_ name: String, of line: Substring) -> Substring? {
            guard let range = line.range(of: " " + name + "=\"") else { return nil }
            return line[range.upperBound...].prefix { $0 != "\"" }
        }
        for line in svg.split(separator: "\n") {
            if line.contains("class=\"edge\"") {
                current = DrawnEdge()
            } else if line.hasPrefix("</g>"), let edge = current {
                edges.append(edge)
                current = nil
            } else if line.hasPrefix("<path"), let d = attribute("d", of: line) {
                current?.curve = sampled(pairs(d))
            } else if line.hasPrefix("<text"), let close = line.firstIndex(of: ">") {
                current?.texts.append(String(line[line.index(after: close)...].prefix { $0 != "<" }))
            } else if line.hasPrefix("<polyline"), let points = attribute("points", of: line) {
                current?.leader = pairs(points)
            }
        }
        return edges
    }

    static func distance(_ point: (Double, Double), _ curve: [(Double, Double)]) -> Double {
        curve.map { ($0.0 - point.0) * ($0.0 - point.0) + ($0.1 - point.1) * ($0.1 - point.1) }.min()
            .map { $0.squareRoot() } ?? .infinity
    }

    @Test(arguments: ["fully_connected.grad", "weight_sharing.grad", "regression.grad"])
    func everyEdgeLabelHasALeaderEndingOnItsOwnEdge(name: String) throws {
        let path = SampleRenderTests.directory.appendingPathComponent(name).path
        let evaluation = try Script.load(path: path).evaluate()
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
        let svg = String(decoding: try Renderer.render(dot: figure.dot, format: .svg).data, as: UTF8.self)
        let edges = Self.edges(svg)
        let labelled = edges.filter { !$0.texts.isEmpty }
        #expect(labelled.count >= 5, "\(edges.count) edges")
        for (index, edge) in labelled.enumerated() {
            let end = try #require(edge.leader.last, "no leader for \(edge.texts.joined())")
            let own = Self.distance(end, edge.curve)
            #expect(own < 1.5, "\(edge.texts.joined()): its leader ends \(own) pt from its edge")
            for (other, otherEdge) in labelled.enumerated() where other != index {
                #expect(Self.distance(end, otherEdge.curve) > own, "\(edge.texts.joined()) ends on another edge")
            }
        }
    }

    @Test func slideBuildFramesDrawNoLeadersForTheirBlankLabels() throws {
        let path = SampleRenderTests.directory.appendingPathComponent("weight_sharing.grad").path
        let evaluation = try Script.load(path: path).evaluate()
        // The forward frame of a slide build: its edge labels are blank slots.
        let forward = try FrameSequence.forwardFigure(
            graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
        #expect(!forward.contains("decorate"))
        let svg = String(decoding: try Renderer.render(dot: forward, format: .svg).data, as: UTF8.self)
        #expect(Self.edges(svg).allSatisfy { $0.leader.isEmpty })
        let full = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
        #expect(full.dot.contains("decorate=\"true\""))
    }
}
