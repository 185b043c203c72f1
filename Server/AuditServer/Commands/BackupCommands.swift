import ArgumentParser
import CommandLanguage
import Foundation
import Shared

/// `audit-server backup --to FILE`: a consistent copy of the SQLite store, taken while it serves.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the store, consistently and while the server runs, to a file.",
        discussion: """
            SQLite's online backup API copies the store as one transaction saw it; the server and \
            dispatcher commands keep working meanwhile. The copy is checked (integrity, counts) \
            and moved into place only when whole. Put it back with audit-server restore.

            A PostgreSQL store is backed up with pg_dump (see the README, "Running a cluster").

            Example: audit-server backup --data /var/lib/fieldaudit --to /backup/fieldaudit-$(date +%F).sqlite
            """)
    @OptionGroup var data: DataOptions
    @OptionGroup var messages: LanguageOptions
    @Option(help: ArgumentHelp("The backup file to write (replaced when it exists).", valueName: "file")) var to: String

    func run() async throws {
        let language = messages.language
        let summary: StoreBackup.Summary
        guard let store = try data.open() as? SQLiteStore else {
            throw ExitCodeMessage(language.localized("server.backup.sqlite_only"))
        }
        do { summary = try StoreBackup.backup(store.pool, to: to) } catch {
            throw ExitCodeMessage(language.localized("server.backup.failed", ["error": "\(error)"]))
        }
        print(language.localized("server.backup.done", ["records": summary.records, "position": summary.changeLog, "file": to]))
    }
}

/// `audit-server restore --from FILE`: puts a backup back, with the server stopped.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup back in place of the store (stop the server first).",
        discussion: """
            Everything that happened after the backup is forgotten by the store, but not by the \
            tablets: the restored store starts a new epoch, which every answer names (header \
            FieldAudit-Store). On its next sync each tablet notices, reads its work again from the \
            restored store and sends again its own edits the store forgot; other tablets' edits \
            come back when those tablets sync. Office work done after the backup (imports, work \
            orders, resolutions) and MIS results are lost: redo them, and run the MIS job again. \
            The office and the MIS write under new replica ids from then on (server.N, mis.N), so \
            no new write can be mistaken for a forgotten one.

            SQLite: --from names the file audit-server backup made. Refused while a server runs on \
            the data directory.

            PostgreSQL: put the dump back with pg_restore first (see the README, "Running a \
            cluster"), with every node stopped; then run restore without --from to start the new \
            epoch, and start the nodes again.

            Examples:
              audit-server restore --data /var/lib/fieldaudit --from /backup/fieldaudit-2026-12-01.sqlite
              audit-server restore --data /var/lib/fieldaudit --store postgres://fieldaudit@db:5432/fieldaudit
            """)
    @OptionGroup var data: DataOptions
    @OptionGroup var messages: LanguageOptions
    @Option(help: ArgumentHelp("SQLite: the backup file made by audit-server backup.", valueName: "file")) var from: String?

    func run() async throws {
        let language = messages.language
        guard case .sqlite = try data.location else {
            guard from == nil else { throw ExitCodeMessage(language.localized("server.restore.postgres_from")) }
            let store = try data.open()
            defer { try? store.close() }
            let epoch = try await store.write { db in try StoreEpoch.beginAfterRestore(in: db) }
            print(epoch.text(in: language))
            return
        }
        guard let from else { throw ValidationError(language.localized("server.restore.needs_from")) }
        try FileManager.default.createDirectory(atPath: data.data, withIntermediateDirectories: true)
        let lock: DataDirectoryLock
        do { lock = try DataDirectoryLock(directory: data.data, exclusive: true) } catch { throw ExitCodeMessage(error.description) }
        defer { withExtendedLifetime(lock) {} }
        let summary: StoreBackup.Summary
        do { summary = try StoreBackup.restore(from, into: data.data) } catch {
            throw ExitCodeMessage(language.localized("server.restore.failed", ["error": "\(error)"]))
        }
        let taken = summary.takenAtMilliseconds > 0
            ? Date(timeIntervalSince1970: Double(summary.takenAtMilliseconds) / 1000).formatted(.iso8601)
            : language.localized("server.restore.unknown_time")
        print(language.localized("server.restore.done", ["records": summary.records, "file": from, "time": taken]))
        print(summary.epoch.text(in: language))
    }
}

extension StoreEpoch {
    /// The epoch a restore began and who writes from now on, for a person in `language`.
    func text(in language: Language) -> String {
        language.localized("server.restore.epoch", ["number": number, "id": id, "server": server, "mis": mis])
    }
}
