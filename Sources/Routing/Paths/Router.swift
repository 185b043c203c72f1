import Foundation
import Shared

/// Shortest paths on one ``RoadGraph``: snapping points to the nearest edge, point-to-point A*
/// (haversine heuristic, divided by the top speed when minimising time), and many-to-many cost
/// tables (one Dijkstra per source, stopping once every target is settled, sources in parallel).
/// Every path obeys the graph's road rules: destination-only ways only at the start or the end of
/// a leg, no U-turn in the middle of a street.
///
/// A router keeps scratch arrays between queries, so one router serves one thread at a time.
public final class Router {
    /// The graph searched.
    public let graph: RoadGraph
    /// What routes minimise.
    public let metric: RouteMetric
    /// The spatial index used for snapping.
    public let index: EdgeIndex
    private let workspace: SearchWorkspace
    private let heuristicScale: Double
    /// The cost of each edge under ``metric``.
    let edgeCost: [Double]
    /// Each node on the sphere as a 3-D point (metres), for the straight-line (chord) heuristic.
    private let chordPoints: [SIMD3<Double>]
    /// The graph with pass-through nodes folded away, for cost tables.
    let chains: ChainGraph
    /// Distinct neighbours of each node (in or out), to tell junctions from bends.
    private let neighbourCount: [UInt8]

    /// Prepares a router (builds the edge index, O(edges)).
    public init(graph: RoadGraph, metric: RouteMetric = .distance) {
        self.graph = graph
        self.metric = metric
        self.index = EdgeIndex(graph: graph)
        let edgeCost = (0..<graph.edgeCount).map { graph.cost(of: $0, metric) }
        self.edgeCost = edgeCost
        self.chains = ChainGraph(graph: graph, edgeCost: edgeCost)
        self.workspace = SearchWorkspace(nodeCount: ChainSearch(chains: chains).stateCount)
        self.heuristicScale = metric == .distance ? 1 : 1 / graph.topSpeed
        self.chordPoints = (0..<graph.nodeCount).map { Self.chordPoint(graph.point($0)) }
        self.neighbourCount = ChainGraph.neighbourCounts(graph).map { UInt8(min($0, 255)) }
    }

    /// Whether `node` is a junction: more than two distinct neighbours.
    public func isJunction(_ node: Int) -> Bool { neighbourCount[node] > 2 }

    /// The nearest point on the road network, or nil when no road is within `limit` metres.
    public func snap(_ point: GeoPoint, limit: Double = 5_000) -> SnappedPoint? {
        index.snap(point, limit: limit)
    }

    /// The best route between two positions (snapped first).
    public func route(from start: GeoPoint, to end: GeoPoint) throws(RoutingError) -> Route {
        guard let from = snap(start) else { throw .noRoadNear(start) }
        guard let to = snap(end) else { throw .noRoadNear(end) }
        guard let route = route(from: from, to: to) else { throw .unreachable(from: start, to: end) }
        return route
    }

