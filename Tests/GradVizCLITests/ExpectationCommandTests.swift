import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `expect` lines through the command line: `check` over a course's scripts (text, JSON, JUnit,
/// exit status) and `eval` showing them.
@Suite struct ExpectationCommandTests {
    static let weightSharing =
        "x1 = 2\nw1 = 0.5\ny = 1\na1 = sigmoid(w1 * x1)\na2 = tanh(w1 * x1)\no = sigmoid(a1 + a2)\nl = (o - y)^2\n"
    static let regression =
        "x = 3\nw1 = 5\nb1 = 2\nw2 = 2\nb2 = 3\ny = 40\nyhat = w2 * (w1 * x + b1) + b2\nL = (yhat - y)^2\n"

    /// A course: per student a script with expectations, right or wrong in one way, or bad.
    static var course: [(name: String, source: String, wrong: String?)] {
        var scripts: [(String, String, String?)] = []
        for student in 1...10 {
            scripts.append(
                ("right\(student).grad", regression + "expect yhat = 37\nexpect L = 9\nexpect dL/dw1 = -36\n", nil))
        }
        for student in 1...4 {
            scripts.append(("right_ws\(student).grad", weightSharing + "expect dl/dw1 = -0.06782 within 1e-5\n", nil))
        }
        let wrong: [(String, String, String)] = [
            ("one_path", weightSharing + "expect dl/dw1 = -0.0462\n", "is the path w₁ → a₂ → o → ℓ alone"),
            ("other_path", weightSharing + "expect dl/dw1 = -0.02163\n", "is the path w₁ → a₁ → o → ℓ alone"),
            ("sign", regression + "expect dL/dw2 = 102\n", "has the wrong sign"),
            ("missing_w2", regression + "expect dL/dw1 = -18\n", "leaves out one local derivative"),
            ("missing_edge", regression + "expect dL/dw1 = -6\n", "leaves out one local derivative, ∂ŷ/∂w₁ = 6"),
            ("other_variable", regression + "expect dL/dw1 = -102\n", "is ∂L/∂w₂, the gradient of another variable"),
            ("value", regression + "expect yhat = 36\n", "yhat = w2 * (w1 * x + b1) + b2 is 37"),
            ("rounded", weightSharing + "expect dl/dw1 = -0.0678\n", "rounded"),
            (
                "shape", "x = [1, 2]\nw = 2\nL = sum(w * x)\nexpect dL/dx = 1\n",
                "is a number, but ∂L/∂x is a vector of 2"
            ),
            (
                "chain", weightSharing + "expect dl/do = -0.3670 within 1e-4\nexpect dl/da1 = -0.1\n",
                "the first wrong one in backward order"
            ),
            (
                "sum_of_paths", "w = 1\na = w^2\nb = 3 * w\nc = exp(w)\nL = a + b + c\nexpect dL/dw = 5\n",
                "is the sum over the paths"
            ),
            ("no_idea", regression + "expect dL/dw1 = 1000\n", "∂L/∂w₁ is −36, not 1000"),
        ]
        for (name, source, fragment) in wrong { scripts.append(("\(name).grad", source, fragment)) }
        scripts.append(("bad_expect.grad", regression + "expect dL/w1 = 3\n", nil))
        scripts.append(("bad_name.grad", regression + "expect dL/dw3 = 3\n", nil))
        scripts.append(("bad_syntax.grad", "x = [1,\n", nil))
        scripts.append(("bad_shape.grad", "x = [1, 2]\nW = [[1, 2, 3]]\nz = W @ x\nL = sum(z)\nexpect L = 3\n", nil))
        return scripts
    }

