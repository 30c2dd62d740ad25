import Foundation
import GradVizNotation

/// The command line's one progress display: a status line on standard error for long work,
/// `regression.grad: laying out the svg … 4 s` or `regression.grad: rendering frame 12/40 … 9 s`,
/// redrawn in place.
///
/// It shows nothing unless standard error is a terminal (a pipe, a file or a CI log gets no
/// control characters), and nothing until the run has taken ``defaultDelay``: a run that ends
/// sooner looks exactly as it did without it. The line is on screen only while a ``stage(_:_:)``
/// runs and is cleared when the stage ends and before any message written with ``write(_:)``,
/// so it never runs into normal output: inside a stage, commands write only through
/// ``write(_:)`` (``ScriptInput`` does), and standard output only after the stage.
///
/// A background thread redraws the line four times a second while a stage runs (the work
/// itself, such as a Graphviz layout, gives no signs of life); the seconds it shows count from
/// the start of the run (``restart()``), so a run of several short stages shows progress too.
final class ProgressLine: @unchecked Sendable {
    /// How long a run goes before the line appears.
    static let defaultDelay: Duration = .seconds(1)
    /// How often the line is redrawn while a stage runs.
    static let interval: Duration = .milliseconds(250)
    /// The longest line shown (in characters), so that it fits a terminal of 80 columns and
    /// `\r` returns to its start; longer texts are cut at the front.
    static let maxWidth = 78

    /// The process's line: on standard error, shown when it is a terminal, after
    /// ``defaultDelay`` (tests of the binary set `GRADVIZ_PROGRESS_DELAY`, in seconds).
    static let shared = ProgressLine(
        isTerminal: isatty(STDERR_FILENO) != 0,
        delay: ProcessInfo.processInfo.environment["GRADVIZ_PROGRESS_DELAY"].flatMap(Double.init)
            .map { Duration.milliseconds(Int(($0 * 1000).rounded())) } ?? defaultDelay)

    private let lock = NSLock()
    private var enabled: Bool
    private let delay: Duration
    private let now: @Sendable () -> Duration
    private let output: @Sendable (String) -> Void
    private let ticking: Bool
    private var origin: Duration
    /// The stages running, outermost first, each with its detail (`frame 3/40`).
    private var stages: [(text: String, detail: String?)] = []
    /// The line on screen, or `nil`.
    private var shown: String?
    private var timerStarted = false

    /// A line that is shown only if `isTerminal`, once `delay` has passed since it was made (or
    /// since ``restart()``), with the time from `now` (by default a monotonic clock), written
    /// with `output` (by default to standard error). Without `ticking`, nothing redraws the line
    /// between calls (tests call ``refresh()`` themselves).
    init(
        isTerminal: Bool, delay: Duration = ProgressLine.defaultDelay,
        now: (@Sendable () -> Duration)? = nil,
        output: @escaping @Sendable (String) -> Void = {
            // A closed or broken standard error loses the text and nothing else.
            try? OutputFile.writeAll(Array($0.utf8), to: STDERR_FILENO, named: "standard error")
        },
        ticking: Bool = true
    ) {
        enabled = isTerminal
        self.delay = delay
        if let now {
            self.now = now
        } else {
            let clock = ContinuousClock()
            let start = clock.now
            self.now = { clock.now - start }
        }
        self.output = output
        self.ticking = ticking
        origin = self.now()
    }

    /// Starts a new run: the delay and the seconds shown count from now (each change `--watch`
    /// renders again).
    func restart() {
        lock.lock()
        defer { lock.unlock() }
        origin = now()
    }

    /// Runs `body` as one stage of the run, described by `text`: the line shows it while
    /// `body` runs, once the run has taken the delay, and is cleared when it returns or throws.
    func stage<R>(_ text: String, _ body: () throws -> R) rethrows -> R {
        lock.lock()
        stages.append((text, nil))
        let startTimer = enabled && ticking && !timerStarted
        if startTimer { timerStarted = true }
        lock.unlock()
        if startTimer { startRedrawing() }
        refresh()
        defer {
            lock.lock()
            stages.removeLast()
            if stages.isEmpty { clear() }
            lock.unlock()
            refresh()
        }
        return try body()
    }

    /// Sets what the innermost stage has got to (`frame 3/40`) and redraws the line.
    func detail(_ text: String) {
        lock.lock()
        if !stages.isEmpty { stages[stages.count - 1].detail = text }
        lock.unlock()
        refresh()
    }

    /// Writes `message` above the line: to standard error (or the output given), clearing the
    /// line first; the line comes back at the next redraw. Every message is escaped for a
    /// terminal (``TerminalText``): a file name or a label with control characters is shown, not
    /// obeyed. Messages go through ``StandardError/write(_:)``, which calls this.
    func writeAbove(_ message: String) {
        lock.lock()
        defer { lock.unlock() }
        clear()
        output(TerminalText.escaped(message))
    }

    /// Shows nothing from now on: a batch's worker process, whose standard error is held and
    /// written out later by the parent, draws no line of its own.
    func silence() {
        lock.lock()
        defer { lock.unlock() }
        clear()
        enabled = false
    }

    /// Draws the line as it should be now: nothing unless a stage runs on a terminal and the
    /// delay has passed. The redrawing thread calls this; so do tests.
    func refresh() {
        lock.lock()
        defer { lock.unlock() }
        guard enabled, let stage = stages.last else { return }
        let elapsed = now() - origin
        guard elapsed >= delay else { return }
        var text = TerminalText.escaped(stage.text + (stage.detail.map { " " + $0 } ?? ""), keepingLineBreaks: false)
        text += " … \(elapsed.components.seconds) s"
        if text.count > Self.maxWidth { text = "…" + text.suffix(Self.maxWidth - 1) }
        guard text != shown else { return }
        output("\r" + text + "\u{1B}[K")
        shown = text
    }

    /// Takes the line off the screen. Requires `lock`.
    private func clear() {
        guard shown != nil else { return }
        output("\r\u{1B}[K")
        shown = nil
    }

    /// Redraws the line every ``interval`` from a background thread, for the process's life.
    private func startRedrawing() {
        let seconds = Double(Self.interval.components.attoseconds) * 1e-18 + Double(Self.interval.components.seconds)
        Thread.detachNewThread { [self] in
            while true {
                Thread.sleep(forTimeInterval: seconds)
                refresh()
            }
        }
    }
}
