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
}
