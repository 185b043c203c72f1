import Shared

/// Who may be sent a text message: a person with a contact and a phone, not retired, not a
/// disabled office user, and not an auditor whose every tablet is revoked.
enum ReminderRecipients {
    /// `name`'s contact and phone when they may be sent messages, else `nil`.
    static func reachable(_ name: String, in db: any StoreConnection) throws -> (contact: Contact, phone: String)? {
        guard let contact = try ContactBook.contact(named: name, in: db), let phone = contact.phone, !contact.retired else { return nil }
        let disabled = try db.value(Int64.self, "SELECT disabled_at_ms FROM office_users WHERE name = ?", [name])
        guard disabled == nil else { return nil }
        let revoked = try db.rows("SELECT revoked_at_ms FROM devices WHERE auditor = ?", [name]).map { ($0[0] as Int64?) != nil }
        guard revoked.isEmpty || revoked.contains(false) else { return nil }
        return (contact, phone)
    }
}
