/// For every point of a cost matrix, the few points cheapest to go to next and the few cheapest to
/// come from: the only places ``FocusedSearch`` tries to join a point to, so a move is looked for
/// in O(k) instead of O(n).
struct NeighbourLists {
    /// How many points each list holds (fewer when the matrix is smaller).
    let k: Int
    private let successors: [Int], predecessors: [Int]

    /// The lists for a path from `start` to `end`: nothing can follow `end` or precede `start`, so
    /// `start` is never a successor and `end` never a predecessor.
    init(_ matrix: CostMatrix, k wanted: Int, start: Int, end: Int) {
        let n = matrix.count
        k = max(0, min(wanted, n - 2))
        var successors = [Int](), predecessors = [Int]()
        successors.reserveCapacity(n * k)
        predecessors.reserveCapacity(n * k)
        for point in 0..<n {
            successors += Self.cheapest(k, of: (0..<n).lazy.filter { $0 != point && $0 != start }) { matrix[point, $0] }
            predecessors += Self.cheapest(k, of: (0..<n).lazy.filter { $0 != point && $0 != end }) { matrix[$0, point] }
        }
        self.successors = successors
        self.predecessors = predecessors
    }

    /// The points cheapest to visit right after `point`, cheapest first.
    func successors(of point: Int) -> ArraySlice<Int> { successors[(point * k)..<(point * k + k)] }

    /// The points cheapest to visit right before `point`, cheapest first.
    func predecessors(of point: Int) -> ArraySlice<Int> { predecessors[(point * k)..<(point * k + k)] }

    /// The `k` candidates of least cost (ties to the lower index, so the lists are deterministic),
    /// by insertion into a short sorted buffer: O(n·k), cheaper than sorting whole rows.
    private static func cheapest(_ k: Int, of candidates: some Sequence<Int>, cost: (Int) -> Double) -> [Int] {
        var chosen: [(cost: Double, point: Int)] = []
        chosen.reserveCapacity(k + 1)
        for point in candidates {
            let value = cost(point)
            if chosen.count == k, let worst = chosen.last, worst.cost <= value { continue }
            var index = chosen.count
            while index > 0, chosen[index - 1].cost > value { index -= 1 }
            chosen.insert((value, point), at: index)
            if chosen.count > k { chosen.removeLast() }
        }
        return chosen.map(\.point)
    }
}
