import ArgumentParser
import CommandLanguage
import Foundation
import Shared

/// `audit-server auditor`: how each auditor (and office user) is reached by text message.
struct AuditorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auditor",
        abstract: "Set and list the phone numbers, languages and quiet hours that reminders go to.",
        discussion: """
            Reminders by text message (new, changed, reassigned, cancelled and urgent work orders) \
            go to the auditor of the work order, and urgent ones to every supervisor too, when \
            their contact here has a phone number. Office users are set the same way, by their \
            login name.
            """,
        subcommands: [Set.self, List.self]
    )

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a person's phone number, language and quiet hours.",
            discussion: """
                Example: audit-server auditor set --data /var/lib/fieldaudit anna --phone +8613800138000 --lang zh-CN --quiet 21:00-07:00
                Options left out keep what was set before.
                """)
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @Argument(help: "The auditor's name as work orders name them, or an office user's login name.")
        var name: String
        @Option(help: ArgumentHelp("The mobile number in E.164 form: + and 8 to 15 digits.", valueName: "+NUMBER"))
        var phone: String?
        @Option(name: .customLong("sms-lang"), help: ArgumentHelp("The language of their messages: zh-CN or en.", valueName: "language"))
        var smsLanguage: Language?
        @Option(help: ArgumentHelp("Hours without messages, local time, e.g. 21:00-07:00; 'none' for none.", valueName: "HH:MM-HH:MM"))
        var quiet: String?
        @Flag(inversion: .prefixedNo, help: "Whether they left: nothing more is sent to them.")
        var retired: Bool?

        func run() async throws {
            let language = messages.language
            let book = ContactBook(database: try data.open())
            var contact = try book.contact(named: name) ?? Contact(name: name)
            if let phone { contact.phone = phone.isEmpty ? nil : phone }
            if let smsLanguage { contact.language = smsLanguage }
            if quiet == "none" {
                (contact.quietFrom, contact.quietTo) = (nil, nil)
            } else if let quiet {
                guard let hours = QuietHours(parsing: quiet) else {
                    throw ExitCodeMessage(language.localized("server.auditor.refused.quiet", ["value": quiet]))
                }
                (contact.quietFrom, contact.quietTo) = (hours.from, hours.to)
            }
            if let retired { contact.retired = retired }
            do { try book.save(contact) } catch let refusal as ContactBook.Refusal {
                throw ExitCodeMessage(language.localized("server.auditor.refused." + refusal.field, ["value": refusal.value]))
            }
            print(language.localized("server.auditor.saved", ["name": name]))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the contacts: name, phone, language, quiet hours and state, separated by tabs.")
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions

        func run() async throws {
            let language = messages.language
            for contact in try ContactBook(database: try data.open()).list() {
                let quiet = QuietHours.text(from: contact.quietFrom, to: contact.quietTo) ?? "-"
                let state = language.localized(contact.retired ? "server.auditor.state.retired" : "server.auditor.state.active")
                print([contact.name, contact.phone ?? "-", contact.language.rawValue, quiet, state].joined(separator: "\t"))
            }
        }
    }
}


/// Quiet hours as people write them: `HH:MM-HH:MM`, local time, across midnight when the end is
/// before the start.
struct QuietHours {
    /// Minutes after midnight.
    var from: Int
    var to: Int

    /// Reads `HH:MM-HH:MM`; `nil` when `text` is not that.
    init?(parsing text: String) {
        guard let match = text.wholeMatch(of: /([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-3]):([0-5][0-9])/),
              let fromHour = Int(match.1), let fromMinute = Int(match.2), let toHour = Int(match.3), let toMinute = Int(match.4) else { return nil }
        (from, to) = (fromHour * 60 + fromMinute, toHour * 60 + toMinute)
    }

    /// The hours of `from` and `to` (minutes after midnight) as `HH:MM-HH:MM`.
    static func text(from: Int?, to: Int?) -> String? {
        guard let from, let to else { return nil }
        return String(format: "%02d:%02d-%02d:%02d", from / 60, from % 60, to / 60, to % 60)
    }
}
