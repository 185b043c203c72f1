import Foundation
import GRDB
import Shared

/// Moving the tablet to a new replica id after the server refused a push as `replica_reused`.
extension TerminalStore {
    /// Set while a new replica id was asked for and not yet taken on: the next sync asks again
    /// (the server answers the same unused id) before pushing anything.
    static let replicaChangePending = "replica_change_pending"

    /// Whether a replica change was started and not finished.
    public func replicaChangeIsPending() throws -> Bool {
        try recall(Self.replicaChangePending) == "1"
    }

    /// Notes that a new replica id is being asked for.
    func beginReplicaChange() throws {
        try remember(Self.replicaChangePending, "1")
    }

    /// Takes on the replica id the server issued, in one transaction.
    ///
    /// The tablet (restored from an old copy of its data, or re-installed) wrote with dots the
    /// server holds for other writes of ``ReplicaChange/previous``. Every cached record is
    /// re-stamped with ``RecordState/restamp(from:to:newerThan:)``: the entries of the previous
    /// id newer than the server's high stamp for it are exactly the writes the server never
    /// accepted (everything it accepted is at or before that stamp), so they get fresh dots of
    /// the new id and become new writes; and the record stops claiming the previous id's counters
    /// past what it holds from before that stamp, so the server's writes under those counters
    /// merge in beside the tablet's instead of being taken as seen. Nothing is lost on either
    /// side: a field both changed shows as a conflict.
    ///
    /// Re-stamped records enter the outbox; the fixed pending batch, made of the old dots, is
    /// dropped (its records are still in the outbox, so the next batch carries them again).
    /// - Returns: how many records were re-stamped.
    @discardableResult
    public func changeReplica(_ change: ReplicaChange) throws -> Int {
        try database.write { db in
            var device = try Self.device(in: db)
            if device.replica == change.replica {
                try Meta.set(Self.replicaChangePending, "", in: db)
                return 0
            }
            guard device.replica == change.previous else {
                throw TerminalError("the server moved this tablet from replica \(change.previous) to \(change.replica), but it writes as \(device.replica); enrol it again")
            }
            var restamped = 0
            let now = Int64(HybridLogicalClock.wallClockMilliseconds())
            for data in try Data.fetchAll(db, sql: "SELECT state FROM records") {
                var state = try RecordStateCodec.decode(data)
                let before = state
                let moved = state.restamp(from: change.previous, to: change.replica, newerThan: change.previousHighStamp)
                guard state != before else { continue }
                try Self.save(state, in: db)
                if moved > 0 {
                    restamped += 1
                    try db.execute(sql: "INSERT INTO outbox (kind, id, at_ms) VALUES (?, ?, ?)", arguments: [state.kind.rawValue, state.id, now])
                }
            }
            try db.execute(sql: "DELETE FROM pending_batch")
            device.replica = change.replica
            try Meta.set("device", String(decoding: try WireCoding.encode(device), as: UTF8.self), in: db)
            try Meta.set(Self.replicaChangePending, "", in: db)
            // The restored copy's chain head may be behind what was already signed and sent:
            // a new key and a new chain never reuse a place in the old one. Signed items the
            // server never accepted (their signature was re-stamped) are signed again into it.
            try Self.startChain(in: db)
            try Self.resignUnaccepted(by: change.replica, in: db)
            return restamped
        }
    }
}
