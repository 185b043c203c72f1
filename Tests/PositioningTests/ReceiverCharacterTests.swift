import Foundation
import Shared
import Testing
@testable import Positioning

/// A real receiver's scatter and reports laid over a simulated walk.
@Suite("receiver character")
struct ReceiverCharacterTests {
    static let haicom = SharedData.gps.appendingPathComponent("haicom-305N.log").path
    static let path = [GeoPoint(latitude: 50.0150, longitude: 11.5020), GeoPoint(latitude: 50.0160, longitude: 11.5030)]

    @Test("the walking Haicom log gives one sample per fix, scattered by metres, not by the 150 m it walked")
    func haicomScatter() throws {
        let character = try ReceiverCharacter.read(nmeaLog: Self.haicom)
        let fixes = NMEADecoder.decode(try String(contentsOfFile: Self.haicom, encoding: .isoLatin1)).compactMap(\.fix)
        #expect(character.samples.count == fixes.filter { $0.quality != .none }.count)
        let offsets = character.samples.map { ($0.east * $0.east + $0.north * $0.north).squareRoot() }
        #expect(offsets.max() ?? 0 < 30, "scatter about the smoothed track: \(offsets.max() ?? 0) m")
        #expect(offsets.contains { $0 > 0.1 }, "a real receiver never sits exactly on its own mean")
        #expect(Set(character.samples.compactMap(\.satellites)).count >= 1)
    }

    @Test("laid over a walk: times and count kept, each fix within its sample's offset of the path, the receiver's reports taken in turn")
    func applied() throws {
        let character = try ReceiverCharacter.read(nmeaLog: Self.haicom)
        let walk = RouteWalk(path: Self.path, speed: 1.4).fixes(start: Date(timeIntervalSince1970: 1_780_000_000))
        let moved = character.apply(to: walk)
        #expect(moved.count == walk.count)
        #expect(walk.count > character.samples.count, "the 130 m walk outlasts the 68-fix log, so samples repeat")
        for (index, (plain, real)) in zip(walk, moved).enumerated() {
            let sample = character.samples[index % character.samples.count]
            #expect(plain.time == real.time)
            let offset = (sample.east * sample.east + sample.north * sample.north).squareRoot()
            #expect(abs(plain.point.distance(to: real.point) - offset) < 0.05)
            #expect(real.quality == sample.quality && real.satellites == sample.satellites && real.hdop == sample.hdop)
        }
    }

    @Test("a log without a single fix is refused with its name")
    func noFix() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("receiver-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("void.nmea").path
        try NMEAWriter.sentence("GPRMC,120000,V,,,,,,,010126,,").appending("\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: PositionSourceError.unreadable(path: file, reason: "the log holds no position fix")) {
            try ReceiverCharacter.read(nmeaLog: file)
        }
    }
}
