import Foundation
import Shared
import TestSupport
import Testing

/// Overdue hazards in the day's reminders: the re-inspecting auditor of an overdue re-inspection,
/// and each supervisor with the count and the most severe one; nothing when none is overdue.
@Suite("Hazard reminders", .serialized)
struct HazardReminderTests {
    static func preview(_ fixture: ServerFixture) throws -> [[String]] {
        try ServerFixture.expectSuccess(fixture.dispatch(["reminders", "preview", "--lang", "en", "--time-zone", "UTC", "--digest-hour", "0"]))
            .stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
            .filter { $0.count >= 6 }  // message lines; a line saying there is nothing has no columns
    }

    @Test("a re-inspection past its date reminds its auditor; every overdue hazard is counted for the supervisor, in their language")
    func overdue() async throws {
        let fixture = try ServerFixture()
        try fixture.addOfficeUser("zhao.min", role: "supervisor")
        try ServerFixture.expectSuccess(fixture.dispatch(["auditor", "set", "ben", "--phone", "+4915112345678", "--sms-lang", "en"]))
        try ServerFixture.expectSuccess(fixture.dispatch(["auditor", "set", "zhao.min", "--phone", "+8613800138000", "--sms-lang", "zh-CN"]))
        let anna = WireRecords(fixture: fixture, token: fixture.annaToken, replica: "t-tab-anna")
        let id = HazardLifeTests.hazardID
        #expect(try await anna.push([HazardLifeTests.hazard(customer: "cus-20000001", foundBy: "anna", as: anna.replica)]).status == 200)
        #expect(try Self.preview(fixture).allSatisfy { !$0[3].hasPrefix("hazard") }, "nothing is overdue yet")

        try ServerFixture.expectSuccess(fixture.dispatch(["hazard", "plan", id, "--owner", "Line crew 3", "--due", "2020-01-10"]))
        var lines = try Self.preview(fixture)
        #expect(lines.filter { $0[3].hasPrefix("hazard") }.map { $0[1] } == ["zhao.min"], "\(lines)")
        #expect(lines.contains { $0[1] == "zhao.min" && $0[5] == "1 项安全隐患逾期未处理，最严重：\(id)（重大，带电部位裸露，期限 2020-01-10）" }, "\(lines)")

        try ServerFixture.expectSuccess(fixture.dispatch(["hazard", "rectified", id]))
        try ServerFixture.expectSuccess(fixture.dispatch(["hazard", "reinspect", id, "--assignee", "ben", "--due", "2020-01-20"]))
        lines = try Self.preview(fixture)
        let ben = lines.filter { $0[1] == "ben" && $0[3] == "hazard.reinspection_overdue" }
        #expect(ben.count == 1 && ben[0][5] == "Hazard re-inspection overdue: \(id) (exposed_live_parts) at cus-20000001, due 2020-01-20", "\(lines)")
        #expect(lines.contains { $0[1] == "zhao.min" && $0[3] == "hazard.overdue" })
    }
}
