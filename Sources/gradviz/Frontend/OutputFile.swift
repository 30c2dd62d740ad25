import Foundation

/// Writes output files atomically and never replaces anything that is not a regular file.
///
/// - A regular file (or a new path) gets the bytes through a temporary file beside it, named
///   `.NAME.gradviz-PID-RANDOM.tmp`, written with `write(2)` (a full disk is an error), then
///   renamed over the destination: a failure or a kill never leaves a partial target. The file
///   is not `fsync`ed (as `dot -o` and `cp` do not): surviving a power cut is left to the file
///   system, and a batch of figures does not wait for the disk once per file. Stale
///   temporary files of processes that no longer exist are removed on the next write of the
///   same name.
/// - A standard stream or open descriptor named by path (`/dev/stdout`, `/dev/stderr`,
///   `/dev/fd/N`, `/proc/self/fd/N`, or a link to one) is written through that descriptor,
///   whatever it is open on: when standard error is a log file, the report is added to the log
///   where it stands, and the file is never replaced.
/// - A character device or FIFO (a pipe, `/dev/null`) is written directly.
/// - A symbolic link is followed: its target is written as above, the link stays.
/// - Anything else (a directory, a socket, a block device) is refused.
enum OutputFile {
    /// The help of `--quiet`, which every command that writes files takes (render, frames,
    /// check with `--junit`): each says what it wrote in `wrote …` lines on standard error.
    static let quietHelp = "Do not say what was written (the 'wrote …' lines on standard error)."

