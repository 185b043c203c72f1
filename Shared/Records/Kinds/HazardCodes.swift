/// What kind of safety hazard an auditor found on site.
public enum HazardType: String, Sendable, CaseIterable, Codable {
    /// Live parts a person can touch: an open cabinet, a broken cover, a bare conductor.
    case exposedLiveParts = "exposed_live_parts"
    /// A meter or terminal seal broken or missing.
    case brokenSeal = "broken_seal"
    /// A connection that bypasses the meter or was never approved.
    case illegalConnection = "illegal_connection"
    /// A meter that shows signs of tampering.
    case meterTampering = "meter_tampering"
    /// Trees or plants touching or near the line.
    case vegetationOnLine = "vegetation_on_line"
    /// Anything else, said in the description.
    case other
}

/// How dangerous a hazard is, from the least.
public enum HazardSeverity: String, Sendable, CaseIterable, Codable, Comparable {
    case low, medium, high, critical

    /// The order of severities: `low` < `medium` < `high` < `critical`.
    public static func < (lhs: HazardSeverity, rhs: HazardSeverity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Where a hazard stands in its life:
/// found → rectification planned → rectified → re-inspection scheduled → re-inspected → closed,
/// or reopened when the re-inspection fails (and planned again from there).
public enum HazardState: String, Sendable, CaseIterable, Codable {
    /// Recorded by an auditor on site; nothing planned yet.
    case found
    /// The office named who rectifies it and by when.
    case rectificationPlanned = "rectification_planned"
    /// The owner reported it rectified; not yet checked.
    case rectified
    /// A re-inspection stop is on an auditor's work order.
    case reinspectionScheduled = "reinspection_scheduled"
    /// The re-inspecting auditor found it rectified: the office may close it.
    case reinspected
    /// The re-inspection found it not rectified: it is open again.
    case reopened
    /// Closed by the office after a passed re-inspection.
    case closed

    /// Whether the hazard still needs work (every state but `closed`).
    public var isOpen: Bool { self != .closed }
}

/// What a re-inspection found.
public enum ReinspectionResult: String, Sendable, CaseIterable, Codable {
    /// The hazard is rectified.
    case passed
    /// The hazard is still there.
    case failed

    /// The state a hazard moves to with this result.
    public var state: HazardState { self == .passed ? .reinspected : .reopened }
}
