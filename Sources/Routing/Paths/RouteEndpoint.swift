/// How a snapped point joins the graph: the nodes a search may start from (leaving the point) or
/// must reach (arriving at it), each with the cost of the partial edge between node and point.
struct RouteEndpoint {
    /// One way in or out: the graph node, the partial cost, the edge it runs along, and the fraction
    /// of that edge between the node and the point.
    struct Entry {
        var node: Int
        var cost: Double
        var edge: Int
        var fraction: Double
    }

    let snapped: SnappedPoint
    /// Leaving the point: forward along the snapped edge, or backward along its reverse twin.
    let departures: [Entry]
    /// Arriving at the point: from the snapped edge's source, or from its target along the twin.
    let arrivals: [Entry]

    init(_ snapped: SnappedPoint, in graph: RoadGraph, metric: RouteMetric) {
        self.snapped = snapped
        let edge = snapped.edge, t = snapped.fraction
        let from = Int(graph.edgeSource[edge]), to = Int(graph.edgeTarget[edge])
        let cost = graph.cost(of: edge, metric)
        var departures = [Entry(node: to, cost: (1 - t) * cost, edge: edge, fraction: 1 - t)]
        var arrivals = [Entry(node: from, cost: t * cost, edge: edge, fraction: t)]
        if let twin = graph.edge(from: to, to: from) {
            let twinCost = graph.cost(of: twin, metric)
            departures.append(Entry(node: from, cost: t * twinCost, edge: twin, fraction: t))
            arrivals.append(Entry(node: to, cost: (1 - t) * twinCost, edge: twin, fraction: 1 - t))
        }
        // A point on a node joins every edge of that node, not just the one it was snapped to
        // (which matters on one-way streets).
        if t == 0 { departures.append(Entry(node: from, cost: 0, edge: edge, fraction: 0)) }
        if t == 1 { arrivals.append(Entry(node: to, cost: 0, edge: edge, fraction: 0)) }
        self.departures = departures
        self.arrivals = arrivals
    }

    /// The cost of going straight from this point to `target` along a shared edge without passing
    /// a node, when both lie on the same edge (or its twin) in the right order: the cost, the edge,
    /// and the fraction of it travelled; nil otherwise.
    func direct(to target: RouteEndpoint, in graph: RoadGraph, metric: RouteMetric) -> (cost: Double, edge: Int, fraction: Double)? {
        var best: (cost: Double, edge: Int, fraction: Double)?
        // Only entries that move along their edge (not the zero-cost joins of a point on a node).
        for departure in departures where departure.node == Int(graph.edgeTarget[departure.edge]) {
            // Both positions measured from the source of the departure edge.
            let start = 1 - departure.fraction
            for arrival in target.arrivals where arrival.edge == departure.edge && arrival.node == Int(graph.edgeSource[arrival.edge])
                && arrival.fraction >= start - 1e-9 {
                let travelled = max(0, arrival.fraction - start)
                let cost = travelled * graph.cost(of: departure.edge, metric)
                if cost < best?.cost ?? .infinity { best = (cost, departure.edge, travelled) }
            }
        }
        return best
    }
}
