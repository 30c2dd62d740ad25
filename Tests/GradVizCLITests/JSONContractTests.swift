import Foundation
import Testing

/// The JSON that `eval` and `explain` print, read back member by member with the numbers'
/// literal digits: exact key sets in order, shapes, `null`s, path counts past 64 bits.
@Suite struct JSONContractTests {
    /// Every member of `explain --format json`, in order: the README's contract first, then the
    /// documented extensions.
    static let explainKeys = [
        "of", "wrt", "gradient", "pathCount", "pathSum", "numeric", "paths",
        "view", "pathSumMethod", "agrees", "kinks", "numericError", "finiteDifferences", "verdict",
    ]

    static func json(_ arguments: [String], in directory: URL) throws -> JSONText {
        let result = try GradViz.run(arguments, in: directory)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return try #require(JSONText(result.stdout), "not one JSON value: \(result.stdout.prefix(500))")
    }

    /// The dimensions of a nested array of numbers, `nil` when ragged or not numbers.
    static func shape(_ value: JSONText) -> [Int]? {
        if value.literal != nil { return [] }
        guard let items = value.elements, let first = items.first, let inner = shape(first) else {
            return value.elements?.isEmpty == true ? [0] : nil
        }
        guard items.allSatisfy({ shape($0) == inner }) else { return nil }
        return [items.count] + inner
    }

    @Test func evalPrintsExactlyTheContractKeysAndShapes() throws {
        let directory = try GradViz.scratch([
            "t.grad": "s = 2\nv = [1, -1, 3]\nW = [[1, 2, 0], [3, 4, 5]]\nL = sum(W @ v) * s\n"
        ])
        let object = try Self.json(["eval", "t.grad", "--format", "json"], in: directory)
        #expect(object.keys == ["output", "nodes"])
        #expect(object["output"]?.string == "L")
        let nodes = try #require(object["nodes"]?.elements)
        #expect(nodes.map { $0["name"]?.string } == ["s", "v", "W", "L"])
        let expectedShapes: [[Int]] = [[], [3], [2, 3], []]
        for (node, expected) in zip(nodes, expectedShapes) {
            #expect(node.keys == ["name", "shape", "value", "grad"], "\(node.keys)")
            let shape = try #require(node["shape"]?.elements).map { $0.literal.flatMap { Int($0) } }
            #expect(shape == expected, "\(String(describing: node["name"]))")
            // value and grad are nested exactly as the shape says, row-major.
            #expect(Self.shape(try #require(node["value"])) == expected)
            #expect(Self.shape(try #require(node["grad"])) == expected)
        }
        // By hand: W @ v = [1 − 2, 3 − 4 + 15] = [−1, 14], L = 2·13 = 26; ∂L/∂W[i][j] = s·v[j].
        #expect(nodes[3]["value"]?.double == 26)
        #expect(nodes[0]["grad"]?.double == 13)
        let gradW = try #require(nodes[2]["grad"]?.elements).map { $0.elements?.compactMap(\.double) }
        #expect(gradW == [[2, -2, 6], [2, -2, 6]])
    }

