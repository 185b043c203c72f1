import Foundation
import GRDB
import Shared

/// Reading and writing record states inside a transaction, keeping the change log and the scope
/// tables in step. Every way a record changes on the server (push, dispatcher, MIS job) goes
/// through ``save(_:previous:origin:batchID:cache:in:)``; pushes merge first, after their check.
enum RecordTable {
    /// The stored state of `key`, or `nil`; from `cache` when it holds the stored one.
    static func load(_ key: RecordKey, cache: RecordStateCache? = nil, in db: Database) throws -> RecordState? {
        let arguments: StatementArguments = [key.kind.rawValue, key.id]
        if let cache {
            guard let seq = try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM records WHERE kind = ? AND id = ?"),
                                               arguments: arguments) else { return nil }
            if let state = cache.state(key, seq: seq) { return state }
        }
        let statement = try db.cachedStatement(sql: "SELECT state FROM records WHERE kind = ? AND id = ?")
        guard let data = try Data.fetchOne(statement, arguments: arguments) else { return nil }
        return try decode(data)
    }

    /// Decodes a stored state; a state that no longer decodes is reported, never skipped.
    static func decode(_ data: Data) throws -> RecordState {
        try RecordStateCodec.decode(data)
    }

    /// Stores `state` as the record's new state: appends to the change log and updates scope.
    static func save(_ state: RecordState, previous: RecordState?, origin: String, batchID: String?,
                     cache: RecordStateCache? = nil, in db: Database) throws {
        let seq = try appendChange(state.key, origin: origin, batchID: batchID, in: db)
        let data = RecordStateCodec.encode(state)
        try db.cachedStatement(sql: """
            INSERT INTO records (kind, id, state, seq, conflicted) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (kind, id) DO UPDATE SET state = excluded.state, seq = excluded.seq, conflicted = excluded.conflicted
            """).execute(arguments: [state.kind.rawValue, state.id, data, seq, state.hasConflicts ? 1 : 0])
        cache?.stored(state, seq: seq, in: db)
        try ScopeTables.update(after: state, previous: previous, in: db)
    }

    /// Appends one change-log entry and returns its sequence number.
    static func appendChange(_ key: RecordKey, origin: String, batchID: String?, in db: Database) throws -> Int64 {
        try db.cachedStatement(sql: "INSERT INTO change_log (kind, id, origin, batch_id, at_ms) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [key.kind.rawValue, key.id, origin, batchID, Int64(HybridLogicalClock.wallClockMilliseconds())])
        return db.lastInsertedRowID
    }

    /// Moves an unchanged record to the head of the change log so that terminals whose scope it
    /// just entered pull it.
    static func touch(_ key: RecordKey, origin: String, in db: Database) throws {
        guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM records WHERE kind = ? AND id = ?"),
                                arguments: [key.kind.rawValue, key.id]) == true else { return }
        let seq = try appendChange(key, origin: origin, batchID: nil, in: db)
        try db.cachedStatement(sql: "UPDATE records SET seq = ? WHERE kind = ? AND id = ?")
            .execute(arguments: [seq, key.kind.rawValue, key.id])
    }

    /// The last change-log position, 0 when nothing was ever stored.
    static func currentSequence(in db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM sqlite_sequence WHERE name = 'change_log'")) ?? 0
    }

    /// The stored wire bytes of `ids` of one kind, in the order of `ids`, skipping unknown ids.
    static func loadRaw(_ kind: RecordKind, ids: [String], in db: Database) throws -> [Data] {
        let statement = try db.cachedStatement(sql: "SELECT state FROM records WHERE kind = ? AND id = ?")
        return try ids.compactMap { try Data.fetchOne(statement, arguments: [kind.rawValue, $0]) }
    }

    /// Loads the states of `ids` of one kind, in the order of `ids`, skipping unknown ids.
    static func loadAll(_ kind: RecordKind, ids: [String], in db: Database) throws -> [RecordState] {
        try ids.compactMap { try load(RecordKey(kind: kind, id: $0), in: db) }
    }
}
