import Shared
import Foundation
import Testing
@testable import Routing

@Suite("graph files: round trip and refusal of damaged files")
struct GraphFileTests {
    @Test("a map written and read back is equal, through a real file")
    func roundTrip() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("graph-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("map/graph.bin").path
        try GraphFile.write(Extracts.monacoMap.map, to: path)
        #expect(try GraphFile.read(path: path) == Extracts.monacoMap.map)
        let loaded = try MapLoader.load(path: path)
        #expect(loaded == Extracts.monacoMap.map, "the loader recognises graph files by content")
    }

    @Test("a cut sub-graph uses the same format")
    func cutRoundTrip() throws {
        let (cut, _) = Extracts.bayreuthMap.map.cut(to: GeoBox(south: 50.01, west: 11.49, north: 50.02, east: 11.51), margin: 100)
        #expect(try GraphFile.decode(GraphFile.encode(cut), file: "cut") == cut)
    }

    @Test("truncated files are refused at every length")
    func truncated() {
        let bytes = GraphFile.encode(Extracts.monacoMap.map)
        for length in [0, 4, 8, 20, 31, 32, 33, bytes.count / 2, bytes.count - 1] {
            #expect(throws: GraphFileError.self) { try GraphFile.decode(bytes.prefix(length), file: "cut.bin") }
        }
    }

    @Test("a flipped byte anywhere in the payload fails the checksum; a bad magic or version is named")
    func corrupt() throws {
        var bytes = GraphFile.encode(Extracts.monacoMap.map)
        var random = SplitMix64(seed: 7)
        for _ in 0..<20 {
            var damaged = bytes
            let at = Int.random(in: 32..<bytes.count, using: &random)
            damaged[at] ^= 0x10
            let error = try #require(throws: GraphFileError.self) { try GraphFile.decode(damaged, file: "damaged.bin") }
            #expect(error.reason.contains("checksum"))
        }
        #expect(GraphFile.version(of: bytes) == GraphFile.version && GraphFile.version == 5)
        bytes[8] = 99
        #expect(GraphFile.version(of: bytes) == 99, "a tablet tells an old cached map by its version and fetches it again")
        #expect(GraphFile.version(of: Data("hello".utf8)) == nil)
        let version = try #require(throws: GraphFileError.self) { try GraphFile.decode(bytes, file: "new.bin") }
        #expect(version.reason.contains("version 99"))
        let magic = try #require(throws: GraphFileError.self) { try GraphFile.decode(Data("hello world".utf8), file: "x.bin") }
        #expect(magic.description == "x.bin: not a FieldAudit graph file (bad magic)")
    }
}
