import Foundation
import Shared
import StoreTestSupport
import TestSupport
import Testing
import Transport

/// A hazard's life taken through the console's API, as `audit-server hazard` takes it: found by
/// Anna's tablet, planned, rectified and sent to Ben by a dispatcher, failed and reopened on Ben's
/// tablet, planned again, passed, closed; its detail shows every step with who and when. A
/// supervisor reads but changes nothing; a write without the CSRF token, a step from the wrong
/// state and bad input are refused with nothing written.
@Suite("console: hazard steps", .serialized)
struct ConsoleHazardStepTests {
    /// A dispatcher's session and the hazard's detail and steps through it.
    struct Office {
        var session: ConsoleSession
        let id = HazardLifeTests.hazardID

        /// `POST /console/api/hazards/ID/STEP`, which must answer 200; the hazard it answers.
        func step(_ step: String, _ json: [String: String]? = nil) async throws -> [String: Any] {
            let answer = try await session.send(.post, "/console/api/hazards/\(id)/\(step)", json: json)
            #expect(answer.status == 200, "\(step): \(answer.text ?? "")")
            return try JSONSerialization.jsonObject(with: answer.body) as? [String: Any] ?? [:]
        }

        /// `GET /console/api/hazards/ID`.
        func detail() async throws -> [String: Any] {
            let answer = try await session.send(.get, "/console/api/hazards/\(id)")
            #expect(answer.status == 200, "\(answer.text ?? "")")
            return try JSONSerialization.jsonObject(with: answer.body) as? [String: Any] ?? [:]
        }

        /// The detail's steps.
        func steps() async throws -> [[String: Any]] { try await detail()["steps"] as? [[String: Any]] ?? [] }
    }

