/// A turn restriction relation (`type=restriction`): its tags and its members by role.
public struct OSMRestriction: Sendable, Equatable {
    /// The relation's OSM id.
    public var id: Int64
    /// The relation's tags (`restriction=no_left_turn`, `restriction:motorcar=…`, `except=…`).
    public var tags: [String: String]
    /// The ways the turn comes from.
    public var from: [Int64]
    /// The node the turn is made at (a simple restriction has exactly one).
    public var viaNodes: [Int64]
    /// The ways passed between `from` and `to` (a restriction over several junctions).
    public var viaWays: [Int64]
    /// The ways the turn goes to.
    public var to: [Int64]

    /// Creates a restriction from its members (`type`: "node", "way" or "relation"; `role`).
    init(id: Int64, tags: [String: String], members: [(type: String, ref: Int64, role: String)]) {
        self.id = id
        self.tags = tags
        from = members.filter { $0.type == "way" && $0.role == "from" }.map(\.ref)
        viaNodes = members.filter { $0.type == "node" && $0.role == "via" }.map(\.ref)
        viaWays = members.filter { $0.type == "way" && $0.role == "via" }.map(\.ref)
        to = members.filter { $0.type == "way" && $0.role == "to" }.map(\.ref)
    }
}
