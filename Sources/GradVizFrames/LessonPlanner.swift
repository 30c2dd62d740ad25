import GradVizDOT
import GradVizEngine
import GradVizExplain
import GradVizNotation

/// Plans the teaching sequence of a ``FrameSequence``: which frames there are, what each
/// reveals, and its caption in the lecture's notation.
struct LessonPlanner {
    let setup: FrameSetup

    private var graph: Graph { setup.graph }
    private var view: FlowView { setup.view }
    private var builder: FigureBuilder { setup.builder }

    /// The frames: structure, forward (grouped), backward (per node), and the paths.
    func plans(by grouping: FrameSequence.Grouping) throws(FigureError) -> [PlannedFrame] {
        let incoming = incomingEdges()
        let layers = self.layers(incoming: incoming)
        let groups = grouping == .layer ? layers : view.nodes.map { [$0] }
        // Backward visits the layers from the output down, each in recording order: every node
        // comes after all its users, so its gradient is complete when it passes it on. Nothing
        // flows back into data (`constant x`): its edges take no step and get no caption line.
        let flowing = incoming.mapValues { $0.filter { !graph.isData(view.edges[$0].from) } }
        let steps = layers.reversed().joined().filter {
            !(flowing[$0] ?? []).isEmpty && graph.gradient(of: $0) != nil
        }
        let pathFrames = setup.listing.map { $0.paths.count + 1 } ?? 0
        let count = 1 + groups.count + 1 + steps.count + pathFrames
        guard count <= FrameSequence.maxFrames else {
            throw FigureError(
                .tooManyFrames,
                "the build would have \(count) frames (at most \(FrameSequence.maxFrames)): "
                    + (grouping == .node ? "use --by layer, " : "") + "choose fewer paths, or draw a smaller graph")
        }
        try FrameSequence.checkWork(frames: count, setup: setup)
        var plans: [PlannedFrame] = []
        var reveal = FrameReveal()
        reveal.caption = structureCaption()
        plans.append(PlannedFrame(step: "structure", reveal: reveal))

        for group in groups {
            reveal.values.formUnion(group)
            let items = group.map(assignment)
            var caption = LabelText("forward: ") + LabelText.joined(Array(items.prefix(3)), separator: LabelText(", "))
            if items.count > 3 { caption += LabelText(", … and \(items.count - 3) more") }
            reveal.caption = caption
            plans.append(PlannedFrame(step: "forward", reveal: reveal))
        }

        plans += backward(steps: steps, incoming: flowing, reveal: &reveal)

        if let listing = setup.listing {
            for (number, path) in listing.paths.enumerated() {
                reveal.legend = .paths(number + 1)
                reveal.caption = pathCaption(path, number: number, listing: listing)
                plans.append(PlannedFrame(step: "path\(number + 1)", reveal: reveal))
            }
            reveal.legend = .complete
            reveal.caption = sumCaption(listing)
            plans.append(PlannedFrame(step: "sum", reveal: reveal))
        }
        return plans
    }

    // MARK: Structure and forward

    /// For each node, the indices of the view's edges into it.
    private func incomingEdges() -> [NodeID: [Int]] {
        var incoming: [NodeID: [Int]] = [:]
        for (index, edge) in view.edges.enumerated() { incoming[edge.to, default: []].append(index) }
        return incoming
    }

    /// The view's nodes by depth from the leaves (a leaf has depth 0, any other node one more
    /// than its deepest input), each layer in recording order.
    private func layers(incoming: [NodeID: [Int]]) -> [[NodeID]] {
        var depth: [NodeID: Int] = [:]
        var layers: [[NodeID]] = []
        // The view's nodes are in recording order, so every input comes before its users.
        for node in view.nodes {
            let level = (incoming[node] ?? []).map { (depth[view.edges[$0].from] ?? 0) + 1 }.max() ?? 0
            depth[node] = level
            while layers.count <= level { layers.append([]) }
            layers[level].append(node)
        }
        return layers.filter { !$0.isEmpty }
    }

    private func structureCaption() -> LabelText {
        let leaves = view.nodes.filter { graph.op(of: $0) == .leaf }
        var caption = LabelText("structure: how ") + builder.shortName(of: view.output) + LabelText(" is computed")
        if leaves.isEmpty { return caption }
        caption += LabelText(" from ")
        if leaves.count > 4 { return caption + LabelText("\(leaves.count) inputs") }
        let names = leaves.map { builder.shortName(of: $0) }
        if names.count == 1 { return caption + names[0] }
        return caption + LabelText.joined(names.dropLast(), separator: LabelText(", ")) + LabelText(" and ")
            + names[names.count - 1]
    }

