import Foundation
import Shared
import TestSupport
import Testing

/// Tablets and the server as separate processes: audit-terminal against a real audit-server.
@Suite("audit-terminal sync", .serialized)
struct TerminalSyncTests {
    /// The fixture's server plus two enrolled tablets for Anna, both synced.
    static func twoTablets() throws -> (ServerFixture, TerminalHome, TerminalHome) {
        let fixture = try ServerFixture()
        let second = try fixture.dispatch(["device", "enroll", "--name", "tab-anna2", "--auditor", "anna"]).lastLine
        let one = TerminalHome(in: fixture.directory, name: "one"), two = TerminalHome(in: fixture.directory, name: "two")
        try one.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken])
        try two.must(["enroll", "--server", fixture.server.baseURL, "--token", second])
        try one.must(["sync"])
        try two.must(["sync"])
        return (fixture, one, two)
    }

    @Test("two tablets edit different fields offline and sync in either order: both edits everywhere, no conflict", arguments: [false, true])
    func differentFields(reversed: Bool) throws {
        let (fixture, one, two) = try Self.twoTablets()
        try one.must(["edit", "cus-20000001", "phone=+49 921 555 7777"])
        try two.must(["edit", "20000001", "address=Opernstraße 22, Bayreuth"])
        for tablet in reversed ? [two, one, two] : [one, two, one] { try tablet.must(["sync"]) }
        for tablet in [one, two] {
            #expect(try tablet.field("cus-20000001", "phone") == ("+49 921 555 7777", []))
            #expect(try tablet.field("cus-20000001", "address") == ("Opernstraße 22, Bayreuth", []))
        }
        #expect(try fixture.dispatch(["conflicts", "list"]).stdout.contains("no conflicts"))
    }

    @Test("the same field edited on two tablets: a conflict everywhere with both values; resolved by the dispatcher, gone everywhere")
    func sameFieldConflict() throws {
        let (fixture, one, two) = try Self.twoTablets()
        try one.must(["edit", "cus-20000002", "tariff=T7"])
        try two.must(["edit", "cus-20000002", "tariff=T8"])
        try one.must(["sync"]); try two.must(["sync"]); try one.must(["sync"])
        for tablet in [one, two] {
            #expect(try tablet.field("cus-20000002", "tariff").conflict == ["T7", "T8"])
        }
        let listed = try fixture.dispatch(["conflicts", "list", "--json"]).stdout
        #expect(listed.contains("\"T7\"") && listed.contains("\"T8\""))

        try ServerFixture.expectSuccess(fixture.dispatch(["conflicts", "resolve", "cus-20000002", "tariff", "--value", "T8"]))
        try one.must(["sync"]); try two.must(["sync"])
        for tablet in [one, two] {
            #expect(try tablet.field("cus-20000002", "tariff") == ("T8", []))
            #expect(try tablet.must(["conflicts"]).stdout.contains("no conflicts"))
        }
    }

    @Test("server down during sync: a clear failure, the outbox intact; the next sync succeeds")
    func serverDown() throws {
        let (fixture, one, _) = try Self.twoTablets()
        try one.must(["edit", "cus-20000003", "notes=gate locked, dog"])
        fixture.server.kill9()
        let failed = try one.run(["sync"])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("server unreachable at http://127.0.0.1:\(fixture.server.port)"))
        #expect(failed.stderr.contains("1 edit(s) kept on the tablet"))
        #expect(try one.outbox() == 1)

        try fixture.server.restart()
        try one.must(["sync"])
        #expect(try one.outbox() == 0)
        let packet = try run("audit-server", ["packet", "export", "--data", fixture.dataDirectory, "--work-order", fixture.annaOrder,
                                              "--out", fixture.directory.file("p.json")])
        #expect(packet.status == 0)
        #expect(try String(contentsOfFile: fixture.directory.file("p.json"), encoding: .utf8).contains("gate locked, dog"))
    }

    @Test("a bad value is refused with the rule it breaks, and nothing is written")
    func badEdit() throws {
        let (fixture, one, _) = try Self.twoTablets()
        defer { withExtendedLifetime(fixture) {} }
        let refused = try one.run(["edit", "cus-20000001", "notes=ok", "capacity_kva=-5"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("capacity_kva: must be a number of at least 0"))
        #expect(try one.outbox() == 0)
        #expect(try one.field("cus-20000001", "notes").value == nil)
    }

    @Test("a tablet without a network: packet file in, outbox file out, imported once by the office")
    func offlineFiles() throws {
        let fixture = try ServerFixture()
        let packetFile = fixture.directory.file("packet.json"), outboxFile = fixture.directory.file("outbox.json")
        try ServerFixture.expectSuccess(fixture.dispatch(["packet", "export", "--work-order", fixture.annaOrder, "--out", packetFile]))
        let offline = TerminalHome(in: fixture.directory, name: "offline")
        // Enrolled once at the depot; it never sees the network again.
        try offline.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken])
        fixture.server.kill9()
        try offline.must(["import-packet", packetFile])
        try offline.must(["edit", "cus-20000001", "phone=0921 555 991"])
        try offline.must(["visit", "cus-20000001", "--outcome", "corrected", "--note", "seal was broken"])
        try offline.must(["export-outbox", outboxFile])

        let first = try fixture.dispatch(["import", "outbox", outboxFile])
        #expect(first.status == 0)
        #expect(first.stdout.contains("2 record(s) merged from tab-anna"))
        let second = try fixture.dispatch(["import", "outbox", outboxFile])
        #expect(second.stdout.contains("was imported before; nothing changed"))
        let progress = try fixture.dispatch(["progress", "--json"]).stdout
        #expect(progress.contains("\"corrected\":1"))
    }
}
