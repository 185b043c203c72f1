import Shared

/// One breadcrumb of an auditor's day: where the tablet was, when, and how sure the receiver was.
public struct TrackPoint: Hashable, Sendable {
    /// The position.
    public var point: GeoPoint
    /// When the receiver took the fix, whole seconds since 1970 (UTC).
    public var seconds: Int64
    /// The receiver's horizontal error estimate in metres, when it gave one.
    public var accuracy: Double?

    /// Creates a point.
    public init(point: GeoPoint, seconds: Int64, accuracy: Double? = nil) {
        self.point = point
        self.seconds = seconds
        self.accuracy = accuracy
    }
}
