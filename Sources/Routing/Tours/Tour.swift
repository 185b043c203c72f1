import Shared

/// An ordered audit path: the stops in visiting order and the route of each leg, starting at the
/// position the tour was planned from.
public struct Tour: Sendable, Equatable {
    /// Where the tour starts.
    public var start: GeoPoint
    /// The stops in visiting order.
    public var stops: [TourStop]
    /// `legs[i]` leads to `stops[i]` (from the start, then from the previous stop); a closed tour has
    /// one more leg, back to the start.
    public var legs: [Route]
    /// How long planning took.
    public var planningTime: Duration

    /// Total metres.
    public var length: Double { legs.reduce(0) { $0 + $1.length } }
    /// Total travel seconds at the profile's speeds.
    public var time: Double { legs.reduce(0) { $0 + $1.time } }
    /// Total seconds spent at the stops.
    public var serviceTime: Double { stops.reduce(0) { $0 + $1.serviceTime } }
    /// Travel and service seconds: how long the tour takes.
    public var duration: Double { time + serviceTime }

    /// The whole path as one route (legs joined, from the snapped start), for guidance and off-path checks.
    public var route: Route {
        guard var joined = legs.first else { return Route.empty(at: start) }
        for leg in legs.dropFirst() { joined.append(leg) }
        return joined
    }
}

extension Route {
    /// Appends `other`, which starts where this route ends.
    mutating func append(_ other: Route) {
        guard !other.points.isEmpty else { return }
        points += other.points.dropFirst()
        names += other.names
        junctions[junctions.count - 1] = junctions[junctions.count - 1] || (other.junctions.first ?? false)
        junctions += other.junctions.dropFirst()
        nodes += other.nodes
        edges += other.edges
        length += other.length
        time += other.time
    }
}
