import Foundation
import GradVizDOT
import GradVizEngine
import GradVizExplain
import Testing

@Suite struct ThemeAndDeterminismTests {
    /// Whether a colour value is a gray (or black, white, transparent); lists `a:b` checked part
    /// by part.
    static func isGray(_ value: String) -> Bool {
        value.split(separator: ":").allSatisfy { part in
            let text = String(part)
            if ["black", "white", "transparent", "none"].contains(text.lowercased()) { return true }
            if text.lowercased().hasPrefix("gray") || text.lowercased().hasPrefix("grey") { return true }
            guard text.hasPrefix("#"), text.count == 7 || text.count == 9 else { return false }
            let hex = Array(text.dropFirst())
            return hex[0..<2] == hex[2..<4] && hex[2..<4] == hex[4..<6]
        }
    }

    @Test(arguments: [LectureExamples.weightSharing, LectureExamples.fullyConnected, LectureExamples.tensorModules])
    func printThemeUsesOnlyGrays(source: String) throws {
        let wrt = source.contains("W__1") ? "W__1" : (source.contains("w_1_1__1") ? "w_1_1__1" : "w1")
        for view in ViewKind.allCases {
            let dot = DOTText(
                try LectureExamples.figure(source, FigureOptions(view: view, wrt: wrt, theme: .print)).dot)
            #expect(!dot.colours.isEmpty)
            for colour in dot.colours { #expect(Self.isGray(colour), "not a gray: \(colour)") }
        }
    }

    @Test func printThemeTellsPathsApartByDashPattern() throws {
        let dot = DOTText(
            try LectureExamples.figure(LectureExamples.weightSharing, FigureOptions(wrt: "w1", theme: .print)).dot)
        let styles = Set(
            dot.edges.filter { $0.contains("penwidth=\"2.6\"") }.compactMap { edge in
                edge.range(of: #"style="[a-z,]+""#, options: .regularExpression).map { String(edge[$0]) }
            })
        #expect(styles.count == 2)
    }

    @Test func colourThemesColourTheNodeKinds() throws {
        for theme in [Theme.light, .dark] {
            let dot = DOTText(try LectureExamples.figure(LectureExamples.reluNeuron, FigureOptions(theme: theme)).dot)
            #expect(dot.colours.contains { !Self.isGray($0) })
        }
    }

    @Test(arguments: Theme.allCases)
    func sameInputGivesByteIdenticalDOT(theme: Theme) throws {
        for source in [LectureExamples.regression, LectureExamples.weightSharing, LectureExamples.tensorModules] {
            for view in ViewKind.allCases {
                let options = FigureOptions(view: view, wrt: source.contains("w1") ? "w1" : nil, theme: theme)
                // Two evaluations: separate graphs, separate dictionaries, same bytes.
                let first = try LectureExamples.figure(source, options).dot
                let second = try LectureExamples.figure(source, options).dot
                #expect(first == second)
            }
        }
    }

    /// The attribute keys of a statement's `[…]` list, in the order written (quoted strings and
    /// HTML labels skipped).
    static func keys(_ statement: String) -> [String] {
        guard let open = statement.firstIndex(of: "[") else { return [] }
        let syntax = DOTText.outsideStringsAndLabels(statement[statement.index(after: open)...]).outside
        // What is left is `key=, key=, …];`: each key stands before its `=`.
        return syntax.split(separator: ",").compactMap { pair in
            pair.firstIndex(of: "=").map { pair[..<$0].trimmingCharacters(in: .whitespaces) }
        }
    }

    @Test func attributesAreWrittenInSortedOrder() throws {
        let dot = DOTText(try LectureExamples.figure(LectureExamples.tensorModules, FigureOptions(wrt: "W__1")).dot)
        var checked = 0
        for line in dot.lines where line.hasSuffix("];") {
            let keys = Self.keys(line)
            #expect(keys == keys.sorted(), "\(line)")
            checked += 1
        }
        #expect(checked > 10)
        let graphKeys = dot.lines.prefix { !$0.hasPrefix("  node [") }.dropFirst().compactMap {
            $0.split(separator: "=").first.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(graphKeys.count > 10 && graphKeys == graphKeys.sorted())
    }

    @Test func numbersCarryNoFloatingPointNoise() throws {
        // 0.1 + 0.2 = 0.30000000000000004 in binary; the figure shows 0.3.
        let source = """
            a = 0.1
            b = 0.2
            c = a + b
            """
        let dot = try LectureExamples.figure(source).dot
        #expect(dot.contains(">0.3<"))
        #expect(!dot.contains("0.30000"))
    }

    @Test func negativeNumbersUseTheMinusSign() throws {
        let dot = DOTText(try LectureExamples.figure(LectureExamples.regression, FigureOptions(wrt: "w2")).dot)
        let visible = dot.htmlLabels.map(DOTText.visibleText).joined(separator: " ")
        #expect(visible.contains("−102"))
        #expect(!visible.contains("-"))
    }
}
