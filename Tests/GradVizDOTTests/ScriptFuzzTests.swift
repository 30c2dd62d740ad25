import Foundation
import GradVizEngine
import GradVizExplain
import GradVizNotation
import GradVizRender
import GradVizScript
import GradVizTestFixtures
import Testing

@testable import GradVizDOT

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Generated and mutated scripts through every path a command takes, in-process: read,
/// evaluate, `eval`'s table, explain in every format, check, the DOT figure of both views,
/// and now and then an SVG. What must hold for any input:
///
/// - nothing crashes (a trap would end this test process: the runner surviving is the test);
/// - every diagnostic is well-formed: `fuzz.grad:LINE:COLUMN: error: MESSAGE` (or `warning:`)
///   at a line of the source and a column within it (or just past its end), one line of
///   message, then that source line and a caret;
/// - nothing hangs: scripts are bounded by construction (``ScriptGenerator``), so each one's
///   work is too;
/// - `check` passes: backward agrees with the sum over paths, and finite differences never
///   contradict it (a kink or an inconclusive estimate passes, a conclusive mismatch fails);
/// - the JSON parses, the figures' HTML labels are well-formed, rendered SVG is well-formed.
///
/// In the suite it runs a fixed number of scripts from a fixed seed (a few seconds). For a
/// longer run, `GRADVIZ_FUZZ_SECONDS=600 swift test --filter ScriptFuzzTests` keeps going for
/// that long from a seed of the clock (or `GRADVIZ_FUZZ_SEED`), printing the seed and counts.
@Suite struct ScriptFuzzTests {
    /// What one run saw.
    struct Tally {
        var scripts = 0
        var rejected = 0
        var evaluated = 0
        var warnings = 0
        var leavesChecked = 0
        var figures = 0
        var rendered = 0
    }

    static let environment = ProcessInfo.processInfo.environment

    @Test func generatedAndMutatedScriptsNeverCrashAndDiagnoseWell() throws {
        let seconds = Self.environment["GRADVIZ_FUZZ_SECONDS"].flatMap(Double.init)
        let seed =
            Self.environment["GRADVIZ_FUZZ_SEED"].flatMap(UInt64.init)
            ?? (seconds == nil ? 20_261_201 : UInt64(Date().timeIntervalSince1970 * 1000))
        var generator = SeededGenerator(seed: seed)
        var tally = Tally()
        let start = Date()
        var lastReport = start
        let samples = LectureFixtures.root.appendingPathComponent("samples")
        let sampleSources = ((try? FileManager.default.contentsOfDirectory(atPath: samples.path)) ?? [])
            .filter { $0.hasSuffix(".grad") }.sorted()
            .compactMap { try? String(contentsOf: samples.appendingPathComponent($0), encoding: .utf8) }
        #expect(sampleSources.count >= 5)
        var index = 0
        while seconds.map({ Date().timeIntervalSince(start) < $0 }) ?? (index < 160) {
            let source: String
            switch index % 4 {
            case 0: source = ScriptGenerator.script(using: &generator)
            case 1: source = ScriptGenerator.mutated(ScriptGenerator.script(using: &generator), using: &generator)
            case 2:
                source = ScriptGenerator.mutated(ScriptGenerator.lectureScript(using: &generator), using: &generator)
            default:
                source = ScriptGenerator.mutated(
                    sampleSources.randomElement(using: &generator) ?? "", using: &generator)
            }
            Self.exercise(source, render: index % 16 == 0, tally: &tally)
            index += 1
            if seconds != nil, Date().timeIntervalSince(lastReport) > 10 {
                lastReport = Date()
                FileHandle.standardError.write(Data("fuzz seed \(seed): \(tally)\n".utf8))
            }
        }
        if seconds != nil { FileHandle.standardError.write(Data("fuzz seed \(seed) done: \(tally)\n".utf8)) }
        // The mix reaches every stage, so a generator that stopped producing valid scripts (or
        // only valid ones) is noticed.
        #expect(tally.rejected > tally.scripts / 10, "\(tally)")
        #expect(tally.evaluated > tally.scripts / 4, "\(tally)")
        #expect(tally.warnings > 0 && tally.rendered > 0 && tally.leavesChecked > tally.evaluated, "\(tally)")
    }

