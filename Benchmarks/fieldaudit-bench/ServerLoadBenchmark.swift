import ArgumentParser
import AuditTerminal
import Foundation
import Logging
import Shared
import Transport

/// audit-server under load, end to end over loopback, with the real executable and the tablet's own
/// sync client (issue 3).
struct ServerLoadBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server-load",
        abstract: "audit-server under load: merged records/s, 5,000-customer scope fetches, 500 idle long-polls.",
        discussion: """
            Runs the real audit-server (found next to this program, or --server-binary) on a fresh \
            temporary data directory and drives it over loopback with the tablet's own SyncClient \
            (libcurl). Build both in release mode first:

              swift build -c release --product audit-server
              swift build -c release --product fieldaudit-bench
              .build/release/fieldaudit-bench server-load

            Setup: writes a customer CSV (8-digit accounts; German, Chinese and business names; \
            Bayreuth addresses; sites within 49.9-50.0 N, 11.5-11.65 E) and imports it with \
            'audit-server import customers', enrols one tablet per terminal and one for a "big" \
            auditor ('audit-server device enroll'), and cuts work orders ('audit-server workorder \
            create'): the big auditor gets --big-customers customers, the terminals share the rest, \
            each its own. Then it starts 'audit-server serve --port 0'.

            1. Push: every terminal pulls its scope once, then edits --batch-size of its customers \
            per batch (one field each, written as its replica t-tab-N with RecordState.write) and \
            pushes, for --seconds (or --batches per terminal). Figures: merged records/s \
            (goal: at least 20,000/s), push latency, and the CPU seconds of the server and of \
            this process (JSON encoding, libcurl), which share the machine.
            2. Scope: the big auditor's tablet fetches its work packet (the headline) and, \
            separately, pulls the same scope in pages of 2,000 from cursor 0; --fetches times \
            each, at most --fetch-seconds. Figures: p50/p99 latency through the bare HTTP \
            client (request to gunzipped answer; goal: packet p99 under 150 ms) and through \
            SyncClient (the same plus decoding every state on the tablet), JSON bytes and gzip bytes on the wire. Then the server's VmRSS and VmHWM \
            after this load, and a SIGTERM stop.
            3. Idle: on a freshly started server, opens --long-polls pulls at the newest cursor \
            with wait=30 (in waves of --long-poll-wave, each once the previous is parked), reads \
            fieldaudit_waiting_pulls from /metrics and the server's VmRSS and VmHWM from /proc \
            (goal: under 100 MB resident with 500 waiting), then sends SIGTERM while they wait.
            4. Burst: on another fresh server, --burst pulls (wait=1) in one instant, as when a \
            cell comes back and every tablet reconnects, and a /healthz probe: are all answered?

            Every stop is SIGTERM, then SIGKILL after 10 s, and the summary says which. The \
            temporary directory and every server are removed and stopped on any exit, Ctrl-C \
            included (--keep keeps the directory: customers.csv, the database, the server logs). \
            The summary block at the end holds every figure.
            """
    )

    @Option(help: "Tablets pushing at the same time, each with its own customers.")
    var terminals = 8

    @Option(help: "Records per pushed batch.")
    var batchSize = 100

    @Option(help: "Seconds the push phase lasts.")
    var seconds = 10.0

    @Option(help: "Stop each terminal after this many batches instead of after --seconds.")
    var batches: Int?

    @Option(help: "Customers in the generated CSV (at least --big-customers + terminals × batch size).")
    var customers = 6_000

    @Option(help: "Customers in the big auditor's work order.")
    var bigCustomers = 5_000

    @Option(help: "How many times the big auditor fetches its scope (packet, and pull pages).")
    var fetches = 50

    @Option(help: "Stop the scope fetches after this many seconds even if --fetches are not done.")
    var fetchSeconds = 45.0

    @Option(help: "Idle long-polls to hold open; 0 skips the phase.")
    var longPolls = 500

    @Option(help: "Long-polls opened at once; the next wave when the server reports them parked. 0: all at once.")
    var longPollWave = 0

    @Option(help: "Pulls sent in one instant to a restarted server (phase 4); 0 skips the phase.")
    var burst = 50

    @Option(help: "The audit-server executable; default: the one next to this program.")
    var serverBinary: String?

    @Option(help: "Where to create the temporary data directory; default: the system's temporary directory.")
    var workDir: String?

    @Flag(help: "Keep the data directory (customers.csv, the database, server.log) and print its path.")
    var keep = false

    var terminalCustomers: Int { (customers - bigCustomers) / max(terminals, 1) }

    func validate() throws {
        guard terminals >= 1 else { throw ValidationError("--terminals must be at least 1") }
        guard (1...5_000).contains(batchSize) else { throw ValidationError("--batch-size must be 1 to 5000") }
        guard seconds > 0 else { throw ValidationError("--seconds must be more than 0") }
        guard (1...9_000).contains(bigCustomers) else {
            throw ValidationError("--big-customers must be 1 to 9000 (the ids go on one command line)")
        }
        guard terminalCustomers >= batchSize else {
            throw ValidationError("--customers must be at least --big-customers + terminals × batch size (\(bigCustomers + terminals * batchSize)) so that every batch edits distinct customers")
        }
        guard terminalCustomers <= 9_000 else { throw ValidationError("at most 9000 customers per terminal (the ids go on one command line)") }
        guard fetches >= 1 else { throw ValidationError("--fetches must be at least 1") }
        guard (0...5_000).contains(longPolls) else { throw ValidationError("--long-polls must be 0 to 5000") }
        guard longPollWave >= 0 else { throw ValidationError("--long-poll-wave must be 0 or more") }
        guard (0...5_000).contains(burst) else { throw ValidationError("--burst must be 0 to 5000") }
        guard fetchSeconds > 0 else { throw ValidationError("--fetch-seconds must be more than 0") }
        if let batches, batches < 1 { throw ValidationError("--batches must be at least 1") }
    }

    func run() async throws {
        Cleanup.shared.installSignalHandlers()
        defer { Cleanup.shared.run() }
        Self.raiseFileLimit()

        let binary = try ServerTool.locate(explicit: serverBinary)
        let parent = workDir ?? FileManager.default.temporaryDirectory.path
        let directory = (parent as NSString).appendingPathComponent("fieldaudit-server-load-\(UUID().uuidString.prefix(8).lowercased())")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if !keep { Cleanup.shared.removeOnExit(directory) }
        let dataDirectory = (directory as NSString).appendingPathComponent("data")
        let tool = ServerTool(binary: binary, dataDirectory: dataDirectory, logPath: (directory as NSString).appendingPathComponent("commands.log"))

        say("server-load: \(Machine.description)")
        say("audit-server: \(binary)")
        say("data directory: \(directory) (\(Self.filesystem(of: directory)))")

        // Setup through the dispatcher commands.
        let clock = ContinuousClock()
        var started = clock.now
        let file = CustomerFile(count: customers)
        let csv = (directory as NSString).appendingPathComponent("customers.csv")
        let ids = try file.write(to: csv)
        let csvBytes = (try? FileManager.default.attributesOfItem(atPath: csv)[.size] as? Int) ?? 0
        let importLine = try tool.importCustomers(from: csv)
        let importTime = clock.now - started
        say("import: \(importLine) in \(Format.seconds(importTime.seconds)) (\(Format.bytes(csvBytes)) CSV)")

        started = clock.now
        var benchTerminals: [BenchTerminal] = []
        for index in 1...terminals {
            let name = "tab-\(index)", auditor = "aud-\(index)"
            let own = Array(ids[(bigCustomers + (index - 1) * terminalCustomers)..<(bigCustomers + index * terminalCustomers)])
            let token = try tool.enroll(name: name, auditor: auditor)
            _ = try tool.createWorkOrder(assignee: auditor, customers: own, area: "Bayreuth bench \(index)")
            benchTerminals.append(BenchTerminal(name: name, auditor: auditor, token: token, customers: own))
        }
        let bigToken = try tool.enroll(name: "tab-big", auditor: "aud-big")
        let bigOrder = try tool.createWorkOrder(assignee: "aud-big", customers: Array(ids[0..<bigCustomers]), area: "Bayreuth big")
        say("dispatch: \(terminals + 1) tablets enrolled, \(terminals) work orders of \(terminalCustomers) customers and \(bigOrder) of \(bigCustomers) in \(Format.seconds((clock.now - started).seconds))")

        let server = try ServerChild(binary: binary, dataDirectory: dataDirectory, logPath: (directory as NSString).appendingPathComponent("server.log"))
        say("serve: pid \(server.pid) on \(server.baseURL.absoluteString)")
        var serverStopped = false
        defer { if !serverStopped { server.killNow() } }

        var logger = Logger(label: "fieldaudit-bench")
        logger.logLevel = .critical
        let http = HTTPClient(configuration: HTTPClientConfiguration(retryPolicy: RetryPolicy.none, logger: logger))
        let baseRSS = server.status()["VmRSS"] ?? 0

        // 1. Push.
        let push = try await pushPhase(benchTerminals, server: server, http: http)
        say("push: \(push.line)")

        // 2. Scope fetches.
        let bigClient = SyncClient(server: server.baseURL, token: bigToken, http: http)
        let fetch = ScopeFetch(client: bigClient, http: http, server: server.baseURL, token: bigToken, workOrder: bigOrder, serverCPU: { server.cpuSeconds() })
        let (packet, pages) = try await scopePhase(fetch)
        say("packet: through SyncClient \(packet.client.summary); bare HTTP \(packet.raw.summary)")
        say("pull pages: through SyncClient \(pages.client.summary); bare HTTP \(pages.raw.summary)")

        // What the load left in memory, then a plain graceful stop.
        let cursor = try await bigClient.packet(bigOrder).cursor
        let loaded = LoadedMemory(status: server.status(), startKiB: baseRSS)
        let loadStop = await server.stop(within: .seconds(10))
        serverStopped = true
        say("stop after load: " + Self.describe(loadStop, during: nil))

        // 3. Idle long-polls on a freshly started server, then SIGTERM while they wait.
        var idle: IdleLongPolls.Figures?
        let tokens = [bigToken] + benchTerminals.map(\.token)
        if longPolls > 0 {
            let fresh = try ServerChild(binary: binary, dataDirectory: dataDirectory, logPath: (directory as NSString).appendingPathComponent("server-long-polls.log"))
            defer { fresh.killNow() }
            say("long-polls: restarted audit-server (pid \(fresh.pid)); opening \(longPolls) …")
            let clients = tokens.map { SyncClient(server: fresh.baseURL, token: $0, http: http) }
            idle = await IdleLongPolls(server: fresh, clients: clients, http: http, count: longPolls, cursor: cursor, wave: longPollWave)
                .run { say($0) }
        }

        // 4. A burst of simultaneous pulls on a restarted server.
        var burstFigures: BurstCheck.Figures?
        if burst > 0 {
            let again = try ServerChild(binary: binary, dataDirectory: dataDirectory, logPath: (directory as NSString).appendingPathComponent("server-burst.log"))
            defer { again.killNow() }
            say("burst: restarted audit-server (pid \(again.pid)); \(burst) pulls with wait=1 in one instant …")
            let clients = tokens.map { SyncClient(server: again.baseURL, token: $0, http: http) }
            let figures = await BurstCheck(server: again, clients: clients, http: http, count: burst, cursor: cursor).run()
            say("burst: \(figures.answered) answered, \(figures.failed) failed, \(figures.unanswered) unanswered after \(Format.seconds(figures.elapsed.seconds))")
            burstFigures = figures
        }

        printSummary(push: push, packet: packet, pages: pages, loaded: loaded, loadStop: loadStop, idle: idle, burst: burstFigures,
                     importTime: importTime, csvBytes: csvBytes, directory: directory)
        if keep { print("kept: \(directory)") }
        if !push.failures.isEmpty {
            throw BenchFailure("\(push.failures.count) push(es) failed; first: \(push.failures[0])")
        }
    }

    // MARK: Phases

    private func pushPhase(_ benchTerminals: [BenchTerminal], server: ServerChild, http: HTTPClient) async throws -> PushPhase.Figures {
        try await PushPhase(terminals: benchTerminals, nodes: [server], http: http, batchSize: batchSize, seconds: seconds, batches: batches).run()
    }

    private func scopePhase(_ fetch: ScopeFetch) async throws -> (packet: ScopeFetch.Figures, pages: ScopeFetch.Figures) {
        var packet = ScopeFetch.Figures(), pages = ScopeFetch.Figures()
        // Warm up once (statement caches, page cache, allocator).
        _ = try await fetch.packet()
        _ = try await fetch.pullAll()
        let clock = ContinuousClock()
        let phaseStarted = clock.now
        let systemBefore = SystemCPU.busySeconds(), benchBefore = ProcessCPU.selfSeconds(), serverBefore = fetch.serverCPU()
        for _ in 0..<fetches where clock.now - phaseStarted < .milliseconds(Int(fetchSeconds * 1000)) {
            var started = clock.now
            packet.records = try await fetch.packet()
            packet.client.record(clock.now - started)
            packet.requests = 1

            started = clock.now
            (pages.records, pages.requests) = try await fetch.pullAll()
            pages.client.record(clock.now - started)

            started = clock.now
            (packet.decodedBytes, packet.wireBytes, packet.encoding) = try await fetch.rawPacket()
            packet.raw.record(clock.now - started)

            started = clock.now
            (pages.decodedBytes, pages.wireBytes, pages.encoding) = try await fetch.rawPullAll()
            pages.raw.record(clock.now - started)
        }
        let phaseSeconds = max((clock.now - phaseStarted).seconds, 0.001)
        let serverCPU = fetch.serverCPU() - serverBefore, benchCPU = ProcessCPU.selfSeconds() - benchBefore
        packet.cpuLine = String(format: "server %.2f cores, bench %.2f cores, other processes %.2f cores", serverCPU / phaseSeconds, benchCPU / phaseSeconds,
                                max(0, SystemCPU.busySeconds() - systemBefore - serverCPU - benchCPU) / phaseSeconds)
        guard packet.records >= bigCustomers + 1, pages.records >= bigCustomers + 1 else {
            throw BenchFailure("the big auditor's scope held \(packet.records) records in the packet and \(pages.records) in pull pages; expected \(bigCustomers + 1)")
        }
        return (packet, pages)
    }

    // MARK: Summary

    /// The server's memory after the push and fetch phases, in KiB.
    struct LoadedMemory {
        var rssKiB: Int, peakKiB: Int, startKiB: Int, threads: Int
        init(status: [String: Int], startKiB: Int) {
            rssKiB = status["VmRSS"] ?? 0
            peakKiB = status["VmHWM"] ?? 0
            threads = status["Threads"] ?? 0
            self.startKiB = startKiB
        }
    }

    private func printSummary(push: PushPhase.Figures, packet: ScopeFetch.Figures, pages: ScopeFetch.Figures, loaded: LoadedMemory,
                              loadStop: ServerChild.StopOutcome, idle: IdleLongPolls.Figures?, burst: BurstCheck.Figures?, importTime: Duration, csvBytes: Int, directory: String) {
        func goal(_ met: Bool) -> String { met ? "met" : "NOT met" }
        func wire(_ figures: ScopeFetch.Figures) -> String {
            let json = "\(Format.bytes(figures.decodedBytes)) JSON"
            guard figures.wireBytes > 0, figures.encoding != "identity" else { return json + ", sent uncompressed" }
            return json + ", \(Format.bytes(figures.wireBytes)) \(figures.encoding) on the wire (\(String(format: "%.1f", Double(figures.decodedBytes) / Double(figures.wireBytes)))×)"
        }
        let pushSeconds = push.elapsed.seconds
        var lines: [String] = []
        lines.append("machine        \(Machine.description)")
        lines.append("data           \(Format.grouped(customers)) customers (CSV \(Format.bytes(csvBytes)), imported in \(Format.seconds(importTime.seconds))) on \(Self.filesystem(of: directory))")
        lines.append("               \(terminals) terminals × \(terminalCustomers) own customers; big work order of \(Format.grouped(bigCustomers)) customers")
        lines.append("push           \(terminals) terminals, \(batchSize) records/batch (\(Format.bytes(push.bodyBytes)) JSON), \(Format.seconds(pushSeconds))")
        lines.append("  merged/s     \(Format.grouped(Int(push.rate))) merged records/s sustained (goal ≥ 20,000/s: \(goal(push.rate >= 20_000)))")
        lines.append("  totals       \(Format.grouped(push.records)) records, \(Format.grouped(push.batches)) batches, \(push.conflicts) conflicts, \(push.failures.count) failed pushes"
                     + (push.serverMerges.map { "; server counted \(Format.grouped($0)) merges" } ?? ""))
        lines.append("  latency      push \(push.latencies.summary)")
        lines.append("  CPU          \(push.cpuLine)"
                     + (push.otherCPU / max(pushSeconds, 0.001) > 0.2 ? " — the machine was shared, figures are low" : ""))
        lines.append("packet         \(packet.records) records, 1 request, \(wire(packet))")
        lines.append("  bare HTTP    \(packet.raw.summary) (goal p99 < 150 ms: \(goal(packet.raw.p99 < 150)))")
        lines.append("  SyncClient   \(packet.client.summary) (the same, plus decoding every state on the tablet)")
        lines.append("  CPU          \(packet.cpuLine) (over all fetches)")
        lines.append("pull pages     \(pages.records) records, \(pages.requests) requests of ≤ \(SyncLimits.page), \(wire(pages))")
        lines.append("  SyncClient   \(pages.client.summary)")
        lines.append("  bare HTTP    \(pages.raw.summary)")
        lines.append("server memory  after push + fetches: VmRSS \(Format.kib(loaded.rssKiB)), VmHWM \(Format.kib(loaded.peakKiB)); \(Format.kib(loaded.startKiB)) at start; \(loaded.threads) threads")
        lines.append("  stop         " + Self.describe(loadStop, during: "after the load"))
        if let idle {
            let perPoll = idle.waitingGauge > 0 ? Double(idle.rssWaitingKiB - idle.rssBeforeKiB) / Double(idle.waitingGauge) : 0
            lines.append("long-polls     \(idle.opened) of \(longPolls) opened (wait=30, \(longPollWave == 0 ? "all at once" : "waves of \(longPollWave)")), fieldaudit_waiting_pulls \(idle.waitingGauge) after \(Format.seconds(idle.openedIn.seconds))"
                         + (idle.serverAnswering ? "" : "; SERVER STOPPED ANSWERING /metrics"))
            lines.append("  server RSS   \(Format.kib(idle.rssWaitingKiB)) while they wait (goal < 100 MB with \(longPolls) waiting: \(idle.waitingGauge >= longPolls ? goal(Double(idle.rssWaitingKiB) * 1024 < 100e6) : "not measured, only \(idle.waitingGauge) waiting")); \(Format.kib(idle.rssBeforeKiB)) just before (freshly started server)")
            lines.append("  per poll     \(String(format: "%.1f", perPoll)) KiB; server threads \(idle.threadsBefore) → \(idle.threadsWaiting)")
            lines.append("  peak RSS     VmHWM \(Format.kib(idle.phasePeakKiB)) while opening and holding them\(idle.peakWasReset ? "" : " (the kernel refused the reset: peak since start)")")
            lines.append("  stop         " + Self.describe(idle.stop, during: "with \(idle.waitingGauge) long-polls waiting"))
            lines.append("  outcome      \(idle.answered) answered, \(idle.failed) failed, \(idle.cancelled) cancelled by the bench" + (idle.firstFailure.map { " (first failure: \($0))" } ?? ""))
        }
        if let burst {
            lines.append("burst          \(self.burst) pulls (wait=1) in one instant on a restarted server: \(burst.answered) answered, \(burst.failed) failed, \(burst.unanswered) unanswered within \(Format.seconds(burst.elapsed.seconds))"
                         + (burst.unanswered > 0 ? " — SERVER STOPPED ANSWERING" : ""))
            lines.append("  /healthz     " + (burst.healthz.map { "answered in \(Format.ms($0.milliseconds)) during the burst" } ?? "NO ANSWER within 5 s during the burst")
                         + (burst.firstFailure.map { "; first failure: \($0)" } ?? ""))
            lines.append("  stop         " + Self.describe(burst.stop, during: nil))
        }
        print("")
        print("== server-load summary ==")
        for line in lines { print(line) }
        print("command        fieldaudit-bench server-load --terminals \(terminals) --batch-size \(batchSize) "
              + (batches.map { "--batches \($0)" } ?? "--seconds \(seconds)")
              + " --customers \(customers) --big-customers \(bigCustomers) --fetches \(fetches) --long-polls \(longPolls) --long-poll-wave \(longPollWave) --burst \(self.burst)")
    }

    // MARK: Helpers

    static func describe(_ stop: ServerChild.StopOutcome, during: String?) -> String {
        let what = "SIGTERM" + (during.map { " " + $0 } ?? "")
        switch stop {
        case .exited(let status, let after): return "\(what): exited with status \(status) after \(Format.seconds(after.seconds))"
        case .killed(let after): return "\(what): still running after \(Format.seconds(after.seconds)); SIGKILLed"
        case .alreadyGone: return "audit-server had already exited"
        }
    }

    /// 500 long-polls need 500 sockets here and in the server (which inherits the limit).
    static func raiseFileLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    /// The file system type under `path` (`ext4`, `tmpfs`, `overlay` …): fsync cost depends on it.
    static func filesystem(of path: String) -> String {
        guard let mounts = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8) else { return "unknown file system" }
        var best: (point: String, type: String) = ("", "unknown")
        for line in mounts.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count >= 3 else { continue }
            let point = String(parts[1])
            if (path == point || path.hasPrefix(point.hasSuffix("/") ? point : point + "/")) && point.count >= best.point.count {
                best = (point, String(parts[2]))
            }
        }
        return "\(best.type) at \(best.point)"
    }
}

/// Prints a progress line at once, also when standard output is a file or a pipe.
func say(_ line: String) {
    print(line)
    fflush(nil)
}
