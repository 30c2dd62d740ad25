/// A binary heap whose first element is the one `precedes` ranks first.
///
/// Used to merge ranked path lists and to run the best-first search over tensor paths.
struct BinaryHeap<Element> {
    private var storage: [Element] = []
    private let precedes: (Element, Element) -> Bool

    init(precedes: @escaping (Element, Element) -> Bool) {
        self.precedes = precedes
    }

    var isEmpty: Bool { storage.isEmpty }
    var count: Int { storage.count }
    var first: Element? { storage.first }

    mutating func insert(_ element: Element) {
        storage.append(element)
        var child = storage.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(storage[child], storage[parent]) else { break }
            storage.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popFirst() -> Element? {
        guard !storage.isEmpty else { return nil }
        storage.swapAt(0, storage.count - 1)
        let top = storage.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var best = parent
            if left < storage.count, precedes(storage[left], storage[best]) { best = left }
            if right < storage.count, precedes(storage[right], storage[best]) { best = right }
            if best == parent { break }
            storage.swapAt(parent, best)
            parent = best
        }
        return top
    }
}

/// `a` ranks before `b` by magnitude, largest first, with NaN (a broken derivative, worth
/// seeing) before every number. Multiplying both by the same non-negative number never
/// reverses this order, which is what makes the k-best path ranking exact.
@inline(__always)
func ranksBefore(_ a: Double, _ b: Double) -> Bool {
    if a.isNaN { return !b.isNaN }
    if b.isNaN { return false }
    return a > b
}

@inline(__always)
func ranksSame(_ a: Double, _ b: Double) -> Bool {
    a == b || (a.isNaN && b.isNaN)
}
