import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Transport

/// `audit-server serve`: runs the sync API until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the sync API to terminals.",
        discussion: """
            Prints 'audit-server listening on http://HOST:PORT' once it accepts connections. With \
            --port 0 the system picks a free port. SIGTERM or SIGINT stop it gracefully: it stops \
            accepting, lets in-flight merges commit, and releases waiting long-polls.

            Example: audit-server serve --data /var/lib/fieldaudit --host 0.0.0.0 --port 8080
            """
    )

    @OptionGroup var data: DataOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free port.")
    var port = 8080

    @Option(name: .customLong("body-limit-mib"), help: "The largest request body accepted, in MiB.")
    var bodyLimitMiB = 32

    @Option(help: "The MIS interface's base URL, to run the MIS job on a schedule (with --mis-every).")
    var misURL: String?

    @Option(help: "How often to run the MIS job: 90s, 15m, 2h, 1d (with --mis-url).")
    var misEvery: String?

    @Option(help: ArgumentHelp(
        "How far ahead of this server's clock a pushed write may be dated: 90s, 15m, 2h, 1d.",
        discussion: "A push with a later hybrid-clock time is refused whole (clock_ahead), so no tablet can date its writes into the future."))
    var maxClockAhead = "24h"

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard bodyLimitMiB >= 1 else { throw ValidationError("--body-limit-mib must be at least 1") }
        switch (misURL, misEvery) {
        case (nil, nil): break
        case (let url?, let every?):
            _ = try MISSourceOptions.misURL(url, option: "--mis-url")
            guard MISSchedule.parseInterval(every) != nil else {
                throw ValidationError("--mis-every must be a duration such as 90s, 15m, 2h or 1d (got \(every))")
            }
        default: throw ValidationError("--mis-url and --mis-every go together")
        }
        guard MISSchedule.parseInterval(maxClockAhead) != nil else {
            throw ValidationError("--max-clock-ahead must be a duration such as 90s, 15m, 2h or 1d (got \(maxClockAhead))")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical") }
    }

    func run() async throws {
        var logger = Logger(label: "audit-server")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let database = try data.open()
        let server = try await SyncServer(database: database, maps: WorkOrderMaps(dataDirectory: data.data), bodyLimit: bodyLimitMiB << 20,
                                          policy: PushPolicy(maximumClockAheadMilliseconds: UInt64((MISSchedule.parseInterval(maxClockAhead) ?? .seconds(86_400)).components.seconds) * 1000),
                                          logger: logger)
        let host = self.host
        let app = Application(
            router: server.routes.router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "audit-server"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                print("audit-server listening on http://\(host):\(bound)")
                fflush(nil)
            },
            logger: logger
        )
        // Services stop in reverse order: the watcher first releases waiting long-polls, then the
        // HTTP server drains the requests still in flight.
        var services: [any Service] = [app, server.watcher]
        if let misURL, let url = URL(string: misURL), let interval = misEvery.flatMap(MISSchedule.parseInterval) {
            let job = MISJob(database: database, endpoint: .http(url, HTTPClient()), dryRun: false, logger: logger)
            services.append(MISSchedule(job: job, interval: interval, logger: logger))
        }
        let group = ServiceGroup(configuration: .init(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
