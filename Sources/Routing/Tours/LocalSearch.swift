/// Improvement moves for a path whose first and last points are fixed, on an asymmetric matrix:
/// 2-opt (reverse a stretch; costs of the reversed stretch from prefix sums, so each move is O(1))
/// and Or-opt (move a stretch of 1–3 points elsewhere, forwards or backwards). Every applied move
/// strictly lowers the cost, so the search never lengthens a tour.
struct LocalSearch {
    let matrix: CostMatrix
    /// Improvements smaller than this are ignored (floating-point noise).
    static let epsilon = 1e-7

    /// Applies improving moves until none is left or `deadline` passes.
    func improve(_ path: inout [Int], until deadline: ContinuousClock.Instant) {
        while ContinuousClock.now < deadline {
            let twoOpt = twoOptPass(&path)
            let orOpt = orOptPass(&path)
            if !twoOpt && !orOpt { return }
        }
    }

    /// One sweep of 2-opt; true when a move was applied.
    func twoOptPass(_ path: inout [Int]) -> Bool {
        let m = path.count
        guard m >= 4 else { return false }
        var improved = false
        var forward = [Double](repeating: 0, count: m), backward = [Double](repeating: 0, count: m)
        func prefixes() {
            for k in 1..<m {
                forward[k] = forward[k - 1] + matrix[path[k - 1], path[k]]
                backward[k] = backward[k - 1] + matrix[path[k], path[k - 1]]
            }
        }
        prefixes()
        for i in 0..<(m - 2) {
            for j in (i + 2)..<(m - 1) {
                let a = path[i], b = path[i + 1], c = path[j], d = path[j + 1]
                let before = matrix[a, b] + (forward[j] - forward[i + 1]) + matrix[c, d]
                let after = matrix[a, c] + (backward[j] - backward[i + 1]) + matrix[b, d]
                if after < before - Self.epsilon {
                    path[(i + 1)...j].reverse()
                    prefixes()
                    improved = true
                }
            }
        }
        return improved
    }

    /// One sweep of Or-opt; true when a move was applied.
    func orOptPass(_ path: inout [Int]) -> Bool {
        var improved = false
        for length in 1...3 {
            var i = 1
            while i + length - 1 <= path.count - 2 {
                if let move = bestInsertion(of: i, length: length, in: path) {
                    apply(move, to: &path)
                    improved = true
                } else {
                    i += 1
                }
            }
        }
        return improved
    }

    private struct Move {
        var start: Int, length: Int, after: Int, reversed: Bool
    }

    private func bestInsertion(of i: Int, length: Int, in path: [Int]) -> Move? {
        let last = i + length - 1
        let first = path[i], tail = path[last], prev = path[i - 1], next = path[last + 1]
        var inner = 0.0, innerReversed = 0.0
        for k in i..<last {
            inner += matrix[path[k], path[k + 1]]
            innerReversed += matrix[path[k + 1], path[k]]
        }
        let removal = matrix[prev, first] + matrix[tail, next] - matrix[prev, next]
        var best: (gain: Double, move: Move)?
        for p in 0..<(path.count - 1) where p < i - 1 || p > last {
            let x = path[p], y = path[p + 1]
            let base = removal + inner + matrix[x, y]
            let forwardGain = base - (matrix[x, first] + inner + matrix[tail, y])
            let reversedGain = base - (matrix[x, tail] + innerReversed + matrix[first, y])
            if forwardGain > Self.epsilon, forwardGain > best?.gain ?? 0 { best = (forwardGain, Move(start: i, length: length, after: p, reversed: false)) }
            if length > 1, reversedGain > Self.epsilon, reversedGain > best?.gain ?? 0 {
                best = (reversedGain, Move(start: i, length: length, after: p, reversed: true))
            }
        }
        return best?.move
    }

    private func apply(_ move: Move, to path: inout [Int]) {
        var segment = Array(path[move.start..<(move.start + move.length)])
        if move.reversed { segment.reverse() }
        path.removeSubrange(move.start..<(move.start + move.length))
        let insertAt = move.after < move.start ? move.after + 1 : move.after + 1 - move.length
        path.insert(contentsOf: segment, at: insertAt)
    }
}
