import Foundation
import StoreTestSupport
import TestSupport
import Testing

/// The office can look at any record now and at its whole history, by id or account number.
@Suite("records now and their history", .serialized)
struct RecordHistoryTests {
    @Test("show and history by account number: a tablet's write and a concurrent office write are both kept, each with its writer; show marks the value shown",
          arguments: StoreKind.allCases)
    /// Customer 1 (account 20000001) with its phone in conflict: the office changed it while
    /// Anna, offline, changed it too.
    static func conflictedFixture(store: StoreKind) async throws -> ServerFixture {
        let fixture = try ServerFixture(store: store, serverArguments: ["--rate", "0"])
        let anna = WireRecords(fixture: fixture, token: fixture.annaToken, replica: "t-tab-anna")
        let customer = try #require(try await anna.pulled()["cus-20000001"])
        let csv = fixture.directory.file("phones.csv")
        try "account,name,phone\n20000001,客户 1,0921 555 0100\n".write(toFile: csv, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["import", "customers", csv]))
        #expect(try await anna.push([WireRecords.writing("0921 555 0200", to: "phone", in: customer, as: "t-tab-anna")]).status == 200)
        return fixture
    }

    func showAndHistory(store: StoreKind) async throws {
        let fixture = try await Self.conflictedFixture(store: store)

        let shown = try ServerFixture.expectSuccess(fixture.dispatch(["show", "20000001"])).stdout
        #expect(shown.hasPrefix("customer cus-20000001"), "\(shown)")
        let phoneLines = shown.split(separator: "\n").drop { !$0.hasPrefix("phone") }.prefix(3).map(String.init)
        #expect(phoneLines.first?.contains("CONFLICT") == true, "\(shown)")
        #expect(phoneLines.contains { $0.contains("0921 555 0200") && $0.contains("tablet tab-anna (anna)") }, "\(phoneLines)")
        #expect(phoneLines.contains { $0.contains("0921 555 0100") && $0.contains("office") }, "\(phoneLines)")
        #expect(phoneLines.filter { $0.contains(" * ") }.count == 1, "exactly one value is marked shown: \(phoneLines)")
        #expect(shown.contains("work orders: \(fixture.annaOrder)"), "\(shown)")

        let json = try ServerFixture.expectSuccess(fixture.dispatch(["show", "cus-20000001", "--json"])).stdout
        #expect(json.contains("\"in_conflict\":true") && json.contains("\"county\":\"\""), "\(json)")

        let history = try ServerFixture.expectSuccess(fixture.dispatch(["history", "20000001"])).stdout
        let lines = history.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("customer cus-20000001:") == true, "\(history)")
        let phones = lines.filter { $0.contains("\tphone\t") }
        let user = NSUserName()
        #expect(phones.contains { $0.contains("\t0921 555 0100\toffice (shell:\(user))") }, "\(phones)")
        #expect(phones.contains { $0.contains("\t0921 555 0200\ttablet tab-anna (anna)") }, "\(phones)")
        #expect(phones.count == 3, "the imported phone, the office's change and Anna's: \(phones)")
        #expect(lines.contains { $0.contains("\tname\t客户 1\toffice (shell:\(user))") }, "the import is the first write: \(history)")

        let unknown = try fixture.dispatch(["history", "99999999"])
        #expect(unknown.status != 0 && unknown.stderr.contains("no record with id or account 99999999"), "\(unknown.stderr)")
    }

    @Test("work orders are cut by account number as well as by customer id", arguments: StoreKind.allCases)
    func accountNumbersInCommands(store: StoreKind) throws {
        let fixture = try ServerFixture(store: store)
        let order = try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", "ben", "--customers", "20000004,cus-20000005"])).lastLine
        #expect(try fixture.states(.workOrder)[order]?.list("customers") == ["cus-20000004", "cus-20000005"])
        let wrong = try fixture.dispatch(["workorder", "create", "--assignee", "ben", "--customers", "20000004,77777777"])
        #expect(wrong.status != 0 && wrong.stderr.contains("no customer with id or account 77777777"), "\(wrong.stderr)")
    }
}
