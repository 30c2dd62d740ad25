import GradVizEngine
import GradVizNotation

/// How a node's name appears in a figure: its display label (`ŷ`, `w₁₁⁽¹⁾`) if one was set,
/// otherwise its name as ``DisplayLabel`` reads it (`w_1` → w₁, `yhat` → ŷ, `W__2` → W⁽²⁾),
/// with real subscripts and superscripts.
enum DisplayName {
    /// The node's display text, or `nil` for an unnamed node.
    ///
    /// A label equal to the one derived from the name (scripts set that on every variable) is
    /// drawn from the name's parts, so subscripts without a Unicode form (`x_b`) are still real
    /// subscripts; any other label is shown exactly as given.
    static func of(_ id: NodeID, in graph: Graph) -> LabelText? {
        let name = graph.name(of: id)
        if let label = graph.label(of: id), !label.isEmpty,
            name.map({ DisplayLabel(name: $0).text != label }) ?? true
        {
            return scripted(DisplayLabel.composed(label))
        }
        return name.map(parse)
    }

    /// A name's display text: the base, then the subscript and superscript set as such.
    ///
    /// The parts are escaped one by one, so markup in a name shows as text.
    static func parse(_ name: String) -> LabelText {
        let label = DisplayLabel(name: name)
        var result = LabelText(DisplayLabel.composed(label.base))
        if let sub = label.subscript, !sub.isEmpty { result += LabelText(sub).subscript }
        if let sup = label.superscript, !sup.isEmpty { result += LabelText(sup).superscript }
        return result
    }

    /// A literal label with its runs of Unicode subscript and superscript characters set as real
    /// subscripts and superscripts (`W⁽¹⁾` → W<SUP>(1)</SUP>, `w₁,₁` → w<SUB>1,1</SUB>), which
    /// are far more legible at slide size than the tiny Unicode forms. A comma between two
    /// subscript characters stays in the subscript.
    static func scripted(_ label: String) -> LabelText {
        var result = LabelText("")
        var plain = ""
        let scalars = Array(label.unicodeScalars)
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
