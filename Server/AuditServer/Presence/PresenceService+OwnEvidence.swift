import Evidence
import Shared

extension PresenceService {
    /// What a visit's own evidence fails of the presence checks: no position, a typed one, a
    /// stale fix, a receiver clock off, a position far from the site as the server knew it then,
    /// or a distance the server does not confirm. The office map flags these as each visit is
    /// saved, and a customer's record page lists them; the checks that need the auditor's other
    /// visits and track (speed, track) are made by ``presence(_:)`` for `progress` and `presence`.
    static func ownFindings(_ visit: AuditVisit, in db: any StoreConnection) throws -> (evidence: VisitEvidence, findings: [PresenceFinding]) {
        let milliseconds = (seconds(visit.time) ?? 0) * 1000
        let site = try SiteHistory.site(of: visit.customer.rawValue, at: milliseconds, in: db)
        let travel = try RecordTable.load(RecordKey(kind: .workOrder, id: visit.workOrder.rawValue), in: db).flatMap { WorkOrder($0).travel }
        let evidence = evidence(visit, site: site)
        return (evidence, PresenceCheck(rules: .profile(travel)).findings(for: evidence))
    }
}
