import GradVizEngine
import Testing

@testable import GradVizScript

/// Line ends, whitespace and comments that real files contain.
@Suite struct SourceFormatTests {
    static let regression = ["x = 3", "w = 2", "L = (w * x - 4)^2"]

    /// L = (2·3 − 4)² = 4; ∂L/∂w = 2(wx − 4)·x = 12.
    func expectRegression(_ run: Evaluation, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.value("L") == 4, sourceLocation: sourceLocation)
        #expect(run.gradient("w") == 12, sourceLocation: sourceLocation)
        #expect(run.variables.map(\.line) == [1, 2, 3], sourceLocation: sourceLocation)
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func anyLineEndingWorks(lineEnd: String) throws {
        expectRegression(try evaluate(Self.regression.joined(separator: lineEnd) + lineEnd))
    }

    @Test func missingFinalNewlineIsFine() throws {
        expectRegression(try evaluate(Self.regression.joined(separator: "\n")))
    }

    @Test func tabsAndSpacesAnywhere() throws {
        expectRegression(try evaluate("\tx\t=\t3  \n  w=2\t\nL=(w*x-4)\t^\t2\t"))
    }

    @Test func commentsAndBlankLinesDoNotCount() throws {
        let run = try evaluate(
            """
            # header comment

            x = 3   # the input
            \t
               # indented comment
            y = x * 2 # 2x
            label y "#1 # not a comment" # a comment
            """)
        #expect(run.value("y") == 6)
        #expect(run.variables.map(\.line) == [3, 6])
        #expect(run.variable(named: "y")?.label == "#1 # not a comment")
    }

    @Test func aLeadingByteOrderMarkIsIgnored() throws {
        let run = try evaluate("\u{FEFF}x = 3\nw = 2\nL = (w * x - 4)^2")
        expectRegression(run)
    }

    @Test func errorsInCRLFFilesHaveCleanSourceLines() throws {
        let found = try #require(diagnostic("x = 3\r\n\r\n\ty = x + q\r\n"))
        #expect(found.line == 3)
        #expect(found.column == 10)
        #expect(found.sourceLine == "\ty = x + q")
        #expect(!found.description.contains("\r"))
    }
}
