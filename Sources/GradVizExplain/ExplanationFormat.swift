/// How ``Explanation/render(_:numbers:standalone:)`` writes an explanation.
public enum ExplanationFormat: String, CaseIterable, Sendable {
    /// A readable table for the terminal.
    case text
    /// One JSON object, for tools.
    case json
    /// An `align*` block (or a complete document) in the lecture's notation.
    case latex
    /// Markdown with `$$` math, for notes and slides.
    case markdown
}
