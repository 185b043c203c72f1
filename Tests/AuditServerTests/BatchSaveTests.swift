@testable import AuditServer
import Foundation
import Logging
import Shared
import StoreTestSupport
import Testing

/// An import writes a chunk of records at once (``RecordBatch``); what it leaves must be what
/// saving the same records one at a time leaves, on both stores.
@Suite("saving a chunk of records at once, on SQLite and on PostgreSQL")
struct BatchSaveTests {
    @Test("a chunk of new, changed and unchanged customers (one given twice, one moving county with its device, one placed after its device) and devices ends as one-by-one saves end",
          arguments: StoreKind.allCases)
    func chunkMatchesOneByOne(kind: StoreKind) async throws {
        let oneByOne = try StoreFixture(kind), together = try StoreFixture(kind)
        for fixture in [oneByOne, together] { try Self.seed(fixture.store) }

        let single = DispatchService(database: oneByOne.store, author: "shell:test")
        let batched = DispatchService(database: together.store, author: "shell:test")
        let customers = try Self.customerChunk()
        let alone = try single.save(customers, chunkSize: 1), atOnce = try batched.save(customers)
        #expect(atOnce.created == 3 && atOnce.changed == 5, "\(atOnce)")
        #expect(alone.created == atOnce.created && alone.changed == atOnce.changed)
        let devices = try Self.deviceChunk()
        let devicesAlone = try single.save(devices, chunkSize: 1), devicesAtOnce = try batched.save(devices)
        #expect(devicesAtOnce.created == 1 && devicesAtOnce.changed == 1, "\(devicesAtOnce)")
        #expect(devicesAlone.created == devicesAtOnce.created && devicesAlone.changed == devicesAtOnce.changed)

        let (expected, actual) = (try await StoreSnapshot(oneByOne.store), try await StoreSnapshot(together.store))
        #expect(actual.changeLog == expected.changeLog)
        #expect(actual.history == expected.history)
        #expect(actual.records == expected.records)
        #expect(actual.tables == expected.tables)
        #expect(actual.pulled == expected.pulled)
        // The outcome itself, beyond agreeing: the moved customer took its device along, the
        // customer placed after its device took it out of the county of none.
        #expect(actual.tables.contains("record_counties: [kind:\"customer\" id:\"cus-20000004\" county:\"0102\"]"))
        #expect(actual.tables.contains("record_counties: [kind:\"device\" id:\"dev-4\" county:\"0102\"]"))
        #expect(actual.tables.contains("record_counties: [kind:\"device\" id:\"dev-9\" county:\"0101\"]"))
        #expect(actual.history.filter { $0.hasPrefix("customer cus-20000002 ") }.count == 3, "imported, then changed twice")
        #expect(actual.pulled.contains { $0.hasPrefix("customer cus-20000002 ") && $0.contains("notes: 再次 by") })
    }

    @Test("a chunk larger than one statement's arguments goes out in several; every save keeps its own change-log position",
          arguments: StoreKind.allCases)
    func largeChunk(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let count = MultiRowInsert.maximumArguments / 6 + 500
        let customers = try (1...count).map { try Self.customer($0, county: $0.isMultiple(of: 2) ? "0101" : "0102") }
        let saved = try DispatchService(database: fixture.store).saveAll(customers)
        #expect(saved.created == count)
        let (entries, distinct, rows, history) = try fixture.store.read { db in
            (try db.value(Int.self, "SELECT COUNT(*) FROM change_log"),
             try db.value(Int.self, "SELECT COUNT(DISTINCT r.seq) FROM records r JOIN change_log c ON c.seq = r.seq AND c.id = r.id"),
             try db.value(Int.self, "SELECT COUNT(*) FROM customer_accounts"),
             try db.value(Int.self, "SELECT COUNT(*) FROM record_history"))
        }
        #expect(entries == count && distinct == count && rows == count && history == count)
    }
}

extension BatchSaveTests {
    /// Customer `cus-2000000N`, account `2000000N`, in `county`, with a site.
    static func customer(_ number: Int, county: String = "0101") throws -> Customer {
        var customer = Customer(id: try TypedID("cus-\(20_000_000 + number)"), account: "\(20_000_000 + number)", name: "客户 \(number)")
        customer.county = county
        customer.location = GeoPoint(latitude: 49.95 + Double(number) / 1000, longitude: 11.57)
        return customer
    }

    static func meter(_ number: Int, of customer: Int?) throws -> Device {
        var device = Device(id: try TypedID("dev-\(number)"), serial: "M-\(number)", kind: .meter)
        device.customer = try customer.map { try TypedID("cus-\(20_000_000 + $0)") }
        return device
    }

