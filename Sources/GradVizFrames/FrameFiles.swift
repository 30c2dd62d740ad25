import Foundation
import GradVizDOT
import GradVizExplain
import GradVizRender

/// Every file of a rendered slide build, in memory, ready to be written together: the frames
/// `NAME-NN-STEP.FORMAT`, the loss curve `NAME.loss.svg` of a training sequence, the Beamer
/// overlay `NAME.frames.tex` with the parts of each frame it places (`NAME-NN-STEP-graph.FORMAT`
/// and, with a `wrt` legend, `NAME-NN-STEP-legend.FORMAT`; with PDF or PNG frames) and the
/// manifest `NAME.frames.json`, last.
///
/// Everything is rendered before anything is written, so a failure part way writes nothing.
public struct FrameFiles {
    /// One output file.
    public struct File: Sendable {
        /// The file's name (no directory).
        public let name: String
        /// Its content.
        public let bytes: [UInt8]
    }

    /// The files, the manifest last.
    public let files: [File]
    /// Graphviz's warnings while rendering, and notes such as a `.frames.tex` left out.
    public let messages: [String]
    /// Set when the frames were drawn larger than their `size` (a slide), at
    /// `RenderOptions.minimumScale`: how large (the first format's, when several overflow).
    public let overflow: RenderResult.Overflow?

    /// Renders `sequence` as `formats` and assembles its files.
    ///
    /// - Parameters:
    ///   - name: The base of every file name (the script's name without its extension).
    ///   - source: The script's path, recorded in the manifest.
    ///   - title: The Beamer frame's title (default: `name`), escaped for LaTeX.
    ///   - progress: Called after each frame is rendered in a format with (done, total), counting
    ///     every frame in every format.
    public init(
        sequence: FrameSequence, name: String, source: String, formats: [RenderFormat],
        renderOptions: RenderOptions = RenderOptions(), title: String? = nil, progress: ((Int, Int) -> Void)? = nil
    ) throws(RenderError) {
        var files: [File] = []
        var messages: [String] = []
        var entries: [JSONValue] = []
        let total = sequence.frames.count
        let beamer = BeamerOverlay.format(among: formats)
        let parts = beamer.map { _ in sequence.beamerParts() }
        let partCount = parts.map { $0.graphs.count + ($0.legends?.count ?? 0) } ?? 0
        let work = total * formats.count + partCount
        // Each format is one layout for the whole build (PNG and PDF measure text with pango,
        // SVG with the embedded metrics, so their layouts differ).
        var rendered: [[RenderResult]] = []
        var done = 0
        for format in formats {
            var results: [RenderResult] = []
            results.reserveCapacity(total)
            try sequence.renderAll(format: format, options: renderOptions) { (_, result) throws(RenderError) in
                results.append(result)
                done += 1
                progress?(done, work)
            }
            rendered.append(results)
        }
        overflow = rendered.lazy.compactMap { $0.first?.overflow }.first
        // The parts a Beamer slide places apart, each its own sequence on one layout.
        var beamerFiles: [[String]] = []
        if let beamer, let parts {
            for (suffix, dots) in [("graph", parts.graphs), ("legend", parts.legends ?? [])] where !dots.isEmpty {
                var names: [String] = []
                try Renderer.renderFrames(dots: dots, format: beamer, options: renderOptions) {
                    (offset, result) throws(RenderError) in
                    let frame = sequence.frames[offset]
                    let file = Self.partFileName(name: name, frame: frame, count: total, part: suffix, format: beamer)
                    messages += result.warnings.map { "graphviz: \($0)" }
                    files.append(File(name: file, bytes: result.data))
                    names.append(file)
                    done += 1
                    progress?(done, work)
                }
                beamerFiles.append(names)
            }
        }
        for (offset, frame) in sequence.frames.enumerated() {
            var names: [(String, JSONValue)] = []
            for (position, format) in formats.enumerated() {
                let file = Self.frameFileName(name: name, frame: frame, count: total, format: format)
                let result = rendered[position][offset]
                messages += result.warnings.map { "graphviz: \($0)" }
                files.append(File(name: file, bytes: result.data))
                names.append((format.rawValue, .string(file)))
            }
            entries.append(
                .object([
                    ("index", .integer(frame.index)), ("step", .string(frame.step)),
                    ("caption", .string(frame.caption)), ("files", .object(names)),
                ]))
        }
        var manifest: [(String, JSONValue)] = [("file", .string(source)), ("frames", .array(entries))]
        if !sequence.losses.isEmpty {
            let curve = name + ".loss.svg"
            files.append(File(name: curve, bytes: Array(LossCurve(losses: sequence.losses).svg.utf8)))
            manifest.append(("losses", .array(sequence.losses.map(JSONValue.number))))
            manifest.append(("lossCurve", .string(curve)))
        }
        if let graphs = beamerFiles.first {
            let legends = beamerFiles.count > 1 ? beamerFiles[1] : []
            if let tex = BeamerOverlay(title: title ?? name, graphs: graphs, legends: legends).tex {
                let texName = name + ".frames.tex"
                files.append(File(name: texName, bytes: Array(tex.utf8)))
                manifest.append(("beamer", .string(texName)))
                manifest.append(("beamerFiles", .array((graphs + legends).map(JSONValue.string))))
            } else {
                messages.append(
                    "note: no \(name).frames.tex: LaTeX cannot include file names with characters other than "
                        + "letters, digits, '-' and '_'")
            }
        } else {
            messages.append("note: no \(name).frames.tex: Beamer needs --format pdf or png")
        }
        files.append(
            File(name: Self.manifestName(of: name), bytes: Array((JSONValue.object(manifest).text + "\n").utf8)))
        self.files = files
        self.messages = messages
    }

