import Foundation
import Shared

/// The work of a period against the plan, from the work orders and their visits: per county and
/// per auditor (an order's assignee), the visits without proof of presence, the overdue orders.
///
/// An order is in the plan of a period when it was cut before the period ended, is neither a draft
/// nor cancelled nor retired, and still had customers to visit when the period began; those
/// customers are its planned ones, and those of them first visited in the period its visited ones.
struct BulletinWork {
    var counties: [BulletinReport.WorkLine]
    var auditors: [BulletinReport.WorkLine]
    var flagged: [ProgressReport.FlaggedVisit]
    var overdue: [BulletinReport.OverdueLine]

    static func compute(period: BulletinPeriod, county only: String?, in db: any StoreConnection) throws -> BulletinWork {
        let orders = try db.values(Data.self, "SELECT state FROM records WHERE kind = 'work_order' ORDER BY id")
            .map { try RecordTable.decode($0) }
            .filter { !$0.flag("retired") }
        let presence = PresenceService(db: db)
        var byCounty: [String: BulletinReport.WorkLine] = [:], byAuditor: [String: BulletinReport.WorkLine] = [:]
        var flagged: [ProgressReport.FlaggedVisit] = [], overdue: [BulletinReport.OverdueLine] = []
        let (start, end) = (period.start.description, period.end.description)
        for state in orders {
            let order = WorkOrder(state)
            guard order.status != .draft, order.status != .cancelled, WorkPlan.start(of: state) < end else { continue }
            let county = try WorkOrderCounty.county(of: order, in: db)
            if let only, county != only { continue }
            let visits = try WorkOrderVisits.states(of: order.id.rawValue, in: db)
            let onOrder = Set(order.customers.map(\.rawValue))
            var firstVisit: [String: String] = [:]
            for visit in visits.map(AuditVisit.init) where onOrder.contains(visit.customer.rawValue) {
                firstVisit[visit.customer.rawValue] = min(firstVisit[visit.customer.rawValue] ?? visit.time, visit.time)
            }
            var line = BulletinReport.WorkLine(name: "")
            let open = onOrder.filter { firstVisit[$0].map { !($0 < start) } ?? true }
            line.planned = open.count
            line.visited = open.count { firstVisit[$0].map(period.contains(time:)) ?? false }
            for state in visits {
                let visit = AuditVisit(state)
                guard period.contains(time: visit.time) else { continue }
                line.visits += 1
                if visit.outcome == .corrected { line.correctedVisits += 1 }
                let found = try presence.presence(state)
                guard let reason = found.flagReason else { continue }
                line.flaggedVisits += 1
                flagged.append(ProgressReport.FlaggedVisit(visit: visit.id.rawValue, workOrder: order.id.rawValue, customer: visit.customer.rawValue,
                                                           auditor: visit.auditor, time: visit.time, reason: reason, reasons: found.flagReasons))
            }
            let remaining = onOrder.count { firstVisit[$0].map { !($0 < end) } ?? true }
            if let due = order.due, due < end, remaining > 0 {
                overdue.append(BulletinReport.OverdueLine(workOrder: order.id.rawValue, area: order.area, auditor: order.assignee, county: county,
                                                          due: due, assigned: onOrder.count, remaining: remaining))
            }
            guard line != BulletinReport.WorkLine(name: "") else { continue }
            byCounty[county, default: .init(name: county)].add(line)
            byAuditor[order.assignee, default: .init(name: order.assignee)].add(line)
        }
        return BulletinWork(counties: byCounty.values.sorted { $0.name < $1.name }, auditors: byAuditor.values.sorted { $0.name < $1.name },
                            flagged: flagged.sorted { ($0.time, $0.visit) < ($1.time, $1.visit) },
                            overdue: overdue.sorted { ($0.due, $0.workOrder) < ($1.due, $1.workOrder) })
    }
}
