import BigInt
import GradVizEngine
import GradVizNotation

/// The chain rule for one variable, spelled out: every path from `wrt` to `of`, the product of
/// local derivatives along each, and the check that they add up to the gradient.
///
/// ```swift
/// let explanation = Explanation(graph: graph, wrt: w1, of: loss)
/// explanation.pathCount            // 2 for the lecture's shared weight
/// explanation.paths.map(\.product) // ∂l/∂o·∂o/∂a₁·∂a₁/∂w₁ and ∂l/∂o·∂o/∂a₂·∂a₂/∂w₁
/// explanation.agrees               // Σ products = backward = finite differences
/// print(explanation.render(.text))
/// ```
///
/// What is computed, and how:
/// - ``pathCount``: exact, by dynamic programming (``PathCount``).
/// - ``paths``: the `maxPaths` (at most ``maxListedPaths``) paths of largest |product| (Frobenius norm for tensors), in
///   ``pathOrder`` (the figure's top-to-bottom order by default, or largest first), as many as hold at most ``maxListedFactors`` factors in all, found without
///   enumerating all paths. Scalar graphs use lazy k-best path extraction
///   (the best path into every node in one pass, the next ones on demand: exact,
///   O(E + k·L·log d) for paths of length L); tensor graphs list every path when there are
///   at most `enumerationLimit` and the walk is within its step budget, and otherwise run a
///   best-first search with a norm bound, also exact. Ties at equal magnitude are broken deterministically (documented on each method).
/// - ``pathSum``: Σ over *all* paths. Summed path by path when there are at most
///   `enumerationLimit` paths and walking them takes at most `PathEnumeration.maxSteps`
///   (2·10⁷) steps, counted beforehand; beyond that, factored by the distributive law (one
///   pullback per edge), which is the same sum without listing the paths. ``pathSumMethod``
///   says which.
/// - ``gradient``: the engine's backward pass (the graph's stored gradients are replaced unless
///   they already come from `of`).
/// - ``numeric``: central finite differences, replaying the tape.
///
/// A variable with no path to the output has count 0, no paths, and zero gradient and sum.
/// A non-scalar output is seeded with ones, as the backward pass seeds it.
public struct Explanation {
    /// The view the paths run over.
    public let view: FlowView
    /// The variable differentiated with respect to.
    public let wrt: NodeID
    /// The output differentiated (the loss).
    public let of: NodeID
    /// ∂of/∂wrt from the backward pass, shaped like `wrt`.
    public private(set) var gradient: Tensor
    /// The exact number of paths from `wrt` to `of` in the view.
    ///
    /// A `BigUInt` from the BigInt package (github.com/attaswift/BigInt), because the count of
    /// a deep network outgrows every fixed-width integer: `String(pathCount)` or
    /// `pathCount.description` gives its decimal digits without importing anything; comparing
    /// or doing arithmetic with it needs `import BigInt` (add the package to your dependencies).
    public let pathCount: BigUInt
    /// The listed paths, at most `maxPaths` of them: the largest |product|, in ``pathOrder``.
    public private(set) var paths: [ChainPath]
    /// The order of ``paths``.
    public let pathOrder: PathOrder
    /// Σ over all paths of their products (contributions), shaped like `wrt`.
    ///
    /// Always formed: past `enumerationLimit` paths the sum is factored rather than left out,
    /// because the factored sum is the same sum over the same paths (see ``PathSumMethod``) and
    /// just as much a check: both chain the view's edge factors, only the order of the
    /// additions differs.
    public private(set) var pathSum: Tensor
    /// Whether ``pathSum`` was added up path by path or factored.
    public let pathSumMethod: PathSumMethod
    /// The central finite-difference estimate of ∂of/∂wrt, or `nil` when it would cost more
    /// than ``finiteDifferenceBudget`` entry evaluations (two replays of the tape per entry of
    /// `wrt`: a 1000 × 1000 weight would take minutes) or when they were not asked for.
    public private(set) var numeric: Tensor?
    /// The estimated absolute error of each entry of ``numeric`` (rounding and truncation, see
    /// ``FiniteDifferenceEstimate``); `nil` exactly when ``numeric`` is.
    public private(set) var numericError: Tensor?
    /// The relu and abs nodes on a path from `wrt` to `of` (at the level of primitive ops, so
    /// also those folded into vars-view edges) that were evaluated exactly at 0, where the
    /// derivative does not exist and the convention 0 was used.
    public let kinks: [NodeID]
    /// ∂of/∂wrt's one-sided slopes (``GradVizEngine/Graph/oneSidedSlopes(of:wrt:)``), which the kink
    /// warnings cite: measured only when there are ``kinks`` and finite differences ran.
    public private(set) var kinkSlopes: OneSidedSlopes?
    /// The listing cap the explanation was made with: the `maxPaths` asked for, at most
    /// ``maxListedPaths``.
    public let maxPaths: Int
    /// The largest path count summed path by path.
    public let enumerationLimit: Int
    /// The work of summing path by path (see `PathEnumeration.steps`), counted before deciding
    /// how to sum.
    let enumerationSteps: Double
    /// The number of factors of the first path left out of ``paths`` because listing it would
    /// have taken the listed factors past ``maxListedFactors``; `nil` when none was.
    let cutPathLength: Int?
    /// Whether the search for the largest tensor paths stopped at its memory bound
    /// (``TensorPathSearch/maxStoredValues``) before it found `maxPaths` of them.
    let searchStopped: Bool
    /// The row-major entry of a tensor `wrt` explained alone (`--wrt 'W1[1,1]'` without
    /// `--expand`), or `nil` for all of `wrt`. The paths are the tensor's paths; ``gradient``,
    /// each path's ``ChainPath/product``, ``pathSum`` and ``numeric`` are that entry's share, a
    /// scalar. When not every path is listed, the listed ones are those largest for the whole
    /// tensor (Frobenius norm), ordered by the entry's share.
    public let entry: Int?

