/// How a ``FigureBuilder`` draws one frame of a slide build instead of the full figure: what
/// the frame reveals, and the book of slots that keeps every frame's layout identical.
package struct FrameDrawing {
    /// What this frame shows.
    package var reveal: FrameReveal
    /// The slots and their sizes, shared by every frame of the sequence.
    package let book: SlotBook
    /// Whether a caption row is drawn under the figure.
    package let captions: Bool
    /// Which part of the frame is drawn.
    package var part: Part

    /// A part of a frame: what a Beamer slide places on its own (the legend scaled apart from
    /// the graph), or all of it.
    package enum Part: Sendable {
        /// The graph, its caption and the legend under it (the frame files).
        case whole
        /// The graph and its caption, without the legend.
        case graph
        /// The legend alone, on a canvas of its own (`nil` DOT without a `wrt` legend).
        case legend
    }

    package init(reveal: FrameReveal, book: SlotBook, captions: Bool, part: Part = .whole) {
        self.reveal = reveal
        self.book = book
        self.captions = captions
        self.part = part
    }
}
