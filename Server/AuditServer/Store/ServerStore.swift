/// Everything the server keeps, behind one seam: SQLite through GRDB (``SQLiteStore``, the embedded
/// default) or PostgreSQL through postgres-nio (``PostgresStore``, several nodes on one database).
///
/// The seam is SQL-level: a store runs transactions and hands the body a ``StoreConnection`` that
/// executes statements. The server's SQL is written once in the subset both databases share
/// (`ON CONFLICT` upserts, `?`/`?N` placeholders, `COALESCE`, `RETURNING`), so every feature runs on
/// both stores; only the schema and its migrations are written per database.
///
/// Write transactions are serialised on both stores: SQLite has one writer, and PostgreSQL
/// writers take one advisory lock first (see ``PostgresStore``), so the change log's sequence
/// numbers commit in order and a reader can never skip a change that commits late.
public protocol ServerStore: Sendable {
    /// Which database this is.
    var dialect: StoreDialect { get }

    /// Runs `body` in a read-only transaction that sees one consistent snapshot.
    func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T

    /// Runs `body` in a write transaction: everything it wrote commits when it returns, nothing when it throws.
    func write<T>(_ body: (any StoreConnection) throws -> T) throws -> T

    /// ``read(_:)-(_)`` off the caller's task, so that a waiting pull never blocks a cooperative thread.
    func read<T: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> T) async throws -> T

    /// ``write(_:)-(_)`` off the caller's task.
    func write<T: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> T) async throws -> T

    /// Calls `onCommit` with the change log's position each time any process or node commits a
    /// write, until the calling task is cancelled; returns at once when the store cannot tell
    /// (SQLite: the ``ChangeWatcher``'s look at the database every 200 ms finds those writes).
    func watchCommits(_ onCommit: @escaping @Sendable (Int64) async -> Void) async throws

    /// Brings the query planner's statistics up to date after a bulk load: PostgreSQL analyses
    /// every table (outside any write transaction, so writers carry on), since plans made from the
    /// statistics of nearly empty tables read far more than they need until autovacuum catches up;
    /// SQLite keeps no statistics (its planner goes by the schema), so nothing happens there.
    /// `tables` names the tables to analyse; empty, every table.
    func refreshStatistics(of tables: [String]) throws

    /// Releases connections and threads; the store is not used afterwards.
    func close() throws
}

extension ServerStore {
    /// Brings the statistics of every table up to date (see ``refreshStatistics(of:)``).
    public func refreshStatistics() throws { try refreshStatistics(of: []) }
}

/// The two databases the server runs on.
public enum StoreDialect: String, Sendable {
    case sqlite
    case postgres
}

/// A connection inside a transaction: statements run on it commit or roll back with the transaction.
///
/// Placeholders are `?` (in order) or `?N` (by number, to use one argument twice); a statement uses
/// one kind. Each store turns them into its own.
public protocol StoreConnection: AnyObject {
    /// Runs a statement that returns no rows.
    /// - Returns: how many rows it inserted, changed or deleted.
    @discardableResult
    func execute(_ sql: String, _ arguments: StoreArguments) throws -> Int

    /// Runs a query and returns every row.
    func rows(_ sql: String, _ arguments: StoreArguments) throws -> [StoreRow]

    /// Calls `onCommit` once the current transaction commits, or `onRollback` if it does not.
    func afterTransaction(onCommit: @escaping @Sendable () -> Void, onRollback: @escaping @Sendable () -> Void)

    /// Makes sure the record and change-log tables can hold rows of `county`: PostgreSQL makes the
    /// county's partitions on first use (``CountyPartitions``); SQLite keeps one table of each.
    func preparePartitions(forCounty county: String) throws

    /// Inserts `rows` (values in `insert`'s column order, one per conflict key) and returns what
    /// its `RETURNING` list gave, in no particular order; the way a batch's rows reach each table.
    ///
    /// SQLite runs multi-row `VALUES` statements (``MultiRowInsert/insertAsValues(_:in:)``).
    /// PostgreSQL runs one statement over an array per column, parsed once whatever the number of
    /// rows, and does not wait for a statement that returns nothing: the caller goes on preparing
    /// the next table's rows while the server inserts these. Its failure is then thrown by the next
    /// statement that waits, at the latest before the commit, which never happens after one.
    func insert(_ insert: MultiRowInsert, rows: [[StoreValue]]) throws -> [StoreRow]
}

extension StoreConnection {
    /// Runs a statement without arguments.
    @discardableResult
    public func execute(_ sql: String) throws -> Int { try execute(sql, []) }

    /// Every row of a query without arguments.
    public func rows(_ sql: String) throws -> [StoreRow] { try rows(sql, []) }

    /// The first row of a query, `nil` when it returned none.
    public func row(_ sql: String, _ arguments: StoreArguments = []) throws -> StoreRow? {
        try rows(sql, arguments).first
    }

    /// The first column of the first row as `T`; `nil` when there is no row or the value is `NULL`.
    public func value<T: StoreValueConvertible>(_ type: T.Type, _ sql: String, _ arguments: StoreArguments = []) throws -> T? {
        guard let row = try row(sql, arguments) else { return nil }
        return try row.decode(T?.self, at: 0)
    }

    /// The first column of every row as `T`, skipping `NULL`s.
    public func values<T: StoreValueConvertible>(_ type: T.Type, _ sql: String, _ arguments: StoreArguments = []) throws -> [T] {
        try rows(sql, arguments).compactMap { try $0.decode(T?.self, at: 0) }
    }

    /// Whether a query returns at least one row.
    public func exists(_ sql: String, _ arguments: StoreArguments = []) throws -> Bool {
        try row(sql, arguments) != nil
    }
}
