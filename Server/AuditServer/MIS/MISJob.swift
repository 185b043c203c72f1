import Crypto
import Foundation
import Logging
import Shared

/// One run of the MIS reconciliation job: pull what changed in the MIS, merge it as the `mis`
/// replica, send the field's verified corrections back, and report every difference.
///
/// Running it twice in a row changes nothing the second time and sends nothing twice: rows the
/// store already agrees with write nothing, and corrections are remembered once sent. The
/// `changed_since` mark advances only in the transaction after every page of a pull committed.
public struct MISJob: Sendable {
    let database: any ServerStore
    let endpoint: MISEndpoint
    let dryRun: Bool
    let logger: Logger

    /// Records merged per transaction.
    static let chunkSize = 1_000
    /// Corrections per `POST /corrections`.
    static let batchSize = 500

    /// Progress of a phase: its name (for a reader of any language), work done, work in all.
    typealias Progress = @Sendable (LocalizedText, Int, Int) -> Void

    init(database: any ServerStore, endpoint: MISEndpoint, dryRun: Bool, logger: Logger) {
        self.database = database
        self.endpoint = endpoint
        self.dryRun = dryRun
        self.logger = logger
    }

    /// An export read into records, with the mark to remember once it is merged.
    struct Pulled<Record: AuditRecord> {
        var importer: RecordImporter<Record>
        var pages: [MISPage<Record>]
        var mark: String?
        /// Whether this was the whole export (no `changed_since`), so absent records are gone.
        var isFull: Bool
    }

    /// Runs the job once.
    func run(progress: Progress = { _, _, _ in }) async throws -> MISReport {
        let report = MISReportBuilder()
        let customers = try await pull(.customers, "customers", progress: progress)
        let devices = try await pull(.devices, "devices", progress: progress)
        for page in customers.pages { report.addRowsRead(page.rowsRead) }
        for page in devices.pages { report.addRowsRead(page.rowsRead) }

        if dryRun {
            // Everything as for real, in one transaction that is then rolled back.
            struct DryRunRollback: Error {}
            do {
                try await database.write { db in
                    try merge(customers, report: report, in: db)
                    try merge(devices, report: report, in: db)
                    for correction in try corrections(in: db).found {
                        report.add(.correctionSent, key: RecordKey(kind: correction.kind, id: correction.id), misKey: correction.key,
                                   field: correction.field, misValue: correction.misValue, fieldValue: correction.value,
                                   detail: "would be sent")
                    }
                    throw DryRunRollback()
                }
            } catch is DryRunRollback {}
            return report.finish(dryRun: true)
        }

        try await commit(customers, collection: "customers", report: report, progress: progress)
        try await commit(devices, collection: "devices", report: report, progress: progress)
        try await sendCorrections(report: report, progress: progress)
        return report.finish(dryRun: false)
    }

    // MARK: Pulling

    private func pull<Record: AuditRecord>(_ importer: RecordImporter<Record>, _ collection: String, progress: Progress) async throws -> Pulled<Record> {
        let since: String?
        if case .http = endpoint {
            since = try await database.read { db in try db.value(String.self, "SELECT value FROM meta WHERE key = ?", [Self.markKey(collection)]) }
        } else {
            since = nil
        }
        let pages = try await endpoint.export(collection, importer: importer, since: since) { done, total in
            progress(LocalizedText("server.mis.phase.reading." + collection), done, total)
        }
        return Pulled(importer: importer, pages: pages, mark: pages.first?.asOf, isFull: since == nil)
    }

    private static func markKey(_ collection: String) -> String { "mis.changed_since.\(collection)" }

    /// Merges a pull in transactions of ``chunkSize`` records; the mark goes with the last one.
    private func commit<Record: AuditRecord>(_ pulled: Pulled<Record>, collection: String, report: MISReportBuilder, progress: Progress) async throws {
        let rows = reportRejections(pulled, report: report)
        var done = 0
        for start in stride(from: 0, to: max(rows.count, 1), by: Self.chunkSize) {
            let chunk = rows[start..<min(start + Self.chunkSize, rows.count)]
            let isLast = start + Self.chunkSize >= rows.count
            let mark = report.lineCount
            do {
                try await database.write { db in
                    try merge(chunk, of: pulled, isLast: isLast, markAs: collection, report: report, in: db)
                }
            } catch {
                report.truncate(to: mark)
                throw error
            }
            done += chunk.count
            progress(LocalizedText("server.mis.phase.merging." + collection), done, rows.count)
        }
    }

    /// Merges a whole pull inside the caller's transaction (dry runs); no mark is stored.
    private func merge<Record: AuditRecord>(_ pulled: Pulled<Record>, report: MISReportBuilder, in db: any StoreConnection) throws {
        try merge(reportRejections(pulled, report: report)[...], of: pulled, isLast: true, markAs: nil, report: report, in: db)
    }

    /// Reports the pull's rejected rows and returns its good ones with the fields each covers.
    private func reportRejections<Record: AuditRecord>(_ pulled: Pulled<Record>, report: MISReportBuilder) -> [(record: Record, fields: Set<String>)] {
        for page in pulled.pages {
            for problem in page.problems { report.add(.rowRejected, key: nil, detail: "\(problem.position): \(problem.message)") }
        }
        return pulled.pages.flatMap { page in page.result.records.map { ($0.record, page.result.fields) } }
    }

