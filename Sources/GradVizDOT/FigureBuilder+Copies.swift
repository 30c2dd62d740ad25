import GradVizEngine
import GradVizExplain
import GradVizNotation

extension FigureBuilder {
    /// Decides which edges are drawn from copies of a heavily shared operand (see
    /// ``OperandCopies``): named nodes only (a copy shows just the name), not a pruned figure's
    /// stubs, and not edges into or out of a folded module.
    static func operandCopies(
        view: FlowView, drawnEdges: [Int], pruning: Pruning?, collapsing: Collapsing?
    ) -> OperandCopies {
        OperandCopies(
            view: view, drawn: drawnEdges,
            copyable: { DisplayName.of($0, in: view.graph) != nil && !(pruning?.stubs.contains($0) ?? false) },
            copyableEdge: { index in
                let edge = view.edges[index]
                return collapsing?.groupOfNode[edge.from] == nil && collapsing?.groupOfNode[edge.to] == nil
            })
    }

    /// The DOT id an edge is drawn from: its copy's, or the node's own.
    func tailID(ofEdge index: Int, edge: FlowEdge) -> String {
        copies.copyOfEdge[index].map(DOTEscape.quoted) ?? edge.from.description
    }

    /// The node statements of the copies, by the cluster of the node each copy feeds (`nil`
    /// for the top level), in edge order.
    func copyStatements() -> [Int?: [String]] {
        var statements: [Int?: [String]] = [:]
        for index in copies.copyOfEdge.keys.sorted() {
            guard let id = copies.copyOfEdge[index] else { continue }
            let edge = view.edges[index]
            let cluster = tree.cluster(ofModule: graph.module(of: edge.to))
            statements[cluster, default: []].append(
                DOTEscape.quoted(id) + " " + copyAttributes(of: edge.from).text + ";")
        }
        return statements
    }

    /// A copy: the node's name, small, in a dashed box of the node's border colour; the
    /// tooltip says whose copy it is.
    private func copyAttributes(of node: NodeID) -> DOTAttributes {
        let border = listing?.wrt == node && frame?.reveal.legend != .hidden ? style.highlight : look(of: node).border
        let uses = copies.copiedUses[node]?.uses ?? 0
        let name = fullNames[node] ?? shortName(of: node).plain
        return [
            "class": .text("copy"),
            "color": .text(border),
            "fontcolor": .text(style.text),
            "fontsize": .text(smallSize),
            "label": .html(shortName(of: node).html),
            "margin": .text("0.05,0.02"),
            "shape": .text("box"),
            "style": .text("rounded,dashed"),
            "tooltip": .text(DOTEscape.tooltip("\(name), drawn again at this use (used \(uses) times)")),
        ]
    }

    /// The row a copied node's label gets: `used 99×, dashed copies at 97`.
    func copiesCaption(of node: NodeID) -> LabelText? {
        guard let counts = copies.copiedUses[node], counts.copies > 0 else { return nil }
        return LabelText("used \(counts.uses)×, dashed copies at \(counts.copies)")
    }
}
