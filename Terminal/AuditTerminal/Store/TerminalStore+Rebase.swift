import Foundation
import GRDB
import Shared

extension TerminalStore {
    /// The epoch of the server's store this tablet last synced with (`FieldAudit-Store`), or `nil`
    /// before the first sync that named one.
    public func storeEpoch() throws -> String? {
        try database.read { db in try Meta.get(Self.storeEpochKey, in: db).flatMap { $0.isEmpty ? nil : $0 } }
    }

    /// Remembers the epoch of the server's store.
    public func setStoreEpoch(_ epoch: String) throws {
        try database.write { db in try Meta.set(Self.storeEpochKey, epoch, in: db) }
    }

    static let storeEpochKey = "store_epoch"

    /// Moves the cache onto a server store that was restored from a backup, in one transaction.
    ///
    /// `server` is every record of this tablet's scope as the restored store holds it (pulled
    /// from the start of its change log), `cursor` where that pull ended. Each cached record is
    /// rebased with ``RecordState/rebased(onto:own:)``: it takes the store's state with this
    /// tablet's own writes the store forgot put back on top; a record the store forgot and this
    /// tablet never wrote is dropped. Records holding writes the store has not seen enter the
    /// outbox, signed items in chain order, so the store takes them again; the fixed pending batch
    /// (made before the restore) is dropped; the evidence keys that signed anything sent again are
    /// registered again (the store may have forgotten them too).
    /// - Returns: how many records go out again.
    @discardableResult
    public func rebase(onto server: [RecordKey: RecordState], cursor: Int64, epoch: String) throws -> Int {
        try database.write { db in
            let own = try Self.device(in: db).replica
            var resend: [RecordState] = []
            var cached = Set<RecordKey>()
            for data in try Data.fetchAll(db, sql: "SELECT state FROM records") {
                let local = try RecordStateCodec.decode(data)
                cached.insert(local.key)
                let stored = server[local.key]
                let rebased = local.rebased(onto: stored, own: own)
                if rebased.isEmpty {
                    try db.execute(sql: "DELETE FROM records WHERE kind = ? AND id = ?", arguments: [local.kind.rawValue, local.id])
                    try db.execute(sql: "DELETE FROM outbox WHERE kind = ? AND id = ?", arguments: [local.kind.rawValue, local.id])
                    continue
                }
                try Self.save(rebased, in: db)
                if rebased.vector[own] > (stored?.vector[own] ?? 0) { resend.append(rebased) }
            }
            for (key, state) in server where !cached.contains(key) { try Self.save(state, in: db) }
            try db.execute(sql: "DELETE FROM pending_batch")
            let now = Int64(HybridLogicalClock.wallClockMilliseconds())
            let queued = Set(try Row.fetchAll(db, sql: "SELECT kind, id FROM outbox").map { RecordKey(kind: RecordKind(rawValue: $0[0]) ?? .customer, id: $0[1]) })
            // Signed items go in chain order, so each follows the one before it on the store.
            let ordered = resend.sorted { ($0.integer("chain_seq") ?? 0, $0.key) < ($1.integer("chain_seq") ?? 0, $1.key) }
            for state in ordered where !queued.contains(state.key) {
                try db.execute(sql: "INSERT INTO outbox (kind, id, at_ms) VALUES (?, ?, ?)", arguments: [state.kind.rawValue, state.id, now])
            }
            let signers = Set(resend.compactMap { $0.text("signer") })
            let waiting = try Self.unregisteredKeys(in: db)
            try Meta.set(EvidenceMeta.unregistered, (waiting + signers.sorted().filter { !waiting.contains($0) }).joined(separator: "\n"), in: db)
            if !signers.isEmpty { try Meta.set(EvidenceMeta.registered, "", in: db) }
            try Meta.set("cursor", String(cursor), in: db)
            try Meta.set(Self.storeEpochKey, epoch, in: db)
            // The findings kept are another history's: the next pull brings the restored store's.
            try Self.forgetFindingsGeneration(in: db)
            return resend.count
        }
    }
}
