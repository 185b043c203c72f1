import Foundation
import Routing
import Shared
import Synchronization

/// Where an open work order's pending customers are planned to be visited, day by day.
public struct PlannedDays: Sendable, Encodable, Equatable {
    /// Customers planned on each working day, `YYYY-MM-DD`.
    public var perDay: [String: Int]
    /// The last planned day; `nil` when nothing could be planned.
    public var lastDay: String?
    /// Whether the last planned day is on or before the due date; `nil` without a due date.
    public var meetsDue: Bool?
    /// Pending customers the plan could not place: no known site, out of reach within the shift,
    /// or an appointment it cannot keep.
    public var unplanned: Int

    enum CodingKeys: String, CodingKey {
        case perDay = "per_day"
        case lastDay = "last_day"
        case meetsDue = "meets_due"
        case unplanned
    }
}

/// The working days of each open work order for the office's Gantt chart, planned as the tablet
/// plans them (``DayPlanner``: Monday to Friday from today, the standard shift and service times
/// by category, appointments kept) on the imported road map, each morning from where the auditor
/// was last seen (else the first pending customer).
///
/// A plan is kept until the day, the auditor's start or the order's pending customers change;
/// orders not yet planned are planned while a request's budget lasts and the rest on the next
/// request (the page refreshes live), so a province's plan page never waits minutes.
public final class OrderDayPlans: Sendable {
    /// Planning time of one order's days.
    static let perOrderBudget: Duration = .milliseconds(150)

    let maps: WorkOrderMaps?
    let service: ServiceTimes
    let shift: TimeWindow
    private let kept = Mutex<[String: (key: Int, days: PlannedDays)]>([:])

    /// Plans on the map of `maps` (nothing is planned without one).
    public init(maps: WorkOrderMaps?, service: ServiceTimes = .standard, shift: TimeWindow = .standard) {
        self.maps = maps
        self.service = service
        self.shift = shift
    }

    /// `plan` with the planned days of each order: kept ones, and new ones while `budget` lasts.
    public func adding(to plan: WorkPlan, database: any ServerStore, budget: Duration = .seconds(2)) throws -> WorkPlan {
        guard let map = try maps?.currentMap(), let today = CalendarDay(parsing: plan.today) else { return plan }
        let clock = ContinuousClock(), began = clock.now
        var plan = plan
        try database.read { db in
            for index in plan.orders.indices {
                let order = plan.orders[index]
                let (stops, withoutSite) = try pendingStops(order, in: db)
                let start = try db.row("SELECT lat, lon FROM auditor_positions WHERE auditor = ?", [order.auditor])
                    .map { GeoPoint(latitude: $0[0], longitude: $0[1]) } ?? stops.first?.point
                var hasher = Hasher()
                hasher.combine(plan.today); hasher.combine(start?.latitude); hasher.combine(start?.longitude); hasher.combine(order.due)
                hasher.combine(order.travel?.rawValue); hasher.combine(withoutSite)
                for stop in stops { hasher.combine(stop.id); hasher.combine(stop.point.latitude); hasher.combine(stop.point.longitude); hasher.combine(stop.appointment?.description) }
                let key = hasher.finalize()
                if let known = kept.withLock({ $0[order.id] }), known.key == key {
                    plan.orders[index].planned = known.days
                    continue
                }
                guard clock.now - began < budget, let start, let graph = map.graph(for: order.travel ?? .foot) else { continue }
                let days = planDays(stops, withoutSite: withoutSite, from: start, graph: graph, today: today, due: order.due)
                kept.withLock { $0[order.id] = (key, days) }
                plan.orders[index].planned = days
            }
        }
        return plan
    }

    /// The order's pending customers as stops at their sites (with their category's service time
    /// and appointment), and how many have no site.
    private func pendingStops(_ order: WorkPlan.Order, in db: any StoreConnection) throws -> (stops: [TourStop], withoutSite: Int) {
        let states = try RecordTable.load(order.pending.map { RecordKey(kind: .customer, id: $0) }, in: db)
        var stops: [TourStop] = [], withoutSite = 0
        for id in order.pending {
            guard let state = states[RecordKey(kind: .customer, id: id)], let site = state.location("location") else {
                withoutSite += 1
                continue
            }
            stops.append(TourStop(id: id, point: site, serviceTime: service.seconds(for: state.code("category", as: CustomerCategory.self)),
                                  appointment: state.text("appointment").flatMap { try? Appointment(parsing: $0) }))
        }
        return (stops, withoutSite)
    }

    private func planDays(_ stops: [TourStop], withoutSite: Int, from start: GeoPoint, graph: RoadGraph, today: CalendarDay,
                          due: String?) -> PlannedDays {
        guard !stops.isEmpty,
              let plan = try? DayPlanner(router: Router(graph: graph, metric: .time), shift: shift)
                .plan(from: start, stops: stops, firstDay: today, budget: Self.perOrderBudget) else {
            return PlannedDays(perDay: [:], lastDay: nil, meetsDue: nil, unplanned: stops.count + withoutSite)
        }
        let perDay = plan.days.reduce(into: [String: Int]()) { $0[$1.date.description, default: 0] += $1.tour.stops.count }
        let lastDay = plan.days.map(\.date).max()?.description
        return PlannedDays(perDay: perDay, lastDay: lastDay, meetsDue: due.flatMap { due in lastDay.map { $0 <= due } },
                           unplanned: withoutSite + plan.unplannable.count + plan.missed.count)
    }
}
