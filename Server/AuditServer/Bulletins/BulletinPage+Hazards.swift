import Shared

extension BulletinPage {
    /// The hazards section: the open hazards by state and severity, and the overdue ones with
    /// their customer, type, severity, who is to act, the due date and the days since.
    var hazards: String {
        let severities = HazardSeverity.allCases.reversed()
        let open = report.openHazardTable.map { line in
            [escape(text("hazard.state." + line.state))] + line.counts.map(num) + [num(line.total)]
        }
        let counts = open.isEmpty ? none
            : table(["bulletin.column.state"] + severities.map { "hazard.severity." + $0.rawValue } + ["bulletin.column.total"],
                    numeric: Set(1...severities.count + 1), open)
        let overdue = report.overdueHazards.map { line in
            [escape(line.customer), escape(text("hazard.type." + line.type)), escape(text("hazard.severity." + line.severity)),
             escape(text("hazard.state." + line.state)), escape(line.reinspectionBy ?? line.owner ?? "-"), escape(line.due), num(line.daysOverdue)]
        }
        let late = overdue.isEmpty ? none
            : table(["bulletin.column.customer", "bulletin.column.type", "bulletin.column.severity", "bulletin.column.state",
                     "bulletin.column.owner", "bulletin.column.due", "bulletin.column.days_overdue"], numeric: [6], overdue)
        return section("hazards", "<h3>\(escape(text("bulletin.hazards.open")))</h3>\n" + counts
                       + "\n<h3>\(escape(text("bulletin.hazards.overdue")))</h3>\n" + late)
    }
}
