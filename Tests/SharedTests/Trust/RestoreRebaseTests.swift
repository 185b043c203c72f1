import Foundation
import Shared
import Testing

/// ``RecordState/rebased(onto:own:)`` and ``ReplicaID/server(epoch:)``: the server goes back
/// to a backup while tablets, the MIS and the office keep working; each replica rebases onto the
/// restored server before its next sync (as a tablet does when the store epoch changes).
@Suite("Rebasing onto a restored server")
struct RestoreRebaseTests {
    static let server = HonestSyncSimulation.server
    static let others = [HonestSyncSimulation.mis] + HonestSyncSimulation.tablets
    static let trials = ProcessInfo.processInfo.environment["FIELDAUDIT_SOAK"] == nil ? 300 : 3000

    @Test("after a restore no honest push is refused, all replicas converge, and every write lost is one some later write had replaced")
    func restoreMidHistory() throws {
        for seed in 1...UInt64(Self.trials) {
            var world = HonestSyncSimulation(seed: seed)
            for _ in 0..<40 { world.randomStep() }
            let backup = world.simulation.states[Self.server]
            for _ in 0..<40 { world.randomStep() }
            // Every replica's own writes it still shows at the restore.
            var live: [(replica: Int, field: String, entry: RegisterEntry)] = []
            for replica in Self.others {
                let id = Simulation.replicaIDs[replica]
                for field in Simulation.fields {
                    for entry in try world.simulation.states[replica].register(field).entries where entry.dot.replica == id {
                        live.append((replica, field, entry))
                    }
                }
            }
            world.simulation.states[Self.server] = backup
            world.simulation.writerIDs[Self.server] = .server(epoch: 2)
            var stale = Set(Self.others)
            func rebaseIfStale(_ replica: Int) {
                guard stale.remove(replica) != nil else { return }
                world.simulation.states[replica] = world.simulation.states[replica]
                    .rebased(onto: world.simulation.states[Self.server], own: Simulation.replicaIDs[replica])
            }
            for _ in 0..<40 {
                let actor = ([Self.server] + Self.others).randomElement(using: &world.simulation.rng)!
                switch Int.random(in: 0..<3, using: &world.simulation.rng) {
                case 0: world.simulation.randomWrite(at: actor)
                case 1 where actor != Self.server: rebaseIfStale(actor); world.push(from: actor)
                default: if actor != Self.server { rebaseIfStale(actor); world.simulation.sync(from: Self.server, to: actor) }
                }
            }
            Self.others.forEach(rebaseIfStale)
            world.syncUntilQuiet()

            #expect(world.refusals.isEmpty, "seed \(seed): honest pushes refused after the restore: \(world.refusals)")
            let states = world.simulation.states
            #expect(states.allSatisfy { $0 == states[0] }, "seed \(seed): replicas converge")
            for (replica, field, entry) in live {
                let kept = try states[0].register(field).entries.contains(entry)
                let replaced = world.simulation.log.contains { $0.value.field == field && $0.key != entry.dot && $0.value.context.covers(entry.dot) }
                #expect(kept || replaced, "seed \(seed): \(Simulation.replicaIDs[replica])'s \(field) write \(entry.dot) vanished without a write on top of it")
            }
        }
    }

    @Test("a tablet's write the server forgot is kept; the office's forgotten write goes and the field shows the server's value again")
    func example() throws {
        let stamp = { (ms: UInt64) in HLCTimestamp(milliseconds: ms) }
        var backup = RecordState(kind: .customer, id: "cus-1")
        try backup.write(.text("0921 1"), to: "phone", by: "t-a", at: stamp(1))
        try backup.write(.text("T1"), to: "tariff", by: "server", at: stamp(2))
        var tablet = backup
        try tablet.write(.text("Hauptstraße 2"), to: "address", by: "t-a", at: stamp(3))   // pushed, then forgotten
        var office = tablet
        try office.write(.text("0921 9"), to: "phone", by: "server", at: stamp(4))          // over the tablet's phone, forgotten
        try tablet.merge(office)
        #expect(tablet.value(of: "phone") == .text("0921 9"))

        let restored = backup
        let rebased = tablet.rebased(onto: restored, own: "t-a")
        #expect(rebased.value(of: "address") == .text("Hauptstraße 2"))
        #expect(rebased.value(of: "phone") == .text("0921 1"), "the field shows the server's value, not nothing")
        #expect(rebased.value(of: "tariff") == .text("T1"))
        let check = HistoryClaimCheck(pusher: "t-a", nowMilliseconds: 10)
        try check.check(rebased, against: restored)
        let effect = try check.effect(of: rebased, on: restored)
        #expect(effect.changedFields == ["address"])
        // The restored office writes as server.2: its next write never takes the forgotten server:2.
        var next = restored
        let dot = try next.write(.text("T2"), to: "tariff", by: .server(epoch: 2), at: stamp(20))
        #expect(dot == Dot(replica: "server.2", counter: 1))
        #expect(ReplicaID.mis(epoch: 3).role == .systemOfRecord && ReplicaID.server(epoch: 2).role == .office)
    }
}

