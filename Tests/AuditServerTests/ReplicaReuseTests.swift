import AuditServer
import PropertyBased
import Shared
import Testing

/// One record on the server, an honest tablet `t-a`, a second tablet `t-b` and the office, with
/// the server's bookkeeping of `t-a`'s high stamp: enough to play pushes and pulls in any order.
struct ReuseWorld {
    static let fields = ["notes", "address", "name"]
    static let a: ReplicaID = "t-a", b: ReplicaID = "t-b"

    var rng: SplitMix64
    var server = RecordState(kind: .customer, id: "cus-1")
    var tablets: [ReplicaID: RecordState] = [:]
    var clocks: [ReplicaID: HybridLogicalClock] = [:]
    var highStamps: [ReplicaID: HLCTimestamp] = [:]
    var wallClock: UInt64 = 1_700_000_000_000

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
        for replica in [Self.a, Self.b, .server] {
            tablets[replica] = RecordState(kind: .customer, id: "cus-1")
            clocks[replica] = HybridLogicalClock()
        }
    }

    mutating func tick() -> UInt64 {
        wallClock += UInt64.random(in: 1...5, using: &rng)
        return wallClock
    }

    /// `replica` writes a random value to a random field of its copy (the office writes on the server's).
    mutating func write(by replica: ReplicaID) {
        let field = Self.fields.randomElement(using: &rng)!
        let value = FieldValue.text("\(replica.rawValue) \(Int.random(in: 0..<1000, using: &rng))")
        var clock = clocks[replica]!
        let physical = tick()
        if replica == .server { clock.receive(server.newestStamp, physical: physical) }
        let stamp = clock.now(physical: physical)
        clocks[replica] = clock
        if replica == .server {
            try! server.write(value, to: field, by: .server, at: stamp)
        } else {
            try! tablets[replica]!.write(value, to: field, by: replica, at: stamp)
        }
    }

    /// The server's verdict on a push of `state` by `replica`; merges it when accepted.
    @discardableResult
    mutating func push(_ state: RecordState, by replica: ReplicaID) -> Bool {
        if ReplicaReuse.reusesDots(pushed: state, stored: server, replica: replica, highStamp: highStamps[replica]) { return false }
        try! server.merge(state)
        if let newest = ReplicaReuse.newestOwnStamp(in: [state], of: replica) {
            highStamps[replica] = max(highStamps[replica] ?? .zero, newest)
        }
        return true
    }

    mutating func pull(to replica: ReplicaID) {
        try! tablets[replica]!.merge(server)
        var clock = clocks[replica]!
        let physical = tick()
        clock.receive(server.newestStamp, physical: physical)
        clocks[replica] = clock
    }

    /// One random honest step; `false` when an honest push was refused.
    mutating func randomStep() -> Bool {
        let replica = [Self.a, Self.b, .server].randomElement(using: &rng)!
        switch (replica, Int.random(in: 0..<3, using: &rng)) {
        case (.server, _): write(by: .server)
        case (_, 0): write(by: replica)
        case (_, 1): return push(tablets[replica]!, by: replica)
        default: pull(to: replica)
        }
        return true
    }
}

@Suite("Replica reuse detection")
struct ReplicaReuseTests {
    static let cases = 1_000

    @Test("never fires for honest histories: tablets and the office edit, push and pull in random orders")
    func honest() async {
        await propertyCheck(count: Self.cases, input: Gen.uint64()) { seed in
            var world = ReuseWorld(seed: seed)
            for step in 0..<60 {
                let accepted = world.randomStep()
                #expect(accepted, "honest push refused at step \(step), seed \(seed)")
                if !accepted { return }
            }
        }
    }

