import Foundation
import Testing

/// `gradviz frames` as a user runs it: files written together, never half a sequence.
@Suite struct FramesCommandTests {
    static var sample: String { GradViz.repository.appendingPathComponent("samples/weight_sharing.grad").path }

    /// Whether `directory` is absent, or holds a manifest whose every listed file exists.
    static func isAbsentOrComplete(_ directory: URL, name: String = "fully_connected") throws -> Bool {
        guard FileManager.default.fileExists(atPath: directory.path) else { return true }
        let manifest = directory.appendingPathComponent(name + ".frames.json")
        guard let data = try? Data(contentsOf: manifest),
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let frames = object["frames"] as? [[String: Any]]
        else { return false }
        let names = frames.flatMap { ($0["files"] as? [String: String])?.values.map { $0 } ?? [] }
        return !names.isEmpty
            && names.allSatisfy {
                FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path)
            }
    }

    @Test func framesWritesNumberedFilesAndAManifest() throws {
        let scratch = try GradViz.scratch([:])
        let output = scratch.appendingPathComponent("slides")
        let result = try GradViz.run(["frames", Self.sample, "-o", output.path, "--format", "svg", "--wrt", "w1"])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        #expect(names.first == "weight_sharing-01-structure.svg")
        #expect(names.contains("weight_sharing-13-sum.svg"))
        #expect(names.contains("weight_sharing.frames.json"))
        #expect(result.stderr.contains("Beamer needs --format pdf or png"))
    }

    @Test func usageErrorsExitWith64() throws {
        for arguments in [
            ["--lr", "0.1"], ["--sgd", "3"], ["--sgd", "3", "--lr", "-1"], ["--format", "gif"], ["--forward-only"],
        ] {
            let result = try GradViz.run(["frames", Self.sample] + arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
        }
        let unknown = try GradViz.run([
            "frames", Self.sample, "--sgd", "2", "--lr", "0.1", "--params", "nope", "-o", "/nonexistent/x",
        ])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no variable named 'nope'"))
    }

    /// A run interrupted at any moment leaves either no directory or a complete sequence.
    @Test(arguments: [Int32(SIGTERM), Int32(SIGKILL)])
    func aKilledRunLeavesNoPartialDirectory(signal: Int32) throws {
        let sample = GradViz.repository.appendingPathComponent("samples/fully_connected.grad").path
        for delay in [0.3, 2.0] {
            let scratch = try GradViz.scratch([:])
            let output = scratch.appendingPathComponent("slides")
            let process = Process()
            process.executableURL = GradViz.executable
            process.arguments = ["frames", sample, "-o", output.path, "--by", "node", "--format", "svg,png,pdf"]
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            #expect(try Self.isAbsentOrComplete(output), "signal \(signal) after \(delay) s")
            if signal != SIGKILL {
                let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0 != "slides" }
                #expect(left.isEmpty, "signal \(signal) after \(delay) s: \(left)")
            }
        }
    }

    @Test func renderForwardOnlyIsTheForwardFrameOnTheFullLayout() throws {
        let scratch = try GradViz.scratch([:])
        let forward = scratch.appendingPathComponent("forward.svg").path
        let full = scratch.appendingPathComponent("full.svg").path
        for arguments in [["--forward-only", "-o", forward], ["-o", full]] {
            let result = try GradViz.run(["render", Self.sample, "--wrt", "w1"] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let forwardSVG = try String(contentsOfFile: forward, encoding: .utf8)
        let fullSVG = try String(contentsOfFile: full, encoding: .utf8)
        let viewBox = { (svg: String) in svg.components(separatedBy: "viewBox=\"").dropFirst().first?.prefix(30) }
        #expect(viewBox(forwardSVG) == viewBox(fullSVG))
        #expect(!forwardSVG.contains("∂"))
        #expect(fullSVG.contains("∂"))
        #expect(forwardSVG.contains(">0.7311<"))
    }

    @Test func expandedFramesStepThroughTheTwoPathsOfAWeightEntry() throws {
        let sample = GradViz.repository.appendingPathComponent("samples/fully_connected_matrix.grad").path
        let output = try GradViz.scratch([:]).appendingPathComponent("slides")
        let result = try GradViz.run(
            ["frames", sample, "--expand", "--wrt", "W1[1,1]", "-o", output.path, "--format", "svg"])
        #expect(result.status == 0, "\(result.stderr)")
        let data = try Data(contentsOf: output.appendingPathComponent("fully_connected_matrix.frames.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let steps = (object["frames"] as? [[String: Any]] ?? []).compactMap { $0["step"] as? String }
        // The slide's two paths, each a frame, then their sum: as for fully_connected.grad.
        #expect(steps.filter { $0.hasPrefix("path") } == ["path1", "path2"], "\(steps)")
        #expect(steps.last == "sum")
        let scalar = try GradViz.run(
            [
                "frames", GradViz.repository.appendingPathComponent("samples/fully_connected.grad").path, "--wrt",
                "w_11_1",
                "-o", output.deletingLastPathComponent().appendingPathComponent("scalar").path, "--format", "svg",
            ])
        #expect(scalar.status == 0, "\(scalar.stderr)")
        let reference = try Data(
            contentsOf: output.deletingLastPathComponent().appendingPathComponent("scalar/fully_connected.frames.json"))
        let referenceSteps =
            ((try JSONSerialization.jsonObject(with: reference) as? [String: Any])?["frames"]
            as? [[String: Any]] ?? []).compactMap { $0["step"] as? String }
        #expect(steps == referenceSteps)
    }
}

extension FramesCommandTests {
    /// `frames --watch` uses render's watcher: a script that is broken from the start is
    /// reported and watched, fixing it writes the slides, and breaking it again is reported
    /// while the slides stay.
    @Test func watchRewritesTheFramesOnEveryChangeAndKeepsGoingAfterAnError() throws {
        let directory = try GradViz.scratch(["a.grad": "x = [1,\n"])
        let script = directory.appendingPathComponent("a.grad")
        let manifest = directory.appendingPathComponent("slides/a.frames.json")
        let log = directory.appendingPathComponent("stderr.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = GradViz.executable
        // Two re-renders, then it stops (the hidden bound exists for this test).
        process.arguments = ["frames", "a.grad", "-o", "slides", "--format", "svg", "--watch", "--watch-limit", "2"]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let stderr = { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
        #expect(FirstUseCommandTests.eventually { stderr().contains("watching 1 file") }, "\(stderr())")
        #expect(stderr().contains("a.grad:1:8: error:"))
        #expect(!FileManager.default.fileExists(atPath: manifest.path))
        // Fixed: the slides are written.
        Thread.sleep(forTimeInterval: 1.1)  // a new modification time on coarse file systems
        try Data("x = 0.5\nw = 3\ny = tanh(w * x)\n".utf8).write(to: script)
        #expect(FirstUseCommandTests.eventually { stderr().contains("a.grad: wrote") }, "\(stderr())")
        let written = try Data(contentsOf: manifest)
        #expect(try Self.isAbsentOrComplete(directory.appendingPathComponent("slides"), name: "a"))
        // Broken again: reported, the slides stay as they were, and the bound ends the run.
        Thread.sleep(forTimeInterval: 1.1)
        try Data("x = 0.5\ny = tanh(w * x)\n".utf8).write(to: script)
        #expect(FirstUseCommandTests.eventually { !process.isRunning }, "\(stderr())")
        #expect(process.terminationStatus == 0)
        #expect(stderr().contains("a.grad:2:10: error:"), "\(stderr())")
        #expect(try Data(contentsOf: manifest) == written)
        #expect(stderr().components(separatedBy: "a.grad: wrote ").count - 1 == 1)
    }
}
