import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Captures what is written to file descriptor 2 while a closure runs.
///
/// Captures are serialised with each other, and whatever was captured is written back to the
/// real standard error afterwards, so no other output is lost (the test harness reports on
/// standard error too, and may do so for a test running in parallel).
enum StandardErrorCapture {
    private static let lock = NSLock()

    /// Runs `body` with fd 2 redirected to a temporary file; returns its result and the bytes
    /// written to fd 2 meanwhile, or `nil` when the redirection could not be set up.
    static func capture<T>(_ body: () throws -> T) rethrows -> (result: T, output: String)? {
        lock.lock()
        defer { lock.unlock() }
        var template = Array("/tmp/gradviz-stderr-XXXXXX".utf8CString)
        let file = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard file >= 0 else { return nil }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer {
            close(file)
            unlink(path)
        }
        fflush(nil)
        let saved = dup(2)
        guard saved >= 0 else { return nil }
        guard dup2(file, 2) >= 0 else {
            close(saved)
            return nil
        }
        let result: T
        do {
            defer {
                fflush(nil)
                dup2(saved, 2)
                close(saved)
            }
            result = try body()
        }
        let output = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        if !output.isEmpty { FileHandle.standardError.write(Data(output.utf8)) }
        return (result, output)
    }

    /// The lines of `output` that are not the Swift Testing harness's own event lines (which
    /// start with a symbol or a terminal colour escape, never with plain ASCII text the way
    /// Graphviz's messages do).
    static func foreignLines(in output: String) -> [Substring] {
        output.split(whereSeparator: \.isNewline).filter { line in
            guard let first = line.unicodeScalars.first else { return false }
            return first.isASCII && first != "\u{1B}"
        }
    }
}
