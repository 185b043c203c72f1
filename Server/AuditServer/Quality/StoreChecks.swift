import Foundation
import Routing
import Shared

/// The rules that read across records or against the time, as queries over `quality_subjects`
/// and the map's `customer_map`: duplicates, meters and customers without each other, account
/// states against meters, customers overdue for a visit, old conflicts with the MIS, presence flags.
/// Asked about every subject in a full run, and about the subjects in ``QualityScope/listed`` in a
/// later one: a duplicate appears or goes when *another* record changes, and time passes for
/// records nobody touched, so that scope holds more than the records changed.
struct StoreChecks: Sendable {
    let settings: QualitySettings
    /// Milliseconds since 1970: the run's time.
    let now: Int64
    /// The subjects asked about.
    var scope = QualityScope.everything

    /// Every finding of the rules across records about the subjects in ``scope``, in no particular order.
    func findings(in db: any StoreConnection) throws -> [QualityFinding] {
        var found: [QualityFinding] = []
        for rule in QualityRule.allCases where !rule.readsOneRecord && settings.isEnabled(rule) {
            for row in try db.rows(query(rule), arguments(rule)) {
                found.append(QualityFinding(rule: rule, subject: row[0], county: row[1] as String?, severity: settings.severity(rule), detail: detail(rule, row)))
            }
        }
        return found
    }

    /// The rules whose findings these queries make.
    static var rules: [QualityRule] { QualityRule.allCases.filter { !$0.readsOneRecord } }

    private static let liveCustomer = "s.kind = 'customer' AND s.retired = 0"

    /// A query answering (subject, county, detail …) for `rule`. The duplicates are counted with
    /// no condition on `kind` (only customers have an account, only meters a serial): SQLite, which
    /// keeps no statistics, would walk every customer by the primary key for one rather than look
    /// the accounts of a run's scope up.
    private func query(_ rule: QualityRule) -> String {
        let inScope = scope.restricting("s.id")
        return switch rule {
        case .duplicateAccount:
            """
            SELECT s.id, s.county, s.account, d.n FROM quality_subjects s
            JOIN (SELECT account, COUNT(*) AS n FROM quality_subjects WHERE retired = 0 AND account IS NOT NULL \(scope.restrictingPeers("account", kind: .customer))
                  GROUP BY account HAVING COUNT(*) > 1) d ON d.account = s.account
            WHERE \(Self.liveCustomer) \(inScope)
            """
        case .duplicateMeterSerial:
            """
            SELECT s.id, c.county, s.serial, d.n FROM quality_subjects s
            JOIN (SELECT serial, COUNT(*) AS n FROM quality_subjects WHERE retired = 0 AND serial IS NOT NULL \(scope.restrictingPeers("serial", kind: .device))
                  GROUP BY serial HAVING COUNT(*) > 1) d ON d.serial = s.serial
            LEFT JOIN quality_subjects c ON c.kind = 'customer' AND c.id = s.customer
            WHERE s.kind = 'device' AND s.retired = 0 \(inScope)
            """
        case .meterWithoutCustomer:
            """
            SELECT s.id, c.county, s.customer FROM quality_subjects s
            LEFT JOIN quality_subjects c ON c.kind = 'customer' AND c.id = s.customer AND c.retired = 0
            WHERE s.kind = 'device' AND s.retired = 0 AND COALESCE(s.device_status, '') <> 'removed' AND c.id IS NULL \(inScope)
            """
        case .customerWithoutMeter:
            """
            SELECT s.id, s.county FROM quality_subjects s
            WHERE \(Self.liveCustomer) \(inScope) AND COALESCE(s.account_status, '') <> 'closed'
              AND NOT EXISTS (SELECT 1 FROM quality_subjects m WHERE m.kind = 'device' AND m.customer = s.id AND m.retired = 0)
            """
        case .statusContradictsDevices:
            """
            SELECT s.id, s.county, s.account_status FROM quality_subjects s
            WHERE \(Self.liveCustomer) \(inScope) AND (
                (s.account_status = 'closed' AND EXISTS (SELECT 1 FROM quality_subjects m WHERE m.kind = 'device' AND m.customer = s.id
                                                          AND m.retired = 0 AND m.device_status = 'in_service'))
             OR (s.account_status = 'active' AND EXISTS (SELECT 1 FROM quality_subjects m WHERE m.kind = 'device' AND m.customer = s.id AND m.retired = 0)
                 AND NOT EXISTS (SELECT 1 FROM quality_subjects m WHERE m.kind = 'device' AND m.customer = s.id
                                 AND m.retired = 0 AND COALESCE(m.device_status, 'in_service') = 'in_service')))
            """
        case .notAudited:
            """
            SELECT s.id, s.county, m.visited_at FROM quality_subjects s LEFT JOIN customer_map m ON m.id = s.id
            WHERE \(Self.liveCustomer) \(inScope) AND (m.visited_at < ? OR (m.visited_at IS NULL AND s.known_since_ms < ?))
            """
        case .misConflictOpen:
            "SELECT s.id, s.county, s.mis_conflict_since_ms FROM quality_subjects s WHERE \(Self.liveCustomer) \(inScope) AND s.mis_conflict_since_ms < ?"
        case .presenceFlagged:
            "SELECT s.id, s.county, m.visited_at FROM quality_subjects s JOIN customer_map m ON m.id = s.id WHERE \(Self.liveCustomer) \(inScope) AND m.presence_flagged = 1"
        default:
            preconditionFailure("\(rule) reads one record")
        }
    }

    private func arguments(_ rule: QualityRule) -> StoreArguments {
        switch rule {
        case .notAudited:
            let lines = QualityThresholds(settings: settings, now: now)
            return [lines.lastVisit, lines.knownSince]
        case .misConflictOpen:
            return [QualityThresholds(settings: settings, now: now).misConflictSince]
        default:
            return []
        }
    }

    private func detail(_ rule: QualityRule, _ row: StoreRow) -> [String: String] {
        switch rule {
        case .duplicateAccount: ["account": (row[2] as String?) ?? "", "count": (row[3] as Int64?).map { String($0) } ?? ""]
        case .duplicateMeterSerial: ["serial": (row[2] as String?) ?? "", "count": (row[3] as Int64?).map { String($0) } ?? ""]
        case .meterWithoutCustomer: ["customer": (row[2] as String?) ?? "—"]
        case .statusContradictsDevices: ["status": (row[2] as String?) ?? ""]
        case .notAudited: ["months": String(settings.notAuditedMonths), "last": (row[2] as String?).map { String($0.prefix(10)) } ?? "—"]
        case .misConflictOpen: ["days": String(settings.misConflictDays)]
        case .presenceFlagged: ["visited": (row[2] as String?).map { String($0.prefix(10)) } ?? "—"]
        default: [:]
        }
    }

    /// A time as `customer_map.visited_at` writes it: `YYYY-MM-DDTHH:MM:SSZ`, UTC.
    static func visitTime(_ date: Date) -> String {
        visitTime(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// ``visitTime(_:)`` of a time in milliseconds since 1970, by arithmetic: a run writes one for
    /// every record, and a date formatter made for each took most of a run's time.
    static func visitTime(milliseconds: Int64) -> String {
        let seconds = Int(milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let second = seconds - days * 86_400
        let (year, month, day) = CalendarDay(number: days).parts
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(year)-\(two(month))-\(two(day))T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))Z"
    }
}
