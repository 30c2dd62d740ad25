import CPNG

/// A PNG decoded to 8-bit RGBA by libpng (installed with Graphviz): what a viewer would show.
struct DecodedPNG {
    let width: Int
    let height: Int
    /// Row-major RGBA bytes.
    let pixels: [UInt8]

    /// `nil` unless libpng decodes `data`.
    init?(_ data: [UInt8]) {
        var width: UInt32 = 0
        var height: UInt32 = 0
        guard let decoded = data.withUnsafeBytes({ cpng_decode_rgba($0.baseAddress, $0.count, &width, &height) })
        else { return nil }
        defer { free(decoded) }
        self.width = Int(width)
        self.height = Int(height)
        pixels = Array(UnsafeBufferPointer(start: decoded, count: Int(width) * Int(height) * 4))
    }

    /// The RGBA of pixel (x, y).
    func pixel(_ x: Int, _ y: Int) -> [UInt8] {
        let start = (y * width + x) * 4
        return Array(pixels[start..<start + 4])
    }

    /// The share of pixels that differ from the top-left one (the background) by more than a
    /// little in any channel.
    var inkFraction: Double {
        let background = pixel(0, 0)
        var ink = 0
        for start in stride(from: 0, to: pixels.count, by: 4)
        where (0..<4).contains(where: { abs(Int(pixels[start + $0]) - Int(background[$0])) > 24 }) {
            ink += 1
        }
        return Double(ink) / Double(max(1, width * height))
    }

    /// How many pixels are dark (text and outlines on a light theme).
    var darkPixels: Int {
        stride(from: 0, to: pixels.count, by: 4).filter { start in
            pixels[start + 3] > 128 && (0..<3).allSatisfy { pixels[start + $0] < 96 }
        }.count
    }
}
