import ArgumentParser
import Foundation
import Logging
import Shared
import Transport

/// `audit-server mis`: reconcile with the marketing MIS, the company's system of record.
struct MISCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mis",
        abstract: "Reconcile customers and devices with the marketing MIS.",
        subcommands: [Sync.self]
    )

    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pull what changed in the MIS, merge it, send verified field corrections back, report every difference.",
            discussion: """
                The MIS is its own replica (`mis`) in the merge: a field changed both in the MIS and in \
                the field becomes a conflict for a dispatcher, never an overwrite. While in conflict, \
                MIS-owned fields (tariff, contract capacity, account status) show the MIS value and \
                field-owned facts (meter serial, seal, location, address as found) show the auditor's.

                Over HTTP (--url) it reads GET {URL}/customers?changed_since=T&page=N and the same for \
                /devices (JSON or CSV by content type), then POSTs corrections to {URL}/corrections in \
                batches whose Idempotency-Key is a digest of their content. For installations that \
                exchange files, --from reads a full customer export (and --devices-from a device \
                export) and --to receives the corrections as JSON files. The interface is written down \
                in the README, "MIS interface". Running it twice in a row changes nothing the second \
                time and sends nothing twice.

                Exit status: 0 when every row went in, 2 when some rows were rejected, 1 on any other error.

                Examples:
                  audit-server mis sync --data /var/lib/fieldaudit --url https://mis.example/api/fieldaudit
                  audit-server mis sync --data /var/lib/fieldaudit --from mis-export.csv --to outbox/ --dry-run
                """)

        @OptionGroup var data: DataOptions
        @OptionGroup var source: MISSourceOptions
        @Flag(help: "Read and compare, but store nothing and send nothing.") var dryRun = false
        @Option(help: "Write the reconciliation report (CSV) here; default: DIR/mis/report-TIME.csv.") var report: String?
        @Flag(help: "Print the summary as JSON.") var json = false

        func validate() throws { try source.validate() }

        func run() async throws {
            let database = try data.open()
            let barBox = ProgressBox()
            let job = MISJob(database: database, endpoint: try source.endpoint(), dryRun: dryRun, logger: Logger(label: "audit-server.mis"))
            let result: MISReport
            do {
                result = try await job.run { phase, done, total in barBox.update(phase, done, total) }
            } catch let error as MISError {
                throw ExitCodeMessage("MIS sync stopped: \(error.description)")
            }
            let path = report ?? (data.data as NSString).appendingPathComponent("mis/report-\(Self.timestamp()).csv")
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try AtomicFile.write(Data(result.csv.utf8), to: path)
            if json {
                print(String(decoding: try WireCoding.encode(result), as: UTF8.self))
            } else {
                print(result.summary)
                print("report: \(path)")
            }
            if result.count(.rowRejected) > 0 && !json { throw ExitCode(2) }
        }

        static func timestamp() -> String {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
            return formatter.string(from: Date())
        }
    }
}

/// Where the MIS is: an HTTP base URL, or files.
struct MISSourceOptions: ParsableArguments {
    @Option(help: "The MIS interface's base URL, e.g. https://mis.example/api/fieldaudit.") var url: String?
    @Option(help: "A full customer export (CSV with the import columns, or JSON) instead of --url.") var from: String?
    @Option(help: "A full device export, with --from.") var devicesFrom: String?
    @Option(help: "The directory that receives correction files, with --from.") var to: String?

    func validate() throws {
        switch (url, from ?? devicesFrom) {
        case (nil, nil): throw ValidationError("say where the MIS is: --url URL, or --from FILE.csv --to DIR")
        case (_?, _?): throw ValidationError("--url and --from/--devices-from cannot be combined")
        case (let url?, nil):
            _ = try Self.misURL(url, option: "--url")
        case (nil, _?):
            guard to != nil else { throw ValidationError("--from needs --to DIR, where the corrections for the MIS are written") }
        }
    }

    /// `text` as the MIS's base URL, refusing anything but http and https, naming `option`.
    static func misURL(_ text: String, option: String) throws -> URL {
        guard let parsed = URL(string: text), ["http", "https"].contains(parsed.scheme ?? "") else {
            throw ValidationError("\(option) must be an http or https URL (got \(text))")
        }
        return parsed
    }

    func endpoint() throws -> MISEndpoint {
        if let url, let parsed = URL(string: url) { return .http(parsed, HTTPClient()) }
        return .files(customers: from, devices: devicesFrom, outbox: to ?? ".")
    }
}

/// The progress bar, updated from the job's sendable progress callback.
final class ProgressBox: @unchecked Sendable {
    private let lock = NSLock()
    private var bar = ProgressBar(total: 1, label: "")
    private var phase = ""

    func update(_ phase: String, _ done: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        if phase != self.phase {
            self.phase = phase
            bar = ProgressBar(total: max(total, 1), label: phase)
        }
        bar.update(done)
    }
}
