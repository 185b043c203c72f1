import Foundation
import GRDB
import Shared

/// The server's SQLite database under `--data DIR`: opened in WAL mode, migrated at start.
///
/// Every process that works on the data directory (the running server and the dispatcher commands)
/// opens it through here, so they agree on the schema, and WAL lets them work at the same time.
public enum ServerDatabase {
    /// The database file's name inside the data directory.
    public static let fileName = "fieldaudit-server.sqlite"

    /// Opens (creating if needed) the database in `directory` and runs pending migrations (up to
    /// and including `lastMigration` when given: how a test makes a store of an older version).
    public static func open(directory: String, upTo lastMigration: String? = nil) throws -> DatabasePool {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // Durable on power loss: an acknowledged batch is on disk.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // 32 MiB of page cache for the one writer (SQLite's default is 2 MiB): the merge path
            // reads each pushed record's stored state, and rereading pages from the OS costs more.
            // Readers keep the default, so hundreds of waiting pulls stay small.
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA cache_size = -32768")
            }
        }
        let pool = try DatabasePool(path: (directory as NSString).appendingPathComponent(fileName), configuration: configuration)
        if let lastMigration {
            try migrator.migrate(pool, upTo: lastMigration)
        } else {
            try migrator.migrate(pool)
        }
        return pool
    }

    /// The versioned migrations. Never edit a shipped migration; add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-records-and-sync") { db in
            try db.execute(sql: """
                CREATE TABLE records (
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    state BLOB NOT NULL,            -- the full versioned state, wire JSON
                    seq INTEGER NOT NULL,           -- change-log position of the last change
                    conflicted INTEGER NOT NULL,    -- 1 while any field is in conflict
                    PRIMARY KEY (kind, id)
                ) WITHOUT ROWID;
                CREATE INDEX records_by_seq ON records(seq);
                CREATE INDEX records_conflicted ON records(conflicted) WHERE conflicted = 1;

                -- The change log: one row per change of a record's state; seq is the sync cursor.
                CREATE TABLE change_log (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    origin TEXT NOT NULL,           -- replica or job that caused the change
                    batch_id TEXT,                  -- the push batch, when there was one
                    at_ms INTEGER NOT NULL
                );

                -- Answers to pushed batches, so a batch sent twice is merged once.
                CREATE TABLE batch_receipts (
                    device TEXT NOT NULL,
                    batch_id TEXT NOT NULL,
                    response BLOB NOT NULL,
                    at_ms INTEGER NOT NULL,
                    PRIMARY KEY (device, batch_id)
                ) WITHOUT ROWID;

                CREATE TABLE devices (
                    name TEXT PRIMARY KEY,
                    auditor TEXT NOT NULL,
                    replica TEXT NOT NULL UNIQUE,
                    token_hash TEXT NOT NULL UNIQUE, -- SHA-256 of the token; the token itself is never stored
                    enrolled_at_ms INTEGER NOT NULL,
                    revoked_at_ms INTEGER
                );

                -- Scope, derived from record states on every merge.
                CREATE TABLE work_orders (
                    id TEXT PRIMARY KEY,
                    auditor TEXT NOT NULL
                );
                CREATE INDEX work_orders_by_auditor ON work_orders(auditor);
                CREATE TABLE work_order_customers (
                    work_order TEXT NOT NULL,
                    customer TEXT NOT NULL,
                    PRIMARY KEY (work_order, customer)
                ) WITHOUT ROWID;
                CREATE INDEX work_order_customers_by_customer ON work_order_customers(customer);
                CREATE TABLE device_customers (
                    device TEXT PRIMARY KEY,
                    customer TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX device_customers_by_customer ON device_customers(customer);
                CREATE TABLE visit_work_orders (
                    visit TEXT PRIMARY KEY,
                    work_order TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX visit_work_orders_by_work_order ON visit_work_orders(work_order);
                -- Every auditor a work order was ever assigned to: leaving scope never loses work.
                CREATE TABLE assignment_history (
                    work_order TEXT NOT NULL,
                    auditor TEXT NOT NULL,
                    PRIMARY KEY (work_order, auditor)
                ) WITHOUT ROWID;

                CREATE TABLE meta (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2-customer-sites") { db in
            try db.execute(sql: """
                -- Where each customer is, for cutting work orders by area and for maps.
                CREATE TABLE customer_sites (
                    id TEXT PRIMARY KEY,
                    lat REAL NOT NULL,
                    lon REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX customer_sites_by_position ON customer_sites(lat, lon);
                """)
        }
        migrator.registerMigration("v3-records-in-rowid-table") { db in
            // A state (about 1.5 KB for a customer) overflowed the pages of the WITHOUT ROWID
            // table, whose rows should stay small; a rowid table keeps it on one page.
            try db.execute(sql: """
                CREATE TABLE records_v3 (
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    state BLOB NOT NULL,            -- the full versioned state, wire JSON
                    seq INTEGER NOT NULL,           -- change-log position of the last change
                    conflicted INTEGER NOT NULL,    -- 1 while any field is in conflict
                    UNIQUE (kind, id)
                );
                INSERT INTO records_v3 (kind, id, state, seq, conflicted) SELECT kind, id, state, seq, conflicted FROM records;
                DROP TABLE records;
                ALTER TABLE records_v3 RENAME TO records;
                CREATE INDEX records_by_seq ON records(seq);
                CREATE INDEX records_conflicted ON records(conflicted) WHERE conflicted = 1;
                """)
        }
        migrator.registerMigration("v4-mis-mirror") { db in
            try db.execute(sql: """
                -- What the marketing MIS (replica `mis`) knows of each record: the state its own
                -- writes were made on. A field changed in the MIS is written on this state, so it
                -- covers what the MIS has seen and stands beside what it has not (a conflict).
                -- `known` holds the values the MIS last reported or accepted, field by field (JSON).
                CREATE TABLE mis_mirror (
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    state BLOB NOT NULL,
                    known TEXT NOT NULL,
                    PRIMARY KEY (kind, id)
                );
                -- Field corrections the MIS refused: not sent again until the value changes.
                CREATE TABLE mis_sent (
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    field TEXT NOT NULL,
                    value TEXT NOT NULL,            -- the value sent, wire JSON
                    batch_id TEXT NOT NULL,
                    PRIMARY KEY (kind, id, field)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v5-device-replicas") { db in
            try db.execute(sql: """
                -- Every replica id ever issued to a device, never issued twice: a re-enrolled or
                -- restored tablet writes under a new one (t-NAME, then t-NAME.2, t-NAME.3 …).
                -- high_ms/high_n: the newest hybrid-clock stamp among the replica's own writes in
                -- the pushes the server accepted from it (NULL: none yet).
                CREATE TABLE device_replicas (
                    replica TEXT PRIMARY KEY,
                    device TEXT NOT NULL,
                    epoch INTEGER NOT NULL,
                    issued_at_ms INTEGER NOT NULL,
                    high_ms INTEGER,
                    high_n INTEGER
                ) WITHOUT ROWID;
                CREATE INDEX device_replicas_by_device ON device_replicas(device, epoch);
                -- Pushes the server refused for their content (4xx but 401), newest last, a few per device.
                -- (No AUTOINCREMENT: that would write sqlite_sequence too; only the newest rows are kept.)
                CREATE TABLE device_refusals (
                    seq INTEGER PRIMARY KEY,
                    device TEXT NOT NULL,
                    at_ms INTEGER NOT NULL,
                    status INTEGER NOT NULL,
                    code TEXT NOT NULL,
                    detail TEXT NOT NULL
                );
                CREATE INDEX device_refusals_by_device ON device_refusals(device, seq);
                """)
            // Devices enrolled before this migration pushed without high stamps being kept: start
            // theirs at now, which every write they made so far is at or before (clocks allowing),
            // and a restored tablet's new writes come after.
            try db.execute(sql: """
                INSERT INTO device_replicas (replica, device, epoch, issued_at_ms, high_ms, high_n)
                SELECT replica, name, 1, enrolled_at_ms, ?, 0 FROM devices
                """, arguments: [Int64(HybridLogicalClock.wallClockMilliseconds())])
        }
        migrator.registerMigration("v6-evidence") { db in
            try db.execute(sql: """
                -- Each tablet's public signing keys (Ed25519, base64): one per evidence chain; old
                -- keys stay, so the chains they signed stay verifiable.
                CREATE TABLE device_keys (
                    device TEXT NOT NULL,
                    public_key TEXT PRIMARY KEY,
                    registered_at_ms INTEGER NOT NULL
                );
                CREATE INDEX device_keys_by_device ON device_keys(device);
                -- Every accepted signed item (visit or track batch): its place in its signer's
                -- chain and the link the next item must name.
                CREATE TABLE evidence_chain (
                    signer TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    link TEXT NOT NULL,
                    PRIMARY KEY (signer, seq)
                ) WITHOUT ROWID;
                CREATE INDEX evidence_chain_by_record ON evidence_chain(kind, id);
                -- Where each customer's site was from when: the site at a visit's time.
                CREATE TABLE customer_site_history (
                    id TEXT NOT NULL,
                    lat REAL,
                    lon REAL,
                    from_ms INTEGER NOT NULL
                );
                CREATE INDEX customer_site_history_by_id ON customer_site_history(id, from_ms);
                INSERT INTO customer_site_history (id, lat, lon, from_ms) SELECT id, lat, lon, 0 FROM customer_sites;
                """)
        }
        migrator.registerMigration("v7-store-epoch") { db in
            // The store's first life: its id tablets compare, and the replicas it writes under.
            _ = try StoreEpoch.current(in: SQLiteConnection(db))
        }
        migrator.registerMigration("v8-records-by-county") { db in
            // Records and the change log carry their county, keys leading with it, as in the
            // PostgreSQL store (where the tables are partitioned by it); see RecordPlacement.
            try db.execute(sql: """
                DROP INDEX records_by_seq;
                DROP INDEX records_conflicted;
                ALTER TABLE records RENAME TO records_v7;
                ALTER TABLE change_log RENAME TO change_log_v7;
                CREATE TABLE record_counties (
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    county TEXT NOT NULL,
                    PRIMARY KEY (kind, id)
                ) WITHOUT ROWID;
                CREATE TABLE records (
                    county TEXT NOT NULL,           -- see RecordPlacement; '' for none
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    state BLOB NOT NULL,            -- the full versioned state, wire JSON
                    seq INTEGER NOT NULL,           -- change-log position of the last change
                    conflicted INTEGER NOT NULL,    -- 1 while any field is in conflict
                    UNIQUE (county, kind, id)
                );
                CREATE INDEX records_by_seq ON records(seq);
                CREATE INDEX records_conflicted ON records(conflicted) WHERE conflicted = 1;
                CREATE TABLE change_log (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    county TEXT NOT NULL,           -- the record's county when it changed
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    origin TEXT NOT NULL,           -- replica or job that caused the change
                    batch_id TEXT,                  -- the push batch, when there was one
                    at_ms INTEGER NOT NULL
                );
                """)
            try CountyPlacementMigration.run(oldRecords: "records_v7", oldChangeLog: "change_log_v7", in: SQLiteConnection(db))
            try db.execute(sql: "DROP TABLE records_v7; DROP TABLE change_log_v7")
        }
        migrator.registerMigration("v9-office-accounts") { db in
            try db.execute(sql: """
                CREATE TABLE office_users (
                    name TEXT PRIMARY KEY,
                    role TEXT NOT NULL,             -- dispatcher, supervisor or admin
                    password_hash TEXT NOT NULL,    -- scrypt$N$r$p$salt$hash (PasswordHasher)
                    created_at_ms INTEGER NOT NULL,
                    disabled_at_ms INTEGER
                );
                CREATE TABLE office_sessions (
                    token_hash TEXT PRIMARY KEY,    -- SHA-256 of the cookie's token
                    user_name TEXT NOT NULL,
                    csrf_token TEXT NOT NULL,
                    created_at_ms INTEGER NOT NULL,
                    expires_at_ms INTEGER NOT NULL
                );
                CREATE INDEX office_sessions_by_user ON office_sessions(user_name);
                CREATE TABLE office_login_failures (
                    subject TEXT PRIMARY KEY,       -- user:NAME or address:IP
                    failures INTEGER NOT NULL,
                    last_at_ms INTEGER NOT NULL,
                    locked_until_ms INTEGER
                );
                """)
        }
        migrator.registerMigration("v10-record-history") { db in
            try db.execute(sql: """
                CREATE TABLE record_history (
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    seq INTEGER NOT NULL,           -- the save's change-log position
                    author TEXT,                    -- the office user of an office write
                    entries BLOB NOT NULL,          -- JSON: the field entries new in this save (RecordHistory)
                    PRIMARY KEY (kind, id, seq)
                );
                CREATE TABLE customer_accounts (
                    account TEXT NOT NULL,
                    customer TEXT NOT NULL,
                    PRIMARY KEY (account, customer)
                ) WITHOUT ROWID;
                """)
            try RecordHistoryMigration.run(in: SQLiteConnection(db))
        }
        migrator.registerMigration("v11-records-by-county-and-seq") { db in
            // A pull reads its auditor's counties from its cursor on: through this index it reads
            // those counties' rows alone (as PostgreSQL reads their partitions), not the province's.
            try db.execute(sql: "CREATE INDEX records_by_county_seq ON records(county, seq)")
        }
        migrator.registerMigration("v12-customer-map") { db in
            // Filled by v13, once the table has all its columns.
            try db.execute(sql: CustomerMapTable.schema.joined(separator: ";\n"))
        }
        migrator.registerMigration("v13-office-tables") { db in
            try db.execute(sql: OfficeTablesMigration.statements.joined(separator: ";\n"))
            try OfficeTablesMigration.fill(in: SQLiteConnection(db))
        }
        migrator.registerMigration("v14-reminders") { db in
            try db.execute(sql: (ContactBook.schema + ReminderOutbox.schema).joined(separator: ";\n"))
        }
        migrator.registerMigration("v15-customer-list-indexes") { db in
            try db.execute(sql: CustomerMapTable.listIndexes.joined(separator: ";\n"))
        }
        migrator.registerMigration("v16-leases") { db in
            try db.execute(sql: StoreLease.schema.joined(separator: ";\n"))
        }
        migrator.registerMigration("v17-conflict-log") { db in
            try db.execute(sql: ConflictLog.schema.joined(separator: ";\n"))
            try ConflictLog.backfill(in: SQLiteConnection(db))
        }
        migrator.registerMigration("v18-quality") { db in
            try db.execute(sql: QualityTables.schema.joined(separator: ";\n"))
        }
        migrator.registerMigration("v19-hazards") { db in
            try db.execute(sql: HazardTable.schema.joined(separator: ";\n"))
        }
        migrator.registerMigration("v20-map-cells-every-county") { db in
            try db.execute(sql: CustomerMapCells.addEveryCounty)
        }
        migrator.registerMigration("v21-hazard-states") { db in
            try db.execute(sql: HazardTable.addStates.joined(separator: ";\n"))
            try HazardTable.backfill(in: SQLiteConnection(db))
        }
        migrator.registerMigration("v22-quality-scope") { db in
            try db.execute(sql: QualityScope.schema.joined(separator: ";\n"))
        }
        migrator.registerMigration("v23-change-log-head") { db in
            try db.execute(sql: ChangeLogHead.schema.joined(separator: ";\n"))
        }
        migrator.registerMigration("v24-work-order-counties") { db in
            try db.execute(sql: WorkOrderCounties.sqliteSchema.joined(separator: ";\n"))
        }
        return migrator
    }
}
