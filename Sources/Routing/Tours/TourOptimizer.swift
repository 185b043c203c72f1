import Shared

/// Orders the points of a cost matrix into a short path from point 0: exactly (``ExactTour``) for
/// up to ten stops; otherwise nearest-neighbour construction, local search (2-opt, Or-opt) to a
/// local optimum, then — while the time budget lasts and kicks keep paying off — iterated local
/// search: swap two random stretches of the best path, repair around the swap only
/// (``FocusedSearch``), keep the result if it is shorter.
public enum TourOptimizer {
    /// The result of optimising.
    public struct Result: Sendable, Equatable {
        /// The points 1..<count in visiting order (point 0, the start, is not listed).
        public var order: [Int]
        /// The cost of the path (back to 0 included when closed).
        public var cost: Double
        /// The cost after construction alone, before local search.
        public var constructedCost: Double
    }

    /// How many neighbours of each point the repair after a kick tries to join it to.
    static let neighbours = 10

    /// Orders every point of `matrix` after point 0.
    /// - Parameters:
    ///   - closed: whether the path returns to point 0 (otherwise it ends at the last stop).
    ///   - budget: how long improving may take (construction always finishes; local search stops at
    ///     the deadline, so a tiny budget gives the nearest-neighbour order).
    ///   - seed: the random stream of the perturbations, so a run can be repeated.
    public static func solve(_ matrix: CostMatrix, closed: Bool = false, budget: Duration = .milliseconds(300), seed: UInt64 = 1) -> Result {
        let deadline = ContinuousClock.now + budget
        let working = matrix.withEnd(closed: closed)
        let end = matrix.count
        let interior = Array(1..<matrix.count)
        var path = TourConstruction.nearestNeighbour(working, start: 0, end: end, interior: interior)
        let constructed = working.cost(of: path)
        if interior.count <= ExactTour.limit {
            path = ExactTour.solve(working, start: 0, end: end, interior: interior)
        } else {
            LocalSearch(matrix: working).improve(&path, until: deadline)
            path = kicked(IndexedPath(path, matrix: working), until: deadline, seed: seed).points
        }
        return Result(order: Array(path.dropFirst().dropLast()), cost: working.cost(of: path), constructedCost: constructed)
    }

    /// Improves a given visiting order with local search only (no perturbation) until a local
    /// optimum or the end of `budget`; the result is never longer than the input.
    public static func improve(_ order: [Int], on matrix: CostMatrix, closed: Bool = false, budget: Duration = .seconds(3600)) -> Result {
        let working = matrix.withEnd(closed: closed)
        var path = [0] + order + [matrix.count]
        let before = working.cost(of: path)
        LocalSearch(matrix: working).improve(&path, until: .now + budget)
        return Result(order: Array(path.dropFirst().dropLast()), cost: working.cost(of: path), constructedCost: before)
    }

    /// Iterated local search from `best` until `deadline` or until many kicks in a row found
    /// nothing; never longer than `best`.
    static func kicked(_ start: IndexedPath, until deadline: ContinuousClock.Instant, seed: UInt64) -> IndexedPath {
        var best = start
        guard best.count >= 6 else { return best }
        let search = FocusedSearch(neighbours: NeighbourLists(best.matrix, k: neighbours, start: best.points[0], end: best.points[best.count - 1]))
        var random = SplitMix64(seed: seed)
        // Stop early once many kicks in a row found nothing (small tours settle long before the budget).
        let patience = max(500, 20 * best.count)
        var fruitless = 0
        while fruitless < patience, ContinuousClock.now < deadline {
            var candidate = best
            let touched = doubleBridge(&candidate, using: &random)
            search.improve(&candidate, from: touched, until: deadline)
            if candidate.cost < best.cost - LocalSearch.epsilon {
                best = candidate
                fruitless = 0
            } else {
                fruitless += 1
            }
        }
        return best
    }

    /// Swaps two adjacent random interior stretches of `path` (a "double bridge" that keeps
    /// directions); returns the points at the ends of the three legs it changed.
    private static func doubleBridge(_ path: inout IndexedPath, using random: inout SplitMix64) -> [Int] {
        let interior = path.count - 2
        var cuts = (0..<3).map { _ in 1 + Int(random.next() % UInt64(interior)) }.sorted()
        if cuts[0] == cuts[1] || cuts[1] == cuts[2] { cuts = [1, 1 + interior / 3, 1 + 2 * interior / 3] }
        let (a, b, c) = (cuts[0], cuts[1], cuts[2])
        let kick = PathMove.exchange(a, b, c)
        let ends = kick.ends(in: path)
        kick.apply(to: &path)
        return ends
    }
}
