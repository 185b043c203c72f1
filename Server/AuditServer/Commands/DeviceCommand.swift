import ArgumentParser
import CommandLanguage
import Foundation
import Shared
import TextLayout

/// `audit-server device`: enrol, list and revoke tablets.
struct DeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device",
        abstract: "Enrol, list and revoke tablets.",
        subcommands: [Enroll.self, List.self, Revoke.self]
    )

    struct Enroll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enrol a tablet for an auditor and print its token.",
            discussion: """
                The token is printed once, alone on the last line; only a hash of it is stored. Give it \
                to the tablet: audit-terminal enroll --server URL --token TOKEN.

                A device writes under a replica id that is never issued twice: t-NAME the first time, \
                t-NAME.2, t-NAME.3 … when the name is enrolled again (after revoke, or with --replace) or \
                when a tablet restored from an old copy asks for a new one.

                Example: audit-server device enroll --data /var/lib/fieldaudit --name tab-0042 --auditor anna
                """
        )
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @Option(help: "The tablet's name: a-z, 0-9, '.', '_' and '-'. Its replica id becomes t-NAME.")
        var name: String
        @Option(help: "The auditor who carries it; work orders are assigned to auditors.")
        var auditor: String
        @Flag(help: """
            Enrol a name that is still enrolled, for a lost or broken tablet: the old token stops working \
            at once. (A revoked name can be enrolled again without it.)
            """)
        var replace = false

        func run() async throws {
            let registry = DeviceRegistry(database: try data.open())
            let (device, token) = try CommandErrors.reported { try registry.enroll(name: name, auditor: auditor, replacing: replace) }
            print(messages.language.localized("server.device.enrolled", ["device": device.name, "auditor": device.auditor, "replica": device.replica]))
            print(token)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List enrolled tablets with their replica ids, signing keys and last refused push.",
            discussion: """
                A refused push is one the server answered with a 4xx other than 401. Refused for its \
                content (400, 403, 413, 422, for example 403 out_of_scope), the tablet sets that batch \
                aside and syncs on, and its auditor sees the reason with audit-terminal outbox; refused \
                as 409 replica_reused (restored from an old copy), the tablet takes a new replica id \
                and sends its edits again.

                keys counts the tablet's evidence signing keys (POST /v1/device/key): one per chain, \
                a new one after a restore or re-enrolment; old keys stay so their chains stay \
                verifiable (audit-server presence verify --device NAME).
                """)
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @Flag(help: "Print JSON: each device with replica, state, keys (signing keys registered) and last_refusal ({at_ms, status, code, detail} or null).") var json = false

        func run() async throws {
            let devices = try DeviceRegistry(database: try data.open()).listing()
            if json {
                print(String(decoding: try WireCoding.encode(devices), as: UTF8.self))
                return
            }
            let language = messages.language
            guard !devices.isEmpty else {
                print(language.localized("server.device.none"))
                return
            }
            var table = TextTable([.left, .left, .left, .left, .right, .left])
            table.add(["name", "auditor", "replica", "state", "keys", "last_refusal"].map { language.localized("server.device.column." + $0) })
            for listed in devices {
                let device = listed.device
                let state = language.localized(device.revokedAt == nil ? "server.device.state.active" : "server.device.state.revoked")
                let refusal = listed.lastRefusal.map { refusal in
                    let at = Date(timeIntervalSince1970: Double(refusal.at) / 1000).formatted(.iso8601)
                    return "\(at) \(refusal.status) \(refusal.code): \(refusal.detail)"
                } ?? "-"
                table.add([device.name, device.auditor, device.replica.rawValue, state, String(listed.keys), refusal])
            }
            print(table.text)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a tablet: its token stops working at once; its past edits stay.")
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @Argument(help: "The tablet's name.") var name: String

        func run() async throws {
            let registry = DeviceRegistry(database: try data.open())
            try CommandErrors.reported { try registry.revoke(name: name) }
            print(messages.language.localized("server.device.revoked", ["device": name]))
        }
    }
}

/// Turns API errors raised by a command into a one-line message and a non-zero exit.
enum CommandErrors {
    static func reported<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as APIError {
            throw ExitCodeMessage(error.body.detail)
        }
    }
}

/// A command failure shown as `Error: MESSAGE` with exit code 1.
struct ExitCodeMessage: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
