import Foundation

/// Slows password guessing: after ``allowedFailures`` failed logins in a row for one user name, or
/// ``allowedFailuresPerAddress`` from one address, further logins for it are refused, even with the
/// right password, for a lock that doubles with each further failure (from one minute up to an
/// hour). Failures more than an hour after the last one start the count again.
///
/// Failures are kept in the store (`office_login_failures`), so every node behind a load balancer
/// counts the same ones, and a restart forgets none.
struct LoginThrottle: Sendable {
    static let allowedFailures = 5
    static let allowedFailuresPerAddress = 20
    static let firstLock: Int64 = 60_000
    static let longestLock: Int64 = 3_600_000

    /// The subjects a login attempt counts against.
    static func subjects(user: String, address: String?) -> [(subject: String, allowed: Int)] {
        [("user:" + user, allowedFailures)] + (address.map { [("address:" + $0, allowedFailuresPerAddress)] } ?? [])
    }

    /// Milliseconds until any of `subjects` may try again, 0 when none is locked.
    static func wait(for subjects: [(subject: String, allowed: Int)], now: Int64, in db: any StoreConnection) throws -> Int64 {
        try subjects.map { entry in
            let until = try db.value(Int64.self, "SELECT locked_until_ms FROM office_login_failures WHERE subject = ?", [entry.subject]) ?? 0
            return max(0, until - now)
        }.max() ?? 0
    }

    /// Counts one failure against each subject, locking those past their allowance.
    static func fail(_ subjects: [(subject: String, allowed: Int)], now: Int64, in db: any StoreConnection) throws {
        for entry in subjects {
            let previous = try db.row("SELECT failures, last_at_ms FROM office_login_failures WHERE subject = ?", [entry.subject])
            // Failures an hour apart are not one attack: the count starts again.
            let recent = previous.map { (try? $0.decode(Int64.self, at: 1)).map { now - $0 < 3_600_000 } ?? false } ?? false
            let failures = (recent ? (try previous?.decode(Int64.self, at: 0) ?? 0) : 0) + 1
            let over = failures - Int64(entry.allowed) + 1
            let lock: Int64? = over > 0 ? now + min(longestLock, firstLock << min(over - 1, 10)) : nil
            try db.execute("""
                INSERT INTO office_login_failures (subject, failures, last_at_ms, locked_until_ms) VALUES (?, ?, ?, ?)
                ON CONFLICT (subject) DO UPDATE SET failures = excluded.failures, last_at_ms = excluded.last_at_ms,
                  locked_until_ms = excluded.locked_until_ms
                """, [entry.subject, failures, now, lock])
        }
    }

    /// Forgets the failures of a user who logged in.
    static func succeed(user: String, in db: any StoreConnection) throws {
        try db.execute("DELETE FROM office_login_failures WHERE subject = ?", ["user:" + user])
    }
}
