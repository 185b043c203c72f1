@testable import AuditServer
import Foundation
import Shared
import StoreTestSupport
import Testing

/// The office's Gantt plan, on both stores: each open order's span and its customers done per
/// day, overdue orders, and each auditor's workload.
@Suite("the work plan behind the Gantt chart")
struct WorkPlanTests {
    @Test("orders show their customers done per day (a revisit counts once), overdue orders are marked, workloads add up",
          arguments: StoreKind.allCases)
    func plan(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try OfficeMapTests.seed(fixture)
        let office = DispatchService(database: fixture.store)
        let late = try office.createWorkOrder(assignee: "anna", customers: ["30000000", "30000001", "30000004"], area: "west",
                                              due: "2026-11-30", priority: nil)
        let open = try office.createWorkOrder(assignee: "anna", customers: ["30000005", "30000008"], area: "north",
                                              due: "2026-12-09", priority: nil)
        let bens = try office.createWorkOrder(assignee: "ben", customers: ["30000009"], area: "east", due: nil, priority: nil)
        func visit(_ customer: Int, _ order: WorkOrder, _ time: String) throws {
            let visit = AuditVisit(id: try TypedID(RecordIdentifier.mint(.auditVisit)), workOrder: order.id,
                                   customer: try TypedID("cus-\(30_000_000 + customer)"), auditor: order.assignee, time: time, outcome: .verified)
            _ = try office.save([visit])
        }
        try visit(0, late, "2026-11-28T09:00:00Z")
        try visit(1, late, "2026-11-28T15:00:00Z")
        try visit(1, late, "2026-11-29T09:00:00Z")
        try visit(5, open, "2026-12-01T10:00:00Z")

        let plan = try office.plan(today: "2026-12-02")
        #expect(plan.today == "2026-12-02")
        let orders = Dictionary(uniqueKeysWithValues: plan.orders.map { ($0.id, $0) })
        let lateLine = try #require(orders[late.id.rawValue])
        #expect(lateLine.donePerDay == ["2026-11-28": 2] && lateLine.remaining == 1 && lateLine.overdue)
        let openLine = try #require(orders[open.id.rawValue])
        #expect(openLine.donePerDay == ["2026-12-01": 1] && openLine.remaining == 1 && !openLine.overdue)
        #expect(orders[bens.id.rawValue]?.overdue == false && orders[bens.id.rawValue]?.due == nil)
        let today = WorkPlan.day(milliseconds: UInt64(Date().timeIntervalSince1970 * 1000))
        #expect(plan.orders.allSatisfy { $0.start == today }, "each order starts the day it was cut")

        let anna = try #require(plan.workloads.first { $0.auditor == "anna" })
        #expect(anna.assigned == 5 && anna.done == 3 && anna.remaining == 2)
        #expect(anna.daysLeft == 8 && anna.neededPerDay == 0.3, "2 customers over 8 days, to 9 December")
        let ben = try #require(plan.workloads.first { $0.auditor == "ben" })
        #expect(ben.daysLeft == nil && ben.remaining == 1)
    }
}
