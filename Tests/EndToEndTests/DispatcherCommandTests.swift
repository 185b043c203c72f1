import AuditTerminal
import Foundation
import Shared
import StoreTestSupport
import TestSupport
import Testing

/// The dispatcher's commands on a data directory, as an office would run them.
@Suite("audit-server dispatcher commands", .serialized)
struct DispatcherCommandTests {
    static let header = "account,name,address,phone,category,tariff,feeder,transformer,capacity_kva,lat,lon"

    @Test("a customer file with bad rows: every bad row named by line and rule, the good rows imported, Chinese and quoted commas intact")
    func importWithBadRows() async throws {
        let directory = try TemporaryDirectory("import")
        defer { directory.remove() }
        let data = directory.file("data"), csv = directory.file("customers.csv")
        try [
            Self.header,
            #"30000001,王小明,"北京市朝阳区建国路88号, 3层",+86 10 5555 0100,residential,T1,F-1,TR-1,10,49.95,11.57"#,
            "12345,Too Short,Somewhere,0921 555 01,residential,T1,F-1,TR-1,10,49.95,11.57",
            #"30000003,"Müller, ""Hans""",Maxstraße 7,0921 555 03,commercial,T2,F-2,TR-2,25.5,49.96,11.58"#,
            "30000004,Li Wei,Bahnhofstraße 9,phone?,household,T1,F-1,TR-1,-1,49.95,11.57",
        ].joined(separator: "\r\n").write(toFile: csv, atomically: true, encoding: .utf8)

        let result = try run("audit-server", ["import", "customers", "--data", data, csv])
        #expect(result.status == 2, "some rows were rejected")
        #expect(result.stderr.contains("customers.csv:3: account: must be 6 to 20 digits (got \"12345\")"))
        #expect(result.stderr.contains("customers.csv:5: phone: must be 5 to 15 digits"))
        #expect(result.stderr.contains("customers.csv:5: category: must be one of"))
        #expect(result.stderr.contains("customers.csv:5: capacity_kva: must be a number of at least 0"))
        #expect(result.stdout.contains("4 rows, 2 new, 0 changed, 0 unchanged, 2 rejected"))

        // The good rows went in exactly as written: cut a work order over them and read it back.
        let token = try run("audit-server", ["device", "enroll", "--data", data, "--name", "tab-1", "--auditor", "anna"]).lastLine
        let order = try run("audit-server", ["workorder", "create", "--data", data, "--assignee", "anna", "--bbox", "49.9,11.5,50.0,11.6"])
        #expect(order.status == 0)
        let server = try ServerProcess(dataDirectory: data)
        defer { server.stop() }
        let page = try await SyncClient(server: URL(string: server.baseURL)!, token: token).packet(order.lastLine)
        let byAccount = Dictionary(uniqueKeysWithValues: page.customers.map { ($0.text("account") ?? "", $0) })
        #expect(byAccount.keys.sorted() == ["30000001", "30000003"])
        #expect(byAccount["30000001"]?.text("name") == "王小明")
        #expect(byAccount["30000001"]?.text("address") == "北京市朝阳区建国路88号, 3层")
        #expect(byAccount["30000003"]?.text("name") == #"Müller, "Hans""#)

        let again = try run("audit-server", ["import", "customers", "--data", data, csv])
        #expect(again.stdout.contains("2 unchanged"), "importing the same file twice changes nothing")
    }

    @Test("--strict imports nothing when one row is bad")
    func strictImport() throws {
        let directory = try TemporaryDirectory("strict")
        defer { directory.remove() }
        let data = directory.file("data"), csv = directory.file("customers.csv")
        try [Self.header, "30000001,Good,Street 1,0921 555 01,residential,T1,F,T,1,49.9,11.5",
             "30000002,Bad,Street 2,0921 555 02,residential,T1,F,T,1,95,11.5"].joined(separator: "\n")
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let result = try run("audit-server", ["import", "customers", "--data", data, "--strict", csv])
        #expect(result.status != 0)
        #expect(result.stderr.contains("customers.csv:3: location: latitude must be between -90 and 90"))
        let order = try run("audit-server", ["workorder", "create", "--data", data, "--assignee", "anna", "--customers", "cus-30000001"])
        #expect(order.status != 0, "the good row was not imported either")
        #expect(order.stderr.contains("no customer with id or account cus-30000001"), "\(order.stderr)")
    }

    @Test("progress counts each auditor's customers and the outcome of their visits", arguments: StoreKind.allCases)
    func progress(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store)
        let visit = AuditVisit(id: TypedID.mint(), workOrder: try TypedID(fixture.annaOrder), customer: try TypedID("cus-20000001"),
                               auditor: "anna", time: "2026-11-23T10:15:00Z", outcome: .corrected)
        _ = try await fixture.anna.push(PushRequest(batchID: "visit-1", records: [try visit.newState(by: "t-tab-anna", at: HLCTimestamp(milliseconds: 5))]))
        let report = try fixture.dispatch(["progress", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let auditors = try #require(json["auditors"] as? [[String: Any]])
        #expect(auditors.count == 1)
        #expect(auditors.first?["auditor"] as? String == "anna")
        let counts = try #require(auditors.first?["counts"] as? [String: Any])
        #expect(counts["assigned"] as? Int == 3)
        #expect(counts["visited"] as? Int == 1)
        #expect(counts["corrected"] as? Int == 1)
        #expect(counts["verified"] as? Int == 0)
    }

    @Test("store copy: an SQLite installation copied into PostgreSQL serves the tablets as before, from the same cursors")
    func storeCopy() async throws {
        let fixture = try ServerFixture()
        let before = try await fixture.anna.pull(after: 0)
        let target = try TestPostgres.freshDatabase().description
        let copied = try ServerFixture.expectSuccess(run("audit-server", ["store", "copy", "--from", fixture.dataDirectory, "--to", target]))
        #expect(copied.stdout.contains("verified"))
        let again = try ServerFixture.expectSuccess(run("audit-server", ["store", "copy", "--from", fixture.dataDirectory, "--to", target]))
        let tables = again.stdout.split(separator: "\n").filter { $0.contains("row(s)") }
        #expect(tables.count >= 10 && tables.allSatisfy { $0.hasSuffix(", 0 new") }, "a second copy adds nothing: \(again.stdout)")

        let node = try ServerProcess(dataDirectory: fixture.dataDirectory, extraArguments: ["--store", target])
        defer { _ = node.stop() }
        let after = try await fixture.client(token: fixture.annaToken, node: node).pull(after: 0)
        #expect(after == before)
        #expect(try await fixture.client(token: fixture.annaToken, node: node).pull(after: before.cursor).records.isEmpty)

        let bad = try run("audit-server", ["store", "copy", "--from", fixture.dataDirectory, "--to", "mysql://x@y/z"])
        #expect(bad.status != 0 && bad.stderr.contains("unknown store"))
    }
}
