import Foundation
import Shared

/// Overdue hazards in the day's reminders: the re-inspecting auditor of each hazard whose
/// re-inspection is past its due date, and every supervisor when any hazard's rectification or
/// re-inspection is. One message a day at most per hazard and auditor, and per supervisor (keyed by
/// the day); nobody unreachable gets one (``ReminderRecipients``).
enum HazardReminders {
    /// Puts the overdue-hazard messages of `day` (YYYY-MM-DD) in the outbox; returns how many were new.
    @discardableResult
    static func enqueue(day: String, now: Int64, in db: any StoreConnection) throws -> Int {
        try messages(day: day, now: now, in: db).filter { try ReminderOutbox.put($0, in: db) }.count
    }

    /// The overdue-hazard messages of `day`, made but not stored.
    static func messages(day: String, now: Int64, in db: any StoreConnection) throws -> [Reminder] {
        let overdue = try HazardTable.hazards(matching: HazardFilter(overdue: true, today: day), in: db)
            .sorted { ($1.severity, $0.currentDue ?? "", $0.id.rawValue) < ($0.severity, $1.currentDue ?? "", $1.id.rawValue) }
        guard let worst = overdue.first else { return [] }
        func reminder(_ key: String, _ contact: Contact, _ phone: String, rule: String, subject: String, text: String) -> Reminder {
            Reminder(key: key, recipient: contact.name, phone: phone, language: contact.language, rule: rule, subject: subject,
                     text: text, createdAt: now, sendAfter: now, state: "pending", attempts: 0)
        }
        var made: [Reminder] = []
        for hazard in overdue where hazard.state == .reinspectionScheduled {
            guard let auditor = hazard.reinspectionBy, let (contact, phone) = try ReminderRecipients.reachable(auditor, in: db) else { continue }
            let text = contact.language.localized("sms.hazard.reinspection_overdue", [
                "id": hazard.id.rawValue, "type": hazard.type.label(in: contact.language), "customer": hazard.customer.rawValue,
                "due": hazard.reinspectionDue ?? ""])
            made.append(reminder("hazard:\(day):\(hazard.id.rawValue):\(auditor)", contact, phone, rule: "hazard.reinspection_overdue",
                                 subject: "hazard:\(hazard.id.rawValue)", text: text))
        }
        let supervisors = try db.values(String.self, "SELECT name FROM office_users WHERE role = 'supervisor' AND disabled_at_ms IS NULL ORDER BY name")
        for (contact, phone) in try supervisors.compactMap({ try ReminderRecipients.reachable($0, in: db) }) {
            let text = contact.language.localized("sms.hazard.overdue_summary", [
                "count": overdue.count, "id": worst.id.rawValue, "severity": worst.severity.label(in: contact.language),
                "type": worst.type.label(in: contact.language), "due": worst.currentDue ?? ""])
            made.append(reminder("hazards:\(day):\(contact.name)", contact, phone, rule: "hazard.overdue", subject: "hazards:\(day)", text: text))
        }
        return made
    }
}
