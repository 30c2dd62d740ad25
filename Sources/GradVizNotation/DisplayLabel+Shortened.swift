extension DisplayLabel {
    /// The most a figure shows of one display label, in Unicode scalars; a longer label is cut
    /// between two characters and ends in `…`.
    ///
    /// A name of 10 000 characters is valid in a script, but Graphviz rejects a label of more
    /// than 16 384 bytes, and no slide has room for more than a few words of a name. Counting
    /// scalars rather than characters bounds the bytes too (a character may carry any number of
    /// combining marks). The full name stays in the figure's tooltip and in every JSON output.
    public static let maxDisplayLength = 32

    /// The most a figure keeps of one name or label where it shows it whole (a node's tooltip,
    /// the page's panel), in Unicode scalars; a longer one is cut like a shown label
    /// (``shortened(_:limit:)``). It bounds what a name costs every figure, frame and page that
    /// draws it: a 10 MB label made a 40 MB page in 66 s. JSON outputs keep every name whole.
    public static let maxFullLength = 65_536

    /// `text` when it has at most `limit` Unicode scalars; otherwise its longest prefix of whole
    /// characters (grapheme clusters, so an emoji or an accented letter is never split) that
    /// leaves room for a final `…`, then the `…`.
    ///
    /// Cut before any escaping, so an escape can never be cut either.
    public static func shortened(_ text: String, limit: Int = maxDisplayLength) -> String {
        guard text.unicodeScalars.count > limit else { return text }
        var result = ""
        var used = 0
        for character in text {
            let size = character.unicodeScalars.count
            guard used + size <= limit - 1 else { break }
            result.append(character)
            used += size
        }
        return result + "…"
    }

    /// The label with its parts cut (``shortened(_:limit:)``) so that together they show at
    /// most `limit` Unicode scalars: the subscript and the superscript keep up to a quarter of
    /// the room each, the base gets the rest (`waaaa…a_1` shows as `waa…₁`).
    public func shortened(limit: Int = DisplayLabel.maxDisplayLength) -> DisplayLabel {
        func count(_ text: String?) -> Int { text?.unicodeScalars.count ?? 0 }
        guard count(base) + count(`subscript`) + count(superscript) > limit else { return self }
        let sub = `subscript`.map { DisplayLabel.shortened($0, limit: Swift.max(1, limit / 4)) }
        let sup = superscript.map { DisplayLabel.shortened($0, limit: Swift.max(1, limit / 4)) }
        let room = Swift.max(1, limit - count(sub) - count(sup))
        return DisplayLabel(base: DisplayLabel.shortened(base, limit: room), subscript: sub, superscript: sup)
    }
}
