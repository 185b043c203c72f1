import Shared

/// The migration that put the record and change-log tables in counties (``RecordPlacement``), the
/// same on both stores: it places every record of the old tables, makes the counties' partitions
/// and copies the rows into the new tables, change-log positions unchanged.
enum CountyPlacementMigration {
    /// Records read per query while placing them.
    static let pageSize = 5_000

    /// Fills `records`, `change_log` and `record_counties` from the tables `oldRecords` and `oldChangeLog`.
    static func run(oldRecords: String, oldChangeLog: String, in db: any StoreConnection) throws {
        // Customers first: what follows a customer is placed by looking the customer up.
        for kind in [RecordKind.customer, .workOrder, .device, .auditVisit, .track] {
            var after = ""
            while true {
                let rows = try db.rows("SELECT id, state FROM \(oldRecords) WHERE kind = ? AND id > ? ORDER BY id LIMIT \(pageSize)",
                                       [kind.rawValue, after])
                guard let last = rows.last else { break }
                for row in rows {
                    let state = try RecordTable.decode(row[1])
                    try RecordPlacement.place(state.key, in: RecordPlacement.county(of: state, in: db), db: db)
                }
                after = last[0]
            }
        }
        for county in Set(try db.values(String.self, "SELECT DISTINCT county FROM record_counties")).union([""]).sorted() {
            try db.preparePartitions(forCounty: county)
        }
        try db.execute("""
            INSERT INTO records (county, kind, id, state, seq, conflicted)
            SELECT d.county, r.kind, r.id, r.state, r.seq, r.conflicted
            FROM \(oldRecords) r JOIN record_counties d ON d.kind = r.kind AND d.id = r.id
            """)
        try db.execute("""
            INSERT INTO change_log (seq, county, kind, id, origin, batch_id, at_ms)
            SELECT c.seq, COALESCE(d.county, ''), c.kind, c.id, c.origin, c.batch_id, c.at_ms
            FROM \(oldChangeLog) c LEFT JOIN record_counties d ON d.kind = c.kind AND d.id = c.id
            """)
    }
}