    @Test func aCourseRunChecksEveryExpectationInOneCall() throws {
        let course = Self.course
        #expect(course.count == 30)
        let directory = try GradViz.scratch(Dictionary(uniqueKeysWithValues: course.map { ($0.name, $0.source) }))
        let result = try GradViz.run(["check"] + course.map(\.name) + ["--junit", "course.xml"], in: directory)
        #expect(result.status == 2, "bad input wins over wrong answers")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("checked ") }.count == 1)
        #expect(lines.last == "checked 30 files: 14 passed, 12 failed, 4 could not be checked")
        #expect(result.stderr.contains("bad_expect.grad:9:11: error: expected 'dNAME' after 'dL/'"))
        #expect(result.stderr.contains("bad_name.grad:9:12: error: 'expect' names unknown variable 'w3'"))
        #expect(result.stderr.contains("bad_shape.grad:3:7: error: shape mismatch in '@'"))

        let xml = try Data(contentsOf: directory.appendingPathComponent("course.xml"))
        let collector = JUnitCollector()
        let parser = XMLParser(data: xml)
        parser.delegate = collector
        #expect(parser.parse())
        let failures = collector.cases.filter { $0.failure != nil }
        #expect(failures.count == 12)
        for script in course {
            let cases = collector.cases.filter { $0.classname == script.name }
            if let fragment = script.wrong {
                let failure = cases.compactMap(\.failure).first ?? ""
                #expect(failure.contains(fragment), "\(script.name): \(failure)")
            } else if script.name.hasPrefix("bad") {
                #expect(cases.count == 1 && cases[0].error != nil, "\(script.name)")
            } else {
                #expect(!cases.isEmpty && cases.allSatisfy { $0.failure == nil && $0.error == nil })
                // Passing cases carry their values.
                #expect(cases.allSatisfy { !$0.output.isEmpty }, "\(script.name)")
            }
        }
        let expectationCase = try #require(
            collector.cases.first { $0.classname == "right1.grad" && $0.name.hasPrefix("line 11:") })
        #expect(expectationCase.name == "line 11: expect dL/dw1 = -36")
        #expect(
            expectationCase.output.hasPrefix("∂L/∂w₁ = -36; expected -36")
                || expectationCase.output.hasPrefix("∂L/∂w₁ = −36; expected −36"))
        #expect(collector.errors == 4 && collector.failures == 12)
    }

    @Test func checkTextAndJSONHaveOneRowPerExpectation() throws {
        let source = Self.regression + "expect yhat = 37\nexpect dL/dw1 = -18 within 1e-3\n"
        let directory = try GradViz.scratch(["r.grad": source])
        let text = try GradViz.run(["check", "r.grad"], in: directory)
        #expect(text.status == 1)
        #expect(text.stdout.contains("expect yhat = 37"))
        #expect(text.stdout.contains("✗    10  expect dL/dw1 = -18 within 1e-3"))
        #expect(text.stdout.contains("wrong: line 10: ∂L/∂w₁: your −18 leaves out one local derivative"))
        #expect(text.stdout.hasSuffix("1 of 2 expectations are wrong: line 10\n"))
        let json = try GradViz.run(["check", "r.grad", "--format", "json"], in: directory)
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let file = try #require((object["files"] as? [[String: Any]])?.first)
        #expect(file["status"] as? String == "failed")
        #expect((file["rows"] as? [[String: Any]])?.count == 6)
        let rows = try #require(file["expectations"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[0]["status"] as? String == "met" && rows[0]["kind"] as? String == "value")
        #expect(rows[0]["line"] as? Int == 9 && rows[0]["column"] as? Int == 8)
        #expect(rows[0]["tolerance"] is NSNull && rows[0]["diagnosis"] is NSNull)
        #expect(rows[1]["status"] as? String == "wrong" && rows[1]["kind"] as? String == "gradient")
        #expect(rows[1]["expect"] as? String == "expect dL/dw1 = -18 within 1e-3")
        #expect(rows[1]["expected"] as? Double == -18 && rows[1]["actual"] as? Double == -36)
        #expect(rows[1]["tolerance"] as? Double == 1e-3)
        #expect((rows[1]["diagnosis"] as? String)?.contains("w₂ = 2") == true)
    }

    @Test func evalShowsTheExpectations() throws {
        let directory = try GradViz.scratch(["r.grad": Self.regression + "expect L = 9\nexpect dL/db2 = -5\n"])
        let text = try GradViz.run(["eval", "r.grad"], in: directory)
        #expect(text.status == 0)
        #expect(text.stdout.contains("expect dL/db2 = -5"))
        #expect(text.stdout.contains("wrong: line 10: ∂L/∂b₂:"))
        let json = try GradViz.run(["eval", "r.grad", "--format", "json"], in: directory)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["expectations"] as? [[String: Any]])
        #expect(rows.map { $0["status"] as? String } == ["met", "wrong"])
        // Without expect lines, eval's JSON stays exactly {"output", "nodes"}.
        let plain = try GradViz.scratch(["p.grad": Self.regression])
        let bare = try GradViz.run(["eval", "p.grad", "--format", "json"], in: plain)
        let keys = try #require(try JSONSerialization.jsonObject(with: Data(bare.stdout.utf8)) as? [String: Any]).keys
        #expect(Set(keys) == ["output", "nodes"])
    }

    @Test func theSamplesHandDerivedNumbersAllHold() throws {
        let samples = try FileManager.default.contentsOfDirectory(
            atPath: GradViz.repository.appendingPathComponent("samples").path
        ).filter { $0.hasSuffix(".grad") }.sorted().map { "samples/" + $0 }
        #expect(samples.count >= 10)
        let result = try GradViz.run(["check"] + samples + ["--format", "json"], in: GradViz.repository)
        #expect(result.status == 0, "\(result.stdout)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(object["files"] as? [[String: Any]])
        for file in files {
            let rows = (file["expectations"] as? [[String: Any]]) ?? []
            #expect(!rows.isEmpty, "\(file["file"] ?? "")")
            #expect(rows.allSatisfy { $0["status"] as? String == "met" })
        }
    }
}

/// The test cases of a JUnit report with their failure, error and standard output.
private final class JUnitCollector: NSObject, XMLParserDelegate {
    struct Case {
        var classname: String
        var name: String
        var failure: String?
        var error: String?
        var output = ""
    }

    var cases: [Case] = []
    var failures = 0
    var errors = 0
    private var inOutput = false

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch elementName {
        case "testsuites":
            failures = Int(attributes["failures"] ?? "") ?? -1
            errors = Int(attributes["errors"] ?? "") ?? -1
        case "testcase": cases.append(Case(classname: attributes["classname"] ?? "", name: attributes["name"] ?? ""))
        case "failure": cases[cases.count - 1].failure = attributes["message"] ?? ""
        case "error": cases[cases.count - 1].error = attributes["message"] ?? ""
        case "system-out": inOutput = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inOutput { cases[cases.count - 1].output += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if elementName == "system-out" { inOutput = false }
    }
}
