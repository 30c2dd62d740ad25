import GradVizEngine
import Testing

@testable import GradVizScript

/// Evaluates `source` as a script named `test.grad`.
func evaluate(_ source: String, output: String? = nil) throws -> Evaluation {
    try Script(source: source, file: "test.grad").evaluate(output: output)
}

/// The diagnostic that reading or evaluating `source` produces, or `nil` if it succeeds.
func diagnostic(_ source: String, output: String? = nil) -> Diagnostic? {
    do {
        _ = try Script(source: source, file: "test.grad").evaluate(output: output)
        return nil
    } catch {
        return error
    }
}

/// Expects `source` to fail at `line`:`column` with a message containing `fragment`.
func expectDiagnostic(
    _ source: String, line: Int, column: Int, _ fragment: String, output: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let found = diagnostic(source, output: output) else {
        Issue.record(
            "expected an error containing \"\(fragment)\", but the script evaluated", sourceLocation: sourceLocation)
        return
    }
    #expect(found.line == line, "\(found)", sourceLocation: sourceLocation)
    #expect(found.column == column, "\(found)", sourceLocation: sourceLocation)
    #expect(found.message.contains(fragment), "\(found)", sourceLocation: sourceLocation)
}

extension Evaluation {
    /// The value of a scalar variable.
    func value(_ name: String) -> Double? {
        variable(named: name).map { graph.scalarValue(of: $0.id) }
    }

    /// The gradient of a scalar variable.
    func gradient(_ name: String) -> Double? {
        variable(named: name).flatMap { graph.gradient(of: $0.id)?.scalar }
    }

    func tensor(_ name: String) -> Tensor? {
        variable(named: name).map { graph.value(of: $0.id) }
    }

    func gradientTensor(_ name: String) -> Tensor? {
        variable(named: name).flatMap { graph.gradient(of: $0.id) }
    }
}

/// |a − b| ≤ 1e-9·max(1, |b|).
func close(_ a: Double?, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

func close(_ a: Tensor?, _ b: [Double], tolerance: Double = 1e-9) -> Bool {
    guard let a, a.scalars.count == b.count else { return false }
    return zip(a.scalars, b).allSatisfy { close($0.0, $0.1, tolerance: tolerance) }
}
