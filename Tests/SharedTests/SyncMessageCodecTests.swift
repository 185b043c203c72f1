import Foundation
import PropertyBased
@testable import Shared
import Testing

/// The wire codec of the other sync messages: the same bytes out of the writers as out of the
/// `Encodable` reference, the written value back out of the readers, and sound verdicts on fuzzed
/// messages (refused with a message, or JSON, well formed and stable).
@Suite("Sync message codec")
struct SyncMessageCodecTests {
    @Test("push bodies and push answers encode to exactly WireCoding's bytes")
    func encoders() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in
            var states = CodecStates(seed: seed)
            let records = (0..<states.int(0...4)).map { _ in states.state() }
            let batch = PushRequest(batchID: "b-\(seed)", records: records)
            let slowBatch = try WireCoding.encode(batch)
            #expect(batch.encodeFast() == slowBatch)
            let results = records.map { record in
                PushResponse.Result(kind: record.kind, id: record.id, status: states.chance(0.3) ? .conflict : .merged,
                                    conflicts: (0..<states.int(0...2)).map { _ in states.text(maxLength: 8) })
            }
            let answer = PushResponse(batchID: states.id(), results: results, cursor: Int64(states.int(0...Int(Int32.max))))
            let slowAnswer = try WireCoding.encode(answer)
            #expect(answer.encodeFast() == slowAnswer)
            #expect(try PushResponse.decodeFast(slowAnswer) == answer)
        }
    }

    @Test("pull answers, packets and outbox files read back to what was written; fuzzed, they get sound verdicts")
    func decoders() async {
        await propertyCheck(count: 100, input: Gen.uint64()) { seed in
            var states = CodecStates(seed: seed)
            let pull = PullResponse(records: (0..<states.int(0...3)).map { _ in states.state() },
                                    cursor: Int64(states.int(0...1_000_000)), more: states.chance(0.5),
                                    leftScope: (0..<states.int(0...2)).map { _ in RecordKey(kind: .customer, id: states.id()) },
                                    findingsGeneration: states.chance(0.5) ? String(states.int(0...1_000_000)) : nil)
            let packet = WorkPacket(workOrder: states.state(), customers: (0..<states.int(0...3)).map { _ in states.state() },
                                    devices: [states.state()], visits: [], cursor: Int64(states.int(0...1_000)),
                                    map: states.chance(0.5) ? Data((0..<states.int(0...40)).map { _ in UInt8(states.int(0...255)) }) : nil)
            var batchRecords: [RecordState] = []
            for _ in 0..<states.int(0...3) {
                let state = states.state()
                if !batchRecords.contains(where: { $0.key == state.key }) { batchRecords.append(state) }
            }
            let outbox = OutboxFile(device: "tab-\(seed % 100)", batch: PushRequest(batchID: "b-\(seed)", records: batchRecords))

            #expect(try PullResponse.decodeFast(WireCoding.encode(pull)) == pull)
            #expect(try WorkPacket.decodeFast(WireCoding.encode(packet)) == packet)
            #expect(try OutboxFile.decodeFast(WireCoding.encode(outbox)) == outbox)

            var fuzzer = Fuzzer(rng: SplitMix64(seed: seed ^ 0x5EED))
            for (original, check) in [
                (try WireCoding.encode(pull), { (data: Data) in expectSound(data, PullResponse.decodeFast, states: \.records) }),
                (try WireCoding.encode(packet), { (data: Data) in expectSound(data, WorkPacket.decodeFast, states: \.allRecords) }),
                (try WireCoding.encode(outbox), { (data: Data) in expectSound(data, OutboxFile.decodeFast, states: \.batch.records) }),
            ] {
                for _ in 0..<5 {
                    var bytes = Array(original)
                    fuzzer.mutate(&bytes)
                    check(Data(bytes))
                }
            }
        }
    }

    static let badPulls: [(String, String)] = [
        (#"{"cursor":1,"left_scope":[],"more":false}"#, "records: is missing"),
        (#"{"cursor":"1","left_scope":[],"more":false,"records":[]}"#, "cursor"),
        (#"{"cursor":1,"left_scope":[],"more":"no","records":[]}"#, "more"),
        (#"{"cursor":1,"left_scope":[{"id":"c1"}],"more":false,"records":[]}"#, "left_scope[0].kind: is missing"),
        (#"{"cursor":1,"left_scope":[{"id":"c1","kind":"planet"}],"more":false,"records":[]}"#, "left_scope[0].kind: Cannot initialize RecordKind"),
        (#"{"cursor":1,"left_scope":[7],"more":false,"records":[]}"#, "left_scope[0]: expected"),
        (#"{"cursor":1,"left_scope":[],"more":false,"records":[{"fields":{},"id":"c1","kind":"customer","vector":{"mis":0}}]}"#, "records[0].vector.mis: vector: counters start at 1"),
        (#"{"cursor":1,"left_scope":[],"more":false,"records":[{"id":"c1","kind":"customer","vector":{}}]}"#, "records[0].fields: is missing"),
        (#"{"cursor":1,"left_scope":[],"more":false,"records":[],"later":{"a":[1]}}"#, "--accepted--"),
        (#"{"cursor":1.0,"left_scope":[],"more":false,"records":[]}"#, "--accepted--"),
    ]

    @Test("bad pull answers are refused with the place and the reason")
    func badPulls() {
        expectVerdicts(Self.badPulls, PullResponse.decodeFast)
    }

    static let badAnswers: [(String, String)] = [
        (#"{"batch_id":"b","cursor":1,"results":[{"conflicts":[],"id":"c1","kind":"customer","status":"merged"}]}"#, "--accepted--"),
        (#"{"batch_id":"b","cursor":1,"results":[{"conflicts":[],"id":"c1","kind":"customer","status":"lost"}]}"#, "results[0].status: Cannot initialize MergeStatus"),
        (#"{"batch_id":"b","cursor":1,"results":[{"conflicts":[3],"id":"c1","kind":"customer","status":"merged"}]}"#, "results[0].conflicts[0]: expected a string"),
        (#"{"batch_id":"b","results":[]}"#, "cursor: is missing"),
        (#"{"batch_id":"b","cursor":1,"results":{}}"#, "results: expected"),
        (#"{"cursor":1,"customers":[],"devices":[],"visits":[],"work_order":{},"map":"***"}"#, "batch_id: is missing"),
    ]

    static let badPackets: [(String, String)] = [
        (#"{"cursor":1,"customers":[],"devices":[],"visits":[],"work_order":{"fields":{},"id":"w1","kind":"work_order","vector":{}},"map":"***"}"#, "map: "),
        (#"{"cursor":1,"customers":[],"devices":[],"visits":[],"work_order":{"fields":{},"id":"w1","kind":"work_order","vector":{}},"map":null}"#, "--accepted--"),
        (#"{"cursor":1,"customers":[],"devices":[],"visits":[],"work_order":{"fields":{},"id":"w1","kind":"work_order","vector":{}},"map":"AAE="}"#, "--accepted--"),
        (#"{"cursor":1,"customers":[7],"devices":[],"visits":[],"work_order":{"fields":{},"id":"w1","kind":"work_order","vector":{}}}"#, "customers[0]: expected"),
        (#"{"cursor":1,"customers":[],"devices":[],"visits":[],"work_order":[]}"#, "work_order: expected"),
    ]

    @Test("bad push answers and packets are refused with the place and the reason")
    func badAnswersAndPackets() throws {
        expectVerdicts(Self.badAnswers, PushResponse.decodeFast)
        expectVerdicts(Self.badPackets, WorkPacket.decodeFast)
        #expect(try WorkPacket.decodeFast(Data(Self.badPackets[2].0.utf8)).map == Data([0, 1]))
    }

    @Test("nesting deeper than JSONDecoder takes is refused with an error, in every message")
    func deepNesting() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        for document in [#"{"cursor":1,"left_scope":\#(deep),"more":false,"records":[]}"#,
                         #"{"cursor":1,"customers":[],"devices":[],"visits":\#(deep),"work_order":{}}"#,
                         #"{"batch":{"batch_id":"x","records":[]},"device":\#(deep)}"#] {
            let data = Data(document.utf8)
            #expect(throws: WireError.self) { try PullResponse.decodeFast(data) }
            #expect(throws: WireError.self) { try WorkPacket.decodeFast(data) }
            #expect(throws: WireError.self) { try OutboxFile.decodeFast(data) }
        }
    }
}
