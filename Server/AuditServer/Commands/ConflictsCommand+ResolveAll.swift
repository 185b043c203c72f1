import ArgumentParser
import CommandLanguage
import Foundation
import Shared

extension ConflictsCommand {
    /// `audit-server conflicts resolve-all`: many conflicts at once by a rule, after a preview.
    struct ResolveAll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resolve-all",
            abstract: "Resolve every conflict on a field by a rule: keep the MIS's, the office's, the auditor's or the newest value.",
            discussion: """
                Look first with --dry-run: it lists each conflict the rule covers, every value with \
                who wrote it, and the value the rule keeps, and writes nothing. Without --dry-run the \
                same list is resolved, each as an ordinary write that covers every value (the record's \
                history names you), and tablets lose the conflict on their next sync.

                A conflict in which the chosen side wrote no value, or several different values (two \
                tablets), is left alone and listed as such: resolve it with `conflicts resolve`. \
                A conflict that changes while the rule runs is left alone too.

                Sides: mis (the MIS, the system of record), office (the server and dispatchers), \
                auditor (a tablet), newest (whoever wrote last).

                Examples:
                  audit-server conflicts resolve-all --data DIR --field tariff --keep mis --dry-run
                  audit-server conflicts resolve-all --data DIR --field tariff --keep mis --kind customer --county 094620
                  audit-server conflicts resolve-all --data DIR --field seal --keep auditor --kind device
                """)
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @Option(help: "The field whose conflicts to resolve (for example tariff, phone, seal).") var field: String
        @Option(help: ArgumentHelp("Whose value to keep.", valueName: "mis|office|auditor|newest")) var keep: ConflictRule.Side
        @Option(help: ArgumentHelp("Only records of this kind; every kind with the field when left out.",
                                   valueName: RecordKind.allCases.map(\.rawValue).joined(separator: "|"))) var kind: String?
        @Option(help: "Only records of this county (its division code).") var county: String?
        @Flag(help: "List what the rule would do, and write nothing.") var dryRun = false

        func validate() throws {
            if let kind, RecordKind(rawValue: kind) == nil {
                throw ValidationError("unknown record kind \(kind); kinds are " + RecordKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }

        func run() async throws {
            let language = messages.language
            let rule = ConflictRule(field: field, keep: keep, kind: kind.flatMap(RecordKind.init(rawValue:)), county: county)
            let service = DispatchService(database: try data.open())
            let preview = try CommandErrors.reported { try service.preview(rule) }
            guard !preview.isEmpty else {
                print(language.localized("server.conflicts.rule.none", ["field": field]))
                return
            }
            let outcomes = dryRun ? preview : try CommandErrors.reported { try service.apply(rule, to: preview.map(\.target)) }
            outcomes.forEach { print($0.line(keeping: keep, in: language)) }
            let resolved = outcomes.count { $0.skipped == nil }
            print(language.localized(dryRun ? "server.conflicts.rule.previewed" : "server.conflicts.rule.applied",
                                     ["resolved": resolved, "left": outcomes.count - resolved]))
        }
    }
}

extension ConflictRule.Side: ExpressibleByArgument {}

extension ConflictMatch {
    /// One line for a person: the record, the field, every value with its writer, and what the
    /// rule keeps or why it leaves the conflict alone.
    func line(keeping side: ConflictRule.Side, in language: Language) -> String {
        let values = values.map { language.localized("record_view.value_by", ["value": $0.value, "writer": $0.writer]) }.joined(separator: " | ")
        var fields: [String: any CustomStringConvertible] = ["record": "\(kind.rawValue)/\(id)", "field": field, "values": values]
        if let keep, skipped == nil {
            fields["value"] = keep.value
            fields["writer"] = keep.writer
            return language.localized("server.conflicts.rule.keep", fields)
        }
        fields["reason"] = language.localized("server.conflicts.skip." + (skipped ?? .changed).rawValue,
                                              ["side": language.localized("server.conflicts.side." + side.rawValue)])
        return language.localized("server.conflicts.rule.leave", fields)
    }
}
