/// An attribute list of one DOT statement, written with its keys in sorted order so that the
/// same figure always gives the same bytes whatever order the attributes were set in.
struct DOTAttributes: ExpressibleByDictionaryLiteral {
    /// An attribute's value and the context it is escaped for.
    enum Value {
        /// Plain text, written as an escaped double-quoted string.
        case text(String)
        /// An HTML-like label body, already escaped with ``DOTEscape/html(_:)`` piece by piece,
        /// written between `<` and `>`.
        case html(String)
    }

    private var entries: [String: Value] = [:]

    init(dictionaryLiteral elements: (String, Value)...) {
        for (key, value) in elements { entries[key] = value }
    }

    /// Sets or removes one attribute.
    subscript(key: String) -> Value? {
        get { entries[key] }
        set { entries[key] = newValue }
    }

    /// Whether no attribute is set.
    var isEmpty: Bool { entries.isEmpty }

    /// `[a="1", b=<…>]`, keys sorted; empty when there are no attributes.
    var text: String {
        guard !entries.isEmpty else { return "" }
        let parts = entries.keys.sorted().map { key -> String in
            switch entries[key] {
            case .text(let value)?: return key + "=" + DOTEscape.quoted(value)
            case .html(let value)?: return key + "=<" + value + ">"
            case nil: return key
            }
        }
        return "[" + parts.joined(separator: ", ") + "]"
    }

    /// The attributes as `key="value";` statements, one per line (for graph-level attributes).
    var statements: [String] {
        entries.keys.sorted().compactMap { key in
            switch entries[key] {
            case .text(let value)?: return key + "=" + DOTEscape.quoted(value)
            case .html(let value)?: return key + "=<" + value + ">"
            case nil: return nil
            }
        }
    }
}
