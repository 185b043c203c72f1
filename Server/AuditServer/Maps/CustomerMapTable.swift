import Shared

/// `customer_map`: one row per customer with what the office map shows and filters on — its
/// position, county, feeder, transformer, whether it is in conflict, and its latest visit's
/// outcome — so that a viewport is one indexed range query, never a decode of stored states.
///
/// Kept in step by every save (``update(after:previous:in:)``), filled for stores that predate
/// it by ``fill(in:)``.
enum CustomerMapTable {
    /// The table and its indexes, in SQL both stores take.
    static let schema = [
        """
        CREATE TABLE customer_map (
            id TEXT PRIMARY KEY,
            county TEXT,
            lat DOUBLE PRECISION,
            lon DOUBLE PRECISION,
            feeder TEXT,
            transformer TEXT,
            conflicted INTEGER NOT NULL DEFAULT 0,
            outcome TEXT,           -- the latest visit's outcome as a MapStatus; NULL while pending
            visited_at TEXT         -- that visit's time, YYYY-MM-DDTHH:MM:SSZ
        )
        """,
        "CREATE INDEX customer_map_by_position ON customer_map(lat, lon)",
        "CREATE INDEX customer_map_by_county ON customer_map(county)",
        "CREATE INDEX customer_map_by_feeder ON customer_map(feeder)",
        "CREATE INDEX customer_map_by_transformer ON customer_map(transformer)",
    ]

    /// Keeps the map rows in step with saved customers and visits: the customers' rows in one
    /// multi-row upsert, then each visit (which finds its customer's row, even one saved beside it).
    static func update(after writes: [RecordWrite], in db: any StoreConnection) throws {
        let customers = writes.filter { $0.state.kind == .customer }.compactMap(customerRow)
        try customerUpsert.execute(customers, in: db)
        for write in writes where write.state.kind == .auditVisit { try updateVisit(write.state, in: db) }
    }

    private static let customerUpsert = MultiRowInsert(into: "customer_map", ["id", "county", "lat", "lon", "feeder", "transformer", "conflicted"],
                                                       onConflict: ["id"])

    /// The customer's row, or `nil` when nothing the map shows changed.
    private static func customerRow(_ write: RecordWrite) -> [StoreValue]? {
        let state = write.state, columns = MapColumns(state)
        if let previous = write.previous, MapColumns(previous) == columns, previous.hasConflicts == state.hasConflicts { return nil }
        return [state.id.storeValue, columns.county.storeValue, columns.site?.latitude.storeValue ?? .null, columns.site?.longitude.storeValue ?? .null,
                columns.feeder.storeValue, columns.transformer.storeValue, (state.hasConflicts ? 1 : 0).storeValue]
    }

    /// A visit moves its customer's outcome when it is the customer's latest (by visit time);
    /// a retired visit counts no more.
    private static func updateVisit(_ state: RecordState, in db: any StoreConnection) throws {
        guard let customer = state.text("customer"), let time = state.text("time"),
              let outcome = state.text("outcome").flatMap(VisitOutcome.init(rawValue:)), !state.flag("retired") else { return }
        try db.execute("""
            UPDATE customer_map SET outcome = ?, visited_at = ?
            WHERE id = ? AND (visited_at IS NULL OR visited_at <= ?)
            """, [MapStatus(outcome).rawValue, time, customer, time])
    }

    /// Fills the table from the stored records (the migration that starts it): customers first,
    /// then every visit in time order.
    static func fill(in db: any StoreConnection) throws {
        for kind in [RecordKind.customer, .auditVisit] {
            var after = ""
            while true {
                let rows = try db.rows("SELECT id, state FROM records WHERE kind = ? AND id > ? ORDER BY id LIMIT 5000",
                                       [kind.rawValue, after])
                guard let last = rows.last else { break }
                try update(after: try rows.map { RecordWrite(state: try RecordTable.decode($0[1]), previous: nil) }, in: db)
                after = last[0]
            }
        }
    }

    /// The customer columns the map filters on.
    private struct MapColumns: Equatable {
        var county: String?
        var feeder: String?
        var transformer: String?
        var site: GeoPoint?

        init(_ state: RecordState) {
            county = state.text("county")
            feeder = state.text("feeder")
            transformer = state.text("transformer")
            // A retired customer keeps its row but no position: off the map and out of every cut.
            site = state.flag("retired") ? nil : state.location("location")
        }
    }
}