    /// Runs one script through every stage, recording an issue for anything that must not be.
    static func exercise(_ source: String, render: Bool, tally: inout Tally) {
        tally.scripts += 1
        let script: Script
        do {
            script = try Script(source: source, file: "fuzz.grad")
        } catch {
            tally.rejected += 1
            checkDiagnostic(error, in: source)
            return
        }
        for warning in script.warnings {
            tally.warnings += 1
            #expect(warning.severity == .warning)
            checkDiagnostic(warning, in: source)
        }
        let evaluation: Evaluation
        do {
            evaluation = try script.evaluate()
        } catch {
            tally.rejected += 1
            checkDiagnostic(error, in: source)
            return
        }
        tally.evaluated += 1
        let graph = evaluation.graph
        let output = evaluation.output.id
        let report = EvalReport(
            graph: graph, output: evaluation.output.name, variables: evaluation.variables.map { ($0.name, $0.id) })
        #expect((try? JSONSerialization.jsonObject(with: Data(report.json.utf8))) != nil, "eval JSON\n\(source)")
        _ = report.text(NumberFormat())

        let leaves = evaluation.variables.filter { $0.isLeaf && !$0.isData }
        for view in ViewKind.allCases {
            let check = CheckReport(
                graph: graph, of: output, leaves: leaves.map(\.id), check: GradientCheck(), view: view,
                enumerationLimit: 10_000)
            tally.leavesChecked += check.rows.count
            if !check.passed {
                Issue.record("check fails over the \(view) view\n\(check.render())\n--- script ---\n\(source)")
            }
            if let leaf = leaves.first {
                let explanation = Explanation(
                    graph: graph, wrt: leaf.id, of: output, view: view, maxPaths: 8, enumerationLimit: 10_000)
                for format in ExplanationFormat.allCases {
                    let text = explanation.render(format, standalone: format == .latex)
                    #expect(!text.isEmpty)
                    if format == .json {
                        #expect(
                            (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil, "explain JSON\n\(source)"
                        )
                    }
                }
            }
            let options = FigureOptions(view: view, wrt: leaves.first?.name)
            let figure: Figure
            do {
                figure = try Figure(graph: graph, output: output, options: options)
            } catch {
                Issue.record("figure of a valid script failed: \(error)\n\(source)")
                continue
            }
            tally.figures += 1
            for label in DOTText(figure.dot).htmlLabels {
                let parser = XMLParser(data: Data(("<root>" + label + "</root>").utf8))
                #expect(parser.parse(), "not well-formed: \(label)\n\(source)")
            }
            if render && view == .vars {
                do {
                    let svg = try Renderer.render(dot: figure.dot, format: .svg).data
                    #expect(RenderedSVG(svg) != nil, "SVG not well-formed\n\(source)")
                    tally.rendered += 1
                } catch {
                    Issue.record("rendering a valid script failed: \(error)\n\(source)")
                }
            }
        }
    }

    /// The lines of `source` as a script reads them (LF, CRLF or CR; a leading byte-order
    /// mark dropped).
    static func lines(of source: String) -> [String] {
        var text = Substring(source)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\n" || scalar == "\r" {
                lines.append(String(current))
                current = String.UnicodeScalarView()
                if scalar == "\r", scalars.first == "\n" { scalars.removeFirst() }
            } else {
                current.append(scalar)
            }
        }
        lines.append(String(current))
        return lines
    }

    /// A diagnostic points into the source and prints as `fuzz.grad:L:C: severity: message`,
    /// the line, and a caret.
    static func checkDiagnostic(_ diagnostic: Diagnostic, in source: String) {
        let lines = lines(of: source)
        let context = "\(diagnostic.description)\n--- in ---\n\(source)"
        #expect(diagnostic.file == "fuzz.grad")
        #expect((1...lines.count).contains(diagnostic.line), "line out of range: \(context)")
        #expect(!diagnostic.message.isEmpty && !diagnostic.message.contains("\n"), "message: \(context)")
        #expect(
            !diagnostic.message.unicodeScalars.contains { $0.properties.generalCategory == .control },
            "control character in the message: \(context)")
        let header =
            "fuzz.grad:\(diagnostic.line):\(diagnostic.column): \(diagnostic.severity.rawValue): \(diagnostic.message)"
        let printed = diagnostic.description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(printed.first.map(String.init) == header, "header: \(context)")
        guard (1...lines.count).contains(diagnostic.line) else { return }
        let line = lines[diagnostic.line - 1]
        #expect((1...(line.count + 1)).contains(diagnostic.column), "column out of range: \(context)")
        if let sourceLine = diagnostic.sourceLine {
            #expect(sourceLine == line, "source line: \(context)")
            #expect(printed.count == 3 && printed.last?.hasSuffix("^") == true, "caret: \(context)")
        } else {
            #expect(printed.count == 1, "\(context)")
        }
    }

    /// The generator makes what the language allows: its unmutated scripts all read (their
    /// values may still fail to evaluate, which is a diagnostic too).
    @Test func generatedScriptsRead() throws {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<50 {
            let source = ScriptGenerator.script(using: &generator)
            do {
                _ = try Script(source: source, file: "g.grad")
            } catch {
                Issue.record("\(error)\n\(source)")
            }
        }
    }
}
