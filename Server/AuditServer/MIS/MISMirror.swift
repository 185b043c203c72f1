import Foundation
import Shared

/// What the MIS knows of each record (table `mis_mirror`): the state its own writes are made on,
/// and the values it last reported or accepted, field by field. Refused corrections are kept in
/// `mis_sent` so that they are not sent again until the value changes.
struct MISMirror {
    /// The state the MIS's writes are made on: they cover what it has seen, nothing else.
    var state: RecordState
    /// The values the MIS holds, as text (``FieldValue/description``), by field.
    var known: [String: String]

    static func load(_ key: RecordKey, in db: any StoreConnection) throws -> MISMirror? {
        guard let row = try db.row("SELECT state, known FROM mis_mirror WHERE kind = ? AND id = ?", [key.kind.rawValue, key.id]) else { return nil }
        return MISMirror(state: try RecordStateCodec.decode(row[0] as Data), known: decodeKnown(row[1]))
    }

    /// Only the values the MIS holds, without decoding the state.
    static func loadKnown(_ key: RecordKey, in db: any StoreConnection) throws -> [String: String]? {
        try db.value(String.self, "SELECT known FROM mis_mirror WHERE kind = ? AND id = ?", [key.kind.rawValue, key.id]).map(decodeKnown)
    }

    /// Takes the office's first import of each record as what the MIS holds (the office imports
    /// from the MIS), so that the job's first contact can tell an MIS change since the import from
    /// an unchanged field: a field changed both in the MIS and on site is then a conflict for a
    /// person, not a correction that overwrites the MIS. Keeps a view that already exists.
    static func rememberImports(_ imports: [(state: RecordState, values: [(field: String, value: FieldValue)])],
                                in db: any StoreConnection) throws {
        try firstViews.execute(imports.map { imported in
            let known = Dictionary(imported.values.map { ($0.field, $0.value.description) }, uniquingKeysWith: { first, _ in first })
            return [.text(imported.state.kind.rawValue), .text(imported.state.id), .blob(RecordStateCodec.encode(imported.state)),
                    .text(encodeKnown(known))]
        }, in: db)
    }

    private static let firstViews = MultiRowInsert(into: "mis_mirror", ["kind", "id", "state", "known"], onConflict: ["kind", "id"], updating: [])

    func save(in db: any StoreConnection) throws {
        try db.execute("INSERT INTO mis_mirror (kind, id, state, known) VALUES (?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET state = excluded.state, known = excluded.known", [state.kind.rawValue, state.id, RecordStateCodec.encode(state), Self.encodeKnown(known)])
    }

    // Known values as text: `field US value RS field US value …` (U+001F, U+001E). Field values
    // never hold control characters (every text rule refuses them), so the separators are safe.
    private static let unitSeparator: Character = "\u{1F}"
    private static let recordSeparator: Character = "\u{1E}"

    static func encodeKnown(_ known: [String: String]) -> String {
        known.sorted { $0.key < $1.key }.map { $0.key + String(unitSeparator) + $0.value }.joined(separator: String(recordSeparator))
    }

    static func decodeKnown(_ text: String) -> [String: String] {
        var known: [String: String] = [:]
        for pair in text.split(separator: recordSeparator, omittingEmptySubsequences: true) {
            let parts = pair.split(separator: unitSeparator, maxSplits: 1, omittingEmptySubsequences: false)
            known[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return known
    }

    /// The value last refused for `field` of `key`, as text.
    static func refusedValue(_ key: RecordKey, field: String, in db: any StoreConnection) throws -> String? {
        try db.value(String.self, "SELECT value FROM mis_sent WHERE kind = ? AND id = ? AND field = ?", [key.kind.rawValue, key.id, field])
    }

    static func recordRefused(_ correction: MISCorrection, batchID: String, in db: any StoreConnection) throws {
        try db.execute("INSERT INTO mis_sent (kind, id, field, value, batch_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, id, field) DO UPDATE SET value = excluded.value, batch_id = excluded.batch_id", [correction.kind.rawValue, correction.id, correction.field, correction.value, batchID])
    }

    /// The ids of every record of `kind` the MIS has been seen to hold.
    static func ids(_ kind: RecordKind, in db: any StoreConnection) throws -> [String] {
        try db.values(String.self, "SELECT id FROM mis_mirror WHERE kind = ? ORDER BY id", [kind.rawValue])
    }
}
