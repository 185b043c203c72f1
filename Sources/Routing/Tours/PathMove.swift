/// One local-search move on an ``IndexedPath``: priced in O(1) from the path's prefix sums.
enum PathMove {
    /// 2-opt: reverse `points[i + 1 ... j]`.
    case reversal(Int, Int)
    /// Or-opt: move `points[stretch]` to just after `points[after]`, turned round if `reversed`.
    case insertion(ClosedRange<Int>, after: Int, reversed: Bool)
    /// Or-3opt: swap the adjacent stretches `points[a..<b]` and `points[b..<c]`, neither turned
    /// round (the double-bridge kick is a random one).
    case exchange(Int, Int, Int)

    /// How much the move lowers the path's cost (negative when it lengthens it).
    func gain(in path: IndexedPath) -> Double {
        let m = path.matrix, p = path.points
        switch self {
        case let .reversal(i, j):
            let (a, b, c, d) = (p[i], p[i + 1], p[j], p[j + 1])
            return m[a, b] + path.stretch(i + 1, j) + m[c, d] - (m[a, c] + path.reversedStretch(i + 1, j) + m[b, d])
        case let .insertion(stretch, place, reversed):
            let (s, e) = (stretch.lowerBound, stretch.upperBound)
            let (previous, head, tail, next, x, y) = (p[s - 1], p[s], p[e], p[e + 1], p[place], p[place + 1])
            let removed = m[previous, head] + m[tail, next] + m[x, y] + path.stretch(s, e)
            let added = m[previous, next] + (reversed ? m[x, tail] + path.reversedStretch(s, e) + m[head, y] : m[x, head] + path.stretch(s, e) + m[tail, y])
            return removed - added
        case let .exchange(a, b, c):
            return m[p[a - 1], p[a]] + m[p[b - 1], p[b]] + m[p[c - 1], p[c]] - (m[p[a - 1], p[b]] + m[p[c - 1], p[a]] + m[p[b - 1], p[c]])
        }
    }

    /// The points at the ends of the legs the move removes and adds.
    func ends(in path: IndexedPath) -> [Int] {
        let p = path.points
        switch self {
        case let .reversal(i, j): return [p[i], p[i + 1], p[j], p[j + 1]]
        case let .insertion(stretch, place, _):
            return [p[stretch.lowerBound - 1], p[stretch.lowerBound], p[stretch.upperBound], p[stretch.upperBound + 1], p[place], p[place + 1]]
        case let .exchange(a, b, c): return [p[a - 1], p[a], p[b - 1], p[b], p[c - 1], p[c]]
        }
    }

    /// Applies the move.
    func apply(to path: inout IndexedPath) {
        switch self {
        case let .reversal(i, j):
            path.reverse((i + 1)...j)
        case let .insertion(stretch, place, reversed):
            let (s, e) = (stretch.lowerBound, stretch.upperBound)
            let moved = place > e ? (place - (e - s))...place : (place + 1)...(place + 1 + e - s)
            if place > e { path.exchange(s, e + 1, place + 1) } else { path.exchange(place + 1, s, e + 1) }
            if reversed { path.reverse(moved) }
        case let .exchange(a, b, c):
            path.exchange(a, b, c)
        }
    }

    /// The best improving move seen so far.
    struct Best {
        private(set) var move: PathMove?
        private var gain = LocalSearch.epsilon

        /// Keeps `candidate` if it improves the path by more than the best so far (and than noise).
        mutating func consider(_ candidate: PathMove, in path: IndexedPath) {
            let value = candidate.gain(in: path)
            if value > gain { (move, gain) = (candidate, value) }
        }
    }
}
