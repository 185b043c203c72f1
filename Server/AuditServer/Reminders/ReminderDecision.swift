import Foundation
import Messaging
import Shared

/// What becomes of one pending message at a given time, and why: the one judgement the sender acts
/// on and `reminders preview` shows.
public enum ReminderDecision: Sendable, Equatable {
    /// Goes out now, to this number.
    case send(PhoneNumber)
    /// Waits: its time (a coalescing window or a retry's pause) has not come.
    case notYet(until: Int64)
    /// Waits for the end of its recipient's quiet hours.
    case quiet(until: Int64)
    /// Goes nowhere, for this reason: the recipient retired, lost their phone or every tablet
    /// (``ReminderRecipients``), or the number is not E.164.
    case held(reason: String)

    /// The decision for `reminder` at `now` (milliseconds since 1970), quiet hours read in `timeZone`:
    /// a message that will not go is told so first, even before its time.
    static func decide(_ reminder: Reminder, now: Int64, timeZone: TimeZone, in db: any StoreConnection) throws -> ReminderDecision {
        guard let (contact, _) = try ReminderRecipients.reachable(reminder.recipient, in: db) else {
            return .held(reason: "\(reminder.recipient) may not be sent messages now: retired, disabled, without a phone or every tablet revoked")
        }
        guard reminder.sendAfter <= now else { return .notYet(until: reminder.sendAfter) }
        if let until = quietUntil(contact, now: now, timeZone: timeZone) { return .quiet(until: until) }
        guard let phone = try? PhoneNumber(reminder.phone) else { return .held(reason: "not an E.164 number: \(reminder.phone)") }
        return .send(phone)
    }

    /// When `contact`'s quiet hours end, if they are in them at `now`.
    static func quietUntil(_ contact: Contact, now: Int64, timeZone: TimeZone) -> Int64? {
        guard let end = contact.quietTo else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: Date(timeIntervalSince1970: Double(now) / 1000))
        let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        guard contact.isQuiet(atMinute: minute) else { return nil }
        return now + Int64(((end - minute) + 1440) % 1440) * 60_000
    }
}
