import ArgumentParser
import Foundation

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
    @Option(help: ArgumentHelp("The backup file to write (replaced when it exists).", valueName: "file")) var to: String

    func run() async throws {
        let summary: StoreBackup.Summary
        guard let store = try data.open() as? SQLiteStore else {
            throw ExitCodeMessage("backup copies the SQLite store; back up PostgreSQL with pg_dump (see the README, \"Running a cluster\")")
        }
        do { summary = try StoreBackup.backup(store.pool, to: to) } catch { throw ExitCodeMessage("backup failed: \(error)") }
        print("backed up \(summary.records) records (change log at \(summary.changeLog)) to \(to)")
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

            Refused while a server runs on the data directory.

            Example: audit-server restore --data /var/lib/fieldaudit --from /backup/fieldaudit-2026-12-01.sqlite
            """)
    @OptionGroup var data: DataOptions
    @Option(help: ArgumentHelp("The backup file made by audit-server backup.", valueName: "file")) var from: String

    func run() async throws {
        guard case .sqlite = try data.location else {
            throw ExitCodeMessage("restore puts back a SQLite backup; restore PostgreSQL with pg_restore (see the README, \"Running a cluster\")")
        }
        try FileManager.default.createDirectory(atPath: data.data, withIntermediateDirectories: true)
        let lock: DataDirectoryLock
        do { lock = try DataDirectoryLock(directory: data.data, exclusive: true) } catch { throw ExitCodeMessage(error.description) }
        defer { withExtendedLifetime(lock) {} }
        let summary: StoreBackup.Summary
        do { summary = try StoreBackup.restore(from, into: data.data) } catch { throw ExitCodeMessage("restore failed: \(error)") }
        let taken = summary.takenAtMilliseconds > 0
            ? Date(timeIntervalSince1970: Double(summary.takenAtMilliseconds) / 1000).formatted(.iso8601) : "an unknown time"
        print("restored \(summary.records) records from \(from), as the store was at \(taken)")
        print("store epoch \(summary.epoch.number) (\(summary.epoch.id)): the office now writes as \(summary.epoch.server), the MIS as \(summary.epoch.mis); tablets catch up on their next sync")
    }
}
