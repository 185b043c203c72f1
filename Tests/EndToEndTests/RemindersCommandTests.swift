import Foundation
import TestSupport
import Testing

/// `audit-server auditor` and `reminders list` as an office runs them: a contact set, a work
/// order cut, its message waiting in the outbox in the auditor's language; bad input refused.
@Suite("audit-server auditor and reminders")
struct RemindersCommandTests {
    @Test("a contact set with phone, language and quiet hours; a work order cut for her is waiting as a Chinese message; a bad phone or quiet hours are refused")
    func contactAndOutbox() throws {
        let fixture = try ServerFixture()
        try ServerFixture.expectSuccess(fixture.dispatch(["auditor", "set", "anna", "--phone", "+8613800138000", "--sms-lang", "zh-CN", "--quiet", "21:00-07:00"]))
        let contacts = try ServerFixture.expectSuccess(fixture.dispatch(["auditor", "list"])).stdout
        #expect(contacts == "anna\t+8613800138000\tzh-CN\t21:00-07:00\tactive\n", "\(contacts)")
        for bad in [["--phone", "0921 555"], ["--quiet", "9pm-7am"], ["--sms-lang", "fr"]] {
            let refused = try fixture.dispatch(["auditor", "set", "anna"] + bad)
            #expect(refused.status != 0, "\(bad): \(refused.stdout)")
        }
        #expect(try fixture.dispatch(["auditor", "set", "anna", "--phone", "0921 555", "--lang", "zh-CN"]).stderr.contains("不符合国际格式"))

        let order = try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", "anna", "--area", "北片",
                                                                     "--customers", "20000001,20000002"])).lastLine
        let lines = try ServerFixture.expectSuccess(fixture.dispatch(["reminders", "list", "--lang", "zh-CN"])).stdout
            .split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(lines.count == 1 && lines.first?[1...5] == ["待发送", "anna", "+8613800138000", "order.new", "新稽查工单「北片」：2 户，期限 无。请同步平板查看。"],
                "\(lines) for \(order)")
        let json = try ServerFixture.expectSuccess(fixture.dispatch(["reminders", "list", "--json", "--state", "pending"])).stdout
        #expect(json.contains("\"key\":\"order:\(order):anna:"), "\(json)")
        #expect(try fixture.dispatch(["reminders", "list", "--state", "lost"]).status != 0)
    }

    /// Schedule options under which no digest or summary is due, whatever the hour the tests run at:
    /// the office's zone is one where it is about noon now, and the digest hour is 23 (without
    /// them a run after 18:00 makes the day's digest beside the message a test is about).
    static var noDigestDue: [String] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let hour = calendar.component(.hour, from: Date())
        let offset = (12 - hour + 24) % 24 > 12 ? (12 - hour + 24) % 24 - 24 : (12 - hour + 24) % 24
        // Etc/GMT-N is N hours east of Greenwich (POSIX signs).
        let zone = offset == 0 ? "UTC" : offset > 0 ? "Etc/GMT-\(offset)" : "Etc/GMT+\(-offset)"
        return ["--digest-hour", "23", "--time-zone", zone]
    }

    /// The environment that names `kannel` as the gateway of `reminders run`.
    static func gateway(_ kannel: PrivateKannel) -> [String: String] {
        ["FIELDAUDIT_SMS_URL": kannel.sendsmsURL.absoluteString, "FIELDAUDIT_SMS_USER": kannel.username, "FIELDAUDIT_SMS_PASSWORD": kannel.password]
    }

    @Test("the day's digest reaches the auditor's phone in Chinese through a real Kannel, byte for byte as UCS-2, once a day")
    func digestThroughKannel() async throws {
        try await PrivateKannel.with { kannel in
            let fixture = try ServerFixture()
            let environment = Self.gateway(kannel)
            try ServerFixture.expectSuccess(fixture.dispatch(["auditor", "set", "anna", "--phone", "+8613800138000", "--sms-lang", "zh-CN"]))
            // Anna's order (three customers, none visited, no due date) was cut before she had a phone: only the digest tells her.
            let round = try ServerFixture.expectSuccess(fixture.dispatch(["reminders", "run", "--once", "--digest-hour", "0", "--time-zone", "UTC"],
                                                                         environment: environment)).stdout
            #expect(round.contains("1 digests and summaries made; 1 sent"), "\(round)")
            let received = try await kannel.waitForMessages(count: 1)
            #expect(received[0].receiver == "+8613800138000" && received[0].kind == .ucs2, "\(received[0].line)")
            #expect(received[0].utf16BigEndianText == "今日稽查提醒：尚有 3 户未走访；明天到期工单 0 个；已逾期工单 0 个。", "\(received[0].line)")
            let again = try ServerFixture.expectSuccess(fixture.dispatch(["reminders", "run", "--once", "--digest-hour", "0", "--time-zone", "UTC"],
                                                                         environment: environment)).stdout
            #expect(again.contains("0 digests and summaries made; 0 sent"), "one digest a day: \(again)")
        }
    }

    @Test("an urgent order's Chinese text reaches the auditor's phone through a real Kannel, byte for byte as UCS-2; with the gateway down it waits, then goes once")
    func throughKannel() async throws {
        try await PrivateKannel.with { kannel in
            let fixture = try ServerFixture()
            let environment = Self.gateway(kannel)
            try ServerFixture.expectSuccess(fixture.dispatch(["auditor", "set", "anna", "--phone", "+86 138 0013 8000", "--sms-lang", "zh-CN"]))
            try await kannel.pause()
            _ = try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", "anna", "--area", "北片", "--priority", "1",
                                                                 "--customers", "20000001,20000002"]))
            let down = try ServerFixture.expectSuccess(fixture.dispatch(["reminders", "run", "--once"] + Self.noDigestDue, environment: environment)).stdout
            #expect(down.contains("0 sent, 1 to retry"), "\(down)")
            #expect(try fixture.dispatch(["reminders", "list", "--state", "pending"]).stdout.contains("anna"), "kept while the gateway is down")

            try await kannel.resume()
            try fixture.store.execute("UPDATE reminder_outbox SET send_after_ms = 0")
            let up = try ServerFixture.expectSuccess(fixture.dispatch(["reminders", "run", "--once"] + Self.noDigestDue, environment: environment)).stdout
            #expect(up.contains("1 sent"), "\(up)")
            let received = try await kannel.waitForMessages(count: 1)
            #expect(received.count == 1 && received[0].receiver == "+8613800138000", "\(received)")
            #expect(received[0].utf16BigEndianText == "【紧急】新稽查工单「北片」：2 户，期限 无。请同步平板查看。", "\(received[0].line)")
            let again = try ServerFixture.expectSuccess(fixture.dispatch(["reminders", "run", "--once"] + Self.noDigestDue, environment: environment)).stdout
            #expect(again.contains("0 sent, 0 to retry"), "nothing twice: \(again)")
            #expect(kannel.received().count == 1)
        }
    }
}
