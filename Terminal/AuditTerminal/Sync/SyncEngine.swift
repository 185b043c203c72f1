import Foundation
import Logging
import Shared

/// Brings the tablet and the server in step: pushes the outbox, then pulls until caught up.
///
/// A batch the server refuses for its content is set aside (quarantined) and the sync goes on;
/// a push refused as `replica_reused` moves the tablet to a new replica id first.
///
/// Interrupted anywhere (network gone, process killed), the next run finishes the job: a batch is
/// fixed before its first send and re-sent unchanged until acknowledged, and the cursor moves in
/// the same transaction as the pulled records.
public struct SyncEngine: Sendable {
    let store: TerminalStore
    let client: SyncClient
    let logger: Logger

    /// Creates an engine over `store`, talking through `client`.
    public init(store: TerminalStore, client: SyncClient, logger: Logger = Logger(label: "audit-terminal.sync")) {
        self.store = store
        self.client = client
        self.logger = logger
    }

    /// What one sync did.
    public struct Report: Sendable, Equatable {
        public var pushedRecords = 0
        public var pulledChanges = 0
        /// Pushed records now in conflict on the server.
        public var conflicts = 0
        /// Road maps of work orders' areas fetched.
        public var mapsFetched = 0
        /// Batches the server refused for their content, set aside (see ``TerminalStore/quarantine(_:status:refusal:)``).
        public var quarantined = 0
        /// The new replica id taken on after a push was refused as `replica_reused`.
        public var newReplica: ReplicaID?
        /// Records sent again after the server's store was restored from a backup; `nil` when it was not.
        public var rebased: Int?

        /// A report of nothing done yet.
        public init() {}
    }

    /// Pushes every outbox entry, then pulls until the server has nothing newer.
    public func syncOnce() async throws -> Report {
        var report = Report()
        do {
            report.rebased = try await followStoreEpoch()
            if try store.replicaChangeIsPending() { report.newReplica = try await changeReplica() }
            try await registerKeys()
            var chainRestarted = false
            while let batch = try store.nextBatch() {
                let answer: PushResponse
                do {
                    answer = try await client.push(batch)
                } catch SyncError.refused(409, let body) where body.error == "replica_reused" && report.newReplica == nil {
                    // Restored from an old copy or re-installed: take a new replica id and send
                    // the edits again under it. At most once a sync, so a fault cannot loop.
                    logger.warning("push refused as replica_reused, taking a new replica id: \(body.detail)")
                    report.newReplica = try await changeReplica()
                    try await registerKeys()
                    continue
                } catch SyncError.refused(403, let body) where ["chain_fork", "chain_broken"].contains(body.error) && !chainRestarted {
                    // Restored from an old copy: places of the chain were signed twice. A new key
                    // and a new chain for what is still unsent. At most once a sync.
                    logger.warning("push refused as \(body.error), starting a new evidence chain: \(body.detail)")
                    chainRestarted = true
                    let resigned = try store.restartChain()
                    logger.notice("new evidence chain; \(resigned) unsent item(s) signed again")
                    try await registerKeys()
                    continue
                } catch SyncError.refused(let status, let body) where TerminalStore.quarantineStatuses.contains(status) {
                    // Refused for its content: set it aside (kept, shown) and go on with the rest.
                    logger.warning("batch \(batch.batchID) refused (\(status) \(body.error)), set aside: \(body.detail)")
                    try store.quarantine(batch.batchID, status: status, refusal: body)
                    report.quarantined += 1
                    continue
                }
                try store.acknowledge(batch.batchID)
                report.pushedRecords += batch.records.count
                report.conflicts += answer.results.filter { $0.status == .conflict }.count
            }
            report.pulledChanges += try await pullUntilCaughtUp(wait: 0)
            report.mapsFetched += try await refreshMaps()
            try store.remember("last_sync_ms", String(HybridLogicalClock.wallClockMilliseconds()))
            try store.remember("last_error", "")
            return report
        } catch {
            try? store.remember("last_error", String(describing: error))
            throw error
        }
    }

