import Foundation
import Testing
@testable import Positioning

@Suite("Replay")
struct ReplayTests {
    static func collect(_ source: some PositionSource) async throws -> [PositionEvent] {
        var events: [PositionEvent] = []
        for try await event in source.events() { events.append(event) }
        return events
    }

    @Test("an NMEA replay delivers exactly what the decoder makes of the whole file")
    func nmeaReplayMatchesDecoder() async throws {
        let path = SharedData.gps.appendingPathComponent("bundg_zeus_9.log").path
        let replayed = try await Self.collect(ReplaySource(path: path, format: .nmea))
        #expect(replayed == SharedLog.decode(try SharedLog.bytes("bundg_zeus_9.log")))
    }

    @Test("a GPX replay delivers every track point in order")
    func gpxReplay() async throws {
        let url = SharedData.gps.appendingPathComponent("korita-zbevnica.gpx")
        let fixes = try await Self.collect(ReplaySource(path: url.path, format: .gpx)).compactMap(\.fix)
        #expect(fixes == (try GPXTrackReader.read(contentsOf: url)).fixes)
    }

    @Test("a fast replay still delivers every fix")
    func pacedReplay() async throws {
        // The Triton log spans 4 s; at 400x that is about 10 ms of waiting.
        let path = SharedData.gps.appendingPathComponent("triton400.log").path
        let fixes = try await Self.collect(ReplaySource(path: path, format: .nmea, pace: ReplayPace(speed: 400))).compactMap(\.fix)
        #expect(fixes.count == 5)
    }

    @Test("a missing or broken file ends the replay with an error naming it")
    func unreadable() async throws {
        await #expect(throws: PositionSourceError.unreadable(path: "/nonexistent/walk.log", reason: "no such file")) {
            _ = try await Self.collect(ReplaySource(path: "/nonexistent/walk.log", format: .nmea))
        }
        let notGPX = SharedData.gps.appendingPathComponent("triton400.log").path
        do {
            _ = try await Self.collect(ReplaySource(path: notGPX, format: .gpx))
            Issue.record("an NMEA log was read as GPX")
        } catch {
            #expect("\(error)".hasPrefix(notGPX + ": "))
        }
    }

    @Test("pace: recorded gaps divided by the speed; backwards, unknown and long gaps bounded")
    func pace() {
        let day = UTCDay(year: 2024, month: 5, day: 1)
        func at(_ seconds: Double, _ day: UTCDay? = day) -> FixTime { FixTime(secondsOfDay: seconds, day: day) }
        #expect(ReplayPace.realTime.delay(from: at(10), to: at(11.5)) == .milliseconds(1500))
        #expect(ReplayPace(speed: 4).delay(from: at(10), to: at(12)) == .milliseconds(500))
        #expect(ReplayPace.asFastAsPossible.delay(from: at(10), to: at(12)) == .zero)
        #expect(ReplayPace.realTime.delay(from: at(152_508), to: at(52_386)) == .zero)
        #expect(ReplayPace.realTime.delay(from: nil, to: at(1)) == .zero)
        #expect(ReplayPace.realTime.delay(from: at(0), to: at(3600)) == .seconds(10))
        // Across midnight with both days known the gap is the real one, 2 s.
        #expect(ReplayPace.realTime.delay(from: at(86_399), to: FixTime(secondsOfDay: 1, day: UTCDay(year: 2024, month: 5, day: 2))) == .seconds(2))
    }

    @Test("the source 'none' ends at once")
    func noSource() async throws {
        #expect(try await Self.collect(PositionSourceSpec.none.makeSource()).isEmpty)
    }
}
