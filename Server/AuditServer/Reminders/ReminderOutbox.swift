import Foundation
import Shared

/// A text message waiting in, or gone from, the outbox.
public struct Reminder: Sendable, Equatable, Encodable {
    /// Stable from its cause (`order:ID:RECIPIENT:MS`): the same cause never sends twice.
    public var key: String
    public var recipient: String
    public var phone: String
    public var language: Language
    /// What rule made it: `order.new`, `order.changed`, `order.reassigned`, `order.cancelled`, `order.urgent`.
    public var rule: String
    /// What it is about: a work order's id.
    public var subject: String
    public var text: String
    public var createdAt: Int64
    /// Not sent before this time (a burst of edits is coalesced until then).
    public var sendAfter: Int64
    /// `pending`, `queued` (the gateway took it), `delivered`, `failed` or `cancelled`.
    public var state: String
    public var attempts: Int
    /// Why the last try did not go (the gateway's reason, or a failed delivery report's), if it did not.
    public var lastError: String? = nil

    enum CodingKeys: String, CodingKey {
        case key, recipient, phone, language, rule, subject, text, state, attempts
        case lastError = "last_error"
        case createdAt = "created_at_ms"
        case sendAfter = "send_after_ms"
    }
}

/// The `reminder_outbox` table: every text message the rules make, written in the same
/// transaction as its cause, so that none is lost and none is made twice; a sender takes them
/// from here when due.
enum ReminderOutbox {
    static let schema = [
        """
        CREATE TABLE reminder_outbox (
            key TEXT PRIMARY KEY,        -- stable from the cause
            recipient TEXT NOT NULL,
            phone TEXT NOT NULL,
            language TEXT NOT NULL,
            rule TEXT NOT NULL,
            subject TEXT NOT NULL,
            text TEXT NOT NULL,
            created_at_ms BIGINT NOT NULL,
            send_after_ms BIGINT NOT NULL,
            state TEXT NOT NULL,         -- pending, queued, delivered, failed, cancelled
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            updated_at_ms BIGINT NOT NULL
        )
        """,
        "CREATE INDEX reminder_outbox_due ON reminder_outbox(state, send_after_ms)",
        "CREATE INDEX reminder_outbox_by_subject ON reminder_outbox(subject, recipient, state)",
    ]

    /// The reminder about `subject` for `recipient` still waiting to go out, if any: a new one
    /// about the same is folded into it (``put(_:into:in:)``), so a burst of edits sends one message.
    static func pending(subject: String, recipient: String, in db: any StoreConnection) throws -> (key: String, rule: String)? {
        try db.row("""
            SELECT key, rule FROM reminder_outbox WHERE subject = ? AND recipient = ? AND state = 'pending' ORDER BY created_at_ms LIMIT 1
            """, [subject, recipient]).map { ($0[0], $0[1]) }
    }

    /// Puts `reminder` in the outbox, or into the pending one with key `pending` (its rule and text
    /// the new ones, its send time kept). A key already there is left alone: a cause makes one message.
    /// - Returns: whether a message was added.
    @discardableResult
    static func put(_ reminder: Reminder, into pending: String? = nil, in db: any StoreConnection) throws -> Bool {
        if let pending {
            _ = try db.execute("UPDATE reminder_outbox SET rule = ?, text = ?, phone = ?, language = ?, updated_at_ms = ? WHERE key = ?",
                               [reminder.rule, reminder.text, reminder.phone, reminder.language.rawValue, reminder.createdAt, pending])
            return false
        }
        return try db.execute("""
            INSERT INTO reminder_outbox (key, recipient, phone, language, rule, subject, text, created_at_ms, send_after_ms, state, updated_at_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT (key) DO NOTHING
            """, [reminder.key, reminder.recipient, reminder.phone, reminder.language.rawValue, reminder.rule, reminder.subject, reminder.text,
                  reminder.createdAt, reminder.sendAfter, reminder.createdAt]) > 0
    }

    /// The reminders in `states` (all when empty; or those with `keys`), to `recipient` when one is
    /// named, newest first (then by key), those after `after` when it is given, at most `limit`.
    static func list(states: [String] = [], keys: [String] = [], recipient: String? = nil, after: ReminderCursor? = nil, limit: Int = 200,
                     in db: any StoreConnection) throws -> [Reminder] {
        var conditions: [String] = [], values: [StoreValue] = []
        let (column, matching) = keys.isEmpty ? ("state", states) : ("key", keys)
        if !matching.isEmpty {
            conditions.append("\(column) IN (\(SQLList.placeholders(matching.count)))")
            values += matching.map(\.storeValue)
        }
        if let recipient {
            conditions.append("recipient = ?")
            values.append(recipient.storeValue)
        }
        if let after {
            conditions.append("(created_at_ms < ? OR (created_at_ms = ? AND key > ?))")
            values += [after.createdAt.storeValue, after.createdAt.storeValue, after.key.storeValue]
        }
        let condition = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try select("\(condition) ORDER BY created_at_ms DESC, key LIMIT \(limit)", StoreArguments(values), in: db)
    }

    /// The pending reminders due at `now`, soonest first, at most `limit`.
    static func due(at now: Int64, limit: Int, in db: any StoreConnection) throws -> [Reminder] {
        try select("WHERE state = 'pending' AND send_after_ms <= ? ORDER BY send_after_ms, key LIMIT \(limit)", [now], in: db)
    }

    /// Every pending reminder, due or not, soonest first, at most `limit`.
    static func pending(limit: Int, in db: any StoreConnection) throws -> [Reminder] {
        try select("WHERE state = 'pending' ORDER BY send_after_ms, key LIMIT \(limit)", [], in: db)
    }

    private static func select(_ rest: String, _ arguments: StoreArguments, in db: any StoreConnection) throws -> [Reminder] {
        try db.rows("""
            SELECT key, recipient, phone, language, rule, subject, text, created_at_ms, send_after_ms, state, attempts, last_error
            FROM reminder_outbox \(rest)
            """, arguments)
            .map { Reminder(key: $0[0], recipient: $0[1], phone: $0[2], language: Language(rawValue: $0[3]) ?? .simplifiedChinese, rule: $0[4],
                            subject: $0[5], text: $0[6], createdAt: $0[7], sendAfter: $0[8], state: $0[9], attempts: Int($0[10] as Int64),
                            lastError: $0[11]) }
    }
}
