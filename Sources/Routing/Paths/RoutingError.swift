import Shared

/// Why a route could not be found.
public enum RoutingError: Error, Equatable, CustomStringConvertible {
    /// No road lies within the snapping limit of the point.
    case noRoadNear(GeoPoint)
    /// The two points are not connected in the graph (cannot happen inside one strongly connected
    /// component, but a cut graph or a hand-made one may have this).
    case unreachable(from: GeoPoint, to: GeoPoint)

    /// A sentence a person can act on.
    public var description: String {
        switch self {
        case .noRoadNear(let point): "no road of the map lies near \(point)"
        case .unreachable(let from, let to): "no route from \(from) to \(to) on this map"
        }
    }
}
