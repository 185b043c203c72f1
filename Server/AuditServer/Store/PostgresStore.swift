import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// The province store: a PostgreSQL database through postgres-nio, shared by several server nodes.
///
/// Transactions run on the store's own thread pool and wait there on postgres-nio's futures, never
/// on an event loop and never holding a cooperative thread while they wait: the async
/// ``read(_:)-(_)`` and ``write(_:)-(_)`` hop onto the pool first.
///
/// ## Why the change feed cannot skip a change
/// Pulls page through the change log by sequence number and move their cursor to the highest one
/// they saw. With several writers a sequence number can be handed out before a smaller one commits:
/// a reader that saw 11 and moved past it would never see 10. So every write transaction here
/// first takes one transaction-scoped advisory lock (``writeLock``), on every node alike, before it
/// touches anything: numbers are handed out and committed in one order, the lock is released only
/// after the commit is visible, and any snapshot a reader takes holds a prefix of the log. This is
/// the serialised append the SQLite store has by construction (one writer). The price is one
/// writer at a time per database, which is what SQLite has too; partitioning the lock by county
/// is the way to more.
public final class PostgresStore: ServerStore {
    /// The advisory lock every write transaction holds (two 32-bit keys: "FAud", 2).
    static let writeLock = (Int32(0x4641_7564), Int32(2))
    /// The advisory lock migrations run under, so nodes starting together migrate once.
    static let migrationLock = (Int32(0x4641_7564), Int32(1))
    /// The LISTEN/NOTIFY channel every write transaction notifies at commit.
    static let commitChannel = "fieldaudit_commits"

    let location: PostgresLocation
    let logger: Logger
    private let pool: PostgresConnectionPool
    private let threads: NIOThreadPool
    private let partitions = CountyPartitions()
    private let columnTypes = PostgresColumnTypes()
    /// The statement that ends every write transaction, announcing the log's position (``write(_:)-(_)``).
    private let announcement: String

    public var dialect: StoreDialect { .postgres }

    /// Connects to the database at `location`, runs pending migrations (up to and including
    /// `lastMigration` when given: tests of migrations) and keeps up to `connections` connections open.
    public init(_ location: PostgresLocation, connections: Int = 16, upTo lastMigration: String? = nil,
                logger: Logger = Logger(label: "audit-server.store")) throws {
        self.location = location
        self.logger = logger
        pool = PostgresConnectionPool(location: location, eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                                      maximum: connections, logger: logger)
        threads = NIOThreadPool(numberOfThreads: connections)
        threads.start()
        do {
            announcement = try pool.withConnection { [partitions, columnTypes] connection in
                let session = PostgresTransaction(connection: connection, logger: logger, partitions: partitions, columnTypes: columnTypes)
                try PostgresSchema.migrate(session, upTo: lastMigration)
                return try Self.announcement(in: session)
            }
        } catch {
            pool.close()
            try? threads.syncShutdownGracefully()
            throw error
        }
    }

