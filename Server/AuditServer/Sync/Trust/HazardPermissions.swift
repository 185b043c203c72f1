import Shared

/// What an auditor's tablet may write about a hazard (see ``RecordPermissions``).
///
/// - A new hazard: found by the device's own auditor (`found_by`), at a customer of their work, on
///   a visit of theirs at that customer when it names a stored one, in state `found`, with nothing
///   of the office's life cycle (owner, due dates, re-inspection) set.
///   Refused as `hazard_forbidden`.
/// - A stored hazard: what was found (``Hazard/foundFacts``) never changes (`hazard_immutable`);
///   the tablet writes only a re-inspection's result (``Hazard/reinspectionFields``), and only while
///   the hazard's re-inspection is scheduled on a work order that is or was the auditor's, in the
///   auditor's name, with the state the result leads to (`hazard_forbidden`). Anything else is
///   the office's (`field_forbidden`).
struct HazardPermissions {
    let auditor: String

    /// The fields a tablet may write when it records a hazard.
    static let findingFields = Hazard.foundFacts.union(["severity", "state", "state_by", "state_at", "notes", "retired"])

    func check(_ key: RecordKey, stored: RecordState?, effect: ClaimEffect, in db: any StoreConnection) throws {
        if stored == nil {
            try checkNew(key, effect.merged, changed: effect.changedFields, in: db)
        } else if let stored {
            try checkChange(key, stored: stored, effect: effect, in: db)
        }
    }

    private func checkNew(_ key: RecordKey, _ hazard: RecordState, changed: [String], in db: any StoreConnection) throws {
        guard hazard.text("found_by") == auditor else {
            throw ClaimViolation(.hazardForbidden, record: key, field: "found_by",
                                 "the hazard is in the name of \(hazard.text("found_by") ?? "nobody"); this device records hazards only for \(auditor)")
        }
        let customer = hazard.text("customer") ?? ""
        guard try ScopeTables.customerInScope(customer, auditor: auditor, db) else {
            throw ClaimViolation(.hazardForbidden, record: key, field: "customer",
                                 "customer \(customer) is not in the work of auditor \(auditor): hazards are recorded only at customers of one's own work")
        }
        if let visit = hazard.text("visit"), let stored = try RecordTable.load(RecordKey(kind: .auditVisit, id: visit), in: db),
           stored.text("auditor") != auditor || stored.text("customer") != customer {
            throw ClaimViolation(.hazardForbidden, record: key, field: "visit",
                                 "visit \(visit) is not a visit of \(auditor) at customer \(customer)")
        }
        if let field = changed.first(where: { !Self.findingFields.contains($0) }) {
            throw ClaimViolation(.fieldForbidden, record: key, field: field,
                                 "a tablet records what it found; a hazard's \(field) is set by the office")
        }
        guard hazard.code("state", as: HazardState.self) == .found else {
            throw ClaimViolation(.hazardForbidden, record: key, field: "state", "a hazard is recorded in state found")
        }
    }

    private func checkChange(_ key: RecordKey, stored: RecordState, effect: ClaimEffect, in db: any StoreConnection) throws {
        let changed = effect.changedFields
        if let field = changed.first(where: Hazard.foundFacts.contains) {
            throw ClaimViolation(.hazardImmutable, record: key, field: field,
                                 "a hazard's \(field) is what was found and never changes once recorded")
        }
        if let field = changed.first(where: { !Hazard.reinspectionFields.contains($0) }) {
            throw ClaimViolation(.fieldForbidden, record: key, field: field,
                                 "a tablet may write only a re-inspection's result of a hazard; its \(field) is the office's")
        }
        guard !changed.isEmpty else { return }
        let order = stored.text("reinspection_order") ?? ""
        guard stored.code("state", as: HazardState.self) == .reinspectionScheduled,
              try db.value(Bool.self, "SELECT 1 FROM assignment_history WHERE work_order = ? AND auditor = ?", [order, auditor]) == true else {
            throw ClaimViolation(.hazardForbidden, record: key, field: "reinspection_result",
                                 "no re-inspection of this hazard is scheduled on a work order of auditor \(auditor)")
        }
        let merged = effect.merged
        guard let result = merged.code("reinspection_result", as: ReinspectionResult.self),
              merged.code("state", as: HazardState.self) == result.state else {
            throw ClaimViolation(.hazardForbidden, record: key, field: "state",
                                 "a re-inspection moves a hazard to reinspected when it passed and to reopened when it failed")
        }
        guard merged.text("state_by") == auditor else {
            throw ClaimViolation(.hazardForbidden, record: key, field: "state_by",
                                 "the re-inspection is recorded in the name of \(merged.text("state_by") ?? "nobody"), not of \(auditor)")
        }
    }
}
