import AuditServer
import Foundation

/// The store the benchmark's audit-server processes keep their records in: SQLite in their data
/// directory (the default), or a PostgreSQL database several nodes can share.
enum BenchStore: Sendable, CustomStringConvertible {
    case sqlite
    /// A `postgres://USER@HOST:PORT/DATABASE` URL.
    case postgres(url: String)

    /// What follows `--data DIR` on every audit-server command line.
    var arguments: [String] {
        switch self {
        case .sqlite: []
        case .postgres(let url): ["--store", url]
        }
    }

    var description: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgres: "PostgreSQL"
        }
    }

    /// This process's environment without `FIELDAUDIT_STORE`, so that a child runs on the store
    /// its arguments name and never on one the caller's shell happens to export.
    static var childEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["FIELDAUDIT_STORE"] = nil
        return environment
    }
}

extension BenchStore {
    /// The store, opened in this process, whose SQLite file (if any) lies in `dataDirectory`.
    func open(dataDirectory: String) throws -> any ServerStore {
        switch self {
        case .sqlite: try StoreLocation.sqlite(directory: dataDirectory).open()
        case .postgres(let url): try StoreLocation(parsing: url).open()
        }
    }
}
