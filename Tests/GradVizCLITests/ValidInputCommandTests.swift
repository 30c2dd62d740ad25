import Foundation
import Testing

/// Valid scripts that used to fail or lose something silently, through the binary: a name too
/// long for Graphviz renders (cut, whole in the tooltip and JSON); a literal that underflows
/// is a warning that leaves the exit status alone.
@Suite struct ValidInputCommandTests {
    /// The reproducer: a name of 20 000 characters.
    static let longName = "w" + String(repeating: "a", count: 20_000)

    @Test func aTwentyThousandCharacterNameRendersAndStaysWholeInJSON() throws {
        let directory = try GradViz.scratch(["long.grad": "\(Self.longName) = 3\nL = \(Self.longName) * 2\n"])
        for format in ["svg", "png"] {
            let render = try GradViz.run(["render", "long.grad", "-o", "long.\(format)", "--quiet"], in: directory)
            #expect(render.status == 0, "\(render.stderr.prefix(300))")
            #expect(render.stderr.isEmpty)
        }
        let svg = try String(contentsOf: directory.appendingPathComponent("long.svg"), encoding: .utf8)
        #expect(svg.contains("xlink:title=\"\(Self.longName)\""))
        #expect(svg.contains("aaaa…"))

        let explain = try GradViz.run(
            ["explain", "long.grad", "--wrt", Self.longName, "--format", "json"], in: directory)
        #expect(explain.status == 0, "\(explain.stderr.prefix(300))")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(explain.stdout.utf8)) as? [String: Any])
        #expect(object["wrt"] as? String == Self.longName)
        let eval = try GradViz.run(["eval", "long.grad", "--format", "json"], in: directory)
        #expect(eval.status == 0)
        #expect(eval.stdout.contains("\"\(Self.longName)\""))
    }

    @Test func aLiteralThatUnderflowsIsAWarningWithItsPosition() throws {
        let directory = try GradViz.scratch([
            "tiny.grad": "x = 2\ny = [1, 1e-400]\nz = 2.5e-310\nL = sum(x * y) + z + 0e-999 + 0.0\n"
        ])
        for command in [["check"], ["eval"], ["explain", "--wrt", "x"], ["render", "-o", "tiny.svg", "--quiet"]] {
            let result = try GradViz.run([command[0], "tiny.grad"] + command.dropFirst(), in: directory)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n").map(String.init)
            let warnings = lines.filter { $0.contains(": warning: ") }
            #expect(
                warnings == [
                    "tiny.grad:2:9: warning: number '1e-400' is too small for a Double and reads as 0",
                    "tiny.grad:3:5: warning: number '2.5e-310' is below the smallest normal Double "
                        + "(2.2250738585072014e-308) and keeps only 46 of 53 bits of precision",
                ], "\(command): \(result.stderr)")
            // Each warning is followed by its line and a caret under the number, as errors are.
            #expect(lines.contains("y = [1, 1e-400]"))
            #expect(lines.contains("        ^"))
        }
    }

    /// Too large stays an error (exit 2); zeros written as such are not warned about.
    @Test func overflowIsStillAnErrorAndZerosAreQuiet() throws {
        let directory = try GradViz.scratch([
            "big.grad": "x = 1e999\n", "zero.grad": "x = 0e-999\ny = 0.000\nL = x + y\n",
        ])
        let big = try GradViz.run(["check", "big.grad"], in: directory)
        #expect(big.status == 2)
        #expect(big.stderr.hasPrefix("big.grad:1:5: error: number '1e999' is too large"))
        let zero = try GradViz.run(["check", "zero.grad"], in: directory)
        #expect(zero.status == 0)
        #expect(!zero.stderr.contains("warning"))
    }
}
