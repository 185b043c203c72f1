import Foundation
import Testing
@testable import Routing

@Suite("PBF decoder on hand-made blocks: delta coding, granularity, offsets, refusals")
struct PBFDecoderTests {
    /// A PrimitiveBlock with granularity 1000 nanodegrees and non-zero offsets, three dense nodes
    /// (one with address tags) and one way, all delta coded.
    static func block() -> ProtobufWriter {
        var strings = ProtobufWriter()
        for text in ["", "highway", "residential", "name", "Maximilianstraße", "addr:housenumber", "12", "addr:street"] {
            strings.field(1, string: text)
        }
        var dense = ProtobufWriter()
        dense.field(1, packedSigned: [100, 1, 1])                   // ids 100, 101, 102
        // lat = 1e-9 × (lat_offset + 1000 × value): offset 40e9 nd, values 9_950_000 … → 49.95°, 49.951°, 49.9505°
        dense.field(8, packedSigned: [9_950_000, 1_000, -500])
        dense.field(9, packedSigned: [1_570_000, 2_000, -1_000])    // lon offset 10e9 nd → 11.57°, 11.572°, 11.571°
        dense.field(10, packed: [0, 5, 6, 7, 4, 0, 0])               // node 101: addr:housenumber=12, addr:street=Maximilianstraße
        var way = ProtobufWriter()
        way.field(1, varint: 7)
        way.field(2, packed: [1, 3])
        way.field(3, packed: [2, 4])
        way.field(8, packedSigned: [100, 2, -1])                    // refs 100, 102, 101
        var group = ProtobufWriter()
        group.field(2, message: dense)
        group.field(3, message: way)
        var block = ProtobufWriter()
        block.field(1, message: strings)
        block.field(2, message: group)
        block.field(17, varint: 1000)
        block.field(19, varint: UInt64(bitPattern: 40_000_000_000))
        block.field(20, varint: UInt64(bitPattern: 10_000_000_000))
        return block
    }

    @Test("dense nodes and ways decode with their deltas, granularity, offsets and string table")
    func decodes() throws {
        let file = ProtobufWriter.header() + ProtobufWriter.blob(type: "OSMData", content: Self.block())
        let extract = try OSMReader.read(Data(file), file: "made.pbf")
        #expect(extract.nodeIDs == [100, 101, 102])
        #expect(extract.latitudesE7 == [499_500_000, 499_510_000, 499_505_000])
        #expect(extract.longitudesE7 == [115_700_000, 115_720_000, 115_710_000])
        #expect(extract.ways == [OSMWay(id: 7, refs: [100, 102, 101], tags: ["highway": "residential", "name": "Maximilianstraße"])])
        #expect(extract.addresses().map(\.label) == ["Maximilianstraße 12"])
    }

    @Test("a required feature the reader lacks is refused by name")
    func unsupportedFeature() throws {
        let file = ProtobufWriter.header(features: ["OsmSchema-V0.6", "HistoricalInformation"])
        let error = try #require(throws: OSMReadError.self) { try OSMReader.read(Data(file), file: "history.pbf") }
        #expect(error.reason == "the file requires the unsupported PBF feature \"HistoricalInformation\"")
    }

    @Test("data before the header, a string index out of range, and a cut varint are refused")
    func malformed() throws {
        let noHeader = ProtobufWriter.blob(type: "OSMData", content: Self.block())
        #expect(throws: OSMReadError.self) { try OSMReader.read(Data(noHeader), file: "a.pbf") }

        var badWay = ProtobufWriter()
        badWay.field(1, varint: 1)
        badWay.field(2, packed: [99])
        badWay.field(3, packed: [1])
        var group = ProtobufWriter()
        group.field(3, message: badWay)
        var block = ProtobufWriter()
        block.field(2, message: group)
        let error = try #require(throws: OSMReadError.self) {
            try OSMReader.read(Data(ProtobufWriter.header() + ProtobufWriter.blob(type: "OSMData", content: block)), file: "b.pbf")
        }
        #expect(error.reason.contains("string table index 99 out of range"))

        let whole = ProtobufWriter.header() + ProtobufWriter.blob(type: "OSMData", content: Self.block())
        // Every cut except the one right after the header blob (a valid, empty file).
        for cut in 1..<whole.count where cut != ProtobufWriter.header().count {
            #expect(throws: OSMReadError.self) { try OSMReader.read(Data(whole.prefix(cut)), file: "c.pbf") }
        }
    }
}
