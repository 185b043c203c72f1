import Shared

/// A path over the road network from one snapped point to another: its polyline, the street name
/// of each piece, which vertices are junctions, its length and its travel time.
public struct Route: Sendable, Equatable {
    /// The polyline, from the snapped start to the snapped end.
    public var points: [GeoPoint]
    /// Street name of each piece between consecutive points (`points.count - 1` entries).
    public var names: [String?]
    /// Whether each point is a junction where another road could be taken (more than two neighbours).
    public var junctions: [Bool]
    /// The graph nodes passed, in order.
    public var nodes: [Int]
    /// The graph edges travelled, in order, wholly or in part (a piece of no length is left out):
    /// the first and last may be travelled from or to a point inside them.
    public var edges: [Int]
    /// Metres.
    public var length: Double
    /// Seconds at the profile's speeds.
    public var time: Double

    /// A route that stays at one point.
    static func empty(at point: GeoPoint) -> Route {
        Route(points: [point], names: [], junctions: [false], nodes: [], edges: [], length: 0, time: 0)
    }
}
