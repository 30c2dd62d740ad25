import Foundation
import GradVizEngine

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
            return LabelText(composed(label))
        }
        return name.map(parse)
    }

    /// A name's display text: the base, then the subscript and superscript set as such.
    ///
    /// The parts are escaped one by one, so markup in a name shows as text.
    static func parse(_ name: String) -> LabelText {
        let label = DisplayLabel(name: name)
        var result = LabelText(composed(label.base))
        if let sub = label.subscript, !sub.isEmpty { result += LabelText(sub).subscript }
        if let sup = label.superscript, !sup.isEmpty { result += LabelText(sup).superscript }
        return result
    }

    /// Precomposed where Unicode allows (`y` + combining circumflex → `ŷ`), so every font and
    /// every text tool shows the same glyph.
    private static func composed(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
    }
}
