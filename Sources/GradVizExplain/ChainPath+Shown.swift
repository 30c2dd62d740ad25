import GradVizEngine

extension ChainPath {
    /// The most factors text, LaTeX and Markdown print of one path. A longer path prints its
    /// half nearest the output, how many factors are left out (`… 99976 factors …`), then its
    /// half nearest `wrt`, as a teacher writes a long chain on the board: where it starts,
    /// where it ends, and how long it is. The path's ``product`` is over every factor, and JSON
    /// writes every factor.
    public static let maxShownFactors = 24

    /// One item of a path as printed: a node or factor, or how many are left out in the middle.
    enum Shown<Element> {
        case item(Element)
        case elided(Int)
    }

    /// The factors in the lecture's order (``factorsFromOutput``), the middle left out past
    /// ``maxShownFactors``.
    var shownFactorsFromOutput: [Shown<(edge: FlowEdge, factor: Tensor)>] {
        let count = factors.count
        let half = ChainPath.maxShownFactors / 2
        func item(_ index: Int) -> Shown<(edge: FlowEdge, factor: Tensor)> {
            .item((edge: edges[index], factor: factors[index]))
        }
        guard count > ChainPath.maxShownFactors else { return (0..<count).reversed().map(item) }
        return ((count - half)..<count).reversed().map(item) + [.elided(count - 2 * half)]
            + (0..<half).reversed().map(item)
    }

    /// The nodes from `wrt` to `of`, those between the factors ``shownFactorsFromOutput``
    /// leaves out left out too.
    var shownNodes: [Shown<NodeID>] {
        let count = factors.count
        let half = ChainPath.maxShownFactors / 2
        guard count > ChainPath.maxShownFactors + 1 else { return nodes.map { .item($0) } }
        return nodes[0...half].map { .item($0) } + [.elided(count - 2 * half - 1)]
            + nodes[(count - half)...].map { .item($0) }
    }

    /// The path as text prints it, from `wrt` to the output: `w₁ → a₁ → o → l` (the middle
    /// left out past ``maxShownFactors``), each node written by `label`.
    func route(_ label: (NodeID) -> String) -> String {
        shownNodes.map { $0.text(noun: "node", label) }.joined(separator: " → ")
    }

    /// How a printed path says what it leaves out: `… 99976 factors …`.
    static func elisionText(_ count: Int, _ noun: String) -> String {
        "… \(count) \(noun)\(count == 1 ? "" : "s") …"
    }
}

extension ChainPath.Shown {
    /// This item written by `item`, or the elision written by `elided`.
    func text(elided: (Int) -> String, _ item: (Element) -> String) -> String {
        switch self {
        case .item(let element): item(element)
        case .elided(let count): elided(count)
        }
    }

    /// This item written by `item`, or the elision as ``ChainPath/elisionText(_:_:)`` of `noun`s.
    func text(noun: String, _ item: (Element) -> String) -> String {
        text(elided: { ChainPath.elisionText($0, noun) }, item)
    }
}
