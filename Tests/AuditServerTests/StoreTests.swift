@testable import AuditServer
import Foundation
import Logging
import Shared
import StoreTestSupport
import Synchronization
import Testing

/// A fresh store for one test: SQLite in a scratch directory, or a new PostgreSQL database.
final class StoreFixture {
    let kind: StoreKind
    let directory: ScratchDirectory
    let location: StoreLocation
    let store: any ServerStore

    init(_ kind: StoreKind) throws {
        self.kind = kind
        directory = try ScratchDirectory("store-\(kind.rawValue)")
        location = try kind.freshLocation(directory: directory.path)
        store = try location.open()
    }

    /// Another store on the same data, as a second server node (or a dispatcher command) opens it.
    func openAgain() throws -> any ServerStore { try location.open() }

    /// Customers `cus-2000000N`, N in `numbers`, imported as the dispatcher imports them.
    func importCustomers(_ numbers: ClosedRange<Int>) throws {
        let customers = try numbers.map { number in
            var customer = Customer(id: try TypedID("cus-\(20_000_000 + number)"), account: "\(20_000_000 + number)", name: "客户 \(number)")
            customer.address = "Bahnhofstraße \(number), Bayreuth"
            customer.location = GeoPoint(latitude: 49.95 + Double(number) / 1000, longitude: 11.57)
            return customer
        }
        _ = try DispatchService(database: store).save(customers)
    }

    deinit {
        try? store.close()
        directory.remove()
    }
}

/// What every feature relies on from the store, run on both stores: one suite, a store argument.
/// Without `FIELDAUDIT_TEST_POSTGRES` the PostgreSQL cases fail saying how to get a cluster.
@Suite("the server store, on SQLite and on PostgreSQL")
struct StoreTests {
    @Test("every value type goes in and comes back unchanged: bytes, text with quotes and question marks, integers, reals, NULL",
          arguments: StoreKind.allCases)
    func valuesRoundTrip(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let bytes = Data([0, 1, 2, 0xff, 0xfe, 0x80, 0x27, 0x3f])
        let text = "客户 'quoted' \"double\" ? ?1 $1 -- not a comment"
        try fixture.store.write { db in
            try db.preparePartitions(forCounty: "")
            try db.execute("INSERT INTO records (county, kind, id, state, seq, conflicted) VALUES (?, ?, ?, ?, ?, ?)",
                           ["", "customer", text, bytes, Int64.max - 1, 1])
            try db.execute("INSERT INTO device_replicas (replica, device, epoch, issued_at_ms, high_ms, high_n) VALUES (?1, ?2, ?3, ?3, NULL, ?4)",
                           ["t-x", "x", 7, nil])
            try db.execute("INSERT INTO customer_sites (id, lat, lon) VALUES (?, ?, ?)", ["cus-1", 49.951234567, -11.5])
        }
        let (row, literal, replica, site, count, missing) = try fixture.store.read { db in
            (try db.row("SELECT state, seq, conflicted, id FROM records WHERE kind = 'customer' AND id = ?", [text]),
             // A literal '?' is not a placeholder.
             try db.value(String.self, "SELECT 'a?b' || ?", ["c"]),
             try db.row("SELECT epoch, issued_at_ms, high_ms, high_n FROM device_replicas WHERE replica = ?", ["t-x"]),
             try db.row("SELECT lat, lon FROM customer_sites WHERE id = ?", ["cus-1"]),
             try db.value(Int64.self, "SELECT COUNT(*) FROM records"),
             try db.value(Int64.self, "SELECT seq FROM records WHERE id = 'none'"))
        }
        let record = try #require(row)
        #expect(record[0] as Data == bytes)
        #expect(record[1] as Int64 == Int64.max - 1)
        #expect(record[2] as Bool)
        #expect(record["id"] as String == text)
        #expect(literal == "a?bc")
        let issued = try #require(replica)
        #expect(issued[0] as Int == 7 && issued[1] as Int == 7)
        #expect(issued[2] as Int64? == nil && issued[3] as Int64? == nil)
        let position = try #require(site)
        #expect(position[0] as Double == 49.951234567 && position[1] as Double == -11.5)
        #expect(count == 1)
        #expect(missing == nil)
    }

