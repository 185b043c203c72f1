import Shared

/// Which hazards a list shows: by state, by severity (this one or worse), and overdue ones only.
public struct HazardFilter: Sendable {
    /// Only hazards in this state; every state when `nil`.
    public var state: HazardState?
    /// Only hazards of this severity or worse.
    public var severity: HazardSeverity?
    /// Only hazards whose current step is past its due date (``Hazard/isOverdue(today:)``).
    public var overdue: Bool
    /// Today, YYYY-MM-DD (the office's day), for `overdue`.
    public var today: String

    /// Every hazard, when nothing is given.
    public init(state: HazardState? = nil, severity: HazardSeverity? = nil, overdue: Bool = false, today: String = HazardService.today()) {
        self.state = state
        self.severity = severity
        self.overdue = overdue
        self.today = today
    }

    /// Whether `hazard` is shown.
    public func matches(_ hazard: Hazard) -> Bool {
        guard !hazard.retired else { return false }
        if let state, hazard.state != state { return false }
        if let severity, hazard.severity < severity { return false }
        return !overdue || hazard.isOverdue(today: today)
    }
}
