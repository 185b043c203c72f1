import Routing
import Shared

/// The road centre lines of a graph for drawing: every street piece once, whichever way it runs.
public enum RoadLines {
    /// One two-point line per edge; an edge whose reverse is also in the graph is drawn once.
    public static func of(_ graph: RoadGraph) -> [[GeoPoint]] {
        var lines: [[GeoPoint]] = []
        lines.reserveCapacity(graph.edgeCount / 2)
        for node in 0..<graph.nodeCount {
            for edge in graph.edges(from: node) {
                let target = Int(graph.edgeTarget[edge])
                guard node < target || graph.edge(from: target, to: node) == nil else { continue }
                lines.append([graph.point(node), graph.point(target)])
            }
        }
        return lines
    }
}
