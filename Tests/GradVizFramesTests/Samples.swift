import Foundation
import GradVizDOT
import GradVizEngine
import GradVizFrames
import GradVizRender
import GradVizScript

/// The repository's sample scripts and helpers to build and render their frames.
enum Samples {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples")

    /// Every sample's file name, sorted.
    static let names: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".grad") }.sorted()
    }()

    static func evaluate(_ name: String) throws -> Evaluation {
        try Script.load(path: directory.appendingPathComponent(name).path).evaluate()
    }

    /// The sample's teaching sequence.
    static func frames(
        _ name: String, options: FigureOptions = FigureOptions(), by grouping: FrameSequence.Grouping = .layer,
        captions: Bool = true
    ) throws -> (evaluation: Evaluation, sequence: FrameSequence) {
        let evaluation = try evaluate(name)
        let sequence = try FrameSequence(
            graph: evaluation.graph, output: evaluation.output.id, options: options, by: grouping, captions: captions)
        return (evaluation, sequence)
    }

    static func svg(_ dot: String) throws -> FrameSVG {
        FrameSVG(try Renderer.render(dot: dot, format: .svg).data)
    }
}
