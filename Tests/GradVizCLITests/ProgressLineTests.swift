import Foundation
import Testing

@testable import gradviz

/// The progress line on standard error: shown only on a terminal, only once a run has taken a
/// second, and never run into normal output.
@Suite struct ProgressLineTests {
    /// A clock the test moves, and everything the line wrote.
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var time: Duration = .zero
        private var written: [String] = []

        var now: Duration {
            get { lock.withLock { time } }
            set { lock.withLock { time = newValue } }
        }
        var output: String { lock.withLock { written.joined() } }
        var writes: [String] { lock.withLock { written } }

        func line(isTerminal: Bool = true) -> ProgressLine {
            ProgressLine(
                isTerminal: isTerminal, delay: .seconds(1), now: { [self] in now },
                output: { [self] text in lock.withLock { written.append(text) } }, ticking: false)
        }
    }

    static let clear = "\r\u{1B}[K"

    @Test func nothingIsShownWhenStandardErrorIsNotATerminal() {
        let recorder = Recorder()
        let line = recorder.line(isTerminal: false)
        line.stage("big.grad: figure and DOT") {
            recorder.now = .seconds(30)
            line.refresh()
            line.detail("3/40")
        }
        line.writeAbove("big.grad: note: something\n")
        #expect(recorder.output == "big.grad: note: something\n")
    }

    @Test func aRunThatEndsWithinTheDelayShowsNothing() {
        let recorder = Recorder()
        let line = recorder.line()
        line.stage("small.grad: evaluate") {
            recorder.now = .milliseconds(500)
            line.refresh()
        }
        line.stage("small.grad: figure and DOT") {
            recorder.now = .milliseconds(999)
            line.refresh()
        }
        #expect(recorder.output == "")
    }

    @Test func aLongStageShowsItsTextAndSecondsInPlaceAndIsClearedWhenItEnds() {
        let recorder = Recorder()
        let line = recorder.line()
        line.stage("big.grad: layout and svg output") {
            recorder.now = .milliseconds(1200)
            line.refresh()
            recorder.now = .milliseconds(1900)
            line.refresh()  // the same text: not written again
            recorder.now = .milliseconds(2100)
            line.refresh()
        }
        #expect(
            recorder.writes == [
                "\rbig.grad: layout and svg output … 1 s\u{1B}[K", "\rbig.grad: layout and svg output … 2 s\u{1B}[K",
                Self.clear,
            ])
    }

    @Test func theSecondsCountFromTheStartOfTheRunAcrossStages() {
        let recorder = Recorder()
        let line = recorder.line()
        line.stage("f.grad: evaluate") { recorder.now = .milliseconds(700) }
        // A second short stage still shows once the run as a whole passes the delay, at once.
        recorder.now = .milliseconds(1500)
        line.stage("f.grad: figure and DOT") {}
        #expect(recorder.writes == ["\rf.grad: figure and DOT … 1 s\u{1B}[K", Self.clear])
        // --watch renders again: a new run, a new delay.
        line.restart()
        line.stage("f.grad: evaluate") {
            recorder.now = .milliseconds(2000)
            line.refresh()
        }
        #expect(recorder.writes.count == 2)
    }

    @Test func aMessageDuringAStageClearsTheLineFirstAndTheLineComesBack() {
        let recorder = Recorder()
        let line = recorder.line()
        recorder.now = .seconds(3)
        line.stage("f.grad: evaluate") {
            line.writeAbove("f.grad:1:5: warning: literal underflows\n")
            line.refresh()
        }
        #expect(
            recorder.writes == [
                "\rf.grad: evaluate … 3 s\u{1B}[K", Self.clear, "f.grad:1:5: warning: literal underflows\n",
                "\rf.grad: evaluate … 3 s\u{1B}[K", Self.clear,
            ])
        // Without a line on screen, a message is written as it is.
        line.writeAbove("wrote out.svg\n")
        #expect(recorder.writes.last == "wrote out.svg\n")
    }

    @Test func framesShowHowFarTheyHaveGotAndALongTextKeepsItsEnd() {
        let recorder = Recorder()
        let line = recorder.line()
        recorder.now = .seconds(2)
        let name = String(repeating: "long/", count: 30) + "f.grad"
        line.stage("\(name): rendering frame") {
            line.detail("3/40")
        }
        // The stage's text at once, then with the detail.
        #expect(recorder.writes.count == 3)
        let shown = recorder.writes[1]
        #expect(shown.hasSuffix("f.grad: rendering frame 3/40 … 2 s\u{1B}[K") && shown.hasPrefix("\r…"))
        #expect(shown.dropFirst().dropLast(3).count == ProgressLine.maxWidth)
    }

    // MARK: Through the binary

    /// Runs `gradviz arguments…` with standard error (and output) on a pseudo-terminal, by
    /// util-linux `script`, and returns what the terminal received.
    static func onTerminal(_ arguments: [String], in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let command = ([GradViz.executable.path] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        process.arguments = ["-q", "-e", "-c", command, "/dev/null"]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["GRADVIZ_PROGRESS_DELAY"] = "0"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func theBinaryShowsProgressOnATerminalOnlyAndClearsItBeforeItsMessages() throws {
        let directory = try GradViz.scratch([:])
        defer { try? FileManager.default.removeItem(at: directory) }
        let sample = GradViz.repository.appendingPathComponent("samples/regression.grad").path
        // With no delay, every stage shows; the terminal gets each line and its clearing.
        let terminal = try Self.onTerminal(["frames", sample, "-o", "f", "--format", "svg"], in: directory)
        #expect(terminal.contains("regression.grad: rendering frame 1/"))
        // frames then says what it wrote, on a cleared line.
        #expect(terminal.contains(Self.clear) && terminal.hasSuffix("regression.grad: wrote 7 frames to f\r\n"))
        let rendered = try Self.onTerminal(["render", sample, "-o", "r.svg"], in: directory)
        #expect(rendered.contains("regression.grad: layout and svg output"))
        // The message after the stages starts on a cleared line, not after the status text.
        #expect(rendered.hasSuffix(Self.clear + "wrote r.svg\r\n"))
        // A batch prepares the next file on a second thread; waiting for it shows as a stage.
        let text = try String(contentsOfFile: sample, encoding: .utf8)
        try text.write(to: directory.appendingPathComponent("one.grad"), atomically: true, encoding: .utf8)
        try text.write(to: directory.appendingPathComponent("two.grad"), atomically: true, encoding: .utf8)
        let batch = try Self.onTerminal(["render", "one.grad", "two.grad", "-o", "b/"], in: directory)
        #expect(batch.contains("two.grad (2/2): evaluate and draw"), "\(batch)")
        #expect(batch.contains("two.grad (2/2): layout and svg output"))
        // Standard output comes after the line is cleared, whole: what eval prints to a pipe.
        let evaluated = try Self.onTerminal(["eval", sample], in: directory)
        let plain = try GradViz.run(["eval", sample], in: directory)
        #expect(evaluated.contains("regression.grad: evaluate"))
        #expect(evaluated.hasSuffix(Self.clear + plain.stdout.replacingOccurrences(of: "\n", with: "\r\n")))
        // Standard error to a pipe: no status line, no control characters.
        let piped = try GradViz.run(
            ["render", sample, "-o", "p.svg"], in: directory,
            environment: ProcessInfo.processInfo.environment.merging(["GRADVIZ_PROGRESS_DELAY": "0"]) { $1 })
        #expect(piped.status == 0)
        #expect(piped.stderr == "wrote p.svg\n")
    }
}
