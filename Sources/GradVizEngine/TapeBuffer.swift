#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable buffer of plain values owned by one ``Graph``: the tape's node, value and gradient
/// storage.
///
/// Like `ContiguousArray`, but appending does no copy-on-write check (the buffer is not
/// copyable, so it is always uniquely owned), and on Linux a large buffer is mapped on its own
/// and marked for transparent huge pages. Recording a scalar network writes ~40 bytes per node
/// into fresh memory; with 4 KiB pages the kernel's page faults and the growth copies were about
/// a third of the time. Indexing is bounds-checked like an array's; the kernels use ``buffer``.
struct TapeBuffer<Element: BitwiseCopyable>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>?
    /// The number of elements.
    private(set) var count = 0
    /// The number of elements that fit before the next reallocation.
    private(set) var capacity = 0
    /// The size of the mapping for a large buffer; 0 when `base` came from `malloc`.
    private var mappedBytes = 0

    /// An empty buffer.
    init() {}

    /// `count` elements with all bits clear (0.0 for `Double`).
    init(zeros count: Int) {
        guard count > 0 else { return }
        if let (block, bytes) = TapeBuffer.map(count) {
            // Fresh mappings read as zeros.
            base = block
            mappedBytes = bytes
        } else {
            base = TapeBuffer.checked(calloc(count, MemoryLayout<Element>.stride), count)
        }
        self.count = count
        capacity = count
    }

    deinit { TapeBuffer.release(base, mappedBytes) }

    var isEmpty: Bool { count == 0 }
    var indices: Range<Int> { 0..<count }

    /// The elements, valid until the next append.
    var buffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }

    subscript(_ index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "TapeBuffer index out of range")
            return base.unsafelyUnwrapped[index]
        }
        set {
            precondition(index >= 0 && index < count, "TapeBuffer index out of range")
            base.unsafelyUnwrapped[index] = newValue
        }
    }

    /// Copies of the elements in `range`.
    func elements(_ range: Range<Int>) -> [Element] { Array(buffer[range]) }

    mutating func append(_ element: Element) {
        if count == capacity { grow(minimumCapacity: count + 1) }
        base.unsafelyUnwrapped[count] = element
        count += 1
    }

    mutating func append(contentsOf elements: some Collection<Element>) {
        reserveCapacity(count + elements.count)
        for element in elements {
            base.unsafelyUnwrapped[count] = element
            count += 1
        }
    }

    /// Makes room for `minimumCapacity` elements without growing again.
    mutating func reserveCapacity(_ minimumCapacity: Int) {
        if minimumCapacity > capacity { grow(minimumCapacity: minimumCapacity, exactly: true) }
    }

    /// Moves the elements to a block for at least `minimumCapacity`, doubling unless `exactly`.
    private mutating func grow(minimumCapacity: Int, exactly: Bool = false) {
        if mappedBytes >= minimumCapacity * MemoryLayout<Element>.stride {
            // The mapping reserved room ahead: its pages appear as they are first written.
            capacity = mappedBytes / MemoryLayout<Element>.stride
            return
        }
        let newCapacity = exactly ? minimumCapacity : max(minimumCapacity, 2 * capacity, 64)
        if let (block, bytes) = TapeBuffer.map(newCapacity) {
            if let base { block.update(from: base, count: count) }
            TapeBuffer.release(base, mappedBytes)
            base = block
            mappedBytes = bytes
            capacity = bytes / MemoryLayout<Element>.stride
        } else if mappedBytes == 0 {
            base = TapeBuffer.checked(realloc(base, newCapacity * MemoryLayout<Element>.stride), newCapacity)
            capacity = newCapacity
        } else {
            let block = TapeBuffer.checked(malloc(newCapacity * MemoryLayout<Element>.stride), newCapacity)
            if let base { block.update(from: base, count: count) }
            TapeBuffer.release(base, mappedBytes)
            base = block
            mappedBytes = 0
            capacity = newCapacity
        }
    }

    /// Bytes of memory the elements occupy: the block's size, or for a mapping the pages written
    /// so far (whole huge pages, as they appear on first write).
    var allocatedBytes: Int {
        guard mappedBytes > 0 else { return capacity * MemoryLayout<Element>.stride }
        return (count * MemoryLayout<Element>.stride + TapeBuffer.hugePage - 1) / TapeBuffer.hugePage * TapeBuffer.hugePage
    }

    /// Blocks of at least this many bytes are mapped on their own.
    private static var largeBlock: Int { 4 << 20 }
    /// A mapping reserves this much address space, so that the buffer grows without copying.
    private static var reservation: Int { 1 << 30 }
    private static var hugePage: Int { 2 << 20 }

    /// A fresh mapping with room for `count` elements or more, marked for huge pages, with its
    /// size; `nil` for a small block, where mapping fails, or off Linux. Untouched pages of the
    /// mapping cost address space only.
    private static func map(_ count: Int) -> (UnsafeMutablePointer<Element>, Int)? {
        #if os(Linux)
        let bytes = count * MemoryLayout<Element>.stride
        guard bytes >= largeBlock else { return nil }
        let needed = (bytes + hugePage - 1) / hugePage * hugePage
        for size in [max(needed, reservation), needed] {
            guard let block = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0),
                block != MAP_FAILED
            else { continue }
            // Only advice: where huge pages are off, the mapping works with normal pages.
            _ = madvise(block, size, MADV_HUGEPAGE)
            return (block.bindMemory(to: Element.self, capacity: size / MemoryLayout<Element>.stride), size)
        }
        return nil
        #else
        return nil
        #endif
    }

    private static func release(_ block: UnsafeMutablePointer<Element>?, _ mappedBytes: Int) {
        #if os(Linux)
        if mappedBytes > 0 {
            munmap(block, mappedBytes)
            return
        }
        #endif
        free(block)
    }

    /// The block `malloc` returned, typed; out of memory stops the program, as it does for
    /// Swift's own arrays.
    private static func checked(_ block: UnsafeMutableRawPointer?, _ count: Int) -> UnsafeMutablePointer<Element> {
        guard let block else { preconditionFailure("out of memory for \(count) tape entries") }
        return block.bindMemory(to: Element.self, capacity: count)
    }
}
