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

    /// The `meta` key of the generation of the findings kept (``PullResponse/findingsGeneration``);
    /// empty or absent when the tablet holds none it can name.
    static let findingsGenerationKey = "findings_generation"

    /// The generation of the findings kept, to name in the next pull; `nil` when the next pull's
    /// last page must bring them all (never received, or records arrived without them since).
    public func findingsGeneration() throws -> String? {
        try database.read { db in try Meta.get(Self.findingsGenerationKey, in: db).flatMap { $0.isEmpty ? nil : $0 } }
    }

    /// Keeps what a pulled page says about findings, in the transaction that applies it: the last
    /// page's findings replace those kept and their generation is kept; a page that brings records
    /// or `left_scope` without them (one that is not the last) may have changed the scope, so the
    /// generation is forgotten until a last page brings the findings of the new scope. Kept in
    /// the store rather than per round, so a last page lost on the way still leaves it forgotten.
    static func keepFindings(of page: PullResponse, in db: Database) throws {
        if let findings = page.findings {
            try keep(findings, in: db)
            try Meta.set(findingsGenerationKey, page.findingsGeneration ?? "", in: db)
        } else if !page.records.isEmpty || !page.leftScope.isEmpty {
            try forgetFindingsGeneration(in: db)
        }
    }

    /// Forgets the generation of the findings kept, so the next pull's last page brings them all.
    static func forgetFindingsGeneration(in db: Database) throws {
        try Meta.set(findingsGenerationKey, "", in: db)
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
