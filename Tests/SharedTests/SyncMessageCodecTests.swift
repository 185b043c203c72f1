import Foundation
import PropertyBased
@testable import Shared
import Testing

/// The fast codec of the other sync messages against the Codable path: the same bytes out of the
/// encoders, the same values (or the same refusal) out of the decoders, on random and fuzzed messages.
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
        }
    }

    @Test("pull answers, packets and outbox files decode to what the Codable path decodes, fuzzed or not")
    func decoders() async {
        await propertyCheck(count: 100, input: Gen.uint64()) { seed in
            var states = CodecStates(seed: seed)
            let pull = PullResponse(records: (0..<states.int(0...3)).map { _ in states.state() },
                                    cursor: Int64(states.int(0...1_000_000)), more: states.chance(0.5),
                                    leftScope: (0..<states.int(0...2)).map { _ in RecordKey(kind: .customer, id: states.id()) })
            let packet = WorkPacket(workOrder: states.state(), customers: (0..<states.int(0...3)).map { _ in states.state() },
                                    devices: [states.state()], visits: [], cursor: Int64(states.int(0...1_000)))
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
                (try WireCoding.encode(pull), { (data: Data) in expectAgreement(data, PullResponse.self, fast: PullResponse.decodeFast) }),
                (try WireCoding.encode(packet), { (data: Data) in expectAgreement(data, WorkPacket.self, fast: WorkPacket.decodeFast) }),
                (try WireCoding.encode(outbox), { (data: Data) in expectAgreement(data, OutboxFile.self, fast: OutboxFile.decodeFast) }),
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
        (#"{"cursor":1,"left_scope":[{"id":"c1"}],"more":false,"records":[]}"#, "left_scope[0].kind"),
        (#"{"cursor":1,"left_scope":[],"more":false,"records":[{"id":"c1","kind":"customer","vector":{}}]}"#, "records[0].fields: is missing"),
        (#"{"cursor":1,"left_scope":[],"more":false,"records":[],"later":{"a":[1]}}"#, "--accepted--"),
        (#"{"cursor":1.0,"left_scope":[],"more":false,"records":[]}"#, "--accepted--"),
    ]

    @Test("bad pull answers are refused like the Codable path refuses them, with the place")
    func badPulls() throws {
        try FastCodecTests.expectSameVerdicts(Self.badPulls,
                                              slow: { data throws(WireError) in try WireCoding.decode(PullResponse.self, from: data) },
                                              fast: PullResponse.decodeFast)
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

/// Both decoders refuse `data`, or both accept it with equal values.
func expectAgreement<Value: Decodable & Equatable>(
    _ data: Data, _ type: Value.Type, fast: (Data) throws(WireError) -> Value, sourceLocation: SourceLocation = #_sourceLocation
) {
    if crashesFoundation(data) {
        #expect(throws: WireError.self, sourceLocation: sourceLocation) { try fast(data) }
        return
    }
    let slow = Result { () throws(WireError) -> Value in try WireCoding.decode(type, from: data) }
    let quick = Result { () throws(WireError) -> Value in try fast(data) }
    switch (slow, quick) {
    case (.success(let a), .success(let b)):
        #expect(a == b, sourceLocation: sourceLocation)
    case (.failure, .failure):
        break
    default:
        let text = String(decoding: data.prefix(2_000), as: UTF8.self)
        Issue.record("disagree on \(text): codable \(slow), fast \(quick)", sourceLocation: sourceLocation)
    }
}
