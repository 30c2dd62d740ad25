import Foundation
import Testing

/// What a new user meets first on the command line, through the real binary: `--version`,
/// standard input, a missing file, `check` over many files with JSON and JUnit, the language
/// summary, and an example in every command's help.
@Suite struct FirstUseCommandTests {
    @Test func versionPrintsTheToolAndItsVersion() throws {
        let result = try GradViz.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("gradviz "))
        #expect(result.stdout.split(separator: " ").count == 2)
    }

    @Test func aMissingFileHasNoInventedPosition() throws {
        let directory = try GradViz.scratch([:])
        let result = try GradViz.run(["eval", "nope.grad"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr == "nope.grad: error: no such file\n")
    }

    @Test func aDashReadsStandardInputAndDiagnosticsSayStdin() throws {
        let directory = try GradViz.scratch([:])
        let good = try GradViz.run(["eval", "-", "--format", "json"], in: directory, input: "x = 3\ny = x^2\n")
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("\"grad\": 6"))
        let bad = try GradViz.run(["check", "-"], in: directory, input: "x = 3\ny = (x +\n   zz)\n")
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("<stdin>:3:4: error: unknown name 'zz'"), "\(bad.stderr)")
    }

    static let good = "x = 0.5\nw = 2\ny = tanh(w * x)\n"
    static let broken = "x = [1,\n"

    @Test func checkOverManyFilesSummarisesAndExitsWithTheWorstStatus() throws {
        let directory = try GradViz.scratch([
            "a.grad": Self.good, "b.grad": "p = 3\nq = p * p\n", "bad.grad": Self.broken,
        ])
        let passing = try GradViz.run(["check", "a.grad", "b.grad"], in: directory)
        #expect(passing.status == 0, "\(passing.stderr)")
        #expect(passing.stdout.contains("a.grad:\n") && passing.stdout.contains("b.grad:\n"))
        #expect(passing.stdout.hasSuffix("checked 2 files: 2 passed, 0 failed, 0 could not be checked\n"))
        let mixed = try GradViz.run(["check", "a.grad", "bad.grad", "b.grad"], in: directory)
        #expect(mixed.status == 2)
        #expect(mixed.stderr.hasPrefix("bad.grad:1:8: error:"))
        #expect(mixed.stdout.hasSuffix("checked 3 files: 2 passed, 0 failed, 1 could not be checked\n"))
    }

    @Test func checkJSONListsEveryFileAndRow() throws {
        let directory = try GradViz.scratch(["a.grad": Self.good, "bad.grad": Self.broken])
        let result = try GradViz.run(["check", "a.grad", "bad.grad", "--format", "json"], in: directory)
        #expect(result.status == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["passed"] as? Int == 1 && object["errors"] as? Int == 1 && object["failed"] as? Int == 0)
        let files = try #require(object["files"] as? [[String: Any]])
        #expect(files.map { $0["file"] as? String } == ["a.grad", "bad.grad"])
        #expect(files[1]["status"] as? String == "error")
        #expect((files[1]["error"] as? String)?.hasPrefix("bad.grad:1:8: error:") == true)
        let rows = try #require(files[0]["rows"] as? [[String: Any]])
        #expect(rows.map { $0["wrt"] as? String } == ["x", "w"])
        // ∂tanh(w·x)/∂w = x·(1 − tanh²(w·x)).
        let expected = 0.5 * (1 - pow(tanh(1.0), 2))
        #expect(abs((rows[1]["gradient"] as? Double ?? .nan) - expected) < 1e-12)
        #expect(rows.allSatisfy { $0["status"] as? String == "agrees" })
    }

    @Test func checkWritesJUnitXMLWithErrorsAndEscapedNames() throws {
        let directory = try GradViz.scratch(["a&<b>.grad": Self.good, "bad.grad": Self.broken])
        // --junit creates no directories: the report's directory exists.
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("out"), withIntermediateDirectories: true)
        let result = try GradViz.run(
            ["check", "a&<b>.grad", "bad.grad", "--junit", "out/check.xml"], in: directory)
        #expect(result.status == 2)
        let xml = try String(contentsOf: directory.appendingPathComponent("out/check.xml"), encoding: .utf8)
        #expect(
            xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"gradviz check\" tests=\"3\""))
        #expect(xml.contains("<testsuite name=\"a&amp;&lt;b&gt;.grad\" tests=\"2\" failures=\"0\" errors=\"0\">"))
        // A passing leaf carries its values.
        #expect(xml.contains("<testcase classname=\"a&amp;&lt;b&gt;.grad\" name=\"w\">\n      <system-out>backward "))
        #expect(xml.contains("<testsuite name=\"bad.grad\" tests=\"1\" failures=\"0\" errors=\"1\">"))
        #expect(
            xml.contains(
                "<error message=\"bad.grad:1:8: error: expected a number in tensor literal, found end of line\">"))
        #expect(!xml.contains("<b>"))
        #expect(xml.hasSuffix("</testsuites>\n"))
        let overwrite = try GradViz.run(["check", "bad.grad", "--junit", "bad.grad"], in: directory)
        #expect(overwrite.status == 64)
        #expect(try String(contentsOf: directory.appendingPathComponent("bad.grad"), encoding: .utf8) == Self.broken)
    }

    @Test func languagePrintsTheSummaryAndEveryFunction() throws {
        let result = try GradViz.run(["language"])
        #expect(result.status == 0)
        for function in ["relu(x)", "max(a, b)", "cross_entropy(logits, target)", "softplus(x)", "transpose(x)"] {
            #expect(result.stdout.contains("  " + function + "\n"), "\(function)")
        }
        #expect(result.stdout.contains("constant x y"))
        let help = try GradViz.run(["help", "language"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("  max(a, b)\n"))
    }

    @Test(arguments: ["eval", "render", "frames", "explain", "check"])
    func everyCommandsHelpHasARunnableLookingExample(command: String) throws {
        let result = try GradViz.run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Example: gradviz \(command) samples/"), "\(result.stdout)")
    }
}

