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
            let change = ContactChange(phone: phone, language: smsLanguage?.rawValue, quiet: quiet, retired: retired)
            do { _ = try ContactBook(database: try data.open()).update(name, with: change) } catch let refusal as ContactBook.Refusal {
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

