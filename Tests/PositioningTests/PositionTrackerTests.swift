import Foundation
import Testing
@testable import Positioning

@Suite("Position tracker")
struct PositionTrackerTests {
    static let fix = Fix(time: nil, latitude: 49.95, longitude: 11.57, quality: .gps, satellites: 8, hdop: 0.9)
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("no fix, then fresh, then stale as the latest fix ages; a new fix is fresh again")
    func ageing() async {
        let tracker = PositionTracker(staleAfter: 10)
        #expect(await tracker.status(at: Self.start) == .noFix)
        await tracker.receive(Self.fix, at: Self.start)
        #expect(await tracker.status(at: Self.start.addingTimeInterval(3)) == .fresh(Self.fix, age: 3))
        #expect(await tracker.status(at: Self.start.addingTimeInterval(10)).description == "gps 10s")
        #expect(await tracker.status(at: Self.start.addingTimeInterval(42)) == .stale(Self.fix, age: 42))
        var moved = Self.fix
        moved.latitude += 0.001
        await tracker.receive(moved, at: Self.start.addingTimeInterval(43))
        #expect(await tracker.status(at: Self.start.addingTimeInterval(44)) == .fresh(moved, age: 1))
    }

    @Test("a fix without a position does not replace a good one")
    func ignoresNoFix() async {
        let tracker = PositionTracker()
        await tracker.receive(Self.fix, at: Self.start)
        var void = Self.fix
        void.quality = .none
        await tracker.receive(void, at: Self.start.addingTimeInterval(1))
        #expect(await tracker.status(at: Self.start.addingTimeInterval(2)).fix == Self.fix)
    }

    @Test("following a replayed log leaves its last fix as the latest")
    func follows() async throws {
        let tracker = PositionTracker()
        let path = SharedData.gps.appendingPathComponent("triton400.log").path
        try await tracker.follow(ReplaySource(path: path, format: .nmea))
        let last = SharedLog.decode(try SharedLog.bytes("triton400.log")).compactMap(\.fix).last
        #expect(await tracker.status().fix == last)
    }
}
