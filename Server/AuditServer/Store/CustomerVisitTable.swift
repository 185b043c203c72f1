import Shared

/// `customer_visits`: which visits each customer has had, so a record page finds them with one
/// indexed lookup instead of reading its county's visits.
enum CustomerVisitTable {
    /// The table, in SQL both stores take.
    static let schema = [
        "CREATE TABLE customer_visits (visit TEXT PRIMARY KEY, customer TEXT NOT NULL)",
        "CREATE INDEX customer_visits_by_customer ON customer_visits(customer)",
    ]

    /// Notes the customer of each visit in `writes`.
    static func update(after writes: [RecordWrite], in db: any StoreConnection) throws {
        try rows.execute(writes.compactMap { write in
            guard write.state.kind == .auditVisit, let customer = write.state.text("customer"),
                  write.previous?.text("customer") != customer else { return nil }
            return [.text(write.state.id), .text(customer)]
        }, in: db)
    }

    private static let rows = MultiRowInsert(into: "customer_visits", ["visit", "customer"], onConflict: ["visit"])

    /// Fills the table from the stored visits (the migration that starts it).
    static func fill(in db: any StoreConnection) throws {
        try StoredRecords.forEachPage(of: .auditVisit, in: db) { try update(after: $0, in: db) }
    }

    /// The ids of `customer`'s visits.
    static func visits(of customer: String, in db: any StoreConnection) throws -> [String] {
        try db.values(String.self, "SELECT visit FROM customer_visits WHERE customer = ? ORDER BY visit", [customer])
    }
}
