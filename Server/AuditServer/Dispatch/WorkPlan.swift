import Foundation
import Shared

/// The plan of the work for the office's Gantt chart: each open work order from its start to its
/// due date with the customers done on each day, and each auditor's workload.
public struct WorkPlan: Sendable, Encodable, Equatable {
    /// One work order on the chart.
    public struct Order: Sendable, Encodable, Equatable {
        public var id: String
        public var area: String
        public var auditor: String
        /// The day the order was cut (its oldest standing write), `YYYY-MM-DD` in UTC.
        public var start: String
        public var due: String?
        public var assigned: Int
        /// Customers visited for the first time on each day.
        public var donePerDay: [String: Int]
        public var remaining: Int
        /// Due before today with customers remaining.
        public var overdue: Bool
        /// The working days its pending customers are planned into, when planned (``OrderDayPlans``).
        public var planned: PlannedDays?
        /// The customers still to visit, and how the auditor travels: what the days are planned from.
        var pending: [String] = []
        var travel: TravelProfile?

        enum CodingKeys: String, CodingKey {
            case id, area, auditor, start, due, assigned, remaining, overdue, planned
            case donePerDay = "done_per_day"
        }
    }

    /// One auditor's load over their open orders.
    public struct Workload: Sendable, Encodable, Equatable {
        public var auditor: String
        public var assigned: Int
        public var done: Int
        public var remaining: Int
        /// Days from today to the latest due date (inclusive); `nil` when no order has one.
        public var daysLeft: Int?
        /// Customers a day needed to finish by then.
        public var neededPerDay: Double?

        enum CodingKeys: String, CodingKey {
            case auditor, assigned, done, remaining
            case daysLeft = "days_left"
            case neededPerDay = "needed_per_day"
        }
    }

    public var today: String
    public var orders: [Order]
    public var workloads: [Workload]

    /// The plan as it stands on `today` (`YYYY-MM-DD`): every work order not retired, cancelled or done.
    static func compute(today: String, in db: any StoreConnection) throws -> WorkPlan {
        let orders = try db.values(Data.self, "SELECT state FROM records WHERE kind = 'work_order' ORDER BY id")
            .map { try RecordTable.decode($0) }
            .filter { !$0.flag("retired") }
            .map { (state: $0, order: WorkOrder($0)) }
            .filter { $0.order.status != .cancelled && $0.order.status != .done }
        var lines: [Order] = []
        for (state, order) in orders {
            let visits = try WorkOrderVisits.states(of: order.id.rawValue, in: db).map(AuditVisit.init)
            var firstVisit: [String: String] = [:]
            let onOrder = Set(order.customers.map(\.rawValue))
            for visit in visits where onOrder.contains(visit.customer.rawValue) {
                let day = String(visit.time.prefix(10))
                firstVisit[visit.customer.rawValue] = min(firstVisit[visit.customer.rawValue] ?? day, day)
            }
            let remaining = onOrder.count - firstVisit.count
            lines.append(Order(id: order.id.rawValue, area: order.area, auditor: order.assignee, start: Self.start(of: state),
                               due: order.due, assigned: onOrder.count,
                               donePerDay: firstVisit.values.reduce(into: [:]) { $0[$1, default: 0] += 1 },
                               remaining: remaining, overdue: remaining > 0 && (order.due.map { $0 < today } ?? false),
                               pending: order.customers.map(\.rawValue).filter { firstVisit[$0] == nil }, travel: order.travel))
        }
        return WorkPlan(today: today, orders: lines.sorted { ($0.auditor, $0.start, $0.id) < ($1.auditor, $1.start, $1.id) },
                        workloads: Self.workloads(lines, today: today))
    }

    private static func workloads(_ orders: [Order], today: String) -> [Workload] {
        Dictionary(grouping: orders, by: \.auditor).map { auditor, orders in
            let assigned = orders.reduce(0) { $0 + $1.assigned }, remaining = orders.reduce(0) { $0 + $1.remaining }
            let daysLeft = orders.compactMap(\.due).max().flatMap { Self.days(from: today, to: $0) }.map { max($0 + 1, 0) }
            return Workload(auditor: auditor, assigned: assigned, done: assigned - remaining, remaining: remaining, daysLeft: daysLeft,
                            neededPerDay: daysLeft.map { $0 > 0 ? (Double(remaining) / Double($0) * 10).rounded() / 10 : Double(remaining) })
        }.sorted { $0.auditor < $1.auditor }
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The day a work order was cut: the day of its oldest standing write, `YYYY-MM-DD` in UTC.
    static func start(of state: RecordState) -> String {
        day(milliseconds: state.registers.flatMap(\.entries).map(\.stamp.milliseconds).min() ?? 0)
    }

    /// `YYYY-MM-DD` (UTC) of a time in milliseconds since 1970.
    static func day(milliseconds: UInt64) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// The day after `day` (`YYYY-MM-DD`).
    static func dayAfter(_ day: String) -> String {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2] + 1)) else { return day }
        return Self.day(milliseconds: UInt64(date.timeIntervalSince1970 * 1000))
    }

    /// Whole days from one `YYYY-MM-DD` to another.
    static func days(from start: String, to end: String) -> Int? {
        func date(_ text: String) -> Date? {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
        }
        guard let from = date(start), let to = date(end) else { return nil }
        return calendar.dateComponents([.day], from: from, to: to).day
    }
}

extension DispatchService {
    /// The plan of the open work as it stands on `today` (`YYYY-MM-DD`, UTC; today when omitted).
    public func plan(today: String? = nil) throws -> WorkPlan {
        let today = today ?? WorkPlan.day(milliseconds: UInt64(Date().timeIntervalSince1970 * 1000))
        return try database.read { db in try WorkPlan.compute(today: today, in: db) }
    }
}