    /// `a₁ = σ(w₁·x₁) = 0.7311`, or `x₁ = 2` for a leaf.
    private func assignment(_ node: NodeID) -> LabelText {
        var text = builder.shortName(of: node)
        if view.kind == .vars, graph.op(of: node) != .leaf, let expression = builder.subtitle(of: node) {
            text += LabelText(" ") + expression
        }
        return text + LabelText(" = " + setup.number(graph.value(of: node)))
    }

    // MARK: Backward

    /// The output's gradient 1, then one frame per node in `steps` (output first):
    /// its gradient flows back along its incoming edges into its inputs' running sums.
    private func backward(steps: [NodeID], incoming: [NodeID: [Int]], reveal: inout FrameReveal) -> [PlannedFrame] {
        let output = view.output
        var plans: [PlannedFrame] = []
        reveal.values = Set(view.nodes)
        if let gradient = graph.gradient(of: output) {
            reveal.gradients[output] = gradient
            reveal.caption =
                LabelText("backward: ") + setup.symbol(output, by: output)
                + LabelText(" = " + setup.number(gradient))
        } else {
            reveal.caption = LabelText("backward")
        }
        plans.append(PlannedFrame(step: "backward", reveal: reveal))

        // How many terms each input's gradient sums: one per edge into a node that has a step.
        let stepping = Set(steps)
        var expected: [NodeID: Int] = [:]
        for edge in view.edges where stepping.contains(edge.to) { expected[edge.from, default: 0] += 1 }
        var terms: [NodeID: [Tensor]] = [:]
        var running: [NodeID: Tensor] = [:]

        for node in steps {
            guard let upstream = graph.gradient(of: node) else { continue }
            // The output's own inputs: its gradient is 1, so each gets its local derivative.
            let seeded = node == output && upstream.shape.isScalar && upstream.scalar == 1
            var lines: [LabelText] = []
            for index in incoming[node] ?? [] {
                let edge = view.edges[index]
                let input = edge.from
                let contribution = view.pullback(along: edge, upstream: upstream)
                terms[input, default: []].append(contribution)
                running[input] = running[input].map { $0.adding(contribution) } ?? contribution
                let arrived = terms[input]?.count ?? 1
                let total = expected[input] ?? 1
                reveal.edgeLabels.insert(index)
                let complete = arrived >= total
                if complete, let final = graph.gradient(of: input) {
                    reveal.gradients[input] = final
                    reveal.partial.remove(input)
                } else {
                    reveal.gradients[input] = running[input]
                    reveal.partial.insert(input)
                }
                lines.append(
                    backwardLine(
                        edge: edge, upstream: seeded ? nil : upstream, contribution: contribution,
                        terms: terms[input] ?? [], total: total))
            }
            var caption = FrameSetup.caption(lines)
            caption =
                seeded
                ? LabelText("backward: ") + setup.symbol(output, by: output) + LabelText(" = 1, so each input of ")
                    + builder.shortName(of: output) + LabelText(" gets its local derivative: ") + caption
                : LabelText("backward: ") + caption
            reveal.caption = caption
            plans.append(PlannedFrame(step: "backward", reveal: reveal))
        }

        // The last backward frame is the full figure's numbers, whatever summation order gave.
        for node in view.nodes {
            if let gradient = graph.gradient(of: node) { reveal.gradients[node] = gradient }
        }
        reveal.partial = []
        reveal.edgeLabels = Set(view.edges.indices)
        plans[plans.count - 1].reveal.gradients = reveal.gradients
        plans[plans.count - 1].reveal.partial = []
        plans[plans.count - 1].reveal.edgeLabels = reveal.edgeLabels
        return plans
    }

