import ArgumentParser
import Foundation
import Shared
import Transport

/// `--home DIR`: where the tablet keeps its database. Shared by every command.
struct HomeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The tablet's data folder (default: $XDG_DATA_HOME/fieldaudit or ~/.local/share/fieldaudit).", valueName: "dir"))
    var home: String?

    /// The folder in use.
    var path: String { home ?? TerminalDatabase.defaultHome }

    /// Opens the store.
    func store() throws -> TerminalStore {
        do { return try TerminalStore.open(home: path) } catch {
            throw TerminalError("cannot open the tablet's data in \(path): \(error)")
        }
    }

    /// The sync engine over the enrolled server.
    func engine() throws -> SyncEngine {
        let store = try store()
        let identity = try store.identity()
        return SyncEngine(store: store, client: Self.client(for: identity))
    }

    /// The client for the enrolled server, trusting the enrolment's CA file.
    static func client(for identity: TerminalStore.Identity) -> SyncClient {
        client(server: identity.server, token: identity.token, caFile: identity.caFile)
    }

    /// A client for `server` with `token`; `caFile` is a PEM bundle of CAs to trust instead of the system's.
    static func client(server: URL, token: String, caFile: String? = nil) -> SyncClient {
        SyncClient(server: server, token: token, http: HTTPClient(configuration: .init(
            connectTimeout: .seconds(10), timeout: .seconds(120),
            retryPolicy: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(300), maxDelay: .seconds(5)),
            caFile: caFile)))
    }
}

/// Prints `value` as sorted-key JSON.
func printJSON(_ value: some Encodable) throws {
    print(String(decoding: try WireCoding.encode(value), as: UTF8.self))
}
