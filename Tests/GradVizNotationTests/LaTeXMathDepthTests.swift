import Testing

@testable import GradVizNotation

/// Hostile labels: scripts nested thousands deep are converted without deep recursion.
@Suite struct LaTeXMathDepthTests {
    @Test func deeplyNestedScriptsConvertWithoutOverflowingTheStack() {
        let depth = 20_000
        let label = "a" + String(repeating: "_{", count: depth) + "b" + String(repeating: "}", count: depth)
        let latex = LaTeXMath.label(label)
        // Every brace the label opens is closed, and the first levels are still read as scripts.
        #expect(latex.hasPrefix("a_{_{"))
        #expect(latex.filter { $0 == "{" }.count == latex.filter { $0 == "}" }.count)
    }

    @Test func shallowScriptsAreStillReadAsScripts() {
        #expect(LaTeXMath.label("w_{1,1}^{(1)}") == "w_{1,1}^{(1)}")
    }
}
