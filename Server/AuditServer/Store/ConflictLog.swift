import Foundation
import Shared

/// When each field of each record came into conflict and when it left it: the `conflict_log`
/// table, one row per field whose state changed in a save, written with the save.
///
/// A record's state says only which fields are in conflict now, and its history
/// (``RecordHistory``) only which entries each save brought, not which it replaced; so what
/// bulletins count as conflicts opened and resolved in a period is noted here as it happens.
/// The time of an event is the writer's clock: the newest entry of the field after the save
/// (the concurrent write that opened it, the write that resolved it).
enum ConflictLog {
    static let schema = [
        """
        CREATE TABLE conflict_log (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            field TEXT NOT NULL,
            seq BIGINT NOT NULL,          -- the save's change-log position
            county TEXT NOT NULL,         -- the record's county then
            opened INTEGER NOT NULL,      -- 1: came into conflict, 0: resolved
            stamp_ms BIGINT NOT NULL,     -- the newest entry of the field, by its writer's clock
            PRIMARY KEY (kind, id, field, seq)
        )
        """,
        "CREATE INDEX conflict_log_by_time ON conflict_log(stamp_ms)",
    ]

    private static let rows = MultiRowInsert(into: "conflict_log", ["kind", "id", "field", "seq", "county", "opened", "stamp_ms"],
                                             onConflict: ["kind", "id", "field", "seq"])

    /// Notes the fields each save put into conflict or took out of it.
    static func append(_ saves: [(write: RecordWrite, county: String, seq: Int64)], in db: any StoreConnection) throws {
        try rows.execute(saves.flatMap { save in
            events(of: save.write).map { field, opened, stamp in
                [.text(save.write.state.kind.rawValue), .text(save.write.state.id), .text(field), .integer(save.seq), .text(save.county),
                 .integer(opened ? 1 : 0), .integer(Int64(clamping: stamp))]
            }
        }, in: db)
    }

    /// The fields whose conflict state `write` changed: each field's name, whether it came into
    /// conflict, and the newest entry's time in milliseconds.
    static func events(of write: RecordWrite) -> [(field: String, opened: Bool, stampMs: UInt64)] {
        let state = write.state
        guard state.hasConflicts || write.previous?.hasConflicts == true else { return [] }
        return state.schema.fields.indices.compactMap { index in
            let now = state.registers[index]
            let before = write.previous.map { $0.registers[index].isConflicted } ?? false
            guard now.isConflicted != before else { return nil }
            return (state.schema.fields[index].name, now.isConflicted, now.entries.map(\.stamp.milliseconds).max() ?? 0)
        }
    }

    /// Notes the conflicts open in stored records as opened, for a store made before the log.
    static func backfill(in db: any StoreConnection) throws {
        let conflicted = try db.rows("SELECT county, seq, state FROM records WHERE conflicted = 1")
        let saves = try conflicted.map { row in
            (write: RecordWrite(state: try RecordTable.decode(try row.decode(Data.self, at: 2)), previous: nil),
             county: try row.decode(String.self, at: 0), seq: try row.decode(Int64.self, at: 1))
        }
        for chunk in stride(from: 0, to: saves.count, by: 1_000).map({ saves[$0..<min($0 + 1_000, saves.count)] }) {
            try append(Array(chunk), in: db)
        }
    }
}
