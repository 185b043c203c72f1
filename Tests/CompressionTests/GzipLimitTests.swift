import Compression
import Foundation
import Testing

@Suite("Gzip limits and streaming")
struct GzipLimitTests {
    /// `count` copies of one gzip member holding `member` zero bytes: a gzip bomb that inflates to
    /// `count * member` bytes from about `count * member / 1000` compressed bytes.
    static func bomb(members count: Int, of member: Int) -> Data {
        let one = Gzip.compress(Data(count: member), level: 9)
        var bomb = Data(capacity: one.count * count)
        for _ in 0..<count { bomb.append(one) }
        return bomb
    }

    @Test("a limit equal to the inflated size passes; one byte less is refused as too large")
    func exactLimit() throws {
        let original = Data(String(repeating: "meter seal intact\n", count: 5_000).utf8)
        let compressed = Gzip.compress(original)
        #expect(try Gzip.decompress(compressed, limit: original.count) == original)
        #expect(throws: GzipError.tooLarge(limit: original.count - 1)) {
            try Gzip.decompress(compressed, limit: original.count - 1)
        }
    }

    @Test("a 1 GiB gzip bomb stops at the limit instead of inflating whole")
    func bombStopsAtLimit() throws {
        let bomb = Self.bomb(members: 1_024, of: 1 << 20)
        #expect(bomb.count < 2 << 20, "the bomb is small on the wire (\(bomb.count) bytes)")
        let limit = 8 << 20
        let inflater = try GzipInflater(limit: limit)
        #expect(throws: GzipError.tooLarge(limit: limit)) { try inflater.append(bomb) }
        // It stopped within one output buffer of the limit, not after 1 GiB.
        #expect(inflater.output.count <= limit + 64 * 1024)
        #expect(throws: GzipError.tooLarge(limit: limit)) { try Gzip.decompress(bomb, limit: limit) }
    }

    @Test("input fed in pieces of any size inflates to the same bytes, members split across pieces included")
    func piecewise() throws {
        let first = Data((0..<150_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) })
        let second = Data(String(repeating: "customer,meter,seal\n", count: 3_000).utf8)
        let compressed = Gzip.compress(first) + Gzip.compress(second, level: 1)
        for pieceSize in [1, 7, 4_096, 65_536, compressed.count] {
            let inflater = try GzipInflater()
            var offset = 0
            while offset < compressed.count {
                let end = min(offset + pieceSize, compressed.count)
                try inflater.append(compressed[offset..<end])
                offset = end
            }
            #expect(try inflater.finish() == first + second, "pieces of \(pieceSize) bytes")
        }
    }

    @Test("a stream fed only partly is truncated at finish; garbage is corrupt as it arrives")
    func partialAndCorrupt() throws {
        let compressed = Gzip.compress(Data(String(repeating: "abc", count: 10_000).utf8))
        let inflater = try GzipInflater()
        try inflater.append(compressed.prefix(compressed.count / 2))
        #expect(throws: GzipError.truncated) { try inflater.finish() }

        let garbage = try GzipInflater()
        #expect(throws: GzipError.corrupt("incorrect header check")) { try garbage.append(Data("not gzip at all".utf8)) }
    }
}
