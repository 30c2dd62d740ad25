/// Placeholder until the engine benchmark lands.
enum EngineBenchmark {
    static func run() { print("engine: not implemented yet") }
}
