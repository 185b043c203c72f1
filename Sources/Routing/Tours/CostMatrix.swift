/// A square matrix of travel costs between tour points (asymmetric: one-way streets), stored flat.
public struct CostMatrix: Sendable, Equatable {
    /// The number of points.
    public let count: Int
    @usableFromInline let values: [Double]

    /// A matrix from rows; unreachable pairs (infinity) become a large finite penalty so sums stay ordered.
    public init(_ rows: [[Double]]) {
        count = rows.count
        values = rows.flatMap { $0.map { $0.isFinite ? $0 : Self.unreachable } }
        precondition(values.count == count * count, "a cost matrix must be square")
    }

    /// The cost standing in for "no route".
    public static let unreachable = 1e12

    /// The cost from `from` to `to`.
    @inlinable public subscript(from: Int, to: Int) -> Double {
        values[from * count + to]
    }

    /// The same matrix with one extra point, the end of every path: reached from every point for
    /// free and leading nowhere (an open tour: the auditor does not come back), or, when `closed`, a
    /// copy of point 0 (the way home). Either way a path runs between two distinct points, which
    /// the searches need to know where each point stands.
    func withEnd(closed: Bool) -> CostMatrix {
        var rows = (0..<count).map { from in (0..<count).map { self[from, $0] } + [closed ? self[from, 0] : 0] }
        rows.append([Double](repeating: Self.unreachable, count: count) + [0])
        return CostMatrix(rows)
    }

    /// The matrix between `points` only, in that order: point `k` of the result is `points[k]` here.
    public func restricted(to points: [Int]) -> CostMatrix {
        CostMatrix(points.map { from in points.map { self[from, $0] } })
    }

    /// The cost of visiting `path` in order.
    public func cost(of path: [Int]) -> Double {
        zip(path, path.dropFirst()).reduce(0) { $0 + self[$1.0, $1.1] }
    }
}
