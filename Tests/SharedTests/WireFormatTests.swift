import Foundation
import PropertyBased
import Shared
import Testing

@Suite("Wire format")
struct WireFormatTests {
    @Test("JSON round trip is identity, and re-encoding gives the same bytes")
    func roundTrip() async {
        await propertyCheck(count: 1_000, input: Gen.uint64()) { seed in
            var simulation = Simulation(seed: seed)
            simulation.randomHistory(steps: 40)
            for state in simulation.states {
                let bytes = try WireCoding.encode(state)
                let decoded = try WireCoding.decode(RecordState.self, from: bytes)
                #expect(decoded == state)
                #expect(try WireCoding.encode(decoded) == bytes)
            }
        }
    }

    @Test("the documented example decodes to a conflict shown by authority")
    func documentedExample() throws {
        let json = """
            {"fields": {"tariff": [
               {"counter": 3, "hlc": {"ms": 1732392000123, "n": 0}, "replica": "mis", "value": "T2"},
               {"counter": 1, "hlc": {"ms": 1732392999000, "n": 2}, "replica": "t-tab-7", "value": "T3"}]},
             "id": "cus-0001", "kind": "customer", "vector": {"mis": 3, "t-tab-7": 1}}
            """
        let state = try WireCoding.decode(RecordState.self, from: Data(json.utf8))
        #expect(state.conflicts.count == 1)
        #expect(state.value(of: "tariff") == .text("T2"), "the MIS owns tariffs, even against a later field write")
        let encoded = String(decoding: try WireCoding.encode(state), as: UTF8.self)
        #expect(encoded == #"{"fields":{"tariff":[{"counter":3,"hlc":{"ms":1732392000123,"n":0},"replica":"mis","value":"T2"},{"counter":1,"hlc":{"ms":1732392999000,"n":2},"replica":"t-tab-7","value":"T3"}]},"id":"cus-0001","kind":"customer","vector":{"mis":3,"t-tab-7":1}}"#)
    }

    @Test("every kind of value survives the round trip", arguments: [
        ("location", FieldValue.location(GeoPoint(latitude: -27.21091, longitude: 153.05189))),
        ("capacity_kva", .decimal(0.1)),
        ("phases", .integer(3)),
        ("retired", .flag(true)),
        ("phone", .null),
        ("name", .text("王小明 \"quoted\" / ok")),
    ])
    func valueKinds(field: String, value: FieldValue) throws {
        var state = RecordState(kind: .customer, id: "cus-2")
        try state.write(value, to: field, by: "server", at: HLCTimestamp(milliseconds: 5))
        let decoded = try WireCoding.decode(RecordState.self, from: try WireCoding.encode(state))
        #expect(decoded.value(of: field) == value)
    }

    /// Documents every decoder must refuse, each with text its error must contain.
    static let refusedDocuments: [(String, String)] = [
        (#"{"fields":{},"id":"c1","kind":"planet","vector":{}}"#, "kind"),
        (#"{"fields":{"colour":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":"x"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "'colour' is not a field of customer"),
        (#"{"fields":{"tariff":[{"counter":2,"hlc":{"ms":1,"n":0},"replica":"mis","value":"x"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "not covered by the vector"),
        (#"{"fields":{"account":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":"12ab"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "account: must be 6 to 20 digits"),
        (#"{"fields":{"phases":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":"three"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "fields.phases[0].value: expected a whole number"),
        (#"{"fields":{"tariff":[{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":"a"},{"counter":1,"hlc":{"ms":1,"n":0},"replica":"mis","value":"a"}]},"id":"c1","kind":"customer","vector":{"mis":1}}"#, "appears twice"),
        (#"{"fields":{},"id":"c1","kind":"customer","vector":{"Bad Replica":1}}"#, "vector: replica"),
        (#"{"fields":{},"id":"c 1","kind":"customer","vector":{}}"#, "id must be"),
        (#"{"fields":{},"id":"c1","kind":"customer"}"#, "vector: is missing"),
        (#"{"fields":{"#, "not valid JSON"),
    ]

    @Test("bad documents are refused with the place and the reason", arguments: refusedDocuments)
    func badDocuments(json: String, expected: String) {
        #expect {
            _ = try WireCoding.decode(RecordState.self, from: Data(json.utf8))
        } throws: { error in
            String(describing: error).contains(expected)
        }
    }

    @Test("a change set carries exactly the states a peer has not seen")
    func changeSet() throws {
        var seen = RecordState(kind: .customer, id: "cus-a")
        try seen.write(.text("T1"), to: "tariff", by: "server", at: HLCTimestamp(milliseconds: 1))
        var changed = RecordState(kind: .customer, id: "cus-b")
        try changed.write(.text("T1"), to: "tariff", by: "server", at: HLCTimestamp(milliseconds: 1))
        let peerKnew = [seen.key: seen.vector, changed.key: changed.vector]
        try changed.write(.text("T2"), to: "tariff", by: "server", at: HLCTimestamp(milliseconds: 2))
        let fresh = RecordState(kind: .device, id: "dev-new")

        let set = ChangeSet.changes(in: [seen, changed, fresh], from: "server", notSeenIn: peerKnew)
        #expect(set.records.map(\.key) == [changed.key, fresh.key].sorted())

        var peerStore: [RecordKey: RecordState] = [:]
        #expect(set.apply(to: &peerStore).count == 2)
        #expect(set.apply(to: &peerStore).isEmpty, "applying a change set twice changes nothing")
        let decoded = try WireCoding.decode(ChangeSet.self, from: try WireCoding.encode(set))
        #expect(decoded == set)
    }
}
