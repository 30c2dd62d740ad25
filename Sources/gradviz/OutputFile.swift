import Foundation

/// Writes output files atomically: the bytes go to a temporary file beside the destination,
/// which is then renamed over it, so a failure never leaves a partial or truncated file.
enum OutputFile {
    struct WriteError: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes `bytes` to `path`, creating its directory if needed; refuses to replace `input`.
    static func write(_ bytes: [UInt8], to path: String, protecting input: String) throws {
        let destination = URL(fileURLWithPath: path).standardizedFileURL
        let source = URL(fileURLWithPath: input).standardizedFileURL
        if destination.resolvingSymlinksInPath() == source.resolvingSymlinksInPath() {
            throw WriteError(description: "refusing to overwrite the input file")
        }
        let directory = destination.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw WriteError(description: "cannot create directory '\(directory.path)'")
        }
        let temporary = directory.appendingPathComponent(
            ".\(destination.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(bytes)) else {
            throw WriteError(description: "cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        guard rename(temporary.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw WriteError(description: "cannot write '\(path)': \(reason)")
        }
    }
}
