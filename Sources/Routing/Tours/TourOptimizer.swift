import Shared

/// Orders the points of a cost matrix into a short path from point 0: exactly (``ExactTour``) for
/// up to ten stops; otherwise nearest-neighbour construction, local search (2-opt, Or-opt) to a
/// local optimum, then — while the time budget lasts and kicks keep paying off — iterated local search: swap two random stretches of the best
/// path, improve, keep the result if it is shorter.
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

    /// Orders every point of `matrix` after point 0.
    /// - Parameters:
    ///   - closed: whether the path returns to point 0 (otherwise it ends at the last stop).
    ///   - budget: how long improving may take (construction always finishes; local search stops at
    ///     the deadline, so a tiny budget gives the nearest-neighbour order).
    ///   - seed: the random stream of the perturbations, so a run can be repeated.
    public static func solve(_ matrix: CostMatrix, closed: Bool = false, budget: Duration = .milliseconds(300), seed: UInt64 = 1) -> Result {
        let deadline = ContinuousClock.now + budget
        let working = closed ? matrix : matrix.withFreeEnd()
        let end = closed ? 0 : matrix.count
        let interior = Array(1..<matrix.count)
        var best = TourConstruction.nearestNeighbour(working, start: 0, end: end, interior: interior)
        let constructed = working.cost(of: best)
        if interior.count <= ExactTour.limit {
            let exact = ExactTour.solve(working, start: 0, end: end, interior: interior)
            return Result(order: Array(exact.dropFirst().dropLast()), cost: working.cost(of: exact), constructedCost: constructed)
        }
        let search = LocalSearch(matrix: working)
        search.improve(&best, until: deadline)
        var bestCost = working.cost(of: best)
        var random = SplitMix64(seed: seed)
        // Stop early once many kicks in a row found nothing (small tours settle long before the budget).
        let patience = max(500, 20 * interior.count)
        var fruitless = 0
        while best.count >= 6, fruitless < patience, ContinuousClock.now < deadline {
            var candidate = perturbed(best, using: &random)
            search.improve(&candidate, until: deadline)
            let cost = working.cost(of: candidate)
            if cost < bestCost - LocalSearch.epsilon {
                best = candidate
                bestCost = cost
                fruitless = 0
            } else {
                fruitless += 1
            }
        }
        return Result(order: Array(best.dropFirst().dropLast()), cost: bestCost, constructedCost: constructed)
    }

    /// Improves a given visiting order with local search only (no perturbation) until a local
    /// optimum or the end of `budget`; the result is never longer than the input.
    public static func improve(_ order: [Int], on matrix: CostMatrix, closed: Bool = false, budget: Duration = .seconds(3600)) -> Result {
        let working = closed ? matrix : matrix.withFreeEnd()
        var path = [0] + order + [closed ? 0 : matrix.count]
        let before = working.cost(of: path)
        LocalSearch(matrix: working).improve(&path, until: .now + budget)
        return Result(order: Array(path.dropFirst().dropLast()), cost: working.cost(of: path), constructedCost: before)
    }

    /// The path with two adjacent interior stretches swapped (a "double bridge" that keeps directions).
    private static func perturbed(_ path: [Int], using random: inout SplitMix64) -> [Int] {
        let interior = path.count - 2
        var cuts = (0..<3).map { _ in 1 + Int(random.next() % UInt64(interior)) }.sorted()
        if cuts[0] == cuts[1] || cuts[1] == cuts[2] { cuts = [1, 1 + interior / 3, 1 + 2 * interior / 3] }
        let (a, b, c) = (cuts[0], cuts[1], cuts[2])
        var result = Array(path[..<a])
        result += path[b..<c]
        result += path[a..<b]
        result += path[c...]
        return result
    }
}
