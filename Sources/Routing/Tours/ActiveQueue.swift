/// The points still to be examined, each waiting at most once, first in first out. A point not in
/// the queue has its "don't-look bit" set: it is not looked at again until a move touches it.
struct ActiveQueue {
    private var waiting: [Bool]
    private var ring: [Int]
    private var head = 0, count = 0

    /// An empty queue for points `0..<capacity`.
    init(capacity: Int) {
        waiting = [Bool](repeating: false, count: capacity)
        ring = [Int](repeating: 0, count: max(1, capacity))
    }

    /// Adds `point` at the back unless it is already waiting.
    mutating func push(_ point: Int) {
        guard !waiting[point] else { return }
        waiting[point] = true
        ring[(head + count) % ring.count] = point
        count += 1
    }

    /// Takes the point at the front, or nil when none is waiting.
    mutating func pop() -> Int? {
        guard count > 0 else { return nil }
        let point = ring[head]
        waiting[point] = false
        head = (head + 1) % ring.count
        count -= 1
        return point
    }
}