    /// Explains ∂of/∂wrt over the chosen view of `graph`.
    ///
    /// Runs a backward pass from `of` unless the graph's gradients already come from `of`
    /// (replacing the graph's stored gradients), and 2·(entries of `wrt`) forward replays for
    /// the finite differences.
    /// - Parameters:
    ///   - view: Paths over named variables (`vars`, the lecture's drawing) or primitive ops.
    ///     In the vars view an unnamed `wrt` stands as a variable of its own.
    ///   - maxPaths: List at most this many paths (0 lists none), and never more than
    ///     ``maxListedPaths`` (see ``listingProblem(graph:wrt:of:view:maxPaths:)``).
    ///   - enumerationLimit: Sum path by path up to this many paths.
    ///   - pathOrder: The order of the listed paths (not which are listed).
    public init(
        graph: Graph, wrt: NodeID, of: NodeID, view: ViewKind = .vars, maxPaths: Int = 64,
        enumerationLimit: Int = 1_000_000, entry: Int? = nil, check: GradientCheck = GradientCheck(),
        pathOrder: PathOrder = .default
    ) {
        self.init(
            view: Explanation.flowView(graph: graph, wrt: wrt, of: of, kind: view)
                ?? FlowView(graph: graph, output: of, kind: view), wrt: wrt,
            maxPaths: maxPaths, enumerationLimit: enumerationLimit, entry: entry, check: check, pathOrder: pathOrder)
    }

    /// Explains ∂output/∂wrt over an existing view, whose output is the `of` explained; `wrt`
    /// should be a node of the view (otherwise it has no paths).
    ///
    /// With `finiteDifferences` false, ``numeric`` is `nil` and the tape is not replayed: for
    /// callers that only show the paths (a figure's legend), not the check. Entries whose first
    /// estimate does not agree with backward within `check` are refined (see
    /// ``Graph/finiteDifferences(of:wrt:refinementBudget:refine:)``). `pathOrder` orders the
    /// listed paths.
    public init(
        view: FlowView, wrt: NodeID, maxPaths: Int = 64, enumerationLimit: Int = 1_000_000,
        finiteDifferences: Bool = true, entry: Int? = nil, check: GradientCheck = GradientCheck(),
        pathOrder: PathOrder = .default
    ) {
        self.init(
            view: view, wrt: wrt, maxPaths: maxPaths, enumerationLimit: enumerationLimit,
            finiteDifferences: finiteDifferences, entry: entry, check: check, pathOrder: pathOrder, backward: nil)
    }

