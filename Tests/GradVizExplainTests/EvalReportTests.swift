import Foundation
import GradVizExplain
import GradVizNotation
import GradVizScript
import Testing

/// `gradviz eval`'s report, without a process.
@Suite struct EvalReportTests {
    @Test func reportsTheLecturesValuesAndGradients() throws {
        let evaluation = try Script(source: LectureGraphs.regressionScript, file: "r.grad").evaluate()
        let report = EvalReport(
            graph: evaluation.graph, output: evaluation.output.name,
            variables: evaluation.variables.map { (name: $0.name, id: $0.id) })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        #expect(object["output"] as? String == "L")
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        let w2 = try #require(nodes.first { $0["name"] as? String == "w2" })
        // By hand: ∂L/∂w₂ = 2(ŷ − y)·h = −6·17.
        #expect(w2["value"] as? Double == 2 && w2["grad"] as? Double == -102)
        #expect(w2["shape"] as? [Int] == [])
        let text = report.text(NumberFormat(significantDigits: 6))
        #expect(text.hasPrefix("name"))
        #expect(text.contains("∂L/∂name"))
        #expect(text.split(separator: "\n").contains { $0.hasPrefix("w2") && $0.hasSuffix("−102") })
    }
}
