import Foundation
import Shared

/// One position report: where the receiver was, when, and how good the position is.
///
/// Every source (an NMEA log or stream, a GPX track, gpsd) produces fixes of this one shape.
/// Values a source did not report are `nil`.
public struct Fix: Hashable, Sendable {
    /// When the position was measured.
    public var time: FixTime?
    /// Latitude in decimal degrees, north positive.
    public var latitude: Double
    /// Longitude in decimal degrees, east positive.
    public var longitude: Double
    /// How the position was obtained.
    public var quality: FixQuality
    /// Satellites used in the solution.
    public var satellites: Int?
    /// Horizontal dilution of precision (lower is better; below 2 is good).
    public var hdop: Double?
    /// Altitude above mean sea level, metres.
    public var altitude: Double?
    /// Speed over ground, metres per second.
    public var speed: Double?
    /// Course over ground, degrees from true north.
    public var course: Double?
    /// The receiver's own estimate of its horizontal error in metres (gpsd's `eph`), when it gives one.
    public var horizontalError: Double?
    /// What the receiver sent for this fix, kept as evidence: the NMEA sentence (GGA, else RMC) the
    /// position was read from, or gpsd's TPV report, at most ``rawLimit`` characters. `nil` for
    /// GPX tracks and simulated walks. Not part of the fix's value: two fixes that say the same are
    /// equal whatever text they were read from.
    public var raw: String?

    /// The most characters of ``raw`` kept.
    public static let rawLimit = 2000

    /// `text` without its line end, cut to ``rawLimit`` characters.
    public static func evidence(_ text: String) -> String {
        String(text.trimmingCharacters(in: .newlines).prefix(rawLimit))
    }

    /// Creates a fix.
    public init(time: FixTime?, latitude: Double, longitude: Double, quality: FixQuality, satellites: Int? = nil,
                hdop: Double? = nil, altitude: Double? = nil, speed: Double? = nil, course: Double? = nil,
                horizontalError: Double? = nil, raw: String? = nil) {
        self.raw = raw.map(Self.evidence)
        self.time = time
        self.latitude = latitude
        self.longitude = longitude
        self.quality = quality
        self.satellites = satellites
        self.hdop = hdop
        self.altitude = altitude
        self.speed = speed
        self.course = course
        self.horizontalError = horizontalError
    }

    /// Horizontal accuracy in metres: the receiver's ``horizontalError`` when it gave one, else HDOP
    /// times 5 m, a typical GNSS user range error (so HDOP 1 reads as about 5 m). `nil` without either.
    public var accuracy: Double? {
        horizontalError ?? hdop.map { $0 * 5 }
    }

    /// The position as a ``GeoPoint``, for distances.
    public var point: GeoPoint { GeoPoint(latitude: latitude, longitude: longitude) }

    /// Equal when they report the same time, position, quality and motion (``raw`` is left out).
    public static func == (a: Fix, b: Fix) -> Bool {
        a.time == b.time && a.latitude == b.latitude && a.longitude == b.longitude && a.quality == b.quality
            && a.satellites == b.satellites && a.hdop == b.hdop && a.altitude == b.altitude && a.speed == b.speed
            && a.course == b.course && a.horizontalError == b.horizontalError
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(time)
        hasher.combine(latitude)
        hasher.combine(longitude)
        hasher.combine(quality)
        hasher.combine(satellites)
        hasher.combine(hdop)
        hasher.combine(altitude)
        hasher.combine(speed)
        hasher.combine(course)
        hasher.combine(horizontalError)
    }
}