extension FirstUseCommandTests {
    @Test func renderListsEachFileWrittenUnlessQuiet() throws {
        let directory = try GradViz.scratch(["a.grad": Self.good])
        let listed = try GradViz.run(["render", "a.grad", "-o", "figs/", "--format", "svg,dot"], in: directory)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stderr == "wrote figs/a.svg\nwrote figs/a.dot\n")
        #expect(listed.stdout.isEmpty)
        let quiet = try GradViz.run(["render", "a.grad", "-o", "q.svg", "--quiet"], in: directory)
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("q.svg").path))
    }

    /// frames rejected --quiet, which render took: every command that writes files takes it,
    /// with the same help, and says what it wrote unless given it.
    @Test func everyCommandThatWritesFilesTakesQuiet() throws {
        let directory = try GradViz.scratch(["a.grad": Self.good])
        let frames = try GradViz.run(["frames", "a.grad", "-o", "slides", "--format", "svg"], in: directory)
        #expect(frames.status == 0, "\(frames.stderr)")
        #expect(frames.stderr.hasSuffix("a.grad: wrote 5 frames to slides\n"), "\(frames.stderr)")
        let quietFrames = try GradViz.run(
            ["frames", "a.grad", "-o", "quiet", "--format", "svg", "--quiet"], in: directory)
        // Notes (no Beamer deck from SVG) still show; only the 'wrote' line goes.
        #expect(quietFrames.status == 0 && !quietFrames.stderr.contains("wrote"), "\(quietFrames.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("quiet").path))
        let check = try GradViz.run(["check", "a.grad", "--junit", "report.xml"], in: directory)
        #expect(check.status == 0 && check.stderr == "wrote report.xml\n", "\(check.stderr)")
        let quietCheck = try GradViz.run(["check", "a.grad", "--junit", "quiet.xml", "--quiet"], in: directory)
        #expect(quietCheck.status == 0 && quietCheck.stderr.isEmpty, "\(quietCheck.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("quiet.xml").path))
        var helps: [String] = []
        for command in ["render", "frames", "check"] {
            let help = try GradViz.run([command, "--help"])
            let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let start = try #require(words.range(of: "--quiet "), "\(command)")
            helps.append(String(words[start.lowerBound...].prefix(70)))
        }
        #expect(Set(helps).count == 1, "\(helps)")
        #expect(helps.first?.contains("Do not say what was written") == true, "\(helps)")
    }

    @Test func aNameWithoutExtensionIsADirectoryWhenSeveralFilesAreWritten() throws {
        let directory = try GradViz.scratch(["a.grad": Self.good, "b.grad": "p = 3\nq = p * p\n"])
        let formats = try GradViz.run(
            ["render", "a.grad", "-o", "newdir", "--format", "svg,dot", "--quiet"], in: directory)
        #expect(formats.status == 0, "\(formats.stderr)")
        var isDirectory: ObjCBool = false
        #expect(
            FileManager.default.fileExists(
                atPath: directory.appendingPathComponent("newdir").path, isDirectory: &isDirectory))
        #expect(isDirectory.boolValue)
        for name in ["newdir/a.svg", "newdir/a.dot"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path), "\(name)")
        }
        let inputs = try GradViz.run(["render", "a.grad", "b.grad", "-o", "two", "--quiet"], in: directory)
        #expect(inputs.status == 0, "\(inputs.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("two/b.svg").path))
        let help = try GradViz.run(["render", "--help"])
        let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("a name without an extension when several files would be written"))
    }

    @Test func misspeltOptionsGetADidYouMean() throws {
        let directory = try GradViz.scratch(["a.grad": Self.good])
        let result = try GradViz.run(["render", "a.grad", "--rnakdir", "TB"], in: directory)
        #expect(result.status == 64)
        #expect(result.stderr.contains("Did you mean '--rankdir'?"))
    }
}

