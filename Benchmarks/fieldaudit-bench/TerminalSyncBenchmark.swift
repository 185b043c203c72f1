import ArgumentParser
import AuditTerminal
import Foundation
import Shared

/// The tablet's sync: a first sync of a 5,000-customer work packet into an empty terminal, then an
/// incremental sync of 100 edits (issue 4).
struct TerminalSyncBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terminal-sync",
        abstract: "A tablet's first sync of a 5,000-customer work order, then an incremental sync of 100 edits.",
        discussion: """
            Imports --customers customers into a fresh audit-server data directory (the real \
            executable, found next to this program), assigns them all to one auditor, serves them \
            on loopback, and syncs an empty tablet home with the terminal's own SyncEngine \
            (libcurl, SQLite). Then edits --edits customers on the tablet and syncs again. Prints \
            the time of each sync and the bytes on the wire (gzip-compressed where sent so). Build \
            both in release mode first:

              swift build -c release --product audit-server && swift build -c release --product fieldaudit-bench
              .build/release/fieldaudit-bench terminal-sync
            """
    )

    @Option(help: "Customers in the work order.") var customers = 5_000
    @Option(help: "Edits made on the tablet before the incremental sync.") var edits = 100
    @Option(help: "The audit-server executable (default: next to this program).") var serverBinary: String?

    func run() async throws {
        let (directory, tool) = try ServerTool.scratch(named: "tsync", serverBinary: serverBinary)
        defer { Cleanup.shared.run() }

        let ids = try CustomerFile(count: customers).write(to: directory + "/customers.csv")
        _ = try tool.importCustomers(from: directory + "/customers.csv")
        let token = try tool.enroll(name: "tab-bench", auditor: "bench")
        _ = try tool.createWorkOrder(assignee: "bench", customers: ids, area: "benchmark")
        let server = try ServerChild(binary: tool.binary, dataDirectory: tool.dataDirectory, logPath: tool.logPath)
        defer { server.killNow() }

        let store = try TerminalStore.open(home: directory + "/tablet")
        let client = SyncClient(server: server.baseURL, token: token)
        try store.enroll(.init(server: server.baseURL, token: token, device: try await client.whoami()))
        let engine = SyncEngine(store: store, client: client)

        let clock = ContinuousClock()
        let firstStart = clock.now
        let first = try await engine.syncOnce()
        let firstTime = clock.now - firstStart
        let firstTraffic = (client.traffic.sent, client.traffic.received)

        for id in ids.prefix(edits) {
            _ = try store.edit(RecordKey(kind: .customer, id: id)) { state, writer in
                try writer.write(.text("benchmark edit"), to: "notes", in: &state)
            }
        }
        let secondStart = clock.now
        let second = try await engine.syncOnce()
        let secondTime = clock.now - secondStart
        let secondTraffic = (client.traffic.sent - firstTraffic.0, client.traffic.received - firstTraffic.1)

        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print("first sync:       \(first.pulledChanges) records into an empty tablet in \(Self.milliseconds(firstTime)) ms; "
              + "wire: \(firstTraffic.0) B sent, \(firstTraffic.1) B received")
        print("incremental sync: \(second.pushedRecords) edits sent, \(second.pulledChanges) changes back in \(Self.milliseconds(secondTime)) ms; "
              + "wire: \(secondTraffic.0) B sent, \(secondTraffic.1) B received")
        guard first.pulledChanges >= customers, second.pushedRecords == edits else {
            throw BenchFailure("expected \(customers) records and \(edits) edits, got \(first.pulledChanges) and \(second.pushedRecords)")
        }
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.0f", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
    }
}
