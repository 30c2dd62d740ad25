// gradviz-bench: benchmarks for GradViz (not tests). Usage: gradviz-bench [engine|render|explain|tensor]…
// Each suite prints its figures and, where the issue asks for it, a ratio against a reference run
// in the same invocation.
let suites = CommandLine.arguments.dropFirst()
let selected = suites.isEmpty ? ["engine", "render", "explain", "tensor"] : Array(suites)
for suite in selected {
    switch suite {
    case "engine": EngineBenchmark.run()
    case "render": RenderBenchmark.run()
    case "explain": ExplainBenchmark.run()
    case "tensor": TensorBenchmark.run()
    default: print("unknown suite '\(suite)': use engine, render, explain or tensor")
    }
}
