/// How a snapped point joins a ``ChainGraph``: the chains it can leave by (reaching their end core
/// node) and the chains it can be reached along (from their start core node), with the costs.
struct ChainEndpoint {
    /// One place the point lies: a chain, the point's cost offset from the chain's start, and the
    /// edge of the chain it is on (with its rank in the chain) and the fraction of that edge before it.
    struct Placement {
        var chain: Int
        var position: Double
        var edge: Int
        var rank: Int
        var along: Double

        /// Whether this place comes no later along the chain than `other` (by edge, then fraction:
        /// costs alone cannot tell apart the two ends of an edge of no length).
        func precedes(_ other: Placement) -> Bool {
            (rank, along) <= (other.rank, other.along)
        }
    }

    /// A way to leave the point: along `chain` to its end core node at `cost`, from the point's
    /// placement on it, or over the whole chain when the point is on the chain's start node (nil).
    struct Departure {
        var chain: Int
        var cost: Double
        var via: Placement?
    }

    /// A way to reach the point from core node `core`: along the placement's chain at `cost`, or
    /// there already when the point is on the core node (nil).
    struct Arrival {
        var core: Int
        var cost: Double
        var via: Placement?
    }

    var departures: [Departure] = []
    var arrivals: [Arrival] = []
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
            let placement = Placement(chain: chain, position: position, edge: piece, rank: Int(chains.edgeRank[piece]), along: along)
            departures.append(Departure(chain: chain, cost: max(0, chains.cost[chain] - position), via: placement))
            arrivals.append(Arrival(core: Int(chains.chainSource[chain]), cost: position, via: placement))
            positions.append(placement)
        }
        // A point on a core node leaves by every chain of that node and is reached there.
        for node in [t == 0 ? from : nil, t == 1 ? to : nil].compactMap({ $0 }) where chains.coreIndex[node] >= 0 {
            let core = Int(chains.coreIndex[node])
            for chain in Int(chains.start[core])..<Int(chains.start[core + 1]) {
                departures.append(Departure(chain: chain, cost: chains.cost[chain], via: nil))
            }
            arrivals.append(Arrival(core: core, cost: 0, via: nil))
        }
    }

    /// The cost of going from this point to `target` along one chain without reaching a core node,
    /// when both lie on the same chain in that order.
    func direct(to target: ChainEndpoint) -> (cost: Double, from: Placement, to: Placement)? {
        var best: (cost: Double, from: Placement, to: Placement)?
        for source in positions {
            for end in target.positions where end.chain == source.chain && source.precedes(end) {
                let cost = max(0, end.position - source.position)
                if cost < best?.cost ?? .infinity { best = (cost, source, end) }
            }
        }
        return best
    }
}
