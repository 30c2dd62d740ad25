import Foundation
import GradVizEngine
import GradVizRender
import GradVizScript
import Testing

@testable import GradVizDOT

/// A 2-3-1 MLP written as PyTorch writes it (`fc1` → sigmoid → `fc2`, MSE), drawn with and
/// without `--expand`: neurons in index order, long expressions wrapped, a one-entry mean
/// without "/ 1", edge labels clear of cluster borders.
@Suite struct ExpandedMLPFigureTests {
    static let mlp = """
        x = [1, 2]
        y = [0.5]
        constant x y
        module fc1 {
          W1 = [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]]
          b1 = [0.1, 0.2, 0.3]
          z = W1 @ x + b1
        }
        h = sigmoid(z)
        module fc2 {
          W2 = [[0.7, -0.8, 0.9]]
          b2 = [0.1]
          yhat = W2 @ h + b2
        }
        L = mse(yhat, y)
        label W1 "W⁽¹⁾"
        label b1 "b⁽¹⁾"
        label W2 "W⁽²⁾"
        label b2 "b⁽²⁾"
        label yhat "ŷ"

        """

    static func evaluation(expanded: Bool) throws -> Evaluation {
        let evaluation = try Script(source: mlp, file: "mlp.grad").evaluate()
        return expanded ? try evaluation.expanded() : evaluation
    }

