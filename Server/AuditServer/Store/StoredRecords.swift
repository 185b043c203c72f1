import Shared

/// Walks every stored record of one kind in pages, for migrations that derive a table from the
/// records (the map's rows, the auditors' positions).
enum StoredRecords {
    /// Calls `body` with each page of `pageSize` records of `kind`, in id order, as writes with no
    /// previous state.
    static func forEachPage(of kind: RecordKind, pageSize: Int = 5_000, in db: any StoreConnection,
                            _ body: ([RecordWrite]) throws -> Void) throws {
        var after = ""
        while true {
            let rows = try db.rows("SELECT id, state FROM records WHERE kind = ? AND id > ? ORDER BY id LIMIT \(pageSize)",
                                   [kind.rawValue, after])
            guard let last = rows.last else { return }
            try body(try rows.map { RecordWrite(state: try RecordTable.decode($0[1]), previous: nil) })
            after = last[0]
        }
    }
}
