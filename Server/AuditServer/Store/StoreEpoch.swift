import Foundation
import Shared

/// Which life of the store this is: an id that changes each time the store is restored from a
/// backup, and the epoch number that names the replicas the server writes under.
///
/// A restored store has forgotten what happened after its backup. Tablets learn of it from the
/// `FieldAudit-Store` header on every answer (``StoreEpochMiddleware``): when it changes they
/// rebase onto the restored store (``RecordState/rebased(onto:own:)``) and send again what it
/// forgot of theirs. The server itself writes as ``ReplicaID/server(epoch:)`` and
/// ``ReplicaID/mis(epoch:)`` from then on, so none of its new writes takes the dot of a forgotten
/// one that a tablet may still hold.
public struct StoreEpoch: Hashable, Sendable {
    /// A random id, new at every restore; tablets compare it between answers.
    public var id: String
    /// 1 for a store never restored, one more at each restore.
    public var number: Int

    /// The replica the office's writes (imports, dispatcher commands, resolutions) go under.
    public var server: ReplicaID { .server(epoch: number) }
    /// The replica the MIS job's writes go under.
    public var mis: ReplicaID { .mis(epoch: number) }

    /// The epoch recorded in the store (`meta`), made on first use (inside a write transaction).
    public static func current(in db: any StoreConnection) throws -> StoreEpoch {
        if let stored = try stored(in: db) { return stored }
        try db.execute("""
            INSERT INTO meta (key, value) VALUES ('store_epoch', ?), ('store_epoch_number', '1')
            ON CONFLICT (key) DO NOTHING
            """, [UUID().uuidString.lowercased()])
        guard let made = try stored(in: db) else { throw StoreError("the store epoch could not be recorded") }
        return made
    }

    /// Starts the next epoch after `previous`: a new id and the next number. Run once on a store
    /// just restored.
    @discardableResult
    public static func begin(after previous: StoreEpoch, in db: any StoreConnection) throws -> StoreEpoch {
        let next = StoreEpoch(id: UUID().uuidString.lowercased(), number: previous.number + 1)
        try db.execute("""
            INSERT INTO meta (key, value) VALUES ('store_epoch', ?), ('store_epoch_number', ?)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, [next.id, String(next.number)])
        return next
    }

    /// The epoch `meta` holds, `nil` before the first.
    static func stored(in db: any StoreConnection) throws -> StoreEpoch? {
        let id = try db.value(String.self, "SELECT value FROM meta WHERE key = 'store_epoch'")
        let number = try db.value(String.self, "SELECT value FROM meta WHERE key = 'store_epoch_number'").flatMap { Int($0) }
        guard let id, let number else { return nil }
        return StoreEpoch(id: id, number: number)
    }
}
