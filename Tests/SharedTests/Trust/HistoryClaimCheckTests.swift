import Foundation
import PropertyBased
import Shared
import Testing

/// The history rules of a push (``HistoryClaimCheck``): honest tablets are never refused, and each
/// way a hostile tablet could rewrite history is refused with its own rule.
@Suite("Push claims")
struct HistoryClaimCheckTests {
    static let now: UInt64 = 1_800_000_000_000
    static let anna: ReplicaID = "t-anna"

    /// A customer the server holds: imported by the office, a tariff from the MIS, a phone from Anna.
    static func stored() throws -> RecordState {
        var state = RecordState(kind: .customer, id: "cus-1")
        try state.write(.text("10000001"), to: "account", by: .server, at: HLCTimestamp(milliseconds: now - 9_000))
        try state.write(.text("Li Wei"), to: "name", by: .server, at: HLCTimestamp(milliseconds: now - 9_000))
        try state.write(.text("T1"), to: "tariff", by: .mis, at: HLCTimestamp(milliseconds: now - 8_000))
        try state.write(.text("0921 555 01"), to: "phone", by: anna, at: HLCTimestamp(milliseconds: now - 7_000))
        return state
    }

    func refusal(_ pushed: RecordState, against stored: RecordState?, by pusher: ReplicaID = anna) -> ClaimViolation? {
        let check = HistoryClaimCheck(pusher: pusher, nowMilliseconds: Self.now)
        do {
            try check.check(pushed, against: stored)
            _ = try check.effect(of: pushed, on: stored)
            return nil
        } catch { return error }
    }

    @Test("three honest tablets, the office and the MIS, synced in random orders: no push refused, all converge, no write lost")
    func honestHistories() async {
        await propertyCheck(count: 500, input: Gen.uint64()) { seed in
            var world = HonestSyncSimulation(seed: seed)
            for _ in 0..<60 { world.randomStep() }
            world.syncUntilQuiet()
            #expect(world.refusals.isEmpty, "honest pushes refused: \(world.refusals)")
            let states = world.simulation.states
            #expect(states.allSatisfy { $0 == states[0] }, "replicas converge")
            for field in Simulation.fields {
                let shown = Set(try states[0].register(field).entries.map(\.dot))
                #expect(shown == world.simulation.expectedEntries(of: field, at: 0), "\(field): no concurrent write dropped")
            }
        }
    }

    @Test("an honest edit on top of what the server holds is accepted and changes only the edited field")
    func honestEdit() throws {
        var pushed = try Self.stored()
        try pushed.write(.text("T3"), to: "tariff", by: Self.anna, at: HLCTimestamp(milliseconds: Self.now))
        let check = HistoryClaimCheck(pusher: Self.anna, nowMilliseconds: Self.now)
        try check.check(pushed, against: try Self.stored())
        #expect(try check.effect(of: pushed, on: try Self.stored()).changedFields == ["tariff"])
    }

    @Test("a write in the name of the MIS, the server or another tablet is a foreign write")
    func foreignWrites() throws {
        for replica: ReplicaID in [.mis, .server, "t-ben"] {
            var pushed = try Self.stored()
            try pushed.write(.text("T0"), to: "tariff", by: replica, at: HLCTimestamp(milliseconds: Self.now))
            let refused = refusal(pushed, against: try Self.stored())
            #expect(refused?.rule == .foreignWrite, "\(replica)")
            #expect(refused?.field == "tariff")
        }
    }

