import Foundation
import Messaging
import Shared

/// One round of the reminder scheduler: the day's digests once their local hour has come, then
/// every due message sent (`reminders run --once`, and `serve --sms` every few seconds).
public struct ReminderRound: Sendable {
    let database: any ServerStore
    let gateway: any SMSGateway
    let timeZone: TimeZone
    /// The local hour from which the day's digest goes out.
    let digestHour: Int

    public init(database: any ServerStore, gateway: any SMSGateway, timeZone: TimeZone, digestHour: Int) {
        (self.database, self.gateway, self.timeZone, self.digestHour) = (database, gateway, timeZone, digestHour)
    }

    /// What a round did.
    public struct Outcome: Sendable, Equatable {
        public var digests = 0
        public var sent = ReminderSender.Round()
    }

    public func run(now: Int64 = Int64(HybridLogicalClock.wallClockMilliseconds())) async throws -> Outcome {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour], from: Date(timeIntervalSince1970: Double(now) / 1000))
        var outcome = Outcome()
        if (parts.hour ?? 0) >= digestHour {
            let day = String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
            outcome.digests = try await database.write { db in try DailyDigest.enqueue(day: day, now: now, in: db) }
        }
        outcome.sent = try await ReminderSender(database: database, gateway: gateway, timeZone: timeZone).sendDue(now: now)
        return outcome
    }
}
