import Foundation
import Shared

/// One hazard as `hazard list --json` and the console's API give it: codes, never words.
struct HazardRow: Encodable, Sendable {
    var id: String, state: String, severity: String, type: String, customer: String
    var description: String, foundBy: String, foundAt: String, ageDays: Int
    var owner: String?, due: String?, overdue: Bool
    var position: GeoPoint?
    var reinspectionOrder: String?, reinspectionBy: String?, reinspectionResult: String?
    var stateBy: String?, stateAt: String?

    init(_ hazard: Hazard, today: String) {
        id = hazard.id.rawValue
        state = hazard.state.rawValue
        severity = hazard.severity.rawValue
        type = hazard.type.rawValue
        customer = hazard.customer.rawValue
        description = hazard.description
        foundBy = hazard.foundBy
        foundAt = hazard.foundAt
        // Whole days since it was found.
        ageDays = FieldRule.parseTimestamp(hazard.foundAt).map { Int(max(0, Date().timeIntervalSince($0)) / 86_400) } ?? 0
        position = hazard.position
        owner = hazard.owner
        due = hazard.currentDue
        overdue = hazard.isOverdue(today: today)
        reinspectionOrder = hazard.reinspectionOrder?.rawValue
        reinspectionBy = hazard.reinspectionBy
        reinspectionResult = hazard.reinspectionResult?.rawValue
        stateBy = hazard.stateBy
        stateAt = hazard.stateAt
    }
}
