import Shared

/// `hazard_customers`: the customer each hazard was found at, so a tablet's pull finds the hazards
/// of its customers with an indexed lookup, and a customer entering an auditor's scope brings its
/// hazards along (see ``ScopeTables``).
enum HazardTable {
    /// The table, in SQL both stores take.
    static let schema = [
        "CREATE TABLE hazard_customers (hazard TEXT PRIMARY KEY, customer TEXT NOT NULL)",
        "CREATE INDEX hazard_customers_by_customer ON hazard_customers(customer)",
    ]

    /// Notes the customer of each new hazard in `writes` (a hazard's customer never changes).
    static func update(after writes: [RecordWrite], in db: any StoreConnection) throws {
        try rows.execute(writes.compactMap { write in
            guard write.state.kind == .hazard, let customer = write.state.text("customer"),
                  write.previous?.text("customer") != customer else { return nil }
            return [.text(write.state.id), .text(customer)]
        }, in: db)
    }

    private static let rows = MultiRowInsert(into: "hazard_customers", ["hazard", "customer"], onConflict: ["hazard"])

    /// The hazards found at any of `customers`, as record keys sorted by id.
    static func hazards(atCustomers customers: [String], in db: any StoreConnection) throws -> [RecordKey] {
        var ids: [String] = []
        for slice in SQLList.slices(customers) {
            ids += try db.values(String.self, "SELECT hazard FROM hazard_customers WHERE customer IN (\(SQLList.placeholders(slice.count)))",
                                 StoreArguments(slice.map(\.storeValue)))
        }
        return ids.sorted().map { RecordKey(kind: .hazard, id: $0) }
    }
}