    @Test func explainPrintsExactlyTheDocumentedKeysInOrder() throws {
        let directory = try GradViz.scratch(["sharing.grad": ExplainAndCheckCommandTests.sharing])
        let object = try Self.json(["explain", "sharing.grad", "--wrt", "w1", "--format", "json"], in: directory)
        #expect(object.keys == Self.explainKeys)
        #expect(object["pathCount"]?.literal == "2")
        #expect(object["view"]?.string == "vars")
        let paths = try #require(object["paths"]?.elements)
        #expect(paths.count == 2)
        for path in paths {
            #expect(path.keys == ["nodes", "factors", "product", "formula"])
            // factors[i] = ∂nodes[i+1]/∂nodes[i]: one fewer than the nodes; formula[i] is factors[i]'s.
            #expect(path["factors"]?.elements?.count == (path["nodes"]?.elements?.count ?? 0) - 1)
            #expect(path["formula"]?.elements?.count == path["factors"]?.elements?.count)
        }
        // A scalar leaf: every number is a bare number, not an array.
        for key in ["gradient", "pathSum", "numeric"] { #expect(object[key]?.literal != nil, "\(key)") }
    }

    @Test func explainOfAMatrixWritesRowsAndColumns() throws {
        let directory = try GradViz.scratch(["t.grad": "W = [[1, 2, 0], [3, 4, 5]]\nv = [1, -1, 3]\nL = sum(W @ v)\n"])
        let object = try Self.json(["explain", "t.grad", "--wrt", "W", "--format", "json"], in: directory)
        for key in ["gradient", "pathSum", "numeric"] {
            #expect(Self.shape(try #require(object[key])) == [2, 3], "\(key)")
        }
        let gradient = try #require(object["gradient"]?.elements).map { $0.elements?.compactMap(\.double) }
        #expect(gradient == [[1, -1, 3], [1, -1, 3]])  // ∂ΣWv/∂W = 1·vᵀ per row
        let vector = try Self.json(["explain", "t.grad", "--wrt", "v", "--format", "json"], in: directory)
        #expect(Self.shape(try #require(vector["gradient"])) == [3])
        #expect(vector["gradient"]?.elements?.compactMap(\.double) == [4, 6, 5])  // column sums of W
    }

    @Test func numericIsNullPastTheFiniteDifferenceBudget() throws {
        // 2 · 14 400 entries · ~14 600 values ≈ 4·10⁸ evaluations to perturb W: past 2·10⁸.
        let n = 120
        let row = "[" + (0..<n).map { String(Double($0 % 7) / 10) }.joined(separator: ", ") + "]"
        let matrix = "[" + Array(repeating: row, count: n).joined(separator: ", ") + "]"
        let vector = "[" + (0..<n).map { _ in "1" }.joined(separator: ", ") + "]"
        let directory = try GradViz.scratch(["big.grad": "W = \(matrix)\nx = \(vector)\nL = sum(W @ x)\n"])
        let big = try Self.json(
            ["explain", "big.grad", "--wrt", "W", "--format", "json", "--max-paths", "1"], in: directory)
        #expect(big["numeric"] == .null)
        #expect(big.keys == Self.explainKeys)
        // The path sum alone checks the gradient: ∂ΣWx/∂W is all ones.
        let sum = try #require(big["pathSum"]?.elements)
        #expect(sum.count == n && sum.allSatisfy { $0.elements?.allSatisfy { $0.double == 1 } == true })
        #expect(big["agrees"] == .bool(true))
        // x has only 120 entries: within the budget, estimated.
        let small = try Self.json(
            ["explain", "big.grad", "--wrt", "x", "--format", "json", "--max-paths", "1"], in: directory)
        #expect(small["numeric"]?.elements?.count == n)
    }

    @Test func pathCountPastSixtyFourBitsIsWrittenInFullFromTheCommandLine() throws {
        // 70 diamonds a(k) → p(k), q(k) → a(k+1): 2⁷⁰ paths from a0 to the last a.
        var lines = ["a0 = 1"]
        for k in 0..<70 {
            lines += ["p\(k) = a\(k) * 0.5", "q\(k) = a\(k) * 0.5", "a\(k + 1) = p\(k) + q\(k)"]
        }
        let directory = try GradViz.scratch(["d.grad": lines.joined(separator: "\n") + "\n"])
        let object = try Self.json(
            ["explain", "d.grad", "--wrt", "a0", "--format", "json", "--max-paths", "3"], in: directory)
        #expect(object["pathCount"]?.literal == "1180591620717411303424")  // 2⁷⁰, every digit
        #expect(object["paths"]?.elements?.count == 3)
        #expect(object["gradient"]?.double == 1)
        #expect(object["pathSum"]?.double == 1)
    }
}
