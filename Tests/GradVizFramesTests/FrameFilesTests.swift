import Foundation
import GradVizDOT
import GradVizFrames
import GradVizRender
import Testing

/// The files of a slide build: numbered frames, a manifest that parses, a Beamer overlay that
/// compiles, all written together.
@Suite struct FrameFilesTests {
    static func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gradviz-frames-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func theManifestListsEveryFrameWithItsCaptionAndFiles() throws {
        let (_, sequence) = try Samples.frames("single_path.grad")
        let files = try FrameFiles(
            sequence: sequence, name: "single_path", source: "samples/single_path.grad", formats: [.svg])
        let directory = try Self.scratch().appendingPathComponent("out")
        try FrameDirectory.write(files, name: "single_path", to: directory.path)
        let data = try Data(contentsOf: directory.appendingPathComponent("single_path.frames.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(manifest["file"] as? String == "samples/single_path.grad")
        let frames = try #require(manifest["frames"] as? [[String: Any]])
        #expect(frames.count == sequence.frames.count)
        for (entry, frame) in zip(frames, sequence.frames) {
            #expect(entry["index"] as? Int == frame.index)
            #expect(entry["step"] as? String == frame.step)
            #expect(entry["caption"] as? String == frame.caption)
            let svg = try #require((entry["files"] as? [String: String])?["svg"])
            #expect(svg == String(format: "single_path-%02d-%@.svg", frame.index, frame.step))
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(svg).path))
        }
        // No temporary directory is left beside the output.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: directory.deletingLastPathComponent().path)
        #expect(siblings == ["out"])
    }

    @Test func aSecondBuildReplacesTheFirstsFramesAndKeepsOtherFiles() throws {
        let directory = try Self.scratch()
        var options = FigureOptions()
        options.wrt = "w1"
        let long = try Samples.frames("weight_sharing.grad", options: options).sequence
        try FrameDirectory.write(
            try FrameFiles(sequence: long, name: "weight_sharing", source: "w.grad", formats: [.svg]),
            name: "weight_sharing", to: directory.path)
        try Data("keep".utf8).write(to: directory.appendingPathComponent("weight_sharing.svg"))
        let short = try Samples.frames("weight_sharing.grad").sequence
        try FrameDirectory.write(
            try FrameFiles(sequence: short, name: "weight_sharing", source: "w.grad", formats: [.svg]),
            name: "weight_sharing", to: directory.path)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(names.filter { $0.hasSuffix(".svg") && $0.contains("-") }.count == short.frames.count)
        #expect(!names.contains { $0.contains("-sum.") || $0.contains("-path") })
        #expect(names.contains("weight_sharing.svg"))
    }

    @Test func aDirectoryHoldsExactlyTheFilesOfItsLastBuildAndNoOneElsesAreTouched() throws {
        let directory = try Self.scratch()
        let evaluation = try Samples.evaluate("regression.grad")
        let graph = evaluation.graph
        let training = try FrameSequence(
            training: graph, output: evaluation.output.id, options: FigureOptions(),
            parameters: FrameSequence.defaultParameters(of: graph), learningRate: 0.001, steps: 1,
            measure: FrameSequence.graphvizMeasure)
        let first = try FrameFiles(sequence: training, name: "regression", source: "r.grad", formats: [.png])
        try FrameDirectory.write(first, name: "regression", to: directory.path)
        let firstNames = Set(first.files.map(\.name))
        #expect(firstNames.contains("regression.frames.tex") && firstNames.contains("regression.loss.svg"))
        // Files that are not the build's, one named exactly like a frame of it.
        let mine = ["regression-42-mine.svg", "regression-01-start.pdf", "regression.notes.txt"]
        for name in mine { try Data("mine".utf8).write(to: directory.appendingPathComponent(name)) }

        let (_, plain) = try Samples.frames("regression.grad")
        let second = try FrameFiles(sequence: plain, name: "regression", source: "r.grad", formats: [.svg])
        try FrameDirectory.write(second, name: "regression", to: directory.path)
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        #expect(names == Set(second.files.map(\.name)).union(mine))
        for name in mine {
            #expect(try Data(contentsOf: directory.appendingPathComponent(name)) == Data("mine".utf8))
        }
    }

    @Test func theBeamerOverlayCompilesWithOnePagePerFrame() throws {
        let (_, sequence) = try Samples.frames("weight_sharing.grad")
        let files = try FrameFiles(sequence: sequence, name: "weight_sharing", source: "w.grad", formats: [.pdf])
        let directory = try Self.scratch()
        try FrameDirectory.write(files, name: "weight_sharing", to: directory.path)
        let tex = try String(contentsOf: directory.appendingPathComponent("weight_sharing.frames.tex"), encoding: .utf8)
        #expect(tex.contains("\\includegraphics<1>"))
        #expect(tex.contains("\\begin{frame}{weight\\_sharing}"))
        try Data(
            "\\documentclass{beamer}\n\\begin{document}\n\\input{weight_sharing.frames.tex}\n\\end{document}\n".utf8
        ).write(to: directory.appendingPathComponent("slides.tex"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "slides.tex"]
        process.currentDirectoryURL = directory
        let log = Pipe()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let output = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output.suffix(2000))")
        // "Output written on slides.pdf (N pages, …)": one slide per frame.
        #expect(output.contains("slides.pdf (\(sequence.frames.count) pages"), "\(output.suffix(500))")
    }

    @Test func captionsAreEscapedForDOTAndTheManifest() throws {
        let evaluation = try Samples.evaluate("add.grad")
        let graph = evaluation.graph
        let hostile = "<b>&amp;\"x\"</b>]\\"
        for id in graph.namedNodes { graph.setLabel(hostile, for: id) }
        let sequence = try FrameSequence(graph: graph, output: evaluation.output.id, options: FigureOptions())
        for frame in sequence.frames {
            let svg = try Renderer.render(dot: frame.dot, format: .svg)
            #expect(svg.warnings.isEmpty)
            #expect(frame.caption.contains(hostile) || frame.step == "backward")
            // Drawn as written: the caption under the figure shows the label's characters.
            if frame.step == "structure" {
                #expect(FrameSVG(svg.data).labelTexts.map(\.content).joined().contains(hostile))
            }
        }
        let files = try FrameFiles(sequence: sequence, name: "add", source: "a\"b.grad", formats: [.svg])
        let manifest = try #require(files.files.last)
        let parsed = try JSONSerialization.jsonObject(with: Data(manifest.bytes)) as? [String: Any]
        #expect(parsed?["file"] as? String == "a\"b.grad")
    }
}

/// File names LaTeX cannot take as they are get no Beamer file, with a note saying why.
@Suite struct BeamerNameTests {
    @Test(arguments: ["we%ird", "two words", "a.b", "x{y}", "dollar$", "ünï"])
    func anUnsafeNameGetsANoteInsteadOfATeXFile(name: String) throws {
        let (_, sequence) = try Samples.frames("add.grad")
        let files = try FrameFiles(sequence: sequence, name: name, source: "add.grad", formats: [.png])
        #expect(!files.files.contains { $0.name.hasSuffix(".frames.tex") })
        #expect(files.messages.contains { $0.contains("no \(name).frames.tex") })
    }

    @Test func aSafeNameGetsOne() throws {
        let (_, sequence) = try Samples.frames("add.grad")
        let files = try FrameFiles(sequence: sequence, name: "add_2-x", source: "add.grad", formats: [.png])
        let tex = try #require(files.files.first { $0.name == "add_2-x.frames.tex" })
        #expect(String(decoding: tex.bytes, as: UTF8.self).contains("\\begin{frame}{add\\_2-x}"))
    }
}
