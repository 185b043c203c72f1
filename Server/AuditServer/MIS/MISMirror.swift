import Foundation
import GRDB
import Shared

/// What the MIS knows of each record (table `mis_mirror`): the state its own writes are made on,
/// and the values it last reported or accepted, field by field. Refused corrections are kept in
/// `mis_sent` so that they are not sent again until the value changes.
struct MISMirror {
    /// The state the MIS's writes are made on: they cover what it has seen, nothing else.
    var state: RecordState
    /// The values the MIS holds, as text (``FieldValue/description``), by field.
    var known: [String: String]

    static func load(_ key: RecordKey, in db: Database) throws -> MISMirror? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT state, known FROM mis_mirror WHERE kind = ? AND id = ?"),
                                         arguments: [key.kind.rawValue, key.id]) else { return nil }
        let known = try WireCoding.decode([String: String].self, from: Data((row[1] as String).utf8))
        return MISMirror(state: try RecordStateCodec.decode(row[0] as Data), known: known)
    }

    func save(in db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO mis_mirror (kind, id, state, known) VALUES (?, ?, ?, ?)")
            .execute(arguments: [state.kind.rawValue, state.id, RecordStateCodec.encode(state),
                                 String(decoding: try WireCoding.encode(known), as: UTF8.self)])
    }

    /// The value last refused for `field` of `key`, as text.
    static func refusedValue(_ key: RecordKey, field: String, in db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM mis_sent WHERE kind = ? AND id = ? AND field = ?"),
                            arguments: [key.kind.rawValue, key.id, field])
    }

    static func recordRefused(_ correction: MISCorrection, batchID: String, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO mis_sent (kind, id, field, value, batch_id) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [correction.kind.rawValue, correction.id, correction.field, correction.value, batchID])
    }

    /// The ids of every record of `kind` the MIS has been seen to hold.
    static func ids(_ kind: RecordKind, in db: Database) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM mis_mirror WHERE kind = ? ORDER BY id"), arguments: [kind.rawValue])
    }
}
