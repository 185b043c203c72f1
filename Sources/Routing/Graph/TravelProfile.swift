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

    /// The speed in metres per second on a way of `highwayClass` whose speed limit is `limit` km/h:
    /// on foot the walking speed; by car 80% of the limit (junctions, traffic), or the class's
    /// usual speed where no limit is tagged. Nil when the profile may not use the way.
    public func speed(on highwayClass: HighwayClass, limit: Double?) -> Double? {
        guard let usual = speed(on: highwayClass) else { return nil }
        guard self == .car, let limit else { return usual }
        return max(limit * 0.8, 5) / 3.6
    }

    /// The highest speed the profile reaches anywhere (the A* time heuristic divides by it).
    public var topSpeed: Double {
        HighwayClass.allCases.compactMap { speed(on: $0) }.max() ?? 1
    }

    /// Whether `oneway`, roundabouts and motorways restrict the direction of travel.
    public var obeysOneway: Bool { self == .car }

    /// What the way's access tags allow this profile: the most specific key present decides
    /// (for cars `motorcar`, then `motor_vehicle`, then `vehicle`; on foot `foot`), else `access`.
    /// `yes`, `designated`, `permissive`, `official` and `public` open the way; any other value
    /// (`private`, `no`, `destination`, `customers`, `delivery`, …) makes it destination-only, so
    /// a customer living on a private lane is reached along it but nobody drives through.
    /// `area=yes` (a square mapped as a highway area) is closed to cars.
    public func access(_ tags: [String: String]) -> WayAccess {
        if self == .car, tags["area"] == "yes" { return .closed }
        let keys: [String] = self == .foot ? ["foot", "access"] : ["motorcar", "motor_vehicle", "vehicle", "access"]
        guard let value = keys.lazy.compactMap({ tags[$0] }).first else { return .open }
        return WayAccess.openValues.contains(value) ? .open : .destinationOnly
    }
}
