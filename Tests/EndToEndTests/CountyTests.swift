import Foundation
import Shared
import StoreTestSupport
import TestSupport
import Testing

/// Customers carry their county: imported and validated, the unit a work order lies in, and a
/// fact no tablet may change.
@Suite("counties", .serialized)
struct CountyTests {
    /// The fixture's customers 1–3 in county 09462, 4–6 in 09472.
    static func fixture(_ store: StoreKind) throws -> ServerFixture {
        let fixture = try ServerFixture(store: store, serverArguments: ["--rate", "0"])
        let csv = fixture.directory.file("counties.csv")
        try (["account,name,county"] + (1...6).map { "2000000\($0),客户 \($0),\($0 <= 3 ? "09462" : "09472")" })
            .joined(separator: "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["import", "customers", csv]))
        return fixture
    }

    @Test("a county column is imported; a code that is not 2 to 12 digits is refused with its line and nothing is written", arguments: StoreKind.allCases)
    func importValidates(store: StoreKind) throws {
        let fixture = try Self.fixture(store)
        let counties = try fixture.states(.customer).mapValues { Customer($0).county }
        #expect(counties.filter { $0.value == "09472" }.keys.sorted() == ["cus-20000004", "cus-20000005", "cus-20000006"], "\(counties)")
        let before = try fixture.databaseDump()
        let csv = fixture.directory.file("bad.csv")
        try "account,name,county\n20000001,客户 1,Bayreuth\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let refused = try fixture.dispatch(["import", "customers", csv])
        #expect(refused.status != 0)
        #expect((refused.stderr + refused.stdout).contains("county"), "\(refused.stderr)\(refused.stdout)")
        #expect(try fixture.databaseDump() == before)
    }

    @Test("workorder create --county takes every customer of the county; customers of two counties are refused 400 several_counties", arguments: StoreKind.allCases)
    func workOrdersLieInOneCounty(store: StoreKind) throws {
        let fixture = try Self.fixture(store)
        let created = try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", "ben", "--county", "09472"])).lastLine
        let order = try #require(try fixture.states(.workOrder)[created].map(WorkOrder.init))
        #expect(order.customers.map(\.rawValue) == ["cus-20000004", "cus-20000005", "cus-20000006"])
        #expect(order.area == "county 09472")

        let mixed = try fixture.dispatch(["workorder", "create", "--assignee", "ben", "--customers", "cus-20000001,cus-20000004"])
        #expect(mixed.status != 0)
        #expect(mixed.stderr.contains("several_counties") || mixed.stderr.contains("one county"), "\(mixed.stderr)")
        #expect(mixed.stderr.contains("09462: 1") && mixed.stderr.contains("09472: 1"), "\(mixed.stderr)")
        let unknown = try fixture.dispatch(["workorder", "create", "--assignee", "ben", "--county", "09999"])
        #expect(unknown.status != 0 && unknown.stderr.contains("no customer in county 09999"), "\(unknown.stderr)")
    }

    @Test("a tablet that writes a customer's county is refused 403 field_forbidden and nothing changes", arguments: StoreKind.allCases)
    func tabletsNeverMoveCounties(store: StoreKind) async throws {
        let fixture = try Self.fixture(store)
        let wire = WireRecords(fixture: fixture, token: fixture.annaToken, replica: "t-tab-anna")
        let customer = try #require(try await wire.pulled()["cus-20000001"])
        let before = try wire.storedStates()
        let moved = WireRecords.writing("09472", to: "county", in: customer, as: "t-tab-anna")
        let answer = try await wire.push([moved])
        #expect(answer.status == 403)
        #expect(answer.error?.error == "field_forbidden" && answer.error?.field == "county", "\(String(describing: answer.error))")
        #expect(try wire.storedStates() == before)
        // The same tablet's honest edit of another field goes through.
        let phoned = WireRecords.writing("0921 555 0999", to: "phone", in: customer, as: "t-tab-anna")
        #expect(try await wire.push([phoned]).status == 200)
    }

    @Test("records and the change log lie in their county, a device with its customer, and move when the office moves the customer; PostgreSQL keeps a partition per county, keys leading with it",
          arguments: StoreKind.allCases)
    func recordsLieInTheirCounty(store: StoreKind) throws {
        let fixture = try Self.fixture(store)
        let meters = fixture.directory.file("meters.csv")
        try "serial,kind,id,customer\nM-0001,meter,dev-m1,cus-20000001\n".write(toFile: meters, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["import", "devices", meters]))
        let order = try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", "ben", "--county", "09462"])).lastLine
        func county(_ id: String) throws -> [String] {
            try fixture.store.strings("SELECT county FROM records WHERE id = ?", id)
        }
        #expect(try county("cus-20000001") == ["09462"] && county("dev-m1") == ["09462"] && county(order) == ["09462"])
        #expect(try county("cus-20000004") == ["09472"])
        #expect(try fixture.scalar("SELECT COUNT(*) FROM change_log WHERE county = '09472'") == 3)

        if store == .postgres {
            #expect(try fixture.tableDump("SELECT pg_get_partkeydef('records'::regclass), pg_get_partkeydef('change_log'::regclass)")
                == #"[pg_get_partkeydef:"LIST (county)" pg_get_partkeydef:"LIST (county)"]"#)
            let keys = try fixture.tableDump("""
                SELECT conrelid::regclass::text AS t, pg_get_constraintdef(oid) AS key FROM pg_constraint
                WHERE contype IN ('p', 'u') AND conrelid IN ('records'::regclass, 'change_log'::regclass) ORDER BY 1
                """)
            #expect(keys == #"[t:"change_log" key:"PRIMARY KEY (county, seq)"]"# + "\n" + #"[t:"records" key:"PRIMARY KEY (county, kind, id)"]"#)
            let partitions = try fixture.store.rows("""
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                WHERE p.relname IN ('records', 'change_log') AND c.relkind = 'r' ORDER BY 1
                """)
            // The fixture's own customers have no county: they lie in the `none` partitions.
            #expect(partitions == ["change_log_c09462", "change_log_c09472", "change_log_none", "records_c09462", "records_c09472", "records_none"].map { "[relname:\"\($0)\"]" })
            #expect(try fixture.scalar("SELECT COUNT(*) FROM records_c09462") == 5, "three customers, their meter, the work order")
        }

        // The office moves customer 1 to the other county: its meter follows, and both still read.
        let moved = fixture.directory.file("moved.csv")
        try "account,name,county\n20000001,客户 1,09472\n".write(toFile: moved, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["import", "customers", moved]))
        #expect(try county("cus-20000001") == ["09472"] && county("dev-m1") == ["09472"])
        #expect(try fixture.store.strings("SELECT county FROM record_counties WHERE id = ?", "dev-m1") == ["09472"])
        #expect(try fixture.states(.device)["dev-m1"].map { Device($0).customer?.rawValue } == "cus-20000001")
        #expect(try fixture.states(.customer)["cus-20000001"].map { Customer($0).county } == "09472")

        // A meter loaded before its customer waits in no county, and joins the customer's when it comes.
        let early = fixture.directory.file("early.csv")
        try "serial,kind,id,customer\nM-0007,meter,dev-m7,cus-20000007\n".write(toFile: early, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["import", "devices", early]))
        #expect(try county("dev-m7") == [""])
        let late = fixture.directory.file("late.csv")
        try "account,name,county\n20000007,客户 7,09462\n".write(toFile: late, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["import", "customers", late]))
        #expect(try county("cus-20000007") == ["09462"] && county("dev-m7") == ["09462"])
        #expect(try fixture.integrityCheck() == "ok")
    }
}
