import Foundation
import Shared

/// A named lease in the store: at most one holder at a time, until its expiry. With several
/// `audit-server` nodes on one store, the node holding the `reminders` lease is the one that sends
/// text messages; a node that dies stops renewing, and another takes the lease once it expires.
///
/// Taking and renewing are one conditional upsert, atomic on SQLite and PostgreSQL alike: the row
/// is written when there is none, when the caller already holds it, or when it has expired.
///
/// ```swift
/// let lease = StoreLease(database: store, name: "reminders", holder: "node-a:8080", duration: 30_000)
/// if try await lease.take(now: now) { /* this node's turn */ }
/// ```
struct StoreLease: Sendable {
    static let schema = [
        """
        CREATE TABLE leases (
            name TEXT PRIMARY KEY,       -- what the lease is for, e.g. reminders
            holder TEXT NOT NULL,        -- the node holding it
            expires_at_ms BIGINT NOT NULL
        )
        """,
    ]

    let database: any ServerStore
    /// What the lease is for.
    let name: String
    /// Who asks: stable for a node across its restarts (its host and port), so a node that comes
    /// back takes its own lease at once, and different for every other node.
    let holder: String
    /// How long a take lasts, in milliseconds.
    let duration: Int64

    /// Takes the lease, or renews it when this holder has it; `false` while another holder's has
    /// not expired at `now`.
    func take(now: Int64 = Int64(HybridLogicalClock.wallClockMilliseconds())) async throws -> Bool {
        let (name, holder, expires) = (name, holder, now + duration)
        return try await database.write { db in
            try db.execute("""
                INSERT INTO leases (name, holder, expires_at_ms) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at_ms = excluded.expires_at_ms
                WHERE leases.holder = excluded.holder OR leases.expires_at_ms <= ?
                """, [name, holder, expires, now]) > 0
        }
    }

    /// Gives the lease up at once when this holder has it, so another node need not wait for it
    /// to expire (a graceful stop).
    func release() async throws {
        let (name, holder) = (name, holder)
        _ = try await database.write { db in try db.execute("DELETE FROM leases WHERE name = ? AND holder = ?", [name, holder]) }
    }

    /// Who holds the lease at `now`, if anyone.
    func currentHolder(now: Int64 = Int64(HybridLogicalClock.wallClockMilliseconds())) async throws -> String? {
        let name = name
        return try await database.read { db in
            try db.value(String.self, "SELECT holder FROM leases WHERE name = ? AND expires_at_ms > ?", [name, now])
        }
    }
}
