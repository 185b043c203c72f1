import Shared

/// What the office map shows of a customer: pending until a visit, then the latest visit's
/// outcome; `presence_flagged` when that visit's own evidence does not prove the auditor was
/// there; `conflict` while any field is in conflict, whatever the visits said.
public enum MapStatus: String, Sendable, Codable, CaseIterable {
    case pending, verified, corrected
    case notFound = "not_found"
    case noAccess = "no_access"
    case conflict
    case presenceFlagged = "presence_flagged"

    /// The status of a `customer_map` row, in SQL both stores take.
    static let sql = """
        (CASE WHEN conflicted = 1 THEN 'conflict' WHEN presence_flagged = 1 THEN 'presence_flagged' ELSE COALESCE(outcome, 'pending') END)
        """

    /// The status a visit with `outcome` gives its customer.
    init(_ outcome: VisitOutcome) {
        switch outcome {
        case .verified: self = .verified
        case .corrected: self = .corrected
        case .notFound: self = .notFound
        case .noAccess: self = .noAccess
        }
    }
}
