import Synchronization

/// The PostgreSQL store's county partitions: `records` and `change_log` are partitioned by
/// LIST (county), and a county's partitions are made the first time a record of it is stored.
///
/// They are made inside the write transaction that first needs them. Write transactions are
/// serialised (``PostgresStore/writeLock``), so two nodes never race to make the same one; the
/// DDL locks the parent tables until that transaction commits, which readers wait out once per
/// county. Which partitions exist is remembered per process after commit, so later writes skip
/// the catalogue.
final class CountyPartitions: Sendable {
    /// The tables partitioned by county.
    static let tables = ["records", "change_log"]

    private let known = Mutex<Set<String>>([])

    /// Makes `county`'s partitions in `transaction` unless they are known to exist.
    func prepare(_ county: String, in transaction: PostgresTransaction) throws {
        guard !known.withLock({ $0.contains(county) }) else { return }
        let suffix = try Self.suffix(of: county)
        for table in Self.tables {
            try transaction.execute("CREATE TABLE IF NOT EXISTS \(table)_\(suffix) PARTITION OF \(table) FOR VALUES IN ('\(county)')", [])
        }
        transaction.afterTransaction(onCommit: { self.remember(county) }, onRollback: {})
    }

    private func remember(_ county: String) {
        known.withLock { _ = $0.insert(county) }
    }

    /// The partition name's suffix: `c` and the code for a county, `none` for records of no county.
    /// - Throws: for anything but a county code (it is written into the statement).
    static func suffix(of county: String) throws -> String {
        if county.isEmpty { return "none" }
        guard RecordPlacement.county(named: county) == county else { throw StoreError("not a county code: \(county)") }
        return "c" + county
    }
}
