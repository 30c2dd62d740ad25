import Foundation
import Testing

/// `gradviz render` end to end: every figure flag changes the figure as the README says, files
/// are written atomically even when a write fails midway, `output/` is what the README's
/// command produces today, and a PDF carries the figure's numbers.
@Suite struct RenderContractTests {
    static let regression = EvalCommandTests.regression + "\n"

    /// The DOT `render` writes for the regression with `options`.
    static func dot(_ options: [String]) throws -> String {
        let directory = try GradViz.scratch(["r.grad": regression])
        let result = try GradViz.run(["render", "r.grad", "-o", "r.dot"] + options, in: directory)
        #expect(result.status == 0, "\(options): \(result.stderr)")
        return try String(contentsOf: directory.appendingPathComponent("r.dot"), encoding: .utf8)
    }

    static func lines(_ dot: String) -> [String] { dot.split(separator: "\n").map(String.init) }

    @Test func everyFigureFlagChangesTheFigureAsDocumented() throws {
        let base = try Self.dot([])
        let baseLines = Self.lines(base)
        func nodes(_ dot: String) -> Int {
            Self.lines(dot).filter { $0.range(of: #"^\s*n\d+ \["#, options: .regularExpression) != nil }.count
        }
        func edges(_ dot: String) -> [String] {
            Self.lines(dot).filter { $0.contains(" -> ") && !$0.contains("rank=same") }
        }
        // The baseline, so each change below is a change.
        #expect(baseLines.contains("  rankdir=\"LR\";") && baseLines.contains("  bgcolor=\"#FFFFFF\";"))
        #expect(base.contains("−102") && base.contains("∂L/∂"))
        #expect(!edges(base).isEmpty && edges(base).allSatisfy { $0.contains("label=") })

        let ops = try Self.dot(["--view", "ops"])  // one node per primitive op: more nodes
        #expect(nodes(ops) > nodes(base), "\(nodes(ops)) vs \(nodes(base))")
        #expect(Self.lines(try Self.dot(["--rankdir", "TB"])).contains("  rankdir=\"TB\";"))
        for theme in ["dark", "print"] {
            let themed = try Self.dot(["--theme", theme])
            #expect(themed != base, "\(theme)")
            #expect(!Self.lines(themed).contains("  bgcolor=\"#FFFFFF\";") || theme == "print", "\(theme)")
        }
        // a = 0.123456, b = 2a at 2 significant digits: 0.12 and 0.25.
        let digits = try GradViz.scratch(["p.grad": "a = 0.123456\nb = a * 2\n"])
        #expect(try GradViz.run(["render", "p.grad", "-o", "p.dot", "--precision", "2"], in: digits).status == 0)
        let coarse = try String(contentsOf: digits.appendingPathComponent("p.dot"), encoding: .utf8)
        #expect(coarse.contains(">0.12<") && coarse.contains(">0.25<") && !coarse.contains("0.1235"), "\(coarse)")
        let forward = try Self.dot(["--forward-only"])
        #expect(!forward.contains("−102") && !forward.contains("−36") && forward.contains(">37<"))
        let bare = try Self.dot(["--no-edge-labels"])
        #expect(edges(bare).count == edges(base).count && edges(bare).allSatisfy { !$0.contains("label=") })
        #expect(Self.lines(try Self.dot(["--transparent"])).contains("  bgcolor=\"transparent\";"))
        let font = try Self.dot(["--font", "Fira Sans", "--font-size", "20"])
        #expect(Self.lines(font).contains("  fontname=\"Fira Sans\";"))
        #expect(Self.lines(font).contains { $0.hasPrefix("  node [") && $0.contains("fontsize=\"20\"") })
        #expect(Self.lines(try Self.dot(["--size", "5,3"])).contains("  size=\"5,3\";"))
        #expect(Self.lines(try Self.dot(["--dpi", "300"])).contains("  dpi=\"300\";"))
        // --wrt adds a legend (a graph label) and colours the path's edges.
        let wrt = try Self.dot(["--wrt", "w2"])
        #expect(!baseLines.contains { $0.hasPrefix("  label=<") })
        #expect(Self.lines(wrt).contains { $0.hasPrefix("  label=<") && $0.contains("−102") })
        #expect(edges(wrt).contains { $0.contains("penwidth") } && !edges(base).contains { $0.contains("penwidth") })
        // --of takes the gradients of ŷ instead: ∂ŷ/∂w2 = h = 17.
        let of = try Self.dot(["--of", "yhat"])
        // L, after ŷ, is drawn muted as a variable that does not reach the output: its edges keep
        // their local derivatives (∂L/∂ŷ, dashed), but no node has a gradient of L.
        #expect(!of.contains("∂L/∂w") && !of.contains("∂L/∂L") && of.contains(">17<"))
    }

    @Test func dpiScalesThePNG() throws {
        let directory = try GradViz.scratch(["a.grad": "a = 2\nb = 3\nc = a + b\n"])
        func width(_ dpi: String) throws -> Int {
            let result = try GradViz.run(["render", "a.grad", "-o", "a\(dpi).png", "--dpi", dpi], in: directory)
            #expect(result.status == 0, "\(result.stderr)")
            let png = [UInt8](try Data(contentsOf: directory.appendingPathComponent("a\(dpi).png")))
            try #require(png.count > 24)
            return png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        }
        let low = try width("72")
        let high = try width("216")
        #expect(abs(Double(high) / Double(low) - 3) < 0.05, "\(low) px at 72 dpi, \(high) px at 216 dpi")
    }

    /// Runs `gradviz` under a file-size limit of `blocks` × 512 bytes with SIGXFSZ ignored, so a
    /// write past it fails with EFBIG midway through the file.
    static func runLimited(_ arguments: [String], blocks: Int, in directory: URL) throws -> GradViz.Result {
        let quoted = ([GradViz.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "trap '' XFSZ; ulimit -f \(blocks); exec \(quoted)"]
        process.currentDirectoryURL = directory
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return GradViz.Result(
            status: process.terminationStatus, stdout: "", stderr: String(decoding: errData, as: UTF8.self))
    }

    @Test func aWriteThatFailsMidwayLeavesTheOldFileAndNoTemporary() throws {
        let directory = try GradViz.scratch(["r.grad": Self.regression])
        let target = directory.appendingPathComponent("figure.png")
        let previous = Data(repeating: 0x2A, count: 3000)
        try previous.write(to: target)
        // The PNG is far past 1 KiB: truncating the target then writing would leave 1 KiB of it.
        let result = try Self.runLimited(["render", "r.grad", "-o", "figure.png"], blocks: 2, in: directory)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("error:"))
        #expect(try Data(contentsOf: target) == previous, "the old figure changed")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(names.sorted() == ["figure.png", "r.grad"], "left behind: \(names)")
    }

    @Test func aFailureInTheSecondFormatKeepsThatTargetAndLeavesNoTemporary() throws {
        let directory = try GradViz.scratch(["r.grad": Self.regression])
        let figures = directory.appendingPathComponent("figures")
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
        try Data("previous".utf8).write(to: figures.appendingPathComponent("r.png"))
        // Scaled to 0.01 inch at 10 dpi the PNG is below one pixel: the SVG renders, the PNG fails.
        let result = try GradViz.run(
            ["render", "r.grad", "-o", "figures/", "--format", "svg,png", "--size", "0.01,0.01", "--dpi", "10"],
            in: directory)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(try String(contentsOf: figures.appendingPathComponent("r.png"), encoding: .utf8) == "previous")
        let names = try FileManager.default.contentsOfDirectory(atPath: figures.path)
        #expect(Set(names).isSubset(of: ["r.png", "r.svg"]), "left behind: \(names)")
    }

    @Test func committedFiguresAreWhatTheReadmeCommandProducesToday() throws {
        // The README's `render samples/*.grad -o output/ --format svg,png`, SVG only, into a
        // scratch directory: every committed SVG must be byte for byte what it writes now.
        let samples = GradViz.repository.appendingPathComponent("samples")
        let scripts = try FileManager.default.contentsOfDirectory(atPath: samples.path).filter { $0.hasSuffix(".grad") }
            .sorted()
        try #require(!scripts.isEmpty)
        let scratch = try GradViz.scratch([:])
        let result = try GradViz.run(
            ["render"] + scripts.map { "samples/" + $0 } + ["-o", scratch.path + "/", "--format", "svg"],
            in: GradViz.repository)
        #expect(result.status == 0, "\(result.stderr)")
        let output = GradViz.repository.appendingPathComponent("output")
        for script in scripts {
            let name = (script as NSString).deletingPathExtension + ".svg"
            let fresh = try Data(contentsOf: scratch.appendingPathComponent(name))
            let committed = try? Data(contentsOf: output.appendingPathComponent(name))
            #expect(committed == fresh, "output/\(name) is stale: run the README's render command and commit it")
            #expect(
                FileManager.default.fileExists(
                    atPath: output.appendingPathComponent((script as NSString).deletingPathExtension + ".png").path))
        }
    }

    static let pdftotext: String? = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let isCI = ["true", "1"].contains(ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? "")

    @Test(.enabled(if: pdftotext != nil || isCI, "pdftotext is not installed (apt-get install poppler-utils)"))
    func pdfCarriesTheFiguresLabelsAndNumbersAsText() throws {
        let tool = try #require(Self.pdftotext, "CI must read the PDF: apt-get install poppler-utils")
        let directory = try GradViz.scratch(["r.grad": Self.regression])
        let result = try GradViz.run(["render", "r.grad", "-o", "r.pdf"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["r.pdf", "r.txt"]
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let text = try String(contentsOf: directory.appendingPathComponent("r.txt"), encoding: .utf8)
        let words = Set(text.split(whereSeparator: \.isWhitespace).map(String.init))
        // The lecture's numbers: ŷ = 37, L = 9, ∂L/∂w2 = −102, ∂L/∂w1 = −36, ∂L/∂x = −60.
        for number in ["37", "9", "−102", "−36", "−60", "40", "value"] {
            #expect(words.contains(number), "\(number) not in the PDF's text: \(text.prefix(400))")
        }
    }
}
