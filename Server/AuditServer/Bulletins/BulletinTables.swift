import Foundation
import Shared

/// A bulletin's tables as CSV, the numbers behind its page: the same in every language (column
/// names and codes, not words), one file each.
public struct BulletinTables: Sendable {
    public let report: BulletinReport

    public init(_ report: BulletinReport) { self.report = report }

    /// The tables' names, as in their file names (`bulletin-week-2026-11-16-summary.csv`) and the console's URLs.
    public static let names = ["summary", "counties", "auditors", "corrections", "conflicts", "presence", "overdue", "hazards", "overdue_hazards"]

    /// The table called `name` as CSV; `nil` for a name not in ``names``.
    public func csv(_ name: String) -> String? {
        switch name {
        case "summary":
            table(["figure", "value", "previous", "delta"], report.headline.map { [$0.name, "\($0.value)", "\($0.previous)", "\($0.delta)"] })
        case "counties": work(report.counties, named: "county")
        case "auditors": work(report.auditors, named: "auditor")
        case "corrections":
            table(["kind", "field", "tablet", "office", "total"], report.corrections.map { [$0.kind, $0.field, "\($0.tablet)", "\($0.office)", "\($0.total)"] })
        case "conflicts":
            table(["kind", "field", "opened", "resolved"], report.conflicts.map { [$0.kind, $0.field, "\($0.opened)", "\($0.resolved)"] })
        case "presence":
            table(["visit", "time", "auditor", "customer", "work_order", "reason"],
                  report.flagged.map { [$0.visit, $0.time, $0.auditor, $0.customer, $0.workOrder, $0.reason] })
        case "overdue":
            table(["work_order", "area", "auditor", "county", "due", "assigned", "remaining"],
                  report.overdue.map { [$0.workOrder, $0.area, $0.auditor, $0.county, $0.due, "\($0.assigned)", "\($0.remaining)"] })
        case "hazards":
            table(["state"] + HazardSeverity.allCases.reversed().map(\.rawValue) + ["total"],
                  report.openHazardTable.map { [$0.state] + $0.counts.map(String.init) + ["\($0.total)"] })
        case "overdue_hazards":
            table(["hazard", "customer", "county", "type", "severity", "state", "owner", "reinspection_by", "due", "days_overdue"],
                  report.overdueHazards.map { [$0.hazard, $0.customer, $0.county, $0.type, $0.severity, $0.state, $0.owner ?? "",
                                               $0.reinspectionBy ?? "", $0.due, "\($0.daysOverdue)"] })
        default: nil
        }
    }

    private func work(_ lines: [BulletinReport.WorkLine], named name: String) -> String {
        table([name, "planned", "visited", "percent", "visits", "corrected_visits", "flagged_visits"], lines.map { line in
            [line.name] + [line.planned, line.visited, line.percent, line.visits, line.correctedVisits, line.flaggedVisits].map(String.init)
        })
    }

    private func table(_ header: [String], _ rows: [[String]]) -> String {
        rows.reduce(CSVText.line(header)) { $0 + CSVText.line($1) }
    }
}