    /// Where a check's backward gradient comes from: given the graph (its backward pass from
    /// the output already run) and a leaf, the gradient to check.
    ///
    /// A seam for tests only, and internal so that no library user or command can reach it:
    /// the engine's backward pass never gives a wrong gradient, so the only way to see a real
    /// mismatch reported (`✗`, exit status 1, a JUnit `<failure>`) is a test substituting a
    /// wrong one. `nil` everywhere else: the graph's own gradient.
    typealias BackwardGradient = (Graph, NodeID) -> Tensor?

    /// ``init(view:wrt:maxPaths:enumerationLimit:finiteDifferences:entry:check:pathOrder:)`` with the
    /// backward gradient taken from `backward` when given (see ``BackwardGradient``).
    init(
        view: FlowView, wrt: NodeID, maxPaths: Int, enumerationLimit: Int, finiteDifferences: Bool,
        entry: Int?, check: GradientCheck, pathOrder: PathOrder = .default, backward: BackwardGradient?
    ) {
        let graph = view.graph
        let of = view.output
        self.view = view
        self.pathOrder = pathOrder
        self.wrt = wrt
        self.of = of
        self.maxPaths = min(max(0, maxPaths), Explanation.maxListedPaths)
        self.enumerationLimit = max(0, enumerationLimit)
        let validEntry =
            (0..<graph.count).contains(wrt.index) && !graph.shape(of: wrt).isScalar
            && entry.map { (0..<graph.shape(of: wrt).count).contains($0) } == true
        self.entry = validEntry ? entry : nil
        guard (0..<graph.count).contains(wrt.index), (0..<graph.count).contains(of.index) else {
            gradient = Tensor(0)
            pathCount = 0
            paths = []
            pathSum = Tensor(0)
            pathSumMethod = .enumerated
            enumerationSteps = 0
            cutPathLength = nil
            searchStopped = false
            numeric = nil
            numericError = nil
            kinks = []
            return
        }
        let wrtShape = graph.shape(of: wrt)
        let count = PathCount.count(in: view, from: wrt, to: of)
        let relevant = PathGraph(view: view, wrt: wrt, of: of)
        let steps = count <= BigUInt(self.enumerationLimit) ? PathEnumeration.steps(relevant) : .infinity
        let enumerable = steps <= PathEnumeration.maxSteps
        var listed: [ChainPath] = []
        var cut: Int?
        var searchStopped = false
        let sum: Tensor
        if relevant.isScalar && wrtShape.isScalar {
            let ranked = ScalarPathRanking.best(self.maxPaths, in: relevant, factorBudget: Explanation.maxListedFactors)
            listed = ranked.paths.map { ChainPath(scalarPath: $0, in: relevant) }
            cut = ranked.cut
            sum = enumerable ? Tensor(PathEnumeration.scalarSum(relevant)) : FactoredPathSum.sum(relevant)
        } else {
            let found: [PathEnumeration.Found]
            if enumerable {
                let walked = PathEnumeration.tensorPaths(relevant, keeping: self.maxPaths)
                sum = walked.sum
                found = walked.best
            } else {
                sum = FactoredPathSum.sum(relevant)
                let search = TensorPathSearch.best(self.maxPaths, in: relevant)
                found = search.paths
                searchStopped = search.stopped
            }
            var factors = 0
            for path in found {
                if path.edges.count > Explanation.maxListedFactors - factors {
                    cut = path.edges.count
                    break
                }
                factors += path.edges.count
                listed.append(ChainPath(tensorPath: path, in: relevant))
            }
        }
        // The graph's gradients may already be those of `of` (a script's evaluation, a figure,
        // an earlier row of a check): one backward pass serves them all.
        if graph.gradientOrigin != of { graph.backward(from: of) }
        self.gradient = backward?(graph, wrt) ?? graph.gradient(of: wrt) ?? Tensor(repeating: 0, shape: wrtShape)
        self.pathCount = count
        self.paths = listed
        self.pathSum = relevant.hasPaths ? sum : Tensor(repeating: 0, shape: wrtShape)
        self.pathSumMethod = enumerable ? .enumerated : .factored
        self.enumerationSteps = steps
        self.cutPathLength = cut
        self.searchStopped = searchStopped
        let finiteDifferenceCost = 2 * wrtShape.count * graph.valueCount
        let gradient = self.gradient
        if !finiteDifferences || (wrt != of && finiteDifferenceCost > Explanation.finiteDifferenceBudget) {
            self.numeric = nil
            self.numericError = nil
        } else if wrt == of {
            self.numeric = Tensor(repeating: 1, shape: wrtShape)
            self.numericError = Tensor(repeating: 0, shape: wrtShape)
        } else {
            let estimate = graph.finiteDifferences(
                of: of, wrt: wrt, refinementBudget: Explanation.finiteDifferenceBudget
            ) { entry, value, _ in
                !check.agrees(gradient.scalars[entry], value)
            }
            self.numeric = estimate.value
            self.numericError = estimate.error
        }
        self.kinks = Explanation.kinks(in: graph, from: wrt, to: of)
        if !kinks.isEmpty, numeric != nil, wrt != of { kinkSlopes = graph.oneSidedSlopes(of: of, wrt: wrt) }
        if let entry = self.entry { restrict(to: entry) }
        self.paths = pathOrder.arrange(self.paths)
    }

