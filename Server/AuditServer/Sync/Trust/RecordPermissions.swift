import Shared

/// What an auditor's tablet may change, kind by kind, given the work the store holds.
///
/// - Customers and devices in the auditor's scope, every field but a customer's `county` (the
///   office's and the MIS's: the store is kept by county) — MIS-owned fields become corrections or
///   conflicts; a device never moves to a customer out of scope.
/// - Work orders of the auditor's: only `status` and `notes`.
/// - Visits: created only in the auditor's own name, for a work order that is or was theirs and one
///   of its customers; afterwards their evidence never changes (a visit is append-only evidence).
/// - Hazards: recorded by the auditor at customers of their work, what was found never changed;
///   afterwards only a re-inspection's result on their own work order (``HazardPermissions``).
/// - Track batches: created only by the device itself in its auditor's name; never changed after.
struct RecordPermissions {
    let device: EnrolledDevice
    var auditor: String { device.auditor }

    /// The work-order fields a tablet may change.
    static let workOrderFields: Set<String> = ["status", "notes"]
    /// The visit fields that are evidence, fixed once the visit is stored.
    static let visitEvidence: Set<String> = ["work_order", "customer", "auditor", "time", "fix", "fix_accuracy_m",
                                             "fix_time", "fix_age_s", "distance_m", "fix_source", "fix_quality", "fix_satellites",
                                             "fix_hdop", "fix_raw", "typed_reason", "signer", "chain_seq", "chain_prev", "signature"]

    /// Whether `field` of `visit` may no longer change: evidence always; on a signed visit, every
    /// field the signature covers (all but `retired`).
    static func isFixed(_ field: String, of visit: RecordState) -> Bool {
        visitEvidence.contains(field) || (visit.text("signature") != nil && field != "retired")
    }

    func check(_ pushed: RecordState, stored: RecordState?, effect: ClaimEffect, in db: any StoreConnection) throws(ClaimViolation) {
        let key = pushed.key
        do {
            guard try ScopeTables.allows(pushed, auditor: auditor, in: db) else {
                throw ClaimViolation(.outOfScope, record: key, "\(key) is not in the work of auditor \(auditor)")
            }
            switch pushed.kind {
            case .customer:
                if effect.changedFields.contains("county") {
                    throw ClaimViolation(.fieldForbidden, record: key, field: "county",
                                         "a customer's county is set by the office or the MIS, never by a tablet")
                }
            case .workOrder:
                if let field = effect.changedFields.first(where: { !Self.workOrderFields.contains($0) }) {
                    throw ClaimViolation(.fieldForbidden, record: key, field: field,
                                         "a tablet may change only the status and notes of a work order")
                }
            case .device:
                if effect.changedFields.contains("customer"), let customer = effect.merged.text("customer"),
                   try !ScopeTables.customerInScope(customer, auditor: auditor, db) {
                    throw ClaimViolation(.outOfScope, record: key, field: "customer",
                                         "the device would move to customer \(customer), who is not in the work of auditor \(auditor)")
                }
            case .auditVisit:
                if stored == nil {
                    try checkNewVisit(effect.merged, in: db)
                } else if let stored, let field = effect.changedFields.first(where: { Self.isFixed($0, of: stored) }) {
                    throw ClaimViolation(.visitImmutable, record: key, field: field,
                                         "a visit's \(field) is evidence and never changes once recorded")
                }
            case .hazard:
                try HazardPermissions(auditor: auditor).check(key, stored: stored, effect: effect, in: db)
            case .track:
                if stored == nil {
                    guard effect.merged.text("device") == device.name, effect.merged.text("auditor") == auditor else {
                        throw ClaimViolation(.trackForbidden, record: key, field: "device",
                                             "a track batch may only be sent by the device that recorded it, in its auditor's name")
                    }
                } else if let field = effect.changedFields.first(where: { $0 != "retired" }) {
                    throw ClaimViolation(.trackForbidden, record: key, field: field, "a track batch never changes once recorded")
                }
            }
        } catch let violation as ClaimViolation {
            throw violation
        } catch {
            throw ClaimViolation(.outOfScope, record: key, "the scope could not be read: \(error)")
        }
    }

    /// A new visit: in the auditor's own name, for a work order that is or was theirs, at one of its customers.
    private func checkNewVisit(_ visit: RecordState, in db: any StoreConnection) throws {
        let key = visit.key
        guard visit.text("auditor") == auditor else {
            throw ClaimViolation(.visitForbidden, record: key, field: "auditor",
                                 "the visit is in the name of \(visit.text("auditor") ?? "nobody"); this device records visits only for \(auditor)")
        }
        let workOrder = visit.text("work_order") ?? ""
        guard try db.value(Bool.self, "SELECT 1 FROM assignment_history WHERE work_order = ? AND auditor = ?", [workOrder, auditor]) == true else {
            throw ClaimViolation(.visitForbidden, record: key, field: "work_order",
                                 "work order \(workOrder) was never assigned to \(auditor)")
        }
        let customer = visit.text("customer") ?? ""
        guard try db.value(Bool.self, "SELECT 1 FROM work_order_customers WHERE work_order = ? AND customer = ?", [workOrder, customer]) == true else {
            throw ClaimViolation(.visitForbidden, record: key, field: "customer",
                                 "customer \(customer) is not on work order \(workOrder)")
        }
    }
}
