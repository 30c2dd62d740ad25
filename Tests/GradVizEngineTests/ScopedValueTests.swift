import Foundation
import GradVizEngine
import Testing

/// Values of a recording scope record the same graph as `Value`s, and refuse to record anywhere
/// outside their scope.
@Suite("Scoped values")
struct ScopedValueTests {
    /// A two-layer neuron with shared weight `w`: every binary form (value op value, value op
    /// number, number op value) and a few unary ops.
    private static func model(w: Double, b: Double) throws -> (graph: Graph, loss: NodeID, w: NodeID, b: NodeID) {
        let graph = Graph()
        let (loss, wID, bID) = try graph.withRecordingScope { scope throws(GraphError) in
            let w = scope.leaf(w, name: "w")
            let b = scope.leaf(b, name: "b")
            let h = try (w * 1.5 + b).tanh()
            let o = try (2 - w * h).relu() + (h / 3) * w
            let loss = try (o - 0.25) ** 2
            return (loss.id, w.id, b.id)
        }
        return (graph, loss, wID, bID)
    }

    @Test("gradients equal the same model's through Value and central differences")
    func gradientsMatch() throws {
        let (graph, loss, w, b) = try Self.model(w: 0.7, b: -0.2)
        graph.backward(from: loss)

        let reference = Graph()
        let rw = reference.leaf(0.7)
        let rb = reference.leaf(-0.2)
        let h = try (rw * 1.5 + rb).tanh()
        let o = try (2 - rw * h).relu() + (h / 3) * rw
        let rloss = try (o - 0.25) ** 2
        rloss.backward()
        #expect(graph.count == reference.count)
        #expect(graph.scalarValue(of: loss) == rloss.scalar)
        #expect(graph.gradient(of: w)?.scalar == rw.grad.scalar)
        #expect(graph.gradient(of: b)?.scalar == rb.grad.scalar)

        // Independent of both: central differences of the model itself.
        let step = 1e-6
        func lossAt(_ w: Double, _ b: Double) throws -> Double {
            let m = try Self.model(w: w, b: b)
            return m.graph.scalarValue(of: m.loss)
        }
        let dw = (try lossAt(0.7 + step, -0.2) - lossAt(0.7 - step, -0.2)) / (2 * step)
        let db = (try lossAt(0.7, -0.2 + step) - lossAt(0.7, -0.2 - step)) / (2 * step)
        #expect(Swift.abs((graph.gradient(of: w)?.scalar ?? .nan) - dw) < 1e-6)
        #expect(Swift.abs((graph.gradient(of: b)?.scalar ?? .nan) - db) < 1e-6)
    }

    @Test("a value used after its scope ended throws instead of recording")
    func afterScope() throws {
        let graph = Graph()
        let x = graph.withRecordingScope { scope in scope.leaf(2) }
        let count = graph.count
        #expect(throws: GraphError.outsideRecordingScope) { try x * x }
        #expect(throws: GraphError.outsideRecordingScope) { try x.relu() }
        #expect(throws: GraphError.outsideRecordingScope) { try -x }
        #expect(graph.count == count)
        // Brought into a new scope by id, it records again.
        let doubled = try graph.withRecordingScope { scope throws(GraphError) in try (scope.value(x.id) * 2).id }
        #expect(graph.scalarValue(of: doubled) == 4)
    }

    @Test("an inner scope hides the outer one until it ends; values of two scopes do not mix")
    func nestedScopes() throws {
        let outerGraph = Graph()
        let innerGraph = Graph()
        try outerGraph.withRecordingScope { outer throws(GraphError) in
            let a = outer.leaf(3)
            try innerGraph.withRecordingScope { inner throws(GraphError) in
                let b = inner.leaf(4)
                #expect(throws: GraphError.outsideRecordingScope) { try a + 1 }
                #expect(throws: GraphError.outsideRecordingScope) { try b + a }
                #expect(innerGraph.scalarValue(of: try (b * b).id) == 16)
            }
            #expect(outerGraph.scalarValue(of: try (a * a).id) == 9)
        }
        #expect(outerGraph.count == 2 && innerGraph.count == 2)
    }

    @Test("a value sent to another thread throws there")
    func otherThread() throws {
        let graph = Graph()
        try graph.withRecordingScope { scope throws(GraphError) in
            let x = scope.leaf(1)
            let outcome = Outcome()
            let done = DispatchSemaphore(value: 0)
            Thread {
                outcome.set(Result { () throws(GraphError) in try x + x })
                done.signal()
            }.start()
            done.wait()
            #expect(throws: GraphError.outsideRecordingScope) { try outcome.get()?.get() }
            #expect(graph.scalarValue(of: try (x + x).id) == 2)
        }
    }

    @Test("a scope hands its result back and the graph lives on after it")
    func scopeResult() throws {
        func make() throws -> (Graph, NodeID) {
            let graph = Graph()
            return (graph, try graph.withRecordingScope { scope throws(GraphError) in try scope.leaf(5).exp().id })
        }
        let (graph, y) = try make()
        graph.backward(from: y)
        #expect(graph.gradient(of: NodeID(0))?.scalar == Foundation.exp(5))
    }

    @Test("an error thrown out of a scope ends it; scopes nested on one graph keep their values apart")
    func thrownAndNestedOnOneGraph() throws {
        struct Stop: Error {}
        let graph = Graph()
        var escaped: ScopedValue?
        #expect(throws: Stop.self) {
            try graph.withRecordingScope { scope throws(Stop) in
                escaped = scope.leaf(1)
                throw Stop()
            }
        }
        #expect(throws: GraphError.outsideRecordingScope) { try escaped.map { try $0 + 1 } }
        try graph.withRecordingScope { outer throws(GraphError) in
            let a = outer.leaf(2)
            try graph.withRecordingScope { inner throws(GraphError) in
                #expect(throws: GraphError.outsideRecordingScope) { try a + 1 }
                #expect(graph.scalarValue(of: try (inner.value(a.id) + 1).id) == 3)
            }
            #expect(graph.scalarValue(of: try (a * 5).id) == 10)
        }
    }
}

/// A result handed from one thread to another.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<ScopedValue, GraphError>?

    func set(_ result: Result<ScopedValue, GraphError>) { lock.withLock { self.result = result } }
    func get() -> Result<ScopedValue, GraphError>? { lock.withLock { result } }
}
