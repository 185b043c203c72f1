@testable import AuditServer
import Foundation
import Shared
import Testing

/// An import writes the rows read so far while it reads the rest (``ImportPipeline``): the
/// records it hands over, chunk by chunk, must be exactly those of reading the whole file first,
/// in the same order, with the same problems.
@Suite("import pipeline")
struct ImportPipelineTests {
    /// A customer file of `rows` rows, some refused (a bad phase count, a blank name, a repeated
    /// account), some with a line break inside a quoted address.
    static func file(rows: Int, using generator: inout SplitMix64) -> Data {
        var text = "account,name,address,phases,county\n"
        for row in 0..<rows {
            let account = Bool.random(using: &generator) && row > 0 ? 5_000_000 + Int.random(in: 0..<row, using: &generator) : 5_000_000 + row
            let name = Int.random(in: 0..<10, using: &generator) == 0 ? "" : "Name \(row)"
            let phases = Int.random(in: 0..<10, using: &generator) == 0 ? "7" : "3"
            let address = Int.random(in: 0..<10, using: &generator) == 0 ? "\"Lane \(row)\nBack\"" : "Lane \(row)"
            text += "\(account),\(name),\(address),\(phases),4101\(row % 3)\n"
        }
        return Data(text.utf8)
    }

    @Test("chunks in file order are the whole read's records; problems and fields are the whole read's", arguments: [1, 2, 3, 7, 50])
    func sameAsWholeRead(chunkSize: Int) throws {
        var generator = SplitMix64(seed: UInt64(chunkSize))
        for trial in 0..<20 {
            let bytes = Self.file(rows: Int.random(in: 0..<40, using: &generator), using: &generator)
            let whole = RecordImporter<Customer>.customers.read(bytes)
            let pipeline = ImportPipeline(reading: bytes, with: .customers, chunkSize: chunkSize)
            #expect(pipeline.coveredFields == whole.fields)
            let chunks = Array(pipeline)
            #expect(chunks.allSatisfy { !$0.isEmpty && $0.count <= chunkSize }, "trial \(trial)")
            #expect(chunks.flatMap { $0 } == whole.records.map(\.record), "trial \(trial)")
            let streamed = pipeline.result()
            #expect(streamed.problems == whole.problems, "trial \(trial)")
            #expect(streamed.records.isEmpty)
        }
    }

    @Test("a header the importer refuses gives no chunk, and its problems")
    func refusedHeader() {
        let bytes = Data("account,nmae\n1,Anna\n".utf8)
        let pipeline = ImportPipeline(reading: bytes, with: RecordImporter<Customer>.customers, chunkSize: 10)
        #expect(Array(pipeline).isEmpty)
        #expect(pipeline.result().problems == RecordImporter<Customer>.customers.read(bytes).problems)
        #expect(!pipeline.result().problems.isEmpty)
    }

    @Test("abandoned after a chunk (a write failed), the reader still reads to the end instead of waiting")
    func abandoned() {
        var generator = SplitMix64(seed: 7)
        let bytes = Self.file(rows: 200, using: &generator)
        let pipeline = ImportPipeline(reading: bytes, with: RecordImporter<Customer>.customers, chunkSize: 1)
        #expect(pipeline.next() != nil)
        pipeline.abandon()
        #expect(pipeline.result().problems == RecordImporter<Customer>.customers.read(bytes).problems)
    }
}
