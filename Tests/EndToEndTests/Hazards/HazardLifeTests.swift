import Foundation
import Shared
import StoreTestSupport
import TestSupport
import Testing

/// A hazard's whole life against a real audit-server, with two auditors' tablets (raw pushes with
/// their tokens) and a dispatcher at the command line: found by Anna, planned, rectified, sent to
/// Ben for re-inspection, failed and reopened, planned again, passed, closed; every forbidden claim
/// and every step from the wrong state refused with nothing written.
@Suite("Hazard life", .serialized)
struct HazardLifeTests {
    static let hazardID = "haz-e2e-1"

    /// A new hazard written wholly by `writer`.
    static func hazard(id: String = hazardID, customer: String, foundBy: String, as writer: String) -> [String: Any] {
        var record: [String: Any] = ["kind": "hazard", "id": id, "vector": [String: Any](), "fields": [String: Any]()]
        let values: [(String, Any)] = [("type", "exposed_live_parts"), ("severity", "high"), ("description", "meter cabinet door missing, live terminals"),
                                       ("customer", customer), ("found_by", foundBy), ("found_at", "2026-12-01T09:05:00Z"),
                                       ("state", "found"), ("state_by", foundBy), ("state_at", "2026-12-01T09:05:00Z")]
        for (field, value) in values { record = WireRecords.writing(value, to: field, in: record, as: writer) }
        return record
    }

    /// `record` with a re-inspection's result written by `writer` in `auditor`'s name.
    static func reinspected(_ record: [String: Any], result: String, by auditor: String, as writer: String) -> [String: Any] {
        var record = record
        let values: [(String, Any)] = [("reinspection_result", result), ("state", result == "passed" ? "reinspected" : "reopened"),
                                       ("state_by", auditor), ("state_at", "2026-12-02T10:00:00Z"), ("reinspected_at", "2026-12-02T10:00:00Z")]
        for (field, value) in values { record = WireRecords.writing(value, to: field, in: record, as: writer) }
        return record
    }

