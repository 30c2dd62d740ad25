import Foundation
import Testing

/// `gradviz render` end to end, as a process.
@Suite struct RenderCommandTests {
    static let neuron = "x = 2\nw = 3\nb = -1\nu = w * x\nv = u + b\na = relu(v)\n"

    @Test func writesOneFilePerInputPerFormatIntoADirectory() throws {
        let directory = try GradViz.scratch(["neuron.grad": Self.neuron, "sum.grad": "a = 1\nb = 2\nc = a + b\n"])
        let result = try GradViz.run(
            ["render", "neuron.grad", "sum.grad", "-o", "figures/", "--format", "svg,png,pdf,dot"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        for base in ["neuron", "sum"] {
            let figures = directory.appendingPathComponent("figures")
            let svg = try String(contentsOf: figures.appendingPathComponent("\(base).svg"), encoding: .utf8)
            #expect(svg.contains("<svg"))
            let png = try Data(contentsOf: figures.appendingPathComponent("\(base).png"))
            #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            let pdf = try Data(contentsOf: figures.appendingPathComponent("\(base).pdf"))
            #expect(String(decoding: pdf.prefix(4), as: UTF8.self) == "%PDF")
            let dot = try String(contentsOf: figures.appendingPathComponent("\(base).dot"), encoding: .utf8)
            #expect(dot.contains("digraph"))
        }
        // Nothing but the figures: no temporary files left behind.
        let names = try FileManager.default.contentsOfDirectory(
            atPath: directory.appendingPathComponent("figures").path)
        #expect(
            names.sorted() == [
                "neuron.dot", "neuron.pdf", "neuron.png", "neuron.svg", "sum.dot", "sum.pdf", "sum.png", "sum.svg",
            ])
    }

    @Test func edgeLabelsFormulaWritesTheLocalDerivativesFormulasAndAnUnknownContentIsUsage() throws {
        let directory = try GradViz.scratch(["neuron.grad": Self.neuron])
        // ∂u/∂w = x and ∂a/∂v = relu′(v), by hand from u = w·x and a = relu(v).
        let formula = try GradViz.run(
            ["render", "neuron.grad", "--edge-labels", "formula", "-o", "-", "--format", "dot"], in: directory)
        #expect(formula.status == 0, "\(formula.stderr)")
        #expect(
            formula.stdout.contains("∂u/∂w = x>") && formula.stdout.contains("∂a/∂v = relu′(v)>"), "\(formula.stdout)")
        let value = try GradViz.run(["render", "neuron.grad", "-o", "-", "--format", "dot"], in: directory)
        #expect(value.stdout.contains("∂u/∂w = 2>") && !value.stdout.contains("relu′"), "\(value.stdout)")
        let bad = try GradViz.run(["render", "neuron.grad", "--edge-labels", "symbols", "-o", "-"], in: directory)
        #expect(bad.status == 64 && bad.stdout.isEmpty && !bad.stderr.isEmpty, "\(bad.stderr)")
    }

    @Test func defaultsToSVGInOutput() throws {
        let directory = try GradViz.scratch(["neuron.grad": Self.neuron])
        let result = try GradViz.run(["render", "neuron.grad"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("output/neuron.svg").path))
    }

