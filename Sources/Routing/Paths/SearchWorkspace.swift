/// Per-search scratch memory (cost so far and the edge that reached each node) reused between
/// searches: a generation stamp marks which entries belong to the current search, so starting one
/// is O(1). Raw buffers, not arrays, because searches write them millions of times and arrays held
/// by a class pay for exclusivity and uniqueness checks on every write.
final class SearchWorkspace {
    private let cost: UnsafeMutablePointer<Double>
    private let parent: UnsafeMutablePointer<Int32>
    private let stamp: UnsafeMutablePointer<UInt32>
    private let nodeCount: Int
    private var generation: UInt32 = 0

    init(nodeCount: Int) {
        self.nodeCount = nodeCount
        cost = .allocate(capacity: max(nodeCount, 1))
        parent = .allocate(capacity: max(nodeCount, 1))
        stamp = .allocate(capacity: max(nodeCount, 1))
        stamp.initialize(repeating: 0, count: max(nodeCount, 1))
        cost.initialize(repeating: .infinity, count: max(nodeCount, 1))
        parent.initialize(repeating: -1, count: max(nodeCount, 1))
    }

    deinit {
        cost.deallocate()
        parent.deallocate()
        stamp.deallocate()
    }

    /// Forgets the previous search.
    func reset() {
        generation &+= 1
        if generation == 0 {
            stamp.update(repeating: 0, count: nodeCount)
            generation = 1
        }

    }

    /// The cost of reaching `node` in this search (infinity when not reached).
    @inline(__always) func costOf(_ node: Int) -> Double {
        stamp[node] == generation ? cost[node] : .infinity
    }

    /// The edge that reached `node` (−1 for a start node).
    @inline(__always) func parentEdge(_ node: Int) -> Int {
        Int(parent[node])
    }

    /// Records a cheaper way to `node` through `edge` (−1 for a start node).
    @inline(__always) func set(_ node: Int, cost value: Double, via edge: Int) {
        stamp[node] = generation
        cost[node] = value
        parent[node] = Int32(edge)
    }
}
