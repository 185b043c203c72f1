import Foundation
import Shared
import Testing
@testable import Positioning

@Suite("NMEA checksums")
struct NMEAChecksumTests {
    @Test("the checksum of every sentence the Haicom receiver wrote equals its *hh")
    func realSentences() throws {
        let text = String(decoding: try SharedLog.bytes("haicom-305N.log"), as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("$") }
        #expect(lines.count == 325)
        for line in lines {
            let star = try #require(line.lastIndex(of: "*"))
            let body = line[line.index(after: line.startIndex)..<star]
            #expect(NMEAChecksum.hex(NMEAChecksum.of(String(body))) == line[line.index(after: star)...].uppercased())
        }
    }

    @Test("changing any one byte of a body changes the checksum (seeded)")
    func singleByteChangesAreCaught() {
        var random = SplitMix64(seed: 0x6E6D_6561)
        for _ in 0..<(ProcessInfo.processInfo.environment["FIELDAUDIT_SOAK"] == nil ? 500 : 5000) {
            var body = (0..<Int.random(in: 1...80, using: &random)).map { _ in UInt8.random(in: 0x20...0x7E, using: &random) }
            let before = NMEAChecksum.of(body)
            let index = Int.random(in: 0..<body.count, using: &random)
            var replacement = UInt8.random(in: 0x20...0x7E, using: &random)
            if replacement == body[index] { replacement = replacement == 0x20 ? 0x21 : replacement - 1 }
            body[index] = replacement
            #expect(NMEAChecksum.of(body) != before)
        }
    }

    @Test("hex is two upper-case digits")
    func hexFormat() {
        #expect(NMEAChecksum.hex(0x0A) == "0A")
        #expect(NMEAChecksum.hex(0xFF) == "FF")
        #expect(NMEAWriter.sentence("GPGSA,A,1,,,,,,,,,,,,,,,") == "$GPGSA,A,1,,,,,,,,,,,,,,,*1E")
    }
}
