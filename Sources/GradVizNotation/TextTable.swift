/// Columns of text padded to line up in a terminal (widths counted in characters), for the
/// tables of `explain`, `check` and `eval`.
public struct TextTable: Sendable {
    /// The rows, the first usually a header.
    public var rows: [[String]] = []
    /// Columns aligned to the right (numbers); the others align left.
    public var rightAligned: Set<Int> = []

    /// An empty table.
    public init(rightAligned: Set<Int> = []) { self.rightAligned = rightAligned }

    /// Adds a row.
    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The rows, columns separated by two spaces, each line indented by `indent`, trailing
    /// spaces trimmed. Cells are escaped for a terminal first (``TerminalText``), so a control
    /// character in a name neither acts on the terminal nor breaks the columns.
    public func render(indent: String = "  ") -> String {
        let rows = rows.map { $0.map { TerminalText.escaped($0, keepingLineBreaks: false) } }
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        var lines: [String] = []
        for row in rows {
            var cells: [String] = []
            for (index, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                cells.append(rightAligned.contains(index) ? padding + cell : cell + padding)
            }
            var line = indent + cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