    @Test("an upsert inserts, then updates the one row; execute counts the rows it changed", arguments: StoreKind.allCases)
    func upsert(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let sql = "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        let counts = try fixture.store.write { db in
            [try db.execute(sql, ["k", "one"]),
             try db.execute(sql, ["k", "two"]),
             try db.execute("INSERT INTO assignment_history (work_order, auditor) VALUES (?, ?) ON CONFLICT DO NOTHING", ["wo", "anna"]),
             try db.execute("INSERT INTO assignment_history (work_order, auditor) VALUES (?, ?) ON CONFLICT DO NOTHING", ["wo", "anna"]),
             try db.execute("UPDATE meta SET value = 'x' WHERE key = 'missing'")]
        }
        #expect(counts == [1, 1, 1, 0, 0])
        #expect(try fixture.store.read { db in try db.values(String.self, "SELECT value FROM meta WHERE key = 'k'") } == ["two"])
    }

    @Test("a write that throws leaves nothing behind and says so to its rollback callback; a commit calls the commit one",
          arguments: StoreKind.allCases)
    func rollback(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        struct Refused: Error {}
        let outcome = Outcome()
        #expect(throws: Refused.self) {
            try fixture.store.write { db in
                db.afterTransaction(onCommit: { outcome.note("commit") }, onRollback: { outcome.note("rollback") })
                try db.execute("INSERT INTO work_orders (id, auditor) VALUES ('half', 'written')")
                throw Refused()
            }
        }
        try await fixture.store.write { db in
            db.afterTransaction(onCommit: { outcome.note("commit") }, onRollback: { outcome.note("rollback") })
            try db.execute("INSERT INTO work_orders (id, auditor) VALUES ('whole', 'written')")
        }
        #expect(outcome.events == ["rollback", "commit"])
        #expect(try await fixture.store.read { db in try db.values(String.self, "SELECT id FROM work_orders ORDER BY id") } == ["whole"])
        // A failing statement is an error naming it, and the store stays usable.
        #expect(throws: (any Error).self) { try fixture.store.write { db in try db.execute("INSERT INTO no_such_table VALUES (1)") } }
        #expect(try await fixture.store.read { db in try db.value(Int.self, "SELECT COUNT(*) FROM work_orders") } == 1)
    }

    @Test("opening a migrated store again, from several nodes at once, migrates nothing twice and loses nothing",
          arguments: StoreKind.allCases)
    func migrationsOnce(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        try fixture.importCustomers(1...3)
        let location = fixture.location
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let store = try location.open()
                    defer { try? store.close() }
                    return try await store.read { db in try db.value(Int.self, "SELECT COUNT(*) FROM records WHERE kind = 'customer'") ?? -1 }
                }
            }
            for try await count in group { #expect(count == 3) }
        }
    }

    @Test("dispatch, enrol, pull and push over the store: the tablet pulls its scope, a pushed edit merges once, a repeated batch writes nothing",
          arguments: StoreKind.allCases)
    func syncOverStore(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        try fixture.importCustomers(1...4)
        let order = try DispatchService(database: fixture.store).createWorkOrder(
            assignee: "anna", customers: ["cus-20000001", "cus-20000002"], area: "Bahnhofstraße", due: nil, priority: nil)
        let registry = DeviceRegistry(database: fixture.store)
        let (device, token) = try registry.enroll(name: "tab-anna", auditor: "anna")
        #expect(try await registry.authenticate(authorization: "Bearer \(token)") == device)

        let sync = SyncService(database: fixture.store, notifier: ChangeNotifier(latest: 0), metrics: ServerMetrics(), logger: Logger(label: "test"))
        let page = try PullResponse.decodeFast(try await sync.pull(for: device, cursor: 0, wait: 0))
        #expect(Set(page.records.map(\.id)) == [order.id.rawValue, "cus-20000001", "cus-20000002"])

        var customer = try #require(page.records.first { $0.id == "cus-20000002" })
        try customer.write(.text("+49 921 555 9999"), to: "phone", by: device.replica, at: HLCTimestamp(milliseconds: HybridLogicalClock.wallClockMilliseconds()))
        let batch = PushRequest(batchID: "anna-1", records: [customer])
        let first = try await sync.push(batch, from: device)
        #expect(first.results.map(\.status) == [.merged])
        let log = try await fixture.store.read { db in try db.value(Int.self, "SELECT COUNT(*) FROM change_log") }
        #expect(try await sync.push(batch, from: device) == first)
        #expect(try await fixture.store.read { db in try db.value(Int.self, "SELECT COUNT(*) FROM change_log") } == log)

        let next = try PullResponse.decodeFast(try await sync.pull(for: device, cursor: page.cursor, wait: 0))
        #expect(next.records.first { $0.id == "cus-20000002" }?.text("phone") == "+49 921 555 9999")
        // Another node on the same store sees the merged edit.
        let other = try fixture.openAgain()
        defer { try? other.close() }
        let stored = try await other.read { db in try RecordTable.load(RecordKey(kind: .customer, id: "cus-20000002"), in: db) }
        #expect(stored?.text("phone") == "+49 921 555 9999")

        try registry.revoke(name: "tab-anna")
        await #expect(throws: APIError.self) { try await registry.authenticate(authorization: "Bearer \(token)") }
    }

    @Test("the change feed never skips a change: writers on several nodes at once, a reader paging with the pull's cursor rule in between",
          arguments: StoreKind.allCases)
    func changeFeedNeverSkips(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        try fixture.importCustomers(1...8)
        let nodes = try (0..<3).map { _ in try fixture.openAgain() }
        defer { for node in nodes { try? node.close() } }
        let writesPerNode = 40
        let reader = FeedReader(store: fixture.store)

        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, node) in nodes.enumerated() {
                group.addTask {
                    let dispatch = DispatchService(database: node)
                    for write in 0..<writesPerNode {
                        let number = 20_000_001 + (write + index) % 8
                        var customer = Customer(id: try TypedID("cus-\(number)"), account: "\(number)", name: "客户")
                        customer.notes = "node \(index) write \(write)"
                        _ = try dispatch.save([customer], only: ["notes"])
                    }
                }
            }
            group.addTask {
                for _ in 0..<200 { try await reader.readPage() }
            }
            try await group.waitForAll()
        }
        try await reader.readPage()
        let all = Set(try await fixture.store.read { db in try db.values(Int64.self, "SELECT seq FROM change_log") })
        #expect(all.count >= 3 * writesPerNode + 8)
        let seen = await reader.seen
        #expect(all.subtracting(seen).isEmpty, "the reader skipped \(all.subtracting(seen).sorted().prefix(10))")
    }
}

