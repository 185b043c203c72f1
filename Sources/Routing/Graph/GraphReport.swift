import Shared

/// What building (or cutting) one profile's graph kept and dropped.
public struct GraphReport: Sendable, Equatable, Codable {
    /// The profile.
    public var profile: TravelProfile
    /// Nodes in the largest strongly connected component, which the graph keeps.
    public var nodes: Int
    /// Directed edges kept.
    public var edges: Int
    /// Nodes outside the largest strongly connected component, dropped.
    public var droppedNodes: Int
    /// Directed edges dropped with them (or leading between components).
    public var droppedEdges: Int
    /// How many strongly connected components there were.
    public var components: Int

    enum CodingKeys: String, CodingKey {
        case profile, nodes, edges, components
        case droppedNodes = "dropped_nodes"
        case droppedEdges = "dropped_edges"
    }
}
