/// How a ``FigureBuilder`` draws one frame of a slide build instead of the full figure: what
/// the frame reveals, and the book of slots that keeps every frame's layout identical.
package struct FrameDrawing {
    /// What this frame shows.
    package var reveal: FrameReveal
    /// The slots and their sizes, shared by every frame of the sequence.
    package let book: SlotBook
    /// Whether a caption row is drawn under the figure.
    package let captions: Bool

    package init(reveal: FrameReveal, book: SlotBook, captions: Bool) {
        self.reveal = reveal
        self.book = book
        self.captions = captions
    }
}