    /// The best route between two snapped points, or nil when there is none: A* over the chain
    /// graph (see ``ChainSearch``: turns checked, destination-only ways only at the ends), then the
    /// chains unfolded into edges.
    public func route(from start: SnappedPoint, to end: SnappedPoint) -> Route? {
        let source = ChainEndpoint(start, graph: graph, chains: chains, edgeCost: edgeCost)
        let target = ChainEndpoint(end, graph: graph, chains: chains, edgeCost: edgeCost)
        let direct = source.direct(to: target)
        let search = ChainSearch(chains: chains)
        var goal = PointGoal(target: target, goal: Self.chordPoint(end.point), chordPoints: chordPoints,
                             coreNodes: chains.coreNodes, scale: heuristicScale, bestCost: direct?.cost ?? .infinity)
        search.run(from: source.departures, goal: &goal, bound: goal.bestCost, workspace: workspace)
        guard let (last, arrival) = goal.best else {
            guard let direct else { return nil }
            return unfold(direct.from, direct.to, start: start, end: end)
        }
        var passed = [search.chain(last)], state = last
        while case let previous = workspace.parentEdge(state), previous >= 0 {
            passed.append(search.chain(previous))
            state = previous
        }
        passed.reverse()
        let first = passed[0]
        guard let departure = source.departures.filter({ $0.chain == first }).min(by: { $0.cost < $1.cost }) else { return nil }
        var edges: [Int] = []
        let leaving: RouteAssembler.Entry
        if let placement = departure.via {
            leaving = .init(node: Int(graph.edgeTarget[placement.edge]), edge: placement.edge, fraction: 1 - placement.along)
            edges += chains.edges(of: first, from: Int(chains.edgeRank[placement.edge]) + 1, to: chains.length(of: first))
        } else {
            leaving = .init(node: Int(chains.coreNodes[Int(chains.chainSource[first])]), edge: start.edge, fraction: 0)
            edges += chains.edges(of: first, from: 0, to: chains.length(of: first))
        }
        for chain in passed.dropFirst() { edges += chains.edges(of: chain, from: 0, to: chains.length(of: chain)) }
        let reaching: RouteAssembler.Entry
        if let placement = arrival.via {
            edges += chains.edges(of: placement.chain, from: 0, to: Int(chains.edgeRank[placement.edge]))
            reaching = .init(node: Int(graph.edgeSource[placement.edge]), edge: placement.edge, fraction: placement.along)
        } else {
            reaching = .init(node: Int(chains.coreNodes[arrival.core]), edge: end.edge, fraction: 0)
        }
        return RouteAssembler(graph: graph, isJunction: isJunction).route(from: start, departure: leaving, edges: edges, arrival: reaching, to: end)
    }

    /// The goal of a point-to-point search: the cheapest arrival at one snapped point, guided by the
    /// straight line through the Earth (never longer than the great-circle distance, which no road
    /// can beat), divided by the top speed when minimising time — cheap, and consistent.
    private struct PointGoal: LegSearchGoal {
        let target: ChainEndpoint
        let goal: SIMD3<Double>
        let chordPoints: [SIMD3<Double>]
        let coreNodes: [Int32]
        let scale: Double
        var bestCost: Double
        var best: (state: Int, arrival: ChainEndpoint.Arrival)?

        @inline(__always) func heuristic(_ core: Int) -> Double {
            let d = chordPoints[Int(coreNodes[core])] - goal
            return (d * d).sum().squareRoot() * scale
        }

        mutating func settle<Search: LegSearch>(_ state: Int, at core: Int, cost: Double, search: Search) -> Double {
            for arrival in target.arrivals where arrival.core == core && cost + arrival.cost < bestCost {
                if let via = arrival.via, !search.mayEnter(via.chain, from: state) { continue }
                bestCost = cost + arrival.cost
                best = (state, arrival)
            }
            return bestCost
        }
    }

    /// The route between two placements on one chain, in order, without a core node between.
    private func unfold(_ from: ChainEndpoint.Placement, _ to: ChainEndpoint.Placement, start: SnappedPoint, end: SnappedPoint) -> Route {
        let assembler = RouteAssembler(graph: graph, isJunction: isJunction)
        if from.edge == to.edge {
            return assembler.direct(from: start, to: end, edge: from.edge, fraction: max(0, to.along - from.along))
        }
        let edges = chains.edges(of: from.chain, from: Int(chains.edgeRank[from.edge]) + 1, to: Int(chains.edgeRank[to.edge]))
        return assembler.route(from: start, departure: .init(node: Int(graph.edgeTarget[from.edge]), edge: from.edge, fraction: 1 - from.along),
                               edges: edges, arrival: .init(node: Int(graph.edgeSource[to.edge]), edge: to.edge, fraction: to.along), to: end)
    }

    /// `point` on a sphere of the haversine radius, in metres.
    static func chordPoint(_ point: GeoPoint) -> SIMD3<Double> {
        let radius = 6_371_008.8
        let phi = point.latitude * .pi / 180, lambda = point.longitude * .pi / 180
        return SIMD3(radius * cos(phi) * cos(lambda), radius * cos(phi) * sin(lambda), radius * sin(phi))
    }
}
