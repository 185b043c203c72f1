import Foundation

/// A position on the WGS 84 ellipsoid in decimal degrees.
public struct GeoPoint: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Latitude, −90…90, north positive.
    public var latitude: Double
    /// Longitude, −180…180, east positive.
    public var longitude: Double

    /// Creates a point without checking ranges; see ``validated(latitude:longitude:)``.
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Creates a point, refusing latitudes outside −90…90 and longitudes outside −180…180.
    public static func validated(latitude: Double, longitude: Double, field: String = "location") throws(ValidationError) -> GeoPoint {
        guard latitude.isFinite, (-90...90).contains(latitude) else {
            throw ValidationError(field: field, rule: "latitude must be between -90 and 90", value: "\(latitude)")
        }
        guard longitude.isFinite, (-180...180).contains(longitude) else {
            throw ValidationError(field: field, rule: "longitude must be between -180 and 180", value: "\(longitude)")
        }
        return GeoPoint(latitude: latitude, longitude: longitude)
    }

    /// Reads `LAT,LON` in decimal degrees (spaces allowed around each), checking the ranges.
    public init(parsing text: String, field: String = "location") throws(ValidationError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let latitude = parts[0], let longitude = parts[1] else {
            throw ValidationError(field: field, rule: "must be LAT,LON in decimal degrees", value: text)
        }
        self = try Self.validated(latitude: latitude, longitude: longitude, field: field)
    }

    /// Great-circle distance in metres (haversine on a sphere of radius 6,371,008.8 m).
    public func distance(to other: GeoPoint) -> Double {
        let radius = 6_371_008.8
        let phi1 = latitude * .pi / 180, phi2 = other.latitude * .pi / 180
        let dPhi = phi2 - phi1
        let dLambda = (other.longitude - longitude) * .pi / 180
        let a = sin(dPhi / 2) * sin(dPhi / 2) + cos(phi1) * cos(phi2) * sin(dLambda / 2) * sin(dLambda / 2)
        return 2 * radius * asin(min(1, a.squareRoot()))
    }

    public var description: String { "\(latitude),\(longitude)" }

    enum CodingKeys: String, CodingKey {
        case latitude = "lat"
        case longitude = "lon"
    }
}
