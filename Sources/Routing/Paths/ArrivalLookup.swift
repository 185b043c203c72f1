/// For a cost table: which targets can be arrived at from each core node, at what extra cost and
/// along which chain, as singly linked lists in flat arrays (a dense per-node head, no hashing in
/// the search loop).
struct ArrivalLookup: Sendable {
    /// First entry for each node, or −1.
    let head: [Int32]
    /// The target of each entry.
    let target: [Int32]
    /// The cost from the node to the target.
    let cost: [Double]
    /// The chain entered to reach the target, or −1 when the target is on the node itself.
    let chain: [Int32]
    /// The next entry of the same node, or −1.
    let next: [Int32]

    /// `arrivals[i]` lists the nodes target `i` is reached from, with the remaining cost and chain.
    init(_ arrivals: [[(core: Int, cost: Double, chain: Int)]], nodeCount: Int) {
        var head = [Int32](repeating: -1, count: nodeCount)
        var target: [Int32] = [], cost: [Double] = [], chain: [Int32] = [], next: [Int32] = []
        for (index, entries) in arrivals.enumerated() {
            for entry in entries {
                target.append(Int32(index))
                cost.append(entry.cost)
                chain.append(Int32(entry.chain))
                next.append(head[entry.core])
                head[entry.core] = Int32(target.count - 1)
            }
        }
        self.head = head
        self.target = target
        self.cost = cost
        self.chain = chain
        self.next = next
    }
}
