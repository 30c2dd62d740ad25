import GradVizEngine
import GradVizExplain
import GradVizNotation

/// A small tensor's entries as an HTML-like table in a thin rounded frame: a vector as a column
/// (as the lecture writes ŷ = W·x), a matrix row by row, numbers right-aligned.
///
/// A frame rather than bracket cells: Graphviz stretches a nested table to fill its cell, which
/// would pull brackets away from the numbers; a frame simply widens.
enum MatrixTable {
    /// The largest number of rows or columns drawn entry by entry.
    static let maxExtent = 4

    /// Whether `shape` is small enough to show its entries.
    static func fits(_ shape: Shape) -> Bool {
        !shape.isScalar && shape.rows <= maxExtent && shape.columns <= maxExtent
    }

    /// The table for `tensor`, its frame in `color` and its numbers in `color` too, or in the
    /// surrounding text's colour when `inheritText` (an edge label, whose colour depends on
    /// the paths it is on).
    static func html(_ tensor: Tensor, numbers: NumberFormat, color: String, inheritText: Bool = false) -> String {
        let rows = tensor.shape.rank == 1 ? tensor.scalars.map { [$0] } : tensor.rows
        let color = DOTEscape.html(color)
        var html =
            "<TABLE BORDER=\"1\" STYLE=\"ROUNDED\" COLOR=\"\(color)\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
            + "CELLPADDING=\"2\">"
        for row in rows {
            html += "<TR>"
            for entry in row {
                let number = DOTEscape.html(numbers.string(entry))
                html +=
                    "<TD ALIGN=\"RIGHT\">"
                    + (inheritText ? number : "<FONT COLOR=\"\(color)\">" + number + "</FONT>") + "</TD>"
            }
            html += "</TR>"
        }
        return html + "</TABLE>"
    }
}

extension Tensor {
    /// The most entries a tensor has for its numbers to be written where it is used (an edge's
    /// local derivative, a legend's factor, a caption, an expression's constant); a larger one
    /// is drawn as a table of its own or named by its shape. One place for that rule.
    package static let maxInlineEntries = 4

    /// Whether the tensor is small enough for its numbers to be written inline
    /// (``maxInlineEntries``).
    package var isShownInline: Bool { shape.count <= Tensor.maxInlineEntries }
}
