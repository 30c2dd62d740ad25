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

    /// Writes `files` into `directory`, creating it if needed, after removing the files a
    /// previous build of `name` wrote there that this one does not: those its manifest
    /// `NAME.frames.json` lists (frames, loss curve, Beamer overlay). No other file is touched,
    /// however it is named.
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
        let protected = Set(
            protecting.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path })
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
                guard
                    manager.createFile(
                        atPath: temporary.appendingPathComponent(file.name).path, contents: Data(file.bytes))
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
            removeStaleFiles(of: name, in: target, keeping: Set(files.files.map(\.name)), protecting: protected)
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

    /// Removes the files the previous manifest of `name` in `directory` lists that this build
    /// does not write, so the directory holds exactly the files of the last build. Only a
    /// listed name a build of `name` could have written (``FrameFiles/isOwnFileName(_:of:)``)
    /// and only a regular file is removed: a hand-edited manifest cannot delete anything else.
    private static func removeStaleFiles(
        of name: String, in directory: URL, keeping: Set<String>, protecting: Set<String>
    ) {
        let manifest = directory.appendingPathComponent(FrameFiles.manifestName(of: name)).path
        guard fileType(manifest) == .typeRegular, let data = FileManager.default.contents(atPath: manifest) else {
            return
        }
        for entry in FrameFiles.listedFiles(inManifest: data)
        where !keeping.contains(entry) && FrameFiles.isOwnFileName(entry, of: name) {
            let path = directory.appendingPathComponent(entry)
            guard !protecting.contains(path.resolvingSymlinksInPath().path) else { continue }
            if fileType(path.path) == .typeRegular { unlink(path.path) }
        }
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