    @Test("a vector claiming more of the server or the MIS than the server saw is refused, so it cannot erase")
    func overclaimedVector() throws {
        let wiped = try WireCoding.decode(RecordState.self, from: Data(#"{"fields":{},"id":"cus-1","kind":"customer","vector":{"mis":999999,"server":999999}}"#.utf8))
        #expect(refusal(wiped, against: try Self.stored())?.rule == .vectorOverclaim)
    }

    @Test("a state that only covers the server's values, without writing its own, is an erase")
    func eraseByCover() throws {
        let stored = try Self.stored()
        var fields = try #require(try JSONSerialization.jsonObject(with: WireCoding.encode(stored)) as? [String: Any])
        fields["fields"] = [String: Any]()
        let erased = try WireCoding.decode(RecordState.self, from: JSONSerialization.data(withJSONObject: fields))
        let refused = refusal(erased, against: stored)
        #expect(refused?.rule == .fieldErased)
    }

    @Test("the server's dot with another value is a mismatch; the tablet's own dot with another value is a reused replica")
    func reusedDots() throws {
        let stored = try Self.stored()
        var json = String(decoding: try WireCoding.encode(stored), as: UTF8.self)
        json = json.replacingOccurrences(of: #""value":"T1""#, with: #""value":"T9""#)
        #expect(refusal(try WireCoding.decode(RecordState.self, from: Data(json.utf8)), against: stored)?.rule == .dotMismatch)

        var json2 = String(decoding: try WireCoding.encode(stored), as: UTF8.self)
        json2 = json2.replacingOccurrences(of: #""value":"0921 555 01""#, with: #""value":"0921 999 99""#)
        #expect(refusal(try WireCoding.decode(RecordState.self, from: Data(json2.utf8)), against: stored)?.rule == .replicaReused)
    }

    @Test("a write dated more than the bound ahead of the server's clock is refused; within the bound it is accepted")
    func clockAhead() throws {
        var ahead = try Self.stored()
        try ahead.write(.text("T2"), to: "tariff", by: Self.anna, at: HLCTimestamp(milliseconds: Self.now + 365 * 86_400_000))
        #expect(refusal(ahead, against: try Self.stored())?.rule == .clockAhead)
        var slightly = try Self.stored()
        try slightly.write(.text("T2"), to: "tariff", by: Self.anna, at: HLCTimestamp(milliseconds: Self.now + 3_600_000))
        #expect(refusal(slightly, against: try Self.stored()) == nil)
    }

    @Test("counters over 2^53 are refused; the largest times never trap the check")
    func hugeNumbers() throws {
        let huge = try WireCoding.decode(RecordState.self, from: Data("""
            {"fields":{"notes":[{"counter":18446744073709551615,"hlc":{"ms":18446744073709551615,"n":4294967295},"replica":"t-anna","value":"x"}]},
             "id":"cus-1","kind":"customer","vector":{"t-anna":18446744073709551615}}
            """.utf8))
        let refused = refusal(huge, against: try Self.stored())
        #expect(refused?.rule == .counterTooLarge || refused?.rule == .clockAhead)
        let check = HistoryClaimCheck(pusher: Self.anna, nowMilliseconds: UInt64.max, maximumAheadMilliseconds: UInt64.max)
        #expect(throws: ClaimViolation.self) { try check.check(huge, against: nil) }
    }

    @Test("a new record may hold only the pusher's own writes and needs its required fields")
    func newRecords() throws {
        var visit = RecordState(kind: .auditVisit, id: "vis-1")
        try visit.write(.text("wo-1"), to: "work_order", by: Self.anna, at: HLCTimestamp(milliseconds: Self.now))
        #expect(refusal(visit, against: nil)?.rule == .requiredMissing)
        var forged = RecordState(kind: .customer, id: "cus-9")
        try forged.write(.text("10000009"), to: "account", by: .mis, at: HLCTimestamp(milliseconds: Self.now))
        #expect(refusal(forged, against: nil)?.rule == .foreignWrite)
    }
}

/// Hybrid clocks and counters at their limits saturate instead of trapping.
@Suite("Clock and counter limits")
struct SaturationTests {
    @Test("a clock at the last logical tick moves to the next millisecond; at the very end it stays")
    func clockSaturates() {
        var clock = HybridLogicalClock(last: HLCTimestamp(milliseconds: 5, logical: UInt32.max))
        #expect(clock.now(physical: 0) == HLCTimestamp(milliseconds: 6, logical: 0))
        var end = HybridLogicalClock(last: HLCTimestamp(milliseconds: UInt64.max, logical: UInt32.max))
        #expect(end.now(physical: 0) == HLCTimestamp(milliseconds: UInt64.max, logical: UInt32.max))
        end.receive(HLCTimestamp(milliseconds: UInt64.max, logical: UInt32.max), physical: 0)
        #expect(end.last == HLCTimestamp(milliseconds: UInt64.max, logical: UInt32.max))
    }

    @Test("a record whose counter reached 2^53 refuses further writes instead of trapping")
    func counterRefuses() throws {
        let state = try WireCoding.decode(RecordState.self, from: Data("""
            {"fields":{},"id":"cus-1","kind":"customer","vector":{"t-anna":\(VersionVector.maximumCounter)}}
            """.utf8))
        var copy = state
        #expect(throws: ValidationError.self) { try copy.write(.text("x"), to: "notes", by: "t-anna", at: .zero) }
        #expect(copy == state)
    }
}
