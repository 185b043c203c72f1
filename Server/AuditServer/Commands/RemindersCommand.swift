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
        subcommands: [List.self, Preview.self, Run.self]
    )

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make today's digests when their hour has come, and send every message that is due, once (for cron or a systemd timer).",
            discussion: """
                A message the gateway cannot take now (Kannel down, a 503) stays in the outbox and is \
                tried again on a later run; nothing is lost. Prints what the round did. \
                `reminders preview` shows first what a round would send.

                Example: FIELDAUDIT_SMS_PASSWORD=… audit-server reminders run --once --data /var/lib/fieldaudit \
                  --sms http://127.0.0.1:13013/cgi-bin/sendsms --sms-user fieldaudit --digest-hour 18
                """)
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @OptionGroup var sms: SMSOptions
        @Flag(help: "One round, then exit (the only way this command runs; serve --sms runs rounds inside the server).")
        var once = false
        @OptionGroup var schedule: ReminderScheduleOptions

        func validate() throws {
            guard once else { throw ValidationError("say --once: this command runs one round; serve --sms sends continuously") }
        }

        func run() async throws {
            guard let gateway = try sms.gateway() else { throw ValidationError("name the gateway: --sms URL or FIELDAUDIT_SMS_URL") }
            let database = try data.open()
            let round = try await ReminderRound(database: database, gateway: gateway, schedule: schedule.schedule).run()
            print(messages.language.localized("server.reminders.round", ["digests": round.digests + round.summaries, "accepted": round.sent.accepted,
                                                                       "retrying": round.sent.retrying, "refused": round.sent.refused,
                                                                       "quiet": round.sent.quiet]))
        }
    }

    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what a round would send now and why, writing nothing.",
            discussion: """
                One line per message waiting in the outbox, and per digest or summary a round would \
                make now, separated by tabs: when it is due (UTC), recipient, phone, rule, what \
                happens to it (sends now; sends later, after its coalescing window or retry pause; \
                held to the end of quiet hours; not sent, and why: retired, no phone …), and its text.

                Example: audit-server reminders preview --data /var/lib/fieldaudit --time-zone Asia/Shanghai
                """)
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @OptionGroup var schedule: ReminderScheduleOptions
        @Flag(help: "JSON instead of lines.")
        var json = false

        func run() async throws {
            let preview = try ReminderPreview(database: try data.open(), schedule: schedule.schedule).lines()
            if json {
                print(String(decoding: try WireCoding.encode(preview), as: UTF8.self))
                return
            }
            let language = messages.language
            guard !preview.isEmpty else { return print(language.localized("server.reminders.preview.none")) }
            func time(_ milliseconds: Int64) -> String { Date(timeIntervalSince1970: Double(milliseconds) / 1000).formatted(.iso8601) }
            for line in preview {
                let reminder = line.reminder
                var what: String
                switch line.decision {
                case .send: what = language.localized("server.reminders.preview.send")
                case .notYet(let until): what = language.localized("server.reminders.preview.not_yet", ["time": time(until)])
                case .quiet(let until): what = language.localized("server.reminders.preview.quiet", ["time": time(until)])
                case .held(let reason): what = language.localized("server.reminders.preview.held", ["reason": reason])
                }
                if line.isNew { what += " " + language.localized("server.reminders.preview.new") }
                print([time(reminder.sendAfter), reminder.recipient, reminder.phone, reminder.rule, what, reminder.text].joined(separator: "\t"))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List messages, newest first: time (UTC), state, recipient, phone, rule and text, separated by tabs.",
            discussion: "Example: audit-server reminders list --data /var/lib/fieldaudit --state pending --state failed")
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @Option(name: .customLong("state"), help: ArgumentHelp("Only messages in this state: pending, queued, delivered, failed or cancelled (repeatable).",
                                                               valueName: "state"))
        var states: [String] = []
        @Option(help: ArgumentHelp("Only messages to this person.", valueName: "name"))
        var recipient: String?
        @Option(help: "At most this many.")
        var limit = 200
        @Flag(help: "JSON instead of lines.")
        var json = false

        func validate() throws {
            let known = ReminderList.states
            if let unknown = states.first(where: { !known.contains($0) }) {
                throw ValidationError(messages.language.localized("server.reminders.unknown_state", ["state": unknown, "states": known.joined(separator: ", ")]))
            }
            guard (1...10_000).contains(limit) else { throw ValidationError(messages.language.localized("server.reminders.limit")) }
        }

        func run() async throws {
            let reminders = try ReminderList(database: try data.open()).page(states: states, recipient: recipient, limit: limit).messages
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
