import Testing

@testable import GradVizEngine

/// Freed tape storage is reused by the next buffers, and never shows them an earlier graph's
/// numbers.
@Suite("Reused tape storage")
struct StorageReuseTests {
    /// Entries of a buffer large enough to be mapped on its own (5.6 MB of doubles).
    static let count = 700_000

    @Test("a gradient buffer laid where a freed one was reads zeros")
    func reusedZerosAreCleared() throws {
        // Other tests free and take mappings at the same time, so try until one of ours comes
        // back (the same address), and check every attempt.
        var reused = false
        for _ in 0..<50 where !reused {
            var dirty = TapeBuffer<Double>(zeros: Self.count)
            for i in dirty.indices { dirty[i] = 1 }
            let address = dirty.buffer.baseAddress
            _ = consume dirty
            let clean = TapeBuffer<Double>(zeros: Self.count)
            reused = clean.buffer.baseAddress == address
            #expect(clean.buffer.allSatisfy { $0 == 0 })
        }
        #expect(reused, "no freed mapping was reused in 50 attempts")
    }

    @Test("a graph recorded after a larger one has freed gets only its own gradients")
    func graphAfterGraph() throws {
        do {
            let g = Graph()
            let x = g.record(leaf: 1)
            var y = x
            while g.count < Self.count { y = try g.record(.add, y, x) }
            g.backward(from: y)
            #expect(g.gradient(of: NodeID(600_000))?.scalar == 1)
        }
        let g = Graph()
        let x = g.record(leaf: 1)
        for i in 1..<Self.count { _ = g.record(leaf: Double(i)) }
        let y = try g.record(.mul, x, g.record(constant: 3))
        g.backward(from: y)
        #expect(g.gradient(of: x)?.scalar == 3)
        #expect((1..<Self.count).allSatisfy { g.gradient(of: NodeID($0))?.scalar == 0 })
        Graph.releaseKeptStorage()
    }
}
