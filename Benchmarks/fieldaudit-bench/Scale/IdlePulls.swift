import AuditTerminal
import Foundation
import Transport

/// A caught-up tablet pulling when nothing changed (`wait=0` at its newest cursor): the round
/// trip here, and the server's own time from its `fieldaudit_sync_seconds` pull histogram
/// (handler start to answer built, before the body is written).
struct IdlePulls: Sendable {
    let client: SyncClient
    let server: URL
    let http: HTTPClient
    let cursor: Int64
    let count: Int

    struct Figures: Sendable {
        var roundTrip = Latencies()
        /// Mean server time per pull in milliseconds (the histogram's sum over its count).
        var serverMeanMs = 0.0
        /// Share of the pulls the server answered within 10 ms (its 0.01 s bucket).
        var within10ms = 0.0
        var serverCount = 0
        var records = 0
    }

    private static let sample = "fieldaudit_sync_seconds"
    private static let labels = "operation=\"pull\""

    func run() async throws -> Figures {
        var figures = Figures()
        // A caught-up tablet names the findings generation it received, which spares it the findings.
        let generation = try await client.pull(after: cursor, wait: 0).findingsGeneration
        let before = await histogram()
        let clock = ContinuousClock()
        for _ in 0..<count {
            let started = clock.now
            figures.records += try await client.pull(after: cursor, wait: 0, findingsGeneration: generation).records.count
            figures.roundTrip.record(clock.now - started)
        }
        let after = await histogram()
        if let before, let after, after.count > before.count {
            figures.serverCount = Int(after.count - before.count)
            figures.serverMeanMs = (after.sum - before.sum) / (after.count - before.count) * 1000
            figures.within10ms = (after.within10ms - before.within10ms) / (after.count - before.count)
        }
        return figures
    }

    private func histogram() async -> (sum: Double, count: Double, within10ms: Double)? {
        guard let sum = await MetricsText.value("\(Self.sample)_sum{\(Self.labels)}", from: server, http: http),
              let count = await MetricsText.value("\(Self.sample)_count{\(Self.labels)}", from: server, http: http),
              let within = await MetricsText.value("\(Self.sample)_bucket{\(Self.labels),le=\"0.01\"}", from: server, http: http)
        else { return nil }
        return (sum, count, within)
    }
}
