import Foundation
import Shared

/// Which part of the world the map shows: its centre and its scale.
public struct MapViewport: Hashable, Sendable {
    /// The point in the middle of the map.
    public var center: GeoPoint
    /// Metres covered by one braille dot (half a cell wide, a quarter of a cell high).
    public var metersPerDot: Double

    /// The scales zooming steps between, in metres per dot.
    public static let scaleRange: ClosedRange<Double> = 0.25...20_000

    /// A viewport centred on `center` at `metersPerDot`.
    public init(center: GeoPoint, metersPerDot: Double) {
        self.center = center
        self.metersPerDot = min(max(metersPerDot, Self.scaleRange.lowerBound), Self.scaleRange.upperBound)
    }

    /// The viewport that shows all of `points` on a canvas of `dotWidth` × `dotHeight` dots with a
    /// margin, or `nil` when there are no points. A single point is shown at 2 m per dot.
    public static func fitting(_ points: [GeoPoint], dotWidth: Int, dotHeight: Int) -> MapViewport? {
        guard let first = points.first else { return nil }
        var south = first.latitude, north = first.latitude, west = first.longitude, east = first.longitude
        for point in points {
            south = min(south, point.latitude); north = max(north, point.latitude)
            west = min(west, point.longitude); east = max(east, point.longitude)
        }
        let center = GeoPoint(latitude: (south + north) / 2, longitude: (west + east) / 2)
        let widthMeters = (east - west) * MapProjection.metersPerDegreeLatitude * cos(center.latitude * .pi / 180)
        let heightMeters = (north - south) * MapProjection.metersPerDegreeLatitude
        let scale = max(widthMeters / Double(max(1, dotWidth - 4)), heightMeters / Double(max(1, dotHeight - 4)))
        return MapViewport(center: center, metersPerDot: scale > 0 ? scale * 1.05 : 2)
    }

    /// Zoomed in (`steps` > 0) or out by factors of 1.5.
    public func zoomed(by steps: Int) -> MapViewport {
        MapViewport(center: center, metersPerDot: metersPerDot * pow(1.5, Double(-steps)))
    }

    /// Moved by a number of dots east (`dx`) and south (`dy`).
    public func panned(dotsEast dx: Double, dotsSouth dy: Double) -> MapViewport {
        let metersPerDegreeLongitude = MapProjection.metersPerDegreeLatitude * max(0.01, cos(center.latitude * .pi / 180))
        let moved = GeoPoint(latitude: max(-85, min(85, center.latitude - dy * metersPerDot / MapProjection.metersPerDegreeLatitude)),
                             longitude: center.longitude + dx * metersPerDot / metersPerDegreeLongitude)
        return MapViewport(center: moved, metersPerDot: metersPerDot)
    }
}
