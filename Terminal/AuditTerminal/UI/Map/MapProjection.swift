import Foundation
import Shared

/// Turns positions into braille-dot coordinates of a canvas for a viewport: a local equirectangular
/// projection (longitude scaled by the cosine of the centre's latitude), exact enough for the few
/// kilometres a tablet's map shows.
public struct MapProjection: Sendable {
    /// Metres per degree of latitude (mean).
    static let metersPerDegreeLatitude = 111_195.0

    private let centerLatitude: Double
    private let centerLongitude: Double
    private let dotsPerDegreeLatitude: Double
    private let dotsPerDegreeLongitude: Double
    private let originX: Double
    private let originY: Double

    /// The projection of `viewport` onto a canvas `dotWidth` × `dotHeight` dots, centre in the middle.
    public init(viewport: MapViewport, dotWidth: Int, dotHeight: Int) {
        centerLatitude = viewport.center.latitude
        centerLongitude = viewport.center.longitude
        dotsPerDegreeLatitude = Self.metersPerDegreeLatitude / viewport.metersPerDot
        dotsPerDegreeLongitude = dotsPerDegreeLatitude * cos(viewport.center.latitude * .pi / 180)
        originX = Double(dotWidth) / 2
        originY = Double(dotHeight) / 2
    }

    /// The dot coordinates of `point` (x east, y south); may lie outside the canvas.
    public func project(_ point: GeoPoint) -> (x: Double, y: Double) {
        (originX + (point.longitude - centerLongitude) * dotsPerDegreeLongitude,
         originY - (point.latitude - centerLatitude) * dotsPerDegreeLatitude)
    }
}
