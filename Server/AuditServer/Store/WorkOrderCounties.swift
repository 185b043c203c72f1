import Shared

/// The counties each work order's records lie in: the order's own and its customers' (one,
/// unless the office moved a customer since the order was cut). A pull reads these counties'
/// partitions alone (``SyncService``'s pull), so an auditor's counties are a few rows
/// here rather than an index lookup into `record_counties` per customer of their orders (500 a
/// tablet: the largest part of an idle pull at a million customers on PostgreSQL).
///
/// ## Why it is never short of a county
/// Triggers in the database add a county wherever one arrives, whoever writes: a customer or
/// order placed or moved (`record_counties`), a customer added to an order
/// (`work_order_customers`). So a node of an older version, still running beside upgraded ones
/// during a rolling upgrade, keeps the table whole too; it only cannot take a county away.
///
/// The server keeps the rows exact as well: an order's rows are derived afresh from those two
/// tables, in the same transaction, when customers leave it (``ScopeTables``) or when it or one
/// of its customers moves to another county (``RecordBatch``). A county too many
/// (left by an older node) only makes a pull read one partition more.
enum WorkOrderCounties {
    /// The table, filled from the store as it is, and its SQLite triggers.
    static let sqliteSchema = table + [
        sqliteTrigger("work_order_counties_placed", after: "INSERT ON record_counties", when: "NEW.kind IN ('customer', 'work_order')", adding: placed),
        sqliteTrigger("work_order_counties_moved", after: "UPDATE OF county ON record_counties", when: "NEW.kind IN ('customer', 'work_order')",
                      adding: placed),
        sqliteTrigger("work_order_counties_customer_added", after: "INSERT ON work_order_customers", adding: customerAdded),
    ]

    /// The table, filled from the store as it is, and its PostgreSQL triggers.
    static let postgresSchema = table + [
        postgresFunction("work_order_counties_placed", adding: placed),
        """
        CREATE TRIGGER work_order_counties_placed AFTER INSERT OR UPDATE OF county ON record_counties
        FOR EACH ROW WHEN (NEW.kind IN ('customer', 'work_order')) EXECUTE FUNCTION work_order_counties_placed()
        """,
        postgresFunction("work_order_counties_customer_added", adding: customerAdded),
        """
        CREATE TRIGGER work_order_counties_customer_added AFTER INSERT ON work_order_customers
        FOR EACH ROW EXECUTE FUNCTION work_order_counties_customer_added()
        """,
    ]

    private static let table = [
        "CREATE TABLE work_order_counties (work_order TEXT NOT NULL, county TEXT NOT NULL, PRIMARY KEY (work_order, county))",
        derive(workOrders: nil),
    ]

    /// A record placed (`NEW`, a row of `record_counties`): a customer's county to every order
    /// naming it, an order's to itself.
    private static let placed = """
        INSERT INTO work_order_counties (work_order, county)
        SELECT work_order, NEW.county FROM work_order_customers WHERE NEW.kind = 'customer' AND customer = NEW.id
        UNION ALL SELECT NEW.id, NEW.county WHERE NEW.kind = 'work_order'
        ON CONFLICT DO NOTHING
        """

    /// A customer added to an order (`NEW`, a row of `work_order_customers`): its county, if stored.
    private static let customerAdded = """
        INSERT INTO work_order_counties (work_order, county)
        SELECT NEW.work_order, county FROM record_counties WHERE kind = 'customer' AND id = NEW.customer
        ON CONFLICT DO NOTHING
        """

    private static func sqliteTrigger(_ name: String, after event: String, when condition: String? = nil, adding statement: String) -> String {
        "CREATE TRIGGER \(name) AFTER \(event) FOR EACH ROW \(condition.map { "WHEN \($0) " } ?? "")BEGIN\n\(statement);\nEND"
    }

    private static func postgresFunction(_ name: String, adding statement: String) -> String {
        "CREATE FUNCTION \(name)() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n\(statement);\nRETURN NULL;\nEND\n$$"
    }

    /// The counties of `auditor`'s work orders and of their customers, in order; their devices,
    /// visits and hazards lie with them.
    static func counties(ofAuditor auditor: String, in db: any StoreConnection) throws -> [String] {
        try db.values(String.self, """
            SELECT DISTINCT c.county FROM work_orders w JOIN work_order_counties c ON c.work_order = w.id
            WHERE w.auditor = ? ORDER BY c.county
            """, [auditor])
    }

    /// Derives again the counties of the work orders that `key`, just moved to another county,
    /// concerns: itself if it is an order, those naming it if it is a customer. (The triggers
    /// added the new county; this takes the old one away.)
    static func follow(moved key: RecordKey, in db: any StoreConnection) throws {
        switch key.kind {
        case .workOrder: try derive([key.id], in: db)
        case .customer: try derive(try db.values(String.self, "SELECT work_order FROM work_order_customers WHERE customer = ?", [key.id]), in: db)
        case .device, .auditVisit, .hazard, .track: break
        }
    }

    /// Replaces the rows of `workOrders` with their counties as the store has them now.
    static func derive(_ workOrders: [String], in db: any StoreConnection) throws {
        for slice in SQLList.slices(workOrders.sorted()) {
            let list = StoreArguments(slice.map(\.storeValue))
            try db.execute("DELETE FROM work_order_counties WHERE work_order IN (\(SQLList.placeholders(slice.count)))", list)
            try db.execute(derive(workOrders: slice.count), StoreArguments(list.values + list.values))
        }
    }

    /// The statement that derives the rows of every work order (`nil`) or of `workOrders` given
    /// as arguments twice. Each county is a lookup of its own (a correlated subquery), not a
    /// join: with statistics from before the work orders were cut, PostgreSQL joined
    /// `record_counties` by walking every customer of the province (23 ms at 100,000 customers),
    /// where a few hundred index lookups take well under a millisecond. A customer not stored
    /// (yet) adds no county.
    private static func derive(workOrders count: Int?) -> String {
        let filter = { (column: String) in count.map { "WHERE \(column) IN (\(SQLList.placeholders($0)))" } ?? "" }
        return """
            INSERT INTO work_order_counties (work_order, county)
            SELECT work_order, county FROM (
              SELECT w.id AS work_order, (SELECT d.county FROM record_counties d WHERE d.kind = 'work_order' AND d.id = w.id) AS county
              FROM work_orders w \(filter("w.id"))
              UNION
              SELECT c.work_order, (SELECT d.county FROM record_counties d WHERE d.kind = 'customer' AND d.id = c.customer)
              FROM work_order_customers c \(filter("c.work_order"))
            ) AS derived WHERE county IS NOT NULL
            """
    }
}
