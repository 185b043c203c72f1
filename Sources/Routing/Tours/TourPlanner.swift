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

    /// The start and the stops placed on the road network with the cost table between them: point 0
    /// is the start, point `i` the stop `stops[i - 1]`.
    public struct Placed: Sendable {
        /// Where planning starts.
        public var position: GeoPoint
        /// The stops, in the order given.
        public var stops: [TourStop]
        /// The start and the stops, snapped.
        public var snapped: [SnappedPoint]
        /// Costs under the router's metric between every two points.
        public var matrix: CostMatrix
    }

    /// Snaps `position` and `stops` and computes the cost table between them.
    public func place(from position: GeoPoint, stops: [TourStop]) throws(Failure) -> Placed {
        guard let start = router.snap(position) else { throw .offMap(id: nil, point: position) }
        var snapped = [start]
        for stop in stops {
            guard let point = router.snap(stop.point) else { throw .offMap(id: stop.id, point: stop.point) }
            snapped.append(point)
        }
        return Placed(position: position, stops: stops, snapped: snapped, matrix: CostMatrix(router.table(snapped)))
    }

    /// The tour visiting the placed points in `order` (indexes into the placed points, 0 being the
    /// start), each leg routed; `returnToStart` adds the leg home.
    public func tour(_ placed: Placed, order: [Int], returnToStart: Bool = false, planningTime: Duration = .zero) -> Tour {
        var sequence = [0] + order
        if returnToStart { sequence.append(0) }
        let legs = zip(sequence, sequence.dropFirst()).map { from, to in
            router.route(from: placed.snapped[from], to: placed.snapped[to]) ?? Route.empty(at: placed.snapped[to].point)
        }
        return Tour(start: placed.position, stops: order.map { placed.stops[$0 - 1] }, legs: legs, planningTime: planningTime)
    }

    /// Orders all `stops` into a path from `position`.
    /// - Parameters:
    ///   - budget: time allowed for improving the order (default 300 ms).
    ///   - returnToStart: plan a closed tour that comes back to `position`.
    public func plan(from position: GeoPoint, stops: [TourStop], budget: Duration = .milliseconds(300),
                     returnToStart: Bool = false) throws(Failure) -> Tour {
        let clock = ContinuousClock(), began = clock.now
        let placed = try place(from: position, stops: stops)
        let remaining = budget - (clock.now - began)
        let result = TourOptimizer.solve(placed.matrix, closed: returnToStart, budget: max(remaining, .zero))
        var tour = tour(placed, order: result.order, returnToStart: returnToStart)
        tour.planningTime = clock.now - began
        return tour
    }
}
