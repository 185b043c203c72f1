import Shared

/// The open findings a tablet receives with its work (``QualityNote``): about the customers of the
/// auditor's work orders and their devices, and nobody else's (the trust rules' scope). A pull's
/// last page carries all of them, so a finding closed here leaves the tablet at its next sync; a
/// work packet carries those of its customers.
enum QualityNotes {
    /// The open findings about the customers in `auditor`'s work and their devices.
    ///
    /// The scope's records are listed first (a few hundred) and their findings then looked up by
    /// subject, so neither store walks the province's open findings on every pull.
    static func open(forAuditor auditor: String, in db: any StoreConnection) throws -> [QualityNote] {
        let subjects = try db.values(String.self, """
            SELECT c.customer FROM work_order_customers c JOIN work_orders w ON w.id = c.work_order WHERE w.auditor = ?1
            UNION
            SELECT d.device FROM device_customers d
            JOIN work_order_customers c ON c.customer = d.customer
            JOIN work_orders w ON w.id = c.work_order WHERE w.auditor = ?1
            """, [auditor])
        return try open(about: subjects, in: db)
    }

    /// The open findings about the records `subjects` (ids), by record and rule.
    static func open(about subjects: [String], in db: any StoreConnection) throws -> [QualityNote] {
        var notes: [QualityNote] = []
        for slice in SQLList.slices(Array(Set(subjects))) {
            notes += try db.rows("""
                SELECT rule, subject, kind, field, severity, detail FROM quality_findings
                WHERE closed_ms IS NULL AND subject IN (\(SQLList.placeholders(slice.count)))
                """, StoreArguments(slice.map(\.storeValue))).compactMap { row in
                guard let kind = RecordKind(rawValue: row[2]), let severity = QualitySeverity(rawValue: row[4]) else { return nil }
                return QualityNote(rule: row[0], subject: row[1], kind: kind, field: row[3], severity: severity,
                                   detail: QualityFindings.decode(row[5]))
            }
        }
        return notes.sorted { ($0.subject, $0.rule) < ($1.subject, $1.rule) }
    }
}
