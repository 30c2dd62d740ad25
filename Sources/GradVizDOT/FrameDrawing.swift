/// How a ``FigureBuilder`` draws one frame of a slide build instead of the full figure: what
/// the frame reveals, and the book of slots that keeps every frame's layout identical.
struct FrameDrawing {
    /// What this frame shows.
    var reveal: FrameReveal
    /// The slots and their sizes, shared by every frame of the sequence.
    let book: SlotBook
    /// Whether a caption row is drawn under the figure.
    let captions: Bool
}
