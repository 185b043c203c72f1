import Foundation
import Shared

/// The reminder rules of work orders, applied to each save in its transaction: a new, changed,
/// reassigned or cancelled order → a text to its auditor, coalesced over ``window`` so a burst of
/// dispatcher edits sends one message; an urgent order (priority 1) at once, and to every
/// supervisor too. Nobody without a phone, retired, disabled or with every tablet revoked gets one.
enum WorkOrderReminders {
    /// How long a change waits for more changes of the same order before it is sent.
    static let window: Int64 = 60_000

    /// Puts the messages `writes` call for in the outbox.
    static func enqueue(after writes: [RecordWrite], in db: any StoreConnection,
                        now: Int64 = Int64(HybridLogicalClock.wallClockMilliseconds())) throws {
        for write in writes where write.state.kind == .workOrder {
            let order = WorkOrder(write.state), before = write.previous.map(WorkOrder.init)
            for (recipient, rule) in events(from: before, to: order) {
                try remind(recipient, rule, about: order, now: now, in: db)
            }
            let becameUrgent = order.priority == 1 && (before?.priority != 1 || before?.assignee.isEmpty != false)
            if becameUrgent, order.status != .cancelled, order.status != .draft, !order.retired, !order.assignee.isEmpty {
                for supervisor in try db.values(String.self, "SELECT name FROM office_users WHERE role = 'supervisor' AND disabled_at_ms IS NULL ORDER BY name") {
                    try remind(supervisor, "order.urgent_supervisor", about: order, now: now, in: db)
                }
            }
        }
    }

    /// Who is told what when an order goes from `before` to `order`.
    static func events(from before: WorkOrder?, to order: WorkOrder) -> [(recipient: String, rule: String)] {
        guard !order.retired, order.status != .draft else { return [] }
        let known = before.flatMap { $0.assignee.isEmpty || $0.status == .draft ? nil : $0 }
        if order.status == .cancelled {
            return known != nil && before?.status != .cancelled ? [(order.assignee, "order.cancelled")] : []
        }
        guard !order.assignee.isEmpty, order.status != .done else { return [] }
        guard let known else { return [(order.assignee, "order.new")] }
        if known.assignee != order.assignee { return [(order.assignee, "order.new"), (known.assignee, "order.reassigned")] }
        if known.customers != order.customers || known.due != order.due || known.priority != order.priority || known.area != order.area {
            return [(order.assignee, "order.changed")]
        }
        return []
    }

    private static func remind(_ recipient: String, _ rule: String, about order: WorkOrder, now: Int64, in db: any StoreConnection) throws {
        guard let (contact, phone) = try ReminderRecipients.reachable(recipient, in: db) else { return }
        let subject = order.id.rawValue
        let pending = try ReminderOutbox.pending(subject: subject, recipient: recipient, in: db)
        var rule = rule
        if pending?.rule == "order.new" {
            if rule == "order.changed" { rule = "order.new" }
            if rule == "order.cancelled" || rule == "order.reassigned" {
                // Never told of it, so nothing to take back.
                _ = try db.execute("UPDATE reminder_outbox SET state = 'cancelled', updated_at_ms = ? WHERE key = ?", [now, pending!.key])
                return
            }
        }
        let language = contact.language
        let urgent = order.priority == 1 && rule != "order.urgent_supervisor"
        let text = (urgent ? language.localized("sms.urgent") : "") + language.localized("sms." + rule, [
            "area": order.area.isEmpty ? language.localized("sms.unnamed_area") : order.area,
            "count": order.customers.count, "due": order.due ?? language.localized("sms.no_due"), "auditor": order.assignee,
        ])
        let reminder = Reminder(key: "order:\(subject):\(recipient):\(now)", recipient: recipient, phone: phone, language: language,
                                rule: rule, subject: subject, text: text, createdAt: now,
                                sendAfter: order.priority == 1 ? now : now + window, state: "pending", attempts: 0)
        try ReminderOutbox.put(reminder, into: pending?.key, in: db)
    }
}
