import Shared

/// The outbox as the office reads it (`audit-server reminders list`, the console).
public struct ReminderList: Sendable {
    let database: any ServerStore

    public init(database: any ServerStore) { self.database = database }

    /// The reminders in `states` (all when empty; or those with `keys`), newest first, at most `limit`.
    public func list(states: [String] = [], keys: [String] = [], limit: Int = 200) throws -> [Reminder] {
        try database.read { db in try ReminderOutbox.list(states: states, keys: keys, limit: limit, in: db) }
    }
}
