import Foundation
import GradVizEngine

/// The tensor benchmark: micrograd's `MLP(2, [16, 16, 1])` over a whole batch as tensors, the
/// way PyTorch writes it (`relu(X @ W + b)`, the bias broadcast over the rows), with micrograd's
/// demo loss, the mean hinge loss `mean(relu(1 − y ⊙ score))` plus `1e-4 · Σ p²`, value and
/// gradient per call — in GradViz and, in the same run, in HIPS autograd
/// (`bench/autograd_bench.py`, `pip install autograd`) on the same weights and data.
///
/// One GradViz call records a fresh graph (leaves for the parameters, constants for the batch),
/// runs backward and reads every parameter's gradient, as `autograd.value_and_grad` does. Both
/// sides report the median of many calls in wall-clock and CPU time (the process's, which counts
/// NumPy's BLAS threads too); the ratio uses CPU time. The losses and the sums of the gradients
/// are compared.
enum TensorBenchmark {
    /// Samples in the batch, as in the engine benchmark.
    static let batch = 1479
    /// Layer widths after the 2 inputs.
    static let widths = [16, 16, 1]
    /// Timed calls on each side; the median is reported.
    static let calls = 41
    /// The weight of the L2 penalty, as micrograd's demo.
    static let alpha = 1e-4

    static func run() {
        print(
            "tensor: micrograd MLP(2, [16, 16, 1]) over \(batch) moons as tensors, hinge loss + L2, value and gradient per call"
        )
        let workload = Workload(seed: 7)
        let check: (loss: Double, checksum: Double)
        do {
            check = try workload.valueAndGradient()
        } catch {
            print("tensor: the model failed to record: \(error)")
            return
        }
        var wall: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<calls {
            let start = Clock.now
            guard (try? workload.valueAndGradient()) != nil else { return }
            let end = Clock.now
            wall.append(end.wall - start.wall)
            cpu.append(end.cpu - start.cpu)
        }
        let gradviz = (wall: median(wall), cpu: median(cpu))
        print(
            "gradviz:  \(ms(gradviz.wall)) wall, \(ms(gradviz.cpu)) CPU per call (median of \(calls))  "
                + "loss \(check.loss)  Σ∂loss/∂p \(check.checksum)")
        guard let autograd = Autograd.run(workload) else { return }
        let reference = (wall: autograd["seconds", default: .nan], cpu: autograd["cpu_seconds", default: .nan])
        let gradientCheck = GradientCheck(relativeTolerance: 1e-9, absoluteTolerance: 1e-12)
        let same =
            gradientCheck.agrees(check.loss, autograd["loss", default: .nan])
            && gradientCheck.agrees(check.checksum, autograd["grad_checksum", default: .nan])
        print(
            "autograd: \(ms(reference.wall)) wall, \(ms(reference.cpu)) CPU per call (median of "
                + "\(Int(autograd["calls", default: 0])))  loss \(autograd["loss", default: .nan])  "
                + "Σ∂loss/∂p \(autograd["grad_checksum", default: .nan])  same as GradViz: \(same ? "yes" : "NO")")
        print(
            String(
                format: "tensor: %.2f× HIPS autograd per call (CPU time; %.2f× wall)",
                reference.cpu / gradviz.cpu, reference.wall / gradviz.wall))
    }

    private static func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
    private static func ms(_ seconds: Double) -> String { String(format: "%.3f ms", seconds * 1000) }

    /// A point in wall-clock time and in the process's CPU time.
    private struct Clock {
        var wall: Double
        var cpu: Double

