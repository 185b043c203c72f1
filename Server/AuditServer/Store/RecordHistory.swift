import Foundation
import Shared

/// Every write to every record, kept for good: the evidence in a billing dispute.
///
/// A record's state keeps only its fields' current entries (concurrent values side by side); what
/// they replaced is gone from it. So each save also appends one `record_history` row with the
/// entries that were new in it (field, value, writer's replica and counter, the writer's clock)
/// and who made the save: the office user for office writes (``DispatchService/author``), nothing
/// for tablets and the MIS, whose replica names them (``RecordHistory/writer(of:in:)``).
enum RecordHistory {
    /// One write of one field.
    struct Entry: Codable, Equatable, Sendable {
        var field: String
        var value: String
        var replica: String
        var counter: UInt64
        var stampMs: UInt64

        enum CodingKeys: String, CodingKey {
            case field, value, replica, counter
            case stampMs = "stamp_ms"
        }
    }

    /// One save: the entries it brought, at change-log position `seq`.
    struct Save: Sendable, Equatable {
        var seq: Int64
        var author: String?
        var entries: [Entry]
    }

    /// The entries of `state` that `previous` did not hold.
    static func newEntries(of state: RecordState, previous: RecordState?) -> [Entry] {
        state.schema.fields.flatMap { spec -> [Entry] in
            let now = (try? state.register(spec.name).entries) ?? []
            let before = Set(((try? previous?.register(spec.name).entries) ?? []).map(\.dot))
            return now.filter { !before.contains($0.dot) }.map { entry in
                Entry(field: spec.name, value: entry.value.description, replica: entry.dot.replica.rawValue,
                      counter: entry.dot.counter, stampMs: entry.stamp.milliseconds)
            }
        }
    }

    /// Appends each save at its change-log position, those that brought any new entry, in one statement.
    static func append(_ saves: [(write: RecordWrite, seq: Int64)], author: String?, in db: any StoreConnection) throws {
        try rows.execute(saves.compactMap { save in
            let state = save.write.state
            let entries = newEntries(of: state, previous: save.write.previous)
            guard !entries.isEmpty else { return nil }
            return [.text(state.kind.rawValue), .text(state.id), .integer(save.seq), author.storeValue, .blob(encode(entries))]
        }, in: db)
    }

    /// `entries` as stored: a JSON array, byte for byte what ``WireCoding/encode(_:)`` gives (sorted
    /// keys), written directly since every save of every record writes one (`JSONEncoder` took a
    /// fifth of an import's time).
    static func encode(_ entries: [Entry]) -> Data {
        var json = WireJSONText(capacity: 16 + entries.count * 96)
        json.raw("[")
        for (position, entry) in entries.enumerated() {
            json.raw(position == 0 ? #"{"counter":"# : #",{"counter":"#)
            json.unsigned(entry.counter)
            json.raw(#","field":"#)
            json.string(entry.field)
            json.raw(#","replica":"#)
            json.string(entry.replica)
            json.raw(#","stamp_ms":"#)
            json.unsigned(entry.stampMs)
            json.raw(#","value":"#)
            json.string(entry.value)
            json.raw("}")
        }
        json.raw("]")
        return json.data
    }

    private static let rows = MultiRowInsert(into: "record_history", ["kind", "id", "seq", "author", "entries"])

    /// Every save of `key`, oldest first.
    static func saves(of key: RecordKey, in db: any StoreConnection) throws -> [Save] {
        try db.rows("SELECT seq, author, entries FROM record_history WHERE kind = ? AND id = ? ORDER BY seq",
                    [key.kind.rawValue, key.id]).map { row in
            Save(seq: try row.decode(at: 0), author: try row.decode(String?.self, at: 1),
                 entries: try JSONDecoder().decode([Entry].self, from: try row.decode(Data.self, at: 2)))
        }
    }

    /// Who replicas are, each looked up once: a record's entries name few writers many times.
    struct WriterNames {
        /// The language the names are written in (English, what JSON answers carry, unless a
        /// person reads them).
        let language: Language
        private var known: [String: String] = [:]

        /// No writer looked up yet; names in `language`.
        init(language: Language = .english) { self.language = language }

        /// ``RecordHistory/writer(of:in:)`` in ``language``, remembered.
        mutating func name(of replica: String, in db: any StoreConnection) throws -> String {
            if let name = known[replica] { return name }
            let name = try RecordHistory.writer(of: replica, in: db).text(in: language)
            known[replica] = name
            return name
        }
    }

    /// Who a replica is, in words: the tablet and its auditor, the office, or the MIS.
    static func writer(of replica: String, in db: any StoreConnection) throws -> LocalizedText {
        if let row = try db.row("""
            SELECT r.device, d.auditor FROM device_replicas r JOIN devices d ON d.name = r.device WHERE r.replica = ?
            """, [replica]) {
            return LocalizedText("writer.tablet", ["device": try row.decode(String.self, at: 0), "auditor": try row.decode(String.self, at: 1)])
        }
        if replica.hasPrefix("mis") { return LocalizedText("writer.mis") }
        if replica.hasPrefix("server") { return LocalizedText("writer.office") }
        return LocalizedText("writer.replica", ["replica": replica])
    }
}
