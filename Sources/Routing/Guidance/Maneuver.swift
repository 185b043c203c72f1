import Shared

/// A point of a route where the auditor must act: turn, change street, or arrive at a stop.
public struct Maneuver: Sendable, Equatable {
    /// What to do.
    public var kind: TurnKind
    /// Metres from the start of the route.
    public var distanceAlong: Double
    /// Where.
    public var point: GeoPoint
    /// The street taken (nil for unnamed ways and for arrivals).
    public var street: String?
    /// The stop reached, for arrivals.
    public var stopID: String?

    /// The instruction without its distance: "turn left onto Maximilianstraße", "arrive at 1002".
    public var text: String {
        if kind == .arrive { return "arrive at stop \(stopID ?? "")" }
        guard let street else { return kind.phrase }
        return kind == .straight ? "continue onto \(street)" : "\(kind.phrase) onto \(street)"
    }
}