    static func svg(_ evaluation: Evaluation, options: FigureOptions = FigureOptions()) throws -> String {
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: options)
        return String(decoding: try Renderer.render(dot: figure.dot, format: .svg).data, as: UTF8.self)
    }

    /// Graphviz drew z₂, z₃, z₁ and h₂, h₃, h₁ (and the rows of W⁽¹⁾ and b⁽¹⁾ after them).
    @Test(arguments: [RankDirection.LR, .TB])
    func neuronsAreDrawnInIndexOrder(rankdir: RankDirection) throws {
        let evaluation = try Self.evaluation(expanded: true)
        let centres = LeafOrderTests.centres(try Self.svg(evaluation, options: FigureOptions(rankdir: rankdir)))
        let tensors = [
            ["z[1]", "z[2]", "z[3]"], ["h[1]", "h[2]", "h[3]"], ["b1[1]", "b1[2]", "b1[3]"],
            ["W1[1,1]", "W1[1,2]", "W1[2,1]", "W1[2,2]", "W1[3,1]", "W1[3,2]"],
            ["W2[1,1]", "W2[1,2]", "W2[1,3]"], ["x[1]", "x[2]"],
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

    /// The expanded matrix network, drawn outside any cluster, keeps its neurons in order too.
    @Test(arguments: [RankDirection.LR, .TB])
    func neuronsOutsideClustersAreDrawnInIndexOrder(rankdir: RankDirection) throws {
        let evaluation = try Script.load(
            path: SampleRenderTests.directory.appendingPathComponent("fully_connected_matrix.grad").path
        ).evaluate().expanded()
        let centres = LeafOrderTests.centres(try Self.svg(evaluation, options: FigureOptions(rankdir: rankdir)))
        for names in [["a1[1]", "a1[2]"], ["a2[1]", "a2[2]"], ["x[1]", "x[2]"]] {
            let positions = try names.map { name in
                let variable = try #require(evaluation.variable(named: name))
                let centre = try #require(centres[variable.id.description], "\(name)")
                return rankdir == .LR ? centre.y : centre.x
            }
            #expect(positions == positions.sorted(), "\(rankdir): \(names) drawn at \(positions)")
        }
    }

    /// x₁ and x₂ feed every neuron of `fc1` from outside it: both come in from the same side
    /// of the block (above it, left to right: before it), not one from each side.
    @Test func inputsEnterTheirClusterFromOneSide() throws {
        let evaluation = try Self.evaluation(expanded: true)
        let centres = LeafOrderTests.centres(try Self.svg(evaluation))
        let y = { (name: String) throws -> Double in
            let variable = try #require(evaluation.variable(named: name))
            return try #require(centres[variable.id.description]).y
        }
        let top = try ["W1[1,1]", "W1[1,2]", "b1[1]"].map(y).min() ?? 0
        #expect(try y("x[1]") < top && y("x[2]") < top)
    }

    /// ŷ₁ = w₁,₁⁽²⁾·h₁ + w₁,₂⁽²⁾·h₂ + w₁,₃⁽²⁾·h₃ + b₁⁽²⁾ is longer than a line: it was cut to
    /// "= … + b₁⁽²⁾"; now it is two rows of ŷ₁'s label, broken before a +.
    @Test func aLongExpressionIsWrappedNotCut() throws {
        let evaluation = try Self.evaluation(expanded: true)
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
        let node = try #require(evaluation.variable(named: "yhat[1]")).id
        let statement = try #require(
            figure.dot.split(separator: "\n").first { $0.hasPrefix("  \(node) [") || $0.hasPrefix("    \(node) [") })
        #expect(!statement.contains("…"), "\(statement)")
        #expect(statement.contains("<TD COLSPAN=\"3\"><FONT POINT-SIZE=\"11.2\">+ b<SUB>1</SUB><SUP>(2)</SUP>"))
        let rows = statement.components(separatedBy: "<TR>").filter { $0.contains("·h<SUB>") }
        #expect(rows.count == 1 && rows[0].contains("= w<SUB>1,1</SUB>"), "\(rows)")
        #expect(rows[0].contains("·h<SUB>3</SUB>"))
    }

    /// The wrapping is bounded: a sum too long for ``ExpressionText/maxLines`` lines still shows
    /// only its last operation.
    @Test func aSumPastTheLineBoundShowsItsLastOperation() throws {
        let terms = (1...20).map { "w\($0) * x\($0)" }.joined(separator: " + ")
        let leaves = (1...20).map { "w\($0) = \($0)\nx\($0) = 1\n" }.joined()
        let evaluation = try Script(source: leaves + "s = " + terms + "\n", file: "long.grad").evaluate()
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
        let node = evaluation.output.id
        let statement = try #require(figure.dot.split(separator: "\n").first { $0.hasPrefix("  \(node) [") })
        // 20 products do not fit in 3 lines of 40 characters: the root op alone, as before.
        #expect(statement.contains(">= … + …</FONT>"), "\(statement)")
        #expect(!statement.contains("w<SUB>1</SUB>·x<SUB>1</SUB>"))
        #expect(ExpressionText.maxLines == 3 && ExpressionText.maxLength == 40)
    }

    /// The mean of a one-entry vector (mse of ŷ, `mean` of one entry) is written without
    /// "/ 1", and stays the tensor's value and gradient.
    @Test func aMeanOfOneEntryIsNotDividedByOne() throws {
        let evaluation = try Self.evaluation(expanded: true)
        let figure = try Figure(graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions())
        let statement = try #require(
            figure.dot.split(separator: "\n").first { $0.hasPrefix("  \(evaluation.output.id) [") })
        #expect(statement.contains("= (ŷ<SUB>1</SUB> − y<SUB>1</SUB>)<SUP>2</SUP>"), "\(statement)")
        #expect(!statement.contains("/ 1"))
        let source = try Script(source: Self.mlp, file: "mlp.grad").evaluate()
        let expansion = try Expansion(of: source.graph, output: source.output.id)
        expansion.backward()
        #expect(expansion.mismatches().isEmpty)
        // mean of one entry, and cross_entropy over one row, the same way.
        for script in ["x = [3]\nm = mean(x * x)\n", "z = [1, 2]\nt = 1\nconstant t\nL = cross_entropy(z, t)\n"] {
            let run = try Script(source: script, file: "one.grad").evaluate()
            let expanded = try run.expanded()
            let dot = try Figure(graph: expanded.graph, output: expanded.output.id, options: FigureOptions()).dot
            #expect(!dot.contains("/ 1"), "\(script)")
            #expect(expanded.graph.scalarValue(of: expanded.output.id) == run.graph.scalarValue(of: run.output.id))
            let again = try Expansion(of: run.graph, output: run.output.id)
            again.backward()
            #expect(again.mismatches().isEmpty, "\(script)")
        }
    }

    /// The box of each cluster (`<g class="cluster">`'s path) and the lines of each edge label
    /// (`<g class="edge">`'s texts: left end, right end, top and bottom, width estimated from
    /// the font size), in SVG coordinates.
    static func clustersAndEdgeLabels(_ svg: String) -> (
        clusters: [(minX: Double, maxX: Double, minY: Double, maxY: Double)],
        labels: [(text: String, minX: Double, maxX: Double, minY: Double, maxY: Double)]
    ) {
        let group = try! NSRegularExpression(
            pattern: #"<g id="[a-z]+[0-9]+" class="(cluster|edge)">(.*?)</g>"#, options: [.dotMatchesLineSeparators])
        let number = try! NSRegularExpression(pattern: #"-?[0-9]+(?:\.[0-9]+)?"#)
        let text = try! NSRegularExpression(
            pattern:
                #"<text text-anchor="([a-z]+)" x="([-0-9.]+)" y="([-0-9.]+)"[^>]*font-size="([0-9.]+)"[^>]*>([^<]*)</text>"#
        )
        let ns = svg as NSString
        var clusters: [(Double, Double, Double, Double)] = []
        var labels: [(String, Double, Double, Double, Double)] = []
        for match in group.matches(in: svg, range: NSRange(location: 0, length: ns.length)) {
            let body = ns.substring(with: match.range(at: 2))
            let b = body as NSString
            if ns.substring(with: match.range(at: 1)) == "cluster" {
                guard let d = LeafOrderTests.firstAttribute(["d", "points"], in: body) else { continue }
                let values = number.matches(in: d, range: NSRange(location: 0, length: (d as NSString).length))
                    .compactMap { Double((d as NSString).substring(with: $0.range)) }
                let xs = stride(from: 0, to: values.count - 1, by: 2).map { values[$0] }
                let ys = stride(from: 1, to: values.count, by: 2).map { values[$0] }
                if let a = xs.min(), let b = xs.max(), let c = ys.min(), let e = ys.max() {
                    clusters.append((a, b, c, e))
                }
                continue
            }
            for line in text.matches(in: body, range: NSRange(location: 0, length: b.length)) {
                guard let x = Double(b.substring(with: line.range(at: 2))),
                    let y = Double(b.substring(with: line.range(at: 3))),
                    let size = Double(b.substring(with: line.range(at: 4)))
                else { continue }
                let content = b.substring(with: line.range(at: 5))
                let width = Double(content.count) * 0.6 * size
                let anchor = b.substring(with: line.range(at: 1))
                let left = anchor == "start" ? x : anchor == "end" ? x - width : x - width / 2
                labels.append((content, left, left + width, y - 0.8 * size, y + 0.25 * size))
            }
        }
        return (clusters.map { ($0.0, $0.1, $0.2, $0.3) }, labels.map { ($0.0, $0.1, $0.2, $0.3, $0.4) })
    }

    /// "∂ŷ/∂h [1]×[3]", on the edge from h (outside every cluster) into `fc2`, sat on `fc2`'s
    /// top border; no edge label of the figure crosses a cluster's border now.
    @Test func edgeLabelsStayOffClusterBorders() throws {
        let (clusters, labels) = Self.clustersAndEdgeLabels(try Self.svg(try Self.evaluation(expanded: false)))
        #expect(clusters.count == 2)
        #expect(labels.contains { $0.text == "∂ŷ/∂h" })
        for label in labels where !label.text.trimmingCharacters(in: .whitespaces).isEmpty {
            for cluster in clusters {
                let inside =
                    label.minX >= cluster.minX && label.maxX <= cluster.maxX && label.minY >= cluster.minY
                    && label.maxY <= cluster.maxY
                let outside =
                    label.maxX <= cluster.minX || label.minX >= cluster.maxX || label.maxY <= cluster.minY
                    || label.minY >= cluster.maxY
                #expect(inside || outside, "\(label) crosses the border of \(cluster)")
            }
        }
    }
}
