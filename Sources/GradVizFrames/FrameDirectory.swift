import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a slide build's files into a directory as one unit: everything goes into a hidden
/// temporary directory beside it first, which then becomes the directory (when it did not exist)
/// or whose files are renamed into it, the manifest last. A failure part way removes the
/// temporary directory, so no partial sequence is left behind; a run killed outright leaves only
/// that hidden directory, which the next write removes.
public enum FrameDirectory {
    /// Why the files could not be written.
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        /// A one-line explanation.
        public let description: String
    }

    /// Writes `files` into `directory`, creating it if needed, after removing the frames a
    /// previous build of `name` left there.
    ///
    /// - Parameters:
    ///   - protecting: Paths that must never be overwritten (the input script).
    ///   - willWrite: Called with the temporary directory's path before anything is written
    ///     into it, so a caller can remove it if the process is interrupted.
    ///   - willMove: Called when the temporary directory is complete, just before its files
    ///     move into place (a few renames), so a caller can hold off an interruption until the
    ///     directory is consistent again.
    public static func write(
        _ files: FrameFiles, name: String, to directory: String, protecting: [String] = [],
        willWrite: (String) -> Void = { _ in }, willMove: () -> Void = {}
    ) throws(WriteError) {
        let manager = FileManager.default
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw WriteError(description: "'\(directory)' exists and is not a directory")
        }
        let protected = Set(protecting.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path })
        for file in files.files {
            let destination = target.appendingPathComponent(file.name)
            if protected.contains(destination.resolvingSymlinksInPath().path) {
                throw WriteError(description: "refusing to overwrite the input file '\(destination.path)'")
            }
            if exists, let kind = fileType(destination.path), kind != .typeRegular {
                throw WriteError(description: "'\(destination.path)' exists and is not a regular file")
            }
        }
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw WriteError(description: "cannot create directory '\(parent.path)'")
        }
        removeAbandonedTemporaries(in: parent, for: target.lastPathComponent)
        let temporary = parent.appendingPathComponent(
            "." + target.lastPathComponent + ".frames-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp")
        willWrite(temporary.path)
        do {
            try manager.createDirectory(at: temporary, withIntermediateDirectories: false)
            for file in files.files {
                guard manager.createFile(atPath: temporary.appendingPathComponent(file.name).path, contents: Data(file.bytes))
                else {
                    throw WriteError(description: "cannot write '\(file.name)': \(String(cString: strerror(errno)))")
                }
            }
            willMove()
            if !exists {
                guard rename(temporary.path, target.path) == 0 else {
                    throw WriteError(description: "cannot create '\(directory)': \(String(cString: strerror(errno)))")
                }
                return
            }
            removeStaleFrames(of: name, in: target, keeping: Set(files.files.map(\.name)))
            for file in files.files {
                let from = temporary.appendingPathComponent(file.name).path
                let to = target.appendingPathComponent(file.name).path
                guard rename(from, to) == 0 else {
                    throw WriteError(description: "cannot write '\(to)': \(String(cString: strerror(errno)))")
                }
            }
            try? manager.removeItem(at: temporary)
        } catch let error as WriteError {
            try? manager.removeItem(at: temporary)
            throw error
        } catch {
            try? manager.removeItem(at: temporary)
            throw WriteError(description: "cannot write into '\(directory)': \(error.localizedDescription)")
        }
    }

    /// The type of the file at `path` without following a symbolic link, or `nil` if none.
    private static func fileType(_ path: String) -> FileAttributeType? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return attributes[.type] as? FileAttributeType
    }

    /// Removes `NAME-NN-STEP.svg|png|pdf` files of an earlier build that this one does not
    /// write, so the directory holds one consistent sequence.
    private static func removeStaleFrames(of name: String, in directory: URL, keeping: Set<String>) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for entry in entries where !keeping.contains(entry) && isFrameFile(entry, of: name) {
            let path = directory.appendingPathComponent(entry).path
            if fileType(path) == .typeRegular { unlink(path) }
        }
    }

    /// Whether `file` is named like a frame of `name`: `NAME-` digits `-` a lowercase word with
    /// optional digits, then `.svg`, `.png` or `.pdf`.
    static func isFrameFile(_ file: String, of name: String) -> Bool {
        guard file.hasPrefix(name + "-") else { return false }
        let rest = file.dropFirst(name.count + 1)
        let parts = rest.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count >= 2, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return false
        }
        let stepAndExtension = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard stepAndExtension.count == 2, ["svg", "png", "pdf"].contains(stepAndExtension[1]) else { return false }
        let step = stepAndExtension[0]
        return !step.isEmpty && step.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
    }

    /// Removes hidden temporary directories of earlier writes to `name` whose process is gone.
    private static func removeAbandonedTemporaries(in parent: URL, for name: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        let prefix = "." + name + ".frames-"
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            let fields = entry.dropFirst(prefix.count).split(separator: "-")
            guard let pid = fields.first.flatMap({ Int32($0) }), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
    }
}