    /// Checks the epoch of the server's store before anything is sent. When it changed (the store
    /// was restored from a backup and forgot what came after), reads the whole scope again from
    /// the start of the restored change log and rebases the cache onto it
    /// (``TerminalStore/rebase(onto:cursor:epoch:)``), so that this tablet's writes the store forgot
    /// go out again and nothing it forgot of others' is claimed.
    /// - Returns: how many records go out again, or `nil` when the epoch did not change.
    func followStoreEpoch() async throws -> Int? {
        guard let epoch = try await client.storeEpoch() else { return nil }
        guard let known = try store.storeEpoch() else {
            try store.setStoreEpoch(epoch)
            return nil
        }
        guard epoch != known else { return nil }
        logger.warning("the server's store was restored from a backup (epoch \(known) → \(epoch)); reading the work again")
        var states: [RecordKey: RecordState] = [:]
        var cursor: Int64 = 0
        while true {
            let page = try await client.pull(after: cursor, wait: 0)
            for state in page.records { states[state.key] = state }
            cursor = page.cursor
            if !page.more { break }
        }
        let resent = try store.rebase(onto: states, cursor: cursor, epoch: epoch)
        logger.notice("rebased onto the restored store: \(states.count) record(s) read, \(resent) to send again")
        return resent
    }

    /// Registers every evidence key made on this tablet that the server has not acknowledged yet,
    /// before anything signed by it is pushed. A server without the key endpoint (404) is logged
    /// and asked again at the next sync; the signed items wait in the outbox meanwhile only if the
    /// server refuses them.
    func registerKeys() async throws {
        for key in try store.evidenceKeysToRegister() {
            do {
                try await client.registerKey(key)
                try store.evidenceKeyRegistered(key)
                logger.info("evidence key \(key.prefix(8))… registered")
            } catch SyncError.refused(404, let body) {
                logger.warning("the server does not take evidence keys yet (404 \(body.error)); will register at the next sync")
                return
            }
        }
    }

    /// Asks the server for a new replica id and re-stamps the cache onto it (see
    /// ``TerminalStore/changeReplica(_:)``). The intent is stored first, so a tablet stopped
    /// between the answer and the re-stamp asks again before pushing anything.
    func changeReplica() async throws -> ReplicaID {
        try store.beginReplicaChange()
        let change = try await client.newReplica()
        let restamped = try store.changeReplica(change)
        logger.notice("now writing as replica \(change.replica) (was \(change.previous)); \(restamped) record(s) re-stamped")
        return change.replica
    }

    /// Fetches the road map of every work order whose map is missing or out of date.
    func refreshMaps() async throws -> Int {
        var fetched = 0
        for order in try store.workOrdersNeedingMaps() {
            guard let graph = try await client.map(order) else { continue }
            try store.storeMap(graph, workOrder: order)
            fetched += 1
        }
        return fetched
    }

    /// Pulls pages until `more` is false; the first pull may wait up to `wait` seconds on the server.
    func pullUntilCaughtUp(wait: Int) async throws -> Int {
        var changed = 0
        var wait = wait
        while true {
            // The store forgets the generation when a page brings records without findings, so a
            // round whose earlier pages brought records asks for the findings on its last page.
            let page = try await client.pull(after: try store.cursor(), wait: wait, findingsGeneration: try store.findingsGeneration())
            changed += try store.applyPull(page)
            wait = 0
            if !page.more { return changed }
        }
    }

    /// Keeps the tablet in step until cancelled: a long-poll stays open so work pushed by a
    /// dispatcher arrives at once; local edits go out within `pollSeconds`; offline, it backs off
    /// quietly (1 s doubling to 60 s) and tries again.
    public func watch(pollSeconds: Int = 10, onChange: @Sendable (Report) -> Void = { _ in }) async {
        var backoff = 1.0
        while !Task.isCancelled {
            do {
                var report = try await syncOnce()
                report.pulledChanges += try await pullUntilCaughtUp(wait: pollSeconds)
                if report != Report() { onChange(report) }
                backoff = 1
            } catch is CancellationError {
                return
            } catch {
                logger.info("sync failed, retrying in \(Int(backoff)) s: \(error)")
                try? await Task.sleep(for: .milliseconds(Int(backoff * 1000)))
                backoff = min(backoff * 2, 60)
            }
        }
    }
}