    public func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    public func write<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
        try transaction("BEGIN ISOLATION LEVEL READ COMMITTED", lock: Self.writeLock) { db in
            let result = try body(db)
            // Delivered at commit to every node listening (watchCommits), with the log's position:
            // still under the write lock, so no later commit can have a smaller one.
            try db.execute(announcement)
            return result
        }
    }

    /// The notification of a commit with the log's position: its head, one row (``ChangeLogHead``);
    /// on a store held at a schema from before the head (`upTo`: tests of migrations), `MAX(seq)`
    /// as the server of that schema announced it.
    private static func announcement(in session: PostgresTransaction) throws -> String {
        let position = try session.value(Bool.self, "SELECT to_regclass('change_log_head') IS NOT NULL") == true
            ? "SELECT seq FROM change_log_head" : "SELECT COALESCE(MAX(seq), 0) FROM change_log"
        return "SELECT pg_notify('\(commitChannel)', CAST((\(position)) AS TEXT))"
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> T) async throws -> T {
        try await threads.runIfActive { try self.read(body) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreConnection) throws -> T) async throws -> T {
        try await threads.runIfActive { try self.write(body) }
    }

    public func watchCommits(_ onCommit: @escaping @Sendable (Int64) async -> Void) async throws {
        // A connection of its own, outside the pool, held while listening; made again after a
        // failure (a restarted database), until the task is cancelled.
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: pool.configuration, id: 0, logger: logger)
                defer { Task { try? await connection.close() } }
                try await connection.listen(on: Self.commitChannel) { notifications in
                    for try await notification in notifications {
                        if let sequence = Int64(notification.payload) { await onCommit(sequence) }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("listening for commits failed; trying again", metadata: ["error": "\(Self.describe(error))"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    public func refreshStatistics(of tables: [String]) throws {
        try pool.withConnection { [partitions, columnTypes] connection in
            try PostgresTransaction(connection: connection, logger: logger, partitions: partitions, columnTypes: columnTypes)
                .execute("ANALYZE " + tables.joined(separator: ", "))
        }
    }

    public func close() throws {
        pool.close()
        threads.shutdownGracefully { _ in }
    }

    deinit {
        // A command that never called close(): the pool closes its connections as it goes, and the
        // threads stop once idle. Never waits, since the last reference may go on one of them.
        pool.close()
        threads.shutdownGracefully { _ in }
    }

    /// Creates the database `name` on the server at `server` (connecting to `server.database`),
    /// unless it exists: how tests and `scripts/demo` get a database of their own.
    public static func createDatabase(_ name: String, on server: PostgresLocation, logger: Logger = Logger(label: "audit-server.store")) throws {
        try administer(database: name, on: server, logger: logger) { session in
            guard try session.value(Int.self, "SELECT 1 FROM pg_database WHERE datname = ?", [name]) == nil else { return }
            try session.execute("CREATE DATABASE \"\(name)\"")
        }
    }

    /// Runs `body` on one connection to `server`, for a statement about the database `name`
    /// (whose name is checked first: it is written into the statement).
    private static func administer(database name: String, on server: PostgresLocation, logger: Logger,
                                   _ body: (PostgresTransaction) throws -> Void) throws {
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), !name.isEmpty else {
            throw StoreError("database names are letters, digits and _ (got \(name))")
        }
        let pool = PostgresConnectionPool(location: server, eventLoopGroup: MultiThreadedEventLoopGroup.singleton, maximum: 1, logger: logger)
        defer { pool.close() }
        try pool.withConnection { connection in
            try body(PostgresTransaction(connection: connection, logger: logger, partitions: CountyPartitions()))
        }
    }

    /// Runs `body` between `begin` and `COMMIT` (after taking `lock`), rolling back when it throws.
    private func transaction<T>(_ begin: String, lock: (Int32, Int32)? = nil, _ body: (any StoreConnection) throws -> T) throws -> T {
        try pool.withConnection { connection in
            let transaction = PostgresTransaction(connection: connection, logger: logger, partitions: partitions, columnTypes: columnTypes)
            try transaction.execute(begin, [])
            do {
                if let lock { try transaction.execute("SELECT pg_advisory_xact_lock(\(lock.0), \(lock.1))") }
                let result = try body(transaction)
                // Every insert sent without waiting must have succeeded: PostgreSQL answers COMMIT
                // in a failed transaction by rolling back, without an error.
                try transaction.waitForSent()
                try transaction.execute("COMMIT", [])
                transaction.finish(committed: true)
                return result
            } catch {
                _ = try? transaction.execute("ROLLBACK", [])
                transaction.finish(committed: false)
                throw error
            }
        }
    }

    /// Drops the database `name` on the server at `server`, ending the sessions still on it.
    public static func dropDatabase(_ name: String, on server: PostgresLocation, logger: Logger = Logger(label: "audit-server.store")) throws {
        try administer(database: name, on: server, logger: logger) { session in
            try session.execute("DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)")
        }
    }

    /// The server's own words for a PostgreSQL error (postgres-nio's description hides them).
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            let code = error.serverInfo?[.sqlState].map { " (\($0))" } ?? ""
            return message + code
        }
        return String(reflecting: error)
    }
}

/// One connection inside a PostgreSQL transaction.
final class PostgresTransaction: StoreConnection {
    let connection: PostgresConnection
    let logger: Logger
    let partitions: CountyPartitions
    let columnTypes: PostgresColumnTypes
    private var onCommit: [@Sendable () -> Void] = []
    private var onRollback: [@Sendable () -> Void] = []
    /// Inserts sent without waiting for their answer (``insert(_:rows:)``), oldest first.
    private var sent: [(answer: EventLoopFuture<PostgresQueryResult>, sql: String)] = []

