import GradVizEngine
import GradVizExplain

/// What to try when a figure is too large to read or to draw: the options that shrink it, as a
/// command line spells them (`try --prune --wrt w1`), for the figure's note and for the error
/// when the renderer refuses the graph.
enum FigureSuggestion {
    /// The suggestion for a figure of `view` drawn with `options`, or `nil` when it is already
    /// pruned.
    ///
    /// `--prune --wrt` names the figure's own `wrt`, or else a weight: the first leaf whose name
    /// starts with `w` or `W`, or failing that the first named leaf. `--collapse` is offered
    /// when the figure draws modules and does not fold them yet: depth 1 when some are nested
    /// (the top level stays as clusters), else 0.
    static func text(view: FlowView, options: FigureOptions, tree: ClusterTree) -> String? {
        guard !options.prune else { return nil }
        var tries: [String] = []
        if options.collapse == nil, !tree.clusters.isEmpty {
            tries.append(tree.clusters.contains { $0.parent != nil } ? "--collapse 1" : "--collapse 0")
        }
        let graph = view.graph
        let leaves = view.nodes.filter { graph.op(of: $0) == .leaf && graph.name(of: $0) != nil }
        let weight = leaves.first { graph.name(of: $0).map { $0.hasPrefix("w") || $0.hasPrefix("W") } ?? false }
        if let name = options.wrt ?? (weight ?? leaves.first).flatMap(graph.name(of:)) {
            tries.append("--prune --wrt " + shellWord(name))
        }
        guard !tries.isEmpty else { return nil }
        return "try " + tries.joined(separator: " or ")
    }

    /// `name` as one word for a POSIX shell: quoted unless it is plain letters, digits and `_`.
    static func shellWord(_ name: String) -> String {
        if !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) { return name }
        return "'" + name.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
