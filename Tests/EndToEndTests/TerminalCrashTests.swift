import Foundation
import Shared
import TestSupport
import Testing

/// Tablets killed with SIGKILL at random points during sync: nothing is lost, nothing applied twice.
@Suite("audit-terminal crash safety", .serialized)
struct TerminalCrashTests {
    /// Kill trials; FIELDAUDIT_SOAK=1 runs ten times as many.
    static let trials = ProcessInfo.processInfo.environment["FIELDAUDIT_SOAK"] == nil ? 50 : 500

    @Test("kill -9 of the terminal during sync, many times: in the end server and tablets hold the same states")
    func killDuringSync() throws {
        let (fixture, one, two) = try TerminalSyncTests.twoTablets()
        var generator = SystemRandomNumberGenerator()
        let customers = ServerFixture.annaCustomers
        for trial in 0..<Self.trials {
            let tablet = trial.isMultiple(of: 2) ? one : two
            let customer = customers[trial % customers.count]
            try tablet.must(["edit", customer, "notes=trial \(trial) by \(trial.isMultiple(of: 2) ? "one" : "two")"])
            if trial % 5 == 0 { try tablet.must(["edit", customer, "phone=0921 555 \(1000 + trial)"]) }
            let sync = try tablet.startSync()
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.15, using: &generator))
            kill(sync.processIdentifier, SIGKILL)
            sync.waitUntilExit()
        }
        // Let both tablets finish what the crashes interrupted.
        for tablet in [one, two, one, two] { try tablet.must(["sync"]) }
        #expect(try one.outbox() == 0)
        #expect(try two.outbox() == 0)

        let packetFile = fixture.directory.file("final.json")
        try ServerFixture.expectSuccess(fixture.dispatch(["packet", "export", "--work-order", fixture.annaOrder, "--out", packetFile]))
        let server = try WireCoding.decode(WorkPacket.self, from: try Data(contentsOf: URL(fileURLWithPath: packetFile)))
        for state in server.customers {
            let view = try WireCoding.decode(JSONValue.self, from: try WireCoding.encode(RecordView(state)))
            for tablet in [one, two] {
                let shown = try WireCoding.decode(JSONValue.self, from: Data(try tablet.must(["show", state.id, "--json"]).stdout.utf8))
                #expect(shown == view, "\(state.id) differs between the server and \(tablet.path)")
            }
        }
        #expect(try fixture.scalar("""
            SELECT COUNT(*) FROM (SELECT batch_id, kind, id FROM change_log WHERE batch_id IS NOT NULL
                                  GROUP BY batch_id, kind, id HAVING COUNT(*) > 1)
            """) == 0, "no batch changed a record twice")
        #expect(try fixture.scalar("SELECT COUNT(*) FROM (SELECT batch_id FROM batch_receipts GROUP BY batch_id HAVING COUNT(*) > 1)") == 0)
        #expect(try fixture.integrityCheck() == "ok")
    }
}

/// Any JSON value, for comparing documents regardless of key order.
indirect enum JSONValue: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }
}
