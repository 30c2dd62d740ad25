extension Graph {
    /// What a `--wrt` name selects: a named node, or one entry of a named tensor written like
    /// `W1[1,2]` (see ``EntryName``) with its row-major position; `nil` when it names neither.
    ///
    /// The one lookup of a name a person typed, for figures, explanations and checks alike. In
    /// an expanded graph entries are named nodes of their own, so `W1[1,2]` selects that scalar
    /// node and no entry.
    public func selection(named name: String) -> (id: NodeID, entry: Int?)? {
        if let id = node(named: name) { return (id, nil) }
        guard let entryName = EntryName.parse(name), let id = node(named: entryName.tensor),
            let entry = entryName.entry(in: shape(of: id))
        else { return nil }
        return (id, entry)
    }

    /// Why ``selection(named:)`` found nothing for `name`, as the one message every command
    /// prints for it (`option` is how the person gave the name, `--wrt` by default), with a
    /// suggestion such as "did you mean `w1`?" (``Suggestion``).
    public func selectionProblem(_ name: String, option: String = "--wrt") -> String {
        if let entryName = EntryName.parse(name), let id = node(named: entryName.tensor) {
            return "\(entryName.tensor) has shape \(shape(of: id)), which has no entry "
                + "[\(entryName.indices.map(String.init).joined(separator: ","))] for \(option) (entries count from 1)"
        }
        let names = namedNodes.compactMap { self.name(of: $0) }
        if let first = names.first(where: { $0.hasPrefix(name + "[") }) {
            return "'\(name)' is expanded into its entries: use \(option) '\(first)' or another entry"
        }
        // An expanded tensor's entry that does not exist (`W[1]` of a 1×1 `W`): suggest among
        // that tensor's own entries, not whichever name is closest (`x[1]`).
        if let entryName = EntryName.parse(name) {
            let entries = names.filter { $0.hasPrefix(entryName.tensor + "[") }
            if let first = entries.first {
                let suggestion = Suggestion.didYouMean(name, among: entries)
                return "'\(entryName.tensor)' is expanded into its entries and has no entry '\(name)' for \(option)"
                    + (suggestion.isEmpty ? ": use '\(first)' or another entry" : suggestion)
            }
        }
        return "unknown variable '\(name)' for \(option)" + Suggestion.didYouMean(name, among: names)
    }
}
