import Foundation
import Shared
import StoreTestSupport
import TestSupport
import Testing

/// A hazard lies in its customer's county, and moves with the customer, so the pulls of the
/// auditors working there (which read only their counties) still bring it.
@Suite("Hazards by county", .serialized)
struct HazardCountyTests {
    @Test("a hazard lies with its customer, follows it to another county, and still reaches the auditor working there", arguments: StoreKind.allCases)
    func followsCustomer(store: StoreKind) async throws {
        let fixture = try CountyTests.fixture(store)
        let anna = WireRecords(fixture: fixture, token: fixture.annaToken, replica: "t-tab-anna")
        let id = HazardLifeTests.hazardID
        #expect(try await anna.push([HazardLifeTests.hazard(customer: "cus-20000001", foundBy: "anna", as: anna.replica)]).status == 200)
        func county() throws -> [String] { try fixture.store.strings("SELECT county FROM records WHERE id = ?", id) }
        #expect(try county() == ["09462"])

        let moved = fixture.directory.file("moved.csv")
        try "account,name,county\n20000001,客户 1,09472\n".write(toFile: moved, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["import", "customers", moved]))
        #expect(try county() == ["09472"])
        #expect(try fixture.store.strings("SELECT county FROM record_counties WHERE id = ?", id) == ["09472"])

        // Ben is sent to re-inspect it in the customer's new county: his pull reads that county and brings it.
        try ServerFixture.expectSuccess(fixture.dispatch(["hazard", "plan", id, "--owner", "Line crew 3", "--due", "2026-12-20"]))
        try ServerFixture.expectSuccess(fixture.dispatch(["hazard", "rectified", id]))
        try ServerFixture.expectSuccess(fixture.dispatch(["hazard", "reinspect", id, "--assignee", "ben"]))
        let ben = WireRecords(fixture: fixture, token: fixture.benToken, replica: "t-tab-ben")
        #expect(try await ben.pulled()[id] != nil)
    }
}
