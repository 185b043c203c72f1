import Shared

/// Who may see which record: derived from work orders (assignee, customers), devices (customer),
/// visits (work order) and hazards (customer) each time one of them changes.
///
/// When a record enters an auditor's scope (a work order is assigned, a customer is added to it),
/// it is moved to the head of the change log so that the auditor's next pull brings it.
enum ScopeTables {
    /// Brings the scope tables in step with `writes`, saved in this order: a statement or two per
    /// table for customers, devices and visits (``ScopeChanges``), a work order's own update in turn.
    static func update(after writes: [RecordWrite], in db: any StoreConnection) throws {
        try CustomerMapTable.update(after: writes, in: db)
        try AuditorPositionTable.update(after: writes, in: db)
        try CustomerVisitTable.update(after: writes, in: db)
        try HazardTable.update(after: writes, in: db)
        try WorkOrderReminders.enqueue(after: writes, in: db)
        var changes = ScopeChanges()
        for write in writes {
            guard write.state.kind == .workOrder else {
                changes.add(write)
                continue
            }
            // It reads the scope tables and moves records up the change log: after what came before.
            try changes.write(in: db)
            changes = ScopeChanges()
            try updateWorkOrder(write.state, in: db)
        }
        try changes.write(in: db)
    }

    private static func updateWorkOrder(_ state: RecordState, in db: any StoreConnection) throws {
        let auditor = state.text("assignee") ?? ""
        let customers = Set(state.list("customers"))
        let oldAuditor = try db.value(String.self, "SELECT auditor FROM work_orders WHERE id = ?", [state.id])
        let oldCustomers = Set(try db.values(String.self, "SELECT customer FROM work_order_customers WHERE work_order = ?", [state.id]))
        guard oldAuditor != auditor || oldCustomers != customers else { return }

        try db.execute("INSERT INTO work_orders (id, auditor) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET auditor = excluded.auditor", [state.id, auditor])
        try db.execute("INSERT INTO assignment_history (work_order, auditor) VALUES (?, ?) ON CONFLICT DO NOTHING", [state.id, auditor])
        let leaving = oldCustomers.subtracting(customers).sorted()
        for slice in SQLList.slices(leaving) {
            try db.execute("DELETE FROM work_order_customers WHERE work_order = ? AND customer IN (\(SQLList.placeholders(slice.count)))",
                           StoreArguments([.text(state.id)] + slice.map(\.storeValue)))
        }
        try orderCustomers.execute(customers.subtracting(oldCustomers).sorted().map { [.text(state.id), .text($0)] }, in: db)
        // The triggers added the counties of the customers that came; those that left may take one away.
        if !leaving.isEmpty { try WorkOrderCounties.derive([state.id], in: db) }

        // What entered the assignee's scope: every customer on a new assignment, else the added
        // ones, each with its devices; on a new assignment the order's visits too. Touched together.
        let entering = (oldAuditor == auditor ? customers.subtracting(oldCustomers) : customers).sorted()
        var devices: [String: [String]] = [:]
        for slice in SQLList.slices(entering) {
            for row in try db.rows("SELECT customer, device FROM device_customers WHERE customer IN (\(SQLList.placeholders(slice.count)))",
                                   StoreArguments(slice.map(\.storeValue))) {
                devices[try row.decode(at: 0), default: []].append(try row.decode(at: 1))
            }
        }
        var touched = entering.flatMap { customer in
            [RecordKey(kind: .customer, id: customer)] + (devices[customer] ?? []).sorted().map { RecordKey(kind: .device, id: $0) }
        }
        // The hazards found at those customers, so the auditor sees them before knocking.
        touched += try HazardTable.hazards(atCustomers: entering, in: db)
        if oldAuditor != auditor {
            touched += try db.values(String.self, "SELECT visit FROM visit_work_orders WHERE work_order = ?", [state.id])
                .map { RecordKey(kind: .auditVisit, id: $0) }
        }
        try RecordTable.touch(touched, origin: "scope", in: db)
    }

    private static let orderCustomers = MultiRowInsert(into: "work_order_customers", ["work_order", "customer"],
                                                       onConflict: ["work_order", "customer"], updating: [])

    /// Whether auditor `auditor` may write `incoming`: the record belongs to a work order that is
    /// or was assigned to them (edits made while the order was theirs are still accepted).
    static func allows(_ incoming: RecordState, auditor: String, in db: any StoreConnection) throws -> Bool {
        switch incoming.kind {
        case .track:
            // A track is the auditor's own: who may write which one is checked with the device.
            return true
        case .workOrder:
            return try exists("SELECT 1 FROM assignment_history WHERE auditor = ? AND work_order = ?", [auditor, incoming.id], db)
        case .customer:
            return try customerInScope(incoming.id, auditor: auditor, db)
        case .device:
            if let customer = try db.value(String.self, "SELECT customer FROM device_customers WHERE device = ?", [incoming.id]) {
                return try customerInScope(customer, auditor: auditor, db)
            }
            let known = try RecordPlacement.placed(incoming.key, in: db) != nil
            guard !known, let customer = incoming.text("customer") else { return false }
            return try customerInScope(customer, auditor: auditor, db)
        case .hazard:
            // A new hazard's customer is checked with the hazard's own rules (``HazardPermissions``);
            // a stored one stays with the customer it was found at.
            guard let customer = try db.value(String.self, "SELECT customer FROM hazard_customers WHERE hazard = ?", [incoming.id]) else {
                return try RecordPlacement.placed(incoming.key, in: db) == nil
            }
            return try customerInScope(customer, auditor: auditor, db)
        case .auditVisit:
            let workOrder = try db.value(String.self, "SELECT work_order FROM visit_work_orders WHERE visit = ?", [incoming.id])
                ?? incoming.text("work_order")
            guard let workOrder else { return false }
            return try exists("SELECT 1 FROM assignment_history WHERE auditor = ? AND work_order = ?", [auditor, workOrder], db)
        }
    }

    static func customerInScope(_ customer: String, auditor: String, _ db: any StoreConnection) throws -> Bool {
        try exists("""
            SELECT 1 FROM work_order_customers c JOIN assignment_history h ON h.work_order = c.work_order
            WHERE c.customer = ? AND h.auditor = ?
            """, [customer, auditor], db)
    }

    private static func exists(_ sql: String, _ arguments: StoreArguments, _ db: any StoreConnection) throws -> Bool {
        try db.value(Bool.self, sql, arguments) ?? false
    }
}
