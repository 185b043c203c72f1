import Foundation
import Shared

/// The daily digest to each auditor with open work: customers still to visit, orders due the
/// next day, orders overdue. Nothing to an auditor with nothing to tell; one a day at most (its
/// key is the day and the auditor).
enum DailyDigest {
    /// Puts the digests of `day` (`YYYY-MM-DD`, the office's local day) in the outbox; returns how
    /// many were new.
    @discardableResult
    static func enqueue(day: String, now: Int64, in db: any StoreConnection) throws -> Int {
        try messages(day: day, now: now, in: db).filter { try ReminderOutbox.put($0, in: db) }.count
    }

    /// The digests of `day`, made but not stored (those already in the outbox among them).
    static func messages(day: String, now: Int64, in db: any StoreConnection) throws -> [Reminder] {
        let plan = try WorkPlan.compute(today: day, in: db)
        let tomorrow = WorkPlan.dayAfter(day)
        var made: [Reminder] = []
        for (auditor, orders) in Dictionary(grouping: plan.orders, by: \.auditor).sorted(by: { $0.key < $1.key }) where !auditor.isEmpty {
            let remaining = orders.reduce(0) { $0 + $1.remaining }
            let dueTomorrow = orders.filter { $0.due == tomorrow && $0.remaining > 0 }.count
            let overdue = orders.filter(\.overdue).count
            guard remaining > 0 || dueTomorrow > 0 || overdue > 0, let (contact, phone) = try ReminderRecipients.reachable(auditor, in: db) else { continue }
            let text = contact.language.localized("sms.digest", ["remaining": remaining, "due": dueTomorrow, "overdue": overdue])
            made.append(Reminder(key: "digest:\(day):\(auditor)", recipient: auditor, phone: phone, language: contact.language,
                                 rule: "digest.daily", subject: "digest:\(day)", text: text, createdAt: now, sendAfter: now,
                                 state: "pending", attempts: 0))
        }
        return made
    }
}
