import Shared
import Testing

/// The cases people hit in the field, written out.
@Suite("Merge examples")
struct MergeExampleTests {
    static let auditorA: ReplicaID = "t-anna"
    static let auditorB: ReplicaID = "t-ben"

    static func imported() throws -> RecordState {
        var customer = Customer(id: try TypedID("cus-100"), account: "10002000", name: "Li Wei")
        customer.tariff = "T1"
        customer.phone = "+49 921 555 100"
        customer.capacityKVA = 10
        return try customer.newState(by: .server, at: HLCTimestamp(milliseconds: 1_000))
    }

    @Test("two auditors change different fields: both kept, no conflict")
    func differentFields() throws {
        let base = try Self.imported()
        var anna = base, ben = base
        try anna.write(.text("0921 555 200"), to: "phone", by: Self.auditorA, at: HLCTimestamp(milliseconds: 2_000))
        try ben.write(.text("Bahnhofstraße 9"), to: "address", by: Self.auditorB, at: HLCTimestamp(milliseconds: 2_001))

        let merged = try anna.merged(with: ben)
        #expect(merged.conflicts.isEmpty)
        #expect(merged.text("phone") == "0921 555 200")
        #expect(merged.text("address") == "Bahnhofstraße 9")
        #expect(merged.text("tariff") == "T1")
        #expect(merged.vector.compare(anna.vector) == .after)
        #expect(anna.vector.compare(ben.vector) == .concurrent)
    }

    @Test("two auditors change the same field: a conflict with both entries; the later one is shown")
    func sameField() throws {
        let base = try Self.imported()
        var anna = base, ben = base
        try anna.write(.text("+49 921 555 111"), to: "phone", by: Self.auditorA, at: HLCTimestamp(milliseconds: 2_000))
        try ben.write(.text("+49 921 555 222"), to: "phone", by: Self.auditorB, at: HLCTimestamp(milliseconds: 2_500))

        let merged = try anna.merged(with: ben)
        let conflict = try #require(merged.conflicts.first)
        #expect(merged.conflicts.count == 1)
        #expect(conflict.field == "phone")
        #expect(Set(conflict.entries.map(\.value)) == [.text("+49 921 555 111"), .text("+49 921 555 222")])
        #expect(Set(conflict.entries.map(\.dot.replica)) == [Self.auditorA, Self.auditorB])
        #expect(merged.text("phone") == "+49 921 555 222", "no authority for phones: the later write is shown")
    }

    @Test("the auditor's on-site reading is shown over a later office edit of a physical fact")
    func onSiteAuthority() throws {
        var device = Device(id: try TypedID("dev-7"), serial: "A-100", kind: .meter)
        device.seal = "S-1"
        let base = try device.newState(by: .mis, at: HLCTimestamp(milliseconds: 1))
        var field = base, office = base
        try field.write(.text("S-2"), to: "seal", by: Self.auditorA, at: HLCTimestamp(milliseconds: 10))
        try office.write(.text("S-3"), to: "seal", by: .server, at: HLCTimestamp(milliseconds: 20))
        let merged = try office.merged(with: field)
        #expect(merged.text("seal") == "S-2")
        #expect(merged.conflicts.map(\.field) == ["seal"])
    }

    @Test("MIS changes the tariff while an auditor changes the address: both land, no conflict")
    func misAndAuditor() throws {
        let base = try Self.imported()
        var mis = base, anna = base
        try mis.write(.text("T2"), to: "tariff", by: .mis, at: HLCTimestamp(milliseconds: 5_000))
        try anna.write(.location(GeoPoint(latitude: 49.95, longitude: 11.57)), to: "location", by: Self.auditorA, at: HLCTimestamp(milliseconds: 4_000))

        let merged = try mis.merged(with: anna)
        #expect(merged.conflicts.isEmpty)
        #expect(merged.text("tariff") == "T2")
        #expect(merged.location("location") == GeoPoint(latitude: 49.95, longitude: 11.57))
    }

    @Test("MIS and auditor both change the tariff: conflict, the MIS value is shown even when older")
    func misOwnsTariff() throws {
        let base = try Self.imported()
        var mis = base, anna = base
        try mis.write(.text("T2"), to: "tariff", by: .mis, at: HLCTimestamp(milliseconds: 5_000))
        try anna.write(.text("T9"), to: "tariff", by: Self.auditorA, at: HLCTimestamp(milliseconds: 9_000))
        let merged = try anna.merged(with: mis)
        #expect(merged.text("tariff") == "T2")
        #expect(merged.conflicts.first?.entries.count == 2)
    }

