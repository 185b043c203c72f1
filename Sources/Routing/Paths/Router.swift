import Foundation
import Shared

/// Shortest paths on one ``RoadGraph``: snapping points to the nearest edge, point-to-point A*
/// (haversine heuristic, divided by the top speed when minimising time), and many-to-many cost
/// tables (one Dijkstra per source, stopping once every target is settled, sources in parallel).
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
        self.workspace = SearchWorkspace(nodeCount: graph.nodeCount)
        self.heuristicScale = metric == .distance ? 1 : 1 / graph.profile.topSpeed
        self.edgeCost = (0..<graph.edgeCount).map { graph.cost(of: $0, metric) }
        self.chordPoints = (0..<graph.nodeCount).map { Self.chordPoint(graph.point($0)) }
        self.chains = ChainGraph(graph: graph, edgeCost: edgeCost)
        var neighbours = [Set<Int32>](repeating: [], count: graph.nodeCount)
        for edge in 0..<graph.edgeCount {
            neighbours[Int(graph.edgeSource[edge])].insert(graph.edgeTarget[edge])
            neighbours[Int(graph.edgeTarget[edge])].insert(graph.edgeSource[edge])
        }
        self.neighbourCount = neighbours.map { UInt8(min($0.count, 255)) }
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
    /// graph (core nodes, one shortcut per chain), then the chains unfolded into edges.
    public func route(from start: SnappedPoint, to end: SnappedPoint) -> Route? {
        let source = ChainEndpoint(start, graph: graph, chains: chains, edgeCost: edgeCost)
        let target = ChainEndpoint(end, graph: graph, chains: chains, edgeCost: edgeCost)
        let direct = source.direct(to: target)
        var bestCost = direct?.cost ?? .infinity
        var bestArrival: (core: Int, cost: Double, via: ChainEndpoint.Placement?)?
        let goal = Self.chordPoint(end.point)
        workspace.reset()
        var heap = MinHeap()
        for (core, cost, _) in source.departures where cost < workspace.costOf(core) {
            workspace.set(core, cost: cost, via: -1)
            heap.push(cost + heuristic(core, goal), core)
        }
        while let (key, core) = heap.pop() {
            if key >= bestCost { break }
            let cost = workspace.costOf(core)
            if key > cost + heuristic(core, goal) { continue } // stale entry
            for arrival in target.arrivals where arrival.core == core && cost + arrival.cost < bestCost {
                bestCost = cost + arrival.cost
                bestArrival = arrival
            }
            for shortcut in Int(chains.start[core])..<Int(chains.start[core + 1]) {
                let next = Int(chains.target[shortcut])
                let nextCost = cost + chains.cost[shortcut]
                if nextCost < workspace.costOf(next) {
                    workspace.set(next, cost: nextCost, via: shortcut)
                    heap.push(nextCost + heuristic(next, goal), next)
                }
            }
        }
        let assembler = RouteAssembler(graph: graph, isJunction: isJunction)
        guard let arrival = bestArrival else {
            guard let direct else { return nil }
            return unfold(direct.from, direct.to, start: start, end: end)
        }
        var shortcuts: [Int] = [], first = arrival.core
        while case let shortcut = workspace.parentEdge(first), shortcut >= 0 {
            shortcuts.append(shortcut)
            first = Int(chains.chainSource[shortcut])
        }
        guard let departure = source.departures.filter({ $0.core == first }).min(by: { $0.cost < $1.cost }) else { return nil }
        var edges: [Int] = []
        let leaving: RouteAssembler.Entry
        if let placement = departure.via {
            leaving = .init(node: Int(graph.edgeTarget[placement.edge]), edge: placement.edge, fraction: 1 - placement.along)
            edges += chains.edges(of: placement.chain, from: Int(chains.edgeRank[placement.edge]) + 1, to: chains.length(of: placement.chain))
        } else {
            leaving = .init(node: Int(chains.coreNodes[first]), edge: start.edge, fraction: 0)
        }
        for shortcut in shortcuts.reversed() { edges += chains.edges(of: shortcut, from: 0, to: chains.length(of: shortcut)) }
        let reaching: RouteAssembler.Entry
        if let placement = arrival.via {
            edges += chains.edges(of: placement.chain, from: 0, to: Int(chains.edgeRank[placement.edge]))
            reaching = .init(node: Int(graph.edgeSource[placement.edge]), edge: placement.edge, fraction: placement.along)
        } else {
            reaching = .init(node: Int(chains.coreNodes[arrival.core]), edge: end.edge, fraction: 0)
        }
        return assembler.route(from: start, departure: leaving, edges: edges, arrival: reaching, to: end)
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

    /// A lower bound of the cost from core node `core` to `goal`: the straight line through the Earth (never
    /// longer than the great-circle distance, which no road can beat), divided by the top speed
    /// when minimising time. Cheaper than haversine, and consistent.
    @inline(__always) private func heuristic(_ core: Int, _ goal: SIMD3<Double>) -> Double {
        let d = chordPoints[Int(chains.coreNodes[core])] - goal
        return (d * d).sum().squareRoot() * heuristicScale
    }

    /// `point` on a sphere of the haversine radius, in metres.
    static func chordPoint(_ point: GeoPoint) -> SIMD3<Double> {
        let radius = 6_371_008.8
        let phi = point.latitude * .pi / 180, lambda = point.longitude * .pi / 180
        return SIMD3(radius * cos(phi) * cos(lambda), radius * cos(phi) * sin(lambda), radius * sin(phi))
    }
}
