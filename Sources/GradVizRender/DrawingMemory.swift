import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether cairo and pango can draw a PNG or PDF in the address space the process has left.
///
/// Under a small address-space limit (`ulimit -v` of 100–150 MB) cairo, pango and fontconfig
/// do not fail cleanly when they run out: pango's font threads abort the process (GLib-ERROR,
/// SIGTRAP) and an allocation cairo does not check crashes it (SIGSEGV). So before a PNG or PDF
/// is measured and drawn, the address space they need is reserved and given back at once
/// (`mmap` of inaccessible pages, which counts against the limit and touches no memory); when
/// it cannot be, the drawing is refused with a message while the process can still speak. SVG
/// is measured by the embedded metrics and drawn by Graphviz alone, and needs none of this.
enum DrawingMemory {
    /// Address space cairo, pango and fontconfig take to measure and draw a small figure, on
    /// top of the raster: a PNG of the fully connected sample drew under an address-space limit
    /// of 170 MB (about 90 MB left at this check) and crashed under 150 MB (70 MB left), which
    /// this check now refuses. Pango can still fail to start a font thread now and then at about
    /// 200 MB (SIGTRAP, seen once in several runs): thread stacks are reserved later, elsewhere.
    static let fixedBytes = 72 << 20

    /// Why a `format` drawing cannot be made in the address space left, or `nil`. Only an
    /// address-space limit is checked (without one, allocation fails as it fails anywhere). The
    /// raster itself is not counted: a PNG is at most ``RenderOptions/maxPNGDimension`` pixels
    /// on a side, and cairo's allocation of it is checked.
    static func problem(format: RenderFormat) -> String? {
        guard format == .png || format == .pdf, hasAddressSpaceLimit(), !canReserve(fixedBytes) else { return nil }
        return "not enough memory to draw the \(format.rawValue): cairo and pango need about "
            + "\(megabytes(fixedBytes)) of address space, and the address-space limit (ulimit -v) leaves "
            + "\(megabytes(largestReservable())); raise the limit, or draw an svg"
    }

    /// Whether `bytes` of address space can be reserved now (and gives them back).
    private static func canReserve(_ bytes: Int) -> Bool {
        guard bytes > 0 else { return true }
        let pointer = mmap(nil, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let pointer, pointer != UnsafeMutableRawPointer(bitPattern: -1) else { return false }
        munmap(pointer, bytes)
        return true
    }

    /// About how much address space can be reserved now, to the megabyte (by halving).
    private static func largestReservable() -> Int {
        var low = 0
        var high = 1 << 40
        while high - low > 1 << 20 {
            let middle = low + (high - low) / 2
            if canReserve(middle) { low = middle } else { high = middle }
        }
        return low
    }

    private static func hasAddressSpaceLimit() -> Bool {
        var value = rlimit()
        #if os(Linux)
            let resource = __rlimit_resource_t(RLIMIT_AS.rawValue)
        #else
            let resource = RLIMIT_AS
        #endif
        return getrlimit(resource, &value) == 0 && value.rlim_cur != rlim_t.max
    }

    private static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1_048_576
        return value >= 1024 ? String(format: "%.1f GB", value / 1024) : String(format: "%.0f MB", value)
    }
}
