import Foundation
import Routing
import Shared

/// The safety hazards of a bulletin, as they stood when its period ended (each one's step then,
/// from its history: ``HazardHistory/asOf(_:)``): the open ones (found, not closed) counted by
/// state and severity, and the overdue ones, whose rectification or re-inspection was due before
/// the period ended, the longest overdue first.
///
/// Like the overdue work orders, "overdue" is judged at the end of the period, so the previous
/// period's figure is where things stood then, not now.
struct BulletinHazards {
    var open: [BulletinReport.HazardCount]
    var overdue: [BulletinReport.OverdueHazard]

    static func compute(period: BulletinPeriod, county: String?, in db: any StoreConnection) throws -> BulletinHazards {
        let end = UInt64(period.milliseconds.upperBound)
        var counts: [BulletinReport.HazardCount] = []
        var overdue: [BulletinReport.OverdueHazard] = []
        let rows = try db.rows("SELECT state, county FROM records WHERE kind = 'hazard' AND (?1 = '' OR county = ?1) ORDER BY id", [county ?? ""])
        for row in rows {
            let hazard = Hazard(try RecordTable.decode(try row.decode(Data.self, at: 0)))
            guard !hazard.retired,
                  let step = try HazardHistory.read(RecordKey(kind: .hazard, id: hazard.id.rawValue), in: db).asOf(end),
                  step.state != .closed else { continue }
            if let index = counts.firstIndex(where: { $0.state == step.state.rawValue && $0.severity == hazard.severity.rawValue }) {
                counts[index].count += 1
            } else {
                counts.append(.init(state: step.state.rawValue, severity: hazard.severity.rawValue, count: 1))
            }
            guard let due = step.currentDue, let dueDay = CalendarDay(parsing: due), dueDay < period.end else { continue }
            overdue.append(.init(hazard: hazard.id.rawValue, customer: hazard.customer.rawValue, county: try row.decode(String.self, at: 1),
                                 type: hazard.type.rawValue, severity: hazard.severity.rawValue, state: step.state.rawValue,
                                 owner: step.owner, reinspectionBy: step.state == .reinspectionScheduled ? step.reinspectionBy : nil,
                                 due: due, daysOverdue: period.end.number - dueDay.number))
        }
        let states = HazardState.allCases.map(\.rawValue), severities = HazardSeverity.allCases.map(\.rawValue)
        func rank(_ severity: String) -> Int { severities.firstIndex(of: severity) ?? 0 }
        return BulletinHazards(
            open: counts.sorted { (states.firstIndex(of: $0.state) ?? 0, rank($1.severity)) < (states.firstIndex(of: $1.state) ?? 0, rank($0.severity)) },
            overdue: overdue.sorted { ($1.daysOverdue, rank($1.severity), $0.hazard) < ($0.daysOverdue, rank($0.severity), $1.hazard) })
    }
}

extension BulletinReport {
    /// The open hazards of one state and severity at the end of the period.
    public struct HazardCount: Sendable, Codable, Equatable {
        public var state: String
        public var severity: String
        public var count: Int
    }

    /// A hazard whose current step was past its due date at the end of the period.
    public struct OverdueHazard: Sendable, Codable, Equatable {
        public var hazard: String
        public var customer: String
        public var county: String
        public var type: String
        public var severity: String
        /// `rectification_planned` or `reinspection_scheduled`.
        public var state: String
        /// Who rectifies it.
        public var owner: String?
        /// The auditor sent to re-inspect it, while the re-inspection is what is overdue.
        public var reinspectionBy: String?
        /// The step's due date, and the days from it to the end of the period.
        public var due: String
        public var daysOverdue: Int

        enum CodingKeys: String, CodingKey {
            case hazard, customer, county, type, severity, state, owner, due
            case reinspectionBy = "reinspection_by"
            case daysOverdue = "days_overdue"
        }
    }

    /// The open hazards as a table: a row per state that has any, in the order of a hazard's
    /// life, with the count per severity (most severe first) and the row's total.
    public var openHazardTable: [(state: String, counts: [Int], total: Int)] {
        let severities = HazardSeverity.allCases.reversed().map(\.rawValue)
        return HazardState.allCases.map(\.rawValue).compactMap { state in
            let counts = severities.map { severity in hazards.first { $0.state == state && $0.severity == severity }?.count ?? 0 }
            let total = counts.reduce(0, +)
            return total == 0 ? nil : (state, counts, total)
        }
    }
}
