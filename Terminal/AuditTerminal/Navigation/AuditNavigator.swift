import Foundation
import Routing
import Shared

/// Keeps the UI's audit path current, off the main loop: plans it from the first position over the
/// pending customers of one work order, and plans again (``TourPlanner/replanIfNeeded(_:at:finished:rule:)``)
/// when a stop was visited or skipped or the tablet is more than ``OffPathRule``'s 40 m off the path.
public actor AuditNavigator {
    /// The work order followed.
    public let workOrder: String
    /// Road centre lines of the cached map, for drawing.
    public nonisolated let roads: [[GeoPoint]]
    private let store: TerminalStore
    private let planner: TourPlanner
    private let rule: OffPathRule
    private let budget: Duration
    private var plan: NavigationPlan?

    /// A navigator over the graph of the map cached for `workOrder` (default: the first work
    /// order with customers still to visit), for the work order's travel profile; throws ``AuditPath/Failure`` when there is none.
    public init(store: TerminalStore, workOrder: String? = nil, rule: OffPathRule = OffPathRule(),
                budget: Duration = .milliseconds(300)) throws {
        let (list, graph) = try AuditPath.workGraph(store: store, workOrder: workOrder)
        self.workOrder = list.id
        self.roads = RoadLines.of(graph)
        self.store = store
        self.planner = TourPlanner(router: Router(graph: graph, metric: .time))
        self.rule = rule
        self.budget = budget
    }

    /// The path for the tablet at `position`: the current one when it still stands, else a new one
    /// planned from `position` over the customers still pending in the store. `nil` when nothing
    /// is left to visit.
    public func update(at position: GeoPoint) throws -> NavigationPlan? {
        let pending = try AuditPath.pendingStops(store: store, workOrder: workOrder).stops
        guard !pending.isEmpty else {
            plan = nil
            return nil
        }
        if let plan {
            let pendingIDs = Set(pending.map(\.id))
            let finished = Set(plan.tour.stops.map(\.id)).subtracting(pendingIDs)
            let added = pendingIDs.subtracting(plan.tour.stops.map(\.id))
            // Off the path but still where the path was planned from (a site away from any road):
            // planning again would give the same path, so it stands.
            let stillAtStart = finished.isEmpty && position.distance(to: plan.start) <= rule.threshold
            if added.isEmpty {
                guard !stillAtStart, let tour = try planner.replanIfNeeded(plan.tour, at: position, finished: finished, rule: rule) else { return plan }
                return remember(tour)
            }
        }
        return remember(try planner.plan(from: position, stops: pending, budget: budget))
    }

    private func remember(_ tour: Tour) -> NavigationPlan {
        let fresh = NavigationPlan(workOrder: workOrder, tour: tour)
        plan = fresh
        return fresh
    }
}
