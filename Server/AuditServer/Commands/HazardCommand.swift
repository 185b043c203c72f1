import ArgumentParser
import CommandLanguage
import Foundation
import Shared
import TextLayout

extension HazardState: ExpressibleByArgument {}
extension HazardSeverity: ExpressibleByArgument {}

/// `audit-server hazard list|show|plan|rectified|reinspect|close`: the office's side of a hazard's life.
struct HazardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hazard",
        abstract: "Track the safety hazards auditors found to closure.",
        discussion: """
            An auditor's tablet records a hazard during a visit (state found). The office plans its \
            rectification, reports it rectified, and sends an auditor to re-inspect it: a work order \
            with the hazard's customer as its stop. The re-inspecting tablet records passed \
            (re-inspected) or failed (reopened, to be planned again); a re-inspected hazard is closed \
            here. A step taken from the wrong state is refused and nothing is written. Every step \
            keeps who took it and when (`audit-server hazard show ID`, or every write in \
            `audit-server history KIND ID`).

            Examples:
              audit-server hazard list --data DIR --state found --severity high
              audit-server hazard list --data DIR --overdue
              audit-server hazard show haz-1f0c… --data DIR
              audit-server hazard plan haz-1f0c… --data DIR --owner "Line crew 3" --due 2026-12-20
              audit-server hazard rectified haz-1f0c… --data DIR
              audit-server hazard reinspect haz-1f0c… --data DIR --assignee ben --due 2026-12-28
              audit-server hazard close haz-1f0c… --data DIR
            """,
        subcommands: [List.self, Show.self, Plan.self, Rectified.self, Reinspect.self, Close.self]
    )

    /// `--data`/`--store`, `--lang`, and the hazard named.
    struct Target: ParsableArguments {
        @Argument(help: "The hazard's id.") var id: String
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions

        /// Runs `body` on the store and prints what it says in the reader's language; a refused step
        /// is printed in it too, with a non-zero exit.
        func run(_ body: (HazardService) throws -> LocalizedText) throws {
            let language = messages.language
            do {
                print(try body(HazardService(database: try data.open())).text(in: language))
            } catch let error as HazardError {
                throw ExitCodeMessage(error.text(in: language))
            } catch let error as APIError {
                throw ExitCodeMessage(error.body.detail)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List hazards, the most severe first: id, state, severity, type, customer, age, due date, owner.",
            discussion: """
                Examples:
                  audit-server hazard list --data DIR
                  audit-server hazard list --data DIR --state reopened
                  audit-server hazard list --data DIR --severity high --overdue --json
                """)
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @Option(help: ArgumentHelp("Only hazards in this state: \(HazardState.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "state"))
        var state: HazardState?
        @Option(help: ArgumentHelp("Only hazards of this severity or worse: low, medium, high, critical.", valueName: "severity"))
        var severity: HazardSeverity?
        @Flag(help: "Only hazards whose rectification or re-inspection is past its due date.") var overdue = false
        @Flag(help: "Print JSON (codes, never words).") var json = false

        func run() async throws {
            let filter = HazardFilter(state: state, severity: severity, overdue: overdue)
            let hazards = try HazardService(database: try data.open()).hazards(filter)
            if json {
                print(String(decoding: try WireCoding.encode(hazards.map { HazardRow($0, today: filter.today) }), as: UTF8.self))
                return
            }
            let language = messages.language
            guard !hazards.isEmpty else {
                print(language.localized("hazard.none"))
                return
            }
            var table = TextTable([.left, .left, .left, .left, .left, .right, .left, .left])
            for hazard in hazards {
                let row = HazardRow(hazard, today: filter.today)
                let due = row.due.map { row.overdue ? language.localized("hazard.overdue", ["due": $0]) : $0 } ?? "-"
                table.add([hazard.id.rawValue, hazard.state.label(in: language), hazard.severity.label(in: language),
                           hazard.type.label(in: language), hazard.customer.rawValue,
                           language.localized("hazard.age", ["days": row.ageDays]), due, hazard.owner ?? "-"])
            }
            print(table.text)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a hazard and every step of its life: the state each led to, who took it, when, and what it set.",
            discussion: """
                The steps come from the record history, whoever took them: the finder's and the \
                re-inspecting auditor's tablets, the console, this command line.

                Examples:
                  audit-server hazard show haz-1f0c… --data DIR
                  audit-server hazard show haz-1f0c… --data DIR --json   # as GET /console/api/hazards/{id}
                """)
        @OptionGroup var target: Target
        @Flag(help: "Print JSON as the console's API answers it (codes, never words).") var json = false

        func run() async throws {
            let language = target.messages.language
            let detail: HazardDetail
            do { detail = try HazardService(database: try target.data.open()).detail(target.id) } catch let error as HazardError {
                throw ExitCodeMessage(error.text(in: language))
            }
            if json {
                print(String(decoding: try WireCoding.encode(detail), as: UTF8.self))
                return
            }
            let hazard = detail.hazard
            let type = HazardType(rawValue: hazard.type)?.label(in: language) ?? hazard.type
            print(language.localized("hazards.detail_title", ["id": hazard.id, "type": type]))
            print([HazardState(rawValue: hazard.state)?.label(in: language), HazardSeverity(rawValue: hazard.severity)?.label(in: language),
                   hazard.customer, hazard.description].compactMap { $0 }.joined(separator: " · "))
            var table = TextTable([.left, .left, .left, .left])
            for step in detail.steps {
                table.add([step.at, step.state.label(in: language), step.by, step.summary(in: language)])
            }
            print(table.text)
        }
    }

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan a hazard's rectification: who does it and by when (found, reopened, or planned before).",
            discussion: "Example:\n  audit-server hazard plan haz-1f0c… --data DIR --owner \"Line crew 3\" --due 2026-12-20")
        @OptionGroup var target: Target
        @Option(help: "Who rectifies it: a crew, a contractor, the customer.") var owner: String
        @Option(help: "By when, YYYY-MM-DD.") var due: String

        func run() async throws {
            try target.run { service in
                let hazard = try service.plan(target.id, owner: owner, due: due)
                return LocalizedText("hazard.done.plan", ["id": hazard.id.rawValue, "owner": owner, "due": due])
            }
        }
    }

    struct Rectified: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report a planned hazard rectified; it then waits for a re-inspection.",
            discussion: "Example:\n  audit-server hazard rectified haz-1f0c… --data DIR")
        @OptionGroup var target: Target

        func run() async throws {
            try target.run { service in
                LocalizedText("hazard.done.rectified", ["id": try service.markRectified(target.id).id.rawValue])
            }
        }
    }

    struct Reinspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send an auditor to re-inspect a rectified hazard: a work order with its customer as the stop.",
            discussion: """
                The auditor's tablet receives the work order and the hazard on its next sync, and \
                records passed or failed there; an auditor without an active tablet is refused. Prints the new work order's id last.

                Example:
                  audit-server hazard reinspect haz-1f0c… --data DIR --assignee ben --due 2026-12-28
                """)
        @OptionGroup var target: Target
        @Option(help: "The auditor who re-inspects it.") var assignee: String
        @Option(help: "By when, YYYY-MM-DD.") var due: String?

        func run() async throws {
            let language = target.messages.language
            var order = ""
            try target.run { service in
                let hazard = try service.hazard(target.id)
                let area = language.localized("hazard.reinspection_area", ["type": hazard.type.label(in: language)])
                let done = try service.reinspect(target.id, assignee: assignee, due: due, area: area)
                order = done.order.id.rawValue
                return LocalizedText("hazard.done.reinspect", ["id": hazard.id.rawValue, "assignee": assignee, "order": order])
            }
            print(order)
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a hazard a re-inspection found rectified.",
            discussion: "Example:\n  audit-server hazard close haz-1f0c… --data DIR")
        @OptionGroup var target: Target

        func run() async throws {
            try target.run { service in LocalizedText("hazard.done.close", ["id": try service.close(target.id).id.rawValue]) }
        }
    }
}
