import Shared

/// Who may see which record: derived from work orders (assignee, customers), devices (customer)
/// and visits (work order) each time one of them changes.
///
/// When a record enters an auditor's scope (a work order is assigned, a customer is added to it),
/// it is moved to the head of the change log so that the auditor's next pull brings it.
enum ScopeTables {
    static func update(after state: RecordState, previous: RecordState?, in db: any StoreConnection) throws {
        switch state.kind {
        case .track: return
        case .workOrder: try updateWorkOrder(state, in: db)
        case .device:
            let customer = state.text("customer")
            if let previous, previous.text("customer") == customer { return }
            if let customer {
                try db.execute("INSERT INTO device_customers (device, customer) VALUES (?, ?) ON CONFLICT (device) DO UPDATE SET customer = excluded.customer", [state.id, customer])
            } else {
                try db.execute("DELETE FROM device_customers WHERE device = ?", [state.id])
            }
        case .auditVisit:
            if let previous, previous.text("work_order") == state.text("work_order") { return }
            if let workOrder = state.text("work_order") {
                try db.execute("INSERT INTO visit_work_orders (visit, work_order) VALUES (?, ?) ON CONFLICT (visit) DO UPDATE SET work_order = excluded.work_order", [state.id, workOrder])
            }
        case .customer:
            try updateAccount(state, previous: previous, in: db)
            let site = state.location("location")
            if let previous, previous.location("location") == site { return }
            if let site {
                try db.execute("INSERT INTO customer_sites (id, lat, lon) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET lat = excluded.lat, lon = excluded.lon", [state.id, site.latitude, site.longitude])
            } else {
                try db.execute("DELETE FROM customer_sites WHERE id = ?", [state.id])
            }
            // The site from now on (none when the location was cleared), so a visit's site is
            // known as it was at the visit's time.
            guard previous != nil || site != nil else { return }
            try db.execute("INSERT INTO customer_site_history (id, lat, lon, from_ms) VALUES (?, ?, ?, ?)", [state.id, site?.latitude, site?.longitude, Int64(HybridLogicalClock.wallClockMilliseconds())])
        }
    }

    /// Keeps `customer_accounts` (account number → customer id) in step, so that every command
    /// takes an account number where it takes a customer id.
    private static func updateAccount(_ state: RecordState, previous: RecordState?, in db: any StoreConnection) throws {
        let account = state.text("account"), old = previous?.text("account")
        guard account != old || previous == nil else { return }
        if let old { try db.execute("DELETE FROM customer_accounts WHERE account = ? AND customer = ?", [old, state.id]) }
        if let account {
            try db.execute("INSERT INTO customer_accounts (account, customer) VALUES (?, ?) ON CONFLICT DO NOTHING", [account, state.id])
        }
    }

    private static func updateWorkOrder(_ state: RecordState, in db: any StoreConnection) throws {
        let auditor = state.text("assignee") ?? ""
        let customers = Set(state.list("customers"))
        let oldAuditor = try db.value(String.self, "SELECT auditor FROM work_orders WHERE id = ?", [state.id])
        let oldCustomers = Set(try db.values(String.self, "SELECT customer FROM work_order_customers WHERE work_order = ?", [state.id]))
        guard oldAuditor != auditor || oldCustomers != customers else { return }

        try db.execute("INSERT INTO work_orders (id, auditor) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET auditor = excluded.auditor", [state.id, auditor])
        try db.execute("INSERT INTO assignment_history (work_order, auditor) VALUES (?, ?) ON CONFLICT DO NOTHING", [state.id, auditor])
        for customer in oldCustomers.subtracting(customers) {
            try db.execute("DELETE FROM work_order_customers WHERE work_order = ? AND customer = ?", [state.id, customer])
        }
        for customer in customers.subtracting(oldCustomers) {
            try db.execute("INSERT INTO work_order_customers (work_order, customer) VALUES (?, ?) ON CONFLICT DO NOTHING", [state.id, customer])
        }

        // What entered the assignee's scope: every customer on a new assignment, else the added ones.
        let entering = oldAuditor == auditor ? customers.subtracting(oldCustomers) : customers
        for customer in entering.sorted() {
            try RecordTable.touch(RecordKey(kind: .customer, id: customer), origin: "scope", in: db)
            for device in try db.values(String.self, "SELECT device FROM device_customers WHERE customer = ?", [customer]) {
                try RecordTable.touch(RecordKey(kind: .device, id: device), origin: "scope", in: db)
            }
        }
        if oldAuditor != auditor {
            for visit in try db.values(String.self, "SELECT visit FROM visit_work_orders WHERE work_order = ?", [state.id]) {
                try RecordTable.touch(RecordKey(kind: .auditVisit, id: visit), origin: "scope", in: db)
            }
        }
    }

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
