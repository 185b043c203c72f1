import Foundation
import Logging

/// Where the server's store is: an SQLite database in a data directory, or a PostgreSQL database.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    /// `fieldaudit-server.sqlite` in `directory`.
    case sqlite(directory: String)
    /// A PostgreSQL database.
    case postgres(PostgresLocation)

    /// Parses `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE` (also `postgresql://`), or a
    /// directory path for SQLite.
    public init(parsing text: String) throws {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(try PostgresLocation(url: text))
        } else if text.contains("://") {
            throw StoreError("unknown store \(text): give postgres://USER@HOST:PORT/DATABASE, or a data directory for SQLite")
        } else {
            self = .sqlite(directory: text)
        }
    }

    /// Opens the store and runs its pending migrations.
    public func open(logger: Logger = Logger(label: "audit-server.store")) throws -> any ServerStore {
        switch self {
        case .sqlite(let directory): try SQLiteStore(directory: directory)
        case .postgres(let location): try PostgresStore(location, logger: logger)
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let directory): "SQLite in \(directory)"
        case .postgres(let location): location.description
        }
    }
}

/// A PostgreSQL database's address and credentials, from a `postgres://` URL.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String

    /// Parses `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`.
    public init(url text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
              scheme == "postgres" || scheme == "postgresql" else {
            throw StoreError("not a postgres:// URL: \(text)")
        }
        guard let host = components.host, !host.isEmpty else { throw StoreError("no host in \(text)") }
        guard let user = components.user, !user.isEmpty else { throw StoreError("no user in \(text): postgres://USER@HOST:PORT/DATABASE") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw StoreError("no database in \(text): postgres://USER@HOST:PORT/DATABASE") }
        self.init(host: host, port: components.port ?? 5432, username: user.removingPercentEncoding ?? user,
                  password: components.password?.removingPercentEncoding, database: database)
    }

    /// A location from its parts.
    public init(host: String, port: Int = 5432, username: String, password: String? = nil, database: String) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
    }

    /// The same server and credentials, another database.
    public func with(database: String) -> PostgresLocation {
        var copy = self
        copy.database = database
        return copy
    }

    /// The URL without the password.
    public var description: String { "postgres://\(username)@\(host):\(port)/\(database)" }
}
