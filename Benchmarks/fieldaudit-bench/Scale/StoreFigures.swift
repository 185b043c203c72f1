import Foundation

/// Everything measured on one store.
struct StoreFigures: Sendable {
    var store: String
    /// Customers imported by each step and how long each took.
    var imports: [(customers: Int, seconds: Double)] = []
    /// Seconds spent writing the work orders in-process (setup, not a goal).
    var cutSeconds = 0.0
    /// First syncs after each step, by customers loaded so far.
    var firstSyncs: [(customers: Int, figures: FirstSyncs.Figures)] = []
    var idle: IdlePulls.Figures?
    /// Push phases by number of nodes.
    var pushes: [(nodes: Int, figures: PushPhase.Figures)] = []
    /// One entry per node holding long-polls.
    var longPolls: [IdleLongPolls.Figures] = []
    /// `/proc/loadavg` (1, 5, 15 minutes) when the store's run began and ended.
    var loadBefore = LoadAverage.now, loadAfter = LoadAverage.now

    var importedCustomers: Int { imports.reduce(0) { $0 + $1.customers } }
    var importSeconds: Double { imports.reduce(0) { $0 + $1.seconds } }
}

/// The machine's load average, as `uptime` prints it.
enum LoadAverage {
    static var now: String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }
}

/// The stores' figures side by side, one row per figure, as a Markdown table.
struct ScaleTable {
    let columns: [StoreFigures]
    let province: Province
    let measure: MeasureOptions

    private typealias Row = (label: String, cell: (StoreFigures) -> String)

    func render() -> String {
        let rows = self.rows()
        var lines = ["| what | " + columns.map(\.store).joined(separator: " | ") + " |",
                     "| --- |" + String(repeating: " --- |", count: columns.count)]
        for row in rows { lines.append("| \(row.label) | " + columns.map(row.cell).joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n")
    }

    private func rows() -> [Row] {
        var rows: [Row] = [
            ("import of \(Format.grouped(province.customers)) customers (goal < 5 min)", importCell),
            ("work orders written in-process (setup)", { String(format: "%d in %.1f s", province.orders, $0.cutSeconds) }),
        ]
        for (index, step) in province.steps.enumerated() {
            rows.append(("first sync of a \(province.orderSize)-customer packet at \(Format.grouped(step.upperBound)) customers, p50 / p99"
                         + (index == province.steps.count - 1 ? " (goal p99 < 200 ms)" : ""),
                         { firstSyncCell($0, index: index) }))
        }
        rows.append(("pull when nothing changed at \(Format.grouped(province.customers)): server mean (share ≤ 10 ms); round trip p50 / p99 (goal < 10 ms server)", idleCell))
        for nodes in [1, 2] {
            rows.append(("merged records/s, \(measure.pushTablets) tablets × \(measure.batchSize)-record batches, \(nodes) node\(nodes == 1 ? "" : "s")",
                         { pushCell($0, nodes: nodes) }))
        }
        rows.append(("\(Format.grouped(measure.longPolls)) long-polls held: RSS per node", longPollCell))
        rows.append(("load average (1, 5, 15 min) before → after", { "\($0.loadBefore) → \($0.loadAfter)" }))
        return rows
    }

    private func importCell(_ figures: StoreFigures) -> String {
        guard figures.importSeconds > 0 else { return "—" }
        let steps = figures.imports.map { String(format: "%@ in %.1f s", Format.grouped($0.customers), $0.seconds) }.joined(separator: " + ")
        return String(format: "**%.1f s**, %@/s (%@)", figures.importSeconds, Format.grouped(Int(Double(figures.importedCustomers) / figures.importSeconds)), steps)
    }

    private func firstSyncCell(_ figures: StoreFigures, index: Int) -> String {
        guard index < figures.firstSyncs.count else { return "—" }
        let latencies = figures.firstSyncs[index].figures.latencies
        return "\(Format.ms(latencies.p50)) / **\(Format.ms(latencies.p99))** (n = \(latencies.count))"
    }

    private func idleCell(_ figures: StoreFigures) -> String {
        guard let idle = figures.idle else { return "—" }
        return "**\(Format.ms(idle.serverMeanMs))** (\(String(format: "%.0f%%", idle.within10ms * 100))); \(Format.ms(idle.roundTrip.p50)) / \(Format.ms(idle.roundTrip.p99))"
    }

    private func pushCell(_ figures: StoreFigures, nodes: Int) -> String {
        guard let push = figures.pushes.first(where: { $0.nodes == nodes })?.figures else {
            return nodes > 1 ? "— (one writer: one node)" : "—"
        }
        let seconds = max(push.elapsed.seconds, 0.001)
        return String(format: "**%@**/s (p99 %@; cores: server %.2f, bench %.2f, other %.2f)", Format.grouped(Int(push.rate)),
                      Format.ms(push.latencies.p99), push.serverCPU / seconds, push.benchCPU / seconds, push.otherCPU / seconds)
            + (push.failures.isEmpty ? "" : "; \(push.failures.count) FAILED")
    }

    private func longPollCell(_ figures: StoreFigures) -> String {
        guard !figures.longPolls.isEmpty else { return "—" }
        return figures.longPolls.map { "\(Format.grouped($0.waitingGauge)) waiting: **\(Format.kib($0.rssWaitingKiB))**" }.joined(separator: "; ")
    }
}
