import ArgumentParser
import Foundation

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
        @Argument(help: "The login name: lower-case letters, digits, '.', '_' and '-'.")
        var name: String
        @Option(help: ArgumentHelp("dispatcher, supervisor or admin.", valueName: "role"))
        var role: OfficeRole

        func run() async throws {
            let password = try PasswordPrompt.read(for: name)
            do {
                try OfficeAccounts(database: try data.open()).add(name, role: role, password: password)
            } catch let refusal as OfficeAccounts.Refusal {
                throw ExitCodeMessage(refusal.description)
            }
            print("added \(name) as \(role.rawValue)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List office users with their roles.")
        @OptionGroup var data: DataOptions

        func run() async throws {
            for user in try OfficeAccounts(database: try data.open()).list() {
                print([user.name, user.role.rawValue, user.disabledAtMilliseconds == nil ? "active" : "disabled"].joined(separator: "\t"))
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an office user: no more logins, open sessions end at once.")
        @OptionGroup var data: DataOptions
        @Argument(help: "The login name.")
        var name: String

        func run() async throws {
            do {
                try OfficeAccounts(database: try data.open()).disable(name)
            } catch let refusal as OfficeAccounts.Refusal {
                throw ExitCodeMessage(refusal.description)
            }
            print("disabled \(name)")
        }
    }
}

extension OfficeRole: ExpressibleByArgument {}

/// Reads a new password: twice without echo at a terminal, else one line of standard input.
enum PasswordPrompt {
    static func read(for name: String) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true) else { throw ExitCodeMessage("no password on standard input") }
            return line
        }
        let first = try hidden("Password for \(name): ")
        guard try hidden("Again: ") == first else { throw ExitCodeMessage("the two passwords differ") }
        return first
    }

    private static func hidden(_ prompt: String) throws -> String {
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
        guard let line = readLine(strippingNewline: true) else { throw ExitCodeMessage("no password given") }
        return line
    }
}
