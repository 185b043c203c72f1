/// How good the tablet's position is, as the status bar shows it. The positioning code fills it in;
/// until a receiver is attached it stays ``none``.
public enum GPSFixQuality: Hashable, Sendable {
    /// No receiver or no fix.
    case none
    /// A 2D fix (latitude and longitude only).
    case fix2D(accuracyMeters: Double?)
    /// A 3D fix.
    case fix3D(accuracyMeters: Double?)

    /// For example `no GPS`, `GPS 2D`, `GPS 3D ±4 m`.
    public var label: String {
        switch self {
        case .none: return "no GPS"
        case .fix2D(let accuracy): return "GPS 2D" + Self.accuracy(accuracy)
        case .fix3D(let accuracy): return "GPS 3D" + Self.accuracy(accuracy)
        }
    }

    private static func accuracy(_ meters: Double?) -> String {
        meters.map { " ±\(Int($0.rounded())) m" } ?? ""
    }
}
