import Shared

/// The server, the MIS and three tablets holding one customer, syncing the way the real system
/// does: tablets push to and pull from the server only, the MIS merges through the server, the
/// office writes on the server's own state. Every push is first checked the way the server checks it.
struct HonestSyncSimulation {
    static let server = 0, mis = 1
    static let tablets = [2, 3, 4]

    var simulation: Simulation
    /// Pushes the check refused: an honest history must have none.
    var refusals: [ClaimViolation] = []

    init(seed: UInt64) { simulation = Simulation(seed: seed) }

    func check(for replica: Int) -> HistoryClaimCheck {
        // The server's clock reads the shared wall clock; tablets drift a few milliseconds either way.
        HistoryClaimCheck(pusher: Simulation.replicaIDs[replica], nowMilliseconds: simulation.wallClock)
    }

    /// A tablet (or the MIS) sends its state to the server, which checks the claim before merging it.
    mutating func push(from replica: Int) {
        let pushed = simulation.states[replica], stored = simulation.states[Self.server]
        do {
            try check(for: replica).check(pushed, against: stored)
            _ = try check(for: replica).effect(of: pushed, on: stored)
            simulation.sync(from: replica, to: Self.server)
        } catch {
            refusals.append(error)
        }
    }

    /// One random step: a write somewhere, a push, or a pull.
    mutating func randomStep() {
        let replica = [Self.server, Self.mis] + Self.tablets
        let actor = replica.randomElement(using: &simulation.rng)!
        switch Int.random(in: 0..<3, using: &simulation.rng) {
        case 0: simulation.randomWrite(at: actor)
        case 1 where actor != Self.server: push(from: actor)
        default: if actor != Self.server { simulation.sync(from: Self.server, to: actor) }
        }
    }

    /// Every replica pushes and pulls, in random order, until a whole round changes nothing.
    mutating func syncUntilQuiet() {
        var others = [Self.mis] + Self.tablets
        while true {
            let before = simulation.states
            others.shuffle(using: &simulation.rng)
            for replica in others { push(from: replica) }
            others.shuffle(using: &simulation.rng)
            for replica in others { simulation.sync(from: Self.server, to: replica) }
            if simulation.states == before { return }
        }
    }
}
