import Foundation
import Shared

/// Reading and writing record states inside a transaction, keeping the change log, the scope
/// tables and each record's county (``RecordPlacement``) in step. Every way a record changes on
/// the server (push, dispatcher, MIS job) goes through ``RecordBatch`` (one record: ``save(_:previous:origin:batchID:author:cache:in:)``);
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
    /// A batch of one: ``RecordBatch`` saves many the same way.
    static func save(_ state: RecordState, previous: RecordState?, origin: String, batchID: String?, author: String? = nil,
                     cache: RecordStateCache? = nil, in db: any StoreConnection) throws {
        try RecordBatch.save([RecordWrite(state: state, previous: previous)], origin: origin, batchID: batchID, author: author, cache: cache, in: db)
    }

    /// Writes each record's row: `state` in `county`, changed at `seq`; of a record given twice, the last.
    static func storeStates(_ rows: [(state: RecordState, county: String, seq: Int64)], in db: any StoreConnection) throws {
        try recordRows.execute(rows.map { row in
            [.text(row.county), .text(row.state.kind.rawValue), .text(row.state.id), .blob(RecordStateCodec.encode(row.state)),
             .integer(row.seq), .integer(row.state.hasConflicts ? 1 : 0)]
        }, in: db)
    }

    private static let recordRows = MultiRowInsert(into: "records", ["county", "kind", "id", "state", "seq", "conflicted"],
                                                   onConflict: ["county", "kind", "id"])

    /// Appends one change-log entry in `county` and returns its sequence number.
    static func appendChange(_ key: RecordKey, county: String, origin: String, batchID: String?, in db: any StoreConnection) throws -> Int64 {
        try appendChanges([(key, county)], origin: origin, batchID: batchID, in: db)[0]
    }

    /// Appends a change-log entry for each of `changes`, in order, and returns their sequence numbers.
    ///
    /// Sequence numbers commit in order because write transactions are serialised on both stores
    /// (see ``ServerStore``): a pull that has read up to `n` can never see a smaller one commit later.
    /// Within a multi-row insert both stores number rows in the order given; each number is
    /// checked against its entry's record all the same. The log's head (``ChangeLogHead``) rises
    /// to the last of them in the same transaction.
    static func appendChanges(_ changes: [(key: RecordKey, county: String)], origin: String, batchID: String?,
                              in db: any StoreConnection) throws -> [Int64] {
        let at = Int64(HybridLogicalClock.wallClockMilliseconds())
        let returned = try changeLogRows.returningRows(changes.map { change in
            [.text(change.county), .text(change.key.kind.rawValue), .text(change.key.id), .text(origin), batchID.storeValue, .integer(at)]
        }, in: db)
        let entries = try returned.map { row in (seq: try row.decode(Int64.self, at: 0), kind: try row.decode(String.self, at: 1), id: try row.decode(String.self, at: 2)) }
            .sorted { $0.seq < $1.seq }
        guard entries.count == changes.count,
              zip(entries, changes).allSatisfy({ $0.kind == $1.key.kind.rawValue && $0.id == $1.key.id }) else {
            throw StoreError("the change log numbered \(entries.count) entries out of the order of \(changes.count) changes")
        }
        if let last = entries.last { try ChangeLogHead.raise(to: last.seq, in: db) }
        return entries.map(\.seq)
    }

    private static let changeLogRows = MultiRowInsert(into: "change_log", ["county", "kind", "id", "origin", "batch_id", "at_ms"],
                                                      returning: ["seq", "kind", "id"])

    /// Moves unchanged records to the head of the change log, in the order of `keys`, so that
    /// terminals whose scope they just entered pull them; records the store lacks are left out.
    static func touch(_ keys: [RecordKey], origin: String, in db: any StoreConnection) throws {
        let counties = try RecordPlacement.placed(keys, in: db)
        let placed = keys.compactMap { key in counties[key].map { (key: key, county: $0) } }
        guard !placed.isEmpty else { return }
        let seqs = try appendChanges(placed, origin: origin, batchID: nil, in: db)
        // A record touched twice keeps its last position. One statement per county, which names
        // it: PostgreSQL then reads that partition alone.
        var last: [RecordKey: Int] = [:]
        for (index, entry) in placed.enumerated() { last[entry.key] = index }
        let byCounty = Dictionary(grouping: last.values.sorted(), by: { placed[$0].county })
        for (county, indexes) in byCounty.sorted(by: { $0.key < $1.key }) {
            for slice in SQLList.slices(indexes) {
                let values = slice.flatMap { index -> [StoreValue] in [.text(placed[index].key.kind.rawValue), .text(placed[index].key.id), .integer(seqs[index])] }
                // `VALUES` names its columns column1… on both stores.
                try db.execute("""
                    UPDATE records SET seq = v.column3 FROM (VALUES \(Array(repeating: "(?, ?, ?)", count: slice.count).joined(separator: ", "))) AS v
                    WHERE records.county = ? AND records.kind = v.column1 AND records.id = v.column2
                    """, StoreArguments(values + [.text(county)]))
            }
        }
    }

    /// The last change-log position, 0 when nothing was ever stored (``ChangeLogHead``: one row,
    /// whatever the number of counties).
    static func currentSequence(in db: any StoreConnection) throws -> Int64 {
        try ChangeLogHead.read(in: db)
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
        let states = try load(ids.map { RecordKey(kind: kind, id: $0) }, in: db)
        return ids.compactMap { states[RecordKey(kind: kind, id: $0)] }
    }

    /// The stored states of those of `keys` the store has: a query for their counties and one
    /// per kind for the states (per ``SQLList/maximumItems`` of them), however many there are.
    static func load(_ keys: [RecordKey], in db: any StoreConnection) throws -> [RecordKey: RecordState] {
        try loadPlaced(keys, in: db).states
    }

    /// ``load(_:in:)-([RecordKey],_)`` with the counties it found (those of `keys` the store has),
    /// for a batch of saves that follows (``RecordBatch/save(_:origin:batchID:author:cache:placed:in:)``).
    static func loadPlaced(_ keys: [RecordKey], in db: any StoreConnection) throws -> (states: [RecordKey: RecordState], counties: [RecordKey: String]) {
        let counties = try RecordPlacement.placed(keys, in: db)
        var states: [RecordKey: RecordState] = [:]
        for (kind, placed) in Dictionary(grouping: counties, by: \.key.kind) {
            for slice in SQLList.slices(placed) {
                let inCounties = Set(slice.map(\.value)).sorted().map(\.storeValue)
                let rows = try db.rows("""
                    SELECT county, id, state FROM records
                    WHERE kind = ? AND county IN (\(SQLList.placeholders(inCounties.count))) AND id IN (\(SQLList.placeholders(slice.count)))
                    """, StoreArguments([.text(kind.rawValue)] + inCounties + slice.map(\.key.id.storeValue)))
                for row in rows {
                    let key = RecordKey(kind: kind, id: try row.decode(at: 1))
                    guard counties[key] == (try row.decode(String.self, at: 0)) else { continue }
                    states[key] = try decode(try row.decode(at: 2))
                }
            }
        }
        return (states, counties)
    }
}