    /// Reconciles `rows`. After the pull's last rows, records absent from a full export are
    /// reported and, given `collection`, the pull's mark is stored in the same transaction.
    private func merge<Record: AuditRecord>(_ rows: ArraySlice<(record: Record, fields: Set<String>)>, of pulled: Pulled<Record>,
                                            isLast: Bool, markAs collection: String?, report: MISReportBuilder, in db: any StoreConnection) throws {
        for (record, fields) in rows { try reconcile(record, fields: fields, importer: pulled.importer, report: report, in: db) }
        guard isLast else { return }
        if pulled.isFull { try reportGone(pulled, report: report, in: db) }
        if let collection, let newMark = pulled.mark {
            try db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [Self.markKey(collection), newMark])
        }
    }

    private func reconcile<Record: AuditRecord>(_ record: Record, fields: Set<String>, importer: RecordImporter<Record>,
                                                report: MISReportBuilder, in db: any StoreConnection) throws {
        let misKey = record.fieldValues.first { $0.0 == importer.keyField }?.1.description ?? ""
        try MISReconciler(report: report).reconcile(record, key: misKey, fields: fields, in: db)
    }

    /// Records the MIS held before and left out of a full export.
    private func reportGone<Record: AuditRecord>(_ pulled: Pulled<Record>, report: MISReportBuilder, in db: any StoreConnection) throws {
        let seen = Set(pulled.pages.flatMap { $0.result.records.map(\.record.id.rawValue) })
        for id in try MISMirror.ids(Record.kind, in: db) where !seen.contains(id) {
            let key = RecordKey(kind: Record.kind, id: id)
            let misKey = try RecordTable.load(key, in: db)?.text(pulled.importer.keyField) ?? ""
            report.add(.goneFromMIS, key: key, misKey: misKey, detail: "not in the full export; nothing was changed")
        }
    }

    // MARK: Corrections

    /// The corrections of every record changed since the last delivery, and the change-log
    /// position they were computed at.
    private func corrections(in db: any StoreConnection) throws -> (found: [MISCorrection], cursor: Int64) {
        let since = try db.value(Int64.self, "SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'mis.corrections.seq'") ?? 0
        let cursor = try RecordTable.currentSequence(in: db)
        let candidates = try db.rows("""
            SELECT r.kind, r.id FROM records r JOIN mis_mirror m ON m.kind = r.kind AND m.id = r.id
            WHERE r.seq > ? AND r.kind IN ('customer', 'device') ORDER BY r.seq
            """, [since])
        let reconciler = MISReconciler(report: MISReportBuilder())
        var found: [MISCorrection] = []
        for row in candidates {
            let kind: RecordKind = row[0] == RecordKind.customer.rawValue ? .customer : .device
            let key = RecordKey(kind: kind, id: row[1])
            let (keyField, fields) = Self.misFields(kind)
            let misKey = try RecordTable.load(key, in: db)?.text(keyField) ?? ""
            found += try reconciler.corrections(for: key, misKey: misKey, fields: fields, in: db)
        }
        return (found, cursor)
    }

    private func sendCorrections(report: MISReportBuilder, progress: Progress) async throws {
        let (found, cursor) = try await database.read { db in try corrections(in: db) }
        let batches = stride(from: 0, to: found.count, by: Self.batchSize).map { Array(found[$0..<min($0 + Self.batchSize, found.count)]) }
        for (index, corrections) in batches.enumerated() {
            let batch = MISCorrectionBatch(batchID: Self.digest(corrections), corrections: corrections)
            let answer = try await endpoint.deliver(batch)
            let refused = Dictionary(answer.rejected.map { ($0.index, $0.reason) }, uniquingKeysWith: { first, _ in first })
            try await database.write { db in try settle(batch, refused: refused, report: report, in: db) }
            progress(LocalizedText("server.mis.phase.sending"), index + 1, batches.count)
        }
        try await database.write { db in
            try db.execute("INSERT INTO meta (key, value) VALUES ('mis.corrections.seq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [String(cursor)])
        }
    }

    /// Remembers what the MIS accepted and what it refused.
    private func settle(_ batch: MISCorrectionBatch, refused: [Int: String], report: MISReportBuilder, in db: any StoreConnection) throws {
        var accepted: [RecordKey: [String: String]] = [:]
        for (index, correction) in batch.corrections.enumerated() {
            let key = RecordKey(kind: correction.kind, id: correction.id)
            if let reason = refused[index] {
                try MISMirror.recordRefused(correction, batchID: batch.batchID, in: db)
                report.add(.correctionRejected, key: key, misKey: correction.key, field: correction.field,
                           misValue: correction.misValue, fieldValue: correction.value, detail: reason)
            } else {
                report.add(.correctionSent, key: key, misKey: correction.key, field: correction.field,
                           misValue: correction.misValue, fieldValue: correction.value, detail: "batch \(batch.batchID)")
                accepted[key, default: [:]][correction.field] = correction.value
            }
        }
        let reconciler = MISReconciler(report: report)
        for (key, values) in accepted {
            try reconciler.accepted(values, for: key, fields: Self.misFields(key.kind).fields, in: db)
        }
    }

    /// The key column and the fields the MIS exchanges for records of `kind`: the import's columns.
    static func misFields(_ kind: RecordKind) -> (keyField: String, fields: Set<String>) {
        kind == .customer
            ? (RecordImporter<Customer>.customers.keyField, RecordImporter<Customer>.customers.writableFields)
            : (RecordImporter<Device>.devices.keyField, RecordImporter<Device>.devices.writableFields)
    }

    /// A digest of the corrections: the batch id and idempotency key.
    static func digest(_ corrections: [MISCorrection]) -> String {
        let bytes = (try? WireCoding.encode(corrections)) ?? Data()
        return SHA256.hash(data: bytes).prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
