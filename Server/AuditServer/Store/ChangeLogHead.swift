import Foundation

/// The change log's head: the highest sequence number the log holds, kept in a one-row table,
/// so that reading it (every pull, and every commit's notification on PostgreSQL) reads one row
/// rather than `MAX(seq)` over every county's partition of the log (101 at a million customers:
/// 5 ms, mostly planning).
///
/// ## Why it cannot lose a change
/// The head is `MAX(seq)` kept by hand, under the same snapshot rule that made `MAX(seq)` safe:
/// - It is raised only inside the write transaction that appends the entries it names
///   (``RecordTable/appendChanges(_:origin:batchID:in:)``), so it commits with them or rolls back
///   with them: no snapshot holds a head beyond the entries that snapshot holds.
/// - Write transactions are serialised (``ServerStore``), so entries commit in sequence order: a
///   snapshot holding the head `n` holds every entry up to `n`, and none can commit below it later.
/// - It only rises (`WHERE seq < ?`), and each write raises it to its own last entry, which is
///   above everything committed before it.
///
/// So a pull that moves its cursor to the head has read, in its snapshot, everything up to it.
/// Every other way rows reach the log raises the head in the same transaction: the migration that
/// made the table (from `MAX(seq)`, under the write lock on PostgreSQL) and `store copy`, page by
/// page (``StoreCopy``). A head below the log would cost pulls sending again what they sent, never
/// a skip, since a pull moves its cursor past the records it read only as far as the head; that is
/// what happens while a node older than this table still writes during an upgrade, until the next
/// write of a current node raises the head past its entries.
enum ChangeLogHead {
    /// The table, filled from the log as it is (run in a migration, with the writers held off).
    static let schema = [
        "CREATE TABLE change_log_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL)",
        "INSERT INTO change_log_head (id, seq) SELECT 1, COALESCE(MAX(seq), 0) FROM change_log",
    ]

    /// The last change-log position, 0 when nothing was ever stored.
    static func read(in db: any StoreConnection) throws -> Int64 {
        guard let seq = try db.value(Int64.self, "SELECT seq FROM change_log_head") else {
            throw StoreError("the change log's head (change_log_head) has no row")
        }
        return seq
    }

    /// Raises the head to `seq`, an entry just appended in this transaction; a lower `seq` leaves it.
    static func raise(to seq: Int64, in db: any StoreConnection) throws {
        try db.execute("UPDATE change_log_head SET seq = ?1 WHERE seq < ?1", [seq])
    }

    /// Raises the head to the log's `MAX(seq)`, for rows that reached the log other than through
    /// ``RecordTable/appendChanges(_:origin:batchID:in:)`` (``StoreCopy``).
    static func raiseToLog(in db: any StoreConnection) throws {
        if let last = try db.value(Int64.self, "SELECT MAX(seq) FROM change_log") { try raise(to: last, in: db) }
    }
}
