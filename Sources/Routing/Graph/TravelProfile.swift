import Shared

/// The road rules of a travel profile (declared in Shared, where work orders carry it): which ways
/// it may use, how fast, and whether one-way rules bind it.
extension TravelProfile {
    /// The speed in metres per second on a way of `highwayClass`, or nil when the profile may not use it.
    public func speed(on highwayClass: HighwayClass) -> Double? {
        switch self {
        case .foot:
            switch highwayClass {
            case .motorway, .motorwayLink, .trunk, .trunkLink: return nil
            case .steps: return 0.5
            default: return 5.0 / 3.6
            }
        case .car:
            let kmh: Double
            switch highwayClass {
            case .motorway: kmh = 110
            case .trunk: kmh = 90
            case .primary: kmh = 70
            case .secondary: kmh = 60
            case .tertiary: kmh = 50
            case .motorwayLink, .trunkLink, .primaryLink, .secondaryLink, .tertiaryLink: kmh = 45
            case .unclassified, .road: kmh = 40
            case .residential: kmh = 30
            case .service: kmh = 15
            case .livingStreet: kmh = 7
            case .track, .pedestrian, .footway, .path, .steps, .cycleway, .bridleway: return nil
            }
            return kmh / 3.6
        }
    }

    /// The highest speed the profile reaches anywhere (the A* time heuristic divides by it).
    public var topSpeed: Double {
        HighwayClass.allCases.compactMap { speed(on: $0) }.max() ?? 1
    }

    /// Whether `oneway`, roundabouts and motorways restrict the direction of travel.
    public var obeysOneway: Bool { self == .car }

    /// Whether the way's access tags shut this profile out (`access=no|private` without a
    /// profile-specific yes, `foot=no`, `motor_vehicle=no`, `motorcar=no`).
    func isForbidden(by tags: [String: String]) -> Bool {
        let refused: Set<String> = ["no", "private"]
        let allowed: Set<String> = ["yes", "designated", "permissive", "destination"]
        let specific: [String] = self == .foot ? ["foot"] : ["motorcar", "motor_vehicle"]
        for key in specific {
            if let value = tags[key] {
                if refused.contains(value) { return true }
                if allowed.contains(value) { return false }
            }
        }
        if let access = tags["access"], refused.contains(access) { return true }
        if self == .car, tags["area"] == "yes" { return true }
        return false
    }
}
