import CGradVizRecording

/// A recording scope on a graph: where ``ScopedValue``s are made, and the span of code in which
/// their operators record.
///
/// ``Value`` keeps its graph alive with a strong reference, and on a scalar network the atomic
/// reference counting of that reference is about a third of recording. A scoped value carries
/// only a node index and its scope's number; its operators find the graph through the calling
/// thread's current scope, which ``Graph/withRecordingScope(_:)`` holds for exactly as long as
/// its closure runs. So the graph is borrowed, not owned, and a scoped value used anywhere else
/// (after its scope, in another scope, on another thread) throws
/// ``GraphError/outsideRecordingScope`` instead of reaching a graph that may be gone.
///
/// ```swift
/// let graph = Graph()
/// let loss = try graph.withRecordingScope { scope throws(GraphError) in
///     let w = scope.leaf(0.5, name: "w")
///     return try (w * 2 + 1).relu().id
/// }
/// graph.backward(from: loss)
/// ```
public struct RecordingScope {
    /// The graph the scope records on.
    public let graph: Graph
    /// The scope's number, unique in the process; 0 is never used.
    let number: UInt64

    /// Records a scalar input or parameter.
    public func leaf(_ value: Double, name: String? = nil) -> ScopedValue {
        ScopedValue(id: graph.record(leaf: value, name: name), scope: number)
    }

    /// Records an input or parameter of any shape.
    public func leaf(_ value: Tensor, name: String? = nil) -> ScopedValue {
        ScopedValue(id: graph.leaf(value, name: name).id, scope: number)
    }

    /// Records a scalar constant: a number whose gradient is not wanted.
    public func constant(_ value: Double) -> ScopedValue {
        ScopedValue(id: graph.record(constant: value), scope: number)
    }

    /// Records a constant of any shape.
    public func constant(_ value: Tensor) -> ScopedValue {
        ScopedValue(id: graph.constant(value).id, scope: number)
    }

    /// Node `id` of this graph, recorded earlier, as a value of this scope. Throws
    /// ``GraphError/differentGraphs`` for an id past the graph's nodes (a node id does not say
    /// which graph it came from, so one in range is taken as this graph's).
    public func value(_ id: NodeID) throws(GraphError) -> ScopedValue {
        guard graph.contains(id) else { throw .differentGraphs }
        return ScopedValue(id: id, scope: number)
    }
}

extension Graph {
    /// Runs `body` with a recording scope on this graph and returns its result.
    ///
    /// ``ScopedValue`` operators record only inside `body`, on the thread that runs it; the
    /// graph stays alive until `body` returns. Scopes nest: an inner scope (on this graph or
    /// another) is current until it ends, and then the outer one again. Read results after the
    /// scope through their ids (``ScopedValue/id``): `graph.backward(from: loss.id)`.
    public func withRecordingScope<Result, Failure: Error>(
        _ body: (RecordingScope) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        return try withExtendedLifetime(self) { () throws(Failure) -> Result in
            let outer = _gv_recording_scope_enter(Unmanaged.passUnretained(self).toOpaque())
            defer { _gv_recording_scope_leave(outer) }
            return try body(RecordingScope(graph: self, number: gv_recording_scope_current().number))
        }
    }
}
