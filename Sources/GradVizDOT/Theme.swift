/// The colour scheme of a figure.
public enum Theme: String, CaseIterable, Sendable {
    /// Dark text and soft fills on white: slides with a light background and documents.
    case light
    /// Light text on a dark background: slides with a dark template.
    case dark
    /// Grayscale only, for black-and-white printing: node kinds and highlighted paths are told
    /// apart by shape, border, fill and dash pattern rather than by colour.
    case print
}
