import Shared
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A flat approximation around one point (metres east and north), good over a few kilometres.
struct PlanarProjection {
    let origin: GeoPoint
    let metresPerDegreeLatitude = 111_195.0
    let metresPerDegreeLongitude: Double

    init(origin: GeoPoint) {
        self.origin = origin
        metresPerDegreeLongitude = 111_195.0 * cos(origin.latitude * .pi / 180)
    }

    func xy(_ point: GeoPoint) -> (Double, Double) {
        ((point.longitude - origin.longitude) * metresPerDegreeLongitude, (point.latitude - origin.latitude) * metresPerDegreeLatitude)
    }

    /// Distance from the origin to the segment a–b, and the fraction along it of the closest point.
    func closest(on a: GeoPoint, _ b: GeoPoint) -> (distance: Double, fraction: Double) {
        let (ax, ay) = xy(a), (bx, by) = xy(b)
        let dx = bx - ax, dy = by - ay
        let squared = dx * dx + dy * dy
        let t = squared == 0 ? 0 : min(1, max(0, -(ax * dx + ay * dy) / squared))
        let px = ax + t * dx, py = ay + t * dy
        return ((px * px + py * py).squareRoot(), t)
    }
}
