import Shared

/// The thresholds of the plausibility checks, per travel profile.
public struct PresenceRules: Hashable, Sendable {
    /// How close to the site a position proves presence, in metres.
    public var radius: Double
    /// The fastest plausible speed between two positions, metres per second.
    public var topSpeed: Double
    /// How far the tablet's distance may differ from the server's before it is flagged, in metres.
    public var distanceTolerance: Double
    /// The largest gap between the receiver's time and the tablet's clock, in seconds.
    public var clockTolerance: Double
    /// The oldest fix that still counts as current, in seconds.
    public var freshness: Double
    /// How far around the visit's time the track is searched for a point near the site, in seconds.
    public var trackWindow: Int64

    /// On foot: 50 m, 3 m/s (a brisk walk with a short run), 10 m, 120 s, 10 s, 15 min.
    public static let foot = PresenceRules(radius: 50, topSpeed: 3, distanceTolerance: 10, clockTolerance: 120, freshness: 10, trackWindow: 900)
    /// By car: 50 m, 45 m/s (about 160 km/h), 10 m, 120 s, 10 s, 15 min.
    public static let car = PresenceRules(radius: 50, topSpeed: 45, distanceTolerance: 10, clockTolerance: 120, freshness: 10, trackWindow: 900)

    /// The rules of a work order's travel profile; foot when it names none.
    public static func profile(_ travel: TravelProfile?) -> PresenceRules { travel == .car ? .car : .foot }
}
