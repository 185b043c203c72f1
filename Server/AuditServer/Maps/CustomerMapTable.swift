import Shared

/// `customer_map`: one row per customer with what the office map shows and filters on — its
/// position, county, feeder, transformer, whether it is in conflict, and its latest visit's
/// outcome — so that a viewport is one indexed range query, never a decode of stored states.
///
/// Kept in step by every save (``update(after:in:)``), filled for stores that predate it by
/// ``fillCustomers(in:)`` and ``replayVisits(in:)``.
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
    /// The customers moved between cells are counted again (``CustomerMapCells``).
    static func update(after writes: [RecordWrite], in db: any StoreConnection) throws {
        let customers = writes.filter { $0.state.kind == .customer }.compactMap { write in customerRow(write).map { (write.state.id, $0) } }
        let visits = writes.filter { $0.state.kind == .auditVisit }
        let touched = Array(Set(customers.map(\.0) + visits.compactMap { $0.state.text("customer") })).sorted()
        guard !touched.isEmpty else { return }
        let before = try CustomerMapCells.placed(touched, in: db)
        try customerUpsert.execute(customers.map(\.1), in: db)
        for write in visits { try updateVisit(write.state, in: db) }
        try CustomerMapCells.update(before: before, after: try CustomerMapCells.placed(touched, in: db), in: db)
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

    /// A visit moves its customer's outcome and presence flag when it is the customer's latest (by
    /// visit time); a retired visit counts no more.
    private static func updateVisit(_ state: RecordState, in db: any StoreConnection) throws {
        let visit = AuditVisit(state)
        guard !visit.retired, !visit.time.isEmpty else { return }
        let flagged = !(try PresenceService.ownFindings(visit, in: db).findings.isEmpty)
        try db.execute("""
            UPDATE customer_map SET outcome = ?, visited_at = ?, presence_flagged = ?
            WHERE id = ? AND (visited_at IS NULL OR visited_at <= ?)
            """, [MapStatus(visit.outcome).rawValue, visit.time, flagged ? 1 : 0, visit.customer.rawValue, visit.time])
    }

    /// The indexes that find the customers of one status, county, feeder or transformer in id
    /// order, so that a page of the customer list is a walk from its cursor (a county's customers
    /// could lie anywhere in id order, a rare status's too): the status on the very expression the
    /// queries use. They replace the single-column ones of the first schema.
    static let listIndexes = [
        "CREATE INDEX customer_map_by_status ON customer_map ((\(MapStatus.sql)), id)",
        "DROP INDEX customer_map_by_county",
        "CREATE INDEX customer_map_by_county_id ON customer_map(county, id)",
        "DROP INDEX customer_map_by_feeder",
        "CREATE INDEX customer_map_by_feeder_id ON customer_map(feeder, id)",
        "DROP INDEX customer_map_by_transformer",
        "CREATE INDEX customer_map_by_transformer_id ON customer_map(transformer, id)",
    ]

    /// The columns a visit sets, added after the table (store migration v13 / v6).
    static let visitColumns = ["ALTER TABLE customer_map ADD COLUMN presence_flagged INTEGER NOT NULL DEFAULT 0"]

    /// Fills the table's customer rows from the stored records (the migration that starts it; the
    /// cells are counted after, by ``CustomerMapCells/fill(in:)``).
    static func fillCustomers(in db: any StoreConnection) throws {
        try StoredRecords.forEachPage(of: .customer, in: db) { page in
            try customerUpsert.execute(page.compactMap(customerRow), in: db)
        }
    }

    /// Applies every stored visit again (the migration that adds the visit columns).
    static func replayVisits(in db: any StoreConnection) throws {
        try StoredRecords.forEachPage(of: .auditVisit, in: db) { page in
            for write in page { try updateVisit(write.state, in: db) }
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
