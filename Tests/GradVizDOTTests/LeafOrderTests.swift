import Foundation
import GradVizDOT
import GradVizEngine
import GradVizExplain
import GradVizRender
import GradVizScript
import Testing

/// Leaves keep the file's order in the drawing: of the leaves that feed the same nodes (x₁ and
/// x₂ feeding every unit of a layer, w₁,₁ and w₁,₂ feeding unit 1), the one assigned first is
/// drawn above (left to right: to the left). Checked on node centres in the SVG Graphviz
/// draws, for every sample in both views and directions.
@Suite struct LeafOrderTests {
    /// Each node's centre in an SVG, by its DOT id (`n4`): the middle of its outline's box.
    static func centres(_ svg: String) -> [String: (x: Double, y: Double)] {
        let group = try! NSRegularExpression(
            pattern: #"<g id="[a-z]+[0-9]+" class="node">\s*<title>(.*?)</title>(.*?)</g>"#,
            options: [.dotMatchesLineSeparators])
        let number = try! NSRegularExpression(pattern: #"-?[0-9]+(?:\.[0-9]+)?"#)
        let text = svg as NSString
        var centres: [String: (x: Double, y: Double)] = [:]
        for match in group.matches(in: svg, range: NSRange(location: 0, length: text.length)) {
            let body = text.substring(with: match.range(at: 2))
            // The outline is the first shape: an ellipse's centre, or a polygon's or path's box.
            guard let shape = body.components(separatedBy: "<text").first else { continue }
            let values: [Double]
            if let ellipse = shape.range(of: "<ellipse") {
                let attributes = String(shape[ellipse.lowerBound...])
                guard let cx = Self.attribute("cx", in: attributes), let cy = Self.attribute("cy", in: attributes)
                else { continue }
                values = [cx, cy, cx, cy]
            } else {
                guard let points = Self.firstAttribute(["points", "d"], in: shape) else { continue }
                let ns = points as NSString
                values = number.matches(in: points, range: NSRange(location: 0, length: ns.length)).compactMap {
                    Double(ns.substring(with: $0.range))
                }
            }
            let xs = stride(from: 0, to: values.count - 1, by: 2).map { values[$0] }
            let ys = stride(from: 1, to: values.count, by: 2).map { values[$0] }
            guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else { continue }
            centres[text.substring(with: match.range(at: 1))] = ((minX + maxX) / 2, (minY + maxY) / 2)
        }
        return centres
    }

    static func attribute(_ name: String, in text: String) -> Double? {
        firstAttribute([name], in: text).flatMap(Double.init)
    }

    static func firstAttribute(_ names: [String], in text: String) -> String? {
        for name in names {
            if let start = text.range(of: " " + name + "=\"") {
                let rest = text[start.upperBound...]
                if let end = rest.firstIndex(of: "\"") { return String(rest[..<end]) }
            }
        }
        return nil
    }

    /// The leaves of the view that feed the same nodes and belong to the same module, each
    /// group in file (recording) order; worked out here from the view, not by the figure.
    static func twins(_ view: FlowView) -> [[NodeID]] {
        let graph = view.graph
        var consumers: [NodeID: Set<NodeID>] = [:]
        for edge in view.edges where graph.op(of: edge.from) == .leaf {
            consumers[edge.from, default: []].insert(edge.to)
        }
        var groups: [String: [NodeID]] = [:]
        for leaf in consumers.keys.sorted() {
            let key = "\(graph.module(of: leaf).map(String.init) ?? "-") \(consumers[leaf, default: []].sorted())"
            groups[key, default: []].append(leaf)
        }
        return groups.values.filter { $0.count > 1 }.map { $0.sorted() }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let sample: String
        let view: ViewKind
        let rankdir: RankDirection
        var expand = false
        var wrt: String?
        var testDescription: String {
            "\(sample) \(view) \(rankdir)" + (expand ? " expanded" : "") + (wrt.map { " wrt \($0)" } ?? "")
        }
    }

    static let cases: [Case] = {
        var cases: [Case] = []
        for path in SampleRenderTests.samples {
            let sample = (path as NSString).lastPathComponent
            for view in [ViewKind.vars, .ops] {
                for rankdir in [RankDirection.LR, .TB] {
                    cases.append(Case(sample: sample, view: view, rankdir: rankdir))
                }
            }
        }
        for sample in ["tensor_model.grad", "fully_connected_matrix.grad"] {
            for view in [ViewKind.vars, .ops] {
                for rankdir in [RankDirection.LR, .TB] {
                    cases.append(Case(sample: sample, view: view, rankdir: rankdir, expand: true))
                }
            }
        }
        // Highlighted paths (once drawn as parallel edges) had drawn x₁ under x₂.
        cases.append(Case(sample: "fully_connected.grad", view: .vars, rankdir: .LR, wrt: "x1"))
        cases.append(Case(sample: "fully_connected.grad", view: .ops, rankdir: .LR, wrt: "x1"))
        return cases
    }()

    /// How many pairs of twins each case compared, to see the test is not vacuous.
    static func comparedPairs(_ test: Case) throws -> Int {
        var evaluation = try Script.load(path: SampleRenderTests.directory.appendingPathComponent(test.sample).path)
            .evaluate()
        if test.expand { evaluation = try evaluation.expanded() }
        let options = FigureOptions(view: test.view, wrt: test.wrt, rankdir: test.rankdir)
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options)
        let svg = String(decoding: try Renderer.render(dot: figure.dot, format: .svg).data, as: UTF8.self)
        let centres = Self.centres(svg)
        let view = FlowView(graph: evaluation.graph, output: evaluation.output.id, kind: test.view)
        var pairs = 0
        for group in Self.twins(view) {
            for (first, second) in zip(group, group.dropFirst()) {
                let a = try #require(centres[first.description], "\(test): no node \(first)")
                let b = try #require(centres[second.description], "\(test): no node \(second)")
                let name = { (id: NodeID) in evaluation.graph.name(of: id) ?? id.description }
                // SVG y grows downwards: above means a smaller y.
                if test.rankdir == .LR {
                    #expect(a.y < b.y, "\(test): \(name(first)) is drawn below \(name(second))")
                } else {
                    #expect(a.x < b.x, "\(test): \(name(first)) is drawn right of \(name(second))")
                }
                pairs += 1
            }
        }
        return pairs
    }

