import Shared

extension RecordInspection {
    /// The visits of customer `id`, by time, each with its own evidence of presence.
    public func visits(of id: String) throws -> [CustomerVisitEvidence] {
        try database.read { db in try CustomerVisitEvidence.visits(of: id, in: db) }
    }
}
