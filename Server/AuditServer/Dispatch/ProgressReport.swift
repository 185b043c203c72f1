import Foundation
import Shared
import TextLayout

/// How far the audit work has come, per work order and per auditor.
public struct ProgressReport: Hashable, Sendable, Codable {
    /// The counts for one work order or one auditor.
    public struct Counts: Hashable, Sendable, Codable {
        /// Customers assigned.
        public var assigned = 0
        /// Customers with at least one visit.
        public var visited = 0
        /// Customers whose latest visit outcome is each of these.
        public var verified = 0, corrected = 0, notFound = 0, noAccess = 0
        /// Records of the work (the order, its customers and their devices) with a field in conflict.
        public var openConflicts = 0
        /// Visits that do not prove presence: any finding of the presence checks (typed, none, far,
        /// distance disagreement, implied speed, track, clock, stale fix) or a failing signature or chain.
        public var flaggedVisits = 0

        /// The counts in the order of ``ProgressReport/countColumns``.
        var cells: [String] {
            [assigned, visited, verified, corrected, notFound, noAccess, openConflicts, flaggedVisits].map(String.init)
        }

        /// Counts a customer's latest visit: visited, and its outcome.
        mutating func count(_ visit: AuditVisit) {
            visited += 1
            countOutcome(visit)
        }

        mutating func countOutcome(_ visit: AuditVisit) {
            switch visit.outcome {
            case .verified: verified += 1
            case .corrected: corrected += 1
            case .notFound: notFound += 1
            case .noAccess: noAccess += 1
            }
        }

        mutating func add(_ other: Counts) {
            assigned += other.assigned; visited += other.visited
            verified += other.verified; corrected += other.corrected
            notFound += other.notFound; noAccess += other.noAccess
            openConflicts += other.openConflicts
            flaggedVisits += other.flaggedVisits
        }

        enum CodingKeys: String, CodingKey {
            case assigned, visited, verified, corrected
            case notFound = "not_found"
            case noAccess = "no_access"
            case openConflicts = "open_conflicts"
            case flaggedVisits = "flagged_visits"
        }
    }

    /// A visit that does not prove the auditor was at the customer's site.
    public struct FlaggedVisit: Hashable, Sendable, Codable {
        public var visit: String
        public var workOrder: String
        public var customer: String
        public var auditor: String
        public var time: String
        /// Why, every finding joined by `; `: `typed, not proof`, `142 m from the site`,
        /// `no position recorded`, `117 km/h from the track point at 09:12:04 (…)`.
        public var reason: String
        /// The same reasons, for a reader of any language (JSON carries ``reason``; a report read
        /// back from JSON has none, and shows ``reason``).
        public var reasons: [LocalizedText] = []

        /// Why, in `language`.
        public func reason(in language: Language) -> String {
            reasons.isEmpty ? reason : language.joined(reasons.map { $0.text(in: language) })
        }

        enum CodingKeys: String, CodingKey {
            case visit, customer, auditor, time, reason
            case workOrder = "work_order"
        }
    }

    /// One work order's progress.
    public struct WorkOrderLine: Hashable, Sendable, Codable {
        public var workOrder: String
        public var area: String
        public var auditor: String
        public var status: String
        public var counts: Counts

        enum CodingKeys: String, CodingKey {
            case workOrder = "work_order"
            case area, auditor, status, counts
        }
    }

    /// One auditor's progress over all their work orders.
    public struct AuditorLine: Hashable, Sendable, Codable {
        public var auditor: String
        public var workOrders: Int
        public var counts: Counts

        enum CodingKeys: String, CodingKey {
            case auditor
            case workOrders = "work_orders"
            case counts
        }
    }

    /// The counts of one county (its work orders' customers) or of one day (the visits made that
    /// day, by the latest visit of each customer; nothing is assigned on a day).
    public struct GroupLine: Hashable, Sendable, Codable {
        public var name: String
        public var counts: Counts
    }

    public var auditors: [AuditorLine]
    public var workOrders: [WorkOrderLine]
    /// By county (the empty name for customers without one), and by day (`YYYY-MM-DD`, UTC).
    public var counties: [GroupLine] = []
    public var days: [GroupLine] = []
    /// Every visit without proof of presence, by time.
    public var flagged: [FlaggedVisit]

    enum CodingKeys: String, CodingKey {
        case auditors, flagged, counties, days
        case workOrders = "work_orders"
    }

    /// The counties' and the days' tables as CSV.
    public var countiesCSV: String { Self.csv(counties, named: "county") }
    public var daysCSV: String { Self.csv(days, named: "day") }

    private static func csv(_ lines: [GroupLine], named name: String) -> String {
        lines.reduce(CSVText.line([name] + countColumns)) { text, line in text + CSVText.line([line.name] + line.counts.cells) }
    }

    /// The counts' columns, as CSV headers.
    static let countColumns = ["assigned", "visited", "verified", "corrected", "not_found", "no_access", "open_conflicts", "flagged_visits"]

    /// The auditors' table as CSV.
    public var auditorsCSV: String {
        auditors.reduce(CSVText.line(["auditor", "work_orders"] + Self.countColumns)) { text, line in
            text + CSVText.line([line.auditor, "\(line.workOrders)"] + line.counts.cells)
        }
    }

