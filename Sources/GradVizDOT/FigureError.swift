/// Why a figure could not be built: an option that names something the graph lacks, or an
/// option value Graphviz would reject.
public struct FigureError: Error, CustomStringConvertible, Sendable, Hashable {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// `wrt` names no variable of the graph.
        case unknownVariable
        /// `wrt` names a data leaf (marked with ``GradVizEngine/Graph/markAsData(_:)``), which
        /// has no gradient.
        case dataVariable
        /// The output node is not a node of the graph.
        case unknownOutput
        /// An option value is out of range or malformed (`size`, `dpi`, `fontSize`).
        case invalidOption
        /// `maxPaths` asks for more paths than an explanation lists
        /// (``GradVizExplain/Explanation/maxListedPaths``) and `wrt` has more than that.
        case tooManyPaths
        /// A slide build would have more frames than ``FrameSequence/maxFrames``.
        case tooManyFrames
        /// The figure would draw more than ``FigureOptions/sizeCheck`` allows; nothing was drawn.
        case tooLarge
    }

    /// What went wrong.
    public let kind: Kind
    /// A one-line explanation for a person.
    public let message: String

    /// An error of `kind` explained by `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message, for printing.
    public var description: String { message }
}