    @Test("a dispatcher plans, reports rectified, sends Ben to re-inspect (a stop on his work order), sees the failure reopen it, and closes it after a pass; every step in the detail with who and when",
          arguments: StoreKind.allCases)
    func wholeLife(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store, serverArguments: ["--rate", "0"])
        try fixture.addOfficeUser("li.na", role: "dispatcher")
        let anna = WireRecords(fixture: fixture, token: fixture.annaToken, replica: "t-tab-anna")
        let ben = WireRecords(fixture: fixture, token: fixture.benToken, replica: "t-tab-ben")
        let id = HazardLifeTests.hazardID
        #expect(try await anna.push([HazardLifeTests.hazard(customer: "cus-20000001", foundBy: "anna", as: anna.replica)]).status == 200)
        var session = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await session.logIn("li.na", OfficeAccountTests.password).status == 200)
        let office = Office(session: session)

        let found = try await office.detail()
        #expect((found["hazard"] as? [String: Any])?["state"] as? String == "found")
        #expect(found["next"] as? [String] == ["plan"])
        #expect(Set(found["auditors"] as? [String] ?? []).isSuperset(of: ["anna", "ben"]), "the auditors with a tablet to send")
        let first = try #require(try await office.steps().first)
        #expect(first["state"] as? String == "found" && first["by"] as? String == "anna" && first["at"] as? String == "2026-12-01T09:05:00Z")

        let planned = try await office.step("plan", ["owner": "Line crew 3", "due": "2026-12-20"])
        #expect(planned["state"] as? String == "rectification_planned" && planned["stateBy"] as? String == "li.na")
        #expect(try await office.detail()["next"] as? [String] == ["plan", "rectified"])
        _ = try await office.step("rectified")
        let sent = try await office.step("reinspect", ["assignee": "ben", "due": "2026-12-28"])
        let order = try #require(sent["reinspectionOrder"] as? String)
        #expect(sent["state"] as? String == "reinspection_scheduled" && sent["reinspectionBy"] as? String == "ben")

        // The stop is on Ben's work order, as the CLI makes it: his tablet pulls the order and the hazard.
        var atBen = try await ben.pulled()
        let stop = try #require(atBen[order], "Ben's tablet gets the re-inspection work order")
        #expect(WireRecords.value(of: "assignee", in: stop) as? String == "ben")
        #expect(WireRecords.value(of: "customers", in: stop) as? [String] == ["cus-20000001"])
        #expect(try fixture.states(.workOrder)[order].map(WorkOrder.init)?.due == "2026-12-28")
        let failed = try await ben.push([HazardLifeTests.reinspected(try #require(atBen[id]), result: "failed", by: "ben", as: ben.replica)])
        #expect(failed.status == 200, "\(failed.error?.detail ?? "")")

        let reopened = try await office.detail()
        #expect((reopened["hazard"] as? [String: Any])?["state"] as? String == "reopened")
        #expect(reopened["next"] as? [String] == ["plan"], "a failed re-inspection is planned again")
        let steps = reopened["steps"] as? [[String: Any]] ?? []
        #expect(steps.map { $0["state"] as? String } == ["found", "rectification_planned", "rectified", "reinspection_scheduled", "reopened"])
        #expect(steps.map { $0["by"] as? String } == ["anna", "li.na", "li.na", "li.na", "ben"])
        #expect(steps[1]["owner"] as? String == "Line crew 3" && steps[1]["due"] as? String == "2026-12-20")
        #expect(steps[3]["reinspectionBy"] as? String == "ben" && steps[3]["reinspectionDue"] as? String == "2026-12-28"
                && steps[3]["reinspectionOrder"] as? String == order)
        #expect(steps[4]["reinspectionResult"] as? String == "failed")
        #expect(steps.dropFirst().allSatisfy { ($0["at"] as? String)?.count == 20 }, "each step says when, to the second")

        _ = try await office.step("plan", ["owner": "Line crew 3", "due": "2026-12-30"])
        _ = try await office.step("rectified")
        let again = try await office.step("reinspect", ["assignee": "ben"])
        #expect(again["reinspectionOrder"] as? String != order, "a new stop")
        atBen = try await ben.pulled()
        #expect(try await ben.push([HazardLifeTests.reinspected(try #require(atBen[id]), result: "passed", by: "ben", as: ben.replica)]).status == 200)
        #expect(try await office.detail()["next"] as? [String] == ["close"])
        let closed = try await office.step("close")
        #expect(closed["state"] as? String == "closed" && closed["stateBy"] as? String == "li.na")
        let done = try await office.detail()
        #expect(done["next"] as? [String] == [])
        #expect((done["steps"] as? [[String: Any]])?.map { $0["state"] as? String }.suffix(2) == ["reinspected", "closed"])
        #expect(try fixture.states(.hazard)[id].map(Hazard.init)?.state == .closed)
    }

    @Test("a supervisor reads the detail but takes no step; no CSRF token, a step from the wrong state, bad input or an auditor without a tablet are refused with nothing written")
    func refusals() async throws {
        let fixture = try ServerFixture()
        let anna = try await ConsoleHazardAPITests.hazardFound(fixture)
        let id = HazardLifeTests.hazardID
        let before = try anna.storedStates()
        func refused(_ answer: HTTPResponse, _ status: Int, _ code: String, _ what: String) {
            #expect(answer.status == status && (answer.text ?? "").contains(code), "\(what): \(answer.status) \(answer.text ?? "")")
        }

        var supervisor = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await supervisor.logIn("zhao.min", OfficeAccountTests.password).status == 200)
        let read = try await Office(session: supervisor).steps()
        #expect(read.map { $0["state"] as? String } == ["found"], "a supervisor reads the steps")
        let steps: [(String, [String: String]?)] = [("plan", ["owner": "x", "due": "2026-12-20"]), ("rectified", nil), ("reinspect", ["assignee": "ben"]),
                                                    ("close", nil)]
        for (step, body) in steps {
            refused(try await supervisor.send(.post, "/console/api/hazards/\(id)/\(step)", json: body), 403, "read_only_role", "supervisor \(step)")
        }

        var session = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await session.logIn("li.na", OfficeAccountTests.password).status == 200)
        refused(try await session.send(.post, "/console/api/hazards/\(id)/plan", json: ["owner": "x", "due": "2026-12-20"], csrf: false),
                403, "csrf_rejected", "no CSRF token")
        for step in ["rectified", "close"] {
            refused(try await session.send(.post, "/console/api/hazards/\(id)/\(step)"), 409, "invalid_transition", "\(step) from found")
        }
        refused(try await session.send(.post, "/console/api/hazards/\(id)/reinspect", json: ["assignee": "ben"]), 409, "invalid_transition", "reinspect from found")
        refused(try await session.send(.post, "/console/api/hazards/\(id)/plan", json: ["owner": "", "due": "2026-12-20"]), 400, "malformed", "no owner")
        refused(try await session.send(.post, "/console/api/hazards/\(id)/plan", json: ["owner": "x"]), 400, "malformed", "no due date")
        refused(try await session.send(.post, "/console/api/hazards/\(id)/plan", json: ["owner": "x", "due": "soon"]), 400, "invalid_hazard", "a due date that is none")
        refused(try await session.send(.post, "/console/api/hazards/\(id)/plan", body: Data("owner=x".utf8)), 400, "malformed", "not JSON")
        refused(try await session.send(.post, "/console/api/hazards/\(id)/explode"), 404, "not_found", "no such step")
        refused(try await session.send(.post, "/console/api/hazards/haz-none/rectified"), 404, "not_found", "no such hazard")
        refused(try await session.send(.get, "/console/api/hazards/haz-none"), 404, "not_found", "no such hazard's detail")
        #expect(try anna.storedStates() == before, "refused steps write nothing")

        let office = Office(session: session)
        _ = try await office.step("plan", ["owner": "Line crew 3", "due": "2026-12-20"])
        _ = try await office.step("rectified")
        let rectified = try anna.storedStates()
        refused(try await session.send(.post, "/console/api/hazards/\(id)/reinspect", json: ["assignee": "nobody"]), 400, "unknown_auditor",
                "an auditor without a tablet")
        refused(try await session.send(.post, "/console/api/hazards/\(id)/reinspect", json: ["assignee": "ben", "due": "soon"]), 400,
                "invalid_work_order", "a re-inspection date that is none")
        #expect(try anna.storedStates() == rectified, "no work order and no step written")
        #expect(try await office.steps().map { $0["state"] as? String } == ["found", "rectification_planned", "rectified"])
    }
}
