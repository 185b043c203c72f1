import Foundation
import Shared

/// A bulletin as one HTML page in one language: the headline numbers with their change against the
/// previous period, charts as inline SVG (``BulletinChart``) and the tables behind them. No
/// script and no external file; laid out for A4 (`@page`), never wider than the paper.
public struct BulletinPage: Sendable {
    public let report: BulletinReport
    public let language: Language
    /// When the page was made, shown at its foot.
    public let generatedAt: Date

    public init(_ report: BulletinReport, language: Language, generatedAt: Date = Date()) {
        self.report = report
        self.language = language
        self.generatedAt = generatedAt
    }

    /// The page's markup.
    public var html: String {
        let title = report.period.title(in: language, county: report.county)
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header><h1>\(escape(title))</h1>
            <p>\(text("bulletin.previous", ["title": report.period.previous.title(in: language, county: nil)]))</p></header>
            \(summary)
            \(work)
            \(corrections)
            \(conflicts)
            \(presence)
            \(overdue)
            \(hazards)
            <footer><p>\(text("bulletin.footer", ["time": generatedAt.formatted(.iso8601)]))</p></footer>
            </body>
            </html>

            """
    }

    static let style = """
        @page { size: A4; margin: 15mm 14mm; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", sans-serif; font-size: 10.5pt;
          color: #1b1b1b; max-width: 182mm; margin: 0 auto; padding: 0 3mm; overflow-wrap: anywhere; }
        h1 { font-size: 16pt; margin: 0.6em 0 0.2em; color: #0b3d5c; }
        h2 { font-size: 12.5pt; margin: 1.2em 0 0.3em; border-bottom: 2px solid #0b3d5c; break-after: avoid; }
        h3 { font-size: 11pt; margin: 0.8em 0 0.2em; break-after: avoid; }
        table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0.3em 0 0.8em; }
        th, td { border: 1px solid #bdbdbd; padding: 2px 5px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        th { background: #e8eef3; }
        .n { text-align: right; font-variant-numeric: tabular-nums; }
        tr { break-inside: avoid; }
        svg.chart { display: block; width: 100%; max-width: 100%; height: auto; margin: 0.3em 0; font-size: 12px;
          font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; break-inside: avoid; }
        svg.chart text { fill: #1b1b1b; }
        .up { color: #1b5e20; } .down { color: #a40000; }
        .none { color: #555; font-style: italic; }
        footer { margin-top: 2em; color: #555; font-size: 9pt; }
        """

    private var summary: String {
        let rows = report.headline.map { figure in
            let sign = figure.delta > 0 ? "up" : figure.delta < 0 ? "down" : ""
            let delta = figure.delta > 0 ? "+\(figure.delta)" : figure.delta < 0 ? "−\(-figure.delta)" : "±0"
            return [escape(text("bulletin.figure.\(figure.name)")), num(figure.value), num(figure.previous),
                    #"<span class="\#(sign)">\#(delta)</span>"#]
        }
        return section("summary", table(["bulletin.column.figure", "bulletin.column.value", "bulletin.column.previous", "bulletin.column.delta"],
                                        numeric: [1, 2, 3], rows))
    }

    private var work: String {
        let series = [BulletinChart.Series(name: text("bulletin.column.planned"), color: "#90caf9"),
                      BulletinChart.Series(name: text("bulletin.column.visited"), color: "#1565c0")]
        func part(_ lines: [BulletinReport.WorkLine], heading: String, name: (String) -> String) -> String {
            guard !lines.isEmpty else { return "<h3>\(escape(text(heading)))</h3>" + none }
            let chart = BulletinChart(title: text(heading), series: series,
                                      rows: lines.map { .init(label: name($0.name), values: [$0.planned, $0.visited]) })
            let rows = lines.map { line in
                [escape(name(line.name))] + [line.planned, line.visited].map(num) + [num(line.percent) + "%"]
                    + [line.visits, line.correctedVisits, line.flaggedVisits].map(num)
            }
            return "<h3>\(escape(text(heading)))</h3>\n" + chart.svg + "\n"
                + table([heading == "bulletin.by_county" ? "bulletin.column.county" : "bulletin.column.auditor", "bulletin.column.planned",
                         "bulletin.column.visited", "bulletin.column.percent", "bulletin.column.visits", "bulletin.column.corrected_visits",
                         "bulletin.column.flagged_visits"], numeric: [1, 2, 3, 4, 5, 6], rows)
        }
        return section("work", part(report.counties, heading: "bulletin.by_county") { $0.isEmpty ? text("bulletin.no_county") : $0 }
                       + "\n" + part(report.auditors, heading: "bulletin.by_auditor") { $0.isEmpty ? text("bulletin.unassigned") : $0 })
    }

    private var corrections: String {
        guard !report.corrections.isEmpty else { return section("corrections", none) }
        let top = report.corrections.prefix(12)
        let chart = BulletinChart(title: text("bulletin.section.corrections"),
                                  series: [.init(name: text("bulletin.column.tablet"), color: "#2e7d32"),
                                           .init(name: text("bulletin.column.office"), color: "#ef6c00")],
                                  rows: top.map { .init(label: fieldLabel($0.kind, $0.field), values: [$0.tablet, $0.office]) })
        let rows = report.corrections.map { [escape(kindLabel($0.kind)), escape(fieldLabel($0.kind, $0.field)), num($0.tablet), num($0.office), num($0.total)] }
        return section("corrections", chart.svg + "\n" + table(["bulletin.column.kind", "bulletin.column.field", "bulletin.column.tablet",
                                                                "bulletin.column.office", "bulletin.column.total"], numeric: [2, 3, 4], rows))
    }

    private var conflicts: String {
        guard !report.conflicts.isEmpty else { return section("conflicts", none) }
        let rows = report.conflicts.map { [escape(kindLabel($0.kind)), escape(fieldLabel($0.kind, $0.field)), num($0.opened), num($0.resolved)] }
        return section("conflicts", table(["bulletin.column.kind", "bulletin.column.field", "bulletin.column.opened", "bulletin.column.resolved"],
                                          numeric: [2, 3], rows))
    }

    private var presence: String {
        guard !report.flagged.isEmpty else { return section("presence", none) }
        let rows = report.flagged.map { [escape($0.time), escape($0.auditor), escape($0.customer), escape($0.reason(in: language))] }
        return section("presence", table(["bulletin.column.time", "bulletin.column.auditor", "bulletin.column.customer", "bulletin.column.reason"],
                                         numeric: [], rows))
    }

    private var overdue: String {
        guard !report.overdue.isEmpty else { return section("overdue", none) }
        let rows = report.overdue.map { [escape($0.area), escape($0.auditor), escape($0.due), num($0.assigned), num($0.remaining)] }
        return section("overdue", table(["bulletin.column.area", "bulletin.column.auditor", "bulletin.column.due", "bulletin.column.assigned",
                                         "bulletin.column.remaining"], numeric: [3, 4], rows))
    }

    func section(_ name: String, _ body: String) -> String {
        #"<section id="\#(name)">"# + "\n<h2>\(escape(text("bulletin.section.\(name)")))</h2>\n" + body + "\n</section>"
    }

    func table(_ headings: [String], numeric: Set<Int>, _ rows: [[String]]) -> String {
        func cell(_ tag: String, _ index: Int, _ content: String) -> String {
            numeric.contains(index) ? #"<\#(tag) class="n">\#(content)</\#(tag)>"# : "<\(tag)>\(content)</\(tag)>"
        }
        let head = headings.enumerated().map { cell("th", $0.offset, escape(text($0.element))) }.joined()
        let body = rows.map { "<tr>" + $0.enumerated().map { cell("td", $0.offset, $0.element) }.joined() + "</tr>" }.joined(separator: "\n")
        return "<table><thead><tr>\(head)</tr></thead>\n<tbody>\n\(body)\n</tbody></table>"
    }

    var none: String { #"<p class="none">\#(escape(text("bulletin.none")))</p>"# }
    func num(_ value: Int) -> String { String(value) }
    func text(_ key: String, _ values: [String: any CustomStringConvertible] = [:]) -> String { language.localized(key, values) }
    func escape(_ text: String) -> String { HTMLText.escape(text) }
    private func kindLabel(_ kind: String) -> String { RecordKind(rawValue: kind)?.label(in: language) ?? kind }
    private func fieldLabel(_ kind: String, _ field: String) -> String {
        RecordKind(rawValue: kind)?.schema.label(of: field, in: language) ?? field
    }
}