    struct WriteError: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes `bytes` to `path`, creating its directory if needed (and `creatingDirectory`);
    /// refuses to replace `input`.
    static func write(_ bytes: [UInt8], to path: String, protecting input: String, creatingDirectory: Bool = true)
        throws
    {
        if let descriptor = openDescriptor(named: path) {
            try writeAll(bytes, to: descriptor, named: path)
            return
        }
        let destination = URL(fileURLWithPath: path).standardizedFileURL
        let source = URL(fileURLWithPath: input).standardizedFileURL
        let target = destination.resolvingSymlinksInPath()
        if target == source.resolvingSymlinksInPath() {
            throw WriteError(description: "refusing to overwrite the input file")
        }
        var info = stat()
        if lstat(target.path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFCHR, S_IFIFO:
                try writeDirectly(bytes, to: target.path, named: path)
                return
            case S_IFDIR:
                throw WriteError(description: "cannot write '\(path)': it is a directory")
            default:
                throw WriteError(description: "refusing to replace '\(path)': it is not a regular file")
            }
        }
        let directory = target.deletingLastPathComponent()
        if creatingDirectory {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw WriteError(description: "cannot create directory '\(directory.path)'")
            }
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
                isDirectory.boolValue
            else {
                throw WriteError(description: "cannot write '\(path)': no directory '\(directory.path)'")
            }
        }
        let name = target.lastPathComponent
        removeStaleTemporaries(of: name, in: directory.path)
        let temporary = directory.appendingPathComponent(
            ".\(name).\(temporaryTag)-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        ).path
        // Interrupted while it exists (Ctrl-C during --watch), the temporary is removed.
        let cleanup = InterruptCleanup()
        cleanup.watch(temporary)
        defer { cleanup.finish() }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw WriteError(description: "cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        do {
            try writeAll(bytes, to: descriptor, named: path)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        // Closed once, even when close fails: Linux frees the descriptor either way, and closing
        // it again could close a file another thread has opened since.
        guard close(descriptor) == 0 else {
            let error = failure(path)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, target.path) == 0 else {
            let error = failure(path)
            unlink(temporary)
            throw error
        }
    }

    /// Whether `path`'s extension names a different known format than `format` (`-o x.svg
    /// --format png`): the message to show, or `nil` when they fit or the extension is not a
    /// format's (`-o /dev/stdout`, `-o figure`).
    static func extensionMismatch(_ path: String, format: String, known: [String]) -> String? {
        let suffix = (path as NSString).pathExtension.lowercased()
        guard known.contains(suffix), suffix != format.lowercased() else { return nil }
        return "-o '\(path)' ends in .\(suffix) but the format is \(format): the file would hold \(format) bytes"
    }

    /// The descriptor `path` names when it is one of the process's open descriptors spelled as a
    /// path: `/dev/stdin|stdout|stderr`, `/dev/fd/N`, `/proc/self/fd/N` or `/proc/PID/fd/N` of
    /// this process, directly or through symbolic links to one (at most 16 followed). These
    /// are not resolved further: on Linux the last link leads to whatever the descriptor is
    /// open on, a log file that must be written where it stands, not replaced. `nil` otherwise,
    /// and for a descriptor that is not open.
    static func openDescriptor(named path: String) -> Int32? {
        var current = URL(fileURLWithPath: path).standardizedFileURL.path
        for _ in 0..<16 {
            if let number = descriptorNumber(current) { return fcntl(number, F_GETFD) == -1 ? nil : number }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count > 0 else { return nil }
            let link = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let base = (current as NSString).deletingLastPathComponent
            current = URL(fileURLWithPath: link.hasPrefix("/") ? link : base + "/" + link).standardizedFileURL.path
        }
        return nil
    }

    /// The descriptor a path of the forms ``openDescriptor(named:)`` reads spells, if any.
    private static func descriptorNumber(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdin": return STDIN_FILENO
        case "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default: break
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let number: String
        if parts.count == 4, parts[1] == "dev", parts[2] == "fd" {
            number = parts[3]
        } else if parts.count == 5, parts[1] == "proc", parts[2] == "self" || parts[2] == String(getpid()),
            parts[3] == "fd"
        {
            number = parts[4]
        } else {
            return nil
        }
        guard !number.isEmpty, number.count <= 9, number.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int32(number)
    }

    /// The mark in every temporary file name, so leftovers are recognisably GradViz's.
    static let temporaryTag = "gradviz"

    /// Writes straight to a device or FIFO (no temporary file: it cannot be replaced).
    private static func writeDirectly(_ bytes: [UInt8], to target: String, named path: String) throws {
        let descriptor = open(target, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path) }
        defer { close(descriptor) }
        try writeAll(bytes, to: descriptor, named: path)
    }

    /// `write(2)` until every byte is out; ENOSPC and every other error are thrown (a closed
    /// standard output or error too, where Foundation's `FileHandle` would stop the process).
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, named path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + offset, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure(path)
            }
            guard written > 0 else { throw WriteError(description: "cannot write '\(path)': nothing was written") }
            offset += written
        }
    }

    /// Removes `.NAME.gradviz-PID-*.tmp` files in `directory` whose process no longer runs.
    private static func removeStaleTemporaries(of name: String, in directory: String) {
        let prefix = ".\(name).\(temporaryTag)-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            let rest = entry.dropFirst(prefix.count)
            guard let pid = rest.split(separator: "-").first.flatMap({ Int32($0) }), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink((directory as NSString).appendingPathComponent(entry))
            }
        }
    }

    private static func failure(_ path: String) -> WriteError {
        WriteError(description: "cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
}

/// Standard output, for every command: what a command prints goes through ``write(_:)``, so a
/// full disk (`> /dev/full`), a closed standard output or any other failed write is reported
/// (`gradviz: error: cannot write 'standard output': …`) and ends the command with status 2
/// rather than losing the output silently.
enum StandardOutput {
    /// Writes `bytes` to standard output, unbuffered.
    static func write(_ bytes: [UInt8]) throws {
        do {
            try OutputFile.writeAll(bytes, to: STDOUT_FILENO, named: "standard output")
        } catch {
            throw ScriptInput.report(file: "gradviz", String(describing: error))
        }
    }

    /// Writes `text`, followed by a line break unless it ends with one.
    static func write(line text: String) throws {
        try write(Array((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