    @Test func takesTheFormatFromTheOutputExtension() throws {
        let directory = try GradViz.scratch(["neuron.grad": Self.neuron])
        let result = try GradViz.run(["render", "neuron.grad", "-o", "slide.png"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let png = try Data(contentsOf: directory.appendingPathComponent("slide.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func worksWithAnEmptyPATH() throws {
        let directory = try GradViz.scratch(["neuron.grad": Self.neuron])
        let result = try GradViz.run(
            ["render", "neuron.grad", "-o", "n.svg"], in: directory, environment: ["PATH": ""])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("n.svg").path))
    }

    @Test func badInputLeavesNoFileAndExitsTwo() throws {
        let directory = try GradViz.scratch(["bad.grad": "x = 1\ny = log(x - 1)\n", "neuron.grad": Self.neuron])
        let bad = try GradViz.run(["render", "bad.grad", "-o", "bad.svg"], in: directory)
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("bad.grad:2:"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("bad.svg").path))
        let unknown = try GradViz.run(["render", "neuron.grad", "--wrt", "nope", "-o", "n.svg"], in: directory)
        #expect(unknown.status == 2)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("n.svg").path))
    }

    @Test func aFailedRenderKeepsThePreviousFileIntact() throws {
        let directory = try GradViz.scratch(["neuron.grad": Self.neuron, "bad.grad": "x = \n"])
        let target = directory.appendingPathComponent("figure.svg")
        try Data("previous".utf8).write(to: target)
        let result = try GradViz.run(["render", "bad.grad", "-o", "figure.svg"], in: directory)
        #expect(result.status == 2)
        #expect(try String(contentsOf: target, encoding: .utf8) == "previous")
    }

    @Test func refusesToOverwriteTheInput() throws {
        let directory = try GradViz.scratch(["neuron.grad": Self.neuron])
        let result = try GradViz.run(["render", "neuron.grad", "-o", "neuron.grad", "--format", "dot"], in: directory)
        #expect(result.status == 2)
        #expect(try String(contentsOf: directory.appendingPathComponent("neuron.grad"), encoding: .utf8) == Self.neuron)
    }

    @Test func anUnwritableOutputIsAClearErrorWithStatusTwo() throws {
        let directory = try GradViz.scratch(["neuron.grad": Self.neuron, "blocker": "a file, not a directory"])
        let result = try GradViz.run(["render", "neuron.grad", "-o", "blocker/figure.svg"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("error:"))
    }

    @Test func twoInputsThatWouldShareAnOutputFileAreAUsageError() throws {
        let directory = try GradViz.scratch(["neuron.grad": Self.neuron])
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("other"), withIntermediateDirectories: true)
        try Data("a = 1\nb = a * 2\n".utf8).write(to: directory.appendingPathComponent("other/neuron.grad"))
        let result = try GradViz.run(["render", "neuron.grad", "other/neuron.grad", "-o", "figures/"], in: directory)
        #expect(result.status == 64)
        #expect(result.stderr.contains("figures/neuron.svg"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("figures").path))
    }

    @Test func conflictingOutputRequestsAreUsageErrors() throws {
        let directory = try GradViz.scratch(["neuron.grad": Self.neuron, "sum.grad": "a = 1\nb = 2\nc = a + b\n"])
        #expect(try GradViz.run(["render", "neuron.grad", "sum.grad", "-o", "one.svg"], in: directory).status == 64)
        #expect(try GradViz.run(["render", "neuron.grad", "--format", "gif"], in: directory).status == 64)
        #expect(try GradViz.run(["render", "neuron.grad", "-o", "figure.gif"], in: directory).status == 64)
    }

    @Test(arguments: [
        ["--dpi", "100000"], ["--size", "abc"], ["--size=-1,-1"], ["--font-size", "1e308"], ["--font", ""],
    ])
    func anOutOfRangeFigureOptionIsAUsageErrorAndWritesNothing(option: [String]) throws {
        let directory = try GradViz.scratch(["neuron.grad": Self.neuron])
        let result = try GradViz.run(["render", "neuron.grad", "-o", "n.svg"] + option, in: directory)
        #expect(result.status == 64, "\(option): \(result.stderr)")
        #expect(!result.stderr.hasPrefix("neuron.grad"), "a bad option is not the file's fault: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("n.svg").path))
    }

    @Test func prunesToTheListedPathsAndNeedsWrt() throws {
        let sample = GradViz.repository.appendingPathComponent("samples/fully_connected.grad").path
        let directory = try GradViz.scratch([:])
        let pruned = try GradViz.run(
            ["render", sample, "--prune", "--wrt", "w_11_1", "-o", "pruned.dot"], in: directory)
        #expect(pruned.status == 0, "\(pruned.stderr)")
        #expect(pruned.stderr.contains("note: pruned to the 6 nodes of all 2 paths from w_11_1, with 11 stubs"))
        let dot = try String(contentsOf: directory.appendingPathComponent("pruned.dot"), encoding: .utf8)
        #expect(dot.components(separatedBy: "class=\"stub\"").count - 1 == 11)
        let bare = try GradViz.run(["render", sample, "--prune", "-o", "bare.svg"], in: directory)
        #expect(bare.status == 64)
        #expect(bare.stderr.contains("--wrt"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("bare.svg").path))
    }

    @Test func collapsesModulesToADepth() throws {
        let sample = GradViz.repository.appendingPathComponent("samples/tensor_model.grad").path
        let directory = try GradViz.scratch([:])
        let folded = try GradViz.run(
            ["render", sample, "--collapse", "0", "--wrt", "W1", "-o", "folded.dot"], in: directory)
        #expect(folded.status == 0, "\(folded.stderr)")
        let dot = try String(contentsOf: directory.appendingPathComponent("folded.dot"), encoding: .utf8)
        // The one top-level module, model, is one node; W1 inside it is not drawn.
        #expect(dot.components(separatedBy: "class=\"module\"").count - 1 == 1)
        #expect(!dot.contains("value [3, 2]") && !dot.contains("cluster_"))
        let negative = try GradViz.run(["render", sample, "--collapse", "-1", "-o", "bad.svg"], in: directory)
        #expect(negative.status == 64, "\(negative.stderr)")
        // The html page draws every node: folding (or pruning) it is a usage error.
        for option in [["--collapse", "1"], ["--prune", "--wrt", "W1"]] {
            let page = try GradViz.run(["render", sample, "--format", "svg,html"] + option, in: directory)
            #expect(page.status == 64, "\(option): \(page.stderr)")
            #expect(page.stderr.contains("the html page draws every node"))
        }
    }
}

extension RenderCommandTests {
    @Test func timingsNameEveryStageOnStandardErrorAndChangeNoFigure() throws {
        let directory = try GradViz.scratch(["neuron.grad": Self.neuron])
        let plain = try GradViz.run(["render", "neuron.grad", "-o", "plain.svg"], in: directory)
        let timed = try GradViz.run(["render", "neuron.grad", "-o", "timed.svg", "--timings"], in: directory)
        #expect(plain.status == 0 && timed.status == 0, "\(timed.stderr)")
        #expect(!plain.stderr.contains("timings"))
        #expect(timed.stdout.isEmpty)
        #expect(timed.stderr.contains("gradviz: timings: start-up and argument parsing "))
        let line = try #require(timed.stderr.split(separator: "\n").first { $0.hasPrefix("neuron.grad: timings: ") })
        for stage in [
            "evaluate", "figure and DOT", "graphviz context and DOT reading", "layout", "svg output", "write svg",
        ] {
            #expect(line.contains(stage + " "), "\(stage): \(line)")
        }
        // Every stage is a number of milliseconds, in the order the render runs them.
        let stages = line.dropFirst("neuron.grad: timings: ".count).split(separator: ", ")
        #expect(stages.count == 6)
        #expect(
            stages.allSatisfy { $0.hasSuffix(" ms") && Double($0.split(separator: " ").dropLast().last ?? "") != nil })
        let plainSVG = try Data(contentsOf: directory.appendingPathComponent("plain.svg"))
        let timedSVG = try Data(contentsOf: directory.appendingPathComponent("timed.svg"))
        #expect(plainSVG == timedSVG)
    }

