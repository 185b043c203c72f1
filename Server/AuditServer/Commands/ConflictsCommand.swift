import ArgumentParser
import CommandLanguage
import Foundation
import Shared

/// `audit-server conflicts list|resolve|resolve-all`.
struct ConflictsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "Review fields that two people changed at once, and resolve them.",
        subcommands: [List.self, Resolve.self, ResolveAll.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every record with a field in conflict, with each value and who wrote it.",
            discussion: "--json prints an array of records in the shape of audit-terminal show --json.")
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let language = messages.language
            let views = try DispatchService(database: try data.open()).conflicts().map(RecordView.init)
            if json {
                print(String(decoding: try WireCoding.encode(views), as: UTF8.self))
                return
            }
            if views.isEmpty { print(language.localized("server.conflicts.none")) }
            for view in views {
                view.conflictLines(in: language).forEach { print($0) }
            }
        }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resolve a conflict: choose one writer's value or type the right one.",
            discussion: """
                The resolution is an ordinary write that covers every value in conflict; once tablets \
                sync, the conflict is gone everywhere.

                Examples:
                  audit-server conflicts resolve --data DIR customer/cus-100 tariff --pick mis
                  audit-server conflicts resolve --data DIR cus-100 phone --value "+49 921 555 0100"
                """
        )
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @Argument(help: "The record: KIND/ID, or an id with its usual prefix (cus-, dev-, wo-, vis-).") var record: String
        @Argument(help: "The field in conflict.") var field: String
        @Option(help: "The value to keep.") var value: String?
        @Option(help: "Keep the value this replica wrote (for example mis, server, t-tab-7).") var pick: String?

        func validate() throws {
            guard (value == nil) != (pick == nil) else { throw ValidationError(messages.language.localized("server.conflicts.value_or_pick")) }
        }

        func run() async throws {
            let language = messages.language
            let key = try RecordReference.parse(record, in: language)
            let resolution: DispatchService.Resolution
            if let pick {
                do { resolution = .pick(try ReplicaID(validating: pick)) } catch { throw ExitCodeMessage(error.description) }
            } else {
                resolution = .value(value ?? "")
            }
            let service = DispatchService(database: try data.open())
            let state = try CommandErrors.reported { try service.resolve(key, field: field, with: resolution) }
            print(language.localized("server.conflicts.resolved", [
                "record": key, "field": key.kind.schema.label(of: field, in: language), "value": state.value(of: field)?.description ?? ""]))
        }
    }
}

/// Reads a record reference typed by a person: `customer/cus-1` or just `cus-1`.
enum RecordReference {
    /// The record `text` names; a reference that names none is told in `language`.
    static func parse(_ text: String, in language: Language) throws -> RecordKey {
        if let slash = text.firstIndex(of: "/") {
            let kindText = String(text[..<slash])
            guard let kind = RecordKind(rawValue: kindText) else {
                throw ExitCodeMessage(language.localized("server.conflicts.unknown_kind", [
                    "kind": kindText, "kinds": RecordKind.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
            return RecordKey(kind: kind, id: String(text[text.index(after: slash)...]))
        }
        guard let kind = RecordKind.allCases.first(where: { text.hasPrefix($0.idPrefix + "-") }) else {
            throw ExitCodeMessage(language.localized("server.conflicts.which_kind", ["reference": text]))
        }
        return RecordKey(kind: kind, id: text)
    }
}
