import Foundation
import Messaging
import Shared

/// Sends the outbox's due reminders through a gateway: each pending message whose time has
/// come, outside its recipient's quiet hours, once. A message the gateway takes is `queued`
/// (delivery reports move it on); one it cannot take now waits and is tried again with a
/// growing pause (30 s doubling to 30 min), across restarts, since the outbox is the store's; one
/// it refuses is `failed` with the reason. A gateway that is down delays messages, never drops them.
public struct ReminderSender: Sendable {
    let database: any ServerStore
    let gateway: any SMSGateway
    /// The office's time zone, for quiet hours.
    let timeZone: TimeZone

    public init(database: any ServerStore, gateway: any SMSGateway, timeZone: TimeZone = .current) {
        self.database = database
        self.gateway = gateway
        self.timeZone = timeZone
    }

    /// What one round did.
    public struct Round: Sendable, Equatable {
        public var accepted = 0
        public var retrying = 0
        public var refused = 0
        /// Held back by quiet hours.
        public var quiet = 0
    }

    /// The longest pause between tries.
    static let longestPause: Int64 = 30 * 60 * 1000

    /// Sends every reminder due at `now` (milliseconds since 1970), at most `limit`, each as
    /// ``ReminderDecision`` says. `mayContinue` is asked before each message (a node renews its
    /// lease there); when it answers `false` the round stops, leaving the rest for a later one.
    public func sendDue(now: Int64 = Int64(HybridLogicalClock.wallClockMilliseconds()), limit: Int = 500,
                        mayContinue: @Sendable () async throws -> Bool = { true }) async throws -> Round {
        let due = try await database.read { db in try ReminderOutbox.due(at: now, limit: limit, in: db) }
        var round = Round()
        for reminder in due {
            guard try await mayContinue() else { break }
            let key = reminder.key
            let timeZone = timeZone
            switch try await database.read({ db in try ReminderDecision.decide(reminder, now: now, timeZone: timeZone, in: db) }) {
            case .notYet:
                continue
            case .quiet(let until):
                try await update(key, "send_after_ms = ?", [until.storeValue])
                round.quiet += 1
            case .held(let reason):
                try await update(key, "state = 'failed', last_error = ?", [reason.storeValue])
                round.refused += 1
            case .send(let phone):
                switch await gateway.send(OutgoingSMS(key: key, to: phone, text: reminder.text, language: reminder.language)) {
                case .accepted:
                    try await update(key, "state = 'queued', attempts = attempts + 1, last_error = NULL", [])
                    round.accepted += 1
                case .retryLater(let reason):
                    let pause = min(Self.longestPause, 30_000 << min(reminder.attempts, 10))
                    try await update(key, "attempts = attempts + 1, send_after_ms = ?, last_error = ?", [(now + pause).storeValue, reason.storeValue])
                    round.retrying += 1
                case .refused(let reason):
                    try await update(key, "state = 'failed', attempts = attempts + 1, last_error = ?", [reason.storeValue])
                    round.refused += 1
                }
            }
        }
        return round
    }

    /// Moves the pending message `key` on. A message no longer pending (a delivery report that
    /// came before the gateway's answer marked it delivered) is left as it is.
    private func update(_ key: String, _ assignments: String, _ values: [StoreValue]) async throws {
        let now = Int64(HybridLogicalClock.wallClockMilliseconds())
        try await database.write { db in
            _ = try db.execute("UPDATE reminder_outbox SET \(assignments), updated_at_ms = ? WHERE key = ? AND state = 'pending'",
                               StoreArguments(values + [now.storeValue, key.storeValue]))
        }
    }
}
