import ArgumentParser
import Foundation
import Shared

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

                Example: audit-server device enroll --data /var/lib/fieldaudit --name tab-0042 --auditor anna
                """
        )
        @OptionGroup var data: DataOptions
        @Option(help: "The tablet's name: a-z, 0-9, '.', '_' and '-'. Its replica id becomes t-NAME.")
        var name: String
        @Option(help: "The auditor who carries it; work orders are assigned to auditors.")
        var auditor: String

        func run() async throws {
            let registry = DeviceRegistry(database: try data.open())
            let (device, token) = try CommandErrors.reported { try registry.enroll(name: name, auditor: auditor) }
            print("enrolled \(device.name) for auditor \(device.auditor) as replica \(device.replica)")
            print(token)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List enrolled tablets.")
        @OptionGroup var data: DataOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let devices = try DeviceRegistry(database: try data.open()).list()
            if json {
                print(String(decoding: try WireCoding.encode(devices), as: UTF8.self))
                return
            }
            print("name                 auditor          replica              state")
            for device in devices {
                let state = device.revokedAt == nil ? "active" : "revoked"
                print(device.name.padding(toLength: 20, withPad: " ", startingAt: 0), device.auditor.padding(toLength: 16, withPad: " ", startingAt: 0),
                      device.replica.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0), state)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a tablet: its token stops working at once; its past edits stay.")
        @OptionGroup var data: DataOptions
        @Argument(help: "The tablet's name.") var name: String

        func run() async throws {
            let registry = DeviceRegistry(database: try data.open())
            try CommandErrors.reported { try registry.revoke(name: name) }
            print("revoked \(name)")
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