    @Test(arguments: cases)
    func leavesThatFeedTheSameNodesKeepFileOrder(test: Case) throws {
        let pairs = try Self.comparedPairs(test)
        let scalars =
            test.sample == "fully_connected.grad" || (test.sample == "fully_connected_matrix.grad" && test.expand)
        if scalars && test.view == .vars {
            // x₁ x₂; w₁,₁ w₁,₂; w₂,₁ w₂,₂ of layers 1 and 2; w₁,₁⁽³⁾ w₁,₂⁽³⁾.
            #expect(pairs == 6, "\(test)")
        }
    }

    /// The expanded tensor model draws each tensor's entries in index order, top to bottom (left
    /// to right with `--rankdir TB`): z₁⁽¹⁾, z₂⁽¹⁾, z₃⁽¹⁾, then h₁, h₂, h₃, and W⁽¹⁾ row by row.
    /// x₁ and x₂ feed the `linear1` block from outside it; chained there, they had reshuffled
    /// the block (z₃⁽¹⁾ on top, its weights first).
    @Test(arguments: [RankDirection.LR, .TB])
    func expandedTensorEntriesKeepIndexOrder(rankdir: RankDirection) throws {
        let evaluation = try Script.load(
            path: SampleRenderTests.directory.appendingPathComponent("tensor_model.grad").path
        )
        .evaluate().expanded()
        let figure = try Figure(
            graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions(rankdir: rankdir))
        let centres = Self.centres(
            String(decoding: try Renderer.render(dot: figure.dot, format: .svg).data, as: UTF8.self))
        let tensors = [
            ["x[1]", "x[2]"], ["z1[1]", "z1[2]", "z1[3]"], ["h[1]", "h[2]", "h[3]"],
            ["W1[1,1]", "W1[1,2]", "W1[2,1]", "W1[2,2]", "W1[3,1]", "W1[3,2]"],
        ]
        for names in tensors {
            let positions = try names.map { name in
                let variable = try #require(evaluation.variable(named: name))
                let centre = try #require(centres[variable.id.description], "\(name)")
                return rankdir == .LR ? centre.y : centre.x
            }
            #expect(positions == positions.sorted(), "\(rankdir): \(names) drawn at \(positions)")
        }
    }
}
