/// What to tell the auditor now: the next maneuver, how far it is, and how far is left.
public struct GuidanceInstruction: Sendable, Equatable {
    /// The next maneuver (an arrival when no turn is left before the stop).
    public var maneuver: Maneuver
    /// Metres from the current position to the maneuver.
    public var distance: Double
    /// Metres from the current position to the end of the route.
    public var remaining: Double
    /// Metres between the position and the route.
    public var offset: Double
    /// Metres along the route where the position was placed (hand it back for the next fix).
    public var along: Double

    /// "in 120 m turn left onto Maximilianstraße"; "arrive at stop 1002" once within 20 m.
    public var text: String {
        if maneuver.kind == .arrive, distance <= 20 { return "you have arrived at stop \(maneuver.stopID ?? "")" }
        return "in \(Self.rounded(distance)) m \(maneuver.text)"
    }

    /// Distances as people say them: to 10 m below a kilometre, to 50 m above.
    static func rounded(_ metres: Double) -> Int {
        let step = metres < 1000 ? 10.0 : 50.0
        return Int((metres / step).rounded() * step)
    }
}
