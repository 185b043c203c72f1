import Shared

/// Turns a search result (departure, nodes passed, arrival) into a ``Route`` with its polyline,
/// street names, junction marks, length and time.
struct RouteAssembler {
    /// How a route leaves its start point or reaches its end point: the graph node, the edge the
    /// point lies on, and the fraction of that edge between point and node.
    struct Entry {
        var node: Int
        var edge: Int
        var fraction: Double
    }

    let graph: RoadGraph
    let isJunction: (Int) -> Bool

    /// A route leaving `start` along the departure's edge, then over `edges`, reaching `end` along
    /// the arrival's edge.
    func route(from start: SnappedPoint, departure: Entry, edges: [Int],
               arrival: Entry, to end: SnappedPoint) -> Route {
        let nodes = [departure.node] + edges.map { Int(graph.edgeTarget[$0]) }
        let points = [start.point] + nodes.map(graph.point) + [end.point]
        let names = [graph.name(of: departure.edge)] + edges.map(graph.name(of:)) + [graph.name(of: arrival.edge)]
        let junctions = [false] + nodes.map(isJunction) + [false]
        let length = departure.fraction * graph.edgeLength[departure.edge] + edges.reduce(0) { $0 + graph.edgeLength[$1] }
            + arrival.fraction * graph.edgeLength[arrival.edge]
        let time = departure.fraction * graph.travelTime(of: departure.edge) + edges.reduce(0) { $0 + graph.travelTime(of: $1) }
            + arrival.fraction * graph.travelTime(of: arrival.edge)
        let travelled = (departure.fraction > 0 ? [departure.edge] : []) + edges + (arrival.fraction > 0 ? [arrival.edge] : [])
        return Route(points: points, names: names, junctions: junctions, nodes: nodes, edges: travelled, length: length, time: time)
    }

    /// A route along one edge between two points on it.
    func direct(from start: SnappedPoint, to end: SnappedPoint, edge: Int, fraction: Double) -> Route {
        Route(points: [start.point, end.point], names: [graph.name(of: edge)], junctions: [false, false], nodes: [],
              edges: fraction > 0 ? [edge] : [],
              length: fraction * graph.edgeLength[edge], time: fraction * graph.travelTime(of: edge))
    }
}
