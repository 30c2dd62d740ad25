import GradVizEngine
import GradVizNotation

/// `gradviz check` over many scripts: one ``CheckReport`` per file (or the error that stopped
/// it), with one summary, one exit status, JSON and JUnit XML for a course's CI.
public struct CheckSummary {
    /// What checking one file gave.
    public enum Outcome {
        /// The file evaluated; its report says whether every leaf agrees.
        case checked(CheckReport)
        /// The file could not be checked (bad input): the diagnostic, as printed.
        case failed(String)
    }

    /// One checked file.
    public struct File {
        /// The path as given.
        public let path: String
        public let outcome: Outcome

        public init(path: String, outcome: Outcome) {
            self.path = path
            self.outcome = outcome
        }

        /// Whether every leaf of the file agrees (kinks and inconclusive rows pass).
        public var passed: Bool {
            if case let .checked(report) = outcome { return report.passed }
            return false
        }
    }

    /// The files in the order given.
    public let files: [File]

    public init(files: [File]) { self.files = files }

    /// Files whose leaves all agree.
    public var passedCount: Int { files.filter(\.passed).count }
    /// Files with a disagreeing leaf.
    public var failedCount: Int {
        files.filter { if case let .checked(report) = $0.outcome { !report.passed } else { false } }.count
    }
    /// Files that could not be checked.
    public var errorCount: Int {
        files.filter { if case .failed = $0.outcome { true } else { false } }.count
    }

    /// 0 when every file passes, 2 when any file is bad input, else 1 (a disagreement).
    public var exitStatus: Int32 { errorCount > 0 ? 2 : (failedCount > 0 ? 1 : 0) }

    /// `checked 3 files: 2 passed, 1 failed, 0 could not be read`.
    public var summaryLine: String {
        "checked \(files.count) file\(files.count == 1 ? "" : "s"): \(passedCount) passed, \(failedCount) failed, "
            + "\(errorCount) could not be checked"
    }

    /// `{"files": [{"file": …, "status": "passed"|"failed"|"error", "error": …, "rows": […]}],
    /// "passed": n, "failed": n, "errors": n}`; each row is
    /// `{"wrt", "status", "gradient", "pathSum", "numeric", "problems"}`.
    public var json: String {
        let entries = files.map { file -> JSONValue in
            switch file.outcome {
            case let .failed(message):
                return .object([("file", .string(file.path)), ("status", .string("error")), ("error", .string(message))])
            case let .checked(report):
                let rows = report.rows.map { row -> JSONValue in
                    .object([
                        ("wrt", .string(row.name)),
                        ("status", .string(row.status.rawValue)),
                        ("gradient", JSONValue(row.gradient)),
                        ("pathSum", JSONValue(row.pathSum)),
                        ("numeric", row.numeric.map { JSONValue($0) } ?? .null),
                        ("problems", .array(row.problems.map { .string($0) })),
                    ])
                }
                return .object([
                    ("file", .string(file.path)), ("status", .string(report.passed ? "passed" : "failed")),
                    ("rows", .array(rows)),
                ])
            }
        }
        return JSONValue.object([
            ("files", .array(entries)), ("passed", .integer(passedCount)), ("failed", .integer(failedCount)),
            ("errors", .integer(errorCount)),
        ]).text
    }

    /// JUnit XML, as CI systems read it: one `<testsuite>` per file, one `<testcase>` per leaf
    /// (a `<failure>` when it disagrees), and a file that could not be checked as one test case
    /// with an `<error>`.
    public var junit: String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<testsuites name=\"gradviz check\" tests=\"\(testCount)\" failures=\"\(failureCount)\" errors=\"\(errorCount)\">",
        ]
        for file in files {
            let name = Self.xml(file.path)
            switch file.outcome {
            case let .failed(message):
                lines.append("  <testsuite name=\"\(name)\" tests=\"1\" failures=\"0\" errors=\"1\">")
                lines.append("    <testcase classname=\"\(name)\" name=\"load\">")
                lines.append("      <error message=\"\(Self.xml(Self.firstLine(message)))\">\(Self.xml(message))</error>")
                lines.append("    </testcase>")
            case let .checked(report):
                let failures = report.rows.filter { $0.status == .disagrees }.count
                lines.append(
                    "  <testsuite name=\"\(name)\" tests=\"\(report.rows.count)\" failures=\"\(failures)\" errors=\"0\">")
                for row in report.rows {
                    let testcase = "    <testcase classname=\"\(name)\" name=\"\(Self.xml(row.name))\""
                    guard row.status == .disagrees else {
                        lines.append(testcase + "/>")
                        continue
                    }
                    let problems = row.problems.joined(separator: "; ")
                    lines.append(testcase + ">")
                    lines.append("      <failure message=\"\(Self.xml(problems))\">\(Self.xml(problems))</failure>")
                    lines.append("    </testcase>")
                }
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    private var testCount: Int {
        files.reduce(0) { total, file in
            if case let .checked(report) = file.outcome { return total + report.rows.count }
            return total + 1
        }
    }

    private var failureCount: Int {
        files.reduce(0) { total, file in
            if case let .checked(report) = file.outcome {
                return total + report.rows.filter { $0.status == .disagrees }.count
            }
            return total
        }
    }

    private static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
    }

    /// Text for an XML attribute or element of the JUnit report.
    static func xml(_ text: String) -> String {
        MarkupEscape.xml(text, keepingLineBreaks: true)
    }
}
