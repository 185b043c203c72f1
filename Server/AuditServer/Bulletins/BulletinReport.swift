import Foundation
import Shared

/// The figures of one bulletin: the work done against the plan per county and per auditor, the
/// corrections by field, the conflicts opened and resolved, the visits without proof of presence
/// the overdue orders and the open and overdue safety hazards of one period (in one county or all),
/// each headline number beside the previous period's.
///
/// Made by ``BulletinService``; written by ``BulletinPage`` (HTML and SVG) and ``BulletinTables`` (CSV).
public struct BulletinReport: Sendable, Codable, Equatable {
    /// One headline number, this period's and the previous one's.
    public struct Headline: Sendable, Codable, Equatable {
        /// What it counts: one of ``BulletinReport/headlineNames``.
        public var name: String
        public var value: Int
        public var previous: Int
        /// `value - previous`.
        public var delta: Int { value - previous }

        enum CodingKeys: String, CodingKey { case name, value, previous, delta }

        public init(name: String, value: Int, previous: Int) { (self.name, self.value, self.previous) = (name, value, previous) }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(name: try container.decode(String.self, forKey: .name), value: try container.decode(Int.self, forKey: .value),
                      previous: try container.decode(Int.self, forKey: .previous))
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(value, forKey: .value)
            try container.encode(previous, forKey: .previous)
            try container.encode(delta, forKey: .delta)
        }
    }

    /// The work of one county or one auditor in the period.
    public struct WorkLine: Sendable, Codable, Equatable {
        /// The county (`""` for customers without one) or the auditor.
        public var name: String
        /// Customers of the orders open in the period still to visit when it began.
        public var planned = 0
        /// Of those, the customers visited in the period.
        public var visited = 0
        /// Visits made in the period (a customer visited twice counts twice).
        public var visits = 0
        /// Of those, the visits whose outcome was `corrected`.
        public var correctedVisits = 0
        /// Of those, the visits without proof of presence.
        public var flaggedVisits = 0

        /// `visited` of `planned` in whole percent, 0 without a plan.
        public var percent: Int { planned == 0 ? 0 : Int((Double(visited) * 100 / Double(planned)).rounded()) }

        enum CodingKeys: String, CodingKey {
            case name, planned, visited, visits
            case correctedVisits = "corrected_visits"
            case flaggedVisits = "flagged_visits"
        }

        mutating func add(_ other: WorkLine) {
            planned += other.planned; visited += other.visited; visits += other.visits
            correctedVisits += other.correctedVisits; flaggedVisits += other.flaggedVisits
        }
    }

    /// How often a field of customer or device files was corrected in the period.
    public struct CorrectionLine: Sendable, Codable, Equatable {
        /// `customer` or `device`.
        public var kind: String
        public var field: String
        /// Corrections written on tablets, and in the office.
        public var tablet: Int
        public var office: Int
        public var total: Int { tablet + office }
    }

    /// The conflicts of one field opened and resolved in the period.
    public struct ConflictLine: Sendable, Codable, Equatable {
        public var kind: String
        public var field: String
        public var opened: Int
        public var resolved: Int
    }

    /// A work order past its due date at the end of the period with customers not visited.
    public struct OverdueLine: Sendable, Codable, Equatable {
        public var workOrder: String
        public var area: String
        public var auditor: String
        public var county: String
        public var due: String
        public var assigned: Int
        /// Customers not visited by the end of the period.
        public var remaining: Int

        enum CodingKeys: String, CodingKey {
            case workOrder = "work_order"
            case area, auditor, county, due, assigned, remaining
        }
    }

    public var period: BulletinPeriod
    /// The county it covers; `nil` for all.
    public var county: String?
    public var headline: [Headline]
    public var counties: [WorkLine]
    public var auditors: [WorkLine]
    /// Most often corrected first.
    public var corrections: [CorrectionLine]
    public var conflicts: [ConflictLine]
    /// The visits of the period without proof of presence, by time.
    public var flagged: [ProgressReport.FlaggedVisit]
    public var overdue: [OverdueLine]
    /// The hazards open at the end of the period, by state and severity (``BulletinHazards``).
    public var hazards: [HazardCount]
    /// The hazards overdue at the end of the period, the longest overdue first.
    public var overdueHazards: [OverdueHazard]

    enum CodingKeys: String, CodingKey {
        case period, county, headline, counties, auditors, corrections, conflicts, flagged, overdue, hazards
        case overdueHazards = "overdue_hazards"
    }

    /// The headline numbers, in the order a bulletin shows them.
    public static let headlineNames = ["planned", "visited", "percent", "visits", "corrected_visits", "corrections",
                                       "conflicts_opened", "conflicts_resolved", "flagged_visits", "overdue_orders",
                                       "open_hazards", "overdue_hazards"]

    /// The headline number called `name`.
    public func headline(_ name: String) -> Headline? { headline.first { $0.name == name } }
}

extension BulletinReport {
    /// The figures of `period` (of `county` alone when given) beside the previous period's.
    static func compute(period: BulletinPeriod, county: String?, in db: any StoreConnection) throws -> BulletinReport {
        let now = try BulletinFigures.compute(period: period, county: county, in: db)
        let before = try BulletinFigures.compute(period: period.previous, county: county, in: db)
        let previous = Dictionary(uniqueKeysWithValues: before.totals.map { ($0.name, $0.value) })
        return BulletinReport(period: period, county: county,
                              headline: now.totals.map { Headline(name: $0.name, value: $0.value, previous: previous[$0.name] ?? 0) },
                              counties: now.work.counties, auditors: now.work.auditors, corrections: now.corrections,
                              conflicts: now.conflicts, flagged: now.work.flagged, overdue: now.work.overdue,
                              hazards: now.hazards.open, overdueHazards: now.hazards.overdue)
    }
}

/// The figures of one period, before they are set beside the previous period's.
struct BulletinFigures {
    var work: BulletinWork
    var corrections: [BulletinReport.CorrectionLine]
    var conflicts: [BulletinReport.ConflictLine]
    var hazards: BulletinHazards

    static func compute(period: BulletinPeriod, county: String?, in db: any StoreConnection) throws -> BulletinFigures {
        BulletinFigures(work: try BulletinWork.compute(period: period, county: county, in: db),
                        corrections: try BulletinCorrections.compute(period: period, county: county, in: db),
                        conflicts: try BulletinConflicts.compute(period: period, county: county, in: db),
                        hazards: try BulletinHazards.compute(period: period, county: county, in: db))
    }

    /// The headline numbers, in the order of ``BulletinReport/headlineNames``.
    var totals: [(name: String, value: Int)] {
        var all = BulletinReport.WorkLine(name: "")
        for line in work.counties { all.add(line) }
        return [
            ("planned", all.planned), ("visited", all.visited), ("percent", all.percent), ("visits", all.visits),
            ("corrected_visits", all.correctedVisits), ("corrections", corrections.reduce(0) { $0 + $1.total }),
            ("conflicts_opened", conflicts.reduce(0) { $0 + $1.opened }), ("conflicts_resolved", conflicts.reduce(0) { $0 + $1.resolved }),
            ("flagged_visits", all.flaggedVisits), ("overdue_orders", work.overdue.count),
            ("open_hazards", hazards.open.reduce(0) { $0 + $1.count }), ("overdue_hazards", hazards.overdue.count),
        ]
    }
}
