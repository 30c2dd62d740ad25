import Foundation

@testable import GradVizDOT

/// Reading back the DOT a figure wrote, for tests: statements, HTML labels and attribute values.
struct DOTText {
    let text: String

    init(_ text: String) { self.text = text }

    var lines: [String] { text.split(separator: "\n").map(String.init) }

    /// The statement defining node `id` (`n12 [...]`).
    func node(_ id: String) -> String? {
        lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(id + " [") }
    }

    /// Every edge statement, `a -> b [...]`.
    /// Edge statements (not the invisible edges that keep leaves in file order).
    var edges: [String] { lines.filter { $0.contains(" -> ") && !$0.contains("rank=same") } }

    /// Edge statements from `from` to `to`.
    func edges(from: String, to: String) -> [String] {
        edges.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix(from + " -> " + to + " ") }
    }

    /// The characters of `text` outside quoted strings (with backslash escapes) and nested
    /// `<…>` labels, tokenized as DOT does, and whether every string and label was closed.
    static func outsideStringsAndLabels(_ text: Substring) -> (outside: String, closed: Bool) {
        var outside = ""
        var inQuotes = false
        var escaped = false
        var depth = 0
        for character in text {
            if inQuotes {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inQuotes = false
                }
            } else if depth > 0 {
                if character == "<" { depth += 1 } else if character == ">" { depth -= 1 }
            } else if character == "\"" {
                inQuotes = true
            } else if character == "<" {
                depth = 1
            } else {
                outside.append(character)
            }
        }
        return (outside, !inQuotes && depth == 0)
    }

    /// The body of every HTML-like label, `<…>` after `=`, found by bracket depth.
    var htmlLabels: [String] {
        var labels: [String] = []
        let characters = Array(text.unicodeScalars)
        var index = 0
        while index + 1 < characters.count {
            if characters[index] == "=" && characters[index + 1] == "<" {
                var depth = 0
                var end = index + 1
                while end < characters.count {
                    if characters[end] == "<" { depth += 1 }
                    if characters[end] == ">" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    end += 1
                }
                var body = String.UnicodeScalarView()
                body.append(contentsOf: characters[(index + 2)..<min(end, characters.count)])
                labels.append(String(body))
                index = end
            }
            index += 1
        }
        return labels
    }

    /// The visible text of the first HTML label in a statement ("" when it has none).
    static func label(_ statement: String) -> String {
        DOTText(statement).htmlLabels.first.map(visibleText) ?? ""
    }

    /// The visible text of every innermost `<TD>` cell of a statement's HTML labels, in order,
    /// empty cells left out: a node's name, its captions and each number in a cell of its own, so
    /// a test can compare whole numbers ("−6" is not "6").
    static func cells(_ statement: String) -> [String] {
        let pattern = "<TD[^>]*>((?:(?!<TD|</TD>).)*)</TD>"
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else {
            return []
        }
        let range = NSRange(statement.startIndex..., in: statement)
        return regex.matches(in: statement, range: range).compactMap { match in
            Range(match.range(at: 1), in: statement).map { visibleText(String(statement[$0])) }
        }.filter { !$0.isEmpty }
    }

    /// The text an HTML label shows: tags removed, entities decoded.
    static func visibleText(_ html: String) -> String {
        var result = ""
        var inTag = false
        for character in html {
            if character == "<" {
                inTag = true
            } else if character == ">" {
                inTag = false
            } else if !inTag {
                result.append(character)
            }
        }
        let entities = [
            ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#123;", "{"), ("&#125;", "}"),
            ("&#124;", "|"), ("&amp;", "&"),
        ]
        for (entity, character) in entities { result = result.replacingOccurrences(of: entity, with: character) }
        return result
    }

    /// Every value of a colour attribute, in DOT attributes and in HTML labels.
    var colours: [String] {
        let pattern = #"(?:color|fillcolor|fontcolor|bgcolor|COLOR|BGCOLOR)=\"([^\"]*)\""#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
