import Foundation
import GRDB

/// The embedded store: the SQLite database under `--data DIR`, through a GRDB `DatabasePool`
/// (WAL: one writer, readers beside it, other processes on the same file at the same time).
public final class SQLiteStore: ServerStore {
    /// The pool every transaction runs on.
    let pool: DatabasePool

    public var dialect: StoreDialect { .sqlite }

    /// Opens (creating if needed) the database in `directory` and runs pending migrations, up to
    /// `lastMigration` when given (tests of migrations).
    public init(directory: String, upTo lastMigration: String? = nil) throws {
        pool = try ServerDatabase.open(directory: directory, upTo: lastMigration)
    }

    public func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
        try pool.read { db in try body(SQLiteConnection(db)) }
    }

    public func write<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
        try pool.write { db in try body(SQLiteConnection(db)) }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> T) async throws -> T {
        try await pool.read { db in try body(SQLiteConnection(db)) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> T) async throws -> T {
        try await pool.write { db in try body(SQLiteConnection(db)) }
    }

    public func watchCommits(_ onCommit: @escaping @Sendable (Int64) async -> Void) async throws {}

    public func refreshStatistics(of tables: [String]) throws {}

    public func close() throws {
        try pool.close()
    }
}

/// A GRDB `Database` inside a transaction. Statements are cached per connection: the server's SQL
/// is a fixed set of strings, prepared once; only the long multi-row ones (``MultiRowInsert``),
/// whose text changes with a batch's size, are prepared each time, so they never fill the cache.
final class SQLiteConnection: StoreConnection {
    let db: Database

    init(_ db: Database) { self.db = db }

    @discardableResult
    func execute(_ sql: String, _ arguments: StoreArguments) throws -> Int {
        try statement(sql).execute(arguments: Self.arguments(arguments))
        return db.changesCount
    }

    func rows(_ sql: String, _ arguments: StoreArguments) throws -> [StoreRow] {
        let statement = try statement(sql)
        let columns = statement.columnNames
        return try Row.fetchAll(statement, arguments: Self.arguments(arguments)).map { row in
            StoreRow(columns: columns, values: row.databaseValues.map(Self.value))
        }
    }

    func preparePartitions(forCounty county: String) throws {}

    func insert(_ insert: MultiRowInsert, rows: [[StoreValue]]) throws -> [StoreRow] {
        try insert.insertAsValues(rows, in: self)
    }

    /// Statements longer than this are not cached.
    static let longestCached = 2_048

    private func statement(_ sql: String) throws -> Statement {
        sql.utf8.count > Self.longestCached ? try db.makeStatement(sql: sql) : try db.cachedStatement(sql: sql)
    }

    func afterTransaction(onCommit: @escaping @Sendable () -> Void, onRollback: @escaping @Sendable () -> Void) {
        db.afterNextTransaction(onCommit: { _ in onCommit() }, onRollback: { _ in onRollback() })
    }

    /// GRDB's arguments for `arguments`, handed over as optional existentials: GRDB's initialiser
    /// for a sequence of concrete values maps them through a key path, unspecialised across the
    /// module boundary, which cost a multi-row insert more than SQLite took to run it.
    static func arguments(_ arguments: StoreArguments) -> StatementArguments {
        StatementArguments(arguments.values.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .null: nil
            case .integer(let number): number
            case .real(let number): number
            case .text(let text): text
            case .blob(let data): data
            }
        })
    }

    static func value(_ value: DatabaseValue) -> StoreValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .blob(data)
        }
    }
}
