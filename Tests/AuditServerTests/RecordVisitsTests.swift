@testable import AuditServer
import Foundation
import Shared
import StoreTestSupport
import Testing

/// A customer's visits on its record page, on both stores: each with its position's source and
/// distance from the site on file, and what its own evidence fails.
@Suite("a customer's visits with their evidence")
struct RecordVisitsTests {
    @Test("a visit at the site shows presence; a typed one far away says both; retired visits and other customers' are not listed",
          arguments: StoreKind.allCases)
    func visits(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try OfficeMapTests.seed(fixture)
        try OfficeMapTests.visit(4, .noAccess, at: "2026-12-02T09:00:00Z", fixture: fixture)
        let far = GeoPoint(latitude: OfficeMapTests.site(4).latitude + 0.01, longitude: OfficeMapTests.site(4).longitude)
        try OfficeMapTests.visit(4, .verified, at: "2026-12-01T09:00:00Z", fix: far, source: .typed, auditor: "bert", fixture: fixture)
        try OfficeMapTests.visit(5, .verified, at: "2026-12-01T10:00:00Z", fixture: fixture)
        var retired = AuditVisit(id: try TypedID(RecordIdentifier.mint(.auditVisit)), workOrder: try TypedID("wo-map"),
                                 customer: try TypedID("cus-30000004"), auditor: "anna", time: "2026-12-03T09:00:00Z", outcome: .corrected)
        retired.retired = true
        _ = try DispatchService(database: fixture.store).save([retired])

        let visits = try RecordInspection(database: fixture.store).visits(of: "cus-30000004")
        #expect(visits.map(\.time) == ["2026-12-01T09:00:00Z", "2026-12-02T09:00:00Z"], "by time, the retired one left out")
        let typed = try #require(visits.first), measured = try #require(visits.last)
        #expect(typed.auditor == "bert" && typed.source == "typed" && typed.findings == ["typed_position", "far_from_site"])
        #expect(typed.distanceM.map { (1_100...1_125).contains($0) } == true, "0.01° north: about 1.1 km")
        #expect(typed.site == OfficeMapTests.site(4) && typed.position == far)
        #expect(measured.source == "gnss" && measured.findings.isEmpty && measured.distanceM == 0 && measured.outcome == "no_access")
        #expect(try RecordInspection(database: fixture.store).visits(of: "cus-30000006").isEmpty)
    }
}