    /// The work orders' table as CSV.
    public var workOrdersCSV: String {
        workOrders.reduce(CSVText.line(["work_order", "area", "auditor", "status"] + Self.countColumns)) { text, line in
            text + CSVText.line([line.workOrder, line.area, line.auditor, line.status] + line.counts.cells)
        }
    }

    /// Computes the report from the stored records.
    static func compute(in db: any StoreConnection) throws -> ProgressReport {
        let orders = try db.values(Data.self, "SELECT state FROM records WHERE kind = 'work_order' ORDER BY id")
            .map { WorkOrder(try RecordTable.decode($0)) }
            .filter { !$0.retired }
        let conflicted = Set(try db.rows("SELECT kind, id FROM records WHERE conflicted = 1")
            .map { RecordKey(kind: RecordKind(rawValue: $0[0]) ?? .customer, id: $0[1]) })
        var lines: [WorkOrderLine] = []
        var flagged: [FlaggedVisit] = []
        var byAuditor: [String: AuditorLine] = [:]
        var byCounty: [String: Counts] = [:], byDay: [String: Counts] = [:]
        let presence = PresenceService(db: db)
        for order in orders {
            var counts = Counts()
            counts.assigned = order.customers.count
            let states = try WorkOrderVisits.states(of: order.id.rawValue, in: db)
            let visits = states.map(AuditVisit.init)
            var latest: [String: AuditVisit] = [:]
            for visit in visits where latest[visit.customer.rawValue].map({ $0.time < visit.time }) ?? true {
                latest[visit.customer.rawValue] = visit
            }
            counts.visited = latest.count
            for visit in latest.values { byDay[String(visit.time.prefix(10)), default: Counts()].count(visit) }
            for (state, visit) in zip(states, visits) {
                let found = try presence.presence(state)
                guard let reason = found.flagReason else { continue }
                counts.flaggedVisits += 1
                byDay[String(visit.time.prefix(10)), default: Counts()].flaggedVisits += 1
                flagged.append(FlaggedVisit(visit: visit.id.rawValue, workOrder: order.id.rawValue, customer: visit.customer.rawValue,
                                            auditor: visit.auditor, time: visit.time, reason: reason, reasons: found.flagReasons))
            }
            for visit in latest.values { counts.countOutcome(visit) }
            var keys: Set<RecordKey> = [RecordKey(kind: .workOrder, id: order.id.rawValue)]
            for customer in order.customers {
                keys.insert(RecordKey(kind: .customer, id: customer.rawValue))
                for device in try db.values(String.self, "SELECT device FROM device_customers WHERE customer = ?", [customer.rawValue]) {
                    keys.insert(RecordKey(kind: .device, id: device))
                }
            }
            counts.openConflicts = keys.intersection(conflicted).count
            lines.append(WorkOrderLine(workOrder: order.id.rawValue, area: order.area, auditor: order.assignee, status: order.status.rawValue, counts: counts))
            byAuditor[order.assignee, default: AuditorLine(auditor: order.assignee, workOrders: 0, counts: Counts())].workOrders += 1
            byAuditor[order.assignee]!.counts.add(counts)
            byCounty[try WorkOrderCounty.county(of: order, in: db), default: Counts()].add(counts)
        }
        func groups(_ counts: [String: Counts]) -> [GroupLine] { counts.map { GroupLine(name: $0.key, counts: $0.value) }.sorted { $0.name < $1.name } }
        return ProgressReport(auditors: byAuditor.values.sorted { $0.auditor < $1.auditor }, workOrders: lines,
                              counties: groups(byCounty), days: groups(byDay),
                              flagged: flagged.sorted { ($0.time, $0.visit) < ($1.time, $1.visit) })
    }

    /// Plain text for a person in `language`: each auditor's and each work order's counts in
    /// columns that line up whatever the language of the headings and names, then every visit
    /// without proof of presence with its reasons.
    public func text(in language: Language = .english) -> String {
        var table = TextTable([.left] + Array(repeating: .right, count: Self.countColumns.count))
        let header = [""] + Self.countLabels(in: language)
        table.line(language.localized("server.progress.by_auditor"))
        table.add(header)
        for line in auditors {
            table.add([language.localized("server.progress.auditor", ["auditor": line.auditor, "count": line.workOrders])] + line.counts.cells)
        }
        table.line("")
        table.line(language.localized("server.progress.by_work_order"))
        table.add(header)
        for line in workOrders { table.add(["\(line.workOrder.prefix(14)) \(line.auditor)"] + line.counts.cells) }
        var lines = table.lines
        if !flagged.isEmpty {
            lines += ["", language.localized("server.progress.flagged")]
            lines += flagged.map { "  \($0.time)  \($0.auditor)  \($0.customer)  \($0.visit)  \($0.reason(in: language))" }
        }
        return lines.joined(separator: "\n")
    }

    /// The plain text in English.
    public var text: String { text() }

    /// The counts' headings for a person, in the order of ``countColumns``.
    static func countLabels(in language: Language) -> [String] {
        [language.localized("server.progress.column.assigned"), language.localized("server.progress.column.visited")]
            + [VisitOutcome.verified, .corrected, .notFound, .noAccess].map { $0.label(in: language) }
            + [language.localized("server.progress.column.conflicts"), language.localized("server.progress.column.flagged")]
    }
}

extension DispatchService {
    /// Progress per auditor and per work order.
    public func progress() throws -> ProgressReport {
        try database.read { db in try ProgressReport.compute(in: db) }
    }
}
