import Foundation
import GRDB
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

    /// The epoch recorded in the store (`meta`), made on first use.
    public static func current(in db: Database) throws -> StoreEpoch {
        let id = try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = 'store_epoch'"))
        let number = try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = 'store_epoch_number'")).flatMap { Int($0) }
        if let id, let number { return StoreEpoch(id: id, number: number) }
        let first = StoreEpoch(id: UUID().uuidString.lowercased(), number: 1)
        try first.save(in: db)
        return first
    }

    /// Starts the next epoch: a new id and the next number. Run once on a store just restored.
    @discardableResult
    public static func begin(after previous: StoreEpoch, in db: Database) throws -> StoreEpoch {
        let next = StoreEpoch(id: UUID().uuidString.lowercased(), number: previous.number + 1)
        try next.save(in: db)
        return next
    }

    private func save(in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO meta (key, value) VALUES ('store_epoch', ?), ('store_epoch_number', ?)
            ON CONFLICT(key) DO UPDATE SET value = excluded.value
            """, arguments: [id, String(number)])
    }
}
