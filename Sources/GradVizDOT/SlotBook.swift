import Foundation

/// The cells of a slide build whose content changes from frame to frame, and the size each is
/// given so that every frame has the same layout.
///
/// A frame leaves a not-yet-known number blank, but a blank cell is smaller than a full one and
/// Graphviz would lay the figure out anew. So every such cell (a "slot") gets an explicit
/// `WIDTH` and `HEIGHT`: the largest size of anything it shows in any frame, as Graphviz itself
/// measures it. Graphviz sizes a cell as the larger of its content and those attributes, so with
/// them every frame's tables, nodes, edges and canvas are laid out identically.
///
/// Used in two passes: drawing every frame once records what each slot shows (``note``);
/// ``measurementDOT`` lists those contents for Graphviz to measure; with the sizes read back
/// (``setSizes(_:)``) the frames are drawn again, for real.
package final class SlotBook {
    /// Where a slot's cell sits, which decides how its content is measured.
    struct Context: Hashable {
        /// Attributes of a one-cell table that sizes the cell as its real table does: the real
        /// table's `CELLPADDING` and `CELLBORDER`, with no border or spacing of its own.
        var table: String
        /// The font size the cell inherits (node, edge or graph label).
        var fontSize: String
    }

    private struct Content: Hashable {
        var context: Context
        /// The cell's own attributes, without `COLSPAN`.
        var attributes: String
        var html: String
    }

    /// The font every measured label uses.
    let fontName: String
    private var contents: [String: Set<Content>] = [:]
    private var order: [String] = []
    /// Each slot's size in points, once measured.
    private(set) var sizes: [String: (width: Int, height: Int)] = [:]
    /// Whether ``setSizes(_:)`` has been called.
    private var sized = false

    package init(fontName: String) {
        self.fontName = fontName
    }

    /// Records that `slot` may show `html` in a cell with `attributes` in `context`.
    /// Once the sizes are set, the frames are drawn again with the same contents: nothing is
    /// recorded then.
    func note(_ slot: String, context: Context, attributes: String, html: String) {
        guard !html.isEmpty, !sized else { return }
        let content = Content(context: context, attributes: Self.removingColumnSpan(attributes), html: html)
        if contents[slot] == nil { order.append(slot) }
        contents[slot, default: []].insert(content)
    }

    /// `attributes` without its first ` COLSPAN="digits"` (a byte scan: this runs for every
    /// cell of every frame, where a regular expression cost a fifth of planning a build).
    static func removingColumnSpan(_ attributes: String) -> String {
        let marker = Array(#" COLSPAN=""#.utf8)
        let bytes = Array(attributes.utf8)
        guard bytes.count > marker.count else { return attributes }
        for start in 0...(bytes.count - marker.count) where bytes[start..<start + marker.count].elementsEqual(marker) {
            var end = start + marker.count
            while end < bytes.count, (0x30...0x39).contains(bytes[end]) { end += 1 }
            guard end > start + marker.count, end < bytes.count, bytes[end] == 0x22 else { continue }
            return String(decoding: bytes[..<start] + bytes[(end + 1)...], as: UTF8.self)
        }
        return attributes
    }

    /// The distinct contents to measure, in a stable order, with the slots each belongs to.
    private func measured() -> [(content: Content, slots: [String])] {
        var index: [Content: Int] = [:]
        var list: [(content: Content, slots: [String])] = []
        for slot in order {
            let sorted = (contents[slot] ?? []).sorted {
                ($0.html, $0.attributes, $0.context.table) < ($1.html, $1.attributes, $1.context.table)
            }
            for content in sorted {
                if let position = index[content] {
                    list[position].slots.append(slot)
                } else {
                    index[content] = list.count
                    list.append((content, [slot]))
                }
            }
        }
        return list
    }

    /// A DOT graph with one `shape=plain` node per distinct content (`m0`, `m1`, …), each the
    /// size of that content's cell.
    package var measurementDOT: String {
        var lines = ["digraph measure {", "  node [shape=plain, fontname=" + DOTEscape.quoted(fontName) + "];"]
        for (number, entry) in measured().enumerated() {
            let content = entry.content
            lines.append(
                "  m\(number) [fontsize=" + DOTEscape.quoted(content.context.fontSize) + ", label=<<TABLE"
                    + content.context.table + "><TR><TD" + content.attributes + ">" + content.html
                    + "</TD></TR></TABLE>>];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Takes the measured sizes (in points, by node name of ``measurementDOT``): each slot gets
    /// the largest width and the largest height of its contents, in whole points.
    ///
    /// Graphviz 2.4x sizes table cells in whole points, so rounding is exact there; a fraction
    /// (newer versions) is rounded up, so the content always fits.
    package func setSizes(_ measured: [String: (width: Double, height: Double)]) {
        var sizes: [String: (width: Int, height: Int)] = [:]
        for (number, entry) in self.measured().enumerated() {
            guard let size = measured["m\(number)"] else { continue }
            let width = Self.points(size.width)
            let height = Self.points(size.height)
            for slot in entry.slots {
                let old = sizes[slot] ?? (0, 0)
                sizes[slot] = (max(old.width, width), max(old.height, height))
            }
        }
        self.sizes = sizes
        sized = true
    }

    /// A measured length in whole points: the nearest integer when within print precision of
    /// one, else the next one up.
    static func points(_ length: Double) -> Int {
        guard length.isFinite, length > 0 else { return 0 }
        let nearest = length.rounded()
        let whole = Swift.abs(length - nearest) < 0.05 ? nearest : length.rounded(.up)
        return Int(min(whole, 65_535))
    }
}
