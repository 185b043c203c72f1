/// For a cost table: which targets can be arrived at from each graph node, and at what extra cost,
/// as singly linked lists in flat arrays (a dense per-node head, no hashing in the search loop).
struct ArrivalLookup: Sendable {
    /// First entry for each node, or −1.
    let head: [Int32]
    /// The target of each entry.
    let target: [Int32]
    /// The partial-edge cost from the node to the target.
    let cost: [Double]
    /// The next entry of the same node, or −1.
    let next: [Int32]

    init(_ endpoints: [RouteEndpoint], nodeCount: Int) {
        var head = [Int32](repeating: -1, count: nodeCount)
        var target: [Int32] = [], cost: [Double] = [], next: [Int32] = []
        for (index, endpoint) in endpoints.enumerated() {
            for arrival in endpoint.arrivals {
                target.append(Int32(index))
                cost.append(arrival.cost)
                next.append(head[arrival.node])
                head[arrival.node] = Int32(target.count - 1)
            }
        }
        self.head = head
        self.target = target
        self.cost = cost
        self.next = next
    }
}
