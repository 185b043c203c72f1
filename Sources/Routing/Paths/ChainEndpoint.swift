/// How a snapped point joins a ``ChainGraph``: the core nodes at the ends of the chains its edge
/// (and the edge's reverse twin) belong to, with the cost along the chain to or from each.
struct ChainEndpoint {
    /// One place the point lies: a chain, the point's cost offset from the chain's start, and the
    /// edge of the chain it is on with the fraction of that edge before it.
    struct Placement {
        var chain: Int
        var position: Double
        var edge: Int
        var along: Double
    }

    /// Core nodes the point reaches, with the cost and the placement it leaves by (nil: it is on the node).
    var departures: [(core: Int, cost: Double, via: Placement?)] = []
    /// Core nodes the point is reached from, with the cost and the placement it arrives by.
    var arrivals: [(core: Int, cost: Double, via: Placement?)] = []
    /// The chains the point lies on.
    var positions: [Placement] = []

    init(_ snapped: SnappedPoint, graph: RoadGraph, chains: ChainGraph, edgeCost: [Double]) {
        let edge = snapped.edge, t = snapped.fraction
        let from = Int(graph.edgeSource[edge]), to = Int(graph.edgeTarget[edge])
        var pieces = [(edge, t)]
        if let twin = graph.edge(from: to, to: from) { pieces.append((twin, 1 - t)) }
        for (piece, along) in pieces {
            let chain = Int(chains.edgeChain[piece])
            let position = chains.edgeOffset[piece] + along * edgeCost[piece]
            let placement = Placement(chain: chain, position: position, edge: piece, along: along)
            departures.append((Int(chains.target[chain]), max(0, chains.cost[chain] - position), placement))
            arrivals.append((Int(chains.chainSource[chain]), position, placement))
            positions.append(placement)
        }
        // A point on a core node leaves and arrives by every edge of that node.
        for node in [t == 0 ? from : nil, t == 1 ? to : nil].compactMap({ $0 }) where chains.coreIndex[node] >= 0 {
            departures.append((Int(chains.coreIndex[node]), 0, nil))
            arrivals.append((Int(chains.coreIndex[node]), 0, nil))
        }
    }

    /// The cost of going from this point to `target` along one chain without reaching a core node,
    /// when both lie on the same chain in that order.
    func direct(to target: ChainEndpoint) -> (cost: Double, from: Placement, to: Placement)? {
        var best: (cost: Double, from: Placement, to: Placement)?
        for source in positions {
            for end in target.positions where end.chain == source.chain && end.position >= source.position - 1e-9 {
                let cost = max(0, end.position - source.position)
                if cost < best?.cost ?? .infinity { best = (cost, source, end) }
            }
        }
        return best
    }
}
