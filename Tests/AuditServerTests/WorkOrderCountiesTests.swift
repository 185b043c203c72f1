@testable import AuditServer
import Foundation
import Shared
import StoreTestSupport
import Testing

/// A work order's counties (``WorkOrderCounties``), which a pull reads instead of looking every
/// customer up, are always those of the order and its customers as the store has them.
@Suite("work orders' counties, on SQLite and on PostgreSQL")
struct WorkOrderCountiesTests {
    static let counties = ["0101", "0102", "0103"]
    static let auditors = ["anna", "ben", "chen"]

    @Test("after random imports that move customers, orders cut, saved over customers not yet stored, reassigned and split, and a store copy, every order's counties are its own and its customers'",
          arguments: StoreKind.allCases)
    func countiesFollowTheStore(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let dispatch = DispatchService(database: fixture.store)
        var random = SplitMix64(seed: 24)
        for round in 0..<25 {
            switch Int.random(in: 0..<5, using: &random) {
            case 0, 1:
                // New customers (some named by orders saved before them) and customers moved to another county.
                let customers = try (0..<Int.random(in: 1...12, using: &random)).map { _ in
                    try BatchSaveTests.customer(Int.random(in: 1...50, using: &random), county: Self.counties.randomElement(using: &random)!)
                }
                _ = try dispatch.save(customers, chunkSize: Int.random(in: 1...8, using: &random))
            case 2:
                let stored = try Self.customersByCounty(fixture.store)
                guard let (_, customers) = stored.randomElement(using: &random) else { continue }
                _ = try dispatch.createWorkOrder(assignee: Self.auditors.randomElement(using: &random)!,
                                                 customers: Array(customers.shuffled(using: &random).prefix(6)), area: nil, due: nil, priority: nil)
            case 3:
                // As a replica or the MIS job may save one: over customers stored or not (yet).
                let customers = try Set((0..<Int.random(in: 1...5, using: &random)).map { _ in Int.random(in: 1...50, using: &random) }).sorted()
                    .map { try TypedID<Customer>("cus-\(20_000_000 + $0)") }
                _ = try dispatch.save([WorkOrder(id: try TypedID("wo-saved-\(round)"), area: "Mitte",
                                                 assignee: Self.auditors.randomElement(using: &random)!, customers: customers)])
            default:
                // The office changes orders whose customers it has.
                let stored = Set(try Self.customersByCounty(fixture.store).values.joined())
                guard let order = try dispatch.workOrders().filter({ $0.customers.allSatisfy { stored.contains($0.rawValue) } })
                    .randomElement(using: &random) else { continue }
                let auditor = Self.auditors.randomElement(using: &random)!
                if order.customers.count > 1, Bool.random(using: &random) {
                    _ = try dispatch.split(workOrder: order.id.rawValue, customers: [order.customers.last!.rawValue], to: auditor)
                } else {
                    _ = try dispatch.reassign(workOrder: order.id.rawValue, to: auditor)
                }
            }
            try Self.expectDerived(in: fixture.store, "round \(round)")
        }
        #expect(try fixture.store.read { db in try db.value(Int.self, "SELECT COUNT(DISTINCT county) FROM work_order_counties") } ?? 0 >= 2,
                "the rounds spread the orders over counties")

