/// How one scalar entry of a tensor variable is named and displayed: `W1[1,2]`, `h[3]`, with
/// 1-based indices as the lecture writes them, and displayed w₁,₂⁽¹⁾ or h₃.
///
/// The one place that spells entry names: ``Expansion`` names its scalar nodes with it, and a
/// `--wrt 'W1[1,1]'` on an unexpanded graph is read back with ``parse(_:)``.
public struct EntryName: Hashable, Sendable, CustomStringConvertible {
    /// The tensor variable's name (`W1`).
    public let tensor: String
    /// The 1-based indices: one for a vector, row then column for a matrix.
    public let indices: [Int]

    /// An entry name from its parts.
    public init(tensor: String, indices: [Int]) {
        self.tensor = tensor
        self.indices = indices
    }

    /// The name of entry `entry` (row-major, 0-based) of a tensor of `shape` named `tensor`.
    public init(tensor: String, shape: Shape, entry: Int) {
        self.tensor = tensor
        switch shape.rank {
        case 0: indices = []
        case 1: indices = [entry + 1]
        default: indices = [entry / shape.columns + 1, entry % shape.columns + 1]
        }
    }

    /// `W1[1,2]`; the bare tensor name for a scalar.
    public var description: String {
        indices.isEmpty ? tensor : tensor + "[" + indices.map(String.init).joined(separator: ",") + "]"
    }

    /// Reads `W1[1,2]` or `h[3]` (spaces after commas allowed); `nil` for anything else.
    public static func parse(_ text: String) -> EntryName? {
        guard text.hasSuffix("]"), let open = text.firstIndex(of: "[") else { return nil }
        let tensor = String(text[..<open])
        let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
        let parts = inside.split(separator: ",", omittingEmptySubsequences: false)
        guard !tensor.isEmpty, (1...2).contains(parts.count) else { return nil }
        var indices: [Int] = []
        for part in parts {
            let digits = part.drop { $0 == " " }
            guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let index = Int(digits), index >= 1
            else { return nil }
            indices.append(index)
        }
        return EntryName(tensor: tensor, indices: indices)
    }

    /// The row-major, 0-based position of this entry in a tensor of `shape`, or `nil` when the
    /// indices do not fit the shape (wrong count or out of range).
    public func entry(in shape: Shape) -> Int? {
        switch (shape.rank, indices.count) {
        case (1, 1) where indices[0] <= shape.rows:
            return indices[0] - 1
        case (2, 2) where indices[0] <= shape.rows && indices[1] <= shape.columns:
            return (indices[0] - 1) * shape.columns + indices[1] - 1
        default:
            return nil
        }
    }

    /// How the entry is displayed, given how its tensor is displayed (`label`, such as `W⁽¹⁾`
    /// or the `W₁` derived from the name `W1`).
    ///
    /// The indices become a subscript and a matrix's letter is lower-cased, as the lecture
    /// writes the entries of W⁽¹⁾ as w₁,₂⁽¹⁾. A subscript already in the label is a layer index
    /// and moves up to a parenthesised superscript (`W₁` → w₁,₂⁽¹⁾) unless the label has a
    /// superscript already, in which case the indices follow it after a comma.
    public func label(tensorLabel label: String, rank: Int) -> String {
        let indexText = indices.map(String.init).joined(separator: ",")
        var characters = Array(label)
        var superscript = ""
        var subscriptText = ""
        while let last = characters.last, Self.superscriptCharacters.contains(last) {
            superscript = String(last) + superscript
            characters.removeLast()
        }
        while let last = characters.last, Self.subscriptCharacters.contains(last) || last == "," {
            subscriptText = String(last) + subscriptText
            characters.removeLast()
        }
        var base = String(characters)
        if rank == 2, let first = base.first, first.isUppercase {
            base = first.lowercased() + base.dropFirst()
        }
        if base.isEmpty {
            base = label
            subscriptText = ""
            superscript = ""
        }
        let layer = String(subscriptText.compactMap { Self.superscriptOfSubscript[$0] })
        if !subscriptText.isEmpty, superscript.isEmpty, layer.count == subscriptText.count {
            superscript = Self.superscripted("(") + layer + Self.superscripted(")")
            subscriptText = ""
        }
        let indicesText = DisplayLabel(base: "", subscript: indexText, superscript: nil).text
        let joined = subscriptText.isEmpty ? indicesText : subscriptText + "," + indicesText
        return base + joined + superscript
    }

    // The Unicode sub- and superscript forms, taken from DisplayLabel so there is one table.
    private static let plain = Array("0123456789+-=()aeoxhklmnpstijruv")
    private static let subscriptForms = Array(DisplayLabel(base: "", subscript: String(plain), superscript: nil).text)
    private static let subscriptCharacters = Set(subscriptForms)
    private static let superscriptCharacters = Set(
        DisplayLabel(base: "", subscript: nil, superscript: "0123456789+-=()abcdefghijklmnoprstuvwxyzT").text)
    private static let superscriptOfSubscript: [Character: Character] = {
        var table: [Character: Character] = [:]
        for (index, form) in subscriptForms.enumerated() {
            let up = superscripted(String(plain[index]))
            if up.count == 1, let character = up.first, superscriptCharacters.contains(character) {
                table[form] = character
            }
        }
        return table
    }()

    private static func superscripted(_ text: String) -> String {
        DisplayLabel(base: "", subscript: nil, superscript: text).text
    }
}
