import Shared

/// A point placed on the road network: the edge it lies on, how far along, and how far the original
/// point was from the road.
public struct SnappedPoint: Sendable, Equatable {
    /// The point before snapping.
    public var original: GeoPoint
    /// The edge the point was placed on.
    public var edge: Int
    /// Where on the edge, from 0 (its source node) to 1 (its target node).
    public var fraction: Double
    /// The snapped position.
    public var point: GeoPoint
    /// Metres between ``original`` and ``point``.
    public var distance: Double
}
