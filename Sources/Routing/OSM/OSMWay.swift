/// An OSM way: its id, the ids of its nodes in order, and its tags.
public struct OSMWay: Sendable, Equatable {
    /// The way's OSM id.
    public var id: Int64
    /// Node ids along the way.
    public var refs: [Int64]
    /// The way's tags.
    public var tags: [String: String]

    /// Creates a way.
    public init(id: Int64, refs: [Int64], tags: [String: String]) {
        self.id = id
        self.refs = refs
        self.tags = tags
    }
}
