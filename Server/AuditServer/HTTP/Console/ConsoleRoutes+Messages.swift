import Foundation
import Hummingbird
import Shared

/// The console's text messages and how people are reached:
///
/// - `GET /messages?state=S&recipient=NAME&after=CURSOR&limit=N`: the outbox newest first, a page
///   at a time (``ReminderList``, the query `audit-server reminders list` uses); every office user
///   may read it.
/// - `GET /admin/contacts`: each office user and auditor with phone, SMS language, quiet hours and
///   whether retired; `POST /admin/contacts/{name}` changes them (``ContactBook/update(_:with:)``,
///   as `audit-server auditor set` does). An admin's.
extension ConsoleRoutes {
    /// The most messages one page holds.
    static let messagePageLimit = 500

    func addMessageRoutes(to api: RouterGroup<OfficeRequestContext>) {
        api.get("/messages") { [database] request, _ in
            let query = request.uri.queryParameters
            let states = (query["state"].map(String.init) ?? "").split(separator: ",").map(String.init)
            if let unknown = states.first(where: { !ReminderList.states.contains($0) }) {
                throw APIError(status: 400, code: "bad_state", detail: "no state \(unknown): one of \(ReminderList.states.joined(separator: ", "))")
            }
            let recipient = query["recipient"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            let afterText = query["after"].map(String.init) ?? ""
            let after = afterText.isEmpty ? nil : ReminderCursor(afterText)
            guard afterText.isEmpty || after != nil else {
                throw APIError(status: 400, code: "bad_cursor", detail: "after must be a page's next cursor, MS:KEY, not \(afterText)")
            }
            let limitText = query["limit"].map(String.init) ?? "50"
            guard let limit = Int(limitText), (1...Self.messagePageLimit).contains(limit) else {
                throw APIError(status: 400, code: "bad_limit", detail: "limit must be 1 to \(Self.messagePageLimit), not \(limitText)")
            }
            let list = ReminderList(database: database)
            return try JSONResponse.make(try await Self.offThread { try list.page(states: states, recipient: recipient, after: after, limit: limit) },
                                         for: request)
        }
        let admin = api.group("/admin").add(middleware: OfficeRoleMiddleware(need: .accountManagement))
        admin.get("/contacts") { [database, accounts] request, _ in
            try JSONResponse.make(try await Self.offThread { try ContactRow.all(database: database, accounts: accounts) }, for: request)
        }
        // Any name, as `audit-server auditor set` takes any: an auditor named by work orders may have no tablet yet.
        admin.post("/contacts/:name") { [database, accounts] request, context in
            let name = context.parameters.get("name") ?? ""
            let change = try await Self.decode(ContactChange.self, from: request, example: ContactRow.example)
            do {
                try await Self.offThread { _ = try ContactBook(database: database).update(name, with: change) }
            } catch let refusal as ContactBook.Refusal {
                var error = APIError(status: 400, code: "bad_contact", detail: refusal.description + "; nothing was written")
                error.body.field = refusal.field
                throw error
            }
            return try JSONResponse.make(try await Self.offThread { try ContactRow.all(database: database, accounts: accounts) }, for: request)
        }
    }
}

/// A row of the console's users page: an office user or an auditor, and how they are reached by
/// text message.
struct ContactRow: Encodable, Equatable {
    var name: String
    /// `office` or `auditor`.
    var kind: String
    /// An office user's role.
    var role: String?
    /// Whether an office user is disabled.
    var disabled: Bool
    var phone: String?
    var language: Language
    /// `HH:MM-HH:MM`, or `nil` for none.
    var quiet: String?
    var retired: Bool

    static let example = #"{"phone": "+8613800138000", "language": "zh-CN|en", "quiet": "21:00-07:00|none", "retired": false}"#

    /// Every office user, then every auditor (with a tablet, or a contact of their own), by name.
    static func all(database: any ServerStore, accounts: OfficeAccounts) throws -> [ContactRow] {
        let contacts = Dictionary(try ContactBook(database: database).list().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let users = try accounts.list()
        let office = Set(users.map(\.name))
        let auditors = Set(try DeviceRegistry(database: database).list().map(\.auditor)).union(contacts.keys).subtracting(office)
        func row(_ name: String, kind: String, role: String?, disabled: Bool) -> ContactRow {
            let contact = contacts[name] ?? Contact(name: name)
            return ContactRow(name: name, kind: kind, role: role, disabled: disabled, phone: contact.phone, language: contact.language,
                              quiet: QuietHours.text(from: contact.quietFrom, to: contact.quietTo), retired: contact.retired)
        }
        return users.sorted { $0.name < $1.name }.map { row($0.name, kind: "office", role: $0.role.rawValue, disabled: $0.disabledAtMilliseconds != nil) }
            + auditors.sorted().map { row($0, kind: "auditor", role: nil, disabled: false) }
    }
}
