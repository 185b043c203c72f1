import Foundation
import Routing
import Shared

/// An audit path planned for the UI: the work order, the ordered tour from where it was planned,
/// and its turn-by-turn guide.
public struct NavigationPlan: Sendable {
    /// The work order the path belongs to.
    public var workOrder: String
    /// The ordered stops and the route of each leg.
    public var tour: Tour
    /// Turns, street changes and arrivals along the whole tour.
    public var guide: Guide
    /// The walking pace used for arrival times, metres per second.
    public var pace: Double

    /// A plan of `tour` for `workOrder`, timed at `pace` metres per second (a brisk walk by default).
    public init(workOrder: String, tour: Tour, pace: Double = 1.4) {
        self.workOrder = workOrder
        self.tour = tour
        self.guide = Guide(tour: tour)
        self.pace = pace
    }

    /// Where the path was planned from.
    public var start: GeoPoint { tour.start }

    /// The path's points, from the start through every stop.
    public var points: [GeoPoint] { tour.route.points }

    /// The next stop seen from `position`: the first arrival ahead on the path, the distance to it,
    /// the next instruction and the arrival time; `nil` when no stop is left.
    public func nextStop(at position: GeoPoint) -> NextStop? {
        guard let instruction = guide.instruction(at: position) else { return nil }
        let along = guide.geometry.locate(position).along
        guard let arrival = guide.maneuvers.first(where: { $0.kind == .arrive && $0.distanceAlong > along + 1 })
                ?? guide.maneuvers.last(where: { $0.kind == .arrive }),
              let id = arrival.stopID else { return nil }
        let distance = max(0, arrival.distanceAlong - along)
        return NextStop(id: id, distance: distance, instruction: instruction.text,
                        secondsToArrival: distance / pace, offPath: instruction.offset)
    }
}
