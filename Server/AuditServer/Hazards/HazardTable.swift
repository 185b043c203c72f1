import Foundation
import Shared

/// `hazard_customers`: each hazard's customer, so a tablet's pull finds the hazards of its
/// customers with an indexed lookup and a customer entering an auditor's scope brings its hazards
/// along (see ``ScopeTables``); and where it stands (state, severity rank, the current step's due
/// date, retired), so the office's lists and reminders filter in SQL instead of decoding every
/// hazard (``hazards(matching:in:)``).
enum HazardTable {
    /// The table, in SQL both stores take.
    static let schema = [
        "CREATE TABLE hazard_customers (hazard TEXT PRIMARY KEY, customer TEXT NOT NULL)",
        "CREATE INDEX hazard_customers_by_customer ON hazard_customers(customer)",
    ]

    /// The columns of where each hazard stands, added to ``schema``'s table; filled by ``backfill(in:)``.
    static let addStates = [
        "ALTER TABLE hazard_customers ADD COLUMN state TEXT NOT NULL DEFAULT 'found'",
        "ALTER TABLE hazard_customers ADD COLUMN severity INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE hazard_customers ADD COLUMN due TEXT",
        "ALTER TABLE hazard_customers ADD COLUMN retired INTEGER NOT NULL DEFAULT 0",
    ]

    /// Notes each hazard of `writes` whose customer or standing is new or changed.
    static func update(after writes: [RecordWrite], in db: any StoreConnection) throws {
        try rows.execute(writes.compactMap { write in
            guard write.state.kind == .hazard else { return nil }
            let row = Self.row(Hazard(write.state))
            return write.previous.map { Self.row(Hazard($0)) } == row ? nil : row
        }, in: db)
    }

    /// Fills the table from the stored hazards (the migration that added the standing).
    static func backfill(in db: any StoreConnection) throws {
        let hazards = try db.values(Data.self, "SELECT state FROM records WHERE kind = 'hazard'").map { Hazard(try RecordTable.decode($0)) }
        try rows.execute(hazards.map(row), in: db)
    }

    private static let rows = MultiRowInsert(into: "hazard_customers", ["hazard", "customer", "state", "severity", "due", "retired"],
                                             onConflict: ["hazard"])

    private static func row(_ hazard: Hazard) -> [StoreValue] {
        [.text(hazard.id.rawValue), .text(hazard.customer.rawValue), .text(hazard.state.rawValue), .integer(Int64(rank(hazard.severity))),
         hazard.currentDue.storeValue, .integer(hazard.retired ? 1 : 0)]
    }

    /// `severity`'s place from the least (`low` 0 to `critical` 3): "this one or worse" is `>=`.
    private static func rank(_ severity: HazardSeverity) -> Int { HazardSeverity.allCases.firstIndex(of: severity) ?? 0 }

    /// The hazards `filter` shows, read through the table: only those it matches are decoded.
    static func hazards(matching filter: HazardFilter, in db: any StoreConnection) throws -> [Hazard] {
        var conditions = ["retired = 0"], arguments: [StoreValue] = []
        if let state = filter.state {
            conditions.append("state = ?")
            arguments.append(.text(state.rawValue))
        }
        if let severity = filter.severity {
            conditions.append("severity >= ?")
            arguments.append(.integer(Int64(rank(severity))))
        }
        if filter.overdue {
            conditions.append("due IS NOT NULL AND due < ?")
            arguments.append(.text(filter.today))
        }
        let ids = try db.values(String.self, "SELECT hazard FROM hazard_customers WHERE " + conditions.joined(separator: " AND ") + " ORDER BY hazard",
                                StoreArguments(arguments))
        return try RecordTable.loadAll(.hazard, ids: ids, in: db).map(Hazard.init).filter(filter.matches)
    }

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