    /// Keeps entry `entry`'s share of every tensor shaped like `wrt`, paths ordered by it.
    mutating func restrict(to entry: Int) {
        func share(_ tensor: Tensor) -> Tensor {
            tensor.scalars.indices.contains(entry) ? Tensor(tensor.scalars[entry]) : Tensor(.nan)
        }
        gradient = share(gradient)
        pathSum = share(pathSum)
        numeric = numeric.map(share)
        numericError = numericError.map(share)
        kinkSlopes = kinkSlopes.map { OneSidedSlopes(left: share($0.left), right: share($0.right)) }
        for index in paths.indices { paths[index].product = share(paths[index].product) }
        // Stable: equal shares keep the explainer's order.
        paths = paths.enumerated().sorted { a, b in
            let (x, y) = (Swift.abs(a.element.product.scalar), Swift.abs(b.element.product.scalar))
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
    }

    /// The most value entries finite differences may recompute for one explanation (about a
    /// second of replaying); past it ``numeric`` is `nil` and only the path sum checks the
    /// gradient.
    public static let finiteDifferenceBudget = 200_000_000

    /// What the human formats print in place of a skipped finite-difference estimate.
    static let skippedText = "skipped (too many entries to perturb one by one)"

    /// What finite differences say about the backward gradient within `check`'s tolerances,
    /// given their estimated error; `nil` when they were skipped (see ``numeric``).
    public func numericVerdict(within check: GradientCheck = GradientCheck()) -> FiniteDifferenceVerdict? {
        guard let numeric, let numericError else { return nil }
        return check.verdict(gradient, FiniteDifferenceEstimate(value: numeric, error: numericError))
    }

    /// Whether finite differences do not contradict the backward gradient: they agree, cannot
    /// decide (inconclusive), or were skipped as too costly.
    func numericAgrees(within check: GradientCheck) -> Bool {
        numericVerdict(within: check) != .disagrees
    }

    /// Whether Σ over paths, the backward gradient and finite differences agree within the
    /// default ``GradientCheck`` tolerances.
    public var agrees: Bool { agrees(within: GradientCheck()) }

    /// Whether Σ over paths agrees with the backward gradient and finite differences do not
    /// contradict it, within `check`'s tolerances. Finite differences that cannot decide
    /// (``FiniteDifferenceVerdict/inconclusive``) leave the verdict to the exact comparison of
    /// the path sum with backward.
    public func agrees(within check: GradientCheck) -> Bool {
        sumAgrees(within: check) && numericAgrees(within: check)
    }

    /// Whether Σ over paths agrees with the backward gradient.
    public func sumAgrees(within check: GradientCheck = GradientCheck()) -> Bool {
        check.agrees(pathSum, gradient)
    }

    /// The verdict `check` gives this gradient too (``GradientCheck/verdict(sumAgrees:atKink:finiteDifferences:)``):
    /// at a kink where the sum over paths agrees with backward, a kink warning, not a mismatch.
    public func verdict(within check: GradientCheck = GradientCheck()) -> GradientCheck.Verdict {
        GradientCheck.verdict(
            sumAgrees: sumAgrees(within: check), atKink: !kinks.isEmpty,
            finiteDifferences: numericVerdict(within: check))
    }

    /// Measures ``kinkSlopes`` for an explanation made without finite differences (an
    /// expectation's diagnosis), when there are kinks: 2 replays of the tape per entry.
    mutating func measureKinkSlopes() {
        guard !kinks.isEmpty, kinkSlopes == nil, wrt != of else { return }
        var slopes = view.graph.oneSidedSlopes(of: of, wrt: wrt)
        if let entry, slopes.left.scalars.indices.contains(entry) {
            slopes = OneSidedSlopes(
                left: Tensor(slopes.left.scalars[entry]), right: Tensor(slopes.right.scalars[entry]))
        }
        kinkSlopes = slopes
    }

    /// One warning per kink on the paths (``KinkNote``), citing ``kinkSlopes``, the slopes of
    /// ∂of/∂wrt itself from either side, where they were measured.
    public func kinkWarnings(numbers: NumberFormat = NumberFormat(significantDigits: 4)) -> [String] {
        let slopes = kinkSlopes.map { KinkNote.Slopes(variable: DisplayLabel.composed(wrtLabel), $0, numbers: numbers) }
        return kinks.map { KinkNote.warning(for: $0, in: view, slopes: slopes) }
    }

    /// Whether every path is listed.
    public var listsEveryPath: Bool { BigUInt(paths.count) == pathCount }

    /// The relu, abs, max and min nodes between `wrt` and `of` in the graph (any op on a path) flagged as
    /// evaluated at their kink.
    static func kinks(in graph: Graph, from wrt: NodeID, to of: NodeID) -> [NodeID] {
        let flagged = graph.kinks.filter { $0 > wrt && $0 <= of }
        guard !flagged.isEmpty, wrt <= of else { return [] }
        let base = wrt.index
        var reached = [Bool](repeating: false, count: of.index - base + 1)
        reached[0] = true
        for index in (base + 1)...of.index {
            for input in graph.inputs(of: NodeID(index)) where input >= wrt && reached[input.index - base] {
                reached[index - base] = true
            }
        }
        var reaches = [Bool](repeating: false, count: reached.count)
        reaches[of.index - base] = true
        for index in stride(from: of.index, to: base, by: -1) where reaches[index - base] {
            for input in graph.inputs(of: NodeID(index)) where input >= wrt { reaches[input.index - base] = true }
        }
        return flagged.filter { reached[$0.index - base] && reaches[$0.index - base] }
    }
}

extension Explanation {
    /// An explanation from parts computed for many leaves at once (a large check): the sum
    /// over paths factored, no path listed.
    init(
        view: FlowView, wrt: NodeID, entry: Int?, enumerationLimit: Int, gradient: Tensor, pathCount: BigUInt,
        pathSum: Tensor, numeric: FiniteDifferenceEstimate?, kinks: [NodeID]
    ) {
        let graph = view.graph
        self.view = view
        self.wrt = wrt
        self.of = view.output
        self.pathOrder = .default
        self.maxPaths = 0
        self.enumerationLimit = max(0, enumerationLimit)
        let validEntry =
            !graph.shape(of: wrt).isScalar
            && entry.map { (0..<graph.shape(of: wrt).count).contains($0) } == true
        self.entry = validEntry ? entry : nil
        self.gradient = gradient
        self.pathCount = pathCount
        self.paths = []
        self.pathSum = pathSum
        self.pathSumMethod = .factored
        self.enumerationSteps = .infinity
        self.cutPathLength = nil
        self.searchStopped = false
        self.numeric = numeric?.value
        self.numericError = numeric?.error
        self.kinks = kinks
        if !kinks.isEmpty, numeric != nil, wrt != view.output {
            kinkSlopes = graph.oneSidedSlopes(of: view.output, wrt: wrt)
        }
        if let entry = self.entry { restrict(to: entry) }
    }
}
