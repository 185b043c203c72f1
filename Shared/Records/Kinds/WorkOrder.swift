/// A packet of audit work: the customers one auditor is to visit in an area.
public struct WorkOrder: AuditRecord {
    public static let kind = RecordKind.workOrder
    public var id: TypedID<WorkOrder>
    /// The area's name, for example a feeder or a district.
    public var area: String
    /// The auditor the work is assigned to.
    public var assignee: String
    public var customers: [TypedID<Customer>]
    /// The due date, `YYYY-MM-DD`.
    public var due: String?
    /// 1 (most urgent) to 5.
    public var priority: Int64?
    public var status: WorkOrderStatus
    /// How the auditor travels; `nil` means on foot.
    public var travel: TravelProfile?
    public var notes: String?
    /// Retired records are kept, never deleted.
    public var retired: Bool

    /// Creates a work order in state `assigned`.
    public init(id: TypedID<WorkOrder>, area: String, assignee: String, customers: [TypedID<Customer>]) {
        self.id = id
        self.area = area
        self.assignee = assignee
        self.customers = customers
        self.status = .assigned
        self.retired = false
    }

    public init(_ state: RecordState) {
        id = TypedID(unchecked: state.id)
        area = state.text("area") ?? ""
        assignee = state.text("assignee") ?? ""
        customers = state.list("customers").map(TypedID.init(unchecked:))
        due = state.text("due")
        priority = state.integer("priority")
        status = state.code("status") ?? .draft
        travel = state.code("travel")
        notes = state.text("notes")
        retired = state.flag("retired")
    }

    public var fieldValues: [(field: String, value: FieldValue)] {
        [
            ("area", .text(area)),
            ("assignee", .text(assignee)),
            ("customers", .list(customers.map(\.rawValue))),
            ("due", .optional(due)),
            ("priority", .optional(priority)),
            ("status", .text(status.rawValue)),
            ("travel", .optional(travel?.rawValue)),
            ("notes", .optional(notes)),
            ("retired", .flag(retired)),
        ]
    }
}
