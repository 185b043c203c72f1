import Evidence
import Foundation
import Shared

/// A customer's visit as its record page shows it: when, by whom, with what outcome, where the
/// tablet measured it against the site as the server knew it then, and what the visit's own
/// evidence fails (the checks that need the auditor's other visits and track are `presence`'s).
public struct CustomerVisitEvidence: Sendable, Encodable, Equatable {
    public var visit: String
    public var time: String
    public var auditor: String
    public var workOrder: String
    /// The outcome as the map names it (`verified`, `corrected`, `not_found`, `no_access`).
    public var outcome: String
    /// `gnss`, `typed` or `none`.
    public var source: String
    public var position: GeoPoint?
    public var accuracyM: Double?
    public var site: GeoPoint?
    /// The server's distance from the position to the site.
    public var distanceM: Double?
    /// The codes of what the visit's own evidence fails (`PresenceFinding.Code`); empty: presence shown.
    public var findings: [String]

    enum CodingKeys: String, CodingKey {
        case visit, time, auditor, outcome, source, position, site, findings
        case workOrder = "work_order"
        case accuracyM = "accuracy_m"
        case distanceM = "distance_m"
    }

    /// The unretired visits of `customer`, by time.
    static func visits(of customer: String, in db: any StoreConnection) throws -> [CustomerVisitEvidence] {
        let keys = try CustomerVisitTable.visits(of: customer, in: db).map { RecordKey(kind: .auditVisit, id: $0) }
        return try RecordTable.load(keys, in: db).values.map(AuditVisit.init).filter { !$0.retired }
            .sorted { ($0.time, $0.id.rawValue) < ($1.time, $1.id.rawValue) }
            .map { try CustomerVisitEvidence($0, in: db) }
    }

    init(_ visit: AuditVisit, in db: any StoreConnection) throws {
        let (evidence, findings) = try PresenceService.ownFindings(visit, in: db)
        self.visit = visit.id.rawValue
        time = visit.time
        auditor = visit.auditor
        workOrder = visit.workOrder.rawValue
        outcome = MapStatus(visit.outcome).rawValue
        source = evidence.source.rawValue
        position = visit.fix
        accuracyM = visit.fixAccuracyMeters
        site = evidence.site
        distanceM = evidence.distanceToSite
        self.findings = findings.map(\.code.rawValue)
    }
}
