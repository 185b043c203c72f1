import Foundation
import Shared
import Testing
@testable import Positioning

/// Laws that hold for any input, checked on seeded random inputs and on the real logs.
/// `FIELDAUDIT_SOAK=1` runs ten times more trials.
@Suite("NMEA robustness")
struct NMEARobustnessTests {
    static let trials = ProcessInfo.processInfo.environment["FIELDAUDIT_SOAK"] == nil ? 40 : 400
    static let logs = ["bt451.log", "bundg_zeus_9.log", "gp-320fw-2019-04-07-coldboot.log", "haicom-305N.log",
                       "quectel-eg25-g.log", "triton400.log"]

    @Test("feeding in chunks of any size gives the same events as feeding whole", arguments: logs)
    func chunkingDoesNotMatter(_ log: String) throws {
        let bytes = try SharedLog.bytes(log)
        let whole = SharedLog.decode(bytes)
        var random = SplitMix64(seed: 0xC4_0001)
        #expect(SharedLog.decode(bytes, chunkSizes: [1]) == whole)
        for _ in 0..<Self.trials / 4 {
            let sizes = (0..<8).map { _ in Int.random(in: 1...300, using: &random) }
            #expect(SharedLog.decode(bytes, chunkSizes: sizes) == whole, "chunk sizes \(sizes)")
        }
    }

    @Test("random bytes never crash the reader, and every rejection names a line of the input")
    func randomBytes() {
        var random = SplitMix64(seed: 0xB17E5)
        let alphabet = Array("$!*#,.0123456789ABCDEFGNPRSVW\r\n".utf8) + [0, 0x7F, 0xFF, 0xC3]
        for trial in 0..<Self.trials * 5 {
            let count = Int.random(in: 0...2000, using: &random)
            let bytes: [UInt8] = (0..<count).map { _ in
                Bool.random(using: &random) ? alphabet.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
            }
            let lines = bytes.filter { $0 == UInt8(ascii: "\n") }.count + 1
            for event in SharedLog.decode(bytes, chunkSizes: [Int.random(in: 1...64, using: &random)]) {
                if case .rejected(let rejection) = event {
                    #expect((1...lines).contains(rejection.line), "trial \(trial)")
                }
            }
        }
    }

    @Test("damage inside one line of a real log leaves every sentence on the other lines as it was", arguments: logs)
    func damageStaysOnItsLine(_ log: String) throws {
        let bytes = try SharedLog.bytes(log)
        let original = Self.sentences(SharedLog.decode(bytes))
        let lineStarts = [0] + bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }.filter { $0 < bytes.count }
        var random = SplitMix64(seed: 0xDA_3A6E)
        for _ in 0..<Self.trials {
            let lineIndex = Int.random(in: 0..<lineStarts.count, using: &random)
            let start = lineStarts[lineIndex]
            let end = lineIndex + 1 < lineStarts.count ? lineStarts[lineIndex + 1] - 1 : bytes.count
            guard end > start else { continue }
            var damaged = bytes
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                var byte = UInt8.random(in: 0...255, using: &random)
                if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { byte = UInt8(ascii: "$") }
                damaged[Int.random(in: start..<end, using: &random)] = byte
            }
            let line = lineIndex + 1
            let after = Self.sentences(SharedLog.decode(damaged)).filter { $0.line != line }
            #expect(after == original.filter { $0.line != line }, "damage on line \(line)")
        }
    }

    static func sentences(_ events: [PositionEvent]) -> [NMEASentence] {
        events.compactMap { if case .sentence(let sentence) = $0 { sentence } else { nil } }
    }
}
