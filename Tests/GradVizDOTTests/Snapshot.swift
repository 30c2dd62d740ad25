import Foundation
import Testing

/// Compares DOT text with a stored `.dot` file under `Snapshots/`, or rewrites the file when the
/// environment sets `GRADVIZ_RECORD_SNAPSHOTS=1`.
///
/// Recording never passes: a run that records fails every snapshot test it writes, so a CI
/// with the variable set cannot go green by copying whatever the code printed. Record, render
/// the files (`dot -Tpng`), check the numbers against the lecture, then run again without the
/// variable and commit. The figures' key numbers are checked independently of the snapshots in
/// `FigureContentTests` and `FigureNumberTests`.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots")

    static var isRecording: Bool {
        ProcessInfo.processInfo.environment["GRADVIZ_RECORD_SNAPSHOTS"] == "1"
    }

    /// Checks `dot` against `Snapshots/<name>.dot`.
    static func check(_ dot: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".dot")
        if isRecording {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(dot.utf8).write(to: url, options: .atomic)
                Issue.record(
                    "recorded \(name).dot: review it, then run again without GRADVIZ_RECORD_SNAPSHOTS",
                    sourceLocation: sourceLocation)
            } catch {
                Issue.record("could not record \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path),
            let expected = String(data: data, encoding: .utf8)
        else {
            Issue.record(
                "no snapshot \(name).dot; run with GRADVIZ_RECORD_SNAPSHOTS=1 and review it",
                sourceLocation: sourceLocation)
            return
        }
        if dot != expected {
            let got = dot.split(separator: "\n", omittingEmptySubsequences: false)
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(zip(got, want)).firstIndex { $0 != $1 } ?? min(got.count, want.count)
            let show = { (lines: [Substring]) in line < lines.count ? String(lines[line]) : "<end>" }
            Issue.record(
                "\(name).dot differs at line \(line + 1):\n  expected: \(show(want))\n  actual:   \(show(got))",
                sourceLocation: sourceLocation)
        }
    }
}
