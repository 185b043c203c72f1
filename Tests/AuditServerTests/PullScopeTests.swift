@testable import AuditServer
import Foundation
import Logging
import Shared
import StoreTestSupport
import Testing

/// What a pull names as having left the tablet's scope, on both stores: the pull reads the moved
/// work order in its own county (``SyncService/leftScope(of:after:in:)``).
@Suite("a pull tells what left the tablet's scope, on SQLite and on PostgreSQL")
struct PullScopeTests {
    @Test("a work order given to another auditor leaves anna's scope with its customers, except one she still has through another order; once read, it is not named again",
          arguments: StoreKind.allCases)
    func reassignedOrderLeavesScope(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        try fixture.importCustomers(1...4)
        let dispatch = DispatchService(database: fixture.store)
        let moving = try dispatch.createWorkOrder(assignee: "anna", customers: ["cus-20000001", "cus-20000002"], area: "Nord", due: nil, priority: nil)
        let staying = try dispatch.createWorkOrder(assignee: "anna", customers: ["cus-20000002", "cus-20000003"], area: "Süd", due: nil, priority: nil)
        let (device, _) = try DeviceRegistry(database: fixture.store).enroll(name: "tab-anna", auditor: "anna")
        let sync = SyncService(database: fixture.store, notifier: ChangeNotifier(latest: 0), metrics: ServerMetrics(), logger: Logger(label: "test"))

        let first = try PullResponse.decodeFast(try await sync.pull(for: device, cursor: 0, wait: 0))
        #expect(Set(first.records.map(\.id)) == [moving.id.rawValue, staying.id.rawValue, "cus-20000001", "cus-20000002", "cus-20000003"])
        #expect(first.leftScope.isEmpty)

        _ = try dispatch.reassign(workOrder: moving.id.rawValue, to: "ben")
        let next = try PullResponse.decodeFast(try await sync.pull(for: device, cursor: first.cursor, wait: 0))
        #expect(next.leftScope == [RecordKey(kind: .workOrder, id: moving.id.rawValue), RecordKey(kind: .customer, id: "cus-20000001")])
        // Customer 2 entered Ben's scope and moved up the log: Anna, who keeps it, gets it again.
        #expect(next.records.map(\.id).allSatisfy { $0 == "cus-20000002" })

        let again = try PullResponse.decodeFast(try await sync.pull(for: device, cursor: next.cursor, wait: 0))
        #expect(again.leftScope.isEmpty && again.records.isEmpty)
        #expect(again.cursor == next.cursor)
    }
}
