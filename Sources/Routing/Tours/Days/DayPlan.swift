/// One working day of a plan: its tour from the start point, and when each visit begins.
public struct PlannedDay: Sendable, Equatable {
    /// The day's stops in visiting order with the route of each leg (open: it ends at the last stop).
    public var tour: Tour
    /// Seconds after midnight the auditor reaches each stop, parallel to the tour's stops.
    public var arrivals: [Double]
    /// Seconds after midnight the last visit ends.
    public var finish: Double
}

/// The pending stops of a work order spread over working days, each day's tour fitting its shift.
public struct DayPlan: Sendable, Equatable {
    /// The days, today first.
    public var days: [PlannedDay]
    /// Stops that cannot fit into any day on their own (the way there and the visit take longer
    /// than the shift); they are in no day.
    public var unplannable: [TourStop]
    /// The shift every day fits.
    public var shift: ShiftHours
    /// How long planning took.
    public var planningTime: Duration
}
