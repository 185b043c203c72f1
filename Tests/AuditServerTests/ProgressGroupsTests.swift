@testable import AuditServer
import Foundation
import Shared
import StoreTestSupport
import Testing

/// Progress for leaders by county and by day, on both stores.
@Suite("progress by county and by day")
struct ProgressGroupsTests {
    @Test("counties add up their work orders; days count each customer's latest visit on its day; both as CSV", arguments: StoreKind.allCases)
    func groups(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try OfficeMapTests.seed(fixture)
        let office = DispatchService(database: fixture.store)
        let west = try office.createWorkOrder(assignee: "anna", customers: ["30000000", "30000001", "30000004"], area: "west", due: nil, priority: nil)
        let east = try office.createWorkOrder(assignee: "ben", customers: ["30000002", "30000003"], area: "east", due: nil, priority: nil)
        func visit(_ customer: Int, _ order: WorkOrder, _ outcome: VisitOutcome, _ time: String) throws {
            _ = try office.save([AuditVisit(id: try TypedID(RecordIdentifier.mint(.auditVisit)), workOrder: order.id,
                                            customer: try TypedID("cus-\(30_000_000 + customer)"), auditor: order.assignee, time: time, outcome: outcome)])
        }
        try visit(0, west, .notFound, "2026-11-30T09:00:00Z")
        try visit(0, west, .verified, "2026-12-01T09:00:00Z")
        try visit(1, west, .corrected, "2026-12-01T11:00:00Z")
        try visit(2, east, .noAccess, "2026-11-30T10:00:00Z")

        let report = try office.progress()
        let counties = Dictionary(uniqueKeysWithValues: report.counties.map { ($0.name, $0.counts) })
        #expect(counties["094620"]?.assigned == 3 && counties["094620"]?.visited == 2 && counties["094620"]?.verified == 1)
        #expect(counties["094621"]?.assigned == 2 && counties["094621"]?.noAccess == 1)
        let days = Dictionary(uniqueKeysWithValues: report.days.map { ($0.name, $0.counts) })
        #expect(days.keys.sorted() == ["2026-11-30", "2026-12-01"])
        #expect(days["2026-12-01"]?.visited == 2 && days["2026-12-01"]?.verified == 1 && days["2026-12-01"]?.corrected == 1)
        #expect(days["2026-11-30"]?.visited == 1 && days["2026-11-30"]?.noAccess == 1, "the not-found visit was superseded on the 1st")
        #expect(report.countiesCSV.hasPrefix("county,assigned,visited,verified") && report.countiesCSV.contains("\r\n094621,2,1,0,0,0,1,"))
        #expect(report.daysCSV.contains("\r\n2026-12-01,0,2,1,1,0,0,"))
    }
}