        static var now: Clock {
            var wall = timespec()
            var cpu = timespec()
            clock_gettime(CLOCK_MONOTONIC, &wall)
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu)
            return Clock(
                wall: Double(wall.tv_sec) + Double(wall.tv_nsec) * 1e-9,
                cpu: Double(cpu.tv_sec) + Double(cpu.tv_nsec) * 1e-9)
        }
    }

    /// The weights and the batch, shared with autograd.
    struct Workload {
        /// Per layer: the weight matrix `[fanIn, width]` (rows are inputs, as in `X @ W`) and the
        /// bias `[width]`.
        var layers: [(weights: Tensor, bias: Tensor)] = []
        /// `[batch, 2]` points of two interleaved half moons with Gaussian noise (σ = 0.1).
        var inputs = Tensor(0)
        /// `[batch, 1]` labels, −1 for the upper moon and +1 for the lower.
        var labels = Tensor(0)

        init(seed: UInt64) {
            var generator = SeededGenerator(seed: seed)
            var fanIn = 2
            for width in TensorBenchmark.widths {
                let w = (0..<fanIn * width).map { _ in Double.random(in: -1...1, using: &generator) }
                let b = (0..<width).map { _ in Double.random(in: -1...1, using: &generator) }
                layers.append((Tensor(unchecked: .matrix(fanIn, width), w), Tensor(unchecked: .vector(width), b)))
                fanIn = width
            }
            // scikit-learn's make_moons, written out: angles evenly spaced over each half moon.
            var points: [Double] = []
            var labels: [Double] = []
            let upper = (TensorBenchmark.batch + 1) / 2
            let lower = TensorBenchmark.batch - upper
            func gaussian() -> Double {
                let u = Double.random(in: Double.ulpOfOne..<1, using: &generator)
                let v = Double.random(in: 0..<1, using: &generator)
                return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
            }
            for k in 0..<upper {
                let t = Double.pi * Double(k) / Double(max(upper - 1, 1))
                points += [Foundation.cos(t) + 0.1 * gaussian(), Foundation.sin(t) + 0.1 * gaussian()]
                labels.append(-1)
            }
            for k in 0..<lower {
                let t = Double.pi * Double(k) / Double(max(lower - 1, 1))
                points += [1 - Foundation.cos(t) + 0.1 * gaussian(), 0.5 - Foundation.sin(t) + 0.1 * gaussian()]
                labels.append(1)
            }
            inputs = Tensor(unchecked: .matrix(TensorBenchmark.batch, 2), points)
            self.labels = Tensor(unchecked: .matrix(TensorBenchmark.batch, 1), labels)
        }

        /// One call: records the model and the loss on a fresh graph, runs backward and reads
        /// every parameter's gradient; returns the loss and the sum of all gradient entries.
        func valueAndGradient() throws(GraphError) -> (loss: Double, checksum: Double) {
            let graph = Graph()
            let parameters = layers.map { (graph.leaf($0.weights), graph.leaf($0.bias)) }
            var activation = graph.constant(inputs)
            for (index, (w, b)) in parameters.enumerated() {
                let z = try activation.matmul(w) + b
                activation = index == parameters.count - 1 ? z : z.relu()
            }
            let margins = try (1 - graph.constant(labels) * activation).relu()
            var penalty = graph.constant(0)
            for (w, b) in parameters { penalty = try penalty + (w * w).sum() + (b * b).sum() }
            let loss = try margins.mean() + TensorBenchmark.alpha * penalty
            loss.backward()
            var checksum = 0.0
            for (w, b) in parameters {
                checksum += w.grad.scalars.reduce(0, +) + b.grad.scalars.reduce(0, +)
            }
            return (loss.scalar, checksum)
        }

        /// The workload as JSON for `autograd_bench.py --input`.
        var json: String {
            func list(_ xs: [Double]) -> String { "[" + xs.map { "\($0)" }.joined(separator: ", ") + "]" }
            func matrix(_ t: Tensor) -> String { "[" + t.rows.map(list).joined(separator: ", ") + "]" }
            let parameters = layers.map { "{\"W\": \(matrix($0.weights)), \"b\": \(list($0.bias.scalars))}" }
            return "{\"alpha\": \(TensorBenchmark.alpha), \"calls\": \(TensorBenchmark.calls), \"layers\": ["
                + parameters.joined(separator: ", ") + "], \"X\": \(matrix(inputs)), \"y\": \(matrix(labels))}"
        }
    }

    /// Runs `bench/autograd_bench.py` on the workload and reads its `key value` lines.
    enum Autograd {
        static func run(_ workload: Workload) -> [String: Double]? {
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../bench/autograd_bench.py").standardizedFileURL
            let input = FileManager.default.temporaryDirectory
                .appendingPathComponent("gradviz-tensor-bench-\(ProcessInfo.processInfo.processIdentifier).json")
            defer { try? FileManager.default.removeItem(at: input) }
            let process = Process()
            let output = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script.path, "--input", input.path]
            process.standardOutput = output
            do {
                try workload.json.write(to: input, atomically: true, encoding: .utf8)
                try process.run()
            } catch {
                print("autograd: could not run \(script.path): \(error)")
                return nil
            }
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                print(
                    "autograd: \(script.lastPathComponent) exited with status \(process.terminationStatus) "
                        + "(is autograd installed? pip install autograd)")
                return nil
            }
            var result: [String: Double] = [:]
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count == 2, let number = Double(parts[1]) { result[String(parts[0])] = number }
            }
            guard result["cpu_seconds"] != nil, result["loss"] != nil else {
                print("autograd: unexpected output from \(script.lastPathComponent)")
                return nil
            }
            return result
        }
    }
}

extension Tensor {
    /// A tensor whose entries are known to fill the shape (benchmark data).
    fileprivate init(unchecked shape: Shape, _ scalars: [Double]) {
        self = (try? Tensor(shape: shape, scalars: scalars)) ?? Tensor(repeating: .nan, shape: shape)
    }
}
