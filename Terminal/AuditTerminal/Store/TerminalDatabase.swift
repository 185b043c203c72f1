import Foundation
import GRDB

/// The tablet's one SQLite file under `--home DIR`: identity, cached records, outbox, refused batches, cursor.
///
/// Opened with `synchronous = FULL` in WAL mode: once an edit returns, it survives power loss.
public enum TerminalDatabase {
    /// The database file's name inside the home directory.
    public static let fileName = "fieldaudit-terminal.sqlite"

    /// The default home: `$XDG_DATA_HOME/fieldaudit`, else `~/.local/share/fieldaudit`.
    public static var defaultHome: String {
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return (xdg as NSString).appendingPathComponent("fieldaudit") }
        return (NSHomeDirectory() as NSString).appendingPathComponent(".local/share/fieldaudit")
    }

    /// Opens (creating if needed) the database in `home` and runs pending migrations.
    ///
    /// The file holds the device token, so it and its `-wal` and `-shm` companions are readable by
    /// their owner only (mode 0600), whatever the umask; a new home folder is made 0700.
    public static func open(home: String) throws -> DatabasePool {
        let path = (home as NSString).appendingPathComponent(fileName)
        try OwnerOnlyFiles.prepare(directory: home, database: path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try migrator.migrate(pool)
        try OwnerOnlyFiles.restrict(database: path)
        return pool
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-cache-and-outbox") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                -- Cached records with their full versioned state (wire JSON).
                CREATE TABLE records (
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    state BLOB NOT NULL,
                    PRIMARY KEY (kind, id)
                ) WITHOUT ROWID;
                -- One row per local edit; rows leave only after the server acknowledged them.
                CREATE TABLE outbox (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    at_ms INTEGER NOT NULL
                );
                -- The batch being sent: fixed before the first attempt and re-sent byte for byte until acknowledged.
                CREATE TABLE pending_batch (
                    batch_id TEXT PRIMARY KEY,
                    upto_seq INTEGER NOT NULL,
                    body BLOB NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2-maps") { db in
            try db.execute(sql: """
                -- The road map of each work order's area (a graph file), and the customer list it was cut for.
                CREATE TABLE maps (
                    work_order TEXT PRIMARY KEY,
                    customers TEXT NOT NULL,
                    graph BLOB NOT NULL,
                    fetched_at_ms INTEGER NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v3-quarantine") { db in
            try db.execute(sql: """
                -- Batches the server refused for their content (400, 403, 413, 422): kept as sent,
                -- with the server's answer, until the auditor retries them; never deleted silently.
                -- Their records stay in the cache with their edits; later edits go out as usual.
                CREATE TABLE quarantine (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    batch_id TEXT NOT NULL,
                    body BLOB NOT NULL,
                    status INTEGER NOT NULL,
                    code TEXT NOT NULL,
                    detail TEXT NOT NULL,
                    at_ms INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v4-track-points") { db in
            try db.execute(sql: """
                -- Breadcrumbs of the day's track kept by the recorder and not yet closed into a
                -- signed track batch: written at once, so power loss loses none.
                CREATE TABLE track_points (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    seconds INTEGER NOT NULL,
                    latitude REAL NOT NULL,
                    longitude REAL NOT NULL,
                    accuracy REAL
                );
                """)
        }
        migrator.registerMigration("v5-quality-notes") { db in
            try db.execute(sql: """
                -- The open data-quality findings about the records of this tablet's work, as the
                -- server last sent them (QualityNote): shown beside the fields they concern.
                CREATE TABLE quality_notes (
                    subject TEXT NOT NULL,
                    rule TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    field TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    detail TEXT NOT NULL,
                    PRIMARY KEY (subject, rule)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
