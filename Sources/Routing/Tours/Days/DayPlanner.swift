import Shared

/// Spreads pending stops over working days (Monday to Friday from a first day): each morning from
/// the start point, a tour over everything still pending (``TourOptimizer``). A day without
/// appointments takes that tour as far as the shift allows (the stops that fit, ordered again on
/// their own); a day with appointments starts from them, in their windows, and takes pending stops
/// in the tour's order wherever they fit best without missing a window or running past the shift.
/// The rest is planned first the next day. Costs are travel seconds plus each stop's service time.
public struct DayPlanner {
    /// The tour planner; its router minimises time.
    public let planner: TourPlanner
    /// The working hours of every day.
    public var shift: TimeWindow
    /// On an appointment day, how many pending stops in a row may fail to fit before the day is
    /// taken as full.
    static let patience = 25

    /// A day planner over `router`, which must minimise time.
    public init(router: Router, shift: TimeWindow = .standard) {
        precondition(router.metric == .time, "days are planned in seconds: the router must minimise time")
        self.planner = TourPlanner(router: router)
        self.shift = shift
    }

    /// The points of one planning run: cost table, service times and appointment windows.
    private struct Problem {
        let travel: CostMatrix
        let service: [Double]
        let window: [TimeWindow?]
        let shift: TimeWindow

        func schedule(_ order: [Int]) -> DaySchedule? {
            DaySchedule(order, travel: travel, service: service, window: window, shift: shift)
        }

        /// `order` with `point` inserted where it adds the least travel and every window and the
        /// shift are still kept; nil when there is no such place.
        func inserting(_ point: Int, into order: [Int]) -> [Int]? {
            let places = (0...order.count).map { place -> (Int, Double) in
                let previous = place == 0 ? 0 : order[place - 1]
                guard place < order.count else { return (place, travel[previous, point]) }
                return (place, travel[previous, point] + travel[point, order[place]] - travel[previous, order[place]])
            }.sorted { $0.1 < $1.1 }
            for (place, _) in places {
                var candidate = order
                candidate.insert(point, at: place)
                if schedule(candidate) != nil { return candidate }
            }
            return nil
        }
    }

    /// Plans `stops` into days from `firstDay`, starting each morning at `position`.
    /// - Parameter budget: time allowed for ordering, spread over the days.
    public func plan(from position: GeoPoint, stops: [TourStop], firstDay: CalendarDay,
                     budget: Duration = .milliseconds(300)) throws(TourPlanner.Failure) -> DayPlan {
        let clock = ContinuousClock(), began = clock.now
        let placed = try planner.place(from: position, stops: stops)
        let problem = Problem(travel: placed.matrix, service: [0] + stops.map(\.serviceTime),
                              window: [nil] + stops.map { $0.appointment?.window }, shift: shift)
        var pending: [Int] = [], booked: [CalendarDay: [Int]] = [:]
        var unplannable: [TourStop] = [], missed: [MissedAppointment] = []
        for point in 1..<placed.snapped.count {
            let stop = stops[point - 1]
            guard let appointment = stop.appointment else {
                if problem.schedule([point]) != nil { pending.append(point) } else { unplannable.append(stop) }
                continue
            }
            if appointment.date < firstDay {
                missed.append(MissedAppointment(stop: stop, reason: "the appointment on \(appointment.date) is before the plan's first day, \(firstDay)"))
            } else if !appointment.date.isWorkingDay {
                missed.append(MissedAppointment(stop: stop, reason: "\(appointment.date) is a \(appointment.date.weekday), not a working day"))
            } else if problem.schedule([point]) == nil {
                missed.append(MissedAppointment(stop: stop, reason: "the window \(appointment.window) on \(appointment.date) cannot be reached from the start within the working hours \(shift)"))
            } else {
                booked[appointment.date, default: []].append(point)
            }
        }
        let perDay = (budget - (clock.now - began)) / max(1, estimatedDays(pending, problem) + booked.count)
        var days: [PlannedDay] = []
        var date = firstDay
        while !pending.isEmpty || booked.keys.contains(where: { $0 >= date }) {
            defer { date = date.next }
            guard date.isWorkingDay else { continue }
            let tour = pending.isEmpty ? [] : TourOptimizer.solve(problem.travel.restricted(to: [0] + pending), budget: max(perDay, .zero))
                .order.map { pending[$0 - 1] }
            let taken: [Int]
            if let appointments = booked[date] {
                taken = appointmentDay(appointments, then: tour, problem, stops: stops, missed: &missed)
            } else {
                taken = ordinaryDay(tour, problem, budget: perDay / 4)
            }
            guard !taken.isEmpty, let schedule = problem.schedule(taken) else { continue }
            days.append(PlannedDay(date: date, tour: planner.tour(placed, order: taken), arrivals: schedule.begins, finish: schedule.finish))
            let done = Set(taken)
            pending.removeAll { done.contains($0) }
        }
        return DayPlan(days: days, unplannable: unplannable, missed: missed, shift: shift, planningTime: clock.now - began)
    }

    /// The longest start of `tour` that fits the shift, ordered again on its own (never longer, so
    /// it still fits).
    private func ordinaryDay(_ tour: [Int], _ problem: Problem, budget: Duration) -> [Int] {
        var count = 1
        while count < tour.count, problem.schedule(Array(tour.prefix(count + 1))) != nil { count += 1 }
        let taken = Array(tour.prefix(count))
        guard taken.count > 1 else { return taken }
        return TourOptimizer.improve(Array(1...taken.count), on: problem.travel.restricted(to: [0] + taken), budget: budget)
            .order.map { taken[$0 - 1] }
    }

    /// The day's appointments (earliest window first, each where it fits best; one that fits
    /// nowhere is missed), then pending stops in `tour` order wherever they fit.
    private func appointmentDay(_ appointments: [Int], then tour: [Int], _ problem: Problem, stops: [TourStop],
                                missed: inout [MissedAppointment]) -> [Int] {
        var order: [Int] = []
        for point in appointments.sorted(by: { problem.window[$0]!.start < problem.window[$1]!.start }) {
            if let grown = problem.inserting(point, into: order) {
                order = grown
            } else {
                let appointment = stops[point - 1].appointment!
                missed.append(MissedAppointment(stop: stops[point - 1], reason: "the window \(appointment.window) on \(appointment.date) clashes with other appointments that day"))
            }
        }
        var failures = 0
        for point in tour where failures < Self.patience {
            if let grown = problem.inserting(point, into: order) {
                order = grown
                failures = 0
            } else {
                failures += 1
            }
        }
        return order
    }

    /// A rough number of days for the budget's share per day: service plus each stop's cheapest
    /// way in, over the shift length.
    private func estimatedDays(_ pending: [Int], _ problem: Problem) -> Int {
        let work = pending.reduce(0.0) { total, stop in
            total + problem.service[stop] + ([0] + pending).filter { $0 != stop }.map { problem.travel[$0, stop] }.min()!
        }
        return Int((work / shift.length).rounded(.up))
    }
}
