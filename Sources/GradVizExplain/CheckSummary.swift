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

        /// Whether every leaf of the file agrees (kinks and inconclusive rows pass) and every
        /// expectation is met.
        public var passed: Bool {
            if case .checked(let report) = outcome { return report.passed }
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
        files.filter { if case .checked(let report) = $0.outcome { !report.passed } else { false } }.count
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

    /// `{"files": [{"file": …, "status": "passed"|"failed"|"error", "error": …, "rows": […],
    /// "expectations": […]}], "passed": n, "failed": n, "errors": n}`; each row is
    /// `{"wrt", "status", "gradient", "pathSum", "numeric", "problems"}`, each expectation
    /// `{"line", "column", "expect", "kind", "status", "expected", "actual", "tolerance",
    /// "diagnosis", "warnings"}` (see ``json(_:)``).
    public var json: String {
        let entries = files.map { file -> JSONValue in
            switch file.outcome {
            case .failed(let message):
                return .object([
                    ("file", .string(file.path)), ("status", .string("error")), ("error", .string(message)),
                ])
            case .checked(let report):
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
                    ("rows", .array(rows)), ("expectations", .array(report.expectations.map(Self.json))),
                ])
            }
        }
        return JSONValue.object([
            ("files", .array(entries)), ("passed", .integer(passedCount)), ("failed", .integer(failedCount)),
            ("errors", .integer(errorCount)),
        ]).text
    }

    /// JUnit XML, as CI systems read it: one `<testsuite>` per file, one `<testcase>` per leaf
    /// (a `<failure>` when it disagrees) and per expectation (a `<failure>` whose message is the
    /// diagnosis when it is wrong), each with its values, warnings and notes as `<system-out>`;
    /// a file that could not be checked is one test case with an `<error>`.
    public var junit: String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<testsuites name=\"gradviz check\" tests=\"\(testCount)\" failures=\"\(failureCount)\" errors=\"\(errorCount)\">",
        ]
        for file in files {
            let name = Self.xml(file.path)
            switch file.outcome {
            case .failed(let message):
                lines.append("  <testsuite name=\"\(name)\" tests=\"1\" failures=\"0\" errors=\"1\">")
                lines.append("    <testcase classname=\"\(name)\" name=\"load\">")
                lines.append(
                    "      <error message=\"\(Self.xml(Self.firstLine(message)))\">\(Self.xml(message))</error>")
                lines.append("    </testcase>")
            case .checked(let report):
                let failures = Self.failures(in: report)
                let tests = report.rows.count + report.expectations.count
                lines.append(
                    "  <testsuite name=\"\(name)\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\">")
                let numbers = NumberFormat(significantDigits: 6)
                for row in report.rows {
                    let failure = row.status == .disagrees ? row.problems.joined(separator: "; ") : nil
                    var output = [
                        "backward \(numbers.string(row.gradient)), sum over paths \(numbers.string(row.pathSum)), "
                            + "finite differences " + (row.numeric.map { numbers.string($0) } ?? "skipped")
                    ]
                    output += row.kinkWarnings.map { "warning: " + $0 }
                    if let note = row.inconclusiveNote { output.append("note: " + note) }
                    lines += Self.testcase(classname: name, name: row.name, failure: failure, output: output)
                }
                for result in report.expectations {
                    var output = [
                        "\(result.quantityText) = \(numbers.string(result.actual)); expected "
                            + "\(numbers.string(result.expectation.expected)) (\(result.toleranceText))"
                    ]
                    output += result.warnings.map { "warning: " + $0 }
                    lines += Self.testcase(
                        classname: name, name: "line \(result.expectation.line): \(result.expectation.source)",
                        failure: result.passed ? nil : result.diagnosis ?? "", output: output)
                }
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// One expectation: `kind` `value` or `gradient`, `status` `met` or `wrong`, `tolerance` the
    /// `within` written (or `null` for the default), `diagnosis` `null` when met.
    public static func json(_ result: ExpectationResult) -> JSONValue {
        let kind: String
        switch result.expectation.quantity {
        case .value: kind = "value"
        case .gradient: kind = "gradient"
        }
        return .object([
            ("line", .integer(result.expectation.line)), ("column", .integer(result.expectation.column)),
            ("expect", .string(result.expectation.source)), ("kind", .string(kind)),
            ("status", .string(result.passed ? "met" : "wrong")), ("expected", JSONValue(result.expectation.expected)),
            ("actual", JSONValue(result.actual)),
            ("tolerance", result.expectation.tolerance.map { JSONValue.number($0) } ?? .null),
            ("diagnosis", result.diagnosis.map { .string($0) } ?? .null),
            ("warnings", .array(result.warnings.map { .string($0) })),
        ])
    }

    private var testCount: Int {
        files.reduce(0) { total, file in
            if case .checked(let report) = file.outcome { return total + report.rows.count + report.expectations.count }
            return total + 1
        }
    }

    private var failureCount: Int {
        files.reduce(0) { total, file in
            if case .checked(let report) = file.outcome { return total + Self.failures(in: report) }
            return total
        }
    }

    /// Disagreeing leaves and wrong expectations.
    private static func failures(in report: CheckReport) -> Int {
        report.rows.filter { $0.status == .disagrees }.count + report.expectations.filter { !$0.passed }.count
    }

    /// One `<testcase>`: a `<failure>` whose message is `failure` when given, and `output` (the
    /// values, warnings and notes) as `<system-out>`.
    private static func testcase(classname: String, name: String, failure: String?, output: [String]) -> [String] {
        var lines = ["    <testcase classname=\"\(classname)\" name=\"\(xml(name))\">"]
        if let failure {
            lines.append("      <failure message=\"\(xml(failure))\">\(xml(failure))</failure>")
        }
        lines.append("      <system-out>\(xml(output.joined(separator: "\n")))</system-out>")
        lines.append("    </testcase>")
        return lines
    }

    private static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
    }

    /// Text for an XML attribute or element of the JUnit report.
    static func xml(_ text: String) -> String {
        MarkupEscape.xml(text, keepingLineBreaks: true)
    }
}
