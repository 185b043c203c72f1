import Foundation
import Shared

/// The one path by which an auditor's corrections and visits are written, used by the
/// `edit` and `visit` commands and by the text UI alike: every value is checked by its field's rule
/// first, and the new state commits together with its outbox entry.
extension TerminalStore {
    /// Reads typed values for fields of `state` by each field's rule (`FieldSpec.parse`); the first
    /// refused value throws, naming the field and the rule.
    public static func parse(_ assignments: [(field: String, text: String)], for state: RecordState) throws(ValidationError)
        -> [(field: String, value: FieldValue)] {
        var values: [(field: String, value: FieldValue)] = []
        for (field, text) in assignments {
            values.append((field, try state.schema.field(named: field).spec.parse(text)))
        }
        return values
    }

    /// Writes `values` into the record `key` as this tablet's edit, in one transaction with its
    /// outbox entry. A value equal to the one shown is skipped unless the field is in conflict (then
    /// writing it resolves the conflict). Returns the record's new state.
    @discardableResult
    public func correct(_ key: RecordKey, with values: [(field: String, value: FieldValue)]) throws -> RecordState {
        try edit(key) { state, writer in
            for (field, value) in values where state.value(of: field) != value || (try? state.register(field).isConflicted) == true {
                try writer.write(value, to: field, in: &state)
            }
        }
    }

    /// Records a visit at the customer `reference` (an id or account number) under the work order that
    /// lists it: the outcome, an optional note and hazards, and where the tablet was with its distance
    /// to the customer's site and the position's source (`gnss` with the receiver's report, `typed`
    /// with the auditor's reason, or `none`). The visit is a new record of its own, signed as the
    /// next item of the tablet's evidence chain; record, outbox entry and chain head commit in one
    /// transaction. It is sent on the next sync.
    @discardableResult
    public func recordVisit(customer reference: String, outcome: VisitOutcome, note: String? = nil, hazards: String? = nil,
                            fix: VisitFix? = nil, time: Date = Date()) throws -> AuditVisit {
        guard let customerState = try find(reference), customerState.kind == .customer else {
            throw TerminalError("no customer \(reference) on this tablet")
        }
        let identity = try identity()
        guard let order = try records(.workOrder).first(where: { $0.list("customers").contains(customerState.id) }) else {
            throw TerminalError("\(customerState.id) is in no work order on this tablet")
        }
        var visit = AuditVisit(id: TypedID.mint(), workOrder: try TypedID(order.id), customer: try TypedID(customerState.id),
                               auditor: identity.device.auditor, time: time.formatted(.iso8601), outcome: outcome)
        visit.notes = note.flatMap { $0.isEmpty ? nil : $0 }
        visit.hazards = hazards.flatMap { $0.isEmpty ? nil : $0 }
        visit.fixSource = FixSource.none
        fix?.fill(&visit, site: customerState.location("location"))
        let state = try database.write { db in try Self.appendSigned(visit, in: db) }
        return AuditVisit(state)
    }
}
