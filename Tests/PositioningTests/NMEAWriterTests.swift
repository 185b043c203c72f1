import Foundation
import Shared
import Testing
@testable import Positioning

@Suite("NMEA writer")
struct NMEAWriterTests {
    @Test("random fixes written as GGA+RMC read back through the parser (seeded)")
    func roundTrip() throws {
        var random = SplitMix64(seed: 0x3A17)
        let trials = ProcessInfo.processInfo.environment["FIELDAUDIT_SOAK"] == nil ? 200 : 2000
        var fixes: [Fix] = []
        var time = Date(timeIntervalSince1970: Double.random(in: 0...2_000_000_000, using: &random).rounded())
        for _ in 0..<trials {
            time += Double(Int.random(in: 1...300, using: &random)) / 100
            fixes.append(Fix(time: FixTime(time), latitude: Double.random(in: -89.9...89.9, using: &random),
                             longitude: Double.random(in: -179.9...179.9, using: &random),
                             quality: Bool.random(using: &random) ? .gps : .dgps, satellites: Int.random(in: 4...20, using: &random),
                             hdop: Double(Int.random(in: 5...99, using: &random)) / 10, altitude: Double(Int.random(in: -400...4000, using: &random)),
                             speed: Double(Int.random(in: 0...5000, using: &random)) / 100, course: Double(Int.random(in: 0...3599, using: &random)) / 10))
        }
        let events = NMEADecoder.decode(NMEAWriter().log(for: fixes))
        #expect(!events.contains { if case .rejected = $0 { true } else { false } })
        let read = events.compactMap(\.fix)
        try #require(read.count == fixes.count)
        for (written, back) in zip(fixes, read) {
            #expect(written.point.distance(to: back.point) < 0.05)
            #expect(abs(try #require(back.time?.date).timeIntervalSince(try #require(written.time?.date))) < 0.006)
            #expect(back.quality == written.quality && back.satellites == written.satellites && back.hdop == written.hdop)
            #expect(back.altitude == written.altitude && back.course == written.course)
            #expect(abs(try #require(back.speed) - (try #require(written.speed))) < 0.01)
        }
    }

    @Test("a walk along a path keeps its speed and ends at the last point")
    func routeWalk() throws {
        let path = [GeoPoint(latitude: 49.9500, longitude: 11.5700), GeoPoint(latitude: 49.9510, longitude: 11.5700),
                    GeoPoint(latitude: 49.9510, longitude: 11.5720)]
        let fixes = RouteWalk(path: path, speed: 1.5, interval: 1).fixes(start: Date(timeIntervalSince1970: 1_700_000_000))
        let length = path[0].distance(to: path[1]) + path[1].distance(to: path[2])
        #expect(fixes.first?.point == path[0] && fixes.last?.point == path[2])
        #expect(fixes.count == Int((length / 1.5).rounded(.up)) + 1)
        for (a, b) in zip(fixes, fixes.dropFirst().dropLast()) {
            #expect(a.point.distance(to: b.point) <= 1.5 + 1e-6)
            #expect(a.point.distance(to: b.point) > 1.0)
        }
        #expect(abs(try #require(fixes.first?.course) - 0) < 0.01)
        #expect(abs(try #require(fixes.last?.course) - 90) < 0.1)
    }

    @Test("a log written to disk reads back through the replay source")
    func writesFileAtomically() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nmea-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = [GeoPoint(latitude: 49.95, longitude: 11.57), GeoPoint(latitude: 49.951, longitude: 11.571)]
        let fixes = RouteWalk(path: path).fixes(start: Date(timeIntervalSince1970: 1_700_000_000))
        let file = directory.appendingPathComponent("walk.nmea")
        try NMEAWriter().write(fixes, to: file)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["walk.nmea"])
        var replayed: [Fix] = []
        for try await fix in ReplaySource(path: file.path, format: .nmea).fixes() { replayed.append(fix) }
        #expect(replayed.count == fixes.count)
    }
}

extension NMEAWriterTests {
    @Test("the last moment of a day stays on that day when written and printed")
    func endOfDay() throws {
        let day = UTCDay(year: 2024, month: 2, day: 29)
        let fix = Fix(time: FixTime(secondsOfDay: 86_399.9996, day: day), latitude: -33.9, longitude: 151.2, quality: .gps)
        #expect(fix.time?.description == "2024-02-29T23:59:59.999Z")
        let back = try #require(NMEADecoder.decode(NMEAWriter().log(for: [fix])).compactMap(\.fix).first)
        #expect(back.time?.description == "2024-02-29T23:59:59.990Z")
    }
}
