import AuditTerminal
import Foundation
import Shared
import StoreTestSupport
import TestSupport
import Testing

/// Tablets that go wrong without anyone being at fault: restored from an old copy of their data,
/// enrolled again, or holding a batch the server refuses. Nothing is lost, nothing is wiped, and
/// the tablet keeps syncing.
@Suite("tablet recovery: reused replicas, re-enrolment, refused batches", .serialized)
struct TabletRecoveryTests {
    /// Copies a tablet's home (the database with its -wal and -shm files) to `target`.
    static func copyHome(_ source: String, to target: String) throws {
        let files = FileManager.default
        try? files.removeItem(atPath: target)
        try files.copyItem(atPath: source, toPath: target)
    }

    /// `status --json`, decoded.
    static func status(_ tablet: TerminalHome) throws -> [String: Any] {
        let output = try tablet.must(["status", "--json"]).stdout
        return try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] ?? [:]
    }

    /// The server's current state of a customer, from a packet of Anna's work order.
    static func packet(_ fixture: ServerFixture) throws -> String {
        let file = fixture.directory.file("packet-\(UUID().uuidString.prefix(6)).json")
        try ServerFixture.expectSuccess(fixture.dispatch(["packet", "export", "--work-order", fixture.annaOrder, "--out", file]))
        return try String(contentsOfFile: file, encoding: .utf8)
    }

    @Test("restored from a copy taken before its last sync: the tablet moves to t-NAME.2, nothing lost or wiped on either side", arguments: StoreKind.allCases)
    func restoreFromBackup(store: StoreKind) throws {
        let fixture = try ServerFixture(store: store)
        let tablet = TerminalHome(in: fixture.directory, name: "anna")
        try tablet.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken])
        try tablet.must(["sync"])
        let backup = fixture.directory.file("backup-anna")
        try Self.copyHome(tablet.path, to: backup)

        // After the copy: an edit that reaches the server.
        try tablet.must(["edit", "cus-20000001", "phone=0921 555 111"])
        try tablet.must(["sync"])
        #expect(try Self.packet(fixture).contains("0921 555 111"))

        // The tablet is restored from the copy and edits again before syncing: the same field,
        // another field of the same record, and another record. Its counters start again.
        try Self.copyHome(backup, to: tablet.path)
        try tablet.must(["edit", "cus-20000001", "notes=after restore"])
        try tablet.must(["edit", "cus-20000001", "phone=0921 555 222"])
        try tablet.must(["edit", "cus-20000002", "phone=0921 555 333"])
        let synced = try tablet.must(["sync"])
        #expect(synced.stdout.contains("now writes as replica t-tab-anna.2"))
        #expect(try Self.status(tablet)["replica"] as? String == "t-tab-anna.2")
        #expect(try tablet.outbox() == 0)

        // Both sides hold everything: the first edit and the post-restore ones; the phone both
        // changed without seeing each other is a conflict, not a silent overwrite.
        try tablet.must(["sync"])
        #expect(try tablet.field("cus-20000001", "notes").value == "after restore")
        #expect(try tablet.field("cus-20000001", "phone").conflict == ["0921 555 111", "0921 555 222"])
        #expect(try tablet.field("cus-20000002", "phone") == ("0921 555 333", []))
        let server = try Self.packet(fixture)
        for value in ["0921 555 111", "0921 555 222", "0921 555 333", "after restore"] {
            #expect(server.contains(value), "server lost \(value)")
        }
        let conflicts = try fixture.dispatch(["conflicts", "list", "--json"]).stdout
        #expect(conflicts.contains("0921 555 111") && conflicts.contains("0921 555 222"))
        // Another tablet of Anna's sees the same.
        let second = TerminalHome(in: fixture.directory, name: "anna2")
        let token = try fixture.dispatch(["device", "enroll", "--name", "tab-anna2", "--auditor", "anna"]).lastLine
        try second.must(["enroll", "--server", fixture.server.baseURL, "--token", token])
        try second.must(["sync"])
        #expect(try second.field("cus-20000001", "notes").value == "after restore")
        #expect(try second.field("cus-20000001", "phone").conflict == ["0921 555 111", "0921 555 222"])
        let devices = try fixture.dispatch(["device", "list", "--json"]).stdout
        #expect(devices.contains("\"replica\":\"t-tab-anna.2\""))
    }

    @Test("a revoked device enrolled again gets a replica id never used, and syncs; --replace does it for a tablet still enrolled", arguments: StoreKind.allCases)
    func reEnrolment(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store)
        let old = TerminalHome(in: fixture.directory, name: "old")
        try old.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken])
        try old.must(["sync"])
        try old.must(["edit", "cus-20000001", "notes=from the old tablet"])
        try old.must(["sync"])

        try ServerFixture.expectSuccess(fixture.dispatch(["device", "revoke", "tab-anna"]))
        let again = try ServerFixture.expectSuccess(fixture.dispatch(["device", "enroll", "--name", "tab-anna", "--auditor", "anna"]))
        #expect(again.stdout.contains("as replica t-tab-anna.2"))
        let fresh = TerminalHome(in: fixture.directory, name: "fresh")
        try fresh.must(["enroll", "--server", fixture.server.baseURL, "--token", again.lastLine])
        try fresh.must(["sync"])
        #expect(try Self.status(fresh)["replica"] as? String == "t-tab-anna.2")
        #expect(try fresh.field("cus-20000001", "notes").value == "from the old tablet")
        try fresh.must(["edit", "cus-20000001", "notes=from the new tablet"])
        try fresh.must(["sync"])
        #expect(try Self.packet(fixture).contains("from the new tablet"))
        #expect(try fixture.dispatch(["conflicts", "list"]).stdout.contains("no conflicts"))

        // Still enrolled: refused without --replace, and --replace retires the old token at once.
        let refused = try fixture.dispatch(["device", "enroll", "--name", "tab-anna", "--auditor", "anna"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--replace"))
        let replaced = try ServerFixture.expectSuccess(fixture.dispatch(["device", "enroll", "--name", "tab-anna", "--auditor", "anna", "--replace"]))
        #expect(replaced.stdout.contains("as replica t-tab-anna.3"))
        let stale = try await rawRequest(.get, fixture.server.baseURL + "/v1/device", token: again.lastLine)
        #expect(stale.status == 401)
    }

    @Test("a batch the server refuses is set aside with its reason; the tablet keeps pushing and pulling; outbox lists, exports and retries it", arguments: StoreKind.allCases)
    func quarantine(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store)
        let tablet = TerminalHome(in: fixture.directory, name: "anna")
        try tablet.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken])
        try tablet.must(["sync"])
        // The tablet reassigns its own work order to Ben: the server refuses the batch (403 field_forbidden).
        let store = try TerminalStore.open(home: tablet.path)
        let orderKey = RecordKey(kind: .workOrder, id: fixture.annaOrder)
        try store.edit(orderKey) { state, writer in
            try writer.write(.text("ben"), to: "assignee", in: &state)
        }
        let first = try tablet.must(["sync"])
        #expect(first.stdout.contains("1 batch(es) refused by the server and set aside"))
        var status = try Self.status(tablet)
        #expect(status["refused"] as? Int == 1)
        #expect(status["outbox"] as? Int == 0)

        // The sync goes on: new edits are pushed, new work is pulled.
        try tablet.must(["edit", "cus-20000001", "notes=pushed past the refusal"])
        let order = try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", "anna", "--customers", "cus-20000004"])).lastLine
        try tablet.must(["sync"])
        #expect(try Self.packet(fixture).contains("pushed past the refusal"))
        #expect(try tablet.must(["orders"]).stdout.contains(order))
        #expect(try tablet.outbox() == 0)

        // The refused edit stays on the tablet, with the server's reason.
        #expect(try store.record(orderKey)?.value(of: "assignee") == .text("ben"))
        let listing = try tablet.must(["outbox"]).stdout
        #expect(listing.contains("403 field_forbidden"))
        #expect(listing.contains("work_order/\(fixture.annaOrder)"))
        let json = try JSONSerialization.jsonObject(with: Data(tablet.must(["outbox", "--json"]).stdout.utf8)) as? [String: Any]
        let refused = json?["refused"] as? [[String: Any]] ?? []
        #expect(refused.count == 1)
        #expect(refused.first?["code"] as? String == "field_forbidden")
        let id = refused.first?["id"] as? Int ?? -1

        // The office sees it too.
        let devices = try fixture.dispatch(["device", "list"]).stdout
        #expect(devices.contains("403 field_forbidden"))
        let devicesJSON = try fixture.dispatch(["device", "list", "--json"]).stdout
        #expect(devicesJSON.contains("\"code\":\"field_forbidden\""))

        // Exported in the format of audit-server import outbox.
        let file = fixture.directory.file("refused.json")
        try tablet.must(["outbox", "export", String(id), file])
        let exported = try OutboxFile.decodeFast(Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(exported.device == "tab-anna")
        #expect(exported.batch.records.map(\.id) == [fixture.annaOrder])

        // Put back, it is sent again, refused again, and set aside again: never lost.
        try tablet.must(["outbox", "retry", String(id)])
        status = try Self.status(tablet)
        #expect(status["refused"] as? Int == 0)
        #expect(status["outbox"] as? Int == 1)
        try tablet.must(["sync"])
        status = try Self.status(tablet)
        #expect(status["refused"] as? Int == 1)
        #expect(status["outbox"] as? Int == 0)
        #expect(try tablet.run(["outbox", "retry", "999"]).status != 0)
    }

    @Test("POST /v1/device/replica: a new id with the previous one's high stamp; asked again before use, the same answer; 401 without a token", arguments: StoreKind.allCases)
    func replicaEndpoint(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store)
        let page = try await fixture.anna.pull(after: 0)
        var customer = try #require(page.records.first { $0.kind == .customer })
        let stamp = HLCTimestamp(milliseconds: HybridLogicalClock.wallClockMilliseconds())
        try customer.write(.text("first"), to: "notes", by: "t-tab-anna", at: stamp)
        _ = try await fixture.anna.push(PushRequest(batchID: "anna-1", records: [customer]))

        let first = try await fixture.anna.newReplica()
        #expect(first == ReplicaChange(replica: "t-tab-anna.2", previous: "t-tab-anna", previousHighStamp: stamp))
        // The answer was lost: asked again, nothing was written under t-tab-anna.2 yet.
        #expect(try await fixture.anna.newReplica() == first)
        #expect(try await fixture.anna.whoami().replica == "t-tab-anna.2")

        try customer.write(.text("second"), to: "notes", by: "t-tab-anna.2", at: HLCTimestamp(milliseconds: stamp.milliseconds + 1))
        _ = try await fixture.anna.push(PushRequest(batchID: "anna-2", records: [customer]))
        let third = try await fixture.anna.newReplica()
        #expect(third.replica == "t-tab-anna.3")
        #expect(third.previous == "t-tab-anna.2")
        #expect(third.previousHighStamp == HLCTimestamp(milliseconds: stamp.milliseconds + 1))

        let anonymous = try await rawRequest(.post, fixture.server.baseURL + "/v1/device/replica")
        #expect(anonymous.status == 401)
        #expect(try fixture.dispatch(["device", "list"]).stdout.contains("t-tab-anna.3"))
    }
}
