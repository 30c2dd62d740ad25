import Dispatch
import Foundation

/// Removes a temporary directory when the process is interrupted (SIGINT, SIGTERM) while it
/// exists, then exits with 128 + the signal's number, so an interrupted `frames` run leaves
/// nothing behind.
final class InterruptCleanup: @unchecked Sendable {
    private let lock = NSLock()
    private var path: String?
    private var sources: [DispatchSourceSignal] = []

    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                lock.lock()
                if let path { try? FileManager.default.removeItem(atPath: path) }
                _exit(128 + number)
            }
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
}
