import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `check` exiting 1 on a real mismatch, through the binary. The engine's gradients are right,
/// so the mismatch is one of rounding that zero tolerances make real: backward adds
/// 3·0.3 + 3·0.2 + 3·0.1 edge by edge (1.8) while the vars view's one edge x → h carries
/// 0.3 + 0.2 + 0.1 and the path multiplies it by 3 (1.7999999999999998). With the default
/// tolerances the same script passes. (The library test `WrongGradientCheckTests` covers a
/// wrong gradient proper.)
@Suite struct CheckMismatchCommandTests {
    static let script = "x = 0.1\nh = x * 0.1 + x * 0.2 + x * 0.3\nL = h * 3\n"

    @Test func aMismatchExitsOneWithAJUnitFailure() throws {
        let name = #"a&b<"c">.grad"#
        let directory = try GradViz.scratch([name: Self.script])
        let result = try GradViz.run(
            ["check", name, "--rtol", "0", "--atol", "0", "--junit", "report.xml"], in: directory)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("✗  x"))
        #expect(result.stdout.contains("mismatch: x: sum over paths and backward differ by up to 2.22e-16"))
        #expect(result.stdout.contains("1 of 1 leaf disagrees: x"))

        final class Collector: NSObject, XMLParserDelegate {
            var elements: [(name: String, attributes: [String: String])] = []
            func parser(
                _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]
            ) { elements.append((elementName, attributes)) }
        }
        let collector = Collector()
        let parser = XMLParser(data: try Data(contentsOf: directory.appendingPathComponent("report.xml")))
        parser.delegate = collector
        #expect(parser.parse())
        #expect(collector.elements.first { $0.name == "testsuite" }?.attributes["name"] == name)
        #expect(collector.elements.first { $0.name == "testsuite" }?.attributes["failures"] == "1")
        let failure = try #require(collector.elements.first { $0.name == "failure" })
        #expect(failure.attributes["message"] == "sum over paths and backward differ by up to 2.22e-16")

        let json = try GradViz.run(["check", name, "--rtol", "0", "--atol", "0", "--format", "json"], in: directory)
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"status\": \"disagrees\""))
    }

    @Test func theSameScriptPassesWithTheDefaultTolerances() throws {
        let directory = try GradViz.scratch(["s.grad": Self.script])
        let result = try GradViz.run(["check", "s.grad", "--junit", "report.xml"], in: directory)
        #expect(result.status == 0, "\(result.stdout)")
        let xml = try String(contentsOf: directory.appendingPathComponent("report.xml"), encoding: .utf8)
        #expect(xml.contains("failures=\"0\""))
        #expect(!xml.contains("<failure"))
    }
}
