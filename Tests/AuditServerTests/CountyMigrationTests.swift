@testable import AuditServer
import Foundation
import Shared
import StoreTestSupport
import Testing

/// Stores made before records were kept by county are moved into counties when they open.
@Suite("records kept by county, on SQLite and on PostgreSQL")
struct CountyMigrationTests {
    /// The last migration before counties, per store.
    static func lastMigrationBeforeCounties(_ kind: StoreKind) -> String {
        switch kind {
        case .sqlite: "v7-store-epoch"
        case .postgres: "v1-server-schema"
        }
    }

    /// A current store with customers of two counties and of none, a device and a work order.
    static func currentStore(_ kind: StoreKind) throws -> StoreFixture {
        let fixture = try StoreFixture(kind)
        let service = DispatchService(database: fixture.store)
        let customers = try (1...4).map { number in
            var customer = Customer(id: try TypedID("cus-\(20_000_000 + number)"), account: "\(20_000_000 + number)", name: "客户 \(number)")
            customer.county = [1: "09462", 2: "09462", 3: "09472"][number]
            return customer
        }
        _ = try service.save(customers)
        var meter = Device(id: try TypedID("dev-m1"), serial: "M-0001", kind: .meter)
        meter.customer = try TypedID("cus-20000003")
        _ = try service.save([meter])
        _ = try service.createWorkOrder(assignee: "anna", customers: ["cus-20000001", "cus-20000002"], area: nil, due: nil, priority: nil)
        return fixture
    }

    @Test("an older store is migrated in place: each record and change-log entry lands in its customer's county, positions unchanged, states the same",
          arguments: StoreKind.allCases)
    func migratesOlderStores(kind: StoreKind) throws {
        let current = try Self.currentStore(kind)
        let (records, log) = try current.store.read { db in
            (try db.rows("SELECT kind, id, state, seq, conflicted FROM records ORDER BY seq"),
             try db.rows("SELECT seq, kind, id, origin, batch_id, at_ms FROM change_log ORDER BY seq"))
        }
        // The same rows in a store of the version before counties.
        let directory = try ScratchDirectory("county-migration")
        defer { directory.remove() }
        let location = try kind.freshLocation(directory: directory.path)
        let older: any ServerStore = switch location {
        case .sqlite(let path): try SQLiteStore(directory: path, upTo: Self.lastMigrationBeforeCounties(kind))
        case .postgres(let database): try PostgresStore(database, upTo: Self.lastMigrationBeforeCounties(kind))
        }
        let overriding = kind == .postgres ? " OVERRIDING SYSTEM VALUE" : ""
        try older.write { db in
            for row in records {
                try db.execute("INSERT INTO records (kind, id, state, seq, conflicted) VALUES (?, ?, ?, ?, ?)", StoreArguments(row.values))
            }
            for row in log {
                try db.execute("INSERT INTO change_log (seq, kind, id, origin, batch_id, at_ms)\(overriding) VALUES (?, ?, ?, ?, ?, ?)",
                               StoreArguments(row.values))
            }
        }
        try older.close()

        let migrated = try location.open()
        defer { try? migrated.close() }
        let placement = "SELECT kind, id, county FROM record_counties ORDER BY kind, id"
        let placedRecords = "SELECT county, kind, id, seq, conflicted FROM records ORDER BY seq"
        let placedLog = "SELECT seq, county, kind, id, origin FROM change_log ORDER BY seq"
        for sql in [placement, placedRecords, placedLog] {
            let expected = try current.store.read { db in try db.rows(sql).map(\.description) }
            #expect(try migrated.read { db in try db.rows(sql).map(\.description) } == expected, "\(sql)")
        }
        #expect(try migrated.read { db in try db.values(String.self, "SELECT county FROM record_counties WHERE id = 'dev-m1'") } == ["09472"])
        let workOrder = try #require(try current.store.read { db in try db.value(String.self, "SELECT id FROM records WHERE kind = 'work_order'") })
        #expect(try migrated.read { db in try RecordPlacement.placed(RecordKey(kind: .workOrder, id: workOrder), in: db) } == "09462")
        for row in records {
            let key = RecordKey(kind: RecordKind(rawValue: row[0])!, id: row[1])
            #expect(try migrated.read { db in try RecordTable.load(key, in: db) } == (try RecordTable.decode(row[2])))
        }
        // Histories start with each record's entries; account numbers find their customers.
        #expect(try migrated.read { db in try db.value(Int.self, "SELECT COUNT(*) FROM record_history") } == records.count)
        #expect(try migrated.read { db in try CustomerReference.resolve("20000003", in: db) } == "cus-20000003")
        // The change log goes on after the migrated positions.
        let last: Int64 = log.last![0]
        _ = try DispatchService(database: migrated).createWorkOrder(assignee: "ben", customers: ["cus-20000003"], area: nil, due: nil, priority: nil)
        #expect(try migrated.read { db in try RecordTable.currentSequence(in: db) } > last)
        #expect(try migrated.read { db in try db.value(Int64.self, "SELECT MIN(seq) FROM change_log WHERE seq > ?", [last]) } == last + 1)
    }
}
