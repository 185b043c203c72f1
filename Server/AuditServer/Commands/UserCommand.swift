import ArgumentParser
import CommandLanguage
import Foundation
import Shared

/// `audit-server user`: the office users who log in to the console.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list and disable office users (the console's logins).",
        discussion: """
            Roles: dispatcher (cuts and assigns work, resolves conflicts), supervisor (reads \
            everything, changes nothing), admin (users and devices, and what a dispatcher does).
            """,
        subcommands: [Add.self, List.self, Disable.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an office user; asks for the password.",
            discussion: """
                At a terminal the password is asked twice without echo; otherwise the first line of \
                standard input is the password (for scripts: never put it on the command line, where \
                ps shows it). At least \(PasswordHasher.minimumLength) characters; only an scrypt hash \
                of it is stored.

                Example: audit-server user add --data /var/lib/fieldaudit wang.li --role dispatcher
                """)
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @Argument(help: "The login name: lower-case letters, digits, '.', '_' and '-'.")
        var name: String
        @Option(help: ArgumentHelp("dispatcher, supervisor or admin.", valueName: "role"))
        var role: OfficeRole

        func run() async throws {
            let language = messages.language
            let password = try PasswordPrompt.read(for: name, in: language)
            do {
                try OfficeAccounts(database: try data.open()).add(name, role: role, password: password)
            } catch let refusal as OfficeAccounts.Refusal {
                throw ExitCodeMessage(refusal.text(in: language))
            }
            print(language.localized("server.user.added", ["name": name, "role": role.label(in: language)]))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List office users with their roles.",
            discussion: "One user a line: name, role and state, separated by tabs.")
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions

        func run() async throws {
            let language = messages.language
            for user in try OfficeAccounts(database: try data.open()).list() {
                let state = language.localized(user.disabledAtMilliseconds == nil ? "server.user.state.active" : "server.user.state.disabled")
                print([user.name, user.role.label(in: language), state].joined(separator: "\t"))
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an office user: no more logins, open sessions end at once.")
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @Argument(help: "The login name.")
        var name: String

        func run() async throws {
            let language = messages.language
            do {
                try OfficeAccounts(database: try data.open()).disable(name)
            } catch let refusal as OfficeAccounts.Refusal {
                throw ExitCodeMessage(refusal.text(in: language))
            }
            print(language.localized("server.user.disabled", ["name": name]))
        }
    }
}

extension OfficeRole: ExpressibleByArgument {
    /// The role's name for a person in `language` (`调度员`; English keeps the word `--role` takes).
    func label(in language: Language) -> String { language.localized("server.user.role." + rawValue) }
}

extension OfficeAccounts.Refusal {
    /// Why, for a person in `language` (``description`` is the English the console's API answers).
    func text(in language: Language) -> String {
        switch self {
        case .invalidName(let name): language.localized("server.user.refused.invalid_name", ["name": name])
        case .shortPassword: language.localized("server.user.refused.short_password", ["count": PasswordHasher.minimumLength])
        case .exists(let name): language.localized("server.user.refused.exists", ["name": name])
        case .unknown(let name): language.localized("server.user.refused.unknown", ["name": name])
        case .wrongCredentials: language.localized("login.failed")
        case .throttled(let seconds): language.localized("login.throttled", ["seconds": seconds])
        }
    }
}

/// Reads a new password: twice without echo at a terminal, else one line of standard input.
enum PasswordPrompt {
    static func read(for name: String, in language: Language) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true) else { throw ExitCodeMessage(language.localized("server.user.password.none_on_input")) }
            return line
        }
        let first = try hidden(language.localized("server.user.password.prompt", ["name": name]), in: language)
        guard try hidden(language.localized("server.user.password.again"), in: language) == first else {
            throw ExitCodeMessage(language.localized("server.user.password.differ"))
        }
        return first
    }

    private static func hidden(_ prompt: String, in language: Language) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else { throw ExitCodeMessage(language.localized("server.user.password.none")) }
        return line
    }
}
