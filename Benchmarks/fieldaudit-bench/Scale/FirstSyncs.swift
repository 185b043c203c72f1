import AuditTerminal
import Foundation
import Shared

/// Fresh tablets' first syncs, one tablet after another: each pulls its whole scope (its work
/// order and its customers) from cursor 0 until the server has nothing more, as `SyncEngine`
/// does on a newly enrolled tablet, decoding every state.
struct FirstSyncs: Sendable {
    let clients: [SyncClient]
    /// Records each scope should hold: the work order and its customers.
    let expected: Int

    struct Figures: Sendable {
        var latencies = Latencies()
        var requests = 0
        /// The cursor the last tablet ended at: the newest change it may see.
        var cursor: Int64 = 0
    }

    func run() async throws -> Figures {
        var figures = Figures()
        // One untimed sync first (connections, caches); each timed tablet then syncs once.
        if let first = clients.first { _ = try await sync(first) }
        let clock = ContinuousClock()
        for client in clients {
            let started = clock.now
            let (records, requests, cursor) = try await sync(client)
            figures.latencies.record(clock.now - started)
            guard records >= expected else {
                throw BenchFailure("a first sync brought \(records) records; its scope holds \(expected)")
            }
            figures.requests += requests
            figures.cursor = cursor
        }
        return figures
    }

    private func sync(_ client: SyncClient) async throws -> (records: Int, requests: Int, cursor: Int64) {
        var cursor: Int64 = 0, records = 0, requests = 0
        while true {
            let page = try await client.pull(after: cursor, wait: 0)
            records += page.records.count
            requests += 1
            cursor = page.cursor
            if !page.more { return (records, requests, cursor) }
        }
    }
}
