import BigInt
import GradVizEngine
import GradVizNotation

extension Explanation {
    /// The explanation as text, JSON, LaTeX or Markdown.
    ///
    /// - Parameters:
    ///   - numbers: How numbers are written in text, LaTeX and Markdown (JSON always writes
    ///     them in full).
    ///   - standalone: With `.latex`, a complete document that compiles with pdflatex rather
    ///     than an `align*` block to paste into one.
    ///
    /// Text and Markdown, read on a terminal, are escaped for it (``TerminalText``): a label's
    /// control characters and bidirectional overrides are shown as `\u{1B}`-style escapes.
    public func render(_ format: ExplanationFormat, numbers: NumberFormat = .init(), standalone: Bool = false) -> String
    {
        switch format {
        case .text: return TerminalText.escaped(textReport(numbers: numbers))
        case .json: return json.text + "\n"
        case .latex: return latex(numbers: numbers, standalone: standalone)
        case .markdown: return TerminalText.escaped(markdown(numbers: numbers))
        }
    }

    /// The printed name of `of` and `wrt` (variable names, or `op#index`).
    var ofName: String { view.name(of: of) }
    var wrtName: String {
        guard let entry else { return view.name(of: wrt) }
        return EntryName(tensor: view.name(of: wrt), shape: view.graph.shape(of: wrt), entry: entry).description
    }

    /// How `wrt` is displayed in math: its label, or its entry's (w₁,₁⁽¹⁾) for ``entry``.
    var wrtLabel: String {
        guard let entry else { return view.label(of: wrt) }
        let shape = view.graph.shape(of: wrt)
        let indices = EntryName(tensor: "", shape: shape, entry: entry).indices
        return DisplayLabel.entry(ofTensor: view.label(of: wrt), rank: shape.rank, indices: indices)
    }

    /// `2 paths`, `1 path`.
    var countPhrase: String { pathCount == 1 ? "1 path" : "\(pathCount) paths" }

    /// A short form of a tensor for tables: the numbers when there are few, else its shape
    /// and norm. With `column`, a vector is written as slides write it on one line, the
    /// transpose of a row (`[0.9, −1]ᵀ`); without, as `eval` and JSON write it.
    static func summary(_ tensor: Tensor, numbers: NumberFormat, limit: Int = 6, column: Bool = false) -> String {
        if tensor.shape.count <= limit { return column ? numbers.columnString(tensor) : numbers.string(tensor) }
        return
            "\(tensor.shape.dimensions.map(String.init).joined(separator: "×")) tensor, ‖·‖ = \(numbers.string(tensor.norm))"
    }

    /// The largest entry-wise |a − b| (infinity when shapes differ).
    static func largestDifference(_ a: Tensor, _ b: Tensor) -> Double {
        guard a.shape == b.shape else { return .infinity }
        // A NaN on either side is the largest difference there is, not one `max` skips over.
        return zip(a.scalars, b.scalars).reduce(0) { largest, pair in
            let difference = Swift.abs(pair.0 - pair.1)
            return difference.isNaN || largest.isNaN ? .nan : Swift.max(largest, difference)
        }
    }

    /// Why a path list is partial or empty, for every format; `nil` when every path is listed.
    var listingNote: String? {
        if pathCount == 0 { return "no path from \(wrtName) to \(ofName): the gradient is 0" }
        if listsEveryPath { return nil }
        // Why fewer than asked were listed: the paths are too long to hold more.
        var stopped =
            cutPathLength.map {
                "; the next has \($0) factors, past the \(Explanation.maxListedFactors) factors a listing holds in all"
            } ?? ""
        if searchStopped {
            stopped +=
                "; the search for the largest stopped at its memory bound "
                + "(\(TensorPathSearch.maxStoredValues) stored numbers) after finding \(paths.count)"
        }
        if paths.isEmpty {
            return cutPathLength == nil && !searchStopped
                ? "\(countPhrase); listing disabled" : "\(countPhrase); none listed" + stopped
        }
        if entry != nil {
            return "listing the \(paths.count) largest of \(countPhrase) for all of \(view.name(of: wrt)) "
                + "(Frobenius norm), with \(wrtName)'s share of each" + stopped
        }
        return "listing the \(paths.count) largest of \(countPhrase) by |product|"
            + (paths.first.map { $0.product.shape.isScalar } == false ? " (Frobenius norm)" : "") + stopped
    }

    /// How the sum over paths was formed, in words.
    var sumNote: String {
        switch pathSumMethod {
        case .enumerated: return "summed path by path"
        case .factored:
            if pathCount > BigUInt(enumerationLimit) {
                return "factored by the distributive law: more than \(enumerationLimit) paths to add one by one"
            }
            let steps = NumberFormat(significantDigits: 2)
            return "factored by the distributive law: adding the paths one by one would take "
                + "\(steps.string(enumerationSteps)) steps, more than \(steps.string(PathEnumeration.maxSteps))"
        }
    }

    /// A node as text output shows it: its display label (`w₁`, `ŷ`, precomposed so a terminal
    /// draws one glyph), or its name when it has none.
    func displayLabel(_ id: NodeID) -> String { DisplayLabel.composed(view.label(of: id)) }
}