    @Test("a resolution made on one replica while another still edits: the new edit stays a conflict")
    func resolutionWhileEditing() throws {
        let base = try Self.imported()
        var anna = base, ben = base, office = base
        try anna.write(.text("T5"), to: "tariff", by: Self.auditorA, at: HLCTimestamp(milliseconds: 2_000))
        try ben.write(.text("T6"), to: "tariff", by: Self.auditorB, at: HLCTimestamp(milliseconds: 2_100))
        try office.merge(anna)
        try office.merge(ben)
        #expect(office.conflicts.count == 1)

        // The dispatcher resolves to T5; meanwhile Anna, offline, changes her mind to T7.
        try office.resolve("tariff", to: .text("T5"), by: .server, at: HLCTimestamp(milliseconds: 3_000))
        #expect(office.conflicts.isEmpty)
        try anna.write(.text("T7"), to: "tariff", by: Self.auditorA, at: HLCTimestamp(milliseconds: 3_100))

        try ben.merge(office)
        #expect(ben.conflicts.isEmpty, "Ben's entry was covered by the resolution")
        #expect(ben.text("tariff") == "T5")

        let everyone = try office.merged(with: anna).merged(with: ben)
        let conflict = try #require(everyone.conflicts.first)
        #expect(Set(conflict.entries.map(\.value)) == [.text("T5"), .text("T7")], "Anna's new edit was not seen by the resolver")
    }

    @Test("editing one field through the typed view leaves another field's conflict open")
    func typedEditKeepsConflicts() throws {
        let base = try Self.imported()
        var anna = base, ben = base
        try anna.write(.text("T5"), to: "tariff", by: Self.auditorA, at: HLCTimestamp(milliseconds: 2_000))
        try ben.write(.text("T6"), to: "tariff", by: Self.auditorB, at: HLCTimestamp(milliseconds: 2_100))
        var state = try anna.merged(with: ben)

        var customer = Customer(state)
        customer.notes = "dog in yard"
        let written = try customer.write(into: &state, by: Self.auditorA, at: HLCTimestamp(milliseconds: 2_200))
        #expect(written == ["notes"])
        #expect(state.conflicts.map(\.field) == ["tariff"])
    }

    @Test("a typed edit with one bad field writes nothing")
    func typedEditAllOrNothing() throws {
        var state = try Self.imported()
        let before = state
        var customer = Customer(state)
        customer.name = "Li Wei Jr."
        customer.phone = "call me"
        #expect(throws: ValidationError.self) {
            try customer.write(into: &state, by: Self.auditorA, at: HLCTimestamp(milliseconds: 3))
        }
        #expect(state == before)
    }

    @Test("states of different records refuse to merge")
    func differentRecords() throws {
        let a = RecordState(kind: .customer, id: "cus-1")
        let b = RecordState(kind: .device, id: "cus-1")
        #expect(throws: MergeError.differentRecords(a.key, b.key)) { try a.merged(with: b) }
    }

    @Test("version vectors compare equal, before, after and concurrent")
    func vectorOrder() {
        let a = VersionVector(["mis": 2, "t-a": 1])
        #expect(a.compare(a) == .equal)
        #expect(a.compare(VersionVector(["mis": 3, "t-a": 1])) == .before)
        #expect(VersionVector(["mis": 2, "t-a": 1, "server": 1]).compare(a) == .after)
        #expect(a.compare(VersionVector(["mis": 1, "t-b": 1])) == .concurrent)
        #expect(a.union(VersionVector(["mis": 1, "t-b": 4])) == VersionVector(["mis": 2, "t-a": 1, "t-b": 4]))
        #expect(a.covers(Dot(replica: "mis", counter: 2)))
        #expect(!a.covers(Dot(replica: "mis", counter: 3)))
        #expect(!a.covers(Dot(replica: "server", counter: 1)))
    }

    @Test("the hybrid clock never goes backwards and moves past what it receives")
    func hybridClock() {
        var clock = HybridLogicalClock()
        let first = clock.now(physical: 1_000)
        let second = clock.now(physical: 900)
        #expect(second > first, "a wall clock stepping back does not move readings back")
        clock.receive(HLCTimestamp(milliseconds: 5_000, logical: 3), physical: 1_100)
        let third = clock.now(physical: 1_200)
        #expect(third > HLCTimestamp(milliseconds: 5_000, logical: 3))
        #expect(clock.now(physical: 6_000) == HLCTimestamp(milliseconds: 6_000))
    }

    @Test("ids minted on different replicas do not collide")
    func mintedIDs() {
        let ids = (0..<10_000).map { _ in TypedID<Device>.mint().rawValue }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("dev-") && RecordIdentifier.isValid($0) })
    }
}
