#if canImport(Glibc)
    import Glibc
    import Synchronization
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
/// a third of the time. A freed mapping is kept for the next large buffer (``MappingCache``), so
/// a training loop that records a graph per step writes into pages it already has instead of
/// asking the kernel for fresh zeroed ones. Indexing is bounds-checked like an array's; the
/// kernels use ``buffer``.
struct TapeBuffer<Element: BitwiseCopyable>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>?
    /// The number of elements.
    private(set) var count = 0
    /// The number of elements that fit before the next reallocation.
    private(set) var capacity = 0
    /// The size of the mapping for a large buffer; 0 when `base` came from `malloc`.
    private var mappedBytes = 0
    /// Leading bytes of a reused mapping that an earlier buffer wrote.
    private var reusedBytes = 0

    /// An empty buffer.
    init() {}

    /// `count` elements with all bits clear (0.0 for `Double`).
    init(zeros count: Int) {
        guard count > 0 else { return }
        if let (block, bytes, used) = TapeBuffer.map(count) {
            // Fresh pages read as zeros; pages a freed buffer wrote are cleared.
            let written = min(used, count * MemoryLayout<Element>.stride)
            memset(block, 0, written)
            base = block
            mappedBytes = bytes
            reusedBytes = used
        } else {
            base = TapeBuffer.checked(calloc(count, MemoryLayout<Element>.stride), count)
        }
        self.count = count
        capacity = count
    }

    deinit { TapeBuffer.release(base, mappedBytes, written: writtenBytes) }

    /// Bytes from the start of the block that have held data, this buffer's or an earlier one's:
    /// the resident pages of a mapping, which a later buffer must clear before reading them.
    private var writtenBytes: Int { max(count * MemoryLayout<Element>.stride, reusedBytes) }

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
        if let (block, bytes, used) = TapeBuffer.map(newCapacity) {
            if let base { block.update(from: base, count: count) }
            TapeBuffer.release(base, mappedBytes, written: writtenBytes)
            base = block
            mappedBytes = bytes
            reusedBytes = used
            capacity = bytes / MemoryLayout<Element>.stride
        } else if mappedBytes == 0 {
            base = TapeBuffer.checked(realloc(base, newCapacity * MemoryLayout<Element>.stride), newCapacity)
            capacity = newCapacity
        } else {
            let block = TapeBuffer.checked(malloc(newCapacity * MemoryLayout<Element>.stride), newCapacity)
            if let base { block.update(from: base, count: count) }
            TapeBuffer.release(base, mappedBytes, written: writtenBytes)
            base = block
            mappedBytes = 0
            reusedBytes = 0
            capacity = newCapacity
        }
    }

    /// Bytes of memory the elements occupy: the block's size, or for a mapping the pages written
    /// so far (whole huge pages, as they appear on first write).
    var allocatedBytes: Int {
        guard mappedBytes > 0 else { return capacity * MemoryLayout<Element>.stride }
        return (count * MemoryLayout<Element>.stride + TapeBuffer.hugePage - 1) / TapeBuffer.hugePage
            * TapeBuffer.hugePage
    }

    /// Blocks of at least this many bytes are mapped on their own.
    private static var largeBlock: Int { 4 << 20 }
    /// A mapping reserves this much address space, so that the buffer grows without copying;
    /// none when the process's address space is limited (`ulimit -v`): reserved but unused
    /// room counts against that limit, and three buffers' gigabytes of it made a script that
    /// needed 2 GB fail under a limit of 4 GB. There the buffer grows by copying instead.
    private static var reservation: Int { tapeReservation }
    private static var hugePage: Int { 2 << 20 }

    /// A mapping with room for `count` elements or more, with its size and how many of its
    /// leading bytes an earlier buffer wrote (0 for a fresh one); `nil` for a small block, where
    /// mapping fails, or off Linux. A fresh mapping is marked for huge pages; its untouched pages
    /// cost address space only.
    private static func map(_ count: Int) -> (UnsafeMutablePointer<Element>, Int, Int)? {
        #if os(Linux)
            let bytes = count * MemoryLayout<Element>.stride
            guard bytes >= largeBlock else { return nil }
            if let kept = MappingCache.take(bytes: bytes, stride: MemoryLayout<Element>.stride) {
                return (
                    kept.block.bindMemory(to: Element.self, capacity: kept.size / MemoryLayout<Element>.stride),
                    kept.size, kept.written
                )
            }
            let needed = (bytes + hugePage - 1) / hugePage * hugePage
            for size in [max(needed, reservation), needed] {
                guard
                    let block = mmap(
                        nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0),
                    block != MAP_FAILED
                else { continue }
                // Only advice: where huge pages are off, the mapping works with normal pages.
                _ = madvise(block, size, MADV_HUGEPAGE)
                return (block.bindMemory(to: Element.self, capacity: size / MemoryLayout<Element>.stride), size, 0)
            }
            return nil
        #else
            return nil
        #endif
    }

    /// Frees a block: a mapping goes to ``MappingCache`` (which unmaps what it does not keep).
    private static func release(_ block: UnsafeMutablePointer<Element>?, _ mappedBytes: Int, written: Int) {
        #if os(Linux)
            if let block, mappedBytes > 0 {
                MappingCache.give(
                    MappingCache.Mapping(
                        block: UnsafeMutableRawPointer(block), size: mappedBytes, written: written,
                        stride: MemoryLayout<Element>.stride))
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

#if os(Linux)
    /// Large tape mappings kept after their buffer is freed, for the next one to reuse.
    ///
    /// Recording writes each node into fresh memory, and a fresh page costs a kernel page fault that
    /// clears it: on a 10⁶-node graph that was most of the time of recording and backward. Keeping a
    /// freed graph's mappings, as PyTorch's caching allocator keeps its blocks, lets the next graph
    /// (a training loop's next step, a benchmark's next run) write into pages it already has. The
    /// cache is bounded: at most ``maxMappings`` mappings holding at most ``maxWrittenBytes`` of
    /// written (resident) memory; beyond that a mapping is unmapped as before.
    enum MappingCache {
        /// A mapping: its start, its size, how many leading bytes have been written, and the
        /// element stride of the buffer that wrote them (node buffers reuse node buffers' pages).
        struct Mapping: @unchecked Sendable {
            var block: UnsafeMutableRawPointer
            var size: Int
            var written: Int
            var stride: Int
        }

        /// The most mappings kept: a graph's node, value and gradient buffers, twice.
        static let maxMappings = 6
        /// The most written memory kept, summed over the kept mappings.
        static let maxWrittenBytes = 512 << 20

        private static let kept = Mutex<[Mapping]>([])

        /// A kept mapping of at least `bytes`, or `nil`: one last written by a buffer of the same
        /// element stride if there is one (the same kind of buffer, likely to grow as far again),
        /// and of those the one with the most written bytes (the fewest new pages to fault in).
        static func take(bytes: Int, stride: Int) -> Mapping? {
            kept.withLock { kept in
                let fits = kept.indices.filter { kept[$0].size >= bytes }
                func rank(_ index: Int) -> (Int, Int) { (kept[index].stride == stride ? 1 : 0, kept[index].written) }
                guard let index = fits.max(by: { rank($0) < rank($1) }) else { return nil }
                return kept.remove(at: index)
            }
        }

        /// Keeps `mapping` for reuse, or unmaps it when the cache is full.
        static func give(_ mapping: Mapping) {
            let keptIt = kept.withLock { kept in
                let written = kept.reduce(mapping.written) { $0 + $1.written }
                guard kept.count < maxMappings, written <= maxWrittenBytes else { return false }
                kept.append(mapping)
                return true
            }
            if !keptIt { munmap(mapping.block, mapping.size) }
        }

        /// Unmaps every kept mapping.
        static func releaseAll() {
            for mapping in kept.withLock({ kept in
                defer { kept.removeAll() }
                return kept
            }) {
                munmap(mapping.block, mapping.size)
            }
        }
    }
#endif

/// ``TapeBuffer``'s reservation of address space (see there), decided once per process.
private let tapeReservation: Int = {
    var limit = rlimit()
    #if os(Linux)
        let resource = __rlimit_resource_t(RLIMIT_AS.rawValue)
    #else
        let resource = RLIMIT_AS
    #endif
    if getrlimit(resource, &limit) == 0, limit.rlim_cur != rlim_t.max { return 0 }
    return 1 << 30
}()
