import Foundation

/// What the tablet knows about its position at a given moment: the UI's GPS indicator and the
/// fix a visit records.
public enum PositionStatus: Hashable, Sendable, CustomStringConvertible {
    /// No fix has arrived yet.
    case noFix
    /// The latest fix, received `age` seconds ago, within the freshness limit.
    case fresh(Fix, age: Double)
    /// The latest fix is older than the freshness limit: the receiver lost its signal or the source stopped.
    case stale(Fix, age: Double)

    /// The latest fix, fresh or stale.
    public var fix: Fix? {
        switch self {
        case .noFix: nil
        case .fresh(let fix, _), .stale(let fix, _): fix
        }
    }

    /// Seconds since the latest fix arrived.
    public var age: Double? {
        switch self {
        case .noFix: nil
        case .fresh(_, let age), .stale(_, let age): age
        }
    }

    /// `no fix`, `gps 3s` or `stale gps 42s`.
    public var description: String {
        switch self {
        case .noFix: "no fix"
        case .fresh(let fix, let age): "\(fix.quality) \(Int(age))s"
        case .stale(let fix, let age): "stale \(fix.quality) \(Int(age))s"
        }
    }
}
