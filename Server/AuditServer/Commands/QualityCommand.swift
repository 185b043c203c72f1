import ArgumentParser
import CommandLanguage
import Foundation
import Routing
import Shared
import TextLayout

/// `audit-server quality`: the rules that look for the records most likely to be wrong.
struct QualityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality",
        abstract: "Data-quality monitoring: rules that find the customer and meter records most likely to be wrong.",
        discussion: """
            `quality run` evaluates every rule over the store and keeps each finding with when it \
            was first and last found; a finding stays open while it is true and closes by itself \
            once the data is fixed (by a tablet, the office or the MIS job). `quality list` shows \
            them. The rules and their thresholds are in a rules file: `quality rules` prints the \
            defaults to start one from.

            Example:
              audit-server quality rules > /etc/fieldaudit/quality-rules.yaml
              audit-server quality run --data /var/lib/fieldaudit --rules /etc/fieldaudit/quality-rules.yaml
              audit-server quality list --data /var/lib/fieldaudit --severity warning --county 320102
            """,
        subcommands: [Run.self, List.self, Rules.self]
    )

    /// `--rules FILE`: the operator's rules over the shipped defaults.
    struct RulesOptions: ParsableArguments {
        @Option(help: ArgumentHelp("A rules file over the defaults (see `quality rules`): rules turned off, severities, thresholds.", valueName: "file"))
        var rules: String?

        func settings(in language: Language) throws -> QualitySettings {
            guard let rules else { return .defaults }
            guard let text = try? String(contentsOfFile: rules, encoding: .utf8) else {
                throw ValidationError(language.localized("quality.settings.missing_file", ["file": rules]))
            }
            do { return try QualitySettings(overriding: text) } catch let error as QualitySettingsError {
                throw ValidationError("\(rules): \(error.text(in: language))")
            }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate every rule; open new findings, close those no longer true.",
            discussion: """
                The first run reads every customer and meter; later runs read only the records \
                changed since the last run (from the change log), unless the rules file changed \
                or --full is given. A customer's position is checked against the rules file's \
                service_area, else the box of the imported road map. Safe to run from cron.

                --cut-work then sends auditors to the suspect records: every customer with an \
                open finding (a meter's counts for its customer) that no open work order holds \
                goes to the auditor of the latest order that held it, or to --assignee; one \
                auditor's customers of one county are cut into orders of at most --day-size, \
                each a compact walk, their findings written in the orders' notes (one customer after another, separated by |).

                Example: audit-server quality run --data /var/lib/fieldaudit
                Example: audit-server quality run --data /var/lib/fieldaudit --cut-work --day-size 30 --due 2026-12-20
                """)
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @OptionGroup var rules: RulesOptions
        @Flag(help: "Read every record, not only those changed since the last run.") var full = false
        @Flag(help: "Print the summary as JSON.") var json = false
        @Flag(help: "Then turn the open findings into work orders: each customer no open order holds goes to the auditor who covers it, a day's walk an order.")
        var cutWork = false
        @Option(help: "With --cut-work: the most customers in one order (a day's work).") var daySize = 25
        @Option(help: ArgumentHelp("With --cut-work: the auditor of customers nobody covers yet (else they are left out and counted).", valueName: "name"))
        var assignee: String?
        @Option(help: ArgumentHelp("With --cut-work: the orders' due date.", valueName: "YYYY-MM-DD")) var due: String?

        func validate() throws {
            let language = messages.language
            guard (1...500).contains(daySize) else { throw ValidationError(language.localized("quality.cut.bad_day_size")) }
            if let due, FieldRule.parseDate(due) == nil { throw ValidationError(language.localized("quality.cut.bad_due", ["value": due])) }
        }

        func run() async throws {
            let language = messages.language
            let settings = try rules.settings(in: language)
            let database = try data.open()
            let mapFile = URL(fileURLWithPath: data.data).appendingPathComponent("map/graph.bin").path
            let map = FileManager.default.fileExists(atPath: mapFile) ? try? GraphFile.read(path: mapFile) : nil
            let streets = (map?.graph(for: .foot) ?? map?.graphs.first).map(StreetIndex.init(graph:))
            let summary = try await QualityRun(database: database, settings: settings, serviceArea: map?.bounds, streets: streets).run(full: full)
            if json { return print(String(decoding: try WireCoding.encode(summary), as: UTF8.self)) }
            print(language.localized(summary.full ? "quality.run.full" : "quality.run.changed",
                                     ["checked": summary.checked, "opened": summary.opened, "closed": summary.closed, "open": summary.open]))
            var table = TextTable([.left, .right])
            for (rule, count) in try QualityFindings(database: database).openCounts().sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                table.add([rule.rawValue, String(count)])
            }
            if !table.text.isEmpty { print(table.text) }
            if cutWork { try cut(database, language: language) }
        }

        private func cut(_ database: any ServerStore, language: Language) throws {
            let plan = try QualityWorkCut(database: database).cut(daySize: daySize, assignee: assignee, due: due, language: language)
            if plan.orders.isEmpty { print(language.localized("quality.cut.none")) }
            for order in plan.orders {
                print(language.localized("quality.cut.order", ["id": order.id ?? "", "assignee": order.assignee, "county": order.county ?? "—",
                                                               "count": order.customers.count]))
            }
            if !plan.uncovered.isEmpty { print(language.localized("quality.cut.uncovered", ["count": plan.uncovered.count])) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List findings, most severe first: severity, rule, record, county, since, and what is wrong.",
            discussion: """
                Example: audit-server quality list --data /var/lib/fieldaudit --rule capacity_category --rule tariff_category --county 320102
                """)
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @Option(help: ArgumentHelp("Only this rule (repeat for several).", valueName: "code")) var rule: [String] = []
        @Option(help: ArgumentHelp("Only records of this county.", valueName: "code")) var county: String?
        @Option(help: ArgumentHelp("Only this severity and worse: error, warning or info.", valueName: "level")) var severity: String?
        @Option(help: ArgumentHelp("Only findings about this record.", valueName: "id")) var record: String?
        @Option(help: ArgumentHelp("open (default), closed or all.", valueName: "state")) var state = "open"
        @Option(help: "At most this many (1 to 100000).") var limit = 1_000
        @Flag(help: "JSON instead of lines.") var json = false

        func validate() throws {
            let language = messages.language
            if let unknown = rule.first(where: { QualityRule(rawValue: $0) == nil }) {
                throw ValidationError(QualitySettingsError.unknownRule(unknown).text(in: language))
            }
            if let severity, QualitySeverity(rawValue: severity) == nil {
                throw ValidationError(language.localized("quality.list.bad_severity", ["value": severity]))
            }
            guard ["open", "closed", "all"].contains(state) else { throw ValidationError(language.localized("quality.list.bad_state", ["value": state])) }
            guard (1...100_000).contains(limit) else { throw ValidationError(language.localized("quality.list.bad_limit")) }
        }

        func run() async throws {
            var filter = QualityFindings.Filter()
            filter.rules = rule.compactMap(QualityRule.init(rawValue:))
            filter.county = county
            filter.severity = severity.flatMap(QualitySeverity.init(rawValue:))
            filter.subject = record
            filter.open = state == "all" ? nil : state == "open"
            filter.limit = limit
            let findings = try QualityFindings(database: try data.open()).list(filter)
            if json { return print(String(decoding: try WireCoding.encode(findings), as: UTF8.self)) }
            let language = messages.language
            guard !findings.isEmpty else { return print(language.localized("quality.list.none")) }
            var table = TextTable([.left, .left, .left, .left, .left, .left])
            for finding in findings {
                let since = Date(timeIntervalSince1970: Double(finding.firstSeen) / 1000).formatted(.iso8601.year().month().day())
                table.add([language.localized("quality.severity.\(finding.severity.rawValue)"), finding.rule.rawValue, finding.subject,
                           finding.county ?? "—", since, finding.message(in: language)])
            }
            print(table.text)
        }
    }

    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the default rules file, to copy and edit.",
            discussion: "Example: audit-server quality rules > quality-rules.yaml")

        func run() { print(QualitySettings.defaultText, terminator: "") }
    }
}