    init(connection: PostgresConnection, logger: Logger, partitions: CountyPartitions, columnTypes: PostgresColumnTypes = PostgresColumnTypes()) {
        self.connection = connection
        self.logger = logger
        self.partitions = partitions
        self.columnTypes = columnTypes
    }

    @discardableResult
    func execute(_ sql: String, _ arguments: StoreArguments) throws -> Int {
        try run(sql, arguments).metadata.rows ?? 0
    }

    func rows(_ sql: String, _ arguments: StoreArguments) throws -> [StoreRow] {
        try Self.rows(of: run(sql, arguments))
    }

    private static func rows(of result: PostgresQueryResult) throws -> [StoreRow] {
        try result.rows.map { row in
            var columns: [String] = []
            var values: [StoreValue] = []
            columns.reserveCapacity(row.count)
            values.reserveCapacity(row.count)
            for cell in row {
                columns.append(cell.columnName)
                values.append(try Self.value(cell))
            }
            return StoreRow(columns: columns, values: values)
        }
    }

    func preparePartitions(forCounty county: String) throws {
        try partitions.prepare(county, in: self)
    }

    func insert(_ insert: MultiRowInsert, rows: [[StoreValue]]) throws -> [StoreRow] {
        guard let width = rows.first?.count else { return [] }
        let types = try columnTypes.types(of: insert.table, insert.columns, in: self)
        let arrays = try PostgresArrayInsert.arrays(rows, types: types, table: insert.table, columns: insert.columns)
        let sql = PostgresArrayInsert.sql(insert, arrays: arrays)
        var bindings = PostgresBindings(capacity: width)
        for array in arrays { bindings.append(array) }
        let query = PostgresQuery(unsafeSQL: sql, binds: bindings)
        guard insert.returnsRows else {
            // Queued on the connection behind the statements before it; checked by the next wait.
            sent.append((connection.query(query, logger: logger), sql))
            return []
        }
        return try Self.rows(of: wait(for: connection.query(query, logger: logger), sql: sql))
    }

    /// Waits for every insert sent without waiting, and throws the first one's failure.
    func waitForSent() throws {
        let waiting = sent
        sent = []
        for statement in waiting {
            do { _ = try statement.answer.wait() } catch {
                throw StoreError("PostgreSQL: \(PostgresStore.describe(error)) in: \(statement.sql)")
            }
        }
    }

    func afterTransaction(onCommit: @escaping @Sendable () -> Void, onRollback: @escaping @Sendable () -> Void) {
        self.onCommit.append(onCommit)
        self.onRollback.append(onRollback)
    }

    /// Calls the callbacks registered for the transaction's end.
    func finish(committed: Bool) {
        let callbacks = committed ? onCommit : onRollback
        onCommit = []
        onRollback = []
        for callback in callbacks { callback() }
    }

    private func run(_ sql: String, _ arguments: StoreArguments) throws -> PostgresQueryResult {
        var bindings = PostgresBindings(capacity: arguments.values.count)
        for value in arguments.values {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let number): bindings.append(number)
            case .real(let number): bindings.append(number)
            case .text(let text): bindings.append(text)
            case .blob(let data): bindings.append(ByteBuffer(bytes: data))
            }
        }
        let query = PostgresQuery(unsafeSQL: PostgresPlaceholders.translate(sql), binds: bindings)
        return try wait(for: connection.query(query, logger: logger), sql: sql)
    }

    /// The answer to a statement just sent; the inserts sent before it without waiting are done
    /// by then (a connection runs its statements in order), and the first of them that failed is
    /// the failure reported, since every statement after it failed for its sake.
    private func wait(for answer: EventLoopFuture<PostgresQueryResult>, sql: String) throws -> PostgresQueryResult {
        let result = Result { try answer.wait() }
        try waitForSent()
        do {
            return try result.get()
        } catch {
            throw StoreError("PostgreSQL: \(PostgresStore.describe(error)) in: \(sql)")
        }
    }

    static func value(_ cell: PostgresCell) throws -> StoreValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid: return .integer(try cell.decode(Int64.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .numeric:
            let number = NSDecimalNumber(decimal: try cell.decode(Decimal.self))
            return number.doubleValue.rounded() == number.doubleValue ? .integer(number.int64Value) : .real(number.doubleValue)
        case .bytea: return .blob(try cell.decode(Data.self))
        default: return .text(try cell.decode(String.self))
        }
    }
}
