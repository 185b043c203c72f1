import Shared

/// Plans audit paths: snaps the position and every stop, computes the cost table, orders the stops
/// (``TourOptimizer``) within a time budget and routes each leg.
public final class TourPlanner {
    /// The router (and so the graph and metric) used.
    public let router: Router

    /// Creates a planner over `router`.
    public init(router: Router) {
        self.router = router
    }

    /// Why a tour could not be planned.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// A stop (or the start, id nil) lies too far from every road.
        case offMap(id: String?, point: GeoPoint)

        /// A sentence a person can act on.
        public var description: String {
            switch self {
            case .offMap(nil, let point): "the start \(point) is not near any road of the map"
            case .offMap(let id?, let point): "stop \(id) at \(point) is not near any road of the map"
            }
        }
    }

    /// Orders all `stops` into a path from `position`.
    /// - Parameters:
    ///   - budget: time allowed for improving the order (default 300 ms).
    ///   - returnToStart: plan a closed tour that comes back to `position`.
    public func plan(from position: GeoPoint, stops: [TourStop], budget: Duration = .milliseconds(300),
                     returnToStart: Bool = false) throws(Failure) -> Tour {
        let clock = ContinuousClock(), began = clock.now
        guard let start = router.snap(position) else { throw .offMap(id: nil, point: position) }
        var snapped = [start]
        for stop in stops {
            guard let point = router.snap(stop.point) else { throw .offMap(id: stop.id, point: stop.point) }
            snapped.append(point)
        }
        let matrix = CostMatrix(router.table(snapped))
        let remaining = budget - (clock.now - began)
        let result = TourOptimizer.solve(matrix, closed: returnToStart, budget: max(remaining, .zero))
        var sequence = [0] + result.order
        if returnToStart { sequence.append(0) }
        let legs = zip(sequence, sequence.dropFirst()).map { from, to in
            router.route(from: snapped[from], to: snapped[to]) ?? Route.empty(at: snapped[to].point)
        }
        return Tour(start: position, stops: result.order.map { stops[$0 - 1] }, legs: legs, planningTime: clock.now - began)
    }
}
