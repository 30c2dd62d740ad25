import Foundation
import GradVizEngine
import GradVizScript
import Testing

@testable import GradVizExplain

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What `check` does with a backward gradient that is actually wrong. The engine never gives
/// one, so the tests substitute it through the internal ``Explanation/BackwardGradient`` seam
/// (not reachable from the library's API or the command line) and see the real verdict logic,
/// report, exit status and JUnit `<failure>` come out of it.
@Suite struct WrongGradientCheckTests {
    /// The lecture's regression, `w1`'s gradient off by 1 % (everything else as the engine gives
    /// it), with a leaf whose Swift name is hostile markup.
    static func report() throws -> (report: CheckReport, w1: NodeID, hostile: NodeID) {
        let g = Graph()
        let x = g.leaf(3, name: "x")
        let w1 = g.leaf(5, name: "w1")
        let b1 = g.leaf(2, name: #"b<1> & "b's""#)
        let w2 = g.leaf(2, name: "w2")
        let yhat = try w2 * (w1 * x + b1) + 3
        let loss = try ((yhat - 40) ** 2).named("L")
        let wrong = w1.id
        let report = CheckReport(
            graph: g, of: loss.id, selections: [x.id, w1.id, b1.id, w2.id].map { ($0, nil) }, check: GradientCheck(),
            view: .vars, enumerationLimit: 1_000_000
        ) { graph, leaf in
            guard leaf == wrong, let right = graph.gradient(of: leaf) else { return nil }
            return Tensor(right.scalar * 1.01)
        }
        return (report, w1.id, b1.id)
    }

    @Test func aWrongBackwardGradientIsAMismatchOnItsRowOnly() throws {
        let (report, w1, _) = try Self.report()
        #expect(!report.passed)
        let row = try #require(report.rows.first { $0.wrt == w1 })
        #expect(row.status == .disagrees)
        #expect(row.gradient.scalar == -36 * 1.01)
        // The sum over paths and finite differences both still say -36 (the lecture's value).
        #expect(abs(row.pathSum.scalar + 36) < 1e-12)
        #expect(abs((row.numeric?.scalar ?? .nan) + 36) < 1e-6)
        #expect(row.problems.count == 2)
        #expect(row.problems.allSatisfy { $0.contains("differ by up to 0.36") })
        #expect(report.rows.filter { $0.wrt != w1 }.allSatisfy { $0.status == .agrees })
        let text = report.render()
        #expect(text.contains("✗  w1"))
        #expect(text.contains("MISMATCH"))
        #expect(text.contains("1 of 4 leaves disagrees: w1"))
    }

    @Test func aFailingReportExitsWithStatusOneAndWritesAJUnitFailure() throws {
        let (report, _, hostile) = try Self.report()
        let file = #"course/a&b<"c">.grad"#
        let summary = CheckSummary(files: [CheckSummary.File(path: file, outcome: .checked(report))])
        #expect(summary.exitStatus == 1)
        #expect(summary.failedCount == 1)
        #expect(summary.summaryLine == "checked 1 file: 0 passed, 1 failed, 0 could not be checked")

        final class Collector: NSObject, XMLParserDelegate {
            var elements: [(name: String, attributes: [String: String])] = []
            var failureText = ""
            var inFailure = false
            func parser(
                _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]
            ) {
                elements.append((elementName, attributes))
                inFailure = elementName == "failure"
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if inFailure { failureText += string }
            }
            func parser(
                _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
            ) { inFailure = false }
        }
        let collector = Collector()
        let parser = XMLParser(data: Data(summary.junit.utf8))
        parser.delegate = collector
        #expect(parser.parse(), "not well-formed: \(summary.junit)")
        let suites = collector.elements.filter { $0.name == "testsuites" }
        #expect(suites.first?.attributes["failures"] == "1")
        let cases = collector.elements.filter { $0.name == "testcase" }
        #expect(cases.count == 4)
        #expect(cases.allSatisfy { $0.attributes["classname"] == file })
        #expect(cases.contains { $0.attributes["name"] == report.rows.first { $0.wrt == hostile }?.name })
        #expect(report.rows.contains { $0.name == #"b<1> & "b's""# })
        let failures = collector.elements.filter { $0.name == "failure" }
        #expect(failures.count == 1)
        let problems = try #require(report.rows.first { $0.status == .disagrees }).problems.joined(separator: "; ")
        #expect(failures.first?.attributes["message"] == problems)
        #expect(collector.failureText == problems)
    }

    /// Without the seam, the same report agrees: the seam is the only thing that made it fail.
    @Test func theEngineItselfAgrees() throws {
        let g = Graph()
        let x = g.leaf(3, name: "x")
        let w1 = g.leaf(5, name: "w1")
        let loss = try ((w1 * x - 40) ** 2).named("L")
        let seamless = CheckReport(graph: g, of: loss.id, leaves: [x.id, w1.id])
        #expect(seamless.passed)
        let identity = CheckReport(
            graph: g, of: loss.id, selections: [(x.id, nil), (w1.id, nil)], check: GradientCheck(), view: .vars,
            enumerationLimit: 1_000_000
        ) { graph, leaf in graph.gradient(of: leaf) }
        #expect(identity.passed)
        #expect(identity.rows.map(\.gradient) == seamless.rows.map(\.gradient))
    }
}
