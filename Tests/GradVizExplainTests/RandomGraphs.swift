import GradVizEngine

/// Seeded random graphs with shared weights, for property tests.
enum RandomGraphs {
    /// A scalar DAG: `leaves` weights reused all over, `nodes` random ops on earlier values
    /// (some of them `x * x`), about half of them named, summed into a named loss `l`.
    static func scalar(seed: UInt64, leaves: Int = 4, nodes: Int = 14) throws -> (
        graph: Graph, leaves: [NodeID], loss: NodeID
    ) {
        var random = SeededGenerator(seed: seed)
        let g = Graph()
        var values: [Value] = (0..<leaves).map { g.leaf(Double.random(in: -1...1, using: &random), name: "w\($0)") }
        let weights = values.map(\.id)
        for index in 0..<nodes {
            let a = values[Int.random(in: 0..<values.count, using: &random)]
            let b = values[Int.random(in: max(0, values.count - 6)..<values.count, using: &random)]
            let value: Value
            switch Int.random(in: 0..<7, using: &random) {
            case 0: value = try a + b
            case 1: value = try a - b
            case 2: value = try a * b
            case 3: value = try a * a
            case 4: value = (try a * 0.9 + b).tanh()
            case 5: value = (try a - b).sigmoid()
            default: value = try (a * b + a).tanh()
            }
            if Bool.random(using: &random) { value.named("v\(index)") }
            values.append(value)
        }
        var total = values[values.count - 1]
        for value in values.suffix(3).dropLast() { total = try total + value }
        let loss = try (total ** 2).named("l")
        return (g, weights, loss.id)
    }

    /// A DAG of vectors of length `width` with a matrix `W` shared by several matmuls, vector
    /// leaves shared too, ending in `l = sum(…)`.
    static func tensor(seed: UInt64, width: Int = 3, nodes: Int = 7) throws -> (
        graph: Graph, leaves: [NodeID], loss: NodeID
    ) {
        var random = SeededGenerator(seed: seed)
        let g = Graph()
        func entries(_ count: Int) -> [Double] { (0..<count).map { _ in Double.random(in: -1...1, using: &random) } }
        let w = g.leaf(try Tensor(shape: .matrix(width, width), scalars: entries(width * width)), name: "W")
        var values: [Value] = [
            w.graph.leaf(try Tensor(entries(width)), name: "x"),
            w.graph.leaf(try Tensor(entries(width)), name: "b"),
        ]
        let leaves = [w.id] + values.map(\.id)
        for index in 0..<nodes {
            let a = values[Int.random(in: 0..<values.count, using: &random)]
            let b = values[Int.random(in: max(0, values.count - 4)..<values.count, using: &random)]
            let value: Value
            switch Int.random(in: 0..<5, using: &random) {
            case 0: value = try w.matmul(a)
            case 1: value = (try w.matmul(a) + b).tanh()
            case 2: value = try a * b
            case 3: value = (try a - b).sigmoid()
            default: value = try a + b
            }
            if Bool.random(using: &random) { value.named("h\(index)") }
            values.append(value)
        }
        let last = values[values.count - 1]
        let loss = try (last * values[values.count - 2]).sum().named("l")
        return (g, leaves, loss.id)
    }
}