    /// `NAME-NN-STEP.FORMAT`, numbered from 01 with as many digits as the count needs.
    public static func frameFileName(name: String, frame: FrameSequence.Frame, count: Int, format: RenderFormat)
        -> String
    {
        let digits = max(2, String(count).count)
        let number = String(frame.index)
        return name + "-" + String(repeating: "0", count: max(0, digits - number.count)) + number + "-" + frame.step
            + "." + format.rawValue
    }

    /// `NAME-NN-STEP-PART.FORMAT`: a part (`graph`, `legend`) of a frame, for the Beamer overlay.
    static func partFileName(
        name: String, frame: FrameSequence.Frame, count: Int, part: String, format: RenderFormat
    ) -> String {
        let whole = frameFileName(name: name, frame: frame, count: count, format: format)
        return whole.dropLast(format.rawValue.count + 1) + "-" + part + "." + format.rawValue
    }

    /// `NAME.frames.json`, the manifest of a build of `name`.
    public static func manifestName(of name: String) -> String { name + ".frames.json" }

    /// The file names a manifest lists: each frame's files, the loss curve, the Beamer
    /// overlay and its parts (empty when `manifest` is not a manifest). Names with a `/` or that are `.` or
    /// `..` are left out: a manifest only lists files beside itself.
    public static func listedFiles(inManifest manifest: Data) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: manifest) as? [String: Any] else { return [] }
        var names: [String] = []
        for frame in object["frames"] as? [Any] ?? [] {
            guard let files = (frame as? [String: Any])?["files"] as? [String: Any] else { continue }
            names += files.values.compactMap { $0 as? String }
        }
        for key in ["lossCurve", "beamer"] {
            if let file = object[key] as? String { names.append(file) }
        }
        names += (object["beamerFiles"] as? [Any] ?? []).compactMap { $0 as? String }
        return names.filter { !$0.isEmpty && !$0.contains("/") && $0 != "." && $0 != ".." }
    }

    /// Whether a build of `name` could write a file called `file`: a frame
    /// `NAME-NN-STEP.svg|png|pdf`, a part of one `NAME-NN-STEP-graph|legend.png|pdf`,
    /// `NAME.loss.svg` or `NAME.frames.tex`.
    public static func isOwnFileName(_ file: String, of name: String) -> Bool {
        if file == name + ".loss.svg" || file == name + ".frames.tex" { return true }
        guard file.hasPrefix(name + "-") else { return false }
        let rest = file.dropFirst(name.count + 1)
        let parts = rest.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count >= 2, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return false
        }
        let stepAndExtension = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard stepAndExtension.count == 2,
            RenderFormat.framesFormats.map(\.rawValue).contains(String(stepAndExtension[1]))
        else { return false }
        var step = stepAndExtension[0]
        for part in ["-graph", "-legend"] where step.hasSuffix(part) { step = step.dropLast(part.count) }
        return !step.isEmpty && step.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
    }
}

extension RenderFormat {
    /// The formats a slide build draws its frames in: every drawn figure format (`dot` is the
    /// source, not a drawing). `frames --format` accepts these and its help lists them.
    public static let framesFormats: [RenderFormat] = allCases.filter(\.isDrawn)
}
