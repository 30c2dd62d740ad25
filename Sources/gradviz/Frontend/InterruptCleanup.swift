import Dispatch
import Foundation

/// Removes temporaries when the process is interrupted (SIGINT, SIGTERM), then exits with
/// 128 + the signal's number, so an interrupted run (`frames`, `render`, `--watch` at any
/// moment) leaves nothing behind. While files move into place (``holdSignals()``), an
/// interruption waits until ``finish()``, so a directory is never left half old and half new.
///
/// Each piece of work makes its own `InterruptCleanup` and ends it with ``finish()``; the
/// signals themselves are caught by one handler for the whole process, installed the first
/// time one is made (a temporary is about to exist; before that the signals' default action
/// stops the process, with nothing to clean) and never replaced, so however many runs a
/// `--watch` makes, SIGINT and SIGTERM always stop it.
final class InterruptCleanup: @unchecked Sendable {
    /// The work under way, and the one handler of the process's signals.
    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var live: [ObjectIdentifier: InterruptCleanup] = [:]
        var pending: Int32?
        private var sources: [DispatchSourceSignal] = []

        init() {
            for number in [SIGINT, SIGTERM] {
                // The dispatch source sees the signal; the default action must not end the
                // process first.
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [unowned self] in interrupted(number) }
                source.resume()
                sources.append(source)
            }
        }

        /// Exits now, removing every temporary, unless some work holds interruptions.
        func interrupted(_ number: Int32) {
            lock.lock()
            if live.values.contains(where: \.holding) {
                pending = number
                lock.unlock()
                return
            }
            for cleanup in live.values {
                for path in cleanup.paths { try? FileManager.default.removeItem(atPath: path) }
            }
            _exit(128 + number)
        }
    }

    /// Installed on first use, for the life of the process.
    private static let registry = Registry()

    // Guarded by the registry's lock.
    private var paths: [String] = []
    private var holding = false

    /// Starts a piece of work whose temporaries are removed if the process is interrupted.
    init() {
        let registry = Self.registry
        registry.lock.lock()
        defer { registry.lock.unlock() }
        registry.live[ObjectIdentifier(self)] = self
    }

    /// Sets the temporary to remove on interruption (`nil`: none).
    func watch(_ path: String?) {
        let registry = Self.registry
        registry.lock.lock()
        defer { registry.lock.unlock() }
        paths = path.map { [$0] } ?? []
    }

    /// Holds any interruption until ``finish()``.
    func holdSignals() {
        let registry = Self.registry
        registry.lock.lock()
        defer { registry.lock.unlock() }
        holding = true
    }

    /// Ends the work: exits now if an interruption was held and no other work holds one, else
    /// forgets this work's temporaries.
    func finish() {
        let registry = Self.registry
        registry.lock.lock()
        holding = false
        paths = []
        registry.live[ObjectIdentifier(self)] = nil
        if let pending = registry.pending, !registry.live.values.contains(where: \.holding) {
            for cleanup in registry.live.values {
                for path in cleanup.paths { try? FileManager.default.removeItem(atPath: path) }
            }
            _exit(128 + pending)
        }
        registry.lock.unlock()
    }
}
