import GradVizEngine
import GradVizNotation

/// How a node's name appears in a figure: its display label (`ŷ`, `w₁₁⁽¹⁾`) if one was set,
/// otherwise its name as ``DisplayLabel`` reads it (`w_1` → w₁, `yhat` → ŷ, `W__2` → W⁽²⁾),
/// with real subscripts and superscripts.
///
/// Every name a figure shows comes from here, cut to ``DisplayLabel/maxDisplayLength``
/// (`waaaa…`), so no name can make a label longer than Graphviz reads; ``fullText(of:in:)``
/// gives the text of a cut name, up to ``DisplayLabel/maxFullLength``, for the node's tooltip.
enum DisplayName {
    /// The node's display text, or `nil` for an unnamed node.
    ///
    /// A label equal to the one derived from the name (scripts set that on every variable) is
    /// drawn from the name's parts, so subscripts without a Unicode form (`x_b`) are still real
    /// subscripts; any other label is shown as given (cut if longer than
    /// ``DisplayLabel/maxDisplayLength``).
    static func of(_ id: NodeID, in graph: Graph) -> LabelText? {
        if let label = literalLabel(of: id, in: graph) { return scripted(label) }
        return graph.name(of: id).map(parse)
    }

    /// The whole display text of a node whose shown name ``of(_:in:)`` cuts, or `nil` when
    /// nothing is cut (or the node is unnamed).
    static func fullText(of id: NodeID, in graph: Graph) -> String? {
        if let label = literalLabel(of: id, in: graph) {
            return label.unicodeScalars.count > DisplayLabel.maxDisplayLength ? label : nil
        }
        guard let name = graph.name(of: id) else { return nil }
        let label = DisplayLabel(name: name)
        return label.shortened() == label
            ? nil : DisplayLabel.composed(DisplayLabel.shortened(label.text, limit: DisplayLabel.maxFullLength))
    }

    /// The node's label when it is shown as given rather than drawn from the name's parts.
    private static func literalLabel(of id: NodeID, in graph: Graph) -> String? {
        let name = graph.name(of: id)
        guard let label = graph.label(of: id), !label.isEmpty,
            name.map({ DisplayLabel(name: $0).text != label }) ?? true
        else { return nil }
        return DisplayLabel.composed(DisplayLabel.shortened(label, limit: DisplayLabel.maxFullLength))
    }

    /// A name's display text: the base, then the subscript and superscript set as such.
    ///
    /// The parts are escaped one by one, so markup in a name shows as text.
    static func parse(_ name: String) -> LabelText {
        let label = DisplayLabel(name: name).shortened()
        var result = LabelText(DisplayLabel.composed(label.base))
        if let sub = label.subscript, !sub.isEmpty { result += LabelText(sub).subscript }
        if let sup = label.superscript, !sup.isEmpty { result += LabelText(sup).superscript }
        return result
    }

    /// A module's name or kind as its cluster shows it: as written, cut like a name.
    static func module(_ text: String) -> LabelText { LabelText(DisplayLabel.shortened(text)) }

    /// A literal label with its runs of Unicode subscript and superscript characters set as real
    /// subscripts and superscripts (`W⁽¹⁾` → W<SUP>(1)</SUP>, `w₁,₁` → w<SUB>1,1</SUB>), which
    /// are far more legible at slide size than the tiny Unicode forms. A comma between two
    /// subscript characters stays in the subscript. A label longer than
    /// ``DisplayLabel/maxDisplayLength`` is cut first (`aaaa…`).
    /// With `limit` `nil` the text is not cut (a formula, which has its own size bound).
    static func scripted(_ label: String, limit: Int? = DisplayLabel.maxDisplayLength) -> LabelText {
        var result = LabelText("")
        var plain = ""
        let scalars = Array((limit.map { DisplayLabel.shortened(label, limit: $0) } ?? label).unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard let run = UnicodeScripts.run(in: scalars, from: &index) else {
                plain.unicodeScalars.append(scalars[index])
                index += 1
                continue
            }
            if !plain.isEmpty { result += LabelText(plain) }
            plain = ""
            switch run.position {
            case .subscript: result += LabelText(run.plain).subscript
            case .superscript: result += LabelText(run.plain).superscript
            }
        }
        if !plain.isEmpty { result += LabelText(plain) }
        return result
    }
}
