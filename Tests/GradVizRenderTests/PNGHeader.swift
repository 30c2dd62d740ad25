/// The size a PNG file declares in its IHDR chunk, read straight from the bytes.
struct PNGHeader {
    /// The eight bytes every PNG file starts with.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    let width: Int
    let height: Int

    /// Reads the header; `nil` when `data` lacks the signature or a leading IHDR chunk.
    init?(_ data: [UInt8]) {
        // signature, chunk length (4), "IHDR" (4), width (4), height (4)
        guard data.count >= 24, Array(data[0..<8]) == PNGHeader.signature,
            Array(data[12..<16]) == Array("IHDR".utf8)
        else { return nil }
        func bigEndian(at offset: Int) -> Int {
            data[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        }
        width = bigEndian(at: 16)
        height = bigEndian(at: 20)
    }
}
