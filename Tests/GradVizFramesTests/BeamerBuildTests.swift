import Foundation
import GradVizDOT
import GradVizFrames
import GradVizRender
import Testing

/// The Beamer overlay of a slide build: a title given by the user, escaped for LaTeX; the graph
/// and the legend as parts of their own, each the same size on every slide; captions whose lines
/// do not touch.
@Suite struct BeamerBuildTests {
    static func build(
        _ sample: String, wrt: String?, formats: [RenderFormat], title: String? = nil, into directory: URL
    ) throws -> (sequence: FrameSequence, files: FrameFiles) {
        var options = FigureOptions()
        options.wrt = wrt
        let name = (sample as NSString).deletingPathExtension
        let sequence = try Samples.frames(sample, options: options).sequence
        let files = try FrameFiles(
            sequence: sequence, name: name, source: sample, formats: formats, title: title)
        try FrameDirectory.write(files, name: name, to: directory.path)
        return (sequence, files)
    }

    /// Runs a program in `directory`; its exit status and what it printed.
    static func run(_ arguments: [String], in directory: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let log = Pipe()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let output = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// A PNG's width and height, from its IHDR chunk.
    static func pngSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count >= 24, bytes[12..<16].elementsEqual(Array("IHDR".utf8)) else { return nil }
        func integer(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (integer(16), integer(20))
    }

    static let hostileTitle = "Weight sharing: 100% #1 $5 & a_b ^ ~ \\ {x} \\end{frame} ∂l/∂w₁ ünï 😀\nline two"

    @Test func aDeckWithAHostileTitleCompilesWithOnePagePerFrame() throws {
        let directory = try FrameFilesTests.scratch()
        let (sequence, _) = try Self.build(
            "weight_sharing.grad", wrt: "w1", formats: [.pdf], title: Self.hostileTitle, into: directory)
        let tex = try String(contentsOf: directory.appendingPathComponent("weight_sharing.frames.tex"), encoding: .utf8)
        let titleLine = try #require(tex.split(separator: "\n").first { $0.hasPrefix("\\begin{frame}") })
        #expect(!titleLine.contains("\\end{frame}"))
        #expect(titleLine.contains("100\\% \\#1 \\$5 \\& a\\_b"))
        #expect(tex.contains("\\includegraphics<13>") && !tex.contains("\\includegraphics<14>"))
        try Data(
            ("\\documentclass[aspectratio=169]{beamer}\n\\begin{document}\n\\input{weight_sharing.frames.tex}\n"
                + "\\end{document}\n").utf8
        ).write(to: directory.appendingPathComponent("slides.tex"))
        let latex = try Self.run(
            ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "slides.tex"], in: directory)
        #expect(latex.status == 0, "\(latex.output.suffix(2000))")
        #expect(latex.output.contains("slides.pdf (\(sequence.frames.count) pages"), "\(latex.output.suffix(500))")
        // The title as set: its specials as characters, the emoji as its code point, one line.
        let text = try Self.run(["pdftotext", "-f", "1", "-l", "1", "slides.pdf", "-"], in: directory)
        #expect(text.status == 0)
        #expect(text.output.contains("Weight sharing: 100% #1 $5 & a"), "\(text.output)")
        #expect(text.output.contains("\\ {x} \\end{frame}"), "\(text.output)")
        #expect(text.output.contains("U+1F600"), "\(text.output)")
        #expect(text.output.contains("line two"))
    }

    @Test func withoutATitleTheFrameIsNamedAfterTheScript() throws {
        let directory = try FrameFilesTests.scratch()
        _ = try Self.build("add.grad", wrt: nil, formats: [.png], into: directory)
        let tex = try String(contentsOf: directory.appendingPathComponent("add.frames.tex"), encoding: .utf8)
        #expect(tex.contains("\\begin{frame}{add}"))
        // No legend: the graph takes the whole height.
        #expect(!tex.contains("gradvizlegend}{"))
    }

    @Test func theGraphAndTheLegendAreEachTheSameSizeOnEverySlide() throws {
        let directory = try FrameFilesTests.scratch()
        let (sequence, files) = try Self.build("weight_sharing.grad", wrt: "w1", formats: [.png], into: directory)
        let count = sequence.frames.count
        func sizes(_ suffix: String) -> [String] {
            files.files.filter { $0.name.hasSuffix(suffix) }.compactMap { Self.pngSize($0.bytes) }.map {
                "\($0.width)×\($0.height)"
            }
        }
        let graphs = sizes("-graph.png")
        let legends = sizes("-legend.png")
        let wholes = files.files.filter {
            $0.name.hasSuffix(".png") && !$0.name.contains("-graph") && !$0.name.contains("-legend")
        }
        #expect(graphs.count == count && legends.count == count && wholes.count == count)
        #expect(Set(graphs).count == 1, "\(graphs)")
        #expect(Set(legends).count == 1, "\(legends)")
        // The graph part leaves the legend out: shorter than the whole frame.
        let graphFile = try #require(files.files.first { $0.name.hasSuffix("-graph.png") })
        let wholeFile = try #require(wholes.first)
        let graph = try #require(Self.pngSize(graphFile.bytes))
        let whole = try #require(Self.pngSize(wholeFile.bytes))
        #expect(graph.height < whole.height)
        // The overlay places them all; the manifest lists them, so the next build removes them.
        let tex = try String(contentsOf: directory.appendingPathComponent("weight_sharing.frames.tex"), encoding: .utf8)
        for file in files.files where file.name.contains("-graph.") || file.name.contains("-legend.") {
            #expect(tex.contains("{" + file.name + "}"), "\(file.name)")
        }
        _ = try Self.build("weight_sharing.grad", wrt: nil, formats: [.svg], into: directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(!names.contains { $0.hasSuffix("-graph.png") || $0.hasSuffix("-legend.png") }, "\(names)")
    }

    @Test func twoLineCaptionsKeepTheirLinesApart() throws {
        let (_, sequence) = try Samples.frames("weight_sharing.grad")
        let frame = try #require(sequence.frames.first { $0.caption.contains("; ") })
        let svg = try Samples.svg(frame.dot)
        let lines = Set(
            svg.labelTexts.filter { !$0.content.trimmingCharacters(in: .whitespaces).isEmpty }.compactMap {
                Double($0.y)
            }
        ).sorted()
        try #require(lines.count >= 2, "\(svg.labelTexts)")
        // Graphviz sets the lines of a 14 pt caption 15 pt apart: subscripts touched the line below.
        #expect(lines[1] - lines[0] >= 1.4 * 14, "\(lines)")
    }
}
