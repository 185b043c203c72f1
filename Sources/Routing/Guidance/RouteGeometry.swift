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

    /// The nearest point of the route to `position`: metres from it, and metres along the route.
    public func locate(_ position: GeoPoint) -> (distance: Double, along: Double) {
        guard route.points.count > 1 else { return (route.points.first.map(position.distance) ?? .infinity, 0) }
        let projection = PlanarProjection(origin: position)
        var best = (distance: Double.infinity, along: 0.0)
        for k in 0..<(route.points.count - 1) {
            let (distance, fraction) = projection.closest(on: route.points[k], route.points[k + 1])
            if distance < best.distance {
                best = (distance, cumulative[k] + fraction * (cumulative[k + 1] - cumulative[k]))
            }
        }
        return best
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
