import Foundation

/// `render --timings`: how long each stage of a render took, printed to standard error, so the
/// fixed costs of a cold run (process start, the Graphviz context, text measuring in the
/// renderer) can be told apart from the work on the figure itself.
struct RenderTimings {
    private let clock = ContinuousClock()
    private var stages: [(name: String, duration: Duration)] = []

    /// The process's CPU time so far: start-up (loader, Swift runtime, Foundation) and argument
    /// parsing, when read at the start of `run()`.
    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// Runs `body` and records its duration under `name`.
    mutating func measure<R>(_ name: String, _ body: () throws -> R) rethrows -> R {
        let start = clock.now
        defer { stages.append((name, clock.now - start)) }
        return try body()
    }

    /// Records a duration measured elsewhere (inside the renderer).
    mutating func record(_ name: String, _ duration: Duration) { stages.append((name, duration)) }

    /// `evaluate 0.41 ms, figure 0.83 ms, …`
    var summary: String {
        stages.map { "\($0.name) \(Self.milliseconds($0.duration))" }.joined(separator: ", ")
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.2f ms", Double(seconds) * 1000 + Double(attoseconds) * 1e-15)
    }
}
