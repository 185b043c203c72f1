import AuditTerminal
import Foundation
import Shared
import StoreTestSupport
import TestSupport
import Testing

/// The server killed with SIGKILL at random moments while a tablet streams pushes: every
/// acknowledged batch is stored exactly once and the database stays sound.
@Suite("audit-server crash safety", .serialized)
struct ServerCrashTests {
    /// Kill trials; FIELDAUDIT_SOAK=1 runs ten times as many.
    static let trials = ProcessInfo.processInfo.environment["FIELDAUDIT_SOAK"] == nil ? 25 : 250

    @Test("kill -9 during pushes loses no acknowledged batch and stores none twice", arguments: StoreKind.allCases)
    func killDuringPushes(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store)
        let anna = fixture.anna
        var states = try await anna.pull(after: 0).records.filter { $0.kind == .customer }
        var generator = SystemRandomNumberGenerator()
        var acknowledged: [String] = []
        var stamp: UInt64 = HybridLogicalClock.wallClockMilliseconds()

        for trial in 0..<Self.trials {
            // Each batch edits every customer's notes, building on the tablet's own states.
            for index in states.indices {
                stamp += 1
                try states[index].write(.text("trial \(trial)"), to: "notes", by: "t-tab-anna", at: HLCTimestamp(milliseconds: stamp))
            }
            let batch = PushRequest(batchID: "crash-\(trial)", records: states)
            let inFlight = Task { try await anna.push(batch) }
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...25, using: &generator)))
            fixture.server.kill9()
            let firstTry = await inFlight.result
            try fixture.server.restart()
            // The tablet does not know whether the batch landed: it sends the same batch again.
            let answer = try await anna.push(batch)
            if case .success(let earlier) = firstTry {
                #expect(answer == earlier, "a batch acknowledged before the crash gets the same answer after it")
            }
            #expect(answer.results.count == states.count)
            acknowledged.append(batch.batchID)
        }

        fixture.server.stop()
        for batch in acknowledged {
            #expect(try fixture.scalar("SELECT COUNT(*) FROM batch_receipts WHERE batch_id = '\(batch)'") == 1, "\(batch) stored once")
            #expect(try fixture.scalar("SELECT COUNT(*) FROM change_log WHERE batch_id = '\(batch)'") == Int64(states.count),
                    "\(batch): one change-log entry per record, never two")
        }
        let last = "trial \(Self.trials - 1)"
        try fixture.server.restart()
        let final = try await anna.pull(after: 0).records.filter { $0.kind == .customer }
        fixture.server.stop()
        #expect(final.count == states.count)
        for state in final {
            #expect(state.text("notes") == last)
            #expect(state == states.first { $0.key == state.key }, "the server holds exactly what the tablet pushed")
        }
        #expect(try fixture.integrityCheck() == "ok")
    }

    @Test("SIGTERM releases waiting long-polls and the server exits cleanly", arguments: StoreKind.allCases)
    func gracefulShutdown(store: StoreKind) async throws {
        let fixture = try ServerFixture(store: store)
        let ben = fixture.ben
        let cursor = try await ben.pull(after: 0).cursor
        let waiting = Task { try await ben.pull(after: cursor, wait: 55) }
        try await Task.sleep(for: .milliseconds(300))
        let status = fixture.server.stop(within: 20)
        #expect(status == 0, "the server exited by itself with status 0 after SIGTERM")
        let released = await waiting.result
        if case .success(let page) = released { #expect(page.records.isEmpty) }
        #expect(try fixture.integrityCheck() == "ok")
    }
}
