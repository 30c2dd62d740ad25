import Foundation
import GradVizEngine

/// The engine benchmark: micrograd's `MLP(2, [16, 16, 1])` with the loss Σ(ŷ − y)² over a batch,
/// recorded as scalar nodes (about 10⁶), then backward — in GradViz and, in the same run, in
/// micrograd itself (`bench/micrograd_bench.py`), on the same weights and data.
///
/// GradViz records the workload three ways: through `Value` operators, as micrograd's users
/// write it; through the same operators on ``ScopedValue``s in a recording scope, which leave out
/// the reference counting of `Value`'s graph reference; and through the tape API
/// (`graph.record(op, lhs, rhs)` on node ids). All give the same graph, node for node.
/// Prints nodes per second (build + backward), bytes per node (the graph's own storage, and the
/// growth of the resident set) and the ratio to micrograd. Targets: ≥ 100× micrograd's nodes per
/// second, ≤ 64 bytes per node.
///
/// GradViz's times are the median of several runs (after the first, a graph records into the
/// storage its freed predecessor kept, as in a training loop), micrograd's the fastest of four
/// (two processes, each building the graph twice and timing both), as wall-clock
/// time and as the thread's CPU time; the ratio uses CPU time on both sides, which other
/// processes on a shared machine disturb less.
enum EngineBenchmark {
    /// Samples in the batch: 676 nodes each, so the graph has about 10⁶ nodes.
    static let batch = 1479
    /// Layer widths after the 2 inputs, as micrograd's `MLP(2, [16, 16, 1])`.
    static let widths = [16, 16, 1]
    /// Timed repetitions of each Swift variant; the median is reported.
    static let repetitions = 9

    static func run() {
        print("engine: micrograd MLP(2, [16, 16, 1]), loss Σ(ŷ − y)² over \(batch) samples, scalar nodes")
        let workload = Workload(seed: 2024)
        do {
            try measure(workload)
        } catch {
            print("engine: the workload failed to record: \(error)")
        }
    }

    private static func measure(_ workload: Workload) throws(GraphError) {
        // Memory first, in a fresh process: resident-set growth while one graph is alive.
        let residentBefore = ResidentSet.bytes()
        var recorded: (graph: Graph, loss: NodeID, parameters: [NodeID])? = try workload.recordWithValues()
        guard let (graph, loss, parameters) = recorded else { return }
        graph.backward(from: loss)
        let residentBytes = ResidentSet.bytes() - residentBefore
        let nodes = graph.count
        let storageBytes = graph.allocatedBytes
        let lossValue = graph.scalarValue(of: loss)
        let checksum = parameters.reduce(0) { $0 + (graph.gradient(of: $1)?.scalar ?? .nan) }
        recorded = nil
        let tape = try workload.recordOnTape()
        guard tape.graph.count == nodes, tape.graph.scalarValue(of: tape.loss) == lossValue else {
            print("engine: the tape API recorded a different graph (\(tape.graph.count) nodes)")
            return
        }
        let scopedCheck = try workload.recordWithScopedValues()
        guard scopedCheck.graph.count == nodes, scopedCheck.graph.scalarValue(of: scopedCheck.loss) == lossValue else {
            print("engine: ScopedValue operators recorded a different graph (\(scopedCheck.graph.count) nodes)")
            return
        }

        print(
            "gradviz:   \(nodes) nodes, \(bytes(storageBytes, nodes)) bytes/node graph storage "
                + "(nodes, values, gradients), \(bytes(residentBytes, nodes)) bytes/node resident-set growth")
        print("gradviz:   loss \(lossValue)  Σ∂loss/∂parameter \(checksum)")
        let withValues = try time("Value operators") { () throws(GraphError) in
            let (graph, loss, _) = try workload.recordWithValues()
            return (graph, loss)
        }
        let onTape = try time("tape API") { () throws(GraphError) in try workload.recordOnTape() }
        // The same operators without `Value`'s reference to the graph, in a recording scope.
        let scoped = try time("ScopedValue operators") { () throws(GraphError) in
            try workload.recordWithScopedValues()
        }

        // micrograd takes seconds per run: the fastest of 2 × 2 runs is its reference.
        guard let first = Micrograd.run(workload), let second = Micrograd.run(workload) else { return }
        let micrograd =
            first["build_cpu_seconds", default: .nan] + first["backward_cpu_seconds", default: .nan]
                <= second["build_cpu_seconds", default: .nan] + second["backward_cpu_seconds", default: .nan]
            ? first : second
        let reference = Timing(
            wall: micrograd["build_seconds", default: .nan] + micrograd["backward_seconds", default: .nan],
            cpu: micrograd["build_cpu_seconds", default: .nan] + micrograd["backward_cpu_seconds", default: .nan])
        let pythonNodes = Int(micrograd["nodes", default: 0])
        print(
            "micrograd: \(pythonNodes) nodes  build \(ms(micrograd["build_seconds", default: .nan]))  "
                + "backward \(ms(micrograd["backward_seconds", default: .nan]))  wall, garbage collector paused, "
                + "fastest of 2 processes × 2 runs")
        print(
            "micrograd: \(rate(pythonNodes, reference.wall)) nodes/s wall, \(rate(pythonNodes, reference.cpu)) nodes/s CPU"
        )
        let check = GradientCheck(relativeTolerance: 1e-9, absoluteTolerance: 1e-9)
        let same =
            check.agrees(lossValue, micrograd["loss", default: .nan])
            && check.agrees(checksum, micrograd["grad_checksum", default: .nan])
        print(
            "micrograd: loss \(micrograd["loss", default: .nan])  Σ∂loss/∂parameter "
                + "\(micrograd["grad_checksum", default: .nan])  same as GradViz: \(same ? "yes" : "NO")")
        let timings = [("Value operators", withValues), ("ScopedValue operators", scoped), ("tape API", onTape)]
        for (name, timing) in timings {
            let cpuRatio = (Double(nodes) / timing.cpu) / (Double(pythonNodes) / reference.cpu)
            let wallRatio = (Double(nodes) / timing.wall) / (Double(pythonNodes) / reference.wall)
            print(
                "engine: \(name): \(String(format: "%.0f", cpuRatio))× micrograd's nodes/s (CPU time; "
                    + "\(String(format: "%.0f", wallRatio))× wall clock), target ≥ 100×")
        }
        // For scale: micrograd as a plain script runs it, with the garbage collector on.
        if let collected = Micrograd.run(workload, collectingGarbage: true) {
            let cpu = collected["build_cpu_seconds", default: .nan] + collected["backward_cpu_seconds", default: .nan]
            print(
                "micrograd: with the garbage collector on: \(rate(pythonNodes, cpu)) nodes/s CPU; GradViz is "
                    + timings.map {
                        "\(String(format: "%.0f", (Double(nodes) / $0.1.cpu) / (Double(pythonNodes) / cpu)))× (\($0.0))"
                    }
                    .joined(separator: ", "))
        }
        print("engine: \(bytes(storageBytes, nodes)) bytes/node, target ≤ 64")
    }

