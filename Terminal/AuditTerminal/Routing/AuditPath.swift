import Foundation
import Routing
import Shared

/// The audit path on the tablet: the pending customers of one work order, ordered from the
/// tablet's position over the road map cached for that work order.
public struct AuditPath: Sendable {
    /// The work order planned.
    public var workOrder: String
    /// The ordered stops with the route of each leg.
    public var tour: Tour
    /// Pending customers left out because their site is unknown.
    public var withoutSite: [String]

    /// Why no path could be planned, in words an auditor can act on.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Plans the path of `workOrder` (default: the first work order with pending customers) from
    /// `position`, travelling as `profile` says (default: as the work order says), in the least
    /// time; each stop takes its customer category's time in `service`.
    public static func plan(store: TerminalStore, workOrder requested: String? = nil, from position: GeoPoint,
                            profile: TravelProfile? = nil, service: ServiceTimes = .standard,
                            budget: Duration = .milliseconds(300)) throws -> AuditPath {
        let (list, graph) = try workGraph(store: store, workOrder: requested, profile: profile)
        let (stops, withoutSite) = try pendingStops(store: store, workOrder: list.id, service: service)
        do {
            let tour = try TourPlanner(router: Router(graph: graph, metric: .time)).plan(from: position, stops: stops, budget: budget)
            return AuditPath(workOrder: list.id, tour: tour, withoutSite: withoutSite)
        } catch {
            throw Failure(description: "\(error)")
        }
    }

    /// Plans the pending customers of `workOrder` over working days of `shift`, each day starting
    /// at `position` (see ``DayPlanner``): today's tour first, then the days remaining.
    public static func planDays(store: TerminalStore, workOrder requested: String? = nil, from position: GeoPoint,
                                profile: TravelProfile? = nil, service: ServiceTimes = .standard, shift: TimeWindow = .standard,
                                firstDay: CalendarDay = .today, budget: Duration = .milliseconds(500)) throws -> (workOrder: String, plan: DayPlan, withoutSite: [String]) {
        let (list, graph) = try workGraph(store: store, workOrder: requested, profile: profile)
        let (stops, withoutSite) = try pendingStops(store: store, workOrder: list.id, service: service)
        do {
            let plan = try DayPlanner(router: Router(graph: graph, metric: .time), shift: shift).plan(from: position, stops: stops, firstDay: firstDay, budget: budget)
            return (list.id, plan, withoutSite)
        } catch {
            throw Failure(description: "\(error)")
        }
    }

    /// The work order to plan (`requested`, or the first with pending customers) and the graph of
    /// the road map cached for it: `profile`'s, or the work order's travel profile by default.
    public static func workGraph(store: TerminalStore, workOrder requested: String? = nil,
                                 profile requestedProfile: TravelProfile? = nil) throws -> (list: WorkList, graph: RoadGraph) {
        let lists = try WorkList.load(from: store)
        let pendingLists = lists.filter { list in list.customers.contains { $0.outcome == nil } }
        guard let list = requested.map({ id in lists.first { $0.id == id } }) ?? pendingLists.first else {
            throw Failure(description: requested.map { "no work order \($0) on this tablet" } ?? "no work order with customers still to visit")
        }
        guard let file = try store.map(workOrder: list.id) else {
            throw Failure(description: "no road map for work order \(list.id) on this tablet yet: sync with a server that has one (audit-server map import)")
        }
        let map: RoutingMap
        do { map = try GraphFile.decode(file, file: "the cached map of \(list.id)") } catch {
            throw Failure(description: "\(error)")
        }
        let profile = requestedProfile ?? list.travel
        guard let graph = map.graph(for: profile) else {
            throw Failure(description: "the cached map of \(list.id) has no \(profile.rawValue) graph")
        }
        return (list, graph)
    }

    /// The customers of `workOrder` still to visit, as stops at their sites taking their category's
    /// time in `service` (with the customer's `appointment`, `YYYY-MM-DD HH:MM-HH:MM`, when the
    /// record carries one), and those without a known site.
    public static func pendingStops(store: TerminalStore, workOrder: String,
                                    service: ServiceTimes = .standard) throws -> (stops: [TourStop], withoutSite: [String]) {
        guard let list = try WorkList.load(from: store).first(where: { $0.id == workOrder }) else { return ([], []) }
        var stops: [TourStop] = []
        var withoutSite: [String] = []
        for stop in list.customers where stop.outcome == nil {
            let record = try store.record(RecordKey(kind: .customer, id: stop.id))
            if let site = record?.location("location") {
                let category = record?.code("category", as: CustomerCategory.self)
                let appointment = record?.text("appointment").flatMap { try? Appointment(parsing: $0) }
                stops.append(TourStop(id: stop.id, point: site, serviceTime: service.seconds(for: category), appointment: appointment))
            } else {
                withoutSite.append(stop.id)
            }
        }
        return (stops, withoutSite)
    }
}
