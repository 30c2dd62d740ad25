/// How one scalar entry of a tensor variable is named: `W1[1,2]`, `h[3]`, with 1-based indices
/// as the lecture writes them (how it is displayed, w₁,₂⁽¹⁾, is GradVizNotation's
/// `DisplayLabel.entry`).
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
}
