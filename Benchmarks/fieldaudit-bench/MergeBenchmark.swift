import ArgumentParser
import Foundation
import Shared

/// Record merges per second: 15-field customers, 5-replica vectors, about 10% of fields in conflict.
struct MergeBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Record merges per second on one core (goal: at least 500,000/s).",
        discussion: """
            Builds distinct pairs of states of a 15-field customer record that five replicas (server, \
            mis and three terminals) have all written, then lets two terminals edit concurrently so \
            that about 10% of fields end up in conflict. Times `RecordState.merge` over the pairs.
            """
    )

    @Option(help: "How many distinct record pairs to cycle through.")
    var pairs = 2_000

    @Option(help: "Seconds to measure for.")
    var seconds = 3.0

    func run() throws {
        let workload = try (0..<pairs).map { try Self.pair(seed: $0) }
        let conflicted = try workload.map { try $0.0.merged(with: $0.1).conflicts.count }.reduce(0, +)
        let fields = RecordSchema.customer.fields.count

        var merges = 0
        var checksum = 0
        let clock = ContinuousClock()
        let start = clock.now
        let budget = Duration.milliseconds(Int(seconds * 1000))
        while clock.now - start < budget {
            for (left, right) in workload {
                var state = left
                try state.merge(right)
                checksum &+= state.registers.count
            }
            merges += workload.count
        }
        let elapsed = clock.now - start
        let secondsTaken = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = Double(merges) / secondsTaken
        print("record: customer, \(fields) fields; vectors of 5 replicas; \(String(format: "%.1f", 100 * Double(conflicted) / Double(pairs * fields)))% of fields in conflict after merge")
        print("merges: \(merges) in \(String(format: "%.2f", secondsTaken)) s on one core")
        print("merges/s: \(Int(rate))")
        print("ns/merge: \(String(format: "%.0f", 1e9 / rate))")
        if checksum == 42 { print("") }
    }

    /// Two concurrent states of one customer: every replica has written it, then two terminals
    /// edited it concurrently: 1 or 2 fields on both sides (conflicts), three others on one side only.
    static func pair(seed: Int) throws -> (RecordState, RecordState) {
        var customer = Customer(id: try TypedID("cus-\(seed)"), account: String(10_000_000 + seed), name: "Customer \(seed)")
        customer.address = "Street \(seed)"; customer.phone = "0921 555 \(1000 + seed % 9000)"
        customer.email = "c\(seed)@example.com"; customer.category = .residential; customer.tariff = "T1"
        customer.feeder = "F-\(seed % 40)"; customer.transformer = "TR-\(seed % 300)"; customer.capacityKVA = 10
        customer.phases = 1; customer.location = GeoPoint(latitude: 49.9, longitude: 11.5)
        customer.accountStatus = .active; customer.notes = "imported"
        var stamp = UInt64(1_000)
        func next() -> HLCTimestamp { stamp += 1; return HLCTimestamp(milliseconds: stamp) }
        var base = try customer.newState(by: .server, at: next())
        try base.write(.text("T2"), to: "tariff", by: .mis, at: next())
        for terminal in ["t-a", "t-b", "t-c"] {
            try base.write(.text("seen by \(terminal)"), to: "notes", by: ReplicaID(validating: terminal), at: next())
        }
        // 1 or 2 of the 15 fields (10% on average) edited on both sides: conflicts.
        let textFields = ["name", "address", "tariff", "feeder", "transformer", "notes"]
        var left = base, right = base
        for offset in 0..<(1 + seed % 2) {
            let field = textFields[(seed + offset) % textFields.count]
            try left.write(.text("left"), to: field, by: "t-a", at: next())
            try right.write(.text("right"), to: field, by: "t-b", at: next())
        }
        try left.write(.decimal(Double(seed % 50)), to: "capacity_kva", by: "t-a", at: next())
        try right.write(.integer(3), to: "phases", by: "t-b", at: next())
        try right.write(.location(GeoPoint(latitude: 49.91, longitude: 11.51)), to: "location", by: "t-b", at: next())
        return (left, right)
    }
}
