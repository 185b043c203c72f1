import Shared

/// The counties each work order's records lie in: the order's own and its customers' (one,
/// unless the office moved a customer since the order was cut). A pull reads these counties'
/// partitions alone (``SyncService``'s pull), so an auditor's counties are a few rows
/// here rather than an index lookup into `record_counties` per customer of their orders (500 a
/// tablet: the largest part of an idle pull at a million customers on PostgreSQL).
///
/// ## Why it is never short of a county
/// A row set is derived from `record_counties` and `work_order_customers`, and is derived again,
/// in the same transaction, whenever either changes for the order:
/// - the order's customers or assignee change (``ScopeTables``);
/// - the order or one of its customers is placed or moves to another county (``RecordBatch``),
///   including a customer first stored after an order that names it.
/// Nothing else writes those two tables but the migrations, which fill this one afresh, and
/// `store copy`, which copies it with them.
enum WorkOrderCounties {
    static let schema = [
        "CREATE TABLE work_order_counties (work_order TEXT NOT NULL, county TEXT NOT NULL, PRIMARY KEY (work_order, county))",
        derive(workOrders: nil),
    ]

    /// The counties of `auditor`'s work orders and of their customers, in order; their devices,
    /// visits and hazards lie with them.
    static func counties(ofAuditor auditor: String, in db: any StoreConnection) throws -> [String] {
        try db.values(String.self, """
            SELECT DISTINCT c.county FROM work_orders w JOIN work_order_counties c ON c.work_order = w.id
            WHERE w.auditor = ? ORDER BY c.county
            """, [auditor])
    }

    /// Derives again the counties of the work orders that `keys`, just placed or moved, concern:
    /// the work orders among them and those naming the customers among them (usually none: an
    /// import places customers before orders are cut over them).
    static func follow(placed keys: [RecordKey], in db: any StoreConnection) throws {
        var orders = Set(keys.filter { $0.kind == .workOrder }.map(\.id))
        for slice in SQLList.slices(keys.filter { $0.kind == .customer }.map(\.id)) {
            orders.formUnion(try db.values(String.self, "SELECT DISTINCT work_order FROM work_order_customers WHERE customer IN (\(SQLList.placeholders(slice.count)))",
                                           StoreArguments(slice.map(\.storeValue))))
        }
        try derive(Array(orders), in: db)
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
