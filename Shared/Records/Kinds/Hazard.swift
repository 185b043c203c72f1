/// A safety hazard an auditor found at a customer, tracked to closure:
/// found → rectification planned → rectified → re-inspection scheduled → re-inspected → closed, or
/// reopened when the re-inspection fails. Its own record, so each step merges like any other write.
public struct Hazard: AuditRecord {
    public static let kind = RecordKind.hazard
    public var id: TypedID<Hazard>
    /// What was found.
    public var type: HazardType
    public var severity: HazardSeverity
    /// What the auditor saw, in their words.
    public var description: String
    /// Where the hazard is, when the tablet had a position.
    public var position: GeoPoint?
    /// The customer at whose supply it was found.
    public var customer: TypedID<Customer>
    /// The visit it was found on, when it was recorded during one.
    public var visit: TypedID<AuditVisit>?
    /// The auditor who found it.
    public var foundBy: String
    /// When it was found, ISO 8601 UTC.
    public var foundAt: String
    /// Where it stands.
    public var state: HazardState
    /// Who moved it to its state (an auditor, or an office author such as `shell:NAME`), and when.
    public var stateBy: String?
    public var stateAt: String?
    /// Who rectifies it, and by when (YYYY-MM-DD).
    public var owner: String?
    public var due: String?
    /// The work order holding the re-inspection stop, its auditor and its due date.
    public var reinspectionOrder: TypedID<WorkOrder>?
    public var reinspectionBy: String?
    public var reinspectionDue: String?
    /// What the re-inspection found, when, and the auditor's words.
    public var reinspectionResult: ReinspectionResult?
    public var reinspectedAt: String?
    public var reinspectionNotes: String?
    public var notes: String?
    /// Retired records are kept, never deleted.
    public var retired: Bool

    /// A hazard just found: state `found`, in the finder's name.
    public init(id: TypedID<Hazard>, type: HazardType, severity: HazardSeverity, description: String,
                customer: TypedID<Customer>, foundBy: String, foundAt: String) {
        self.id = id
        self.type = type
        self.severity = severity
        self.description = description
        self.customer = customer
        self.foundBy = foundBy
        self.foundAt = foundAt
        self.state = .found
        self.stateBy = foundBy
        self.stateAt = foundAt
        self.retired = false
    }

    public init(_ state: RecordState) {
        id = TypedID(unchecked: state.id)
        type = state.code("type") ?? .other
        severity = state.code("severity") ?? .medium
        description = state.text("description") ?? ""
        position = state.location("position")
        customer = TypedID(unchecked: state.text("customer") ?? "")
        visit = state.text("visit").map { TypedID(unchecked: $0) }
        foundBy = state.text("found_by") ?? ""
        foundAt = state.text("found_at") ?? ""
        self.state = state.code("state") ?? .found
        stateBy = state.text("state_by")
        stateAt = state.text("state_at")
        owner = state.text("owner")
        due = state.text("due")
        reinspectionOrder = state.text("reinspection_order").map { TypedID(unchecked: $0) }
        reinspectionBy = state.text("reinspection_by")
        reinspectionDue = state.text("reinspection_due")
        reinspectionResult = state.code("reinspection_result")
        reinspectedAt = state.text("reinspected_at")
        reinspectionNotes = state.text("reinspection_notes")
        notes = state.text("notes")
        retired = state.flag("retired")
    }

    public var fieldValues: [(field: String, value: FieldValue)] {
        [
            ("type", .text(type.rawValue)),
            ("severity", .text(severity.rawValue)),
            ("description", .text(description)),
            ("position", .optional(position)),
            ("customer", .text(customer.rawValue)),
            ("visit", .optional(visit?.rawValue)),
            ("found_by", .text(foundBy)),
            ("found_at", .text(foundAt)),
            ("state", .text(state.rawValue)),
            ("state_by", .optional(stateBy)),
            ("state_at", .optional(stateAt)),
            ("owner", .optional(owner)),
            ("due", .optional(due)),
            ("reinspection_order", .optional(reinspectionOrder?.rawValue)),
            ("reinspection_by", .optional(reinspectionBy)),
            ("reinspection_due", .optional(reinspectionDue)),
            ("reinspection_result", .optional(reinspectionResult)),
            ("reinspected_at", .optional(reinspectedAt)),
            ("reinspection_notes", .optional(reinspectionNotes)),
            ("notes", .optional(notes)),
            ("retired", .flag(retired)),
        ]
    }
}

extension Hazard {
    /// The fields that say what was found: written once, by the finder's tablet, never changed
    /// (the severity is the office's to re-grade).
    public static let foundFacts: Set<String> = ["type", "description", "position", "customer", "visit", "found_by", "found_at"]
    /// The fields a re-inspecting auditor's tablet writes.
    public static let reinspectionFields: Set<String> = ["state", "state_by", "state_at", "reinspection_result", "reinspected_at", "reinspection_notes"]

    /// The date its current step is due (the rectification's while planned, the re-inspection's
    /// while scheduled), `nil` in other states.
    public var currentDue: String? {
        switch state {
        case .rectificationPlanned: due
        case .reinspectionScheduled: reinspectionDue
        case .found, .rectified, .reinspected, .reopened, .closed: nil
        }
    }

    /// Whether its current step's due date lies before `today` (YYYY-MM-DD).
    public func isOverdue(today: String) -> Bool {
        guard !retired, let due = currentDue else { return false }
        return due < today
    }
}
