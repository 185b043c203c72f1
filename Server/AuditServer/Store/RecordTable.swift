import Foundation
import Shared

/// Reading and writing record states inside a transaction, keeping the change log, the scope
/// tables and each record's county (``RecordPlacement``) in step. Every way a record changes on
/// the server (push, dispatcher, MIS job) goes through ``save(_:previous:origin:batchID:cache:in:)``;
/// pushes merge first, after their check.
enum RecordTable {
    /// The stored state of `key`, or `nil`; from `cache` when it holds the stored one.
    static func load(_ key: RecordKey, cache: RecordStateCache? = nil, in db: any StoreConnection) throws -> RecordState? {
        guard let county = try RecordPlacement.placed(key, in: db) else { return nil }
        let arguments: StoreArguments = [county, key.kind.rawValue, key.id]
        if let cache {
            guard let seq = try db.value(Int64.self, "SELECT seq FROM records WHERE county = ? AND kind = ? AND id = ?", arguments) else { return nil }
            if let state = cache.state(key, seq: seq) { return state }
        }
        guard let data = try db.value(Data.self, "SELECT state FROM records WHERE county = ? AND kind = ? AND id = ?", arguments) else { return nil }
        return try decode(data)
    }

    /// Decodes a stored state; a state that no longer decodes is reported, never skipped.
    static func decode(_ data: Data) throws -> RecordState {
        try RecordStateCodec.decode(data)
    }

    /// Stores `state` as the record's new state: appends to the change log and the record's
    /// history (``RecordHistory``; `author` is the office user who made an office write), updates
    /// scope, and moves the record (and a customer's devices and visits) when its county changed.
    static func save(_ state: RecordState, previous: RecordState?, origin: String, batchID: String?, author: String? = nil,
                     cache: RecordStateCache? = nil, in db: any StoreConnection) throws {
        let county = try RecordPlacement.county(of: state, in: db)
        let placed = try RecordPlacement.placed(state.key, in: db)
        if placed != county {
            if let placed {
                try RecordPlacement.move(state.key, from: placed, to: county, in: db)
                if state.kind == .customer {
                    try RecordPlacement.moveVisits(ofCustomer: state.id, from: placed, to: county, in: db)
                }
            } else {
                try db.preparePartitions(forCounty: county)
                try RecordPlacement.place(state.key, in: county, db: db)
            }
            if state.kind == .customer {
                try RecordPlacement.moveDevices(ofCustomer: state.id, to: county, in: db)
            }
        }
        let seq = try appendChange(state.key, county: county, origin: origin, batchID: batchID, in: db)
        let data = RecordStateCodec.encode(state)
        try db.execute("""
            INSERT INTO records (county, kind, id, state, seq, conflicted) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (county, kind, id) DO UPDATE SET state = excluded.state, seq = excluded.seq, conflicted = excluded.conflicted
            """, [county, state.kind.rawValue, state.id, data, seq, state.hasConflicts ? 1 : 0])
        cache?.stored(state, seq: seq, in: db)
        try RecordHistory.append(state, previous: previous, seq: seq, author: author, in: db)
        try ScopeTables.update(after: state, previous: previous, in: db)
    }

    /// Appends one change-log entry in `county` and returns its sequence number.
    ///
    /// Sequence numbers commit in order because write transactions are serialised on both stores
    /// (see ``ServerStore``): a pull that has read up to `n` can never see a smaller one commit later.
    static func appendChange(_ key: RecordKey, county: String, origin: String, batchID: String?, in db: any StoreConnection) throws -> Int64 {
        guard let seq = try db.value(Int64.self, "INSERT INTO change_log (county, kind, id, origin, batch_id, at_ms) VALUES (?, ?, ?, ?, ?, ?) RETURNING seq",
                                     [county, key.kind.rawValue, key.id, origin, batchID, Int64(HybridLogicalClock.wallClockMilliseconds())]) else {
            throw StoreError("the change log gave no sequence number")
        }
        return seq
    }

    /// Moves an unchanged record to the head of the change log so that terminals whose scope it
    /// just entered pull it.
    static func touch(_ key: RecordKey, origin: String, in db: any StoreConnection) throws {
        guard let county = try RecordPlacement.placed(key, in: db) else { return }
        let seq = try appendChange(key, county: county, origin: origin, batchID: nil, in: db)
        try db.execute("UPDATE records SET seq = ? WHERE county = ? AND kind = ? AND id = ?", [seq, county, key.kind.rawValue, key.id])
    }

    /// The last change-log position, 0 when nothing was ever stored.
    static func currentSequence(in db: any StoreConnection) throws -> Int64 {
        try db.value(Int64.self, "SELECT COALESCE(MAX(seq), 0) FROM change_log") ?? 0
    }

    /// The stored wire bytes of `ids` of one kind, in the order of `ids`, skipping unknown ids;
    /// read from `county` (one partition) when the caller knows they lie there, as a work order's do.
    static func loadRaw(_ kind: RecordKind, ids: [String], county: String? = nil, in db: any StoreConnection) throws -> [Data] {
        try ids.compactMap { id in
            let key = RecordKey(kind: kind, id: id)
            if let county, let data = try db.value(Data.self, "SELECT state FROM records WHERE county = ? AND kind = ? AND id = ?", [county, kind.rawValue, id]) {
                return data
            }
            guard let placed = try RecordPlacement.placed(key, in: db) else { return nil }
            return try db.value(Data.self, "SELECT state FROM records WHERE county = ? AND kind = ? AND id = ?", [placed, kind.rawValue, id])
        }
    }

    /// Loads the states of `ids` of one kind, in the order of `ids`, skipping unknown ids.
    static func loadAll(_ kind: RecordKind, ids: [String], in db: any StoreConnection) throws -> [RecordState] {
        try ids.compactMap { try load(RecordKey(kind: kind, id: $0), in: db) }
    }
}
