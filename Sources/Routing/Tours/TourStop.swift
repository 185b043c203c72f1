import Shared

/// A place the auditor must visit: an id (a customer's) and where it is.
public struct TourStop: Sendable, Equatable, Codable {
    /// The stop's id.
    public var id: String
    /// Where it is.
    public var point: GeoPoint

    /// Creates a stop.
    public init(id: String, point: GeoPoint) {
        self.id = id
        self.point = point
    }
}
