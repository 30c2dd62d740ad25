/// The start tag of one element of Graphviz's SVG (`<text x="1" y="2" …>`, one element per
/// line), its attributes read and rewritten as UTF-8 bytes.
///
/// Graphviz writes every attribute as ` name="value"` with no `"` inside a value, so an attribute
/// is found by searching the tag for ` name="`. Working on bytes keeps Foundation's string search
/// (which bridges through `NSString`) off a path that a 1 000-node figure walks for thousands of
/// texts. Both the figure's SVG (``SVGText``) and the page's compact SVG read tags through this.
package struct SVGTag {
    /// The tag's bytes, `<` to `>` inclusive.
    package private(set) var bytes: [UInt8]

    /// The tag of `line`: its bytes up to and including the first `>` (all of them without one).
    package init(line: some Collection<UInt8>) {
        if let end = line.firstIndex(of: UInt8(ascii: ">")) {
            bytes = Array(line[...end])
        } else {
            bytes = Array(line)
        }
    }

    /// The tag as text.
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The value of attribute `name`, or nil when the tag has none.
    package func value(of name: String) -> String? {
        guard let range = valueRange(of: name) else { return nil }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// Replaces the value of attribute `name`; false (and nothing changed) when the tag has none.
    @discardableResult
    package mutating func setValue(of name: String, to value: String) -> Bool {
        guard let range = valueRange(of: name) else { return false }
        bytes.replaceSubrange(range, with: value.utf8)
        return true
    }

    /// Removes attribute `name` with its leading space; false when the tag has none.
    @discardableResult
    package mutating func remove(_ name: String) -> Bool {
        guard let range = valueRange(of: name) else { return false }
        let start = range.lowerBound - name.utf8.count - 3  // ` name="`
        bytes.removeSubrange(start...range.upperBound)  // through the closing quote
        return true
    }

    /// Removes ` name="value"` when the tag has exactly that; false otherwise.
    @discardableResult
    package mutating func remove(_ name: String, ifEqualTo value: String) -> Bool {
        guard let range = valueRange(of: name), bytes[range].elementsEqual(value.utf8) else { return false }
        return remove(name)
    }

    /// Adds ` name="value"` right after the element name (`<text name="value" …`).
    package mutating func insertFirst(_ name: String, value: String) {
        let nameEnd = bytes.firstIndex { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ">") } ?? bytes.endIndex
        bytes.insert(contentsOf: Array(" \(name)=\"\(value)\"".utf8), at: nameEnd)
    }

    /// Adds ` name="value"` before the closing `>` (or `/>`).
    package mutating func append(_ name: String, value: String) {
        var end = bytes.endIndex
        if end > 0, bytes[end - 1] == UInt8(ascii: ">") { end -= 1 }
        if end > 0, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        bytes.insert(contentsOf: Array(" \(name)=\"\(value)\"".utf8), at: end)
    }

    /// Where attribute `name`'s value lies in ``bytes``, quotes excluded.
    private func valueRange(of name: String) -> Range<Int>? {
        let needle = Array(" \(name)=\"".utf8)
        guard bytes.count >= needle.count else { return nil }
        var start = 0
        while start + needle.count <= bytes.count {
            if bytes[start] == needle[0], bytes[start..<(start + needle.count)].elementsEqual(needle) {
                let valueStart = start + needle.count
                guard let end = bytes[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
                return valueStart..<end
            }
            start += 1
        }
        return nil
    }
}
