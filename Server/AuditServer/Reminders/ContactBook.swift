import Foundation
import Messaging
import Shared

/// How to reach a person by text message: an auditor or an office user, by name.
public struct Contact: Sendable, Equatable, Encodable {
    public var name: String
    /// E.164: `+` and 8 to 15 digits.
    public var phone: String?
    public var language: Language
    /// Minutes after local midnight between which no message goes out (`from` may be after `to`:
    /// across midnight); `nil` for none.
    public var quietFrom: Int?
    public var quietTo: Int?
    /// Set when the person left: nothing more is sent to them.
    public var retired: Bool

    public init(name: String, phone: String? = nil, language: Language = .simplifiedChinese, quietFrom: Int? = nil, quietTo: Int? = nil,
                retired: Bool = false) {
        (self.name, self.phone, self.language, self.quietFrom, self.quietTo, self.retired) = (name, phone, language, quietFrom, quietTo, retired)
    }

    /// Whether `minute` (after local midnight) lies in the quiet hours.
    public func isQuiet(atMinute minute: Int) -> Bool {
        guard let from = quietFrom, let to = quietTo, from != to else { return false }
        return from < to ? (from..<to).contains(minute) : minute >= from || minute < to
    }
}

/// A change to a contact: each field left `nil` keeps what was set (``ContactBook/update(_:with:)``).
public struct ContactChange: Sendable, Equatable, Decodable {
    /// E.164; `""` removes the number.
    public var phone: String?
    /// `zh-CN` or `en`.
    public var language: String?
    /// `HH:MM-HH:MM`, local time; `none` or `""` for none.
    public var quiet: String?
    public var retired: Bool?

    public init(phone: String? = nil, language: String? = nil, quiet: String? = nil, retired: Bool? = nil) {
        (self.phone, self.language, self.quiet, self.retired) = (phone, language, quiet, retired)
    }
}

/// The `contacts` table: each person's phone, language and quiet hours (`audit-server auditor set`).
public struct ContactBook: Sendable {
    static let schema = [
        """
        CREATE TABLE contacts (
            name TEXT PRIMARY KEY,
            phone TEXT,
            language TEXT NOT NULL,
            quiet_from INTEGER,          -- minutes after local midnight
            quiet_to INTEGER,
            retired_at_ms BIGINT,
            updated_at_ms BIGINT NOT NULL
        )
        """,
    ]

    let database: any ServerStore

    public init(database: any ServerStore) { self.database = database }

    /// Why a contact was refused.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public var field: String
        public var value: String
        public var description: String { "\(field): \(value) is not valid" }
    }

    /// Saves `contact` whole, its phone in E.164 form (spaces and hyphens typed between digits dropped).
    public func save(_ contact: Contact) throws {
        var contact = contact
        if let phone = contact.phone {
            do { contact.phone = try PhoneNumber(phone).e164 } catch { throw Refusal(field: "phone", value: phone) }
        }
        for minute in [contact.quietFrom, contact.quietTo].compactMap({ $0 }) where !(0..<1440).contains(minute) {
            throw Refusal(field: "quiet", value: String(minute))
        }
        let now = Int64(HybridLogicalClock.wallClockMilliseconds())
        try database.write { db in
            _ = try db.execute("""
                INSERT INTO contacts (name, phone, language, quiet_from, quiet_to, retired_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET phone = excluded.phone, language = excluded.language, quiet_from = excluded.quiet_from,
                    quiet_to = excluded.quiet_to, retired_at_ms = excluded.retired_at_ms, updated_at_ms = excluded.updated_at_ms
                """, StoreArguments([contact.name.storeValue, contact.phone.storeValue, contact.language.rawValue.storeValue,
                                     contact.quietFrom.map { Int64($0) }.storeValue, contact.quietTo.map { Int64($0) }.storeValue,
                                     (contact.retired ? now : nil).storeValue, now.storeValue]))
        }
    }

    /// Changes what `change` names in `name`'s contact (made when there was none), everything
    /// checked before anything is written: `phone` E.164 (`""` removes it), `language` `zh-CN` or
    /// `en`, `quiet` `HH:MM-HH:MM` (`none` or `""` for none). `audit-server auditor set` and the
    /// console's users page both change contacts here.
    ///
    /// - Returns: the contact as saved.
    /// - Throws: ``Refusal`` naming the field (`phone`, `language` or `quiet`) when a value is not valid.
    @discardableResult
    public func update(_ name: String, with change: ContactChange) throws -> Contact {
        var contact = try contact(named: name) ?? Contact(name: name)
        if let phone = change.phone {
            let trimmed = phone.trimmingCharacters(in: .whitespaces)
            contact.phone = trimmed.isEmpty ? nil : trimmed
        }
        if let code = change.language {
            guard let language = Language(rawValue: code) else { throw Refusal(field: "language", value: code) }
            contact.language = language
        }
        if let quiet = change.quiet {
            if quiet == "none" || quiet.isEmpty {
                (contact.quietFrom, contact.quietTo) = (nil, nil)
            } else {
                guard let hours = QuietHours(parsing: quiet) else { throw Refusal(field: "quiet", value: quiet) }
                (contact.quietFrom, contact.quietTo) = (hours.from, hours.to)
            }
        }
        if let retired = change.retired { contact.retired = retired }
        try save(contact)
        return try self.contact(named: name) ?? contact
    }

    /// The contact of `name`, when one was saved.
    public func contact(named name: String) throws -> Contact? {
        try database.read { db in try Self.contact(named: name, in: db) }
    }

    /// Every saved contact, by name.
    public func list() throws -> [Contact] {
        try database.read { db in try db.rows("SELECT \(Self.columns) FROM contacts ORDER BY name").map(Self.contact) }
    }

    static func contact(named name: String, in db: any StoreConnection) throws -> Contact? {
        try db.row("SELECT \(columns) FROM contacts WHERE name = ?", [name]).map(contact)
    }

    private static let columns = "name, phone, language, quiet_from, quiet_to, retired_at_ms"

    private static func contact(_ row: StoreRow) -> Contact {
        Contact(name: row[0], phone: row[1], language: Language(rawValue: row[2]) ?? .simplifiedChinese,
                quietFrom: (row[3] as Int64?).map(Int.init), quietTo: (row[4] as Int64?).map(Int.init), retired: (row[5] as Int64?) != nil)
    }
}


/// Quiet hours as people write them: `HH:MM-HH:MM`, local time, across midnight when the end is
/// before the start.
struct QuietHours {
    /// Minutes after midnight.
    var from: Int
    var to: Int

    /// Reads `HH:MM-HH:MM`; `nil` when `text` is not that.
    init?(parsing text: String) {
        guard let match = text.wholeMatch(of: /([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-3]):([0-5][0-9])/),
              let fromHour = Int(match.1), let fromMinute = Int(match.2), let toHour = Int(match.3), let toMinute = Int(match.4) else { return nil }
        (from, to) = (fromHour * 60 + fromMinute, toHour * 60 + toMinute)
    }

    /// The hours of `from` and `to` (minutes after midnight) as `HH:MM-HH:MM`.
    static func text(from: Int?, to: Int?) -> String? {
        guard let from, let to else { return nil }
        return String(format: "%02d:%02d-%02d:%02d", from / 60, from % 60, to / 60, to % 60)
    }
}