    /// Build and backward time, wall clock and CPU.
    struct Timing {
        var wall: Double
        var cpu: Double
    }

    /// Times `record` plus a backward pass, `repetitions` times; prints and returns the medians.
    private static func time(
        _ name: String, _ record: () throws(GraphError) -> (graph: Graph, loss: NodeID)
    ) throws(GraphError) -> Timing {
        var build: [Timing] = []
        var backward: [Timing] = []
        var release: [Double] = []
        var nodes = 0
        for _ in 0..<repetitions {
            let start = Instant.now
            var recorded: (graph: Graph, loss: NodeID)? = try record()
            let built = Instant.now
            if let (graph, loss) = recorded {
                graph.backward(from: loss)
                nodes = graph.count
            }
            let done = Instant.now
            recorded = nil
            let freed = Instant.now
            build.append(built - start)
            backward.append(done - built)
            release.append(freed.wall - done.wall)
        }
        let b = Timing(wall: median(build.map(\.wall)), cpu: median(build.map(\.cpu)))
        let k = Timing(wall: median(backward.map(\.wall)), cpu: median(backward.map(\.cpu)))
        let total = Timing(wall: b.wall + k.wall, cpu: b.cpu + k.cpu)
        print(
            "gradviz:   \(name): build \(ms(b.wall)) (CPU \(ms(b.cpu)))  backward \(ms(k.wall)) "
                + "(CPU \(ms(k.cpu)))  free \(ms(median(release)))  median of \(repetitions)")
        print("gradviz:   \(name): \(rate(nodes, total.wall)) nodes/s wall, \(rate(nodes, total.cpu)) nodes/s CPU")
        return total
    }

    /// A point in wall-clock time and in this thread's CPU time.
    private struct Instant {
        var wall: Double
        var cpu: Double

        static var now: Instant {
            var wall = timespec()
            var cpu = timespec()
            clock_gettime(CLOCK_MONOTONIC, &wall)
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu)
            return Instant(wall: wall.seconds, cpu: cpu.seconds)
        }

