import Shared

/// The auditors who hold an enrolled tablet that is not revoked: those the office can send work
/// to and hear back from (a re-inspection, for one).
enum ActiveAuditors {
    /// Their names, sorted.
    static func names(in db: any StoreConnection) throws -> [String] {
        try db.values(String.self, "SELECT DISTINCT auditor FROM devices WHERE revoked_at_ms IS NULL ORDER BY auditor")
    }

    /// Whether `name` is one of them.
    static func contains(_ name: String, in db: any StoreConnection) throws -> Bool {
        try db.exists("SELECT 1 FROM devices WHERE auditor = ? AND revoked_at_ms IS NULL", [name])
    }
}
