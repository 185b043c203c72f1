import Foundation
import Messaging
import TestSupport
import Testing
import Transport

/// `audit-server serve` and text messages as an office relies on them: delivery reports only from
/// whoever holds the secret, recorded and never undone; with `--sms` an urgent order's text reaches
/// the phone through a real Kannel within seconds, its report comes back, and nothing is lost or
/// sent twice when the gateway is down and the server is killed.
@Suite("serve: delivery reports and reminders through Kannel")
struct ReminderServeTests {
    static let secret = "e2e-report-secret"

    /// The outbox rows as `reminders list --json` prints them: key → (recipient, state, text).
    static func outbox(_ fixture: ServerFixture) throws -> [[String: Any]] {
        let json = try ServerFixture.expectSuccess(fixture.dispatch(["reminders", "list", "--json"])).stdout
        return try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
    }

    /// The URL Kannel fetches for a report of `type` about `key`: the dlr-url FieldAudit gives it,
    /// with Kannel's escapes filled in as Kannel fills them.
    static func kannelReport(_ fixture: ServerFixture, key: String, type: String, secret: String = secret) -> String {
        DeliveryReport.callbackURL(base: URL(string: fixture.server.baseURL + "/sms/kannel/report")!, key: key, secret: Data(secret.utf8))
            .replacingOccurrences(of: "%d", with: type).replacingOccurrences(of: "%A", with: "ACK%2F").replacingOccurrences(of: "%T", with: "1796287925")
    }