    /// A batch evaluates the next file on a second thread while this one is laid out, and with
    /// `--jobs` renders chunks of files in worker processes: what it writes and prints must be
    /// what one file at a time gives, in the files' order, with a bad file in the middle
    /// reported in its place and the rest still drawn. With 5 jobs the bad file is a worker's
    /// (files 6–7), whose failure must still make the status 2.
    @Test(arguments: [1, 2, 5]) func aBatchWritesAndReportsEachFileInOrderAsOneByOne(jobs: Int) throws {
        var files: [String: String] = [:]
        var names: [String] = []
        for index in 0..<12 {
            let name = "f\(index).grad"
            names.append(name)
            files[name] =
                index == 5
                ? "x = 1\ny = (x +\n   zz)\n"
                : index == 8 ? "x = 1e-400\ny = x * \(index)\n" : "x = \(index).5\nw = 2\ny = tanh(w * x)\n"
        }
        let directory = try GradViz.scratch(files)
        let batch = try GradViz.run(
            ["render"] + names + ["-o", "batch/", "--format", "svg,dot", "--jobs", "\(jobs)"], in: directory)
        #expect(batch.status == 2)
        var expected = ""
        for name in names {
            let single = try GradViz.run(["render", name, "-o", "single/", "--format", "svg,dot"], in: directory)
            expected += single.stderr.replacingOccurrences(of: "single/", with: "batch/")
            for format in ["svg", "dot"] where name != "f5.grad" {
                let base = name.replacingOccurrences(of: ".grad", with: ".\(format)")
                let one = try Data(contentsOf: directory.appendingPathComponent("single/" + base))
                #expect(try Data(contentsOf: directory.appendingPathComponent("batch/" + base)) == one, "\(base)")
            }
        }
        #expect(batch.stderr == expected)
        #expect(batch.stderr.contains("f5.grad:3:4: error: unknown name 'zz'"))
        #expect(batch.stderr.contains("f8.grad:1:5: warning:"), "\(batch.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("batch/f5.svg").path))
    }

