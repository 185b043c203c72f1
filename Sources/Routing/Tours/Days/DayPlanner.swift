import Shared

/// Spreads pending stops over working days: each morning from the start point, a tour over
/// everything still pending (``TourOptimizer``), cut where the shift ends; the stops that fit make
/// the day (ordered again on their own), the rest is planned first the next day. Costs are travel
/// seconds plus each stop's service time.
public struct DayPlanner {
    /// The tour planner; its router minimises time.
    public let planner: TourPlanner
    /// The working hours of every day.
    public var shift: ShiftHours

    /// A day planner over `router`, which must minimise time.
    public init(router: Router, shift: ShiftHours = .standard) {
        precondition(router.metric == .time, "days are planned in seconds: the router must minimise time")
        self.planner = TourPlanner(router: router)
        self.shift = shift
    }

    /// Plans `stops` into days starting each morning at `position`.
    /// - Parameter budget: time allowed for ordering, spread over the days.
    public func plan(from position: GeoPoint, stops: [TourStop], budget: Duration = .milliseconds(300)) throws(TourPlanner.Failure) -> DayPlan {
        let clock = ContinuousClock(), began = clock.now
        let placed = try planner.place(from: position, stops: stops)
        let travel = placed.matrix
        let service = [0] + stops.map(\.serviceTime)
        let fits = { (stop: Int) in travel[0, stop] + service[stop] <= shift.length }
        var pending = (1..<placed.snapped.count).filter(fits)
        let unplannable = (1..<placed.snapped.count).filter { !fits($0) }.map { stops[$0 - 1] }
        let perDay = (budget - (clock.now - began)) / max(1, estimatedDays(pending, travel: travel, service: service))
        var days: [PlannedDay] = []
        while !pending.isEmpty {
            let order = TourOptimizer.solve(travel.restricted(to: [0] + pending), budget: max(perDay, .zero)).order.map { pending[$0 - 1] }
            var taken = Array(order.prefix(max(1, fittingCount(order, travel: travel, service: service))))
            // Ordered again on their own, never longer, so the day still fits.
            taken = TourOptimizer.improve(Array(1...taken.count), on: travel.restricted(to: [0] + taken), budget: perDay / 4)
                .order.map { taken[$0 - 1] }
            days.append(day(placed, order: taken, travel: travel, service: service))
            let done = Set(taken)
            pending.removeAll { done.contains($0) }
        }
        return DayPlan(days: days, unplannable: unplannable, shift: shift, planningTime: clock.now - began)
    }

    /// How many stops of `order`, from the first, fit one shift starting at the start point.
    func fittingCount(_ order: [Int], travel: CostMatrix, service: [Double]) -> Int {
        var time = shift.start, previous = 0, count = 0
        for stop in order {
            time += travel[previous, stop] + service[stop]
            guard time <= shift.end else { break }
            previous = stop
            count += 1
        }
        return count
    }

    /// A rough number of days for the budget's share per day: service plus each stop's cheapest
    /// way in, over the shift length.
    private func estimatedDays(_ pending: [Int], travel: CostMatrix, service: [Double]) -> Int {
        let work = pending.reduce(0.0) { total, stop in
            total + service[stop] + ([0] + pending).filter { $0 != stop }.map { travel[$0, stop] }.min()!
        }
        return Int((work / shift.length).rounded(.up))
    }

    private func day(_ placed: TourPlanner.Placed, order: [Int], travel: CostMatrix, service: [Double]) -> PlannedDay {
        var arrivals: [Double] = [], time = shift.start, previous = 0
        for stop in order {
            time += travel[previous, stop]
            arrivals.append(time)
            time += service[stop]
            previous = stop
        }
        return PlannedDay(tour: planner.tour(placed, order: order), arrivals: arrivals, finish: time)
    }
}
