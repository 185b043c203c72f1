import PropertyBased
import Shared
import Testing

/// The laws that make replicas converge and keep every concurrent edit, checked over 1,000 random
/// histories each. A failing case prints its seed; `.fixedSeed(…)` on the test replays it.
@Suite("Merge laws")
struct MergeLawTests {
    static let cases = 1_000

    /// Three states of one record from a random history of edits and syncs on five replicas.
    static func threeStates(seed: UInt64) -> (RecordState, RecordState, RecordState) {
        var simulation = Simulation(seed: seed)
        simulation.randomHistory(steps: 40)
        return (simulation.states[0], simulation.states[2], simulation.states[4])
    }

    @Test("merge is commutative")
    func commutative() async {
        await propertyCheck(count: Self.cases, input: Gen.uint64()) { seed in
            let (a, b, _) = Self.threeStates(seed: seed)
            let ab = try a.merged(with: b), ba = try b.merged(with: a)
            #expect(ab == ba)
        }
    }

    @Test("merge is associative")
    func associative() async {
        await propertyCheck(count: Self.cases, input: Gen.uint64()) { seed in
            let (a, b, c) = Self.threeStates(seed: seed)
            let left = try a.merged(with: b).merged(with: c)
            let right = try a.merged(with: b.merged(with: c))
            #expect(left == right)
        }
    }

    @Test("merge is idempotent")
    func idempotent() async {
        await propertyCheck(count: Self.cases, input: Gen.uint64()) { seed in
            let (a, b, _) = Self.threeStates(seed: seed)
            #expect(try a.merged(with: a) == a)
            let ab = try a.merged(with: b)
            #expect(try ab.merged(with: b) == ab)
            #expect(try ab.merged(with: a) == ab)
        }
    }

    @Test("five replicas with random edits and syncs converge to one state")
    func convergence() async {
        await propertyCheck(count: Self.cases, input: Gen.uint64()) { seed in
            var simulation = Simulation(seed: seed)
            simulation.randomHistory(steps: 60)
            simulation.syncUntilQuiet()
            let first = simulation.states[0]
            for state in simulation.states.dropFirst() { #expect(state == first) }
        }
    }

    @Test("every write not causally overwritten is the shown value or a visible conflict entry")
    func noSilentLoss() async {
        await propertyCheck(count: Self.cases, input: Gen.uint64()) { seed in
            var simulation = Simulation(seed: seed)
            simulation.randomHistory(steps: 60)
            if Bool.random(using: &simulation.rng) { simulation.syncUntilQuiet() }
            for replica in 0..<simulation.replicaCount {
                for field in Simulation.fields {
                    let register = try simulation.states[replica].register(field)
                    let held = Set(register.entries.map(\.dot))
                    #expect(held == simulation.expectedEntries(of: field, at: replica), "replica \(replica), field \(field)")
                    for entry in register.entries {
                        #expect(entry.value == simulation.log[entry.dot]?.value)
                    }
                }
            }
        }
    }

    @Test("a resolution spreads and clears the conflict on every replica, while other fields keep changing")
    func resolutionSpreads() async {
        await propertyCheck(count: Self.cases, input: Gen.uint64()) { seed in
            var simulation = Simulation(seed: seed)
            simulation.randomHistory(steps: 60)
            simulation.syncUntilQuiet()
            let resolver = Int.random(in: 0..<simulation.replicaCount, using: &simulation.rng)
            var chosen: [String: FieldValue] = [:]
            for conflict in simulation.states[resolver].conflicts {
                let pick = conflict.entries.randomElement(using: &simulation.rng)!.value
                simulation.write(pick, to: conflict.field, at: resolver)
                chosen[conflict.field] = pick
            }
            // Others go on editing the fields that were not in conflict, and syncing at random.
            let untouched = Simulation.fields.filter { chosen[$0] == nil }
            for _ in 0..<20 where !untouched.isEmpty {
                let replica = Int.random(in: 0..<simulation.replicaCount, using: &simulation.rng)
                let field = untouched.randomElement(using: &simulation.rng)!
                simulation.write(simulation.randomValue(for: field), to: field, at: replica)
                simulation.sync(from: Int.random(in: 0..<simulation.replicaCount, using: &simulation.rng), to: replica)
            }
            simulation.syncUntilQuiet()
            for state in simulation.states {
                for (field, value) in chosen {
                    let register = try state.register(field)
                    #expect(!register.isConflicted, "\(field) still in conflict")
                    #expect(state.value(of: field) == value)
                }
            }
        }
    }
}
