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
    /// when the graph has nested modules to fold.
    static func text(view: FlowView, options: FigureOptions, collapsible: Bool) -> String? {
        guard !options.prune else { return nil }
        var tries: [String] = []
        if collapsible { tries.append("--collapse 1") }
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
