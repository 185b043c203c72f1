import Foundation

/// Many-to-many cost tables for tours.
extension Router {
    /// The cost (under ``metric``) from every point to every point: `table[i][j]` is the cost of the
    /// best route from `points[i]` to `points[j]` (infinity when unreachable, 0 on the diagonal).
    /// One Dijkstra per point on the folded ``ChainGraph``, points spread over the cores: over
    /// chains where a restriction forbids turns (``ChainSearch``), else over core nodes
    /// (``CoreSearch``, same costs, fewer labels).
    public func table(_ points: [SnappedPoint]) -> [[Double]] {
        chains.forbidsTurns ? table(points, search: ChainSearch(chains: chains)) : table(points, search: CoreSearch(chains: chains))
    }

    /// The cost table of `points` computed with `search` (the tests compare the two searches).
    func table<Search: LegSearch & Sendable>(_ points: [SnappedPoint], search: Search) -> [[Double]] {
        let chains = self.chains
        let endpoints = points.map { ChainEndpoint($0, graph: graph, chains: chains, edgeCost: edgeCost) }
        let arrivals = ArrivalLookup(endpoints.map { $0.arrivals.map { ($0.core, $0.cost, $0.via?.chain ?? -1) } },
                                     nodeCount: chains.coreNodes.count)
        let rows = TableRows(count: points.count)
        let workers = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), max(points.count, 1))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let workspace = SearchWorkspace(nodeCount: search.stateCount)
            for source in stride(from: worker, to: endpoints.count, by: workers) {
                var goal = TableGoal(arrivals: arrivals, best: endpoints.map { endpoints[source].direct(to: $0)?.cost ?? .infinity })
                search.run(from: endpoints[source].departures, goal: &goal, bound: goal.bound, workspace: workspace)
                var row = goal.best
                for (target, point) in points.enumerated() where point == points[source] { row[target] = 0 }
                rows.set(source, row)
            }
        }
        return rows.values
    }

    /// The goal of one row of a table: the cheapest arrival at every target, stopping once no
    /// target can get cheaper.
    private struct TableGoal: LegSearchGoal {
        let arrivals: ArrivalLookup
        var best: [Double]
        var unreached: Int
        var bound: Double

        init(arrivals: ArrivalLookup, best: [Double]) {
            self.arrivals = arrivals
            self.best = best
            unreached = best.filter { $0 == .infinity }.count
            bound = unreached == 0 ? best.max() ?? 0 : .infinity
        }

        @inline(__always) func heuristic(_ core: Int) -> Double { 0 }

        mutating func settle<Search: LegSearch>(_ state: Int, at core: Int, cost: Double, search: Search) -> Double {
            var entry = Int(arrivals.head[core])
            while entry >= 0 {
                defer { entry = Int(arrivals.next[entry]) }
                let target = Int(arrivals.target[entry]), reached = cost + arrivals.cost[entry]
                guard reached < best[target] else { continue }
                let chain = Int(arrivals.chain[entry])
                if chain >= 0, !search.mayEnter(chain, from: state) { continue }
                let previous = best[target]
                if previous == .infinity { unreached -= 1 }
                best[target] = reached
                // The bound only needs recomputing when the target that set it got cheaper.
                if unreached == 0, previous >= bound { bound = best.max() ?? 0 }
            }
            return bound
        }
    }
}
