import Shared

/// When the auditor has left the planned path: more than ``threshold`` metres from every piece of it.
public struct OffPathRule: Sendable {
    /// Metres from the route beyond which the tablet counts as off the path (default 40).
    public var threshold: Double

    /// Creates the rule.
    public init(threshold: Double = 40) {
        self.threshold = threshold
    }

    /// Whether `position` is off `route`.
    public func isOff(_ position: GeoPoint, route: Route) -> Bool {
        RouteGeometry(route: route).locate(position).distance > threshold
    }
}
