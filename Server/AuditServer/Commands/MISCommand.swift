import ArgumentParser
import CommandLanguage
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
        @OptionGroup var messages: LanguageOptions
        @Flag(help: "Read and compare, but store nothing and send nothing.") var dryRun = false
        @Option(help: "Write the reconciliation report (CSV) here; default: DIR/mis/report-TIME.csv.") var report: String?
        @Flag(help: "Print the summary as JSON.") var json = false

        func validate() throws { try source.check(in: messages.language) }

        func run() async throws {
            let language = messages.language
            let database = try data.open()
            let barBox = ProgressBox(language: language)
            let job = MISJob(database: database, endpoint: try source.endpoint(), dryRun: dryRun, logger: Logger(label: "audit-server.mis"))
            let result: MISReport
            do {
                result = try await job.run { phase, done, total in barBox.update(phase, done, total) }
            } catch let error as MISError {
                throw ExitCodeMessage(language.localized("server.mis.stopped", ["error": error.description]))
            }
            let path = report ?? (data.data as NSString).appendingPathComponent("mis/report-\(Self.timestamp()).csv")
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try AtomicFile.write(Data(result.csv.utf8), to: path, in: language)
            if json {
                print(String(decoding: try WireCoding.encode(result), as: UTF8.self))
            } else {
                print(result.summary(in: language))
                print(language.localized("server.mis.report", ["file": path]))
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

    /// Refuses options that do not say where the MIS is, telling why in `language` (the command's
    /// `validate` calls it: an option group does not know the command's `--lang`).
    func check(in language: Language) throws {
        switch (url, from ?? devicesFrom) {
        case (nil, nil): throw ValidationError(language.localized("server.mis.where"))
        case (_?, _?): throw ValidationError(language.localized("server.mis.url_and_files"))
        case (let url?, nil):
            _ = try Self.misURL(url, option: "--url", in: language)
        case (nil, _?):
            guard to != nil else { throw ValidationError(language.localized("server.mis.from_needs_to")) }
        }
    }

    /// `text` as the MIS's base URL, refusing anything but http and https, naming `option`, in `language`.
    static func misURL(_ text: String, option: String, in language: Language = .english) throws -> URL {
        guard let parsed = URL(string: text), ["http", "https"].contains(parsed.scheme ?? "") else {
            throw ValidationError(language.localized("server.mis.bad_url", ["option": option, "url": text]))
        }
        return parsed
    }

    func endpoint() throws -> MISEndpoint {
        if let url, let parsed = URL(string: url) { return .http(parsed, HTTPClient()) }
        return .files(customers: from, devices: devicesFrom, outbox: to ?? ".")
    }
}

/// The progress bar, updated from the job's sendable progress callback, its phases named in `language`.
final class ProgressBox: @unchecked Sendable {
    private let lock = NSLock()
    private let language: Language
    private var bar = ProgressBar(total: 1, label: "")
    private var phase: LocalizedText?

    init(language: Language) { self.language = language }

    func update(_ phase: LocalizedText, _ done: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        if phase != self.phase {
            self.phase = phase
            bar = ProgressBar(total: max(total, 1), label: phase.text(in: language))
        }
        bar.update(done)
    }
}
