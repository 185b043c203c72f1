import Shared

/// The outbox as the office reads it (`audit-server reminders list`, the console's Messages page).
public struct ReminderList: Sendable {
    let database: any ServerStore

    public init(database: any ServerStore) { self.database = database }

    /// The states a message can be in.
    public static let states = ["pending", "queued", "delivered", "failed", "cancelled"]

    /// One page of messages, newest first: ``page(states:recipient:after:limit:)``.
    public struct Page: Sendable, Equatable, Encodable {
        public var messages: [Reminder]
        /// Where the next page starts (``ReminderCursor/text``), or `nil` when this is the last.
        public var next: String?
    }

    /// The messages in `states` (all when empty) to `recipient` (everyone when `nil`), newest first,
    /// after `after` (from the start when `nil`), at most `limit`; `reminders list` and the
    /// console's `GET /console/api/messages` both read the outbox here.
    public func page(states: [String] = [], recipient: String? = nil, after: ReminderCursor? = nil, limit: Int = 200) throws -> Page {
        let rows = try database.read { db in
            try ReminderOutbox.list(states: states, recipient: recipient, after: after, limit: limit + 1, in: db)
        }
        let messages = Array(rows.prefix(limit))
        let next = rows.count > limit ? messages.last.map { ReminderCursor(createdAt: $0.createdAt, key: $0.key).text } : nil
        return Page(messages: messages, next: next)
    }

    /// The reminders in `states` (all when empty; or those with `keys`), newest first, at most `limit`.
    public func list(states: [String] = [], keys: [String] = [], limit: Int = 200) throws -> [Reminder] {
        guard keys.isEmpty else {
            return try database.read { db in try ReminderOutbox.list(keys: keys, limit: limit, in: db) }
        }
        return try page(states: states, limit: limit).messages
    }
}

/// Where a page of the outbox starts: just after the message made at `createdAt` with `key`
/// (messages are listed newest first, then by key). As text `MS:KEY`.
public struct ReminderCursor: Sendable, Equatable {
    public var createdAt: Int64
    public var key: String

    public init(createdAt: Int64, key: String) { (self.createdAt, self.key) = (createdAt, key) }

    /// Reads `MS:KEY`; `nil` when `text` is not that.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let createdAt = Int64(parts[0]), !parts[1].isEmpty else { return nil }
        (self.createdAt, self.key) = (createdAt, String(parts[1]))
    }

    public var text: String { "\(createdAt):\(key)" }
}
