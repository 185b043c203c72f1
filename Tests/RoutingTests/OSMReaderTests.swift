import Shared
import Foundation
import Testing
@testable import Routing

@Suite("OSM readers: XML, gzipped XML and PBF")
struct OSMReaderTests {
    @Test("Monaco XML: every node and every highway way of the file, as its provenance counts them")
    func monacoCounts() {
        let extract = Extracts.monaco
        #expect(extract.nodeCount == 13_739)
        #expect(extract.ways.filter { $0.tags["highway"] != nil }.count == 866)
        #expect(extract.addresses().count == 26)
    }

    @Test("Bayreuth as gzipped XML and as PBF: the same nodes, positions, ways, tags and addresses")
    func bayreuthEncodingsAgree() {
        let xml = Extracts.bayreuthXML, pbf = Extracts.bayreuthPBF
        #expect(xml.nodeCount == 58_631)
        #expect(pbf.nodeCount == 58_631)
        #expect(xml.ways.filter { $0.tags["highway"] != nil }.count == 2_056)
        let xmlNodes = Dictionary(uniqueKeysWithValues: xml.nodeIDs.indices.map { (xml.nodeIDs[$0], (xml.latitudesE7[$0], xml.longitudesE7[$0])) })
        let mismatched = pbf.nodeIDs.indices.filter { index in
            guard let position = xmlNodes[pbf.nodeIDs[index]] else { return true }
            return position != (pbf.latitudesE7[index], pbf.longitudesE7[index])
        }
        #expect(mismatched.isEmpty, "nodes whose position differs between encodings: \(mismatched.prefix(5).map { pbf.nodeIDs[$0] })")
        #expect(xml.ways.sorted { $0.id < $1.id } == pbf.ways.sorted { $0.id < $1.id })
        #expect(xml.addresses() == pbf.addresses())
        #expect(xml.addresses().count == 800)
    }

    @Test("street names with entities and non-ASCII letters are decoded")
    func names() {
        let names = Set(Extracts.bayreuthXML.ways.compactMap { $0.tags["name"] })
        #expect(names.contains("Kulmbacher Straße"))
    }

    @Test("the format is told by content, not by the file name")
    func detection() throws {
        let pbf = try Data(contentsOf: URL(fileURLWithPath: Extracts.bayreuthPBFPath))
        let extract = try OSMReader.read(pbf, file: "misnamed.osm")
        #expect(extract.nodeCount == 58_631)
        let xml = Data("<?xml version='1.0'?><osm version='0.6'><node id='1' lat='1.5' lon='-2.25'/></osm>".utf8)
        let small = try OSMReader.read(xml, file: "small.pbf")
        #expect(small.nodeCount == 1)
        #expect(small.latitudesE7 == [15_000_000])
        #expect(small.longitudesE7 == [-22_500_000])
    }

    @Test("a file that is not OSM is refused with its name")
    func notOSM() {
        #expect(throws: OSMReadError(file: "notes.txt", offset: 0, reason: "not an OSM file: expected OSM XML, gzip-compressed XML or PBF")) {
            try OSMReader.read(Data("hello".utf8), file: "notes.txt")
        }
    }

    @Test("a truncated XML file is refused, naming the file and the point where it stops")
    func truncatedXML() throws {
        let whole = try Data(contentsOf: URL(fileURLWithPath: Extracts.monacoPath))
        let cut = whole.prefix(whole.count / 2)
        let error = try #require(throws: OSMReadError.self) { try OSMReader.read(cut, file: "monaco-half.osm") }
        #expect(error.file == "monaco-half.osm")
        #expect(error.reason.contains("truncated") || error.reason.contains("ends inside"))
        #expect(error.offset > 0 && error.offset <= cut.count)
    }

    @Test("a truncated PBF file is refused with the offset of the blob that is cut")
    func truncatedPBF() throws {
        let whole = try Data(contentsOf: URL(fileURLWithPath: Extracts.bayreuthPBFPath))
        let cut = whole.prefix(whole.count - 1000)
        let error = try #require(throws: OSMReadError.self) { try OSMReader.read(cut, file: "cut.pbf") }
        #expect(error.reason.contains("truncated"))
        #expect(error.offset < cut.count)
    }

    @Test("truncated, bit-flipped and random bytes of every encoding never crash the readers")
    func fuzz() throws {
        let trials = ProcessInfo.processInfo.environment["FIELDAUDIT_SOAK"] == "1" ? 400 : 40
        var random = SplitMix64(seed: 0x05f1)
        let sources = try [Extracts.bayreuthPBFPath, Extracts.bayreuthXMLPath].map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
            + [Data(try Data(contentsOf: URL(fileURLWithPath: Extracts.monacoPath)).prefix(200_000))]
        var refused = 0
        for trial in 0..<trials {
            var bytes = sources[trial % sources.count]
            switch trial % 3 {
            case 0:
                bytes = bytes.prefix(Int.random(in: 0..<bytes.count, using: &random))
            case 1:
                for _ in 0..<8 {
                    let at = Int.random(in: 0..<bytes.count, using: &random)
                    bytes[bytes.startIndex + at] ^= UInt8.random(in: 1...255, using: &random)
                }
            default:
                let header = bytes.prefix(Int.random(in: 0..<64, using: &random))
                bytes = header + Data((0..<Int.random(in: 0..<5000, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
            }
            do { _ = try OSMReader.read(bytes, file: "fuzz-\(trial)") } catch { refused += 1 }
        }
        #expect(refused > trials / 3, "most damaged files are refused (some bit flips land in ignored text)")
    }
}
