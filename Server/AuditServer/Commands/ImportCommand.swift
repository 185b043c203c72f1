import ArgumentParser
import CommandLanguage
import Foundation
import Shared

/// `audit-server import customers|devices FILE.csv`: load the company's files.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import customers or devices from CSV files (UTF-8, RFC 4180 quoting).",
        discussion: """
            Every bad row is reported with its line number and the rule it breaks; the good rows go in \
            (with --strict, nothing goes in unless every row is good). Importing the same file again \
            changes nothing. The columns are listed in the README under "CSV import". Exit status: 0 \
            when every row went in, 2 when some rows were rejected, 1 on any other error.
            """,
        subcommands: [Customers.self, Devices.self, Outbox.self]
    )

    struct Outbox: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a tablet's unsent edits from a file written by audit-terminal export-outbox.",
            discussion: """
                The edits are checked and merged exactly as if the tablet had pushed them (the same \
                scope, history and field rules; a file that breaks one is refused whole and nothing is \
                written). Files of revoked or unknown devices are refused. Importing the same file \
                twice changes nothing.

                Example: audit-server import outbox --data /var/lib/fieldaudit tab-0042-outbox.json
                """)
        @OptionGroup var data: DataOptions
        @OptionGroup var messages: LanguageOptions
        @Argument(help: "The outbox file.") var file: String

        func run() async throws {
            let language = messages.language
            let bytes = try ImportOptions.contents(of: file, in: language)
            let outbox: OutboxFile
            do { outbox = try OutboxFile.decodeFast(bytes) } catch {
                throw ExitCodeMessage(language.localized("server.import.not_outbox", ["file": file, "error": error.description]))
            }
            let database = try data.open()
            guard let device = try DeviceRegistry(database: database).device(named: outbox.device) else {
                throw ExitCodeMessage(language.localized("server.import.never_enrolled", ["file": file, "device": outbox.device]))
            }
            guard device.revokedAt == nil else {
                throw ExitCodeMessage(language.localized("server.import.revoked", ["file": file, "device": outbox.device]))
            }
            let (answer, replayed) = try CommandErrors.reported {
                try database.write { db in try SyncService.apply(outbox.batch, from: device, in: db) }
            }
            let conflicts = answer.results.filter { $0.status == .conflict }.count
            print(replayed ? language.localized("server.import.replayed", ["file": file, "batch": outbox.batch.batchID])
                           : language.localized("server.import.merged", ["file": file, "count": answer.results.count, "device": device.name,
                                                                        "conflicts": conflicts]))
        }
    }

    struct Customers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import customers. Header: account,name[,address,phone,email,category,tariff,feeder,transformer,capacity_kva,phases,lat,lon,account_status,county,appointment,notes,id].",
            discussion: "Example: audit-server import customers --data /var/lib/fieldaudit customers.csv")
        @OptionGroup var options: ImportOptions
        func run() async throws { try options.run(RecordImporter<Customer>.customers, noun: "customers") }
    }

    struct Devices: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import devices. Header: serial,kind[,id,customer_account,customer,seal,model,voltage_level,status,lat,lon,notes].",
            discussion: "Example: audit-server import devices --data /var/lib/fieldaudit meters.csv")
        @OptionGroup var options: ImportOptions
        func run() async throws { try options.run(RecordImporter<Device>.devices, noun: "devices") }
    }
}

/// The options every import shares, and the import itself.
struct ImportOptions: ParsableArguments {
    @OptionGroup var data: DataOptions
    @OptionGroup var messages: LanguageOptions
    @Argument(help: "The CSV file.") var file: String
    @Flag(help: "Import nothing unless every row is good.") var strict = false
    @Flag(help: "Print the summary as JSON.") var json = false

    /// The bytes of `file`; a file that is missing or unreadable is told in `language`.
    static func contents(of file: String, in language: Language) throws -> Data {
        guard let bytes = FileManager.default.contents(atPath: file) else {
            throw ExitCodeMessage(language.localized("server.cannot_read", ["file": file]))
        }
        return bytes
    }

    /// Records written in one transaction. Larger than the 1,000 of other saves: each transaction
    /// rewrites the index pages its rows touch, so fewer of them cut a 1,000,000-customer SQLite
    /// import from 334 s to 266 s. The price: a push waits for the write lock up to one chunk's
    /// time (about 1.7 s at that size) while an import runs beside the server.
    static let chunkSize = 5_000

    /// The rows `bytes` can hold at most, for the progress bar: its lines after the header (a
    /// quoted cell may span lines, so there may be fewer rows).
    static func rowsAtMost(in bytes: Data) -> Int {
        let newlines = bytes.withUnsafeBytes { $0.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 } }
        return max(newlines - 1 + (bytes.last == UInt8(ascii: "\n") ? 0 : 1), 0)
    }

    /// Tells each problem on standard error, as `FILE:LINE: message`.
    private func report(_ problems: [ImportProblem]) {
        for problem in problems {
            FileHandle.standardError.write(Data("\(file):\(problem.line): \(problem.message)\n".utf8))
        }
    }

    /// Imports the file's records of `noun` (`customers`, `devices`: it names the progress bar).
    func run<Record: AuditRecord>(_ importer: RecordImporter<Record>, noun: String) throws {
        let language = messages.language
        let bytes = try Self.contents(of: file, in: language)
        let service = DispatchService(database: try data.open())
        let result: ImportResult<Record>, imported: Int, created: Int, changed: Int
        if strict {
            // Nothing is written unless every row is good, so the whole file is read first.
            result = importer.read(bytes)
            report(result.problems)
            if !result.problems.isEmpty {
                throw ExitCodeMessage(language.localized("server.import.strict_refused", ["count": result.problems.count]))
            }
            imported = result.records.count
            (created, changed) = try CommandErrors.reported { try service.saveAll(result.records.map(\.record), only: result.fields) }
        } else {
            // The rows read so far are written while the rest of the file is read.
            let pipeline = ImportPipeline(reading: bytes, with: importer, chunkSize: Self.chunkSize)
            defer { pipeline.abandon() }
            var bar = ProgressBar(total: Self.rowsAtMost(in: bytes), label: language.localized("server.import.progress." + noun))
            var taken = 0
            (created, changed) = try CommandErrors.reported {
                try service.save(chunks: pipeline, only: pipeline.coveredFields) { done in
                    taken = done
                    bar.update(done)
                }
            }
            bar.finish(taken)
            result = pipeline.result()
            report(result.problems)
            imported = taken
        }
        let rejectedRows = Set(result.problems.map(\.line)).count
        let summary = ImportSummary(file: file, rowsRead: imported + rejectedRows, created: created,
                                    changed: changed, unchanged: imported - created - changed,
                                    rejected: rejectedRows, problems: result.problems)
        if json {
            print(String(decoding: try WireCoding.encode(summary), as: UTF8.self))
        } else {
            print(language.localized("server.import.summary", [
                "file": file, "rows": summary.rowsRead, "created": created, "changed": changed, "unchanged": summary.unchanged,
                "rejected": summary.rejected]))
        }
        if !result.problems.isEmpty && !json { throw ExitCode(2) }
    }
}

/// What an import did.
struct ImportSummary: Codable {
    var file: String
    var rowsRead: Int
    var created: Int
    var changed: Int
    var unchanged: Int
    var rejected: Int
    var problems: [ImportProblem]

    enum CodingKeys: String, CodingKey {
        case file
        case rowsRead = "rows_read"
        case created, changed, unchanged, rejected, problems
    }
}
