import Foundation
import Shared
import StoreTestSupport
import TestSupport
import Testing

/// Hazards through the real audit-terminal: recorded with a visit, seen at the customer by the
/// re-inspecting auditor's tablet, re-inspected there; a tablet with no stop for it cannot record
/// the result.
@Suite("Hazards on the tablet", .serialized)
struct HazardTerminalTests {
    @Test("visit --hazard records it, the office sends Ben, Ben's tablet lists it and records a failed re-inspection: reopened", arguments: StoreKind.allCases)
    func onTablets(store: StoreKind) throws {
        let fixture = try ServerFixture(store: store)
        let anna = TerminalHome(in: fixture.directory, name: "anna"), ben = TerminalHome(in: fixture.directory, name: "ben")
        try anna.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken])
        try ben.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.benToken])
        try anna.must(["sync"])

        let recorded = try anna.must(["visit", "cus-20000001", "--outcome", "verified", "--at", "49.9510,11.5710", "--reason", "test yard",
                                      "--hazard", "broken_seal:high:terminal cover seal cut: wires visible"])
        #expect(recorded.stdout.contains("recorded: broken_seal (high)"), "\(recorded.stdout)")
        #expect(try anna.run(["visit", "cus-20000001", "--outcome", "verified", "--hazard", "fire:high:x"]).status != 0, "an unknown type is refused")
        #expect(try anna.must(["hazards", "20000001"]).stdout.contains("terminal cover seal cut: wires visible"))
        try anna.must(["sync"])

        let listed = try ServerFixture.expectSuccess(fixture.dispatch(["hazard", "list", "--json"])).stdout
        let rows = try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]] ?? []
        let row = try #require(rows.first)
        #expect(rows.count == 1 && row["state"] as? String == "found" && row["foundBy"] as? String == "anna")
        let id = try #require(row["id"] as? String)
        #expect((try fixture.states(.hazard)[id]).flatMap { Hazard($0).visit } != nil, "the hazard names its visit")

        try ben.must(["sync"])
        #expect(try ben.must(["hazards"]).stdout.contains("no hazards match"), "not Ben's customer yet")
        try ServerFixture.expectSuccess(fixture.dispatch(["hazard", "plan", id, "--owner", "Metering team", "--due", "2026-12-20"]))
        try ServerFixture.expectSuccess(fixture.dispatch(["hazard", "rectified", id]))
        try ServerFixture.expectSuccess(fixture.dispatch(["hazard", "reinspect", id, "--assignee", "ben"]))

        try anna.must(["sync"])
        let annaTries = try anna.run(["reinspect", id, "--result", "passed"])
        #expect(annaTries.status != 0 && annaTries.stderr.contains("scheduled for anna"), "Anna has no stop for it: \(annaTries.stderr)")

        try ben.must(["sync"])
        #expect(try ben.must(["hazards", "cus-20000001"]).stdout.contains(id), "Ben sees the hazard before knocking")
        try ben.must(["reinspect", id, "--result", "failed", "--note", "seal still cut"])
        try ben.must(["sync"])
        #expect(try ben.outbox() == 0, "the server took the re-inspection")
        let after = try #require(try fixture.states(.hazard)[id].map(Hazard.init))
        #expect(after.state == .reopened && after.reinspectionResult == .failed && after.stateBy == "ben")
        #expect(after.reinspectionNotes == "seal still cut")
        #expect(try ben.run(["reinspect", id, "--result", "passed"]).status != 0, "no re-inspection is scheduled any more")
    }
}