    /// One input's step, the local derivative as its formula, then the numbers:
    /// `∂l/∂a₁ = ∂l/∂o · ∂o/∂a₁ = −0.367 · σ′(a₁ + a₂) = −0.367 · 0.1498 = −0.055` for a single
    /// term, `∂l/∂w₁ gets … = −0.02163 (term 1 of 2)` for an early term of a sum, and
    /// `∂l/∂w₁ = −0.02163 + (−0.0462) = −0.06782` when its last term arrives. With no `upstream`
    /// (an input of the output, whose gradient is 1) the local derivative alone:
    /// `∂l/∂o = 2(o − y) = −0.367`.
    private func backwardLine(
        edge: FlowEdge, upstream: Tensor?, contribution: Tensor, terms: [Tensor], total: Int
    ) -> LabelText {
        let output = view.output
        let input = edge.from
        let symbol = setup.symbol(output, by: input)
        var product: LabelText?
        if let factor = edge.factor, factor.isShownInline, let local = builder.edgePartial(of: edge.to, by: input) {
            let formula = builder.formulaFactor(edge, inProduct: upstream != nil)
            if let upstream {
                let upstreamNumber = LabelText(setup.number(upstream))
                product =
                    ProductText.joined([setup.symbol(output, by: edge.to), local])
                    + (formula.map { LabelText(" = ") + ProductText.joined([upstreamNumber, $0]) } ?? LabelText(""))
                    + LabelText(" = ") + ProductText.joined([upstreamNumber, LabelText(setup.term(factor))])
            } else if let formula {
                product = formula
            }
        }
        let final = graph.gradient(of: input) ?? contribution
        if total <= 1 {
            guard let product else { return symbol + LabelText(" = " + setup.number(final)) }
            return symbol + LabelText(" = ") + product + LabelText(" = " + setup.number(final))
        }
        if terms.count < total {
            var line = symbol + LabelText(" gets ")
            if let product { line += product + LabelText(" = ") }
            return line + LabelText(setup.number(contribution) + " (term \(terms.count) of \(total))")
        }
        let sum = terms.enumerated().map { $0.offset == 0 ? setup.number($0.element) : setup.term($0.element) }
        return symbol + LabelText(" = " + sum.joined(separator: " + ") + " = " + setup.number(final))
    }

    // MARK: Paths

    /// `path 1 of 2: w₁ → a₁ → o → l: ∂l/∂o · ∂o/∂a₁ · ∂a₁/∂w₁ = −0.367 · 0.1498 · 0.3932 = −0.02163`,
    /// the factors from the output inward as the lecture writes them.
    private func pathCaption(_ path: PathListing.Path, number: Int, listing: PathListing) -> LabelText {
        let route = LabelText.joined(path.nodes.map { builder.shortName(of: $0) }, separator: LabelText(" → "))
        var caption = LabelText("path \(number + 1) of \(listing.totalCount): ") + route
        var symbols = 0
        for index in path.factors.indices where index + 1 < path.nodes.count {
            let (parent, child) = (path.nodes[index], path.nodes[index + 1])
            guard builder.edgePartial(of: child, by: parent) != nil, let factor = path.factors[index],
                factor.isShownInline
            else { continue }
            symbols += 1
        }
        caption += LabelText(": ")
        if symbols > 0, symbols == path.factors.count, symbols <= FigureBuilder.maxLegendFactors {
            // As the legend writes it: the formulas' product, then the numbers' on a line of their own.
            caption += builder.factorsText(path, formulas: true) + LabelText(" = ")
        } else {
            caption += LabelText("product ")
        }
        return caption + LabelText(setup.number(path.product))
    }

    /// The sum of the paths' products beside the backward gradient, with the check.
    private func sumCaption(_ listing: PathListing) -> LabelText {
        let symbol = setup.symbol(view.output, by: listing.wrt)
        let gradient = setup.number(listing.gradient)
        guard listing.totalCount != "0" else {
            return LabelText("sum: no path reaches ") + builder.shortName(of: view.output) + LabelText(", so ")
                + symbol + LabelText(" = " + gradient)
        }
        let sum = listing.pathSum
        let agrees = listing.sumAgrees
        let mark = agrees ? " ✓" : " ≠ the sum"
        if listing.isComplete {
            let products = listing.paths.enumerated().map {
                $0.offset == 0 ? setup.number($0.element.product) : setup.term($0.element.product)
            }
            let terms = products.count > 1 ? products.joined(separator: " + ") + " = " : ""
            return LabelText("sum: ") + symbol + LabelText(" = " + terms + setup.number(sum) + "; backward: ") + symbol
                + LabelText(" = " + gradient + mark)
        }
        return LabelText("sum over all \(listing.totalCount) paths: ") + symbol
            + LabelText(" = " + setup.number(sum) + "; backward: ") + symbol + LabelText(" = " + gradient + mark)
    }
}