    /// Customers 1 to 6 and their meters 1 and 4, meter 9 of a customer not yet imported, and
    /// Anna's work order over customers 1 to 4.
    static func seed(_ store: any ServerStore) throws {
        let dispatch = DispatchService(database: store, author: "shell:test")
        _ = try dispatch.save(try (1...6).map { try customer($0) })
        _ = try dispatch.save([try meter(1, of: 1), try meter(4, of: 4), try meter(9, of: 9)])
        let customers = try (1...4).map { try TypedID<Customer>("cus-\(20_000_000 + $0)") }
        _ = try dispatch.save([WorkOrder(id: try TypedID("wo-anna"), area: "Mitte", assignee: "anna", customers: customers)])
    }

    /// New 7, 8 and 9; 2 changed twice; 3 unchanged; 4 to county 0102; 5 a new account; 6 without its site.
    static func customerChunk() throws -> [Customer] {
        var phone = try customer(2)
        phone.phone = "+49 921 555 0102"
        var notes = phone
        notes.notes = "再次"
        var moved = try customer(4)
        moved.county = "0102"
        var account = try customer(5)
        account.account = "30000005"
        var siteless = try customer(6)
        siteless.location = nil
        return [try customer(7), phone, try customer(3), try customer(8), notes, moved, account, siteless, try customer(9)]
    }

    /// New 10 of customer 7, 4 resealed, 1 unchanged.
    static func deviceChunk() throws -> [Device] {
        var resealed = try meter(4, of: 4)
        resealed.seal = "S-4"
        return [try meter(10, of: 7), resealed, try meter(1, of: 1)]
    }
}

/// What a store holds after the saves, in words that leave out the wall clock (stamps, times).
struct StoreSnapshot {
    var changeLog: [String] = []
    var history: [String] = []
    var records: [String] = []
    var tables: [String] = []
    var pulled: [String] = []

    init(_ store: any ServerStore) async throws {
        (changeLog, history, records, tables) = try await store.read { db throws -> ([String], [String], [String], [String]) in
            let changeLog = try db.rows("SELECT seq, county, kind, id, origin, batch_id FROM change_log ORDER BY seq").map(\.description)
            let history = try db.rows("SELECT kind, id, seq, author, entries FROM record_history ORDER BY seq, kind, id").map { row in
                let entries = try JSONDecoder().decode([RecordHistory.Entry].self, from: try row.decode(Data.self, at: 4))
                return "\(row[0] as String) \(row[1] as String) at \(row[2] as Int64) by \(row[3] as String? ?? "-"): "
                    + entries.map { "\($0.field)=\($0.value) (\($0.replica) \($0.counter))" }.joined(separator: ", ")
            }
            let records = try db.rows("SELECT county, kind, id, seq, conflicted, state FROM records ORDER BY kind, id").map { row in
                "\(row[0] as String) \(row[3] as Int64) \(row[4] as Int64): " + Self.describe(try RecordTable.decode(row[5]))
            }
            var tables: [String] = []
            for (table, order) in [("record_counties", "kind, id"), ("device_customers", "device"), ("visit_work_orders", "visit"),
                                   ("customer_accounts", "account, customer"), ("customer_sites", "id"), ("work_order_customers", "work_order, customer")] {
                tables += try db.rows("SELECT * FROM \(table) ORDER BY \(order)").map { "\(table): \($0)" }
            }
            tables += try db.rows("SELECT id, lat, lon FROM customer_site_history ORDER BY rowid").map { "customer_site_history: \($0)" }
            tables += try db.rows("SELECT kind, id, known FROM mis_mirror ORDER BY kind, id").map { "mis_mirror: \($0)" }
            return (changeLog, history, records, tables)
        }
        let registry = DeviceRegistry(database: store)
        let (device, _) = try registry.enroll(name: "tab-anna", auditor: "anna")
        let sync = SyncService(database: store, notifier: ChangeNotifier(latest: 0), metrics: ServerMetrics(), logger: Logger(label: "test"))
        let page = try PullResponse.decodeFast(try await sync.pull(for: device, cursor: 0, wait: 0))
        pulled = page.records.map { Self.describe($0) }.sorted()
    }

    /// `kind id: field: value by replica counter; …`, every entry of every field.
    static func describe(_ state: RecordState) -> String {
        "\(state.kind.rawValue) \(state.id) " + state.schema.fields.compactMap { spec -> String? in
            let entries = (try? state.register(spec.name).entries) ?? []
            guard !entries.isEmpty else { return nil }
            return "\(spec.name): " + entries.map { "\($0.value) by \($0.dot.replica.rawValue) \($0.dot.counter)" }.joined(separator: " | ")
        }.joined(separator: "; ")
    }
}
