import Foundation
import Shared

/// The text message to supervisors that a bulletin is ready, put in the reminders' outbox
/// (``ReminderOutbox``) with a key from the bulletin and the supervisor
/// (`bulletin:week:2026-11-30:wang`), so writing the same bulletin again tells nobody twice.
enum BulletinReminders {
    static func enqueue(_ report: BulletinReport, now: Int64, in db: any StoreConnection) throws -> Int {
        let subject = "bulletin:\(report.period.kind.rawValue):\(report.period.start)" + (report.county.map { ":" + $0 } ?? "")
        var made = 0
        for supervisor in try db.values(String.self, "SELECT name FROM office_users WHERE role = 'supervisor' ORDER BY name") {
            guard let (contact, phone) = try ReminderRecipients.reachable(supervisor, in: db) else { continue }
            let language = contact.language
            let text = language.localized("sms.bulletin.ready", [
                "title": report.period.title(in: language, county: report.county),
                "visited": report.headline("visited")?.value ?? 0, "planned": report.headline("planned")?.value ?? 0,
                "overdue": report.headline("overdue_orders")?.value ?? 0,
            ])
            let reminder = Reminder(key: "\(subject):\(supervisor)", recipient: supervisor, phone: phone, language: language,
                                    rule: "bulletin.ready", subject: subject, text: text, createdAt: now, sendAfter: now,
                                    state: "pending", attempts: 0)
            if try ReminderOutbox.put(reminder, in: db) { made += 1 }
        }
        return made
    }
}
