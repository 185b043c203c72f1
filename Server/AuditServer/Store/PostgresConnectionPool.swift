import Foundation
import Logging
import NIOCore
import PostgresNIO

/// A few open connections to one PostgreSQL database, lent to one transaction at a time.
///
/// Blocking on purpose: transactions run on the store's own threads (never on an event loop),
/// which wait here for a free connection and then on postgres-nio's futures.
final class PostgresConnectionPool: @unchecked Sendable {
    private let location: PostgresLocation
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let maximum: Int
    /// Guards `idle`, `open` and `closed`; waiters sleep on it.
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var closed = false
    private var nextID = 0

    init(location: PostgresLocation, eventLoopGroup: any EventLoopGroup, maximum: Int, logger: Logger) {
        self.location = location
        self.eventLoopGroup = eventLoopGroup
        self.maximum = maximum
        self.logger = logger
    }

    /// Runs `body` with a connection of its own, then gives it back (or drops it when it broke).
    @discardableResult
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try checkOut()
        do {
            let result = try body(connection)
            checkIn(connection)
            return result
        } catch {
            checkIn(connection)
            throw error
        }
    }

    private func checkOut() throws -> PostgresConnection {
        condition.lock()
        while true {
            if closed {
                condition.unlock()
                throw StoreError("the PostgreSQL store is closed")
            }
            if let connection = idle.popLast() {
                condition.unlock()
                if connection.isClosed {
                    release()
                    return try checkOut()
                }
                return connection
            }
            if open < maximum {
                open += 1
                nextID += 1
                let id = nextID
                condition.unlock()
                do {
                    return try connect(id: id)
                } catch {
                    release()
                    throw error
                }
            }
            condition.wait()
        }
    }

    private func checkIn(_ connection: PostgresConnection) {
        condition.lock()
        if connection.isClosed || closed {
            open -= 1
            condition.unlock()
            if !connection.isClosed { Self.closeSoon(connection) }
        } else {
            idle.append(connection)
            condition.unlock()
        }
        condition.signal()
    }

    /// Forgets a connection that was never made or broke.
    private func release() {
        condition.lock()
        open -= 1
        condition.unlock()
        condition.signal()
    }

    /// How connections to the database are made.
    var configuration: PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(host: location.host, port: location.port, username: location.username,
                                                             password: location.password, database: location.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    private func connect(id: Int) throws -> PostgresConnection {
        do {
            return try PostgresConnection.connect(on: eventLoopGroup.next(), configuration: configuration, id: id, logger: logger).wait()
        } catch {
            throw StoreError("cannot connect to \(location): \(PostgresStore.describe(error))")
        }
    }

    /// Closes every idle connection; connections lent out close when they come back.
    func close() {
        condition.lock()
        closed = true
        let connections = idle
        idle = []
        open -= connections.count
        condition.unlock()
        condition.broadcast()
        for connection in connections { Self.closeSoon(connection) }
    }

    deinit {
        for connection in idle { Self.closeSoon(connection) }
    }

    /// Closes `connection` without waiting (this may run on any thread), keeping it alive until it
    /// is closed: postgres-nio requires a connection to be closed before it goes away.
    private static func closeSoon(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }
}
