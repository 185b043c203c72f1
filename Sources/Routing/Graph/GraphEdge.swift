/// A directed edge between two OSM nodes, before the graph is assembled.
struct GraphEdge {
    var from: Int64
    var to: Int64
    var length: Double
    var highwayClass: HighwayClass
    var name: String?
    var flags: EdgeFlags = []
    /// The way's `maxspeed` in whole km/h, 0 when untagged.
    var maxSpeed: UInt8 = 0
}
