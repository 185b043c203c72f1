import Foundation
import Shared
import TestSupport
import Testing
import Transport

/// The console's hazards: listed by state, severity and age for every office user; a dispatcher
/// takes the steps of their life as themself; a supervisor changes nothing; wrong steps 409, bad
/// filters 400, strangers 401.
@Suite("console: hazards")
struct ConsoleHazardAPITests {
    /// A supervisor (zhao.min) and a dispatcher (li.na) in the office, and the hazard Anna's tablet
    /// found at customer 20000001; Anna's wire client.
    static func hazardFound(_ fixture: ServerFixture) async throws -> WireRecords {
        try fixture.addOfficeUser("zhao.min", role: "supervisor")
        try fixture.addOfficeUser("li.na", role: "dispatcher")
        let anna = WireRecords(fixture: fixture, token: fixture.annaToken, replica: "t-tab-anna")
        #expect(try await anna.push([HazardLifeTests.hazard(customer: "cus-20000001", foundBy: "anna", as: anna.replica)]).status == 200)
        return anna
    }

    @Test("a supervisor lists hazards by state and severity; a dispatcher plans one in their own name; wrong steps and bad filters refused, nothing written")
    func hazards() async throws {
        let fixture = try ServerFixture()
        let anna = try await Self.hazardFound(fixture)
        let id = HazardLifeTests.hazardID

        var supervisor = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await supervisor.logIn("zhao.min", OfficeAccountTests.password).status == 200)
        let all = try Self.rows(try await supervisor.send(.get, "/console/api/hazards"))
        #expect(all.map { $0["id"] as? String } == [id])
        let first = all.first ?? [:]
        #expect(first["state"] as? String == "found")
        #expect(first["severity"] as? String == "high")
        #expect(first["ageDays"] is Int)
        #expect(try Self.rows(try await supervisor.send(.get, "/console/api/hazards?severity=critical")).isEmpty)
        #expect(try Self.rows(try await supervisor.send(.get, "/console/api/hazards?state=found&severity=medium")).count == 1)
        for query in ["?state=gone", "?severity=fatal", "?overdue=maybe"] {
            let answer = try await supervisor.send(.get, "/console/api/hazards" + query)
            #expect(answer.status == 400 && (answer.text ?? "").contains("bad_filter"), "\(query): \(answer.status)")
        }
        let before = try anna.storedStates()
        #expect(try await supervisor.send(.post, "/console/api/hazards/\(id)/plan", json: ["owner": "x", "due": "2026-12-20"]).status == 403)

        var dispatcher = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await dispatcher.logIn("li.na", OfficeAccountTests.password).status == 200)
        let early = try await dispatcher.send(.post, "/console/api/hazards/\(id)/close")
        #expect(early.status == 409 && (early.text ?? "").contains("invalid_transition"), "\(early.text ?? "")")
        #expect(try await dispatcher.send(.post, "/console/api/hazards/\(id)/plan", json: ["owner": "Line crew 3"]).status == 400)
        #expect(try await dispatcher.send(.post, "/console/api/hazards/\(id)/plan", json: ["owner": "Line crew 3", "due": "soon"]).status == 400)
        #expect(try await dispatcher.send(.post, "/console/api/hazards/haz-none/rectified").status == 404)
        #expect(try anna.storedStates() == before, "refused steps write nothing")

        let planned = try await dispatcher.send(.post, "/console/api/hazards/\(id)/plan", json: ["owner": "Line crew 3", "due": "2026-12-20"])
        #expect(planned.status == 200, "\(planned.text ?? "")")
        let row = try JSONSerialization.jsonObject(with: planned.body) as? [String: Any]
        #expect(row?["state"] as? String == "rectification_planned")
        #expect(row?["stateBy"] as? String == "li.na", "the step is in the dispatcher's name")
        #expect(row?["owner"] as? String == "Line crew 3")
        let today = String(Date().formatted(.iso8601).prefix(10))
        #expect(try Self.rows(try await supervisor.send(.get, "/console/api/hazards?overdue=true")).isEmpty == (today <= "2026-12-20"))
        #expect(try await ConsoleSession(baseURL: fixture.server.baseURL).send(.get, "/console/api/hazards").status == 401)
    }

    @Test("a work order moved to another auditor takes the hazards at its customers out of the first tablet's scope")
    func leavesScope() async throws {
        let fixture = try ServerFixture()
        _ = try await Self.hazardFound(fixture)
        let cursor = try await rawRequest(.get, fixture.server.baseURL + "/v1/sync/pull?cursor=0", token: fixture.annaToken)
        let before = try #require(try JSONSerialization.jsonObject(with: cursor.body) as? [String: Any])["cursor"] as? Int ?? 0
        var dispatcher = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await dispatcher.logIn("li.na", OfficeAccountTests.password).status == 200)
        #expect(try await dispatcher.send(.post, "/console/api/work-orders/\(fixture.annaOrder)/reassign", json: ["assignee": "ben"]).status == 200)
        let pulled = try await rawRequest(.get, fixture.server.baseURL + "/v1/sync/pull?cursor=\(before)", token: fixture.annaToken)
        let left = (try JSONSerialization.jsonObject(with: pulled.body) as? [String: Any])?["left_scope"] as? [[String: Any]] ?? []
        #expect(left.contains { $0["kind"] as? String == "hazard" && $0["id"] as? String == HazardLifeTests.hazardID }, "\(left)")
    }

    @Test("in chromium: the hazards in Chinese, the most severe first with a symbol, filtered by state; a supervisor reads a hazard's steps, a dispatcher plans it")
    func inChromium() async throws {
        let fixture = try ServerFixture()
        try fixture.addOfficeUser("zhao.min", role: "supervisor")
        try fixture.addOfficeUser("li.na", role: "dispatcher")
        let anna = WireRecords(fixture: fixture, token: fixture.annaToken, replica: "t-tab-anna")
        var found = HazardLifeTests.hazard(customer: "cus-20000001", foundBy: "anna", as: anna.replica)
        found = WireRecords.writing("exposed_live_parts", to: "type", in: found, as: anna.replica)
        #expect(try await anna.push([found]).status == 200)
        let browser = try ConsoleBrowserTests.runBrowser("console_hazards.py", [fixture.server.baseURL, "zhao.min", OfficeAccountTests.password,
                                                                               ConsoleBrowserTests.screenshots, "li.na"])
        #expect(browser.status == 0, "\(browser.stdout)\(browser.stderr)")
        #expect(browser.stdout.contains("ok: the hazards listed in Chinese"), "\(browser.stdout)")
        #expect(browser.stdout.contains("ok: a dispatcher planned the rectification in the console"), "\(browser.stdout)")
        #expect(try fixture.states(.hazard)[HazardLifeTests.hazardID].map(Hazard.init)?.stateBy == "li.na", "written in the dispatcher's name")
    }

    static func rows(_ answer: HTTPResponse) throws -> [[String: Any]] {
        (try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["hazards"] as? [[String: Any]] ?? []
    }
}
