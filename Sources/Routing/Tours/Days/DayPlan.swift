/// One working day of a plan: its date, its tour from the start point, and when each visit begins.
public struct PlannedDay: Sendable, Equatable {
    /// The day.
    public var date: CalendarDay
    /// The day's stops in visiting order with the route of each leg (open: it ends at the last stop).
    public var tour: Tour
    /// Seconds after midnight each visit begins, parallel to the tour's stops: on arrival, or at
    /// the start of the stop's appointment window when the auditor comes early and waits.
    public var arrivals: [Double]
    /// Seconds after midnight the last visit ends.
    public var finish: Double
}

/// An appointment the plan cannot keep, and why, in words.
public struct MissedAppointment: Sendable, Equatable {
    /// The stop.
    public var stop: TourStop
    /// Why: "2026-12-05 is a Saturday", "… before the plan's first day", "… cannot be reached in
    /// time", "… clashes with other appointments that day".
    public var reason: String
}

/// The pending stops of a work order spread over working days, each day's tour fitting its shift
/// and keeping the appointments of that day.
public struct DayPlan: Sendable, Equatable {
    /// The days with visits, today first.
    public var days: [PlannedDay]
    /// Stops that cannot fit into any day on their own (the way there and the visit take longer
    /// than the shift); they are in no day.
    public var unplannable: [TourStop]
    /// Appointments that cannot be kept; their stops are in no day.
    public var missed: [MissedAppointment]
    /// The working hours every day fits.
    public var shift: TimeWindow
    /// How long planning took.
    public var planningTime: Duration
}
