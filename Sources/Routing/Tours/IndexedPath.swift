/// A path with fixed first and last points that knows where each point stands and the prefix sums of
/// its cost travelled forwards and backwards, so a local-search move is priced in O(1) and applied
/// in time proportional to the stretch it moves.
struct IndexedPath {
    /// The points in visiting order.
    private(set) var points: [Int]
    /// `position[p]` is the index of point `p` in ``points`` (for points not on the path: -1).
    private(set) var position: [Int]
    /// `forward[i]`: the cost of `points[0...i]` in order; `backward[i]`: the same legs each travelled the other way.
    private var forward: [Double], backward: [Double]
    let matrix: CostMatrix

    init(_ points: [Int], matrix: CostMatrix) {
        self.points = points
        self.matrix = matrix
        position = [Int](repeating: -1, count: matrix.count)
        forward = [Double](repeating: 0, count: points.count)
        backward = forward
        reindex(0..<points.count)
    }

    /// The number of points, ends included.
    var count: Int { points.count }

    /// The cost of the whole path.
    var cost: Double { forward[points.count - 1] }

    /// The cost of travelling `points[i...j]` in order.
    func stretch(_ i: Int, _ j: Int) -> Double { forward[j] - forward[i] }

    /// The cost of travelling `points[i...j]` from `j` back to `i`.
    func reversedStretch(_ i: Int, _ j: Int) -> Double { backward[j] - backward[i] }

    /// Reverses `points[range]` (2-opt).
    mutating func reverse(_ range: ClosedRange<Int>) {
        points[range].reverse()
        reindex(range.lowerBound..<points.count)
    }

    /// Swaps the adjacent stretches `points[a..<b]` and `points[b..<c]`, keeping their directions
    /// (Or-opt's move and the double-bridge kick).
    mutating func exchange(_ a: Int, _ b: Int, _ c: Int) {
        let moved = Array(points[b..<c]) + points[a..<b]
        points.replaceSubrange(a..<c, with: moved)
        reindex(a..<points.count)
    }

    /// Positions and prefix sums from `range.lowerBound` on; positions only within `range` changed.
    private mutating func reindex(_ range: Range<Int>) {
        for index in range {
            let point = points[index]
            position[point] = index
            guard index > 0 else { continue }
            let previous = points[index - 1]
            forward[index] = forward[index - 1] + matrix[previous, point]
            backward[index] = backward[index - 1] + matrix[point, previous]
        }
    }
}
