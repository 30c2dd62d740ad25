/// Placeholder until the explain benchmark lands.
enum ExplainBenchmark {
    static func run() { print("explain: not implemented yet") }
}
