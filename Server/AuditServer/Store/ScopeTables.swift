import GRDB
import Shared

/// Who may see which record: derived from work orders (assignee, customers), devices (customer)
/// and visits (work order) each time one of them changes.
///
/// When a record enters an auditor's scope (a work order is assigned, a customer is added to it),
/// it is moved to the head of the change log so that the auditor's next pull brings it.
enum ScopeTables {
    static func update(after state: RecordState, previous: RecordState?, in db: Database) throws {
        switch state.kind {
        case .track: return
        case .workOrder: try updateWorkOrder(state, in: db)
        case .device:
            let customer = state.text("customer")
            if let previous, previous.text("customer") == customer { return }
            if let customer {
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO device_customers (device, customer) VALUES (?, ?)")
                    .execute(arguments: [state.id, customer])
            } else {
                try db.cachedStatement(sql: "DELETE FROM device_customers WHERE device = ?").execute(arguments: [state.id])
            }
        case .auditVisit:
            if let previous, previous.text("work_order") == state.text("work_order") { return }
            if let workOrder = state.text("work_order") {
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO visit_work_orders (visit, work_order) VALUES (?, ?)")
                    .execute(arguments: [state.id, workOrder])
            }
        case .customer:
            let site = state.location("location")
            if let previous, previous.location("location") == site { return }
            if let site {
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO customer_sites (id, lat, lon) VALUES (?, ?, ?)")
                    .execute(arguments: [state.id, site.latitude, site.longitude])
            } else {
                try db.cachedStatement(sql: "DELETE FROM customer_sites WHERE id = ?").execute(arguments: [state.id])
            }
            // The site from now on (none when the location was cleared), so a visit's site is
            // known as it was at the visit's time.
            guard previous != nil || site != nil else { return }
            try db.cachedStatement(sql: "INSERT INTO customer_site_history (id, lat, lon, from_ms) VALUES (?, ?, ?, ?)")
                .execute(arguments: [state.id, site?.latitude, site?.longitude, Int64(HybridLogicalClock.wallClockMilliseconds())])
        }
    }

    private static func updateWorkOrder(_ state: RecordState, in db: Database) throws {
        let auditor = state.text("assignee") ?? ""
        let customers = Set(state.list("customers"))
        let oldAuditor = try String.fetchOne(db.cachedStatement(sql: "SELECT auditor FROM work_orders WHERE id = ?"), arguments: [state.id])
        let oldCustomers = Set(try String.fetchAll(db.cachedStatement(sql: "SELECT customer FROM work_order_customers WHERE work_order = ?"), arguments: [state.id]))
        guard oldAuditor != auditor || oldCustomers != customers else { return }

        try db.cachedStatement(sql: "INSERT OR REPLACE INTO work_orders (id, auditor) VALUES (?, ?)").execute(arguments: [state.id, auditor])
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO assignment_history (work_order, auditor) VALUES (?, ?)").execute(arguments: [state.id, auditor])
        for customer in oldCustomers.subtracting(customers) {
            try db.cachedStatement(sql: "DELETE FROM work_order_customers WHERE work_order = ? AND customer = ?").execute(arguments: [state.id, customer])
        }
        for customer in customers.subtracting(oldCustomers) {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO work_order_customers (work_order, customer) VALUES (?, ?)").execute(arguments: [state.id, customer])
        }

        // What entered the assignee's scope: every customer on a new assignment, else the added ones.
        let entering = oldAuditor == auditor ? customers.subtracting(oldCustomers) : customers
        for customer in entering.sorted() {
            try RecordTable.touch(RecordKey(kind: .customer, id: customer), origin: "scope", in: db)
            for device in try String.fetchAll(db.cachedStatement(sql: "SELECT device FROM device_customers WHERE customer = ?"), arguments: [customer]) {
                try RecordTable.touch(RecordKey(kind: .device, id: device), origin: "scope", in: db)
            }
        }
        if oldAuditor != auditor {
            for visit in try String.fetchAll(db.cachedStatement(sql: "SELECT visit FROM visit_work_orders WHERE work_order = ?"), arguments: [state.id]) {
                try RecordTable.touch(RecordKey(kind: .auditVisit, id: visit), origin: "scope", in: db)
            }
        }
    }

    /// Whether auditor `auditor` may write `incoming`: the record belongs to a work order that is
    /// or was assigned to them (edits made while the order was theirs are still accepted).
    static func allows(_ incoming: RecordState, auditor: String, in db: Database) throws -> Bool {
        switch incoming.kind {
        case .track:
            // A track is the auditor's own: who may write which one is checked with the device.
            return true
        case .workOrder:
            return try exists("SELECT 1 FROM assignment_history WHERE auditor = ? AND work_order = ?", [auditor, incoming.id], db)
        case .customer:
            return try customerInScope(incoming.id, auditor: auditor, db)
        case .device:
            if let customer = try String.fetchOne(db.cachedStatement(sql: "SELECT customer FROM device_customers WHERE device = ?"), arguments: [incoming.id]) {
                return try customerInScope(customer, auditor: auditor, db)
            }
            let known = try exists("SELECT 1 FROM records WHERE kind = 'device' AND id = ?", [incoming.id], db)
            guard !known, let customer = incoming.text("customer") else { return false }
            return try customerInScope(customer, auditor: auditor, db)
        case .auditVisit:
            let workOrder = try String.fetchOne(db.cachedStatement(sql: "SELECT work_order FROM visit_work_orders WHERE visit = ?"), arguments: [incoming.id])
                ?? incoming.text("work_order")
            guard let workOrder else { return false }
            return try exists("SELECT 1 FROM assignment_history WHERE auditor = ? AND work_order = ?", [auditor, workOrder], db)
        }
    }

    static func customerInScope(_ customer: String, auditor: String, _ db: Database) throws -> Bool {
        try exists("""
            SELECT 1 FROM work_order_customers c JOIN assignment_history h ON h.work_order = c.work_order
            WHERE c.customer = ? AND h.auditor = ?
            """, [customer, auditor], db)
    }

    private static func exists(_ sql: String, _ arguments: StatementArguments, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) ?? false
    }
}