    @Test("fires for a tablet restored from a copy taken before its last push, and the re-stamped state then merges without loss")
    func restored() async {
        await propertyCheck(count: Self.cases, input: Gen.uint64()) { seed in
            var world = ReuseWorld(seed: seed)
            for _ in 0..<Int.random(in: 0..<30, using: &world.rng) { _ = world.randomStep() }
            // The copy of the tablet's data, its clock included.
            let copy = world.tablets[ReuseWorld.a]!, copyClock = world.clocks[ReuseWorld.a]!
            // After the copy: at least one write of t-a reaches the server, maybe more happens.
            world.write(by: ReuseWorld.a)
            let pushed = world.push(world.tablets[ReuseWorld.a]!, by: ReuseWorld.a)
            #expect(pushed)
            for _ in 0..<Int.random(in: 0..<10, using: &world.rng) { _ = world.randomStep() }
            let lost = world.server
            // Restored, the tablet edits before it syncs again: its write takes a counter the
            // server has seen.
            world.tablets[ReuseWorld.a] = copy
            world.clocks[ReuseWorld.a] = copyClock
            world.write(by: ReuseWorld.a)
            let restored = world.tablets[ReuseWorld.a]!
            #expect(ReplicaReuse.reusesDots(pushed: restored, stored: lost, replica: ReuseWorld.a, highStamp: world.highStamps[ReuseWorld.a]))

            // Under a new id, the writes made after the restore merge beside the server's.
            let fresh: ReplicaID = "t-a.2"
            let restamped = restored.restamped(from: ReuseWorld.a, to: fresh, newerThan: world.highStamps[ReuseWorld.a])
            #expect(!ReplicaReuse.reusesDots(pushed: restamped, stored: lost, replica: fresh, highStamp: nil))
            let merged = try lost.merged(with: restamped)
            let newest = copyClock.last
            for field in ReuseWorld.fields {
                let after = try restored.register(field).entries.filter { $0.dot.replica == ReuseWorld.a && $0.stamp > newest }
                let kept = try merged.register(field).entries
                for entry in after {
                    #expect(kept.contains { $0.value == entry.value && $0.stamp == entry.stamp }, "post-restore write lost in \(field), seed \(seed)")
                }
                // Everything the server held that the copy had never seen survives.
                for entry in try lost.register(field).entries where !copy.vector.covers(entry.dot) {
                    #expect(kept.contains(entry), "server write \(entry.dot) wiped in \(field), seed \(seed)")
                }
            }
        }
    }

    @Test("a dot the server holds for another field or value is reuse; the same entry again is not")
    func sameDotOtherWrite() throws {
        var stored = RecordState(kind: .customer, id: "cus-1")
        try stored.write(.text("a"), to: "name", by: "t-a", at: HLCTimestamp(milliseconds: 10))
        var other = RecordState(kind: .customer, id: "cus-1")
        try other.write(.text("b"), to: "notes", by: "t-a", at: HLCTimestamp(milliseconds: 20))
        #expect(ReplicaReuse.reusesDots(pushed: other, stored: stored, replica: "t-a", highStamp: HLCTimestamp(milliseconds: 10)))
        #expect(!ReplicaReuse.reusesDots(pushed: stored, stored: stored, replica: "t-a", highStamp: HLCTimestamp(milliseconds: 10)))
        #expect(!ReplicaReuse.reusesDots(pushed: other, stored: nil, replica: "t-a", highStamp: nil))
        // Another replica's dots are not this check's business.
        #expect(!ReplicaReuse.reusesDots(pushed: other, stored: stored, replica: "t-b", highStamp: nil))
    }

    @Test("a push that claims the server's write of its own replica, holding neither it nor a later own write of that field, is reuse")
    func claimsUnheldWrite() throws {
        // The server holds t-a:1 = name "lost" from the tablet's lost history.
        var stored = RecordState(kind: .customer, id: "cus-1")
        try stored.write(.text("lost"), to: "name", by: "t-a", at: HLCTimestamp(milliseconds: 10))
        // Restored, the tablet wrote notes twice: t-a:1, then t-a:2 over it. Only t-a:2 is left,
        // above the server's counter, yet the state claims t-a:1 and would wipe the name.
        var restored = RecordState(kind: .customer, id: "cus-1")
        try restored.write(.text("first"), to: "notes", by: "t-a", at: HLCTimestamp(milliseconds: 30))
        try restored.write(.text("second"), to: "notes", by: "t-a", at: HLCTimestamp(milliseconds: 31))
        #expect(ReplicaReuse.reusesDots(pushed: restored, stored: stored, replica: "t-a", highStamp: HLCTimestamp(milliseconds: 10)))
        // The honest tablet that wrote the name and then notes still holds the name.
        var honest = stored
        try honest.write(.text("second"), to: "notes", by: "t-a", at: HLCTimestamp(milliseconds: 31))
        #expect(!ReplicaReuse.reusesDots(pushed: honest, stored: stored, replica: "t-a", highStamp: HLCTimestamp(milliseconds: 10)))
        // Nor is overwriting its own earlier value reuse.
        var overwrote = stored
        try overwrote.write(.text("corrected"), to: "name", by: "t-a", at: HLCTimestamp(milliseconds: 32))
        #expect(!ReplicaReuse.reusesDots(pushed: overwrote, stored: stored, replica: "t-a", highStamp: HLCTimestamp(milliseconds: 10)))
    }
}
