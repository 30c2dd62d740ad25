import Foundation
import GradVizEngine


/// The engine benchmark: micrograd's `MLP(2, [16, 16, 1])` with the loss Σ(ŷ − y)² over a batch,
/// recorded as scalar nodes (about 10⁶), then backward — in GradViz and, in the same run, in
/// micrograd itself (`bench/micrograd_bench.py`), on the same weights and data.
///
/// Prints nodes per second (build + backward), bytes per node (the graph's own storage, and the
/// growth of the resident set) and the ratio to micrograd. Targets: ≥ 100× micrograd's nodes
/// per second, ≤ 64 bytes per node.
enum EngineBenchmark {
    /// Samples in the batch: 676 nodes each, so the graph has about 10⁶ nodes.
    static let batch = 1479
    /// Layer widths after the 2 inputs, as micrograd's `MLP(2, [16, 16, 1])`.
    static let widths = [16, 16, 1]
    /// Timed repetitions of the Swift run; the median is reported.
    static let repetitions = 7

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
        var recorded: (graph: Graph, loss: Value, parameters: [Value])? = try workload.record()
        guard let (graph, loss, parameters) = recorded else { return }
        graph.backward(from: loss.id)
        let residentBytes = ResidentSet.bytes() - residentBefore
        let nodes = graph.count
        let storageBytes = graph.allocatedBytes
        let lossValue = loss.scalar
        let checksum = parameters.reduce(0) { $0 + $1.grad.scalar }
        recorded = nil

        var build: [Double] = []
        var backward: [Double] = []
        var release: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<repetitions {
            let start = clock.now
            recorded = try workload.record()
            let built = clock.now
            if let (graph, loss, _) = recorded { graph.backward(from: loss.id) }
            let done = clock.now
            recorded = nil
            let freed = clock.now
            build.append((built - start).seconds)
            backward.append((done - built).seconds)
            release.append((freed - done).seconds)
        }
        let buildTime = median(build)
        let backwardTime = median(backward)
        let rate = Double(nodes) / (buildTime + backwardTime)

        print("gradviz:   \(nodes) nodes  build \(ms(buildTime))  backward \(ms(backwardTime))  "
            + "free \(ms(median(release)))  (median of \(repetitions))")
        print("gradviz:   \(Int(rate.rounded())) nodes/s (build + backward)")
        print("gradviz:   \(bytes(storageBytes, nodes)) bytes/node graph storage (nodes, values, gradients)")
        print("gradviz:   \(bytes(residentBytes, nodes)) bytes/node resident-set growth (whole process)")
        print("gradviz:   loss \(lossValue)  Σ∂loss/∂parameter \(checksum)")

        guard let micrograd = Micrograd.run(workload) else { return }
        let reference = micrograd["nodes_per_second"] ?? .nan
        print("micrograd: \(Int(micrograd["nodes"] ?? 0)) nodes  build \(ms(micrograd["build_seconds"] ?? .nan))  "
            + "backward \(ms(micrograd["backward_seconds"] ?? .nan))  (garbage collector paused)")
        print("micrograd: \(Int(reference.rounded())) nodes/s")
        print("micrograd: loss \(micrograd["loss"] ?? .nan)  Σ∂loss/∂parameter \(micrograd["grad_checksum"] ?? .nan)")
        let check = GradientCheck(relativeTolerance: 1e-9, absoluteTolerance: 1e-9)
        let same = check.agrees(lossValue, micrograd["loss"] ?? .nan)
            && check.agrees(checksum, micrograd["grad_checksum"] ?? .nan)
        print("engine: same loss and gradients as micrograd: \(same ? "yes" : "NO")")
        let ratio = rate / reference
        print("engine: \(String(format: "%.0f", ratio))× micrograd's nodes/s (target ≥ 100×), "
            + "\(bytes(storageBytes, nodes)) bytes/node (target ≤ 64)")
    }

    private static func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
    private static func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
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

        /// Records the model and the loss exactly as micrograd builds them, node for node:
        /// `act = b + w₀·x₀ + w₁·x₁ + …` (a float input becomes a constant node), `relu` except
        /// in the last layer, `(ŷ − y)²` per sample and Python's `sum`, which starts `l₁ + 0`.
        /// The one extra node is the exponent 2, which micrograd keeps outside its graph.
        func record() throws(GraphError) -> (Graph, Value, [Value]) {
            let graph = Graph()
            var next = parameters.makeIterator()
            var layers: [[(weights: [Value], bias: Value)]] = []
            var fanIn = 2
            for width in EngineBenchmark.widths {
                layers.append((0..<width).map { _ in
                    let weights = (0..<fanIn).map { _ in graph.leaf(next.next() ?? 0) }
                    return (weights, graph.leaf(next.next() ?? 0))
                })
                fanIn = width
            }
            let two = graph.constant(2)
            var total: Value?
            for (x, y) in zip(inputs, targets) {
                // The first layer multiplies by plain numbers, the others by values.
                var activations = try layers[0].map { neuron throws(GraphError) in
                    var act = neuron.bias
                    for (w, xi) in zip(neuron.weights, x) { act = try act + w * xi }
                    return act.relu()
                }
                for (index, layer) in layers.enumerated().dropFirst() {
                    let last = index == layers.count - 1
                    activations = try layer.map { neuron throws(GraphError) in
                        var act = neuron.bias
                        for (w, xi) in zip(neuron.weights, activations) { act = try act + w * xi }
                        return last ? act : act.relu()
                    }
                }
                let difference = try activations[0] - y
                let square = Value(graph: graph, id: try graph.record(.pow, difference.id, two.id))
                if let sum = total { total = try sum + square } else { total = try square + 0 }
            }
            let loss = total ?? graph.constant(0)
            return (graph, loss, layers.flatMap { $0.flatMap { $0.weights + [$0.bias] } })
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
        static func run(_ workload: Workload) -> [String: Double]? {
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../bench/micrograd_bench.py").standardizedFileURL
            let input = FileManager.default.temporaryDirectory
                .appendingPathComponent("gradviz-engine-bench-\(ProcessInfo.processInfo.processIdentifier).json")
            defer { try? FileManager.default.removeItem(at: input) }
            let process = Process()
            let output = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script.path, "--batch", "\(batch)", "--input", input.path]
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
                print("micrograd: \(script.lastPathComponent) exited with status \(process.terminationStatus) "
                    + "(is micrograd installed? pip install micrograd)")
                return nil
            }
            var result: [String: Double] = [:]
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count == 2, let number = Double(parts[1]) { result[String(parts[0])] = number }
            }
            guard result["nodes_per_second"] != nil else {
                print("micrograd: no nodes_per_second in the script's output")
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

extension Duration {
    /// The duration in seconds as a `Double`.
    fileprivate var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}