        static func - (lhs: Instant, rhs: Instant) -> Timing {
            Timing(wall: lhs.wall - rhs.wall, cpu: lhs.cpu - rhs.cpu)
        }
    }

    private static func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
    private static func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
    private static func rate(_ nodes: Int, _ seconds: Double) -> String {
        String(format: "%.0f", Double(nodes) / seconds)
    }
    private static func bytes(_ total: Int, _ nodes: Int) -> String {
        String(format: "%.1f", Double(total) / Double(max(nodes, 1)))
    }

    /// The weights and data of one benchmark run, shared with micrograd.
    struct Workload {
        /// Parameters in micrograd's `MLP.parameters()` order: per layer, per neuron, w… then b.
        var parameters: [Double] = []
        var inputs: [[Double]] = []
        var targets: [Double] = []

        init(seed: UInt64) {
            var generator = SeededGenerator(seed: seed)
            var fanIn = 2
            for width in EngineBenchmark.widths {
                for _ in 0..<width * (fanIn + 1) {
                    parameters.append(Double.random(in: -1...1, using: &generator))
                }
                fanIn = width
            }
            for _ in 0..<EngineBenchmark.batch {
                let x = [Double.random(in: -1...1, using: &generator), Double.random(in: -1...1, using: &generator)]
                inputs.append(x)
                targets.append(x[0] * x[1] + 0.5 * x[0])
            }
        }

        /// The parameters as leaves, per layer, per neuron: (weights, bias).
        private func leaves(in graph: Graph) -> [[(weights: [Value], bias: Value)]] {
            var next = parameters.makeIterator()
            var layers: [[(weights: [Value], bias: Value)]] = []
            var fanIn = 2
            for width in EngineBenchmark.widths {
                layers.append(
                    (0..<width).map { _ in
                        let weights = (0..<fanIn).map { _ in graph.leaf(next.next() ?? 0) }
                        return (weights, graph.leaf(next.next() ?? 0))
                    })
                fanIn = width
            }
            return layers
        }

        /// Records the model and the loss with `Value` operators exactly as micrograd builds
        /// them, node for node: `act = b + w₀·x₀ + w₁·x₁ + …` (a float input becomes a constant
        /// node), `relu` except in the last layer, `(ŷ − y)²` per sample and Python's `sum`,
        /// which starts `l₁ + 0`. The one extra node is the exponent 2, which micrograd keeps
        /// outside its graph.
        func recordWithValues() throws(GraphError) -> (graph: Graph, loss: NodeID, parameters: [NodeID]) {
            let graph = Graph()
            let layers = leaves(in: graph)
            let two = graph.constant(2)
            var total: Value?
            // One loop structure for all three ways (activations in reused arrays), so that they
            // differ only in how a node is recorded.
            var activations: [Value] = []
            var next: [Value] = []
            for (x, y) in zip(inputs, targets) {
                // The first layer multiplies by plain numbers, the others by values.
                activations.removeAll(keepingCapacity: true)
                for neuron in layers[0] {
                    var act = neuron.bias
                    for (w, xi) in zip(neuron.weights, x) { act = try act + w * xi }
                    activations.append(act.relu())
                }
                for (index, layer) in layers.enumerated().dropFirst() {
                    next.removeAll(keepingCapacity: true)
                    for neuron in layer {
                        var act = neuron.bias
                        for (w, xi) in zip(neuron.weights, activations) { act = try act + w * xi }
                        next.append(index == layers.count - 1 ? act : act.relu())
                    }
                    swap(&activations, &next)
                }
                let difference = try activations[0] - y
                let square = Value(graph: graph, id: try graph.record(.pow, difference.id, two.id))
                if let sum = total { total = try sum + square } else { total = try square + 0 }
            }
            let loss = total ?? two
            return (graph, loss.id, layers.flatMap { $0.flatMap { $0.weights.map(\.id) + [$0.bias.id] } })
        }

        /// The same graph and the same code as ``recordWithValues()``, with ``ScopedValue``s in
        /// a recording scope: the operators without `Value`'s reference to the graph.
        func recordWithScopedValues() throws(GraphError) -> (graph: Graph, loss: NodeID) {
            let graph = Graph()
            let layers = leaves(in: graph).map { $0.map { (weights: $0.weights.map(\.id), bias: $0.bias.id) } }
            let loss = try graph.withRecordingScope { scope throws(GraphError) in
                let layers = try layers.map { layer throws(GraphError) in
                    try layer.map { neuron throws(GraphError) in
                        (
                            weights: try neuron.weights.map { id throws(GraphError) in try scope.value(id) },
                            bias: try scope.value(neuron.bias)
                        )
                    }
                }
                let two = scope.constant(2)
                var total: ScopedValue?
                var activations: [ScopedValue] = []
                var next: [ScopedValue] = []
                for (x, y) in zip(inputs, targets) {
                    activations.removeAll(keepingCapacity: true)
                    for neuron in layers[0] {
                        var act = neuron.bias
                        for (w, xi) in zip(neuron.weights, x) { act = try act + w * xi }
                        activations.append(try act.relu())
                    }
                    for (index, layer) in layers.enumerated().dropFirst() {
                        next.removeAll(keepingCapacity: true)
                        for neuron in layer {
                            var act = neuron.bias
                            for (w, xi) in zip(neuron.weights, activations) { act = try act + w * xi }
                            next.append(index == layers.count - 1 ? act : try act.relu())
                        }
                        swap(&activations, &next)
                    }
                    let difference = try activations[0] - y
                    let square = try scope.value(try graph.record(.pow, difference.id, two.id))
                    if let sum = total { total = try sum + square } else { total = try square + 0 }
                }
                return (total ?? two).id
            }
            return (graph, loss)
        }

        /// The same graph through the tape API: node ids and `graph.record`.
        func recordOnTape() throws(GraphError) -> (graph: Graph, loss: NodeID) {
            let graph = Graph()
            let layers = leaves(in: graph).map { $0.map { (weights: $0.weights.map(\.id), bias: $0.bias.id) } }
            let two = graph.record(constant: 2)
            var total: NodeID?
            var activations: [NodeID] = []
            var next: [NodeID] = []
            for (x, y) in zip(inputs, targets) {
                activations.removeAll(keepingCapacity: true)
                for neuron in layers[0] {
                    var act = neuron.bias
                    for (w, xi) in zip(neuron.weights, x) {
                        act = try graph.record(.add, act, graph.record(.mul, w, graph.record(constant: xi)))
                    }
                    activations.append(try graph.record(.relu, act))
                }
                for (index, layer) in layers.enumerated().dropFirst() {
                    next.removeAll(keepingCapacity: true)
                    for neuron in layer {
                        var act = neuron.bias
                        for (w, xi) in zip(neuron.weights, activations) {
                            act = try graph.record(.add, act, graph.record(.mul, w, xi))
                        }
                        next.append(index == layers.count - 1 ? act : try graph.record(.relu, act))
                    }
                    swap(&activations, &next)
                }
                let difference = try graph.record(.sub, activations[0], graph.record(constant: y))
                let square = try graph.record(.pow, difference, two)
                if let sum = total {
                    total = try graph.record(.add, sum, square)
                } else {
                    total = try graph.record(.add, square, graph.record(constant: 0))
                }
            }
            return (graph, total ?? two)
        }

        /// The workload as JSON for `micrograd_bench.py --input`.
        var json: String {
            func list(_ xs: [Double]) -> String { "[" + xs.map { "\($0)" }.joined(separator: ", ") + "]" }
            return "{\"parameters\": \(list(parameters)), \"inputs\": ["
                + inputs.map(list).joined(separator: ", ") + "], \"targets\": \(list(targets))}"
        }
    }

    /// Runs `bench/micrograd_bench.py` on the workload and reads its `key value` lines.
    enum Micrograd {
        /// - Parameter collectingGarbage: keep Python's cyclic garbage collector on while timing,
        ///   as a plain micrograd script runs (about ten times slower to build the graph).
        static func run(_ workload: Workload, collectingGarbage: Bool = false) -> [String: Double]? {
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../bench/micrograd_bench.py").standardizedFileURL
            let input = FileManager.default.temporaryDirectory
                .appendingPathComponent("gradviz-engine-bench-\(ProcessInfo.processInfo.processIdentifier).json")
            defer { try? FileManager.default.removeItem(at: input) }
            let process = Process()
            let output = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments =
                ["python3", script.path, "--batch", "\(batch)", "--input", input.path]
                + (collectingGarbage ? ["--gc", "--runs", "1"] : [])
            process.standardOutput = output
            do {
                try workload.json.write(to: input, atomically: true, encoding: .utf8)
                try process.run()
            } catch {
                print("micrograd: could not run \(script.path): \(error)")
                return nil
            }
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                print(
                    "micrograd: \(script.lastPathComponent) exited with status \(process.terminationStatus) "
                        + "(is micrograd installed? pip install micrograd)")
                return nil
            }
            var result: [String: Double] = [:]
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count == 2, let number = Double(parts[1]) { result[String(parts[0])] = number }
            }
            guard result["build_cpu_seconds"] != nil, result["nodes"] != nil else {
                print("micrograd: unexpected output from \(script.lastPathComponent)")
                return nil
            }
            return result
        }
    }

    /// The resident set size of this process.
    enum ResidentSet {
        /// Bytes from `/proc/self/statm`, 0 where it does not exist.
        static func bytes() -> Int {
            guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
            let fields = text.split(separator: " ")
            guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
            return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        }
    }
}

extension timespec {
    /// The time in seconds as a `Double`.
    fileprivate var seconds: Double { Double(tv_sec) + Double(tv_nsec) * 1e-9 }
}
