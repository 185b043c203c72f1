/// What an office user may do in the console and its API.
public enum OfficeRole: String, CaseIterable, Codable, Sendable {
    /// Cuts and assigns work, resolves conflicts: reads and writes the audit data.
    case dispatcher
    /// Follows progress, quality and hazards: reads everything, writes nothing.
    case supervisor
    /// Manages office users and devices, and may do what a dispatcher does.
    case admin

    /// Whether the role may change audit data (work orders, records, conflicts).
    public var writesAuditData: Bool { self != .supervisor }

    /// Whether the role may manage users and devices.
    public var managesAccounts: Bool { self == .admin }
}
