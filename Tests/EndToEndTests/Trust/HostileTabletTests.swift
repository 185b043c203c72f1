import Foundation
import Shared
import StoreTestSupport
import TestSupport
import Testing
import Transport

/// A tablet's token in a hostile hand: every claim it could forge against a real audit-server is
/// refused with its documented code, names the record and field, and changes nothing stored.
@Suite("Hostile tablet", .serialized)
struct HostileTabletTests {
    typealias Attack = (name: String, records: [[String: Any]], status: Int, code: String, field: String?)

    /// A server with a work order for Ben (customers 4 and 5) and a meter at Anna's customer 1.
    /// The server's per-device rate limit is off: these tests push thousands of times from one token.
    static func preparedFixture(store: StoreKind = .sqlite) throws -> (fixture: ServerFixture, benOrder: String) {
        let fixture = try ServerFixture(store: store, serverArguments: ["--rate", "0"])
        let benOrder = try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", "ben",
                                                                         "--customers", "cus-20000004,cus-20000005"])).lastLine
        let csv = fixture.directory.file("meters.csv")
        try "serial,kind,id,customer\nM-0001,meter,dev-m1,cus-20000001\n".write(toFile: csv, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["import", "devices", csv]))
        return (fixture, benOrder)
    }

    @Test("every forged claim is refused with its own code and changes nothing; the server serves on and the office can still write", arguments: StoreKind.allCases)
    func forgedClaims(store: StoreKind) async throws {
        let (fixture, benOrder) = try Self.preparedFixture(store: store)
        let anna = WireRecords(fixture: fixture, token: fixture.annaToken, replica: "t-tab-anna")
        let me = anna.replica
        let honestVisit = WireRecords.visit(id: "vis-honest", workOrder: fixture.annaOrder, customer: "cus-20000001", auditor: "anna", as: me)
        #expect(try await anna.push([honestVisit]).status == 200, "an honest visit goes in first")
        let records = try await anna.pulled()
        let customer = try #require(records["cus-20000001"]), order = try #require(records[fixture.annaOrder])
        let visit = try #require(records["vis-honest"]), meter = try #require(records["dev-m1"])
        let w = WireRecords.written

        var erased = customer
        erased["fields"] = [String: Any]()
        var mismatched = customer
        var fields = mismatched["fields"] as! [String: Any]
        var tariff = (fields["tariff"] as! [[String: Any]])[0]
        tariff["value"] = "T0"
        fields["tariff"] = [tariff]
        mismatched["fields"] = fields
        let huge = UInt64(1) << 53 + 1
        var overCounter = customer
        overCounter["vector"] = (customer["vector"] as! [String: Any]).merging([me: huge]) { $1 }
        overCounter["fields"] = (customer["fields"] as! [String: Any]).merging(["notes": [["counter": huge, "hlc": ["ms": WireRecords.now, "n": 0], "replica": me, "value": "x"]]]) { $1 }
        let benCustomer: [String: Any] = ["kind": "customer", "id": "cus-20000004", "vector": [String: Any](), "fields": [String: Any]()]

        let attacks: [Attack] = [
            ("a tariff in the name of the MIS", [w("T0", "tariff", customer, "mis", WireRecords.now)], 403, "foreign_write", "tariff"),
            ("a name in the name of the server", [w("Mallory", "name", customer, "server", WireRecords.now)], 403, "foreign_write", "name"),
            ("a phone in the name of Ben's tablet", [w("0921 1", "phone", customer, "t-tab-ben", WireRecords.now)], 403, "foreign_write", "phone"),
            ("an erase by a vector claiming huge counters of the server and the MIS",
             [["kind": "customer", "id": "cus-20000001", "vector": ["server": 1_000_000, "mis": 1_000_000], "fields": [String: Any]()]],
             403, "vector_overclaim", nil),
            ("an erase by covering the server's values without writing any", [erased], 422, "field_erased", "account"),
            ("the server's write holding another value", [mismatched], 403, "dot_mismatch", "tariff"),
            ("a write dated a year ahead", [w("later", "notes", customer, me, WireRecords.now + 365 * 86_400_000)], 422, "clock_ahead", "notes"),
            ("a counter over 2^53", [overCounter], 422, "counter_too_large", "notes"),
            ("Ben's customer added to Anna's work order",
             [w((order["fields"] as! [String: Any])["customers"].flatMap { ($0 as? [[String: Any]])?.first?["value"] as? [String] }! + ["cus-20000004"],
                "customers", order, me, WireRecords.now)], 403, "field_forbidden", "customers"),
            ("Anna's work order reassigned to Ben", [w("ben", "assignee", order, me, WireRecords.now)], 403, "field_forbidden", "assignee"),
            ("Anna's due date moved", [w("2027-06-30", "due", order, me, WireRecords.now)], 403, "field_forbidden", "due"),
            ("a visit in Ben's name", [WireRecords.visit(id: "vis-ben", workOrder: fixture.annaOrder, customer: "cus-20000001", auditor: "ben", as: me)],
             403, "visit_forbidden", "auditor"),
            ("a visit at a customer not on the order",
             [WireRecords.visit(id: "vis-x1", workOrder: fixture.annaOrder, customer: "cus-20000004", auditor: "anna", as: me)], 403, "visit_forbidden", "customer"),
            ("a visit for Ben's work order",
             [WireRecords.visit(id: "vis-x2", workOrder: benOrder, customer: "cus-20000004", auditor: "anna", as: me)], 403, "out_of_scope", nil),
            ("a recorded visit's time changed", [w("2026-11-30T09:00:00Z", "time", visit, me, WireRecords.now)], 403, "visit_immutable", "time"),
            ("a recorded visit moved to another customer", [w("cus-20000002", "customer", visit, me, WireRecords.now)], 403, "visit_immutable", "customer"),
            ("a meter moved to Ben's customer", [w("cus-20000004", "customer", meter, me, WireRecords.now)], 403, "out_of_scope", "customer"),
            ("Ben's customer edited", [w("Anna was here", "notes", benCustomer, me, WireRecords.now)], 403, "out_of_scope", nil),
            ("one forged record among honest ones",
             [w("0921 555 4444", "phone", try #require(records["cus-20000002"]), me, WireRecords.now),
              w("T0", "tariff", try #require(records["cus-20000003"]), "mis", WireRecords.now)], 403, "foreign_write", "tariff"),
        ]

        let before = try anna.storedStates()
        for attack in attacks {
            let answer = try await anna.push(attack.records)
            #expect(answer.status == attack.status, "\(attack.name)")
            #expect(answer.error?.error == attack.code, "\(attack.name): \(answer.error?.detail ?? "no error body")")
            #expect(answer.error?.record != nil, "\(attack.name) names the record")
            if let field = attack.field { #expect(answer.error?.field == field, "\(attack.name) names the field") }
            #expect(try anna.storedStates() == before, "\(attack.name): nothing written")
            let health = try await rawRequest(.get, fixture.server.baseURL + "/healthz")
            #expect(health.status == 200, "the server answers after \(attack.name)")
        }

        let metrics = try await rawRequest(.get, fixture.server.baseURL + "/metrics").text ?? ""
        #expect(metrics.contains("fieldaudit_push_refusals_total"), "refusals are counted in /metrics")
        #expect(fixture.server.log.contains("push refused"), "refusals are logged")

        // The office still writes, and the same tablet's honest edit still goes through.
        try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", "anna", "--customers", "cus-20000006"]))
        let honest = try await anna.push([w("0921 555 7777", "phone", customer, me, WireRecords.now)])
        #expect(honest.status == 200, "\(honest.error?.detail ?? "")")
        #expect(try await anna.pulled()["cus-20000001"].flatMap { WireRecords.value(of: "phone", in: $0) as? String } == "0921 555 7777")
    }

    @Test("import outbox runs the same check, and refuses files of revoked or unknown devices", arguments: StoreKind.allCases)
    func outboxFiles(store: StoreKind) async throws {
        let (fixture, _) = try Self.preparedFixture(store: store)
        let anna = WireRecords(fixture: fixture, token: fixture.annaToken, replica: "t-tab-anna")
        let customer = try #require(try await anna.pulled()["cus-20000001"])
        _ = try fixture.dispatch(["device", "enroll", "--name", "tab-old", "--auditor", "anna"])
        _ = try fixture.dispatch(["device", "revoke", "tab-old"])
        let before = try anna.storedStates()

        func importFile(device: String, _ records: [[String: Any]]) throws -> CommandResult {
            let file = fixture.directory.file("outbox-\(UUID().uuidString).json")
            let body: [String: Any] = ["device": device, "batch": ["batch_id": "file-\(UUID().uuidString.lowercased())", "records": records]]
            try JSONSerialization.data(withJSONObject: body).write(to: URL(fileURLWithPath: file))
            return try fixture.dispatch(["import", "outbox", file])
        }
        let forged = try importFile(device: "tab-anna", [WireRecords.writing("T0", to: "tariff", in: customer, as: "mis")])
        #expect(forged.status != 0)
        #expect(forged.stderr.contains("foreign_write"), "\(forged.stderr)")
        let revoked = try importFile(device: "tab-old", [WireRecords.writing("x", to: "notes", in: customer, as: "t-tab-old")])
        #expect(revoked.status != 0)
        #expect(revoked.stderr.contains("revoked"), "\(revoked.stderr)")
        let unknown = try importFile(device: "tab-nobody", [WireRecords.writing("x", to: "notes", in: customer, as: "t-tab-nobody")])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("never enrolled"), "\(unknown.stderr)")
        #expect(try anna.storedStates() == before)

        let honest = try importFile(device: "tab-anna", [WireRecords.writing("0921 555 8888", to: "phone", in: customer, as: "t-tab-anna")])
        #expect(honest.status == 0, "\(honest.stderr)")
    }
}
