import AuditServer
import Foundation

/// Reads a server's store from the test process, through the same seam the server uses, so that
/// one test reads SQLite and PostgreSQL alike.
struct StoreInspector: Sendable {
    let location: StoreLocation

    private func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
        let store = try location.open()
        defer { try? store.close() }
        return try store.read(body)
    }

    /// Every row of every table but `except`, as sorted text, table by table.
    func dump(except: Set<String>) throws -> String {
        try read { db in
            let tables = switch location {
            case .sqlite: try db.values(String.self, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            case .postgres: try db.values(String.self, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")
            }
            var text = ""
            for table in tables where !except.contains(table) {
                text += "== \(table)\n"
                for row in try db.rows("SELECT * FROM \"\(table)\"").map(\.description).sorted() { text += row + "\n" }
            }
            return text
        }
    }

    /// Runs one statement that changes the store: a test's stand-in for time passing (a message's
    /// pause over) where waiting would only slow the suite.
    func execute(_ sql: String) throws {
        let store = try location.open()
        defer { try? store.close() }
        try store.write { db in _ = try db.execute(sql) }
    }

    /// The rows of a query, as text.
    func rows(_ sql: String) throws -> [String] {
        try read { db in try db.rows(sql).map(\.description) }
    }

    /// The first column of a query's rows, as text.
    func strings(_ sql: String, _ argument: String) throws -> [String] {
        try read { db in try db.values(String.self, sql, [argument]) }
    }

    /// The first column of a query's rows, as bytes.
    func blobs(_ sql: String, _ argument: String) throws -> [Data] {
        try read { db in try db.values(Data.self, sql, [argument]) }
    }

    /// One integer, 0 when the query gave none.
    func scalar(_ sql: String) throws -> Int64 {
        try read { db in try db.value(Int64.self, sql) ?? 0 }
    }

    /// Drops a PostgreSQL store's database, ending the server's sessions on it.
    func drop() throws {
        guard case .postgres(let database) = location else { return }
        try PostgresStore.dropDatabase(database.database, on: database.with(database: "postgres"))
    }

    /// The wire JSON of the record with `id`, "" when there is none.
    func state(of id: String) throws -> String {
        try read { db in try db.value(Data.self, "SELECT state FROM records WHERE id = ?", [id]) }
            .map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
