import GradVizEngine
import GradVizNotation

extension Evaluation {
    /// The same evaluation with every tensor variable expanded into its scalar entries
    /// (`--expand`): a scalar graph whose variables are `W1[1,1]`, `W1[1,2]`, …, whose values and
    /// gradients are the tensor's entries (see ``Expansion/backward()``).
    ///
    /// Scalar variables keep their names; a tensor variable becomes one variable per entry, in
    /// row-major order, at the tensor's line, variables recorded after the output included
    /// (their gradient is 0, as for one before it that does not reach it).
    ///
    /// - Throws: ``ExpansionError`` when the graph has more than ``Expansion/maxScalarNodes``
    ///   entries or the output is not a scalar.
    public func expanded() throws(ExpansionError) -> Evaluation {
        try expansion().evaluation
    }

    /// ``expanded()`` together with the ``Expansion`` it was made from.
    public func expansion() throws(ExpansionError) -> (evaluation: Evaluation, expansion: Expansion) {
        let expansion = try Expansion(of: graph, output: output.id)
        let expandedGraph = expansion.graph
        var expandedVariables: [Variable] = []
        var expandedOutput: Variable?
        for variable in variables {
            let ids = expansion.entries(of: variable.id)
            let shape = graph.shape(of: variable.id)
            for (entry, id) in ids.enumerated() {
                let entryName = EntryName(tensor: variable.name, shape: shape, entry: entry)
                let name = entryName.description
                let label =
                    shape.isScalar
                    ? variable.label
                    : DisplayLabel.entry(ofTensor: variable.label, rank: shape.rank, indices: entryName.indices)
                if !shape.isScalar { expandedGraph.setLabel(label, for: id) }
                if variable.isData { expandedGraph.markAsData(id) }
                let expanded = Variable(
                    name: name, id: id, line: variable.line, isLeaf: variable.isLeaf, label: label,
                    isData: variable.isData)
                expandedVariables.append(expanded)
                if variable.name == output.name { expandedOutput = expanded }
            }
        }
        let outputVariable =
            expandedOutput
            ?? Variable(
                name: output.name, id: expansion.output, line: output.line, isLeaf: output.isLeaf, label: output.label)
        expansion.backward()
        let evaluation = Evaluation(
            graph: expandedGraph, file: file, output: outputVariable, variables: expandedVariables)
        return (evaluation, expansion)
    }
}

extension Evaluation {
    /// What a `--wrt` name selects: a variable, or one entry of a tensor variable (see
    /// ``GradVizEngine/Graph/selection(named:)``, the one lookup, which figures use too).
    public func selection(named name: String) -> (variable: Variable, entry: Int?)? {
        guard let (id, entry) = graph.selection(named: name),
            let variable = graph.name(of: id).flatMap(variable(named:))
        else { return nil }
        return (variable, entry)
    }

    /// Why ``selection(named:)`` found nothing for `name`: the graph's one message
    /// (``GradVizEngine/Graph/selectionProblem(_:option:)``).
    public func selectionProblem(_ name: String, option: String = "--wrt") -> String {
        graph.selectionProblem(name, option: option)
    }
}
