import Foundation

/// Makes items `0..<count` in order on a second thread, at most ``ahead`` items ahead of the
/// caller, who takes them in the same order: a batch's next file is evaluated while the current
/// one is laid out, and no more than one prepared file waits in memory.
///
/// Items need not be `Sendable` (an evaluated script holds its graph): each is made on the
/// worker, handed over under the lock, and from then on touched only by the caller; the worker
/// keeps no reference to it. That hand-over is what the `@unchecked Sendable` stands for.
final class Prefetch<Item>: @unchecked Sendable {
    /// How many items may be made before the caller takes them.
    let ahead: Int
    private let count: Int
    private let make: @Sendable (Int) -> Item
    private let condition = NSCondition()
    /// Made and not yet taken, by index.
    private var made: [Int: Item] = [:]
    /// The index the caller takes next.
    private var next = 0

    /// Starts making items on a new thread.
    init(count: Int, ahead: Int = 1, make: @escaping @Sendable (Int) -> Item) {
        self.count = count
        self.ahead = max(1, ahead)
        self.make = make
        let thread = Thread { [self] in work() }
        thread.stackSize = 8 << 20  // the main thread's, so a file prepares alike on either thread
        thread.start()
    }

    /// Item `index`, waiting until it is made; indices must be taken in order.
    func take(_ index: Int) -> Item {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let item = made.removeValue(forKey: index) {
                next = index + 1
                condition.broadcast()
                return item
            }
            condition.wait()
        }
    }

    private func work() {
        for index in 0..<count {
            condition.lock()
            while index >= next + ahead { condition.wait() }
            condition.unlock()
            let item = make(index)
            condition.lock()
            made[index] = item
            condition.broadcast()
            condition.unlock()
        }
    }
}
