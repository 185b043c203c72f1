import Shared

/// The migration that put the record and change-log tables in counties (``RecordPlacement``), the
/// same on both stores: it places every record of the old tables, makes the counties' partitions
/// and copies the rows into the new tables, change-log positions unchanged.
enum CountyPlacementMigration {
    /// Fills `records`, `change_log` and `record_counties` from the tables `oldRecords` and `oldChangeLog`.
    static func run(oldRecords: String, oldChangeLog: String, in db: any StoreConnection) throws {
        // Customers first: what follows a customer is placed by looking the customer up.
        for kind in [RecordKind.customer, .workOrder, .device, .auditVisit, .track] {
            try StoredRecords.forEachPage(of: kind, from: oldRecords, in: db) { page in
                for state in page.map(\.state) {
                    try RecordPlacement.place(state.key, in: RecordPlacement.county(of: state, in: db), db: db)
                }
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
