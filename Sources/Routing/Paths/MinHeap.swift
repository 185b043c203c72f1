/// A binary min-heap of (key, node) pairs for Dijkstra and A*; stale entries are skipped by the caller.
struct MinHeap {
    private var keys: [Double] = []
    private var nodes: [Int32] = []

    var isEmpty: Bool { keys.isEmpty }
    var minimumKey: Double? { keys.first }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
    }

    mutating func push(_ key: Double, _ node: Int) {
        keys.append(key)
        nodes.append(Int32(node))
        var child = keys.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard keys[child] < keys[parent] else { break }
            keys.swapAt(child, parent)
            nodes.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (key: Double, node: Int)? {
        guard let key = keys.first else { return nil }
        let node = Int(nodes[0])
        let lastKey = keys.removeLast(), lastNode = nodes.removeLast()
        if !keys.isEmpty {
            keys[0] = lastKey
            nodes[0] = lastNode
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < keys.count, keys[left] < keys[smallest] { smallest = left }
                if right < keys.count, keys[right] < keys[smallest] { smallest = right }
                guard smallest != parent else { break }
                keys.swapAt(parent, smallest)
                nodes.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return (key, node)
    }
}
