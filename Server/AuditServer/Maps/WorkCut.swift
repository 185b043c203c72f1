import Foundation
import Routing
import Shared

/// A cut of work before it becomes a work order: the customers a selection takes, the counties
/// they lie in, and the audit path through them on the imported roads.
public struct WorkCut: Sendable, Encodable {
    /// The customers, sorted by id.
    public var customers: [String]
    /// How many customers lie in each county (a work order takes one).
    public var counties: [String: Int]
    /// The planned path as `[lat, lon]` pairs, in visiting order; empty without a road map or
    /// with more than ``pathLimit`` customers.
    public var path: [[Double]]
    public var lengthMetres: Double?
    public var travelSeconds: Double?

    /// Paths are planned for cuts of at most this many customers (a day's work and more).
    public static let pathLimit = 300

    enum CodingKeys: String, CodingKey {
        case customers, counties, path
        case lengthMetres = "length_m"
        case travelSeconds = "travel_s"
    }

    /// Previews the cut `selection` takes, with its path for `travel` on `maps`.
    public static func preview(_ selection: CustomerSelection, travel: TravelProfile, map: OfficeMap, maps: WorkOrderMaps?) throws -> WorkCut {
        let taken = try map.customers(selection)
        let counties = taken.reduce(into: [String: Int]()) { $0[$1.county ?? "", default: 0] += 1 }
        var cut = WorkCut(customers: taken.map(\.id), counties: counties, path: [])
        guard (1...pathLimit).contains(taken.count), let roads = try maps?.currentMap(), let graph = roads.graph(for: travel) else { return cut }
        // The path starts at the customer furthest south-west, as a dispatcher reads a map.
        let start = taken.min { ($0.point.latitude + $0.point.longitude) < ($1.point.latitude + $1.point.longitude) }!.point
        let planner = TourPlanner(router: Router(graph: graph, metric: .time))
        if let tour = try? planner.plan(from: start, stops: taken.map { TourStop(id: $0.id, point: $0.point) }) {
            cut.path = tour.route.points.map { [$0.latitude, $0.longitude] }
            cut.lengthMetres = tour.length
            cut.travelSeconds = tour.time
        }
        return cut
    }
}
