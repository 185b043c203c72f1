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
}
