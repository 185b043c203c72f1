@testable import AuditServer
import Foundation
import Logging
import Shared
import StoreTestSupport
import Testing

/// The change log's head (``ChangeLogHead``) is `MAX(seq)` of the log, whatever wrote it.
@Suite("the change log's head, on SQLite and on PostgreSQL")
struct ChangeLogHeadTests {
    @Test("after random imports, edits, work orders, pushes, a rolled-back write and a store copy, the head is the log's MAX(seq)",
          arguments: StoreKind.allCases)
    func headFollowsTheLog(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        var random = SplitMix64(seed: 13)
        let dispatch = DispatchService(database: fixture.store)
        let sync = SyncService(database: fixture.store, notifier: ChangeNotifier(latest: 0), metrics: ServerMetrics(), logger: Logger(label: "test"))
        let (device, _) = try DeviceRegistry(database: fixture.store).enroll(name: "tab-anna", auditor: "anna")
        try Self.expectHead(of: fixture.store)

        var cursor: Int64 = 0
        for round in 0..<12 {
            // A chunk of new and changed customers over three counties, saved in random chunks.
            let customers = try (0..<Int.random(in: 1...30, using: &random)).map { _ in
                let number = Int.random(in: 1...60, using: &random)
                var customer = try BatchSaveTests.customer(number, county: ["0101", "0102", "0103"].randomElement(using: &random)!)
                customer.notes = "round \(round)"
                return customer
            }
            _ = try dispatch.save(customers, chunkSize: Int.random(in: 1...20, using: &random))
            try Self.expectHead(of: fixture.store)

            // A work order over some of them (touching their change-log positions), then Anna's pushes.
            let counties = Dictionary(customers.map { ($0.id.rawValue, $0.county ?? "") }, uniquingKeysWith: { $1 })
            let county = counties.values.sorted().randomElement(using: &random)!
            let ids = counties.filter { $0.value == county }.keys.sorted()
            _ = try dispatch.createWorkOrder(assignee: "anna", customers: Array(ids.prefix(5)), area: nil, due: nil, priority: nil)
            try Self.expectHead(of: fixture.store)
            let page = try PullResponse.decodeFast(try await sync.pull(for: device, cursor: cursor, wait: 0))
            cursor = page.cursor
            var edited = page.records.filter { $0.kind == .customer }.shuffled(using: &random).prefix(3).map { $0 }
            for index in edited.indices {
                try edited[index].write(.text("push \(round)"), to: "notes", by: device.replica,
                                        at: HLCTimestamp(milliseconds: HybridLogicalClock.wallClockMilliseconds()))
            }
            if !edited.isEmpty {
                let pushed = try await sync.push(PushRequest(batchID: "anna-\(round)", records: edited), from: device)
                #expect(pushed.results.allSatisfy { $0.status == .merged }, "\(pushed.results)")
                #expect(pushed.cursor == (try await fixture.store.read { db in try Self.maximum(in: db) }))
            }
            try Self.expectHead(of: fixture.store)
        }

        // A write that appends and then fails leaves the head where it was.
        let before = try await fixture.store.read { db in try RecordTable.currentSequence(in: db) }
        struct Abandoned: Error {}
        #expect(throws: Abandoned.self) {
            try fixture.store.write { db in
                _ = try RecordTable.appendChanges([(RecordKey(kind: .customer, id: "cus-20000001"), "0101")], origin: "test", batchID: nil, in: db)
                #expect(try RecordTable.currentSequence(in: db) > before, "inside the write, the head is its own")
                throw Abandoned()
            }
        }
        #expect(try await fixture.store.read { db in try RecordTable.currentSequence(in: db) } == before)

        // A copy, a few rows a page; then resumed from where a copy stopped before the change
        // log's last pages (their rows and the head's rise went together): the target's head
        // follows the rows it received.
        let target = try StoreFixture(kind)
        var copy = StoreCopy(from: fixture.store, to: target.store)
        copy.pageSize = 7
        _ = try copy.run()
        try copy.verify()
        try Self.expectHead(of: target.store)
        try await target.store.write { db in
            try db.execute("DELETE FROM change_log WHERE seq > ?", [before - 5])
            try db.execute("UPDATE change_log_head SET seq = (SELECT MAX(seq) FROM change_log)")
        }
        try Self.expectHead(of: target.store)
        #expect(throws: StoreCopy.Mismatch.self) { try copy.verify() }
        _ = try copy.run()
        try copy.verify()
        try Self.expectHead(of: target.store)
        #expect(try await target.store.read { db in try RecordTable.currentSequence(in: db) } == before)
        try target.importCustomers(61...62)
        try Self.expectHead(of: target.store)
        #expect(try await target.store.read { db in try RecordTable.currentSequence(in: db) } == before + 2)
    }

    @Test("the migration that adds the head fills it from the log as it is; later writes go on from there",
          arguments: StoreKind.allCases)
    func migrationFillsTheHead(kind: StoreKind) throws {
        let lastBefore = switch kind {
        case .sqlite: "v22-quality-scope"
        case .postgres: "v15-quality-scope"
        }
        let directory = try ScratchDirectory("change-log-head")
        defer { directory.remove() }
        let location = try kind.freshLocation(directory: directory.path)
        let older: any ServerStore = switch location {
        case .sqlite(let path): try SQLiteStore(directory: path, upTo: lastBefore)
        case .postgres(let database): try PostgresStore(database, upTo: lastBefore)
        }
        // Entries with gaps (a rolled-back write's numbers) in two counties: the head is the
        // highest, not the count.
        try older.write { db in
            for county in ["0101", "0102"] { try db.preparePartitions(forCounty: county) }
            for (seq, county) in [(3, "0101"), (4, "0102"), (9, "0101"), (41, "0102")] as [(Int64, String)] {
                try db.execute("INSERT INTO change_log (seq, county, kind, id, origin, batch_id, at_ms) VALUES (?, ?, 'customer', ?, 'test', NULL, 0)",
                               [seq, county, "cus-\(20_000_000 + seq)"])
            }
            // As a store that numbered them itself: PostgreSQL's sequence lies past them.
            if kind == .postgres { try db.execute("SELECT setval('change_log_seq', 42, false)") }
        }
        try older.close()

        let migrated = try location.open()
        defer { try? migrated.close() }
        try Self.expectHead(of: migrated)
        #expect(try migrated.read { db in try RecordTable.currentSequence(in: db) } == 41)
        _ = try DispatchService(database: migrated).save([try BatchSaveTests.customer(1)])
        try Self.expectHead(of: migrated)
        #expect(try migrated.read { db in try RecordTable.currentSequence(in: db) } == 42)
    }

    @Test("a store migrated with an empty change log starts its head at 0", arguments: StoreKind.allCases)
    func emptyLog(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        #expect(try fixture.store.read { db in try RecordTable.currentSequence(in: db) } == 0)
    }
}

extension ChangeLogHeadTests {
    /// The log's `MAX(seq)`, read the slow way; 0 for an empty log.
    static func maximum(in db: any StoreConnection) throws -> Int64 {
        try db.value(Int64.self, "SELECT COALESCE(MAX(seq), 0) FROM change_log") ?? 0
    }

    /// Expects `store`'s head to be its log's `MAX(seq)`, in one snapshot.
    static func expectHead(of store: any ServerStore, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (head, maximum) = try store.read { db in (try RecordTable.currentSequence(in: db), try Self.maximum(in: db)) }
        #expect(head == maximum, "head \(head), MAX(seq) \(maximum)", sourceLocation: sourceLocation)
    }
}