extension StoreTests {
    @Test("a commit on one node is announced to every node watching, with the change log's position; SQLite leaves it to the watcher's look",
          arguments: StoreKind.allCases)
    func commitsAnnounced(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let other = try fixture.openAgain()
        defer { try? other.close() }
        let (heard, heardSink) = AsyncStream<Int64>.makeStream()
        let store = fixture.store
        let watcher = Task {
            try await store.watchCommits { sequence in heardSink.yield(sequence) }
            heardSink.finish()
        }
        defer { watcher.cancel() }
        if kind == .sqlite {
            // Nothing to listen to: it returns at once, having heard nothing.
            try await watcher.value
            var iterator = heard.makeAsyncIterator()
            #expect(await iterator.next() == nil)
            return
        }
        // Write on the other node until the watcher (which starts listening at some point) hears it.
        let dispatch = DispatchService(database: other)
        var iterator = heard.makeAsyncIterator()
        let written = Task {
            for attempt in 1...600 {
                var customer = Customer(id: try TypedID("cus-20000001"), account: "20000001", name: "客户 \(attempt)")
                customer.notes = "attempt \(attempt)"
                _ = try dispatch.save([customer], only: ["name", "notes"])
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        defer { written.cancel() }
        let sequence = try #require(await iterator.next())
        let current = try await other.read { db in try RecordTable.currentSequence(in: db) }
        #expect(sequence > 0 && sequence <= current)
    }
}

extension StoreTests {
    @Test("store copy moves an SQLite installation into another store: idempotent, resumable, verified; pulls answer the same there",
          arguments: StoreKind.allCases)
    func copy(into kind: StoreKind) async throws {
        let source = try StoreFixture(.sqlite)
        try source.importCustomers(1...5)
        _ = try DispatchService(database: source.store).createWorkOrder(
            assignee: "anna", customers: ["cus-20000001", "cus-20000003"], area: nil, due: nil, priority: nil)
        let (device, _) = try DeviceRegistry(database: source.store).enroll(name: "tab-anna", auditor: "anna")
        let quality = try QualitySettings(overriding: "rules:\n  capacity_category: {max_kva: {residential: 5}}\n")
        let found = try await QualityRun(database: source.store, settings: quality, serviceArea: nil).run()
        let target = try StoreFixture(kind)
        var copy = StoreCopy(from: source.store, to: target.store)
        copy.pageSize = 3

        let first = try copy.run()
        // (meta only where the target's own differs: a new SQLite store made an epoch of its own.)
        #expect(first.filter { $0.table != "meta" }.allSatisfy { $0.inserted == $0.rows })
        #expect(first.first { $0.table == "records" }?.rows == 6)
        try copy.verify()
        // Again: nothing new, still verified.
        #expect(try copy.run().allSatisfy { $0.inserted == 0 })
        try copy.verify()

        // Interrupted halfway: what is missing is copied, nothing twice.
        try await target.store.write { db in try db.execute("DELETE FROM records WHERE id IN ('cus-20000002', 'cus-20000004')") }
        #expect(throws: StoreCopy.Mismatch.self) { try copy.verify() }
        #expect(try copy.run().first { $0.table == "records" }?.inserted == 2)
        try copy.verify()

        // The data-quality findings came along, and the target's next run goes on from them.
        #expect(found.open > 0)
        #expect(try QualityFindings(database: target.store).list(.init()) == QualityFindings(database: source.store).list(.init()))
        let later = try await QualityRun(database: target.store, settings: quality, serviceArea: nil).run()
        #expect(!later.full && later.opened == 0 && later.closed == 0 && later.open == found.open)

        // A tablet pulls the same page from either store, and new changes continue the log.
        let pages = try [source.store, target.store].map { store in
            try store.read { db in try SyncService.page(for: device, after: 0, limit: 100, in: db) }
        }
        #expect(pages[0].records == pages[1].records && pages[0].cursor == pages[1].cursor)
        try target.importCustomers(6...6)
        let next = try await target.store.read { db in try RecordTable.currentSequence(in: db) }
        #expect(next > pages[1].cursor)
    }
}

extension StoreTests {
    @Test("store copy names every table the schema has: copied, or left behind with a reason")
    func copyCoversTheSchema() throws {
        let store = try StoreFixture(.sqlite)
        let tables = try store.store.read { db in
            try db.values(String.self, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'")
        }
        let named = Set(StoreCopy.tables.map(\.name)).union(StoreCopy.notCopied.keys)
        #expect(Set(tables).subtracting(named).isEmpty, "tables store copy does not name: \(Set(tables).subtracting(named).sorted())")
        #expect(Set(StoreCopy.tables.map(\.name)).isDisjoint(with: StoreCopy.notCopied.keys))
    }
}

/// Pages through the change log as a pull does: after the cursor, in order, a few at a time; at
/// the end of what it sees, the cursor moves to the store's current sequence.
actor FeedReader {
    let store: any ServerStore
    private(set) var seen: Set<Int64> = []
    private var cursor: Int64 = 0

    init(store: any ServerStore) { self.store = store }

    func readPage() async throws {
        let after = cursor
        let (page, current) = try await store.read { db in
            (try db.values(Int64.self, "SELECT seq FROM change_log WHERE seq > ? ORDER BY seq LIMIT 7", [after]),
             try RecordTable.currentSequence(in: db))
        }
        seen.formUnion(page)
        cursor = page.count == 7 ? page.last! : max(after, current)
    }
}

/// Events noted from transaction callbacks, in order.
final class Outcome: Sendable {
    private let storage = Mutex<[String]>([])
    func note(_ event: String) { storage.withLock { $0.append(event) } }
    var events: [String] { storage.withLock { $0 } }
}

@Suite("PostgreSQL placeholders")
struct PostgresPlaceholderTests {
    @Test("? and ?N become $N; quoted text and identifiers keep theirs")
    func translate() {
        #expect(PostgresPlaceholders.translate("SELECT a FROM t WHERE b = ? AND c = ?") == "SELECT a FROM t WHERE b = $1 AND c = $2")
        #expect(PostgresPlaceholders.translate("UPDATE t SET a = ?2 WHERE b = ?1 AND c = ?2") == "UPDATE t SET a = $2 WHERE b = $1 AND c = $2")
        #expect(PostgresPlaceholders.translate("SELECT '?', \"?\" FROM t WHERE a = ? AND b = 'it''s ?'") == "SELECT '?', \"?\" FROM t WHERE a = $1 AND b = 'it''s ?'")
    }
}