        let target = try StoreFixture(kind)
        let copy = StoreCopy(from: fixture.store, to: target.store)
        _ = try copy.run()
        try copy.verify()
        try Self.expectDerived(in: target.store, "the copy")
    }

    @Test("an older node's writes, which know nothing of the table (placements, moves, orders cut over customers and customers stored after), still leave every county in it",
          arguments: StoreKind.allCases)
    func triggersKeepOlderNodesWhole(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let dispatch = DispatchService(database: fixture.store)
        _ = try dispatch.save([try BatchSaveTests.customer(1, county: "0101"), try BatchSaveTests.customer(2, county: "0101")])
        let order = try dispatch.createWorkOrder(assignee: "anna", customers: ["cus-20000001", "cus-20000002"], area: nil, due: nil, priority: nil)
        func customer(_ number: Int) -> RecordKey { RecordKey(kind: .customer, id: "cus-\(20_000_000 + number)") }

        // What the server wrote before `WorkOrderCounties`, statement by statement.
        try fixture.store.write { db in
            // Customer 2 moves to 0102; customer 3 is stored in 0103.
            try RecordPlacement.move(customer(2), from: "0101", to: "0102", in: db)
            try RecordPlacement.place(customer(3), in: "0103", db: db)
            // An order cut over customers 3 and 4 (not stored yet), lying in 0103; then customer 4 arrives in 0104.
            try db.execute("INSERT INTO work_orders (id, auditor) VALUES ('wo-older', 'ben')")
            try RecordPlacement.place(RecordKey(kind: .workOrder, id: "wo-older"), in: "0103", db: db)
            try db.execute("INSERT INTO work_order_customers (work_order, customer) VALUES ('wo-older', ?), ('wo-older', ?)",
                           [customer(3).id, customer(4).id])
            try RecordPlacement.place(customer(4), in: "0104", db: db)
        }
        let (held, derived) = try fixture.store.read { db in (try Self.rows(in: db), try Self.derivedRows(in: db)) }
        #expect(derived[order.id.rawValue] == ["0101", "0102"] && derived["wo-older"] == ["0103", "0104"], "\(derived)")
        for (workOrder, counties) in derived {
            #expect(held[workOrder, default: []].isSuperset(of: counties), "\(workOrder): \(held[workOrder] ?? []) lacks some of \(counties)")
        }
        #expect(held["wo-older"] == ["0103", "0104"])
        // Anna's order still lies in 0101 with customer 1; customer 2's new county was added.
        #expect(held[order.id.rawValue] == ["0101", "0102"])
    }

    @Test("a store from before the table gets it filled when it opens, and a pull reads the counties it holds", arguments: StoreKind.allCases)
    func migrationFillsTheTable(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let dispatch = DispatchService(database: fixture.store)
        _ = try dispatch.save([try BatchSaveTests.customer(1, county: "0101"), try BatchSaveTests.customer(2, county: "0101"),
                               try BatchSaveTests.customer(3, county: "0102")])
        let order = try dispatch.createWorkOrder(assignee: "anna", customers: ["cus-20000001", "cus-20000002"], area: nil, due: nil, priority: nil)
        _ = try dispatch.createWorkOrder(assignee: "ben", customers: ["cus-20000003"], area: nil, due: nil, priority: nil)
        // Customer 2 moves after the cut: Anna's order lies in both counties.
        _ = try dispatch.save([try BatchSaveTests.customer(2, county: "0102")])
        let before = try fixture.store.read { db in try Self.rows(in: db) }
        #expect(before[order.id.rawValue] == ["0101", "0102"])

        // As a store of the version before: no table, no triggers, no record of its migration.
        let migration = kind == .sqlite ? "v24-work-order-counties" : "v17-work-order-counties"
        try fixture.store.write { db in
            try db.execute("DROP TABLE work_order_counties")
            switch kind {
            case .sqlite:
                for trigger in ["work_order_counties_placed", "work_order_counties_moved", "work_order_counties_customer_added"] {
                    try db.execute("DROP TRIGGER \(trigger)")
                }
            case .postgres:
                for function in ["work_order_counties_placed", "work_order_counties_customer_added"] {
                    try db.execute("DROP FUNCTION \(function) CASCADE")
                }
            }
            try db.execute(kind == .sqlite ? "DELETE FROM grdb_migrations WHERE identifier = ?" : "DELETE FROM schema_migrations WHERE name = ?", [migration])
        }
        let reopened = try fixture.openAgain()
        defer { try? reopened.close() }
        #expect(try reopened.read { db in try Self.rows(in: db) } == before)

        let (device, _) = try DeviceRegistry(database: reopened).enroll(name: "tab-anna", auditor: "anna")
        let page = try reopened.read { db in try SyncService.page(for: device, after: 0, limit: 100, in: db) }
        let pulled = try PullResponse.decodeFast(try page.json()).records.filter { $0.kind == .customer }.map(\.id).sorted()
        #expect(pulled == ["cus-20000001", "cus-20000002"], "Anna's customers in both counties, not Ben's")
    }
}

extension WorkOrderCountiesTests {
    /// The stored customers by county.
    static func customersByCounty(_ store: any ServerStore) throws -> [String: [String]] {
        try store.read { db in
            var customers: [String: [String]] = [:]
            for row in try db.rows("SELECT county, id FROM record_counties WHERE kind = 'customer' ORDER BY id") {
                customers[try row.decode(at: 0), default: []].append(try row.decode(at: 1))
            }
            return customers
        }
    }

    /// The table's rows: each work order's counties.
    static func rows(in db: any StoreConnection) throws -> [String: Set<String>] {
        try Self.grouped(db.rows("SELECT work_order, county FROM work_order_counties"))
    }

    /// Expects the table to hold, for every order, exactly the counties of the order and its
    /// stored customers (``derivedRows(in:)``); and each auditor's counties to be theirs.
    static func expectDerived(in store: any ServerStore, _ when: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (held, derived, auditors) = try store.read { db in
            let derived = try Self.derivedRows(in: db)
            let owners = try db.rows("SELECT id, auditor FROM work_orders")
            var auditors: [String: (held: [String], derived: [String])] = [:]
            for auditor in Self.auditors {
                let orders = try owners.filter { try $0.decode(at: 1) as String == auditor }.map { try $0.decode(at: 0) as String }
                auditors[auditor] = (try WorkOrderCounties.counties(ofAuditor: auditor, in: db),
                                     Set(orders.flatMap { derived[$0] ?? [] }).sorted())
            }
            return (try Self.rows(in: db), derived, auditors)
        }
        #expect(held == derived, "\(when)", sourceLocation: sourceLocation)
        for (auditor, counties) in auditors {
            #expect(counties.held == counties.derived, "\(when): \(auditor)", sourceLocation: sourceLocation)
        }
    }

    /// Each work order's counties read the slow way: its own and its stored customers'.
    static func derivedRows(in db: any StoreConnection) throws -> [String: Set<String>] {
        try Self.grouped(db.rows("""
            SELECT w.id, d.county FROM work_orders w JOIN record_counties d ON d.kind = 'work_order' AND d.id = w.id
            UNION
            SELECT c.work_order, d.county FROM work_order_customers c JOIN record_counties d ON d.kind = 'customer' AND d.id = c.customer
            """))
    }

    static func grouped(_ rows: [StoreRow]) throws -> [String: Set<String>] {
        var grouped: [String: Set<String>] = [:]
        for row in rows { grouped[try row.decode(at: 0), default: []].insert(try row.decode(at: 1)) }
        return grouped
    }
}
