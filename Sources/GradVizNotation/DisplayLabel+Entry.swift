extension DisplayLabel {
    /// How one entry of a tensor is displayed, given how the tensor is displayed: the lecture
    /// writes the entries of W⁽¹⁾ as w₁,₂⁽¹⁾ and those of h as h₃.
    ///
    /// The 1-based `indices` become a subscript, and a matrix's (`rank` 2) capital letter is
    /// lower-cased. A subscript already in the label is a layer index and moves up to a
    /// parenthesised superscript (`W₁`, the display of the name `W1`, gives w₁,₂⁽¹⁾) unless the
    /// label has a superscript already; then the indices follow it after a comma.
    public static func entry(ofTensor label: String, rank: Int, indices: [Int]) -> String {
        var characters = Array(label)
        var superscript = ""
        var subscriptText = ""
        while let last = characters.last, UnicodeScripts.plain(last)?.position == .superscript {
            superscript = String(last) + superscript
            characters.removeLast()
        }
        while let last = characters.last, last == "," || UnicodeScripts.plain(last)?.position == .subscript {
            subscriptText = String(last) + subscriptText
            characters.removeLast()
        }
        var base = String(characters)
        if base.isEmpty {
            base = label
            subscriptText = ""
            superscript = ""
        } else if rank == 2, let first = base.first, first.isUppercase {
            base = first.lowercased() + base.dropFirst()
        }
        if !subscriptText.isEmpty, superscript.isEmpty,
            let layer = UnicodeScripts.scripted(
                "(" + String(subscriptText.compactMap { UnicodeScripts.plain($0)?.plain }) + ")", .superscript),
            layer.count == subscriptText.count + 2
        {
            superscript = layer
            subscriptText = ""
        }
        let indexText = indices.map(String.init).joined(separator: ",")
        let scriptedIndices = UnicodeScripts.scripted(indexText, .subscript) ?? "[" + indexText + "]"
        let joined = subscriptText.isEmpty ? scriptedIndices : subscriptText + "," + scriptedIndices
        return base + joined + superscript
    }
}
