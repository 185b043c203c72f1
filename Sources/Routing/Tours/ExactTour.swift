/// The optimal path for a handful of stops by dynamic programming over subsets (Held–Karp):
/// O(2ⁿ·n²), used when n is small enough that this is quicker than searching.
enum ExactTour {
    /// The largest number of interior points solved exactly.
    static let limit = 10

    /// The cheapest path `[start] + interior in some order + [end]`.
    static func solve(_ matrix: CostMatrix, start: Int, end: Int, interior: [Int]) -> [Int] {
        let n = interior.count
        guard n > 1 else { return [start] + interior + [end] }
        let full = (1 << n) - 1
        var cost = [Double](repeating: .infinity, count: (full + 1) * n)
        var previous = [Int](repeating: -1, count: (full + 1) * n)
        for last in 0..<n { cost[(1 << last) * n + last] = matrix[start, interior[last]] }
        for mask in 1...full {
            for last in 0..<n where mask & (1 << last) != 0 {
                let here = cost[mask * n + last]
                guard here.isFinite else { continue }
                for next in 0..<n where mask & (1 << next) == 0 {
                    let grown = mask | (1 << next)
                    let candidate = here + matrix[interior[last], interior[next]]
                    if candidate < cost[grown * n + next] {
                        cost[grown * n + next] = candidate
                        previous[grown * n + next] = last
                    }
                }
            }
        }
        var last = (0..<n).min { cost[full * n + $0] + matrix[interior[$0], end] < cost[full * n + $1] + matrix[interior[$1], end] }!
        var mask = full, order: [Int] = []
        while last >= 0 {
            order.append(interior[last])
            let before = previous[mask * n + last]
            mask &= ~(1 << last)
            last = before
        }
        return [start] + order.reversed() + [end]
    }
}
