/// Local search that looks only where something changed ("don't-look bits"): it starts from the
/// points a kick touched, tries the 2-opt and Or-opt moves that join a point to one of its
/// neighbours (``NeighbourLists``), and re-examines the ends of every move it applies. A point
/// where no improving move starts leaves the queue, so after a kick the search costs about
/// O(k · points touched) rather than the O(n²) of a full sweep (``LocalSearch``). Every applied
/// move strictly lowers the cost, so the search never lengthens a path.
struct FocusedSearch {
    let neighbours: NeighbourLists

    /// Applies improving moves around `touched` (and whatever they touch in turn) until none is
    /// left or `deadline` passes.
    func improve(_ path: inout IndexedPath, from touched: some Sequence<Int>, until deadline: ContinuousClock.Instant) {
        var queue = ActiveQueue(capacity: path.matrix.count)
        for point in touched { queue.push(point) }
        var examined = 0
        while let point = queue.pop() {
            examined += 1
            // Reading the clock costs about as much as examining a point: look now and then.
            if examined % 64 == 0, ContinuousClock.now >= deadline { return }
            guard let move = bestMove(at: point, in: path) else { continue }
            for end in move.ends(in: path) { queue.push(end) }
            move.apply(to: &path)
        }
    }

    /// The best improving move that joins `point` to one of its neighbours, if any.
    func bestMove(at point: Int, in path: IndexedPath) -> PathMove? {
        var best = PathMove.Best()
        let here = path.position[point], last = path.count - 1
        // 2-opt adds the legs points[i] → points[j] and points[i + 1] → points[j + 1], both forwards.
        for next in neighbours.successors(of: point) {
            let there = path.position[next]
            guard there >= here + 2 else { continue }
            if there < last { best.consider(.reversal(here, there), in: path) }
            if here >= 1 { best.consider(.reversal(here - 1, there - 1), in: path) }
        }
        for previous in neighbours.predecessors(of: point) {
            let there = path.position[previous]
            guard there >= 0, here >= there + 2 else { continue }
            if here < last { best.consider(.reversal(there, here), in: path) }
            if there >= 1 { best.consider(.reversal(there - 1, here - 1), in: path) }
        }
        // Or-opt moves a stretch of 1–3 points that begins or ends here next to a neighbour of its ends.
        for length in 1...3 {
            for first in (length == 1 ? [here] : [here, here - length + 1]) where first >= 1 && first + length - 1 < last {
                considerInsertions(of: first...(first + length - 1), in: path, into: &best)
            }
        }
        considerExchanges(at: point, in: path, into: &best)
        return best.move
    }

    /// Or-3opt moves (two adjacent stretches swapped, no stretch turned round, which suits one-way
    /// streets) whose new leg out of `point` goes to one of its successors and is cheaper than the
    /// leg it replaces; the third cut is found from a neighbour of the other new legs' ends.
    private func considerExchanges(at point: Int, in path: IndexedPath, into best: inout PathMove.Best) {
        let p = path.points, m = path.matrix, here = path.position[point], last = path.count - 1
        guard here < last else { return }
        let current = m[point, p[here + 1]]
        for next in neighbours.successors(of: point) {
            // The lists are sorted: once the new leg costs as much as the old one, none later gains on it.
            guard m[point, next] < current else { break }
            let there = path.position[next]
            if there > here + 1 {
                // point → next is either points[a - 1] → points[b] (a = here + 1, b = there; c is
                // after b) or points[b - 1] → points[c] (b = here + 1, c = there; a is before b). The
                // third new leg comes out of points[there - 1] or into points[here + 1].
                let cut = here + 1
                for x in neighbours.successors(of: p[there - 1]) {
                    let q = path.position[x]
                    if q > there { best.consider(.exchange(cut, there, q), in: path) }
                    else if q >= 1, q < cut { best.consider(.exchange(q, cut, there), in: path) }
                }
                for x in neighbours.predecessors(of: p[cut]) {
                    let q = path.position[x]
                    if q >= there, q < last { best.consider(.exchange(cut, there, q + 1), in: path) }
                    else if q >= 0, q < cut - 1 { best.consider(.exchange(q + 1, cut, there), in: path) }
                }
            } else if there >= 1, there < here {
                // point → next is points[c - 1] → points[a] (a = there, c = here + 1): find b.
                let (a, c) = (there, here + 1)
                for x in neighbours.successors(of: p[a - 1]) where (a + 1..<c).contains(path.position[x]) { best.consider(.exchange(a, path.position[x], c), in: path) }
                for x in neighbours.predecessors(of: p[c]) where (a..<(c - 1)).contains(path.position[x]) {
                    best.consider(.exchange(a, path.position[x] + 1, c), in: path)
                }
            }
        }
    }

    /// Or-opt moves of `stretch` to just after a predecessor of one of its ends or just before a
    /// successor, either way round.
    private func considerInsertions(of stretch: ClosedRange<Int>, in path: IndexedPath, into best: inout PathMove.Best) {
        let head = path.points[stretch.lowerBound], tail = path.points[stretch.upperBound]
        func after(_ place: Int) {
            guard place >= 0, place < path.count - 1, !(stretch.lowerBound - 1...stretch.upperBound).contains(place) else { return }
            best.consider(.insertion(stretch, after: place, reversed: false), in: path)
            if stretch.count > 1 { best.consider(.insertion(stretch, after: place, reversed: true), in: path) }
        }
        for previous in neighbours.predecessors(of: head) { after(path.position[previous]) }
        for next in neighbours.successors(of: tail) { after(path.position[next] - 1) }
        guard stretch.count > 1 else { return }
        for previous in neighbours.predecessors(of: tail) { after(path.position[previous]) }
        for next in neighbours.successors(of: head) { after(path.position[next] - 1) }
    }
}
