import BigInt
import GradVizEngine

extension Explanation {
    /// The most paths an explanation lists, whatever `maxPaths` asks for: the one ceiling of
    /// every listing (`explain --max-paths`, a figure's `--wrt` legend, the html page's paths
    /// per node; slide builds stop earlier, at their frame limit).
    ///
    /// Listing k paths takes time and memory in proportion to k times their length, and every
    /// listed path is printed, so a cap of the caller's choosing would let `--max-paths
    /// 1000000000` on 48 diamonds (2⁴⁸ paths) run out of memory. A thousand paths of 96 factors
    /// are listed and printed in about a second (bench/RESULTS.md, issue 9). Past the ceiling
    /// an explanation lists this many; commands refuse to ask for more than it when there are
    /// more (``listingProblem(view:wrt:maxPaths:)``).
    public static let maxListedPaths = 1_000

    /// The most factors the listed paths of an explanation hold in all, however long the paths
    /// are: listing stops before the first path (largest first) that would take them past it,
    /// and the listing note says so.
    ///
    /// A listed path keeps every factor (JSON writes them all, figures light every edge), so
    /// listing costs memory and time in proportion to the paths' lengths: 64 paths of a
    /// 10⁵-factor product (`a1*a1*…*a1` in the ops view) held 6.4·10⁶ factors, 1.85 GB. A
    /// thousand paths of 100 factors fit (48 diamonds' paths have 96), and so does one path
    /// through a 100 001-node chain. Text, LaTeX and Markdown print at most
    /// ``ChainPath/maxShownFactors`` of each path.
    public static let maxListedFactors = 100_000

    /// Why `maxPaths` paths of `wrt` cannot be listed, or `nil` when they can: `wrt` has more
    /// paths to the view's output than ``maxListedPaths`` and more than that are asked for.
    /// The message says how many paths there are.
    ///
    /// Counts the paths (one pass over the view's edges) only when `maxPaths` is past the
    /// ceiling; otherwise returns `nil` at once.
    public static func listingProblem(view: FlowView, wrt: NodeID, maxPaths: Int) -> String? {
        guard maxPaths > maxListedPaths else { return nil }
        let count = PathCount.count(in: view, from: wrt, to: view.output)
        guard count > BigUInt(maxListedPaths) else { return nil }
        return "\(view.name(of: wrt)) has \(count) paths to \(view.name(of: view.output)), and at most "
            + "\(maxListedPaths) are listed (largest |product| first): ask for \(maxListedPaths) or fewer, not \(maxPaths)"
    }

    /// ``listingProblem(view:wrt:maxPaths:)`` over the view that
    /// ``init(graph:wrt:of:view:maxPaths:enumerationLimit:entry:check:)`` explains; `nil` when
    /// `wrt` or `of` is not a node of `graph`.
    public static func listingProblem(
        graph: Graph, wrt: NodeID, of: NodeID, view: ViewKind = .vars, maxPaths: Int
    ) -> String? {
        guard maxPaths > maxListedPaths, let flow = flowView(graph: graph, wrt: wrt, of: of, kind: view) else {
            return nil
        }
        return listingProblem(view: flow, wrt: wrt, maxPaths: maxPaths)
    }

    /// The view an explanation of ∂of/∂wrt runs over: in the vars view an unnamed `wrt` stands
    /// as a variable of its own. `nil` when `wrt` or `of` is not a node of `graph`.
    static func flowView(graph: Graph, wrt: NodeID, of: NodeID, kind: ViewKind) -> FlowView? {
        guard (0..<graph.count).contains(wrt.index), (0..<graph.count).contains(of.index) else { return nil }
        let extra: Set<NodeID> = graph.op(of: wrt) != .constant ? [wrt] : []
        return FlowView(graph: graph, output: of, kind: kind, including: extra)
    }
}
