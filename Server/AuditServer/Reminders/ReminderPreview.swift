import Foundation
import Shared

/// What a reminder round would do now, and why, written nowhere (`audit-server reminders preview`):
/// every pending message with its ``ReminderDecision``, and the digests and summaries the round
/// would make first.
public struct ReminderPreview: Sendable {
    let database: any ServerStore
    let schedule: ReminderSchedule

    public init(database: any ServerStore, schedule: ReminderSchedule) {
        (self.database, self.schedule) = (database, schedule)
    }

    /// One message and what becomes of it.
    public struct Line: Sendable, Equatable, Encodable {
        public var reminder: Reminder
        public var decision: ReminderDecision
        /// Not in the outbox yet: a digest or summary the round would make.
        public var isNew: Bool

        enum CodingKeys: String, CodingKey {
            case reminder, decision, until, reason
            case isNew = "new"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(reminder, forKey: .reminder)
            try container.encode(isNew, forKey: .isNew)
            switch decision {
            case .send: try container.encode("send", forKey: .decision)
            case .notYet(let until):
                try container.encode("not_yet", forKey: .decision)
                try container.encode(until, forKey: .until)
            case .quiet(let until):
                try container.encode("quiet", forKey: .decision)
                try container.encode(until, forKey: .until)
            case .held(let reason):
                try container.encode("held", forKey: .decision)
                try container.encode(reason, forKey: .reason)
            }
        }
    }

    /// The preview at `now`: new messages first, then the pending ones, soonest first.
    public func lines(now: Int64 = Int64(HybridLogicalClock.wallClockMilliseconds()), limit: Int = 1_000) throws -> [Line] {
        let schedule = schedule
        return try database.read { db in
            let made = try ReminderRound.messagesToMake(schedule: schedule, now: now, in: db)
            let pending = try ReminderOutbox.pending(limit: limit, in: db)
            return try made.map { Line(reminder: $0, decision: try ReminderDecision.decide($0, now: now, timeZone: schedule.timeZone, in: db), isNew: true) }
                + pending.map { Line(reminder: $0, decision: try ReminderDecision.decide($0, now: now, timeZone: schedule.timeZone, in: db), isNew: false) }
        }
    }
}
