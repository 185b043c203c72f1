import AuditTerminal
import Foundation
import Shared
import Transport

/// Tablets pushing edits of their own customers at once, spread round-robin over one or more
/// server nodes: merged records/s, push latency, and who used the CPU meanwhile.
struct PushPhase: Sendable {
    let terminals: [BenchTerminal]
    /// The nodes, all on one store; terminal `i` talks to node `i % nodes.count`.
    let nodes: [ServerChild]
    let http: HTTPClient
    let batchSize: Int
    /// How long the pushes go on, unless `batches` ends each terminal earlier.
    let seconds: Double
    /// Batches per terminal instead of `seconds`.
    var batches: Int?

    /// What the phase achieved.
    struct Figures: Sendable {
        var records = 0, batches = 0, conflicts = 0
        var elapsed: Duration = .zero
        var latencies = Latencies()
        var failures: [String] = []
        var bodyBytes = 0
        /// CPU seconds of all nodes together, and of this process.
        var serverCPU = 0.0, benchCPU = 0.0
        /// CPU seconds every other process on the machine used meanwhile (the database server included).
        var otherCPU = 0.0
        var serverMerges: Int?
        var rate: Double { elapsed > .zero ? Double(records) / elapsed.seconds : 0 }
        var line: String {
            "\(Format.grouped(records)) records in \(Format.grouped(batches)) batches in \(Format.seconds(elapsed.seconds)): \(Format.grouped(Int(rate))) merged records/s; push \(latencies.summary)"
        }
        /// `server 1.2 s (0.60 cores, 50 µs/record); bench …; other processes …`.
        var cpuLine: String {
            let seconds = max(elapsed.seconds, 0.001)
            return String(format: "server %.1f s (%.2f cores, %.0f µs/record); bench %.1f s (%.2f cores); other processes %.1f s (%.2f cores)",
                          serverCPU, serverCPU / seconds, serverCPU / Double(max(records, 1)) * 1e6,
                          benchCPU, benchCPU / seconds, otherCPU, otherCPU / seconds)
        }
    }

    func run() async throws -> Figures {
        let loads = terminals.enumerated().map { index, terminal in
            PushLoad(terminal: terminal, client: SyncClient(server: nodes[index % nodes.count].baseURL, token: terminal.token, http: http),
                     batchSize: batchSize)
        }
        var initial: [[String: RecordState]] = []
        for load in loads { initial.append(try await load.initialStates()) }
        let mergesBefore = await mergeCount()
        let runID = String(UUID().uuidString.prefix(8)).lowercased()
        let benchCPUBefore = ProcessCPU.selfSeconds(), serverCPUBefore = serverCPU(), systemBefore = SystemCPU.busySeconds()
        let start = ContinuousClock.now
        let deadline = batches == nil ? start + .milliseconds(Int(seconds * 1000)) : start + .seconds(3600)
        let maxBatches = batches
        let outcomes = await withTaskGroup(of: PushLoad.Outcome.self) { group in
            for (load, states) in zip(loads, initial) {
                group.addTask { await load.run(from: states, until: deadline, maxBatches: maxBatches, runID: runID) }
            }
            var all: [PushLoad.Outcome] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        var figures = Figures()
        figures.serverCPU = serverCPU() - serverCPUBefore
        figures.benchCPU = ProcessCPU.selfSeconds() - benchCPUBefore
        figures.otherCPU = max(0, SystemCPU.busySeconds() - systemBefore - figures.serverCPU - figures.benchCPU)
        for outcome in outcomes {
            figures.records += outcome.records
            figures.batches += outcome.batches
            figures.conflicts += outcome.conflicts
            figures.latencies.append(contentsOf: outcome.latencies)
            figures.failures += outcome.failures
            figures.bodyBytes = max(figures.bodyBytes, outcome.bodyBytes)
        }
        figures.elapsed = (outcomes.map(\.finished).max() ?? start) - start
        if let mergesBefore, let after = await mergeCount() { figures.serverMerges = after - mergesBefore }
        return figures
    }

    private func serverCPU() -> Double { nodes.reduce(0) { $0 + $1.cpuSeconds() } }

    /// `fieldaudit_merges_total` summed over the nodes; `nil` if one did not answer.
    private func mergeCount() async -> Int? {
        var total = 0
        for node in nodes {
            guard let count = await IdleLongPolls.metric("fieldaudit_merges_total", from: node.baseURL, http: http) else { return nil }
            total += count
        }
        return total
    }
}
