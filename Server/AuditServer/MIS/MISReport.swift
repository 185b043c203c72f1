import Foundation
import Shared
import Synchronization
import TextLayout

/// What one run of the MIS job found and did: counts for the summary, and one CSV row per
/// difference for the reconciliation report.
struct MISReport: Sendable, Encodable {
    /// What happened to a record or a field.
    enum Outcome: String, Sendable, Encodable, CaseIterable {
        case matched = "matched"
        case newInMIS = "new_in_mis"
        case goneFromMIS = "gone_from_mis"
        case changedByMIS = "changed_by_mis"
        case conflictOpened = "conflict_opened"
        case correctionSent = "correction_sent"
        case correctionRejected = "correction_rejected"
        case rowRejected = "row_rejected"
    }

    /// One line of the report.
    struct Line: Sendable, Encodable {
        var outcome: Outcome
        var kind: String
        var id: String
        var key: String
        var field: String
        var misValue: String
        var fieldValue: String
        var detail: String
    }

    var lines: [Line] = []
    var rowsRead = 0
    var dryRun = false

    /// How many lines have `outcome`.
    func count(_ outcome: Outcome) -> Int { lines.reduce(0) { $0 + ($1.outcome == outcome ? 1 : 0) } }

    /// The counts, one per outcome, by name.
    var counts: [String: Int] {
        Dictionary(uniqueKeysWithValues: Outcome.allCases.map { ($0.rawValue, count($0)) })
    }

    /// The short summary printed at the end of a run, in `language`: the rows read, then how
    /// many lines each outcome has.
    func summary(in language: Language) -> String {
        var table = TextTable([.left, .left], gap: " ")
        for outcome in Outcome.allCases {
            table.add([language.localized("server.mis.outcome." + outcome.rawValue), String(count(outcome))])
        }
        let heading = language.localized(dryRun ? "server.mis.heading_dry_run" : "server.mis.heading", ["rows": rowsRead])
        return ([heading] + table.lines.map { "  " + $0 }).joined(separator: "\n")
    }

    /// The report as CSV (RFC 4180): every line except plain matches.
    var csv: String {
        var text = "outcome,kind,id,key,field,mis_value,field_value,detail\r\n"
        for line in lines where line.outcome != .matched {
            text += CSVText.line([line.outcome.rawValue, line.kind, line.id, line.key, line.field, line.misValue, line.fieldValue, line.detail])
        }
        return text
    }

    enum CodingKeys: String, CodingKey {
        case counts
        case rowsRead = "rows_read"
        case dryRun = "dry_run"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(counts, forKey: .counts)
        try container.encode(rowsRead, forKey: .rowsRead)
        try container.encode(dryRun, forKey: .dryRun)
    }
}

/// Collects report lines from inside database transactions.
final class MISReportBuilder: Sendable {
    private let report = Mutex(MISReport())

    func add(_ outcome: MISReport.Outcome, key: RecordKey? = nil, misKey: String = "", field: String = "",
             misValue: String = "", fieldValue: String = "", detail: String = "") {
        let line = MISReport.Line(outcome: outcome, kind: key?.kind.rawValue ?? "", id: key?.id ?? "", key: misKey,
                                  field: field, misValue: misValue, fieldValue: fieldValue, detail: detail)
        report.withLock { $0.lines.append(line) }
    }

    func addRowsRead(_ count: Int) { report.withLock { $0.rowsRead += count } }

    /// Forgets the lines added since `mark` (a transaction that rolled back).
    func truncate(to mark: Int) { report.withLock { $0.lines.removeSubrange(mark...) } }

    var lineCount: Int { report.withLock { $0.lines.count } }

    func finish(dryRun: Bool) -> MISReport {
        report.withLock { report in
            report.dryRun = dryRun
            return report
        }
    }
}
