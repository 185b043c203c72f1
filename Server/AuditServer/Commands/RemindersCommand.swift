import ArgumentParser
import CommandLanguage
import Foundation
import Shared

/// `audit-server reminders`: the text messages the rules made, and where each stands.
struct RemindersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders",
        abstract: "The text messages to auditors and supervisors: what is waiting, sent, delivered or failed.",
        discussion: """
            Each message is written to the store's outbox in the same transaction as what caused \
            it (a work order created, changed, reassigned or cancelled), with a key made from that \
            cause, so none is lost and none is made twice. Changes of one order within a minute \
            make one message; an urgent order (priority 1) goes at once, to every supervisor too.
            """,
        subcommands: [List.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List messages, newest first: time (UTC), state, recipient, phone, rule and text, separated by tabs.",
            discussion: "Example: audit-server reminders list --data /var/lib/fieldaudit --state pending --state failed")
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @Option(name: .customLong("state"), help: ArgumentHelp("Only messages in this state: pending, queued, delivered, failed or cancelled (repeatable).",
                                                               valueName: "state"))
        var states: [String] = []
        @Option(help: "At most this many.")
        var limit = 200
        @Flag(help: "JSON instead of lines.")
        var json = false

        func validate() throws {
            let known = ["pending", "queued", "delivered", "failed", "cancelled"]
            if let unknown = states.first(where: { !known.contains($0) }) {
                throw ValidationError(messages.language.localized("server.reminders.unknown_state", ["state": unknown, "states": known.joined(separator: ", ")]))
            }
            guard (1...10_000).contains(limit) else { throw ValidationError(messages.language.localized("server.reminders.limit")) }
        }

        func run() async throws {
            let reminders = try ReminderList(database: try data.open()).list(states: states, limit: limit)
            if json {
                print(String(decoding: try WireCoding.encode(reminders), as: UTF8.self))
                return
            }
            let language = messages.language
            for reminder in reminders {
                let time = Date(timeIntervalSince1970: Double(reminder.createdAt) / 1000).formatted(.iso8601)
                print([time, language.localized("server.reminders.state." + reminder.state), reminder.recipient, reminder.phone, reminder.rule,
                       reminder.text].joined(separator: "\t"))
            }
        }
    }
}
