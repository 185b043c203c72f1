import Foundation
import GRDB

/// Consistent copies of the SQLite store, taken while it serves, and putting one back.
///
/// Both go through SQLite's online backup API: the copy is the store as one transaction saw it,
/// however busy the server is. A copy is written to a temporary file beside its target and moved
/// into place only when whole and checked, so a failed backup never leaves a half file under the
/// target's name.
enum StoreBackup {
    /// What a backup or a restore copied.
    struct Summary: Sendable {
        var records: Int
        var changeLog: Int64
        var takenAtMilliseconds: Int64
        var epoch: StoreEpoch
    }

    /// Why a file cannot be restored.
    struct Unusable: Error, CustomStringConvertible {
        var description: String
    }

    /// Copies `source` to the file `path`, records when, and checks the copy.
    static func backup(_ source: DatabasePool, to path: String) throws -> Summary {
        let partial = path + ".partial-\(getpid())"
        try? FileManager.default.removeItem(atPath: partial)
        defer { try? FileManager.default.removeItem(atPath: partial) }
        let copy = try DatabaseQueue(path: partial)
        try source.backup(to: copy)
        let takenAt = Int64(Date().timeIntervalSince1970 * 1000)
        try copy.write { db in
            try db.execute(sql: """
                INSERT INTO meta (key, value) VALUES ('backup_taken_at_ms', ?)
                ON CONFLICT(key) DO UPDATE SET value = excluded.value
                """, arguments: [String(takenAt)])
        }
        let summary = try check(copy, path: path)
        try copy.close()
        guard rename(partial, path) == 0 else { throw Unusable(description: "cannot move the backup into \(path): \(String(cString: strerror(errno)))") }
        return summary
    }

    /// Replaces the store in `directory` with the backup at `path` and starts a new store epoch,
    /// numbered past both the backup's and the replaced store's. The caller holds the directory's
    /// lock exclusively.
    static func restore(_ path: String, into directory: String) throws -> Summary {
        guard FileManager.default.isReadableFile(atPath: path) else { throw Unusable(description: "cannot read \(path)") }
        var configuration = Configuration()
        configuration.readonly = true
        let backup = try DatabaseQueue(path: path, configuration: configuration)
        let restored = try check(backup, path: path)
        let livePath = (directory as NSString).appendingPathComponent(ServerDatabase.fileName)
        let replaced = FileManager.default.fileExists(atPath: livePath)
            ? try? ServerDatabase.open(directory: directory).read { db in try StoreEpoch.stored(in: SQLiteConnection(db)) } : nil
        let target = try ServerDatabase.open(directory: directory)
        try backup.backup(to: target)
        try backup.close()
        // A backup from an older version of the server is brought up to date.
        try ServerDatabase.migrator.migrate(target)
        let epoch = try target.write { db in
            let last = StoreEpoch(id: restored.epoch.id, number: max(restored.epoch.number, replaced?.number ?? 0))
            return try StoreEpoch.begin(after: last, in: SQLiteConnection(db))
        }
        var summary = restored
        summary.epoch = epoch
        return summary
    }

    /// Checks that `queue` holds a sound FieldAudit store and counts what it holds.
    static func check(_ queue: DatabaseQueue, path: String) throws -> Summary {
        try queue.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
            guard integrity == "ok" else { throw Unusable(description: "\(path) is damaged: \(integrity)") }
            guard try db.tableExists("records"), try db.tableExists("meta") else {
                throw Unusable(description: "\(path) is not a FieldAudit server store")
            }
            let takenAt = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'backup_taken_at_ms'").flatMap { Int64($0) } ?? 0
            let id = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'store_epoch'") ?? "none"
            let number = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'store_epoch_number'").flatMap { Int($0) } ?? 1
            return Summary(records: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records") ?? 0,
                           changeLog: try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM change_log") ?? 0,
                           takenAtMilliseconds: takenAt, epoch: StoreEpoch(id: id, number: number))
        }
    }
}
