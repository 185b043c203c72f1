import Foundation
import TestSupport
import Testing

/// The plan page's planned days (issue 17) over the real roads north of Bayreuth: each open work
/// order's pending customers spread over working days from today, and whether its due date holds.
@Suite("console plan: planned days")
struct ConsolePlanTests {
    @Test("an order's pending customers are planned into working days from today; a past due date is said to be missed; a visit leaves the plan")
    func plannedDays() async throws {
        let fixture = try ServerFixture()
        try fixture.placeCustomersOnStreets()
        try fixture.addOfficeUser("zhao.min", role: "supervisor")
        let future = try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", "ben", "--area", "north",
                                                                      "--due", "2099-12-31", "--customers", "20000004,20000005,20000006"])).lastLine
        let late = try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", "cleo", "--area", "south",
                                                                    "--due", "2020-01-31", "--customers", "20000001,20000002"])).lastLine
        var supervisor = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await supervisor.logIn("zhao.min", OfficeAccountTests.password).status == 200)

        func planned(_ order: String) async throws -> [String: Any]? {
            let answer = try await supervisor.send(.get, "/console/api/plan")
            let plan = try JSONSerialization.jsonObject(with: Data((answer.text ?? "").utf8)) as? [String: Any]
            let orders = plan?["orders"] as? [[String: Any]] ?? []
            return orders.first { $0["id"] as? String == order }?["planned"] as? [String: Any]
        }
        let today = ISO8601DateFormatter().string(from: Date()).prefix(10)
        let bens = try #require(try await planned(future), "the order is planned: \(future)")
        let perDay = bens["per_day"] as? [String: Int] ?? [:]
        #expect(perDay.values.reduce(0, +) == 3 && bens["unplanned"] as? Int == 0, "each pending customer once: \(bens)")
        #expect(perDay.keys.allSatisfy { $0 >= today } && bens["meets_due"] as? Bool == true, "\(bens)")
        let weekdays = perDay.keys.compactMap { day -> Int? in
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            return ISO8601DateFormatter().date(from: day + "T00:00:00Z").map { calendar.component(.weekday, from: $0) }
        }
        #expect(weekdays.allSatisfy { (2...6).contains($0) }, "working days only: \(perDay)")
        let cleos = try #require(try await planned(late))
        #expect(cleos["meets_due"] as? Bool == false && (cleos["last_day"] as? String ?? "") >= String(today), "\(cleos)")

        let ben = TerminalHome(in: fixture.directory, name: "ben")
        try ben.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.benToken])
        try ben.must(["sync"])
        try ben.must(["visit", "cus-20000005", "--outcome", "verified", "--at", "49.995,11.575", "--reason", "test"])
        try ben.must(["sync"])
        let after = try #require(try await planned(future))
        #expect((after["per_day"] as? [String: Int] ?? [:]).values.reduce(0, +) == 2, "the visited customer leaves the plan: \(after)")
    }
}
