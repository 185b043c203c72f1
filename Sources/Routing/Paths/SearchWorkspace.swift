/// Per-search scratch arrays (cost so far, the edge that reached each node) reused between searches:
/// a generation stamp marks which entries belong to the current search, so starting one is O(1).
final class SearchWorkspace {
    private(set) var cost: [Double]
    private(set) var parentEdge: [Int32]
    private var stamp: [UInt32]
    private var generation: UInt32 = 0
    var heap = MinHeap()

    init(nodeCount: Int) {
        cost = [Double](repeating: .infinity, count: nodeCount)
        parentEdge = [Int32](repeating: -1, count: nodeCount)
        stamp = [UInt32](repeating: 0, count: nodeCount)
    }

    /// Forgets the previous search.
    func reset() {
        generation &+= 1
        if generation == 0 {
            for index in stamp.indices { stamp[index] = 0 }
            generation = 1
        }
        heap.removeAll()
    }

    /// The cost of reaching `node` in this search (infinity when not reached).
    @inline(__always) func costOf(_ node: Int) -> Double {
        stamp[node] == generation ? cost[node] : .infinity
    }

    /// Records a cheaper way to `node` through `edge` (−1 for a start node).
    @inline(__always) func set(_ node: Int, cost value: Double, via edge: Int) {
        stamp[node] = generation
        cost[node] = value
        parentEdge[node] = Int32(edge)
    }
}
