/// A graph Graphviz could not parse, lay out or render, with Graphviz's own explanation.
public struct RenderError: Error, CustomStringConvertible, Sendable {
    /// Graphviz's message (e.g. `syntax error in line 1 near ';'`), or the renderer's own when
    /// Graphviz gave none.
    public let message: String

    /// Creates an error carrying `message`.
    public init(message: String) {
        self.message = message
    }

    /// The message, as Graphviz wrote it.
    public var description: String { message }
}
