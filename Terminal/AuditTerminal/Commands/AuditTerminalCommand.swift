import ArgumentParser
import CommandLanguage
import Foundation
import Positioning
import TextUI

/// `audit-terminal`: the root command of the tablet program. With no subcommand it opens the
/// full-screen text UI over the local cache.
public struct AuditTerminalCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "audit-terminal",
        abstract: "The FieldAudit tablet program: audit customers and devices offline, sync when a network is there.",
        discussion: """
            Every edit is stored on the tablet the moment it is made and reaches the server exactly \
            once when a network appears. Edits made on other tablets or in the MIS merge with yours; \
            when two people changed the same field, both values are kept for a dispatcher to choose.

            With no subcommand, audit-terminal opens the text UI in the terminal: today's work, each \
            record with its conflicts and an edit form, and a map. Press ? in it for every key. It \
            syncs in the background (every --sync-every seconds and on s); messages that would \
            disturb the screen go to ui.log in the data folder.

            With --gps SOURCE the UI follows your position: the status bar shows the fix and its \
            age, and the map (--map opens on it) draws the roads of the cached map, the audit path \
            from where you are (planned again after a visit or when you are 40 m off it) and the \
            next stop with the next turn. Example: audit-terminal --gps nmea:walk.nmea?speed=5 --map
            """,
        version: auditTerminalVersion,
        subcommands: [EnrollCommand.self, SyncCommand.self, OrdersCommand.self, ShowCommand.self, EditCommand.self,
                      VisitCommand.self, ConflictsCommand.self, StatusCommand.self, OutboxCommand.self, ImportPacketCommand.self, ExportOutboxCommand.self, GPSCommand.self,
                      RouteCommand.self, HazardsCommand.self, ReinspectCommand.self]
    )

    @OptionGroup var home: HomeOptions
    @OptionGroup var position: GPSOptions
    @OptionGroup var messages: LanguageOptions

    @Option(help: ArgumentHelp("In the UI: seconds between background syncs; 0 syncs only at start and on s.", valueName: "seconds"))
    var syncEvery = 60

    @Flag(help: "In the UI: open on the map (your position, the audit path and the next stop) instead of Today.")
    var map = false

    public init() {}

    /// Opens the text UI when standard input and output are a terminal.
    public func run() async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError("""
                audit-terminal with no subcommand opens the full-screen UI, which needs a terminal on standard \
                input and output. In scripts use a subcommand: orders, show, edit, visit, sync, status … \
                (audit-terminal --help lists them all).
                """)
        }
        guard syncEvery >= 0 else { throw ValidationError("--sync-every must be 0 or more seconds") }
        let store = try home.store()
        let engine = (try? store.identity()).map { identity in
            SyncEngine(store: store, client: HomeOptions.client(for: identity))
        }
        let spec = try position.spec()
        let source: (any PositionSource)? = spec == .none ? nil : spec.makeSource(defaultSpeed: 1)
        // The day's track is recorded while a receiver is followed (enrolled tablets only: batches are signed).
        let track = source != nil && engine != nil ? TrackLog(store: store) : nil
        let app = try AuditTerminalApp(store: store, engine: engine, syncInterval: syncEvery > 0 ? .seconds(syncEvery) : nil,
                                       positionSource: source, track: track, screen: map ? .map : .today,
                                       language: messages.language)
        let savedError = try Self.sendDiagnostics(to: (home.path as NSString).appendingPathComponent("ui.log"))
        defer {
            dup2(savedError, STDERR_FILENO)
            close(savedError)
        }
        let configuration = EventLoop.Configuration(colorMode: ColorMode.detect(environment: ProcessInfo.processInfo.environment))
        do {
            try await EventLoop.run(app, configuration: configuration)
            await track?.finish()
        } catch {
            await track?.finish()
            throw TerminalError("cannot open the text UI: \(error)")
        }
    }

    /// Points standard error at `path` (appending), so log lines and warnings from syncing in the
    /// background land in a file instead of across the screen. Returns a copy of the original
    /// standard error, to be put back when the UI closes.
    static func sendDiagnostics(to path: String) throws -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard descriptor >= 0 else { throw TerminalError("cannot open \(path) for the UI's log: \(String(cString: strerror(errno)))") }
        let saved = dup(STDERR_FILENO)
        dup2(descriptor, STDERR_FILENO)
        close(descriptor)
        return saved
    }
}
