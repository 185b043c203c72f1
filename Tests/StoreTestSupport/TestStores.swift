import AuditServer
import Foundation

/// The stores every store-level and end-to-end server test runs against: one suite, a store argument.
public enum StoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgres: "PostgreSQL"
        }
    }

    /// A fresh, empty store of this kind: the SQLite database in `directory`, or a new database
    /// on the private PostgreSQL cluster scripts/test started.
    public func freshLocation(directory: String) throws -> StoreLocation {
        switch self {
        case .sqlite: .sqlite(directory: directory)
        case .postgres: .postgres(try TestPostgres.freshDatabase())
        }
    }

    /// Opens a fresh, empty store of this kind (see ``freshLocation(directory:)``).
    public func openFresh(directory: String) throws -> any ServerStore {
        try freshLocation(directory: directory).open()
    }
}

/// The PostgreSQL cluster the tests run against, named by `FIELDAUDIT_TEST_POSTGRES`.
public enum TestPostgres {
    /// The environment variable scripts/test sets to the private cluster's URL.
    public static let variable = "FIELDAUDIT_TEST_POSTGRES"

    /// Why a PostgreSQL test cannot run: it fails with this, it never skips.
    public struct Missing: Error, CustomStringConvertible {
        public var description: String {
            "PostgreSQL missing: run scripts/test, which starts a private cluster (or set \(TestPostgres.variable) to postgres://USER@HOST:PORT/DB of a cluster where USER may create databases)"
        }
    }

    /// The test cluster's URL.
    public static func server() throws -> PostgresLocation {
        guard let url = ProcessInfo.processInfo.environment[variable], !url.isEmpty else { throw Missing() }
        return try PostgresLocation(url: url)
    }

    /// A new, empty database on the test cluster, for one test.
    public static func freshDatabase() throws -> PostgresLocation {
        let server = try server()
        let name = "fa_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try PostgresStore.createDatabase(name, on: server)
        return server.with(database: name)
    }
}

/// A directory under the system's temporary directory, removed by ``remove()``.
public struct ScratchDirectory: Sendable {
    public let path: String

    /// Creates a new, empty directory whose name starts with `prefix`.
    public init(_ prefix: String) throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
