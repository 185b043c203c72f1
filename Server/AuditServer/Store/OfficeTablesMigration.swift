/// The migration that completes the office's tables over the records, the same on both stores
/// (SQLite v13, PostgreSQL v6): the map's presence flag and grid cells, the auditors' last
/// positions, each customer's visits, and when each tablet was last seen.
enum OfficeTablesMigration {
    static let statements = CustomerMapTable.visitColumns + AuditorPositionTable.schema + CustomerMapCells.schema + CustomerVisitTable.schema
        + ["ALTER TABLE devices ADD COLUMN last_seen_ms BIGINT"]

    /// Fills the tables from the stored records: the map's rows first, then what counts them.
    static func fill(in db: any StoreConnection) throws {
        try CustomerMapTable.fillCustomers(in: db)
        try CustomerMapTable.replayVisits(in: db)
        try CustomerMapCells.fill(in: db)
        try AuditorPositionTable.fill(in: db)
        try CustomerVisitTable.fill(in: db)
    }
}
