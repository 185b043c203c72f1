/// For a cost table: which targets can be arrived at from each search node, and at what extra cost,
/// as singly linked lists in flat arrays (a dense per-node head, no hashing in the search loop).
struct ArrivalLookup: Sendable {
    /// First entry for each node, or −1.
    let head: [Int32]
    /// The target of each entry.
    let target: [Int32]
    /// The cost from the node to the target.
    let cost: [Double]
    /// The next entry of the same node, or −1.
    let next: [Int32]

    /// `arrivals[i]` lists the nodes target `i` is reached from, with the remaining cost.
    init(_ arrivals: [[(core: Int, cost: Double)]], nodeCount: Int) {
        var head = [Int32](repeating: -1, count: nodeCount)
        var target: [Int32] = [], cost: [Double] = [], next: [Int32] = []
        for (index, entries) in arrivals.enumerated() {
            for entry in entries {
                target.append(Int32(index))
                cost.append(entry.cost)
                next.append(head[entry.core])
                head[entry.core] = Int32(target.count - 1)
            }
        }
        self.head = head
        self.target = target
        self.cost = cost
        self.next = next
    }
}