extension FirstUseCommandTests {
    @Test func renderToADashWritesOneFormatToStandardOutput() throws {
        let directory = try GradViz.scratch(["a.grad": Self.good])
        let svg = try GradViz.run(["render", "a.grad", "-o", "-"], in: directory)
        #expect(svg.status == 0, "\(svg.stderr)")
        #expect(svg.stdout.contains("<svg") && svg.stdout.hasSuffix("</svg>\n"))
        #expect(!svg.stderr.contains("wrote"))
        let dot = try GradViz.run(["render", "a.grad", "-o", "-", "--format", "dot"], in: directory)
        #expect(dot.status == 0 && dot.stdout.hasPrefix("digraph "), "\(dot.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("-").path))
        let two = try GradViz.run(["render", "a.grad", "-o", "-", "--format", "svg,png"], in: directory)
        #expect(two.status == 64)
        #expect(two.stderr.contains("one input in one format"))
        // Standard input in, standard output out: a filter for a pipeline.
        let piped = try GradViz.run(["render", "-", "-o", "-", "--format", "dot"], in: directory, input: Self.good)
        #expect(piped.status == 0 && piped.stdout.hasPrefix("digraph "), "\(piped.stderr)")
        let named = try GradViz.run(["render", "-", "--quiet"], in: directory, input: Self.good)
        #expect(named.status == 0, "\(named.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("output/stdin.svg").path))
    }
}

extension FirstUseCommandTests {
    /// Waits up to 60 s for `condition`, checking every 0.1 s.
    static func eventually(_ condition: () -> Bool) -> Bool {
        for _ in 0..<600 {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return condition()
    }

    @Test func watchReRendersOnEveryChangeAndKeepsGoingAfterAnError() throws {
        let directory = try GradViz.scratch(["a.grad": Self.good])
        let script = directory.appendingPathComponent("a.grad")
        let log = directory.appendingPathComponent("stderr.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = GradViz.executable
        // Two re-renders, then it stops (the hidden bound exists for this test).
        process.arguments = ["render", "a.grad", "-o", "a.dot", "--watch", "--watch-limit", "2"]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let stderr = { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
        #expect(Self.eventually { stderr().contains("watching 1 file") }, "\(stderr())")
        let first = try String(contentsOf: directory.appendingPathComponent("a.dot"), encoding: .utf8)
        // A broken edit is reported and the last good figure stays.
        Thread.sleep(forTimeInterval: 1.1)  // a new modification time on coarse file systems
        try Data("x = [1,\n".utf8).write(to: script)
        #expect(Self.eventually { stderr().contains("a.grad:1:8: error:") }, "\(stderr())")
        #expect(try String(contentsOf: directory.appendingPathComponent("a.dot"), encoding: .utf8) == first)
        // Fixed again: re-rendered with the new numbers.
        Thread.sleep(forTimeInterval: 1.1)
        try Data("x = 0.5\nw = 3\ny = tanh(w * x)\n".utf8).write(to: script)
        #expect(Self.eventually { !process.isRunning }, "\(stderr())")
        #expect(process.terminationStatus == 0)
        let second = try String(contentsOf: directory.appendingPathComponent("a.dot"), encoding: .utf8)
        #expect(second != first)
        #expect(stderr().components(separatedBy: "wrote a.dot").count - 1 == 2)
    }
}
