import Shared

/// Walks every stored record of one kind in pages, for migrations that derive a table from the
/// records (the map's rows, the auditors' positions) or move them (into counties).
enum StoredRecords {
    /// Calls `body` with each page of `pageSize` records of `kind` in `table` (`records`, or an
    /// older table a migration reads from), in id order, as writes with no previous state.
    static func forEachPage(of kind: RecordKind, from table: String = "records", pageSize: Int = 5_000, in db: any StoreConnection,
                            _ body: ([RecordWrite]) throws -> Void) throws {
        var after = ""
        while true {
            let rows = try db.rows("SELECT id, state FROM \(table) WHERE kind = ? AND id > ? ORDER BY id LIMIT \(pageSize)",
                                   [kind.rawValue, after])
            guard let last = rows.last else { return }
            try body(try rows.map { RecordWrite(state: try RecordTable.decode($0[1]), previous: nil) })
            after = last[0]
        }
    }
}
