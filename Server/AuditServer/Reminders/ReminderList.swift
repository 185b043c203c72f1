import Shared

/// The outbox as the office reads it (`audit-server reminders list`, the console).
public struct ReminderList: Sendable {
    let database: any ServerStore

    public init(database: any ServerStore) { self.database = database }

    /// The reminders in `states` (all when empty), newest first, at most `limit`.
    public func list(states: [String] = [], limit: Int = 200) throws -> [Reminder] {
        try database.read { db in try ReminderOutbox.list(states: states, limit: limit, in: db) }
    }
}
