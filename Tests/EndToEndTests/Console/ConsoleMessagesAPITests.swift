import Foundation
import TestSupport
import Testing

/// The console's text messages and users' phones: every office user reads the outbox a page at a
/// time, filtered by state and recipient, as `reminders list` lists it; only an admin changes how
/// people are reached, each value checked as `auditor set` checks it, a bad one refused with its
/// field and nothing written.
@Suite("console messages and phones API")
struct ConsoleMessagesAPITests {
    static func json(_ text: String?) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data((text ?? "").utf8)) as? [String: Any] ?? [:]
    }

    @Test("messages: newest first in pages by cursor, filtered by state and recipient, for every role; bad filters 400, no login 401")
    func messages() async throws {
        let fixture = try ServerFixture()
        for (name, role) in [("wang.li", "dispatcher"), ("zhao.min", "supervisor")] { try fixture.addOfficeUser(name, role: role) }
        try ServerFixture.expectSuccess(fixture.dispatch(["auditor", "set", "anna", "--phone", "+8613800138000", "--sms-lang", "zh-CN"]))
        try ServerFixture.expectSuccess(fixture.dispatch(["auditor", "set", "ben", "--phone", "+4915112345678", "--sms-lang", "en"]))
        for (auditor, area) in [("anna", "北片"), ("anna", "南片"), ("ben", "west")] {
            try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", auditor, "--area", area, "--customers", "20000001"]))
        }
        let listed = try JSONSerialization.jsonObject(with: Data(try ServerFixture.expectSuccess(fixture.dispatch(["reminders", "list", "--json"])).stdout.utf8))
            as? [[String: Any]] ?? []
        let keys = listed.compactMap { $0["key"] as? String }
        try #require(keys.count == 3)
        try fixture.store.execute("UPDATE reminder_outbox SET state = 'delivered', attempts = 1 WHERE key = '\(keys[0])'")
        try fixture.store.execute("UPDATE reminder_outbox SET state = 'failed', attempts = 1, last_error = 'number not in service' WHERE key = '\(keys[1])'")

        var supervisor = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await supervisor.logIn("zhao.min", OfficeAccountTests.password).status == 200)
        let first = try Self.json(try await supervisor.send(.get, "/console/api/messages?limit=2").text)
        let firstPage = first["messages"] as? [[String: Any]] ?? []
        let next = try #require(first["next"] as? String)
        let second = try Self.json(try await supervisor.send(.get, "/console/api/messages?limit=2&after=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")).text)
        let secondPage = second["messages"] as? [[String: Any]] ?? []
        #expect((firstPage + secondPage).compactMap { $0["key"] as? String } == keys, "the order reminders list gives")
        #expect(second["next"] == nil || second["next"] is NSNull, "the last page")
        let failed = firstPage.first { $0["key"] as? String == keys[1] }
        #expect(failed?["state"] as? String == "failed" && failed?["last_error"] as? String == "number not in service" && failed?["attempts"] as? Int == 1)

        let delivered = try Self.json(try await supervisor.send(.get, "/console/api/messages?state=delivered").text)["messages"] as? [[String: Any]] ?? []
        #expect(delivered.compactMap { $0["key"] as? String } == [keys[0]])
        let bens = try Self.json(try await supervisor.send(.get, "/console/api/messages?recipient=ben").text)["messages"] as? [[String: Any]] ?? []
        #expect(bens.count == 1 && bens[0]["phone"] as? String == "+4915112345678" && bens[0]["rule"] as? String == "order.new")
        let cli = try ServerFixture.expectSuccess(fixture.dispatch(["reminders", "list", "--recipient", "ben"])).stdout
        #expect(cli.split(separator: "\n").count == 1 && cli.contains("+4915112345678"))

        for query in ["?state=lost", "?limit=0", "?limit=501", "?after=nonsense"] {
            let answer = try await supervisor.send(.get, "/console/api/messages" + query)
            #expect(answer.status == 400, "\(query): \(answer.status) \(answer.text ?? "")")
        }
        var dispatcher = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await dispatcher.logIn("wang.li", OfficeAccountTests.password).status == 200)
        #expect(try await dispatcher.send(.get, "/console/api/messages").status == 200)
        #expect(try await ConsoleSession(baseURL: fixture.server.baseURL).send(.get, "/console/api/messages").status == 401)
    }

    @Test("phones: an admin lists office users and auditors and sets them; a dispatcher 403, no CSRF token 403, a bad value 400 with its field and nothing written")
    func phones() async throws {
        let fixture = try ServerFixture()
        for (name, role) in [("li.admin", "admin"), ("wang.li", "dispatcher")] { try fixture.addOfficeUser(name, role: role) }
        try ServerFixture.expectSuccess(fixture.dispatch(["auditor", "set", "anna", "--phone", "+8613800138000", "--quiet", "21:00-07:00"]))
        var admin = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await admin.logIn("li.admin", OfficeAccountTests.password).status == 200)
        var dispatcher = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await dispatcher.logIn("wang.li", OfficeAccountTests.password).status == 200)

        let rows = try JSONSerialization.jsonObject(with: try await admin.send(.get, "/console/api/admin/contacts").body) as? [[String: Any]] ?? []
        #expect(rows.compactMap { $0["name"] as? String } == ["li.admin", "wang.li", "anna", "ben"], "office users, then auditors (ben by his tablet): \(rows)")
        #expect(rows[2]["kind"] as? String == "auditor" && rows[2]["phone"] as? String == "+8613800138000" && rows[2]["quiet"] as? String == "21:00-07:00")
        #expect(rows[1]["kind"] as? String == "office" && rows[1]["role"] as? String == "dispatcher" && rows[1]["language"] as? String == "zh-CN")

        let good = ["phone": "+86 139 0013 9000", "language": "en", "quiet": "22:00-06:30"]
        let before = try fixture.databaseDump()
        #expect(try await dispatcher.send(.get, "/console/api/admin/contacts").status == 403)
        #expect(try await dispatcher.send(.post, "/console/api/admin/contacts/wang.li", json: good).status == 403)
        #expect(try await admin.send(.post, "/console/api/admin/contacts/wang.li", json: good, csrf: false).status == 403)
        for (field, value) in [("phone", "13900139000"), ("phone", "+86 139 abc"), ("language", "fr"), ("quiet", "22-06"), ("quiet", "25:00-06:00")] {
            var body = good
            body[field] = value
            let answer = try await admin.send(.post, "/console/api/admin/contacts/wang.li", json: body)
            let named = try Self.json(answer.text)["field"] as? String
            #expect(answer.status == 400 && named == field, "\(field)=\(value): \(answer.status) \(answer.text ?? "")")
        }
        #expect(try await admin.send(.post, "/console/api/admin/contacts/wang.li", body: Data("not json".utf8)).status == 400)
        #expect(try fixture.databaseDump() == before, "nothing written")

        let saved = try await admin.send(.post, "/console/api/admin/contacts/wang.li", json: good)
        #expect(saved.status == 200, "\(saved.text ?? "")")
        let retired = try await admin.send(.post, "/console/api/admin/contacts/anna", body: Data(#"{"retired": true, "quiet": "none"}"#.utf8))
        #expect(retired.status == 200, "\(retired.text ?? "")")
        let contacts = try ServerFixture.expectSuccess(fixture.dispatch(["auditor", "list", "--lang", "en"])).stdout
        #expect(contacts.contains("wang.li\t+8613900139000\ten\t22:00-06:30\tactive"), "\(contacts)")
        #expect(contacts.contains("anna\t+8613800138000\tzh-CN\t-\tretired"), "\(contacts)")
    }
}
