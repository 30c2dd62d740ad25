import GradVizEngine
import GradVizExplain

extension FigureBuilder {
    /// The node of a folded module (`--collapse`): its name and kind, the shapes going in and
    /// out, and its parameter count; lit in a path's colour when one of the highlighted paths
    /// runs through it.
    func foldedModuleStatement(_ group: Collapsing.Group, cluster: ClusterTree.Cluster) -> String {
        let members = Set(group.members)
        var inShapes: [String] = []
        var outShapes: [String] = []
        for edge in view.edges {
            if members.contains(edge.to) && !members.contains(edge.from) {
                let shape = graph.shape(of: edge.from).description
                if !inShapes.contains(shape) { inShapes.append(shape) }
            } else if members.contains(edge.from) && !members.contains(edge.to) {
                let shape = graph.shape(of: edge.from).description
                if !outShapes.contains(shape) { outShapes.append(shape) }
            }
        }
        if members.contains(view.output) {
            let shape = graph.shape(of: view.output).description
            if !outShapes.contains(shape) { outShapes.append(shape) }
        }
        let parameters = group.members.filter { graph.op(of: $0) == .leaf }.map { graph.shape(of: $0).count }.reduce(
            0, +)
        var rows = [DisplayName.module(cluster.name).bold.font(size: titleSize)]
        if !cluster.kind.isEmpty && cluster.kind != cluster.name {
            rows.append(DisplayName.module(cluster.kind).font(color: style.muted, size: smallSize))
        }
        let flow =
            "in " + (inShapes.isEmpty ? "—" : inShapes.joined(separator: ", ")) + " → out "
            + (outShapes.isEmpty ? "—" : outShapes.joined(separator: ", "))
        rows.append(LabelText(flow).font(size: smallSize))
        rows.append(
            LabelText("parameters").font(color: style.muted, size: smallSize)
                + LabelText(" " + String(parameters)).font(size: smallSize))
        let html =
            "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">"
            + rows.map { "<TR><TD>" + $0.html + "</TD></TR>" }.joined() + "</TABLE>"
        let look = members.contains(view.output) ? style.output : style.computed
        var attributes: DOTAttributes = [
            "class": .text("module"),
            "color": .text(look.border),
            "fillcolor": .text(style.clusterFill),
            "label": .html(html),
            "penwidth": .text(look.penwidth),
            "shape": .text("box3d"),
            "style": .text("filled"),
        ]
        let lit = (listing?.paths ?? []).indices.first { number in
            listing?.paths[number].nodes.contains { members.contains($0) } ?? false
        }
        if let lit {
            attributes["color"] = .text(style.paths[lit % style.paths.count].color)
            attributes["penwidth"] = .text("3")
        }
        return DOTEscape.quoted(Collapsing.nodeID(ofCluster: cluster)) + " " + attributes.text + ";"
    }

    /// The edge standing for the view edges `indices` between the same two drawn nodes, one
    /// of them a folded module: one edge, plain or in the colours of the highlighted paths
    /// through any of them (``pathEdgeAttributes(_:)``), labelled with the Jacobian shapes
    /// ∂to/∂from (`J: [3]×[2, 3]`).
    func foldedEdgeAttributes(_ indices: [Int]) -> DOTAttributes {
        var shapes: [String] = []
        for index in indices {
            let edge = view.edges[index]
            let shape = graph.shape(of: edge.to).description + "×" + graph.shape(of: edge.from).description
            if !shapes.contains(shape) { shapes.append(shape) }
        }
        var label: DOTAttributes.Value?
        if options.showEdgeLabels && !isLarge { label = .html(LabelText("J: " + shapes.joined(separator: ", ")).html) }
        let numbers = Set(indices.flatMap { pathsOfEdge[$0] ?? [] }).sorted()
        var attributes = numbers.isEmpty ? [:] : pathEdgeAttributes(numbers)
        attributes["label"] = label
        return attributes
    }
}
