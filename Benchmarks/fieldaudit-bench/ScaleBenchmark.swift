import ArgumentParser
import Foundation
import Logging
import Transport

/// A province on both stores, side by side (issue 13): import rate, first syncs as the province
/// grows, pulls when nothing changed, merged records/s on one and two nodes, long-polls per node.
struct ScaleBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "A province on SQLite and on PostgreSQL: import, first syncs at 100k and 1M, idle pulls, pushes on 1 and 2 nodes, 5,000 long-polls.",
        discussion: """
            The province: --customers customers in --counties counties, cut into work orders of \
            --order-size customers (each in one county, each its own auditor's). It is loaded in \
            two steps, the first --checkpoint customers and then the rest, on each store named \
            by --stores, one store after the other with the same files:

            1. Import: each step's CSV (with a county column) goes in with 'audit-server import \
            customers', the office's own command, timed (goal: 1,000,000 in under 5 minutes).
            2. Work orders of the step are written in this process through the AuditServer \
            library (DispatchService.save, the path 'workorder create' ends in; setup, not timed \
            as a goal), and --first-syncs tablets, spread over every work order loaded so far, \
            are enrolled.
            3. First syncs: 'audit-server serve' starts, and each sampled tablet, one after \
            another, pulls its whole scope from cursor 0 with the tablet's SyncClient, as a new \
            tablet does (p50/p99; goal p99 < 200 ms at 1M, and no growth from the first step).
            After the last step, on the whole province:
            4. Idle pulls: a caught-up tablet pulls --idle-pulls times with nothing new; the \
            server's own time comes from its fieldaudit_sync_seconds histogram (goal < 10 ms).
            5. Pushes: --push-tablets tablets push --batch-size edits of their own customers for \
            --push-seconds, on one node; on PostgreSQL again with a second 'serve' node on \
            another port over the same database, the tablets spread over both. The CPU line \
            says who used the two cores (server nodes, this process, the rest: PostgreSQL).
            6. Long-polls: --long-polls idle pulls (wait=60) split over the nodes, their VmRSS \
            read from /proc while all wait; then each node gets SIGTERM.

            PostgreSQL: a private cluster from scripts/postgres-cluster (fsync off, as for the \
            tests), stopped at the end, unless --postgres names an empty database. Everything \
            lives in one temporary directory, removed on any exit (--keep keeps it). Build in \
            release mode first:

              swift build -c release --product audit-server
              swift build -c release --product fieldaudit-bench
              .build/release/fieldaudit-bench scale

            A quick try first: scale --customers 20000 --counties 10 --checkpoint 2000 --long-polls 1000
            """
    )

    @OptionGroup(title: "Province") var province: ProvinceOptions
    @OptionGroup(title: "Measurements") var measure: MeasureOptions
    @OptionGroup(title: "Stores and files") var stores: ScaleStoreOptions

    func run() async throws {
        Cleanup.shared.installSignalHandlers()
        defer { Cleanup.shared.run() }
        ServerLoadBenchmark.raiseFileLimit()
        let binary = try ServerTool.locate(explicit: stores.serverBinary)
        let directory = try makeDirectory()
        let province = self.province.province
        say("scale: \(Machine.description); load \(LoadAverage.now)")
        say("province: \(Format.grouped(province.customers)) customers, \(province.counties) counties, \(province.orders) work orders of \(province.orderSize); directory \(directory)")

        let files = try writeFiles(province, in: directory)
        var logger = Logger(label: "fieldaudit-bench")
        logger.logLevel = .critical
        let http = HTTPClient(configuration: HTTPClientConfiguration(retryPolicy: RetryPolicy.none, logger: logger))
        var columns: [StoreFigures] = []
        for kind in try stores.kinds {
            let store = try stores.benchStore(kind)
            let own = (directory as NSString).appendingPathComponent(kind.rawValue)
            try FileManager.default.createDirectory(atPath: own, withIntermediateDirectories: true)
            let run = StoreRun(store: store, province: province, measure: measure, binary: binary, directory: own, files: files, http: http)
            columns.append(try await run.run())
        }
        print("\n== scale summary ==")
        print(ScaleTable(columns: columns, province: province, measure: measure).render())
        print("machine: \(Machine.description)")
        print("command: fieldaudit-bench scale " + CommandLine.arguments.dropFirst(2).joined(separator: " "))
        if stores.keep { print("kept: \(directory)") }
    }

    private func makeDirectory() throws -> String {
        let parent = stores.workDir ?? FileManager.default.temporaryDirectory.path
        let directory = (parent as NSString).appendingPathComponent("fieldaudit-scale-\(UUID().uuidString.prefix(8).lowercased())")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if !stores.keep { Cleanup.shared.removeOnExit(directory) }
        return directory
    }

    /// One CSV per step, written once and imported on every store.
    private func writeFiles(_ province: Province, in directory: String) throws -> [(step: Range<Int>, path: String)] {
        try province.steps.enumerated().map { index, step in
            let path = (directory as NSString).appendingPathComponent("customers-\(index + 1).csv")
            let started = ContinuousClock.now
            _ = try province.file(for: step).write(to: path)
            let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            say("wrote \(path): \(Format.grouped(step.count)) customers, \(Format.bytes(bytes)) in \(Format.seconds((ContinuousClock.now - started).seconds))")
            return (step, path)
        }
    }
}
