/// Placeholder until the render benchmark lands.
enum RenderBenchmark {
    static func run() { print("render: not implemented yet") }
}
