import Foundation

/// The lecture's scripts as the repository ships them in `samples/`, read once for every test
/// target instead of pasted into each: a test of "the lecture's regression" tests that file.
public enum LectureFixtures {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `samples/<name>.grad` as text; empty when it cannot be read, which every test using it
    /// notices (an empty script has no output).
    public static func sample(_ name: String) -> String {
        (try? String(contentsOf: root.appendingPathComponent("samples/\(name).grad"), encoding: .utf8)) ?? ""
    }

    /// The lecture's regression, `samples/regression.grad`: ŷ = w2·(w1·x + b1) + b2,
    /// L = (ŷ − y)² at x = 3, w1 = 5, b1 = 2, w2 = 2, b2 = 3, y = 40.
    public static let regression = sample("regression")

    /// The same regression with its hidden value named, `h = w1·x + b1` = 17, so the variables
    /// view has the path w1 → h → ŷ → L.
    public static let regressionNamingH = """
        x = 3
        w1 = 5
        b1 = 2
        w2 = 2
        b2 = 3
        y = 40
        h = w1 * x + b1
        yhat = w2 * h + b2
        L = (yhat - y)^2
        """
}
