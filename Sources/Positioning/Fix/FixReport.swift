import Foundation

/// A fix as one JSON object: what `audit-terminal gps read --json` prints per line.
///
/// Keys: `time` (ISO 8601, or the time of day alone when the date is unknown), `lat`, `lon`,
/// `quality`, and, when known, `satellites`, `hdop`, `altitude_m`, `speed_mps`, `course_deg`, `accuracy_m`.
public struct FixReport: Codable, Hashable, Sendable {
    /// UTC time, ISO 8601.
    public var time: String?
    /// Latitude, decimal degrees.
    public var lat: Double
    /// Longitude, decimal degrees.
    public var lon: Double
    /// Fix quality, as ``FixQuality/description``.
    public var quality: String
    /// Satellites used.
    public var satellites: Int?
    /// Horizontal dilution of precision.
    public var hdop: Double?
    /// Altitude above mean sea level, metres.
    public var altitudeMetres: Double?
    /// Speed over ground, m/s.
    public var speedMetresPerSecond: Double?
    /// Course over ground, degrees true.
    public var courseDegrees: Double?
    /// Horizontal accuracy, metres (see ``Fix/accuracy``).
    public var accuracyMetres: Double?

    /// The report of `fix`.
    public init(_ fix: Fix) {
        time = fix.time?.description
        lat = fix.latitude
        lon = fix.longitude
        quality = fix.quality.description
        satellites = fix.satellites
        hdop = fix.hdop
        altitudeMetres = fix.altitude
        speedMetresPerSecond = fix.speed
        courseDegrees = fix.course
        accuracyMetres = fix.accuracy
    }

    enum CodingKeys: String, CodingKey {
        case time, lat, lon, quality, satellites, hdop
        case altitudeMetres = "altitude_m", speedMetresPerSecond = "speed_mps", courseDegrees = "course_deg", accuracyMetres = "accuracy_m"
    }
}

extension Fix {
    /// One line for people: `2009-12-09T14:33:07.000Z  55.780442  23.578604  gps  sats 9  hdop 1.3`.
    public var line: String {
        let sats = satellites.map(String.init) ?? "-"
        let dop = hdop.map { String(format: "%.1f", $0) } ?? "-"
        return String(format: "%@  %.6f  %.6f  %@  sats %@  hdop %@", time?.description ?? "-", latitude, longitude,
                      quality.description, sats, dop)
    }
}
