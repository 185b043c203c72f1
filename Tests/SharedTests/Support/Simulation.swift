import Shared

/// Replicas that all hold one customer record, edit it at random and sync it pairwise, while a log
/// keeps every write with the context its writer had: the ground truth the merge laws are checked against.
struct Simulation {
    /// One write as it happened.
    struct Write {
        var field: String
        var value: FieldValue
        /// What the writer had seen when it wrote (its vector just before the write).
        var context: VersionVector
    }

    static let replicaIDs: [ReplicaID] = ["server", "mis", "t-a", "t-b", "t-c"]
    /// A few fields of different kinds and authorities, so that conflicts are frequent.
    static let fields = ["tariff", "phone", "capacity_kva", "location", "address", "notes"]

    var rng: SplitMix64
    var states: [RecordState]
    var clocks: [HybridLogicalClock]
    var log: [Dot: Write] = [:]
    /// The id each replica writes under (a restored server moves to a new one).
    var writerIDs = Simulation.replicaIDs
    var wallClock: UInt64 = 1_700_000_000_000

    init(seed: UInt64, replicas: Int = 5) {
        rng = SplitMix64(seed: seed)
        states = Array(repeating: RecordState(kind: .customer, id: "cus-1"), count: replicas)
        clocks = Array(repeating: HybridLogicalClock(), count: replicas)
    }

    var replicaCount: Int { states.count }

    mutating func randomValue(for field: String) -> FieldValue {
        let pick = Int.random(in: 0..<4, using: &rng)
        switch field {
        case "tariff": return .text(["T1", "T2", "T3", "B1"][pick])
        case "phone": return pick == 3 ? .null : .text(["+49 921 555 01", "0921-555-02", "555 0303"][pick])
        case "capacity_kva": return .decimal([3.5, 10, 15.75, 0][pick])
        case "location": return .location(GeoPoint(latitude: 49.9 + Double(pick) / 1000, longitude: 11.5))
        case "address": return .text(["Hauptstraße 1", "北京市朝阳区 1号", "Maxstraße 7", "Opernstraße 3"][pick])
        default: return .text("note \(pick)")
        }
    }

    /// Replica `replica` writes a random value to a random field.
    mutating func randomWrite(at replica: Int) {
        let field = Self.fields.randomElement(using: &rng)!
        let value = randomValue(for: field)
        write(value, to: field, at: replica)
    }

    mutating func write(_ value: FieldValue, to field: String, at replica: Int) {
        wallClock += UInt64.random(in: 0...3, using: &rng)
        // Tablet clocks drift: each replica reads the wall clock with its own skew.
        let skewed = wallClock &+ UInt64(replica) * 7 &- 10
        let stamp = clocks[replica].now(physical: skewed)
        let context = states[replica].vector
        let dot = try! states[replica].write(value, to: field, by: writerIDs[replica], at: stamp)
        log[dot] = Write(field: field, value: value, context: context)
    }

    /// Replica `target` takes in the state of replica `source`.
    mutating func sync(from source: Int, to target: Int) {
        try! states[target].merge(states[source])
    }

    /// A random mix of edits and one-way syncs.
    mutating func randomHistory(steps: Int) {
        for _ in 0..<steps {
            let replica = Int.random(in: 0..<replicaCount, using: &rng)
            if Bool.random(using: &rng) {
                randomWrite(at: replica)
            } else {
                var other = Int.random(in: 0..<replicaCount, using: &rng)
                if other == replica { other = (other + 1) % replicaCount }
                sync(from: other, to: replica)
            }
        }
    }

    /// Random pairwise two-way syncs until a full round changes nothing.
    mutating func syncUntilQuiet() {
        while true {
            let before = states
            var pairs: [(Int, Int)] = []
            for a in 0..<replicaCount { for b in 0..<replicaCount where a != b { pairs.append((a, b)) } }
            pairs.shuffle(using: &rng)
            for (a, b) in pairs { sync(from: a, to: b) }
            if states == before { return }
        }
    }

    /// The writes replica `replica` must still show for `field`: every write it has seen that no
    /// other write it has seen was made on top of.
    func expectedEntries(of field: String, at replica: Int) -> Set<Dot> {
        let seen = states[replica].vector
        let writes = log.filter { $0.value.field == field && seen.covers($0.key) }
        return Set(writes.keys.filter { dot in
            !writes.contains { other in other.key != dot && other.value.context.covers(dot) }
        })
    }
}
