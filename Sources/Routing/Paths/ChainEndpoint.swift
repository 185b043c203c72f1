/// How a snapped point joins a ``ChainGraph``: the core nodes at the ends of the chains its edge
/// (and the edge's reverse twin) belong to, with the cost along the chain to or from each.
struct ChainEndpoint {
    /// Core nodes the point reaches, with the cost.
    var departures: [(core: Int, cost: Double)] = []
    /// Core nodes the point is reached from, with the cost.
    var arrivals: [(core: Int, cost: Double)] = []
    /// The chains the point lies on, with its cost offset from each chain's start.
    var positions: [(chain: Int, position: Double)] = []

    init(_ snapped: SnappedPoint, graph: RoadGraph, chains: ChainGraph, edgeCost: [Double]) {
        let edge = snapped.edge, t = snapped.fraction
        let from = Int(graph.edgeSource[edge]), to = Int(graph.edgeTarget[edge])
        var pieces = [(edge, t)]
        if let twin = graph.edge(from: to, to: from) { pieces.append((twin, 1 - t)) }
        for (piece, along) in pieces {
            let chain = Int(chains.edgeChain[piece])
            let position = chains.edgeOffset[piece] + along * edgeCost[piece]
            departures.append((Int(chains.target[chain]), max(0, chains.cost[chain] - position)))
            arrivals.append((Int(chains.chainSource[chain]), position))
            positions.append((chain, position))
        }
        // A point on a core node leaves and arrives by every edge of that node.
        for node in [t == 0 ? from : nil, t == 1 ? to : nil].compactMap({ $0 }) where chains.coreIndex[node] >= 0 {
            departures.append((Int(chains.coreIndex[node]), 0))
            arrivals.append((Int(chains.coreIndex[node]), 0))
        }
    }

    /// The cost of going from this point to `target` along one chain without reaching a core node,
    /// when both lie on the same chain in that order.
    func direct(to target: ChainEndpoint) -> Double? {
        var best: Double?
        for source in positions {
            for end in target.positions where end.chain == source.chain && end.position >= source.position - 1e-9 {
                best = min(best ?? .infinity, max(0, end.position - source.position))
            }
        }
        return best
    }
}
