import Foundation
import Messaging
import Shared

/// One round of the reminder scheduler: the day's digests (and overdue hazards, ``HazardReminders``) and the week's and month's summaries
/// once the ``ReminderSchedule`` says they are due, then every due message sent
/// (`reminders run --once`, and `serve --sms` every few seconds).
public struct ReminderRound: Sendable {
    let database: any ServerStore
    let gateway: any SMSGateway
    let schedule: ReminderSchedule

    public init(database: any ServerStore, gateway: any SMSGateway, schedule: ReminderSchedule) {
        (self.database, self.gateway, self.schedule) = (database, gateway, schedule)
    }

    /// What a round did.
    public struct Outcome: Sendable, Equatable {
        public var digests = 0
        /// Weekly and monthly summaries made.
        public var summaries = 0
        public var sent = ReminderSender.Round()
    }

    /// Runs the round at `now`; `mayContinue` is asked before each message (see ``ReminderSender/sendDue(now:limit:mayContinue:)``).
    public func run(now: Int64 = Int64(HybridLogicalClock.wallClockMilliseconds()),
                    mayContinue: @Sendable () async throws -> Bool = { true }) async throws -> Outcome {
        var outcome = Outcome()
        let periods = schedule.due(at: now)
        if periods.day != nil || periods.week != nil || periods.month != nil {
            (outcome.digests, outcome.summaries) = try await database.write { db in
                let digests = try periods.day.map { try DailyDigest.enqueue(day: $0.label, now: now, in: db)
                    + HazardReminders.enqueue(day: $0.label, now: now, in: db) } ?? 0
                let weekly = try periods.week.map { try PeriodSummary.enqueue(.weekly, period: $0, now: now, in: db) } ?? 0
                let monthly = try periods.month.map { try PeriodSummary.enqueue(.monthly, period: $0, now: now, in: db) } ?? 0
                return (digests, weekly + monthly)
            }
        }
        outcome.sent = try await ReminderSender(database: database, gateway: gateway, timeZone: schedule.timeZone).sendDue(now: now, mayContinue: mayContinue)
        return outcome
    }

    /// The messages a round at `now` would make that the outbox does not have yet: the period's
    /// digests and summaries, computed and not stored (`reminders preview`).
    static func messagesToMake(schedule: ReminderSchedule, now: Int64, in db: any StoreConnection) throws -> [Reminder] {
        let periods = schedule.due(at: now)
        var made = try periods.day.map { try DailyDigest.messages(day: $0.label, now: now, in: db)
            + HazardReminders.messages(day: $0.label, now: now, in: db) } ?? []
        made += try periods.week.map { try PeriodSummary.messages(.weekly, period: $0, now: now, in: db) } ?? []
        made += try periods.month.map { try PeriodSummary.messages(.monthly, period: $0, now: now, in: db) } ?? []
        guard !made.isEmpty else { return [] }
        let known = Set(try ReminderOutbox.list(keys: made.map(\.key), limit: made.count, in: db).map(\.key))
        return made.filter { !known.contains($0.key) }
    }
}
