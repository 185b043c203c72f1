import Foundation
import Shared

/// Fixes of someone moving along a path at a steady speed, one per interval: the demo's walker.
///
/// The path is a polyline of points; the walk starts at the first point at `start` and ends at the
/// last. Each fix carries the time, the speed, and the course of the leg being walked; quality is
/// GPS with 8 satellites and HDOP 0.9, as a good receiver in the open reports.
public struct RouteWalk: Sendable {
    /// The points walked through, in order.
    public var path: [GeoPoint]
    /// Speed in metres per second (1.4 is a brisk walk).
    public var speed: Double
    /// Seconds between fixes.
    public var interval: Double

    /// Creates a walk; speed and interval must be positive.
    public init(path: [GeoPoint], speed: Double = 1.4, interval: Double = 1) {
        self.path = path
        self.speed = max(0.01, speed)
        self.interval = max(0.01, interval)
    }

    /// The fixes of the walk starting at `start`, the last one at the end of the path.
    public func fixes(start: Date) -> [Fix] {
        guard let first = path.first else { return [] }
        var fixes: [Fix] = []
        var travelled = 0.0, legStart = 0.0, leg = 0
        let step = speed * interval
        let legLengths = zip(path, path.dropFirst()).map { $0.distance(to: $1) }
        let total = legLengths.reduce(0, +)
        while true {
            while leg < legLengths.count - 1 && travelled > legStart + legLengths[leg] {
                legStart += legLengths[leg]
                leg += 1
            }
            let point: GeoPoint, course: Double?
            if legLengths.isEmpty {
                (point, course) = (first, nil)
            } else {
                let fraction = legLengths[leg] > 0 ? min(1, (travelled - legStart) / legLengths[leg]) : 1
                point = Self.interpolate(path[leg], path[leg + 1], fraction)
                course = Self.bearing(path[leg], path[leg + 1])
            }
            let time = FixTime(start.addingTimeInterval(travelled / speed))
            fixes.append(Fix(time: time, latitude: point.latitude, longitude: point.longitude, quality: .gps,
                             satellites: 8, hdop: 0.9, speed: travelled < total ? speed : 0, course: course))
            if travelled >= total { return fixes }
            travelled = min(total, travelled + step)
        }
    }

    private static func interpolate(_ a: GeoPoint, _ b: GeoPoint, _ fraction: Double) -> GeoPoint {
        GeoPoint(latitude: a.latitude + (b.latitude - a.latitude) * fraction,
                 longitude: a.longitude + (b.longitude - a.longitude) * fraction)
    }

    /// Initial great-circle bearing from `a` to `b`, degrees 0 ..< 360.
    static func bearing(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let phi1 = a.latitude * .pi / 180, phi2 = b.latitude * .pi / 180
        let dLambda = (b.longitude - a.longitude) * .pi / 180
        let y = sin(dLambda) * cos(phi2)
        let x = cos(phi1) * sin(phi2) - sin(phi1) * cos(phi2) * cos(dLambda)
        let degrees = atan2(y, x) * 180 / .pi
        return (degrees + 360).truncatingRemainder(dividingBy: 360)
    }
}
