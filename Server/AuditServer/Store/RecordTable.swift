import Foundation
import Shared

/// Reading and writing record states inside a transaction, keeping the change log and the scope
/// tables in step. Every way a record changes on the server (push, dispatcher, MIS job) goes
/// through ``save(_:previous:origin:batchID:cache:in:)``; pushes merge first, after their check.
enum RecordTable {
    /// The stored state of `key`, or `nil`; from `cache` when it holds the stored one.
    static func load(_ key: RecordKey, cache: RecordStateCache? = nil, in db: any StoreConnection) throws -> RecordState? {
        let arguments: StoreArguments = [key.kind.rawValue, key.id]
        if let cache {
            guard let seq = try db.value(Int64.self, "SELECT seq FROM records WHERE kind = ? AND id = ?", arguments) else { return nil }
            if let state = cache.state(key, seq: seq) { return state }
        }
        guard let data = try db.value(Data.self, "SELECT state FROM records WHERE kind = ? AND id = ?", arguments) else { return nil }
        return try decode(data)
    }

    /// Decodes a stored state; a state that no longer decodes is reported, never skipped.
    static func decode(_ data: Data) throws -> RecordState {
        try RecordStateCodec.decode(data)
    }

    /// Stores `state` as the record's new state: appends to the change log and updates scope.
    static func save(_ state: RecordState, previous: RecordState?, origin: String, batchID: String?,
                     cache: RecordStateCache? = nil, in db: any StoreConnection) throws {
        let seq = try appendChange(state.key, origin: origin, batchID: batchID, in: db)
        let data = RecordStateCodec.encode(state)
        try db.execute("""
            INSERT INTO records (kind, id, state, seq, conflicted) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (kind, id) DO UPDATE SET state = excluded.state, seq = excluded.seq, conflicted = excluded.conflicted
            """, [state.kind.rawValue, state.id, data, seq, state.hasConflicts ? 1 : 0])
        cache?.stored(state, seq: seq, in: db)
        try ScopeTables.update(after: state, previous: previous, in: db)
    }

    /// Appends one change-log entry and returns its sequence number.
    ///
    /// Sequence numbers commit in order because write transactions are serialised on both stores
    /// (see ``ServerStore``): a pull that has read up to `n` can never see a smaller one commit later.
    static func appendChange(_ key: RecordKey, origin: String, batchID: String?, in db: any StoreConnection) throws -> Int64 {
        guard let seq = try db.value(Int64.self, "INSERT INTO change_log (kind, id, origin, batch_id, at_ms) VALUES (?, ?, ?, ?, ?) RETURNING seq",
                                     [key.kind.rawValue, key.id, origin, batchID, Int64(HybridLogicalClock.wallClockMilliseconds())]) else {
            throw StoreError("the change log gave no sequence number")
        }
        return seq
    }

    /// Moves an unchanged record to the head of the change log so that terminals whose scope it
    /// just entered pull it.
    static func touch(_ key: RecordKey, origin: String, in db: any StoreConnection) throws {
        guard try db.value(Bool.self, "SELECT 1 FROM records WHERE kind = ? AND id = ?", [key.kind.rawValue, key.id]) == true else { return }
        let seq = try appendChange(key, origin: origin, batchID: nil, in: db)
        try db.execute("UPDATE records SET seq = ? WHERE kind = ? AND id = ?", [seq, key.kind.rawValue, key.id])
    }

    /// The last change-log position, 0 when nothing was ever stored.
    static func currentSequence(in db: any StoreConnection) throws -> Int64 {
        try db.value(Int64.self, "SELECT COALESCE(MAX(seq), 0) FROM change_log") ?? 0
    }

    /// The stored wire bytes of `ids` of one kind, in the order of `ids`, skipping unknown ids.
    static func loadRaw(_ kind: RecordKind, ids: [String], in db: any StoreConnection) throws -> [Data] {
        try ids.compactMap { try db.value(Data.self, "SELECT state FROM records WHERE kind = ? AND id = ?", [kind.rawValue, $0]) }
    }

    /// Loads the states of `ids` of one kind, in the order of `ids`, skipping unknown ids.
    static func loadAll(_ kind: RecordKind, ids: [String], in db: any StoreConnection) throws -> [RecordState] {
        try ids.compactMap { try load(RecordKey(kind: kind, id: $0), in: db) }
    }
}
