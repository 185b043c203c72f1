/// How a receiver obtained a position, as NMEA GGA field 6 and gpsd's TPV `status` report it.
public enum FixQuality: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// No position: the receiver is searching.
    case none = 0
    /// An autonomous GNSS position.
    case gps = 1
    /// A position corrected by a differential service (DGPS, SBAS).
    case dgps = 2
    /// A precise-positioning-service position.
    case pps = 3
    /// Real-time kinematic with fixed integers: centimetre level.
    case rtk = 4
    /// Real-time kinematic with floating integers: decimetre level.
    case floatRTK = 5
    /// Dead reckoning: the receiver estimates without satellites.
    case estimated = 6
    /// A position typed in by hand.
    case manual = 7
    /// A simulator's position.
    case simulation = 8

    /// The short lower-case name printed by `audit-terminal gps read`.
    public var description: String {
        switch self {
        case .none: "none"
        case .gps: "gps"
        case .dgps: "dgps"
        case .pps: "pps"
        case .rtk: "rtk"
        case .floatRTK: "float-rtk"
        case .estimated: "estimated"
        case .manual: "manual"
        case .simulation: "simulation"
        }
    }

    /// Whether the quality stands for a usable position.
    public var hasPosition: Bool { self != .none }
}
