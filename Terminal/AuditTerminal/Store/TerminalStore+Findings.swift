import Foundation
import GRDB
import Shared

/// Data-quality findings on the tablet: the server sends the open ones about the records of the
/// tablet's work (with a pull's last page, and in work packets) and the tablet keeps exactly those,
/// to show each beside the field it concerns. They are the server's to open and close: the tablet
/// never writes them.
extension TerminalStore {
    /// The open findings about the records `subjects` (ids), the most severe first, then by record and rule.
    public func findings(about subjects: [String]) throws -> [QualityNote] {
        guard !subjects.isEmpty else { return [] }
        return try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT subject, rule, kind, field, severity, detail FROM quality_notes
                WHERE subject IN (\(Array(repeating: "?", count: subjects.count).joined(separator: ", ")))
                """, arguments: StatementArguments(subjects)).compactMap(Self.note)
        }
        .sorted { ($0.severity, $0.subject, $0.rule) < ($1.severity, $1.subject, $1.rule) }
    }

    /// Keeps `notes` as the only findings (a pull's last page names all of them).
    static func keep(_ notes: [QualityNote], in db: Database) throws {
        try db.execute(sql: "DELETE FROM quality_notes")
        try insert(notes, in: db)
    }

    /// Keeps `notes` as the findings about `subjects` (a packet names all of those of its records).
    static func keep(_ notes: [QualityNote], replacing subjects: [String], in db: Database) throws {
        for subject in Set(subjects) {
            try db.execute(sql: "DELETE FROM quality_notes WHERE subject = ?", arguments: [subject])
        }
        try insert(notes, in: db)
    }

    private static func insert(_ notes: [QualityNote], in db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO quality_notes (subject, rule, kind, field, severity, detail) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for note in notes {
            let detail = String(decoding: try WireCoding.encode(note.detail), as: UTF8.self)
            try statement.execute(arguments: [note.subject, note.rule, note.kind.rawValue, note.field, note.severity.rawValue, detail])
        }
    }

    private static func note(_ row: Row) -> QualityNote? {
        guard let kind = RecordKind(rawValue: row["kind"]), let severity = QualitySeverity(rawValue: row["severity"]) else { return nil }
        let detail = (try? WireCoding.decode([String: String].self, from: Data((row["detail"] as String).utf8))) ?? [:]
        return QualityNote(rule: row["rule"], subject: row["subject"], kind: kind, field: row["field"], severity: severity, detail: detail)
    }
}
