import AuditTerminal
import Foundation
import Shared
import StoreTestSupport
import TestSupport
import Testing
import Transport

/// The sync API of a real audit-server process, over real HTTP through the project's libcurl client,
/// with its records in SQLite and in PostgreSQL.
@Suite("audit-server sync API", .serialized)
struct ServerSyncTests {
    @Test("an enrolled tablet pulls exactly its work order and customers; another tablet sees none of it", arguments: StoreKind.allCases)
    func pullScope(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store)
        let page = try await fixture.anna.pull(after: 0)
        #expect(Set(page.records.map(\.key)) == Set([RecordKey(kind: .workOrder, id: fixture.annaOrder)]
            + ServerFixture.annaCustomers.map { RecordKey(kind: .customer, id: $0) }))
        #expect(page.more == false)
        let customer = try #require(page.records.first { $0.id == "cus-20000001" })
        #expect(customer.text("name") == "客户 1")
        #expect(customer.text("address") == "Bahnhofstraße 1, Bayreuth")

        let again = try await fixture.anna.pull(after: page.cursor)
        #expect(again.records.isEmpty, "nothing new after the cursor")
        let ben = try await fixture.ben.pull(after: 0)
        #expect(ben.records.isEmpty)
    }

    @Test("a pushed edit merges, and pushing the same batch again changes nothing and answers the same", arguments: StoreKind.allCases)
    func idempotentPush(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store)
        let page = try await fixture.anna.pull(after: 0)
        var customer = try #require(page.records.first { $0.id == "cus-20000002" })
        try customer.write(.text("+49 921 555 9999"), to: "phone", by: "t-tab-anna", at: HLCTimestamp(milliseconds: HybridLogicalClock.wallClockMilliseconds()))
        let batch = PushRequest(batchID: "anna-1", records: [customer])

        let first = try await fixture.anna.push(batch)
        #expect(first.results.map(\.status) == [.merged])
        let logAfterFirst = try fixture.scalar("SELECT COUNT(*) FROM change_log")
        let second = try await fixture.anna.push(batch)
        #expect(second == first)
        #expect(try fixture.scalar("SELECT COUNT(*) FROM change_log") == logAfterFirst, "no second change-log entry")

        let pulled = try await fixture.anna.pull(after: page.cursor)
        #expect(pulled.records.first { $0.id == "cus-20000002" }?.text("phone") == "+49 921 555 9999")
    }

    @Test("a waiting pull wakes when a dispatcher assigns work to the tablet's auditor", arguments: StoreKind.allCases)
    func longPollWakes(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store)
        let start = try await fixture.ben.pull(after: 0)
        #expect(start.records.isEmpty)
        let ben = fixture.ben
        let waiting = Task { try await ben.pull(after: start.cursor, wait: 50) }
        try await Task.sleep(for: .milliseconds(300))
        let order = try fixture.dispatch(["workorder", "create", "--assignee", "ben", "--customers", "cus-20000004,cus-20000005"]).lastLine
        let woken = try await waiting.value
        #expect(woken.records.contains { $0.key == RecordKey(kind: .workOrder, id: order) }, "the pull returned with the new work, not at its timeout")
        #expect(woken.records.contains { $0.id == "cus-20000004" })
    }

    @Test("a tablet may not touch records outside its work: 403 and nothing written", arguments: StoreKind.allCases)
    func scopeRefusal(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store)
        let annaPage = try await fixture.anna.pull(after: 0)
        var foreign = try #require(annaPage.records.first { $0.kind == .customer })
        try foreign.write(.text("Ben was here"), to: "notes", by: "t-tab-ben", at: HLCTimestamp(milliseconds: 1))
        let before = try fixture.databaseDump()
        await #expect {
            _ = try await fixture.ben.push(PushRequest(batchID: "ben-1", records: [foreign]))
        } throws: { error in
            (error as? SyncError)?.status == 403
        }
        #expect(try fixture.databaseDump() == before)
        #expect(try fixture.refusals(of: "tab-ben") == ["out_of_scope"])
    }

    @Test("bad requests get a clear JSON error with the right status and write nothing", arguments: StoreKind.allCases)
    func badInput(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store, serverArguments: ["--body-limit-mib", "1"])
        let base = fixture.server.baseURL
        let token = fixture.annaToken
        let revoked = try fixture.dispatch(["device", "enroll", "--name", "tab-old", "--auditor", "anna"]).lastLine
        _ = try fixture.dispatch(["device", "revoke", "tab-old"])
        let before = try fixture.databaseDump()
        let validState = #"{"fields":{},"id":"cus-20000001","kind":"customer","vector":{}}"#
        let cases: [(String, HTTPMethod, String, String?, String?, Int, String)] = [
            ("malformed JSON", .post, "/v1/sync/push", token, #"{"batch_id":"x","records":["#, 400, "malformed_request"),
            ("wrong type", .post, "/v1/sync/push", token, #"{"batch_id":7,"records":[]}"#, 400, "malformed_request"),
            ("unknown field", .post, "/v1/sync/push", token, #"{"batch_id":"x","records":[],"force":true}"#, 400, "malformed_request"),
            ("bad field value", .post, "/v1/sync/push", token,
             #"{"batch_id":"x","records":[{"fields":{"phone":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"t-tab-anna","value":"call me"}]},"id":"cus-20000001","kind":"customer","vector":{"t-tab-anna":1}}]}"#, 400, "malformed_request"),
            ("missing token", .post, "/v1/sync/push", nil, #"{"batch_id":"x","records":[\#(validState)]}"#, 401, "token_missing"),
            ("unknown token", .get, "/v1/sync/pull", "not-a-token", nil, 401, "token_rejected"),
            ("revoked token", .post, "/v1/sync/push", revoked, #"{"batch_id":"x","records":[\#(validState)]}"#, 401, "token_rejected"),
            ("bad cursor", .get, "/v1/sync/pull?cursor=-1", token, nil, 400, "bad_parameter"),
            ("wait too long", .get, "/v1/sync/pull?wait=600", token, nil, 400, "bad_parameter"),
            ("findings generation not digits", .get, "/v1/sync/pull?findings_generation=1e9", token, nil, 400, "bad_parameter"),
            ("findings generation too long", .get, "/v1/sync/pull?findings_generation=" + String(repeating: "9", count: 21), token, nil, 400, "bad_parameter"),
            ("findings generation empty", .get, "/v1/sync/pull?findings_generation=", token, nil, 400, "bad_parameter"),
            ("unknown work order", .get, "/v1/packets/wo-nope", token, nil, 404, "not_found"),
            ("unknown route", .get, "/v1/nothing", token, nil, 404, "not_found"),
            ("body over the limit", .post, "/v1/sync/push", token, String(repeating: " ", count: 2 << 20), 413, "body_too_large"),
        ]
        for (name, method, path, token, body, status, code) in cases {
            let response = try await rawRequest(method, base + path, token: token, body: body.map { Data($0.utf8) })
            #expect(response.status == status, "\(name)")
            let error = try? WireCoding.decode(APIErrorBody.self, from: response.body)
            #expect(error?.error == code, "\(name): \(response.text ?? "")")
            #expect(error?.detail.isEmpty == false, "\(name)")
        }
        #expect(try fixture.databaseDump() == before)
    }

    @Test("a dispatcher command writing a record between two pushes is merged, never hidden by the server's cached state", arguments: StoreKind.allCases)
    func writesFromAnotherProcessBetweenPushes(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store)
        let page = try await fixture.anna.pull(after: 0)
        var customer = try #require(page.records.first { $0.id == "cus-20000001" })
        try customer.write(.text("+49 921 555 1111"), to: "phone", by: "t-tab-anna", at: HLCTimestamp(milliseconds: 10))
        _ = try await fixture.anna.push(PushRequest(batchID: "anna-a", records: [customer]))

        // The office changes another field of the same customer from a file, in its own process.
        let csv = fixture.directory.file("office.csv")
        try "account,name,feeder\n20000001,客户 1,F-9\n".write(toFile: csv, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["import", "customers", csv]))

        // The tablet, not yet synced, edits a third field of its older copy and pushes.
        try customer.write(.text("TR-77"), to: "transformer", by: "t-tab-anna", at: HLCTimestamp(milliseconds: 20))
        let pushed = try await fixture.anna.push(PushRequest(batchID: "anna-b", records: [customer]))
        #expect(pushed.results.first?.status == .merged)

        let merged = try #require(try await fixture.anna.pull(after: 0).records.first { $0.id == "cus-20000001" })
        #expect(merged.text("feeder") == "F-9", "the office's change survives the tablet's second push")
        #expect(merged.text("transformer") == "TR-77")
        #expect(merged.text("phone") == "+49 921 555 1111")
    }

    @Test("concurrent edits of one field become a conflict the dispatcher sees and resolves; the tablet gets the resolution", arguments: StoreKind.allCases)
    func conflictRoundTrip(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store)
        let page = try await fixture.anna.pull(after: 0)
        var customer = try #require(page.records.first { $0.id == "cus-20000003" })
        try customer.write(.text("T9"), to: "tariff", by: "t-tab-anna", at: HLCTimestamp(milliseconds: 2))
        // Meanwhile the office corrects the same tariff from a new file.
        let csv = fixture.directory.file("fix.csv")
        try "account,name,tariff\n20000003,客户 3,T5\n".write(toFile: csv, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["import", "customers", csv]))

        let pushed = try await fixture.anna.push(PushRequest(batchID: "anna-conflict", records: [customer]))
        #expect(pushed.results.first?.status == .conflict)
        #expect(pushed.results.first?.conflicts == ["tariff"])

        let listed = try fixture.dispatch(["conflicts", "list", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let tariff = try #require((json.first?["fields"] as? [String: Any])?["tariff"] as? [String: Any])
        let values = Set((tariff["conflict"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String })
        #expect(values == ["T9", "T5"])

        try ServerFixture.expectSuccess(fixture.dispatch(["conflicts", "resolve", "cus-20000003", "tariff", "--pick", "t-tab-anna"]))
        #expect(try fixture.dispatch(["conflicts", "list"]).stdout.contains("no conflicts"))
        let after = try await fixture.anna.pull(after: pushed.cursor)
        let resolved = try #require(after.records.first { $0.id == "cus-20000003" })
        #expect(resolved.conflicts.isEmpty)
        #expect(resolved.text("tariff") == "T9")
        #expect(resolved.text("address") == "Bahnhofstraße 3, Bayreuth", "a file with a few columns leaves the other fields alone")
        #expect(resolved.text("phone") == "0921 555 030")
    }

    @Test("the packet of a work order holds its customers; another auditor may not fetch it", arguments: StoreKind.allCases)
    func packet(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store)
        let packet = try await fixture.anna.packet(fixture.annaOrder)
        #expect(packet.customers.map(\.id).sorted() == ServerFixture.annaCustomers)
        await #expect { _ = try await fixture.ben.packet(fixture.annaOrder) } throws: { ($0 as? SyncError)?.status == 403 }

        let file = fixture.directory.file("packet.json")
        try ServerFixture.expectSuccess(fixture.dispatch(["packet", "export", "--work-order", fixture.annaOrder, "--out", file]))
        let exported = try WireCoding.decode(WorkPacket.self, from: try Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(exported.allRecords.map(\.key) == packet.allRecords.map(\.key))
    }
}

extension ServerSyncTests {
    @Test("a push body nested 512 levels deep is refused with 400, and the server keeps serving", arguments: StoreKind.allCases)
    func deepNesting(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store)
        let body = #"{"a":"# + String(repeating: "[", count: 512)
        let response = try await rawRequest(.post, fixture.server.baseURL + "/v1/sync/push", token: fixture.annaToken, body: Data(body.utf8))
        #expect(response.status == 400)
        let health = try await rawRequest(.get, fixture.server.baseURL + "/healthz")
        #expect(health.status == 200)
    }

    @Test("/healthz names the store the node reads, and answers 503 store_unreachable once the store is gone", arguments: StoreKind.allCases)
    func health(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store)
        let health = try await rawRequest(.get, fixture.server.baseURL + "/healthz")
        #expect(health.status == 200)
        let body = try JSONSerialization.jsonObject(with: health.body) as? [String: String]
        #expect(body == ["status": "ok", "store": store == .sqlite ? "sqlite" : "postgres"])

        // A PostgreSQL node whose database went away (or whose server died) says so.
        guard store == .postgres else { return }
        try fixture.store.drop()
        let down = try await rawRequest(.get, fixture.server.baseURL + "/healthz")
        #expect(down.status == 503)
        let reason = try JSONSerialization.jsonObject(with: down.body) as? [String: String]
        #expect(reason?["status"] == "store_unreachable")
        #expect(reason?["detail"]?.isEmpty == false)
    }

    @Test("two nodes on one store: a tablet long-polling on node B gets at once what another tablet pushed through node A",
          arguments: StoreKind.allCases)
    func longPollAcrossNodes(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store)
        let nodeB = try fixture.startAnotherNode()
        defer { _ = nodeB.stop() }
        // Ben's work shares a customer with Anna's.
        try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", "ben", "--customers", "cus-20000001,cus-20000004"]))
        let benOnB = fixture.client(token: fixture.benToken, node: nodeB)
        let start = try await benOnB.pull(after: 0)
        #expect(start.records.contains { $0.id == "cus-20000001" })
        let waiting = Task { try await benOnB.pull(after: start.cursor, wait: 50) }
        try await Task.sleep(for: .milliseconds(300))

        let annaOnA = fixture.anna
        var customer = try #require(try await annaOnA.pull(after: 0).records.first { $0.id == "cus-20000001" })
        try customer.write(.text("gate code 4711"), to: "notes", by: "t-tab-anna", at: HLCTimestamp(milliseconds: HybridLogicalClock.wallClockMilliseconds()))
        #expect(try await annaOnA.push(PushRequest(batchID: "anna-across", records: [customer])).results.map(\.status) == [.merged])

        let woken = try await waiting.value
        #expect(woken.records.first { $0.id == "cus-20000001" }?.text("notes") == "gate code 4711", "node B answered with node A's commit, not at its timeout")
    }
}
