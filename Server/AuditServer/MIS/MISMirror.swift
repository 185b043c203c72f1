import Foundation
import GRDB
import Shared

/// The MIS's own view of each record (table `mis_mirror`) and the corrections sent to it and
/// not yet part of that view (table `mis_sent`).
enum MISMirror {
    static func load(_ key: RecordKey, in db: Database) throws -> RecordState? {
        guard let data = try Data.fetchOne(db.cachedStatement(sql: "SELECT state FROM mis_mirror WHERE kind = ? AND id = ?"),
                                           arguments: [key.kind.rawValue, key.id]) else { return nil }
        return try RecordStateCodec.decode(data)
    }

    /// Stores `state` as what the MIS knows of its record; corrections it now holds are settled.
    static func save(_ state: RecordState, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO mis_mirror (kind, id, state) VALUES (?, ?, ?)")
            .execute(arguments: [state.kind.rawValue, state.id, RecordStateCodec.encode(state)])
        try db.cachedStatement(sql: "DELETE FROM mis_sent WHERE kind = ? AND id = ?").execute(arguments: [state.kind.rawValue, state.id])
    }

    /// The value last sent for `field` of `key` and not yet settled, as wire JSON.
    static func sentValue(_ key: RecordKey, field: String, in db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM mis_sent WHERE kind = ? AND id = ? AND field = ?"),
                            arguments: [key.kind.rawValue, key.id, field])
    }

    static func recordSent(_ correction: MISCorrection, batchID: String, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO mis_sent (kind, id, field, value, batch_id) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [correction.kind.rawValue, correction.id, correction.field, correction.valueJSON, batchID])
    }

    /// The ids of every record of `kind` the MIS has been seen to hold.
    static func ids(_ kind: RecordKind, in db: Database) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM mis_mirror WHERE kind = ? ORDER BY id"), arguments: [kind.rawValue])
    }
}
