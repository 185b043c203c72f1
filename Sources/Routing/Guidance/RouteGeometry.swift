import Shared

/// Measurements along a route's polyline: cumulative distances, bearings, and where a position lies
/// relative to it.
public struct RouteGeometry: Sendable {
    /// The route measured.
    public let route: Route
    /// `cumulative[k]` is the metres from the first point to point k.
    public let cumulative: [Double]

    /// Measures `route`.
    public init(route: Route) {
        self.route = route
        var cumulative = [0.0]
        for (a, b) in zip(route.points, route.points.dropFirst()) { cumulative.append(cumulative[cumulative.count - 1] + a.distance(to: b)) }
        self.cumulative = cumulative
    }

    /// Total metres along the polyline.
    public var length: Double { cumulative.last ?? 0 }

    /// Where `position` lies on the route: metres from it, and metres along the route.
    ///
    /// A route may pass the same street twice (out to a stop and back). The pieces from `after` (the
    /// progress known from the previous fix, less `tolerance`) on are considered, and among those
    /// nearly as near as the nearest (within 2 m) the earliest not behind `after` wins, so the auditor is placed on the
    /// pass they are walking, not on the way back.
    public func locate(_ position: GeoPoint, after: Double? = nil, tolerance: Double = 20) -> (distance: Double, along: Double) {
        guard route.points.count > 1 else { return (route.points.first.map(position.distance) ?? .infinity, 0) }
        let projection = PlanarProjection(origin: position)
        let from = (after ?? -.infinity) - tolerance
        let candidates = (0..<(route.points.count - 1)).filter { cumulative[$0 + 1] >= from }.map { k in
            let (distance, fraction) = projection.closest(on: route.points[k], route.points[k + 1])
            return (distance: distance, along: max(from, cumulative[k] + fraction * (cumulative[k + 1] - cumulative[k])))
        }
        guard let nearest = candidates.map(\.distance).min() else { return (.infinity, after ?? 0) }
        let close = candidates.filter { $0.distance <= nearest + 2 }
        return close.first { $0.along >= (after ?? -.infinity) } ?? close[0]
    }

    /// Initial bearing in degrees (0 = north, clockwise) from `a` to `b`.
    static func bearing(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let phi1 = a.latitude * .pi / 180, phi2 = b.latitude * .pi / 180
        let dLambda = (b.longitude - a.longitude) * .pi / 180
        let y = sin(dLambda) * cos(phi2)
        let x = cos(phi1) * sin(phi2) - sin(phi1) * cos(phi2) * cos(dLambda)
        return atan2(y, x) * 180 / .pi
    }

    /// The bearing change from `incoming` to `outgoing`, normalised to −180…180.
    static func change(from incoming: Double, to outgoing: Double) -> Double {
        var angle = (outgoing - incoming).truncatingRemainder(dividingBy: 360)
        if angle > 180 { angle -= 360 }
        if angle <= -180 { angle += 360 }
        return angle
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
