import AuditTerminal
import Evidence
import Foundation
import Positioning
import Shared
import TestSupport
import Testing

/// The track log's batching, in process: a signed batch every 200 points or 10 minutes.
@Suite("track log batching")
struct TrackLogTests {
    /// An enrolled tablet store without a server (batches wait in its outbox).
    static func store() throws -> (TemporaryDirectory, TerminalStore) {
        let directory = try TemporaryDirectory("track-log")
        let store = try TerminalStore.open(home: directory.file("home"))
        try store.enroll(.init(server: URL(string: "http://127.0.0.1:9")!, token: "t",
                               device: DeviceIdentity(name: "tab-anna", auditor: "anna", replica: ReplicaID("t-tab-anna"))))
        return (directory, store)
    }

    /// A fix `index` steps of 30 m north, one a second from 08:00 UTC.
    static func fix(_ index: Int) -> Fix {
        Fix(time: FixTime(Date(timeIntervalSince1970: 1_780_000_000 + Double(index))), latitude: 49.95 + Double(index) * 0.00027,
            longitude: 11.57, quality: .gps, hdop: 1)
    }

    @Test("200 kept points close a signed batch whose points decode to what was kept; the rest wait in track_points")
    func byCount() async throws {
        let (directory, store) = try Self.store()
        defer { withExtendedLifetime(directory) {} }
        let log = TrackLog(store: store)
        let start = Date()
        for index in 0..<250 { await log.offer(Self.fix(index), now: start) }
        let batches = try store.records(.track).map(TrackBatch.init)
        #expect(batches.count == 1)
        let batch = try #require(batches.first)
        #expect(batch.pointCount == 200)
        let points = try TrackCodec.decode(batch.points)
        #expect(points.count == 200)
        #expect(points.first?.seconds == 1_780_000_000 && points.last?.seconds == 1_780_000_199)
        #expect(batch.start == Date(timeIntervalSince1970: 1_780_000_000).formatted(.iso8601))
        let head = try store.chainHead()
        #expect(batch.chainSequence == 1 && batch.signer == head?.signer)
        #expect(try store.unsentTrackPointCount() == 50)
        #expect(try store.outboxCount() == 1)
        await log.finish()
        #expect(try store.records(.track).count == 2)
        #expect(try store.unsentTrackPointCount() == 0)
        #expect(try store.chainHead()?.length == 2)
    }

    @Test("a batch is closed 10 minutes after its first point even with few points; duplicate and vague fixes are not kept")
    func byTime() async throws {
        let (directory, store) = try Self.store()
        defer { withExtendedLifetime(directory) {} }
        let log = TrackLog(store: store)
        let start = Date()
        #expect(await log.offer(Self.fix(0), now: start))
        #expect(!(await log.offer(Self.fix(0), now: start)), "the same time again is not a new point")
        var vague = Self.fix(5)
        vague.hdop = 50
        #expect(!(await log.offer(vague, now: start)), "a fix worse than 100 m is skipped")
        #expect(await log.offer(Self.fix(1), now: start.addingTimeInterval(300)))
        #expect(try store.records(.track).isEmpty)
        await log.closeIfDue(now: start.addingTimeInterval(601))
        let batch = try #require(try store.records(.track).map(TrackBatch.init).first)
        #expect(batch.pointCount == 2)
    }
}
