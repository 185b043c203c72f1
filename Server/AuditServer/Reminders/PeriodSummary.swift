import Foundation
import Shared

/// The weekly and monthly summaries to supervisors: customers visited in the period, progress of
/// the open orders, orders overdue, conflicts open and presence flags raised in the period. One per
/// supervisor and period (its key is the period's label and the supervisor).
enum PeriodSummary {
    /// Which summary.
    enum Kind: String, Sendable {
        case weekly, monthly
    }

    /// Puts the `kind` summaries of `period` in the outbox; returns how many were new.
    @discardableResult
    static func enqueue(_ kind: Kind, period: ReminderSchedule.Period, now: Int64, in db: any StoreConnection) throws -> Int {
        try messages(kind, period: period, now: now, in: db).filter { try ReminderOutbox.put($0, in: db) }.count
    }

    /// The `kind` summaries of `period`, made but not stored.
    static func messages(_ kind: Kind, period: ReminderSchedule.Period, now: Int64, in db: any StoreConnection) throws -> [Reminder] {
        let supervisors = try db.values(String.self, "SELECT name FROM office_users WHERE role = 'supervisor' AND disabled_at_ms IS NULL ORDER BY name")
        let reachable = try supervisors.compactMap { try ReminderRecipients.reachable($0, in: db) }
        guard !reachable.isEmpty else { return [] }
        let figures = try Figures(period: period, in: db)
        return reachable.map { contact, phone in
            Reminder(key: "summary:\(kind.rawValue):\(period.label):\(contact.name)", recipient: contact.name, phone: phone, language: contact.language,
                     rule: "summary.\(kind.rawValue)", subject: "summary:\(period.label)",
                     text: contact.language.localized("sms.summary.\(kind.rawValue)", figures.arguments(period)),
                     createdAt: now, sendAfter: now, state: "pending", attempts: 0)
        }
    }

    /// What a summary tells.
    struct Figures {
        var visited: Int64
        var done: Int
        var assigned: Int
        var overdue: Int
        var conflicts: Int64
        var flags: Int64

        init(period: ReminderSchedule.Period, in db: any StoreConnection) throws {
            let plan = try WorkPlan.compute(today: period.today, in: db)
            done = plan.workloads.reduce(0) { $0 + $1.done }
            assigned = plan.workloads.reduce(0) { $0 + $1.assigned }
            overdue = plan.orders.filter(\.overdue).count
            // Visit times are UTC (`YYYY-MM-DDTHH:MM:SSZ`): from the period's first day on.
            visited = try db.value(Int64.self, "SELECT COUNT(*) FROM customer_map WHERE visited_at >= ?", [period.since]) ?? 0
            flags = try db.value(Int64.self, "SELECT COUNT(*) FROM customer_map WHERE presence_flagged = 1 AND visited_at >= ?", [period.since]) ?? 0
            conflicts = try db.value(Int64.self, "SELECT COUNT(*) FROM records WHERE conflicted = 1") ?? 0
        }

        func arguments(_ period: ReminderSchedule.Period) -> [String: any CustomStringConvertible] {
            ["period": period.label, "visited": visited, "done": done, "assigned": assigned, "overdue": overdue, "conflicts": conflicts, "flags": flags]
        }
    }
}