    /// `--timings` says which files worker processes rendered: here a worker each for files 3–4
    /// and 5–6, so the batch really was split, and the files are the same as one process's.
    @Test func timingsNameTheFilesWorkerProcessesRendered() throws {
        var files: [String: String] = [:]
        let names = (1...6).map { "g\($0).grad" }
        for (index, name) in names.enumerated() { files[name] = "x = \(index).25\ny = tanh(3 * x)\n" }
        let directory = try GradViz.scratch(files)
        let split = try GradViz.run(["render"] + names + ["-o", "split/", "--jobs", "3", "--timings"], in: directory)
        let one = try GradViz.run(["render"] + names + ["-o", "one/", "--jobs", "1", "--timings"], in: directory)
        #expect(split.status == 0 && one.status == 0)
        let workerLines = split.stderr.split(separator: "\n").filter { $0.hasSuffix("rendered by a worker process") }
        #expect(
            workerLines == [
                "gradviz: timings: files 3–4 of 6 rendered by a worker process",
                "gradviz: timings: files 5–6 of 6 rendered by a worker process",
            ], "\(split.stderr)")
        #expect(!one.stderr.contains("worker process"))
        for name in names {
            let svg = name.replacingOccurrences(of: ".grad", with: ".svg")
            #expect(
                try Data(contentsOf: directory.appendingPathComponent("split/" + svg))
                    == Data(contentsOf: directory.appendingPathComponent("one/" + svg)), "\(svg)")
        }
        let zero = try GradViz.run(["render"] + names + ["-o", "zero/", "--jobs", "0"], in: directory)
        #expect(zero.status == 64 && zero.stderr.contains("--jobs must be 1 or more"))
    }

    /// The page and the figure print their notes and "wrote" lines in the order of `--format`,
    /// as two runs of one format each do: the figure is drawn ahead of time but reported where
    /// it is used.
    @Test func severalFormatsReportInTheirOrderAsSeparateRunsDo() throws {
        let sample = GradViz.repository.appendingPathComponent("samples/relu_at_zero.grad").path
        let directory = try GradViz.scratch([:])
        let html = try GradViz.run(["render", sample, "-o", "out/", "--format", "html"], in: directory)
        let svg = try GradViz.run(["render", sample, "-o", "out/", "--format", "svg"], in: directory)
        let both = try GradViz.run(["render", sample, "-o", "out/", "--format", "html,svg"], in: directory)
        #expect(html.status == 0 && svg.status == 0 && both.status == 0)
        #expect(svg.stderr.contains("note: evaluated exactly at a kink"), "\(svg.stderr)")
        #expect(both.stderr == html.stderr + svg.stderr)
        let reversed = try GradViz.run(["render", sample, "-o", "out/", "--format", "svg,html"], in: directory)
        #expect(reversed.stderr == svg.stderr + html.stderr)
    }
}
