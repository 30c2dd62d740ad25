/// A problem found while reading one line: its byte offset in the line and its message.
/// ``Script`` adds the file and line and turns the offset into a character column to make a
/// ``Diagnostic``.
struct LocatedError: Error {
    /// 0-based offset into the line's UTF-8 bytes.
    let offset: Int
    let message: String

    init(_ offset: Int, _ message: String) {
        self.offset = offset
        self.message = message
    }
}
