import ArgumentParser
import Foundation

/// `--watch` for `render` and `frames`: polls each script's modification time and size four
/// times a second and calls back for each script that changed. The callback reports its own
/// errors (on standard error, like any run), so a broken edit is shown and watching goes on.
struct ScriptWatcher {
    /// How often the scripts are checked.
    static let interval: TimeInterval = 0.25

    /// The `--watch` flag's help, for every command that has one.
    static let help = ArgumentHelp(
        "Keep running: do it again whenever the script changes (checked \(Int(1 / interval)) times a second); errors are shown and watching goes on. Stop with Ctrl-C."
    )

    /// The scripts watched.
    let files: [String]
    /// For tests: stop after this many re-renders (`nil`: until Ctrl-C).
    let limit: Int?

    /// Watches until ``limit`` re-renders have been made (forever without one), calling
    /// `rerender` with each script that changed since it was last seen.
    func run(_ rerender: (String) throws -> Void) {
        func stamp(_ file: String) -> String {
            let attributes = try? FileManager.default.attributesOfItem(atPath: file)
            let date = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
            let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
            return "\(date)/\(size)"
        }
        var stamps = files.map(stamp)
        var renders = 0
        StandardError.write("watching \(files.count) file\(files.count == 1 ? "" : "s") (Ctrl-C stops)\n")
        while limit.map({ renders < $0 }) ?? true {
            Thread.sleep(forTimeInterval: Self.interval)
            for (index, file) in files.enumerated() {
                let now = stamp(file)
                guard now != stamps[index] else { continue }
                stamps[index] = now
                renders += 1
                ProgressLine.shared.restart()
                try? rerender(file)  // errors are already reported on standard error
            }
        }
    }
}
