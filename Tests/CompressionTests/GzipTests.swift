import Compression
import Foundation
import Testing

@Suite("Gzip")
struct GzipTests {
    @Test("compress then decompress gives back the original bytes, including empty input")
    func roundTrip() throws {
        let samples: [Data] = [
            Data(),
            Data("one line\n".utf8),
            Data(String(repeating: "customer,meter,seal\n", count: 10_000).utf8),
            Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }),
        ]
        for sample in samples {
            let compressed = Gzip.compress(sample)
            #expect(compressed.starts(with: [0x1f, 0x8b]), "output must carry the gzip magic number")
            #expect(try Gzip.decompress(compressed) == sample)
        }
    }

    @Test("repetitive text actually shrinks")
    func shrinks() {
        let text = Data(String(repeating: "{\"tariff\":\"A1\",\"feeder\":\"F-12\"}", count: 2_000).utf8)
        #expect(Gzip.compress(text).count < text.count / 10)
    }

    @Test("concatenated gzip members decompress to the concatenated contents, as gunzip does")
    func multipleMembers() throws {
        let joined = Gzip.compress(Data("first ".utf8)) + Gzip.compress(Data("second".utf8))
        #expect(try Gzip.decompress(joined) == Data("first second".utf8))
    }

    @Test("a cut-short download is reported as truncated, not returned as partial data")
    func truncated() {
        let compressed = Gzip.compress(Data(String(repeating: "abc", count: 1_000).utf8))
        #expect(throws: GzipError.truncated) { try Gzip.decompress(compressed.prefix(compressed.count - 6)) }
        #expect(throws: GzipError.truncated) { try Gzip.decompress(Data()) }
    }

    @Test("bytes that are not gzip are reported as corrupt with zlib's reason")
    func corrupt() {
        do {
            _ = try Gzip.decompress(Data("plain text, not gzip".utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "gzip data is corrupt: incorrect header check")
        }
    }
}
