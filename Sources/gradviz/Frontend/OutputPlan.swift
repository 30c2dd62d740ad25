import ArgumentParser
import Foundation
import GradVizRender

/// Where each rendered file goes.
struct OutputPlan {
    let formats: [String]
    let directory: String?
    let file: String?

    private init(formats: [String], directory: String?, file: String?) {
        self.formats = formats
        self.directory = directory
        self.file = file
    }

    func destination(for input: String, format: String) -> String {
        if let file { return file }
        // A script read from standard input (`-`) is called `stdin`: output/stdin.svg.
        let base = input == "-" ? "stdin" : ((input as NSString).lastPathComponent as NSString).deletingPathExtension
        return ((directory ?? "output") as NSString).appendingPathComponent("\(base).\(format)")
    }

    /// The plan for `render`'s `-o output`, `--format format` and inputs `files`, `known` the
    /// format names it takes: `-o -` is standard output (one input, one format); a name ending in
    /// `/`, an existing directory or, for several files, a name without an extension is a
    /// directory; otherwise `-o` names the one file, its format from `--format` or its extension.
    init(output: String?, format: String?, files: [String], known: [String]) throws {
        self = try Self.make(output: output, format: format, files: files, known: known)
    }

    private static func make(output: String?, format: String?, files: [String], known: [String]) throws -> OutputPlan {
        var formats =
            format.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() } } ?? []
        for name in formats where !known.contains(name) {
            throw ValidationError(
                "unknown format '\(name)': use \(known.dropLast().joined(separator: ", ")) or \(known.last ?? "")")
        }
        guard let output else {
            return Self(formats: formats.isEmpty ? ["svg"] : formats, directory: "output", file: nil)
        }
        if output == "-" {
            guard files.count == 1, formats.count <= 1 else {
                throw ValidationError("-o - writes one input in one format to standard output")
            }
            return Self(formats: formats.isEmpty ? ["svg"] : formats, directory: nil, file: "-")
        }
        var isDirectory: ObjCBool = false
        if output.hasSuffix("/")
            || (FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) && isDirectory.boolValue)
        {
            return Self(formats: formats.isEmpty ? ["svg"] : formats, directory: output, file: nil)
        }
        let extensionFormat = (output as NSString).pathExtension.lowercased()
        if extensionFormat.isEmpty, files.count > 1 || formats.count > 1 {
            // `-o figures --format svg,png`: a name without an extension is a directory when
            // several files would be written.
            return Self(formats: formats.isEmpty ? ["svg"] : formats, directory: output, file: nil)
        }
        if formats.isEmpty {
            guard known.contains(extensionFormat) else {
                let names = known.map { "." + $0 }.joined(separator: "/")
                throw ValidationError("cannot tell the format of '\(output)': use --format or a \(names) name")
            }
            formats = [extensionFormat]
        }
        guard files.count == 1, formats.count == 1 else {
            throw ValidationError("-o names one file: give a directory for several inputs or formats")
        }
        if let mismatch = OutputFile.extensionMismatch(output, format: formats[0], known: known) {
            throw ValidationError(mismatch)
        }
        return Self(formats: formats, directory: nil, file: output)
    }
}
