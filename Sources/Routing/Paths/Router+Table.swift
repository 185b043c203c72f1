import Foundation

/// Many-to-many cost tables for tours.
extension Router {
    /// The cost (under ``metric``) from every point to every point: `table[i][j]` is the cost of the
    /// best route from `points[i]` to `points[j]` (infinity when unreachable, 0 on the diagonal).
    /// One Dijkstra per point on the folded ``ChainGraph``, points spread over the cores.
    public func table(_ points: [SnappedPoint]) -> [[Double]] {
        let chains = self.chains
        let endpoints = points.map { ChainEndpoint($0, graph: graph, chains: chains, edgeCost: edgeCost) }
        let arrivals = ArrivalLookup(endpoints.map { $0.arrivals.map { ($0.core, $0.cost) } }, nodeCount: chains.coreNodes.count)
        let rows = TableRows(count: points.count)
        let workers = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), max(points.count, 1))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let workspace = SearchWorkspace(nodeCount: chains.coreNodes.count)
            for source in stride(from: worker, to: endpoints.count, by: workers) {
                var row = Self.costs(from: endpoints[source], to: endpoints, arrivals: arrivals, chains: chains, workspace: workspace)
                for (target, point) in points.enumerated() where point == points[source] { row[target] = 0 }
                rows.set(source, row)
            }
        }
        return rows.values
    }

    /// One Dijkstra from `source` over the chain graph, stopping once no target can get cheaper.
    private static func costs(from source: ChainEndpoint, to targets: [ChainEndpoint], arrivals: ArrivalLookup,
                              chains: ChainGraph, workspace: SearchWorkspace) -> [Double] {
        var best = targets.map { source.direct(to: $0)?.cost ?? .infinity }
        var unreached = best.filter { $0 == .infinity }.count
        var bound = unreached == 0 ? best.max() ?? 0 : .infinity
        workspace.reset()
        var heap = MinHeap()
        for (core, cost, _) in source.departures where cost < workspace.costOf(core) {
            workspace.set(core, cost: cost, via: -1)
            heap.push(cost, core)
        }
        while let (cost, core) = heap.pop() {
            if cost >= bound { break }
            if cost > workspace.costOf(core) { continue }
            var entry = Int(arrivals.head[core])
            while entry >= 0 {
                let target = Int(arrivals.target[entry]), reached = cost + arrivals.cost[entry]
                if reached < best[target] {
                    let previous = best[target]
                    if previous == .infinity { unreached -= 1 }
                    best[target] = reached
                    // The bound only needs recomputing when the target that set it got cheaper.
                    if unreached == 0, previous >= bound { bound = best.max() ?? 0 }
                }
                entry = Int(arrivals.next[entry])
            }
            for shortcut in Int(chains.start[core])..<Int(chains.start[core + 1]) {
                let next = Int(chains.target[shortcut])
                let nextCost = cost + chains.cost[shortcut]
                if nextCost < workspace.costOf(next) {
                    workspace.set(next, cost: nextCost, via: shortcut)
                    heap.push(nextCost, next)
                }
            }
        }
        return best
    }
}
