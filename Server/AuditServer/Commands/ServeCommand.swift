import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import ServiceLifecycle
import Transport

/// `audit-server serve`: runs the sync API until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the sync API to terminals.",
        discussion: """
            Prints 'audit-server listening on http://HOST:PORT' (https:// with --tls-cert and \
            --tls-key) once it accepts connections. With --port 0 the system picks a free port. \
            SIGTERM or SIGINT stop it gracefully: it stops accepting, lets in-flight merges commit, \
            and releases waiting long-polls.

            TLS: give the server's certificate chain and private key as PEM files. Tablets then enrol \
            with an https:// address, and with --ca-file when the certificate comes from a private CA.

            Limits per device (each answered 429 with Retry-After): --max-long-polls waiting pulls at \
            once, and --rate requests a second on average with bursts of --burst. An honest tablet \
            holds one long-poll and sends a few requests per sync, far below both. 0 turns a limit off.

            Text messages: with --sms (or FIELDAUDIT_SMS_URL) the server runs reminder rounds \
            every --sms-every (digests and summaries at --digest-hour, then every due message). With several nodes on one store, \
            the node holding the store's lease sends, and another takes over within a minute when \
            it dies. Every node takes delivery reports at /sms/kannel/report and /sms/webhook/report \
            when FIELDAUDIT_SMS_SECRET is set (the same secret on every node).

            Example: audit-server serve --data /var/lib/fieldaudit --host 0.0.0.0 --port 8443 \
              --tls-cert /etc/fieldaudit/server.pem --tls-key /etc/fieldaudit/server.key

            Example: FIELDAUDIT_SMS_PASSWORD=… FIELDAUDIT_SMS_SECRET=… audit-server serve --data /var/lib/fieldaudit \
              --sms http://127.0.0.1:13013/cgi-bin/sendsms --sms-user fieldaudit --time-zone Asia/Shanghai
            """
    )

    @OptionGroup var data: DataOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free port.")
    var port = 8080

    @Option(name: .customLong("body-limit-mib"), help: "The largest request body accepted, in MiB.")
    var bodyLimitMiB = 32

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("The server's certificate chain (PEM), to serve https (with --tls-key).", valueName: "file"))
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("The private key of --tls-cert (PEM).", valueName: "file"))
    var tlsKey: String?

    @Option(name: .customLong("max-long-polls"), help: "Waiting pulls one device may hold open at once; 0 for no limit.")
    var maxLongPolls = DeviceLimits.default.longPolls

    @Option(help: "Requests a second one device may send on average; 0 for no limit.")
    var rate = DeviceLimits.default.requestsPerSecond

    @Option(help: "Requests one device may send in a burst above --rate.")
    var burst = DeviceLimits.default.burst

    @Option(help: "The MIS interface's base URL, to run the MIS job on a schedule (with --mis-every).")
    var misURL: String?

    @Option(help: "How often to run the MIS job: 90s, 15m, 2h, 1d (with --mis-url).")
    var misEvery: String?

    @Option(help: ArgumentHelp(
        "How far ahead of this server's clock a pushed write may be dated: 90s, 15m, 2h, 1d.",
        discussion: "A push with a later hybrid-clock time is refused whole (clock_ahead), so no tablet can date its writes into the future."))
    var maxClockAhead = "24h"

    @OptionGroup(title: "Text messages") var sms: SMSOptions

    @Option(name: .customLong("sms-every"), help: ArgumentHelp("How often to run a reminder round with --sms: 1s, 5s, 1m.", valueName: "duration"))
    var smsEvery = "5s"

    @OptionGroup(title: "Reminder schedule") var schedule: ReminderScheduleOptions

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard bodyLimitMiB >= 1 else { throw ValidationError("--body-limit-mib must be at least 1") }
        guard maxLongPolls >= 0 else { throw ValidationError("--max-long-polls must be 0 (no limit) or more") }
        guard rate >= 0, rate.isFinite else { throw ValidationError("--rate must be 0 (no limit) or more requests a second") }
        guard burst >= 1 else { throw ValidationError("--burst must be at least 1") }
        _ = try tls()
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
        guard MISSchedule.parseInterval(smsEvery) != nil else {
            throw ValidationError("--sms-every must be a duration such as 1s, 5s or 1m (got \(smsEvery))")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical") }
    }

    func run() async throws {
        var logger = Logger(label: "audit-server")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let database = try data.open()
        // Held until the process ends: `restore` refuses while any server runs on a SQLite store.
        var lock: DataDirectoryLock?
        if case .sqlite(let directory) = try data.location {
            do { lock = try DataDirectoryLock(directory: directory, exclusive: false) } catch { throw ExitCodeMessage(error.description) }
        }
        defer { withExtendedLifetime(lock) {} }
        let metrics = ServerMetrics()
        metrics.bootstrap()
        let limits = DeviceLimits(longPolls: maxLongPolls, requestsPerSecond: rate, burst: burst)
        let policy = PushPolicy(maximumClockAheadMilliseconds: UInt64((MISSchedule.parseInterval(maxClockAhead) ?? .seconds(86_400)).components.seconds) * 1000)
        let server = try await SyncServer(database: database, maps: WorkOrderMaps(dataDirectory: data.data), bodyLimit: bodyLimitMiB << 20,
                                          limits: limits, policy: policy, metrics: metrics,
                                          console: ConsoleOptions(secureCookies: try tls() != nil), smsSecret: SMSOptions.secret(), logger: logger)
        let host = self.host
        let tls = try tls()
        let listening = ListeningPort()
        let scheme = tls == nil ? "http" : "https"
        let app = Application(
            router: server.routes.router(),
            server: try tls.map { try HTTPServerBuilder.tls(.http1(), tlsConfiguration: $0) } ?? HTTPServerBuilder.http1(),
            configuration: .init(address: .hostname(host, port: port), serverName: "audit-server"),
            onServerRunning: { [listening] channel in
                let bound = channel.localAddress?.port ?? 0
                listening.set(bound)
                print("audit-server listening on \(scheme)://\(host):\(bound)")
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
        if try sms.gateway() != nil {
            services.append(try reminderScheduler(database: database, listening: listening, scheme: scheme, logger: logger))
        }
        let group = ServiceGroup(configuration: .init(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// The reminder rounds of `--sms`. The lease's holder (this host and port, stable across
    /// restarts) and Kannel's default report URL (`/sms/kannel/report` on this server) are made
    /// once the server listens.
    func reminderScheduler(database: any ServerStore, listening: ListeningPort, scheme: String, logger: Logger) throws -> ReminderScheduler {
        let (sms, schedule, host) = (sms, schedule.schedule, host)
        let interval = MISSchedule.parseInterval(smsEvery) ?? .seconds(5)
        return ReminderScheduler(prepare: {
            guard let port = await listening.value() else { throw CancellationError() }
            let reportHost = ["0.0.0.0", "::", ""].contains(host) ? "127.0.0.1" : host
            let reports = URL(string: "\(scheme)://\(reportHost):\(port)/sms/kannel/report")
            guard let gateway = try sms.gateway(defaultReports: reports) else { throw CancellationError() }
            let lease = StoreLease(database: database, name: "reminders", holder: "\(ProcessInfo.processInfo.hostName):\(port)",
                                   duration: ReminderScheduler.leaseDuration)
            return (ReminderRound(database: database, gateway: gateway, schedule: schedule), lease)
        }, interval: interval, logger: logger)
    }

    /// The TLS configuration from --tls-cert and --tls-key, or `nil` to serve plain http.
    func tls() throws -> TLSConfiguration? {
        switch (tlsCert, tlsKey) {
        case (nil, nil): return nil
        case (let cert?, let key?):
            let chain: [NIOSSLCertificate]
            do { chain = try NIOSSLCertificate.fromPEMFile(cert) } catch {
                throw ValidationError("--tls-cert \(cert): not a readable PEM certificate file (\(error))")
            }
            guard !chain.isEmpty else { throw ValidationError("--tls-cert \(cert): no certificate in the file") }
            let privateKey: NIOSSLPrivateKey
            do { privateKey = try NIOSSLPrivateKey(file: key, format: .pem) } catch {
                throw ValidationError("--tls-key \(key): not a readable PEM private key (\(error))")
            }
            return .makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
        default:
            throw ValidationError("--tls-cert and --tls-key go together")
        }
    }
}
