import Foundation

/// A latitude/longitude rectangle (south, west, north, east in degrees).
public struct GeoBox: Sendable, Hashable, Codable {
    /// Southern edge.
    public var south: Double
    /// Western edge.
    public var west: Double
    /// Northern edge.
    public var north: Double
    /// Eastern edge.
    public var east: Double

    /// Creates a box.
    public init(south: Double, west: Double, north: Double, east: Double) {
        self.south = south
        self.west = west
        self.north = north
        self.east = east
    }

    /// Reads `S,W,N,E`, refusing boxes that are out of range or inside out.
    public init(parsing text: String) throws(ValidationError) {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, let south = parts[0], let west = parts[1], let north = parts[2], let east = parts[3] else {
            throw ValidationError(field: "bbox", rule: "must be S,W,N,E in degrees", value: text)
        }
        _ = try GeoPoint.validated(latitude: south, longitude: west, field: "bbox")
        _ = try GeoPoint.validated(latitude: north, longitude: east, field: "bbox")
        guard south <= north, west <= east else {
            throw ValidationError(field: "bbox", rule: "south must not exceed north, nor west east", value: text)
        }
        self.init(south: south, west: west, north: north, east: east)
    }

    /// The smallest box holding every point (nil for none).
    public init?(enclosing points: [GeoPoint]) {
        guard let first = points.first else { return nil }
        self.init(south: first.latitude, west: first.longitude, north: first.latitude, east: first.longitude)
        for point in points.dropFirst() {
            south = min(south, point.latitude); north = max(north, point.latitude)
            west = min(west, point.longitude); east = max(east, point.longitude)
        }
    }

    /// The box grown by `metres` on every side.
    public func expanded(by metres: Double) -> GeoBox {
        let dLat = metres / 111_195.0
        let middle = (south + north) / 2 * .pi / 180
        let dLon = metres / (111_195.0 * max(cos(middle), 0.01))
        return GeoBox(south: south - dLat, west: west - dLon, north: north + dLat, east: east + dLon)
    }

    /// Whether the box holds the point (edges included).
    public func contains(_ point: GeoPoint) -> Bool {
        (south...north).contains(point.latitude) && (west...east).contains(point.longitude)
    }
}

