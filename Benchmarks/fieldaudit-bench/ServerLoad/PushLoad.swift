import AuditTerminal
import Foundation
import Shared
import Transport

/// One enrolled tablet of the benchmark: its token and the customers of its own work order.
struct BenchTerminal: Sendable {
    let name: String
    let auditor: String
    let token: String
    let customers: [String]
    var replica: ReplicaID { ReplicaID(stringLiteral: "t-\(name)") }
}

/// One tablet pushing batches of edits of its own customers, as fast as the server acknowledges them.
struct PushLoad: Sendable {
    let terminal: BenchTerminal
    let client: SyncClient
    let batchSize: Int

    /// What one tablet achieved.
    struct Outcome: Sendable {
        var records = 0
        var batches = 0
        var conflicts = 0
        var failures: [String] = []
        var latencies = Latencies()
        var bodyBytes = 0
        var finished = ContinuousClock.now
    }

    /// Pulls the tablet's scope (pages of 2,000) and returns the customer states by id: the
    /// states each edit starts from, as a tablet's cache would hold them.
    func initialStates() async throws -> [String: RecordState] {
        var states: [String: RecordState] = [:]
        var cursor: Int64 = 0
        while true {
            let page = try await client.pull(after: cursor, limit: SyncLimits.page)
            for record in page.records where record.kind == .customer { states[record.id] = record }
            cursor = page.cursor
            if !page.more { break }
        }
        let missing = terminal.customers.filter { states[$0] == nil }
        guard missing.isEmpty else {
            throw BenchFailure("\(terminal.name) pulled \(states.count) customers; missing \(missing.prefix(3).joined(separator: ", "))")
        }
        return states
    }

    /// Edits `batchSize` customers per batch (cycling through the tablet's customers), one field
    /// each, and pushes, until `deadline` or `maxBatches`.
    func run(from initial: [String: RecordState], until deadline: ContinuousClock.Instant, maxBatches: Int?, runID: String) async -> Outcome {
        var states = initial
        var clock = HybridLogicalClock()
        var outcome = Outcome()
        let replica = terminal.replica
        let customers = terminal.customers
        var batch = 0
        while ContinuousClock.now < deadline, maxBatches.map({ batch < $0 }) ?? true {
            var records: [RecordState] = []
            records.reserveCapacity(batchSize)
            for offset in 0..<batchSize {
                let sequence = batch * batchSize + offset
                let id = customers[sequence % customers.count]
                guard var state = states[id] else { continue }
                let (field, value) = Self.edit(sequence, terminal: terminal.name)
                do { try state.write(value, to: field, by: replica, at: clock.now()) } catch {
                    outcome.failures.append("write \(field) of \(id): \(error)")
                    continue
                }
                states[id] = state
                records.append(state)
            }
            let request = PushRequest(batchID: "\(runID)-\(terminal.name)-\(batch)", records: records)
            if batch == 0 { outcome.bodyBytes = (try? WireCoding.encode(request).count) ?? 0 }
            let started = ContinuousClock.now
            do {
                let response = try await client.push(request)
                outcome.latencies.record(ContinuousClock.now - started)
                outcome.records += response.results.count
                outcome.conflicts += response.results.filter { $0.status == .conflict }.count
                outcome.batches += 1
            } catch {
                outcome.failures.append("batch \(batch): \(error)")
                if outcome.failures.count > 20 { break }
            }
            batch += 1
        }
        outcome.finished = ContinuousClock.now
        return outcome
    }

    /// The `sequence`-th edit: a field an auditor corrects on site, with a new value.
    static func edit(_ sequence: Int, terminal: String) -> (field: String, value: FieldValue) {
        switch sequence % 5 {
        case 0: return ("notes", .text("checked on site by \(terminal), round \(sequence)"))
        case 1: return ("phone", .text("+49 921 \(1_000_000 + sequence % 8_999_999)"))
        case 2: return ("transformer", .text("BT-TR-\(1000 + sequence % 400)"))
        case 3: return ("phases", .integer(Int64(1 + 2 * (sequence / 5 % 2))))
        default: return ("location", .location(GeoPoint(latitude: 49.9 + Double(sequence % 1000) / 10_000,
                                                            longitude: 11.5 + Double(sequence % 1500) / 10_000)))
        }
    }
}

/// The server's limits the benchmark works within.
enum SyncLimits {
    /// The largest page a pull may ask for (`SyncService.maximumPage`).
    static let page = 2_000
}
