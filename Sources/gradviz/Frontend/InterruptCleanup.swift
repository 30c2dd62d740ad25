import Dispatch
import Foundation

/// Removes a temporary directory when the process is interrupted (SIGINT, SIGTERM) while it
/// exists, then exits with 128 + the signal's number, so an interrupted `frames` run leaves
/// nothing behind. While files move into place (``holdSignals()``), an interruption waits until
/// ``finish()``, so the directory is never left half old and half new.
final class InterruptCleanup: @unchecked Sendable {
    private let lock = NSLock()
    private var path: String?
    private var holding = false
    private var pending: Int32?
    private var sources: [DispatchSourceSignal] = []

    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in interrupted(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Sets the directory to remove on interruption (`nil`: none).
    func watch(_ path: String?) {
        lock.lock()
        defer { lock.unlock() }
        self.path = path
    }

    /// Holds any interruption until ``finish()``.
    func holdSignals() {
        lock.lock()
        defer { lock.unlock() }
        holding = true
    }

    /// Ends the work: exits now if an interruption was held, else stops watching.
    func finish() {
        lock.lock()
        holding = false
        path = nil
        if let pending { _exit(128 + pending) }
        lock.unlock()
    }

    private func interrupted(_ number: Int32) {
        lock.lock()
        if holding {
            pending = number
            lock.unlock()
            return
        }
        if let path { try? FileManager.default.removeItem(atPath: path) }
        _exit(128 + number)
    }
}