    /// The hazard's state as `hazard list --json` gives it.
    static func listedState(_ fixture: ServerFixture, _ filter: [String] = []) throws -> [String: String] {
        let listed = try ServerFixture.expectSuccess(fixture.dispatch(["hazard", "list", "--json"] + filter)).stdout
        let rows = try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as! String, $0["state"] as! String) })
    }

    @Test("found, planned, rectified, re-inspected and failed, reopened, planned again, passed, closed; forbidden claims and steps refused", arguments: StoreKind.allCases)
    func wholeLife(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store, serverArguments: ["--rate", "0"])
        let anna = WireRecords(fixture: fixture, token: fixture.annaToken, replica: "t-tab-anna")
        let ben = WireRecords(fixture: fixture, token: fixture.benToken, replica: "t-tab-ben")
        let id = Self.hazardID

        // Ben has no work at Anna's customer: his hazard there is refused, as is one in Ben's name from Anna's tablet.
        var before = try anna.storedStates()
        let stranger = try await ben.push([Self.hazard(customer: "cus-20000001", foundBy: "ben", as: ben.replica)])
        #expect(stranger.status == 403)
        #expect(stranger.error?.error == "hazard_forbidden", "\(stranger.error?.detail ?? "")")
        #expect(stranger.error?.field == "customer")
        let impostor = try await anna.push([Self.hazard(customer: "cus-20000001", foundBy: "ben", as: anna.replica)])
        #expect(impostor.error?.error == "hazard_forbidden")
        #expect(impostor.error?.field == "found_by")
        let elsewhere = WireRecords.visit(id: "vis-elsewhere", workOrder: fixture.annaOrder, customer: "cus-20000002", auditor: "anna", as: anna.replica)
        #expect(try await anna.push([elsewhere]).status == 200)
        before = try anna.storedStates()
        let onOtherVisit = try await anna.push([WireRecords.writing("vis-elsewhere", to: "visit",
                                                                    in: Self.hazard(customer: "cus-20000001", foundBy: "anna", as: anna.replica), as: anna.replica)])
        #expect(onOtherVisit.error?.error == "hazard_forbidden")
        #expect(onOtherVisit.error?.field == "visit", "a hazard names a visit at its own customer")
        #expect(try anna.storedStates() == before, "refused hazards write nothing")

        // Anna records it at her customer; her tablet pulls it, Ben's does not.
        let found = try await anna.push([Self.hazard(customer: "cus-20000001", foundBy: "anna", as: anna.replica)])
        #expect(found.status == 200, "\(found.error?.detail ?? "")")
        let recorded = try #require(try await anna.pulled()[id])
        #expect(try await ben.pulled()[id] == nil, "Ben has no work at the customer yet")
        #expect(try Self.listedState(fixture, ["--state", "found", "--severity", "high"]) == [id: "found"])
        // A packet exported for a tablet that never sees a network carries it too.
        let packetFile = fixture.directory.file("packet.json")
        try ServerFixture.expectSuccess(fixture.dispatch(["packet", "export", "--work-order", fixture.annaOrder, "--out", packetFile]))
        let packet = try WireCoding.decode(WorkPacket.self, from: try Data(contentsOf: URL(fileURLWithPath: packetFile)))
        #expect(packet.hazards.map(\.id) == [id])

        // Nobody rewrites what was found, and the office's fields are not the tablet's.
        before = try anna.storedStates()
        let rewrite = try await anna.push([WireRecords.writing("nothing to see", to: "description", in: recorded, as: anna.replica)])
        #expect(rewrite.status == 403)
        #expect(rewrite.error?.error == "hazard_immutable")
        #expect(rewrite.error?.field == "description")
        let planned = try await anna.push([WireRecords.writing("me", to: "owner", in: recorded, as: anna.replica)])
        #expect(planned.error?.error == "field_forbidden")
        #expect(try anna.storedStates() == before)

        // Steps from the wrong state are refused and write nothing.
        for step in [["close", id], ["rectified", id], ["reinspect", id, "--assignee", "ben"]] {
            let refused = try fixture.dispatch(["hazard"] + step)
            #expect(refused.status != 0, "\(step)")
            #expect(refused.stderr.contains("hazard \(id) is found"), "\(refused.stderr)")
        }
        #expect(try anna.storedStates() == before)
        let unknown = try fixture.dispatch(["hazard", "close", "haz-nope"])
        #expect(unknown.status != 0 && unknown.stderr.contains("no hazard haz-nope"))

        // Planned, rectified, and sent to Ben: his tablet receives the stop and the hazard.
        try ServerFixture.expectSuccess(fixture.dispatch(["hazard", "plan", id, "--owner", "Line crew 3", "--due", "2026-12-20"]))
        try ServerFixture.expectSuccess(fixture.dispatch(["hazard", "rectified", id]))
        let firstOrder = try ServerFixture.expectSuccess(fixture.dispatch(["hazard", "reinspect", id, "--assignee", "ben", "--due", "2026-12-28"])).lastLine
        var benRecords = try await ben.pulled()
        #expect(benRecords[firstOrder] != nil, "Ben's tablet gets the re-inspection work order")
        var atBen = try #require(benRecords[id], "and the hazard at its customer")
        #expect(WireRecords.value(of: "state", in: atBen) as? String == "reinspection_scheduled")

        // Only the re-inspecting auditor records the result: Anna's customer, but Ben's stop.
        before = try anna.storedStates()
        let annaResult = try await anna.push([Self.reinspected(try #require(try await anna.pulled()[id]), result: "passed", by: "anna", as: anna.replica)])
        #expect(annaResult.error?.error == "hazard_forbidden")
        #expect(annaResult.error?.field == "reinspection_result")
        let wrongState = try await ben.push([WireRecords.writing("closed", to: "state", in: Self.reinspected(atBen, result: "failed", by: "ben", as: ben.replica),
                                                                 as: ben.replica)])
        #expect(wrongState.error?.error == "hazard_forbidden")
        #expect(try anna.storedStates() == before)

        // Ben finds it still there: reopened, and closing it is refused.
        let failed = try await ben.push([Self.reinspected(atBen, result: "failed", by: "ben", as: ben.replica)])
        #expect(failed.status == 200, "\(failed.error?.detail ?? "")")
        #expect(try Self.listedState(fixture, ["--state", "reopened"]) == [id: "reopened"])
        let early = try fixture.dispatch(["hazard", "close", id])
        #expect(early.status != 0 && early.stderr.contains("reopened"), "\(early.stderr)")

        // Planned again; this time the re-inspection passes and the office closes it.
        try ServerFixture.expectSuccess(fixture.dispatch(["hazard", "plan", id, "--owner", "Line crew 3", "--due", "2026-12-30"]))
        try ServerFixture.expectSuccess(fixture.dispatch(["hazard", "rectified", id]))
        let secondOrder = try ServerFixture.expectSuccess(fixture.dispatch(["hazard", "reinspect", id, "--assignee", "ben"])).lastLine
        #expect(secondOrder != firstOrder)
        benRecords = try await ben.pulled()
        atBen = try #require(benRecords[id])
        let passed = try await ben.push([Self.reinspected(atBen, result: "passed", by: "ben", as: ben.replica)])
        #expect(passed.status == 200, "\(passed.error?.detail ?? "")")
        try ServerFixture.expectSuccess(fixture.dispatch(["hazard", "close", id]))
        #expect(try Self.listedState(fixture) == [id: "closed"])
        #expect(try Self.listedState(fixture, ["--state", "found"]).isEmpty)

        // Every step is kept with who took it: Anna found it, Ben re-inspected it, the office closed it.
        let history = try ServerFixture.expectSuccess(fixture.dispatch(["history", id])).stdout
        #expect(history.contains("anna") && history.contains("ben") && history.contains("shell:"), "\(history)")
        let shown = try ServerFixture.expectSuccess(fixture.dispatch(["hazard", "show", id, "--lang", "en"])).stdout
        #expect(shown.contains("owner Line crew 3, due 2026-12-20") && shown.contains("re-inspection by ben, due 2026-12-28, work order \(firstOrder)")
                && shown.contains("re-inspection failed") && shown.contains("re-inspection passed"), "\(shown)")
        let detail = try JSONSerialization.jsonObject(with: Data(try ServerFixture.expectSuccess(fixture.dispatch(["hazard", "show", id, "--json"])).stdout.utf8))
        let steps = ((detail as? [String: Any])?["steps"] as? [[String: Any]] ?? []).map { "\($0["state"] ?? "")/\($0["by"] ?? "")" }
        #expect(steps.count == 10 && steps.first == "found/anna" && steps[4] == "reopened/ben" && steps[8] == "reinspected/ben"
                && steps.last?.hasPrefix("closed/shell:") == true, "the same steps as the console's detail: \(steps)")
        let final = try fixture.states(.hazard)[id].map(Hazard.init)
        #expect(final?.state == .closed)
        #expect(final?.reinspectionResult == .passed)
        #expect(final?.description == "meter cabinet door missing, live terminals")
        #expect(final?.foundBy == "anna")
    }
}
