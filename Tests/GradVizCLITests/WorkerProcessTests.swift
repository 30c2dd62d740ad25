import Foundation
import Testing

/// A batch's worker processes, run as a user's shell or a course's CI would start `gradviz`:
/// with odd inherited signal dispositions and closed standard streams, and stopped from outside.
@Suite struct WorkerProcessTests {
    /// Four small scripts, the last bad (a worker's with `--jobs 2`), in a fresh directory.
    static func batch() throws -> (directory: URL, names: [String]) {
        var files: [String: String] = [:]
        let names = (1...4).map { "s\($0).grad" }
        for (index, name) in names.enumerated() {
            files[name] = index == 3 ? "x = 1\ny = x + zz\n" : "x = \(index).5\ny = tanh(2 * x)\n"
        }
        return (try GradViz.scratch(files), names)
    }

    /// Runs `gradviz` through `/bin/sh -c SCRIPT`, with `$GRADVIZ` naming the binary.
    static func shell(_ script: String, in directory: URL) throws -> GradViz.Result {
        var environment = ProcessInfo.processInfo.environment
        environment["GRADVIZ"] = GradViz.executable.path
        return try GradViz.run(
            ["-c", script], in: directory, environment: environment, program: URL(fileURLWithPath: "/bin/sh"))
    }

    /// An ignored SIGCHLD is inherited across `exec` and would reap the workers unseen: the bad
    /// file in a worker's chunk must still make the status 2.
    @Test func aWorkersFailureCountsWhenSIGCHLDIsIgnored() throws {
        let (directory, names) = try Self.batch()
        // perl (Debian's perl-base is essential) ignores SIGCHLD and runs gradviz so; a shell's
        // `trap '' CHLD` does not reach the program it runs.
        let result = try Self.shell(
            "exec perl -e '$SIG{CHLD} = \"IGNORE\"; exec @ARGV' \"$GRADVIZ\" render \(names.joined(separator: " ")) "
                + "-o out/ --jobs 2",
            in: directory)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("s4.grad:2:9: error: unknown name 'zz'"), "\(result.stderr)")
    }

    /// With standard error closed, the batch still renders every good file, in workers or not,
    /// and ends with the status of its bad file (no crash, no loop).
    @Test func aBatchWithStandardErrorClosedRendersAndEnds() throws {
        let (directory, names) = try Self.batch()
        let result = try Self.shell(
            "exec \"$GRADVIZ\" render \(names.joined(separator: " ")) -o out/ --jobs 2 2>&-", in: directory)
        #expect(result.status == 2)
        for name in names.dropLast() {
            let svg = directory.appendingPathComponent("out/" + name.replacingOccurrences(of: ".grad", with: ".svg"))
            #expect(FileManager.default.fileExists(atPath: svg.path), "\(svg.lastPathComponent)")
        }
    }

    /// Closed standard output (`-o -`) and closed standard input (`-`) are errors with status 2,
    /// not a stop of the process.
    @Test func closedStandardStreamsAreErrorsNotCrashes() throws {
        let sample = GradViz.repository.appendingPathComponent("samples/regression.grad").path
        let directory = try GradViz.scratch([:])
        let stdout = try Self.shell("exec \"$GRADVIZ\" render '\(sample)' -o - >&-", in: directory)
        #expect(stdout.status == 2)
        #expect(stdout.stderr.contains("gradviz: error: cannot write 'standard output'"), "\(stdout.stderr)")
        let stdin = try Self.shell("exec \"$GRADVIZ\" eval - <&-", in: directory)
        #expect(stdin.status == 2)
        #expect(stdin.stderr.contains("<stdin>: error: cannot read standard input"), "\(stdin.stderr)")
    }

    @Test func jobsWithWatchOrStandardInputIsAUsageError() throws {
        let (directory, names) = try Self.batch()
        let watch = try GradViz.run(["render", names[0], "--watch", "--jobs", "2"], in: directory)
        #expect(watch.status == 64 && watch.stderr.contains("--watch renders in one process"), "\(watch.stderr)")
        let stdin = try GradViz.run(["render", "-", names[0], "--jobs", "2"], in: directory)
        #expect(
            stdin.status == 64 && stdin.stderr.contains("standard input ('-') is read by one process"),
            "\(stdin.stderr)")
    }

    /// The process IDs whose parent is `pid` (Linux: `/proc/*/stat`).
    static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let child = Int32(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return nil }
            // After "pid (comm)": the state, then the parent's pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == pid ? child : nil
        }
    }

    /// Whether process `pid` still runs: it exists and is not a zombie (a killed worker may wait
    /// to be reaped by whoever adopted it).
    static func runs(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }

    /// A worker ends with the command that started it, however the command ends, even when only
    /// the command is stopped (as `timeout`, a supervisor or Python's `Popen.terminate()` do):
    /// no worker goes on writing figures on its own. The command is killed with SIGKILL, which
    /// it cannot outlast (a process this test starts has most other signals blocked, inherited
    /// from the test runner); each worker has seconds of figures ahead of it (chains of 150
    /// tanh nodes) and must be gone within one second.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/stat")))
    func workersEndWhenTheCommandIsStopped() throws {
        let chain = "a0 = 0.5\n" + (1..<150).map { "a\($0) = tanh(a\($0 - 1) * 1.01 + 0.1)\n" }.joined()
        var files: [String: String] = [:]
        let names = (1...40).map { "c\($0).grad" }
        for name in names { files[name] = chain }
        let directory = try GradViz.scratch(files)
        let process = Process()
        process.executableURL = GradViz.executable
        process.arguments = ["render"] + names + ["-o", "out/", "--jobs", "2", "--quiet"]
        process.currentDirectoryURL = directory
        process.standardError = FileHandle.nullDevice
        try process.run()
        let parent = process.processIdentifier
        var workers: [Int32] = []
        let deadline = Date().addingTimeInterval(20)
        while workers.isEmpty && process.isRunning && Date() < deadline {
            workers = Self.children(of: parent)
            Thread.sleep(forTimeInterval: 0.005)
        }
        try #require(!workers.isEmpty, "no worker process was seen")
        kill(parent, SIGKILL)
        // Checked before waiting for the command: Foundation's `waitUntilExit` returned only
        // once a surviving worker had ended, in runs without the tie to the parent.
        let gone = Date().addingTimeInterval(1)
        while workers.contains(where: Self.runs) && Date() < gone { Thread.sleep(forTimeInterval: 0.01) }
        #expect(!workers.contains(where: Self.runs), "a worker outlived the command")
        process.waitUntilExit()
    }
}