    /// Polls `condition` every 100 ms until it holds, failing after `seconds`.
    static func eventually(_ what: String, within seconds: Double = 20, _ condition: () throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while try !condition() {
            guard Date() < deadline else { throw FixtureError("not within \(Int(seconds)) s: \(what)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    @Test("Kannel's and the web hook's reports move a message to delivered or failed; a forged, malformed or unknown report is refused and writes nothing")
    func reports() async throws {
        let fixture = try ServerFixture(serverEnvironment: ["FIELDAUDIT_SMS_SECRET": Self.secret])
        try ServerFixture.expectSuccess(fixture.dispatch(["auditor", "set", "anna", "--phone", "+8613800138000", "--sms-lang", "zh-CN"]))
        for area in ["北片", "南片"] {
            try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", "anna", "--area", area, "--customers", "20000001"]))
        }
        let keys = try Self.outbox(fixture).compactMap { $0["key"] as? String }.sorted()
        try #require(keys.count == 2)
        let before = try fixture.databaseDump()
        let refused: [(String, Int)] = [
            (Self.kannelReport(fixture, key: keys[0], type: "1", secret: "guessed"), 401),
            (Self.kannelReport(fixture, key: keys[0], type: "1").replacingOccurrences(of: "&token=", with: "&token=0"), 401),
            (fixture.server.baseURL + "/sms/kannel/report?key=\(keys[0])&type=1", 401),
            (Self.kannelReport(fixture, key: keys[0], type: "3"), 400),
            (Self.kannelReport(fixture, key: keys[0], type: ""), 400),
            (Self.kannelReport(fixture, key: "order:none:anna:1", type: "1"), 404),
        ]
        for (url, status) in refused {
            let response = try await rawRequest(.get, url)
            #expect(response.status == status, "\(url): \(response.status) \(response.text ?? "")")
        }
        #expect(try fixture.databaseDump() == before, "nothing written")

        var answer = try await rawRequest(.get, Self.kannelReport(fixture, key: keys[0], type: "8"))
        #expect(answer.status == 200 && answer.text?.contains("\"state\":\"queued\"") == true, "\(answer.text ?? "")")
        answer = try await rawRequest(.get, Self.kannelReport(fixture, key: keys[0], type: "1"))
        #expect(answer.status == 200 && answer.text?.contains("\"state\":\"delivered\"") == true)
        answer = try await rawRequest(.get, Self.kannelReport(fixture, key: keys[0], type: "16"))
        #expect(answer.status == 200 && answer.text?.contains("\"changed\":false") == true && answer.text?.contains("delivered") == true,
                "a late report never undoes delivered: \(answer.text ?? "")")

        let webhook = fixture.server.baseURL + "/sms/webhook/report"
        let body = Data(#"{"key":"\#(keys[1])","status":"failed","reason":"number not in service"}"#.utf8)
        let client = HTTPClient(configuration: .init(retryPolicy: .none))
        func post(_ body: Data, signature: String?) async throws -> HTTPResponse {
            var headers: HTTPHeaders = ["Content-Type": "application/json"]
            if let signature { headers[WebhookSignature.headerName] = signature }
            return try await client.send(HTTPRequest(method: .post, url: URL(string: webhook)!, headers: headers, body: body))
        }
        #expect(try await post(body, signature: nil).status == 401)
        #expect(try await post(body, signature: WebhookSignature.value(body: body, secret: Data("guessed".utf8))).status == 401)
        let notJSON = Data("status=failed".utf8)
        #expect(try await post(notJSON, signature: WebhookSignature.value(body: notJSON, secret: Data(Self.secret.utf8))).status == 400)
        #expect(try await post(body, signature: WebhookSignature.value(body: body, secret: Data(Self.secret.utf8))).status == 200)

        let states = try Self.outbox(fixture).reduce(into: [String: String]()) { $0[$1["key"] as? String ?? ""] = $1["state"] as? String }
        #expect(states == [keys[0]: "delivered", keys[1]: "failed"])
        let listed = try ServerFixture.expectSuccess(fixture.dispatch(["reminders", "list", "--lang", "zh-CN"])).stdout
        #expect(listed.contains("已送达") && listed.contains("发送失败"), "\(listed)")
    }

    @Test("reminders preview: an urgent message sends now, one to an auditor retired since is not sent, today's digests would be made; nothing written")
    func preview() throws {
        let fixture = try ServerFixture()
        try ServerFixture.expectSuccess(fixture.dispatch(["auditor", "set", "anna", "--phone", "+8613800138000", "--sms-lang", "zh-CN"]))
        try ServerFixture.expectSuccess(fixture.dispatch(["auditor", "set", "ben", "--phone", "+4915112345678", "--sms-lang", "en"]))
        try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", "anna", "--area", "北片", "--priority", "1", "--customers", "20000004"]))
        try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", "ben", "--area", "west", "--customers", "20000005"]))
        try ServerFixture.expectSuccess(fixture.dispatch(["auditor", "set", "ben", "--retired"]))
        let before = try fixture.databaseDump()
        let lines = try ServerFixture.expectSuccess(fixture.dispatch(["reminders", "preview", "--lang", "en", "--time-zone", "UTC", "--digest-hour", "0"]))
            .stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        let anna = lines.filter { $0[1] == "anna" }, ben = lines.filter { $0[1] == "ben" }
        #expect(anna.contains { $0[3] == "order.new" && $0[4] == "sends now" && $0[5].hasPrefix("【紧急】") }, "\(lines)")
        #expect(anna.contains { $0[3] == "digest.daily" && $0[4] == "sends now (made by this round)" }, "\(lines)")
        #expect(ben.count == 1 && ben[0][3] == "order.new" && ben[0][4].hasPrefix("not sent: ben may not be sent messages now: retired"), "\(lines)")
        #expect(try fixture.databaseDump() == before, "a preview writes nothing")
        #expect(try fixture.dispatch(["reminders", "preview", "--weekly-on", "8"]).status != 0)
    }

    /// A server that sends through `kannel` every second, its reports signed with ``secret``.
    static func serving(through kannel: PrivateKannel) throws -> ServerFixture {
        try ServerFixture(serverArguments: ["--sms", kannel.sendsmsURL.absoluteString, "--sms-user", kannel.username, "--sms-every", "1s"]
                              + RemindersCommandTests.noDigestDue,
                          serverEnvironment: ["FIELDAUDIT_SMS_PASSWORD": kannel.password, "FIELDAUDIT_SMS_SECRET": Self.secret])
    }

    @Test("serve --sms: an urgent order's Chinese text reaches the phone through Kannel with its delivery report recorded; with Kannel down and the server killed, the next one arrives once after the restart")
    func serveThroughKannel() async throws {
        try await PrivateKannel.with { kannel in
            let fixture = try Self.serving(through: kannel)
            try ServerFixture.expectSuccess(fixture.dispatch(["auditor", "set", "anna", "--phone", "+86 138 0013 8000", "--sms-lang", "zh-CN"]))
            try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", "anna", "--area", "北片", "--priority", "1",
                                                             "--customers", "20000001,20000002"]))
            let first = try await kannel.waitForMessages(count: 1)
            #expect(first[0].receiver == "+8613800138000" && first[0].utf16BigEndianText == "【紧急】新稽查工单「北片」：2 户，期限 无。请同步平板查看。",
                    "\(first[0].line)")
            try await Self.eventually("the delivery report recorded") { try Self.outbox(fixture).first?["state"] as? String == "delivered" }

            try await kannel.pause()
            try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", "anna", "--area", "南片", "--priority", "1",
                                                             "--customers", "20000003"]))
            try await Self.eventually("a try while Kannel is down") {
                try fixture.scalar("SELECT attempts FROM reminder_outbox WHERE text LIKE '%南片%' AND state = 'pending'") >= 1
            }
            fixture.server.kill9()
            try fixture.server.restart()
            try await kannel.resume()
            // The retry's 30 s pause is the sender's own test's business; here it would only make the test wait.
            try fixture.store.execute("UPDATE reminder_outbox SET send_after_ms = 0 WHERE state = 'pending'")
            let both = try await kannel.waitForMessages(count: 2)
            #expect(both.count == 2 && both[1].utf16BigEndianText == "【紧急】新稽查工单「南片」：1 户，期限 无。请同步平板查看。", "\(both.map(\.line))")
            try await Self.eventually("both delivered") { try Self.outbox(fixture).allSatisfy { $0["state"] as? String == "delivered" } }
            #expect(kannel.received().count == 2, "nothing twice")
        }
    }

    @Test("serve --sms: an urgent order for 王小明 (a Chinese name in its outbox key) reaches the phone through Kannel and its delivery report comes back delivered")
    func chineseNameThroughKannel() async throws {
        try await PrivateKannel.with { kannel in
            let fixture = try Self.serving(through: kannel)
            try ServerFixture.expectSuccess(fixture.dispatch(["auditor", "set", "王小明", "--phone", "+8613900139000", "--sms-lang", "zh-CN"]))
            try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", "王小明", "--area", "东片", "--priority", "1",
                                                             "--customers", "20000001"]))
            let key = try #require(try Self.outbox(fixture).first?["key"] as? String)
            #expect(key.contains("王小明"), "the key is as its cause made it: \(key)")
            let received = try await kannel.waitForMessages(count: 1)
            #expect(received[0].receiver == "+8613900139000" && received[0].utf16BigEndianText == "【紧急】新稽查工单「东片」：1 户，期限 无。请同步平板查看。",
                    "\(received[0].line)")
            try await Self.eventually("the delivery report recorded") {
                let rows = try Self.outbox(fixture)
                return rows.count == 1 && rows[0]["key"] as? String == key && rows[0]["state"] as? String == "delivered"
            }
        }
    }
}
