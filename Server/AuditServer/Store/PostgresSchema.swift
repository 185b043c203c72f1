import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL schema and its migrations, run when a store opens.
///
/// The tables and columns are those of the SQLite schema (``ServerDatabase``) after all its
/// migrations, in PostgreSQL's types: `BYTEA` for `BLOB`, `BIGINT` for `INTEGER`, identity columns
/// for SQLite's rowids. SQLite's history of rebuilds does not need replaying here, so the first
/// PostgreSQL migration creates the current shape. Never edit a shipped migration; add a new one.
///
/// Several nodes may start at once: migrations run under a session advisory lock
/// (``PostgresStore/migrationLock``), each in its own transaction with its row in `schema_migrations`,
/// so exactly one node applies each migration and the others find it done.
enum PostgresSchema {
    /// A named migration, run in one transaction: its statements, then `transform` (work done in
    /// Swift, shared with the SQLite migration that does the same), then `closing`.
    struct Migration {
        var name: String
        var statements: [String]
        var transform: (@Sendable (any StoreConnection) throws -> Void)? = nil
        var closing: [String] = []
    }

    static let migrations: [Migration] = [
        Migration(name: "v1-server-schema", statements: [
            """
            CREATE TABLE records (
                kind TEXT NOT NULL,
                id TEXT NOT NULL,
                state BYTEA NOT NULL,           -- the full versioned state, wire JSON
                seq BIGINT NOT NULL,            -- change-log position of the last change
                conflicted INTEGER NOT NULL,    -- 1 while any field is in conflict
                PRIMARY KEY (kind, id)
            )
            """,
            "CREATE INDEX records_by_seq ON records(seq)",
            "CREATE INDEX records_conflicted ON records(conflicted) WHERE conflicted = 1",
            """
            CREATE TABLE change_log (
                seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- the sync cursor; see PostgresStore for its order
                kind TEXT NOT NULL,
                id TEXT NOT NULL,
                origin TEXT NOT NULL,
                batch_id TEXT,
                at_ms BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE batch_receipts (
                device TEXT NOT NULL,
                batch_id TEXT NOT NULL,
                response BYTEA NOT NULL,
                at_ms BIGINT NOT NULL,
                PRIMARY KEY (device, batch_id)
            )
            """,
            """
            CREATE TABLE devices (
                name TEXT PRIMARY KEY,
                auditor TEXT NOT NULL,
                replica TEXT NOT NULL UNIQUE,
                token_hash TEXT NOT NULL UNIQUE,
                enrolled_at_ms BIGINT NOT NULL,
                revoked_at_ms BIGINT
            )
            """,
            "CREATE TABLE work_orders (id TEXT PRIMARY KEY, auditor TEXT NOT NULL)",
            "CREATE INDEX work_orders_by_auditor ON work_orders(auditor)",
            "CREATE TABLE work_order_customers (work_order TEXT NOT NULL, customer TEXT NOT NULL, PRIMARY KEY (work_order, customer))",
            "CREATE INDEX work_order_customers_by_customer ON work_order_customers(customer)",
            "CREATE TABLE device_customers (device TEXT PRIMARY KEY, customer TEXT NOT NULL)",
            "CREATE INDEX device_customers_by_customer ON device_customers(customer)",
            "CREATE TABLE visit_work_orders (visit TEXT PRIMARY KEY, work_order TEXT NOT NULL)",
            "CREATE INDEX visit_work_orders_by_work_order ON visit_work_orders(work_order)",
            "CREATE TABLE assignment_history (work_order TEXT NOT NULL, auditor TEXT NOT NULL, PRIMARY KEY (work_order, auditor))",
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE customer_sites (id TEXT PRIMARY KEY, lat DOUBLE PRECISION NOT NULL, lon DOUBLE PRECISION NOT NULL)",
            "CREATE INDEX customer_sites_by_position ON customer_sites(lat, lon)",
            """
            CREATE TABLE mis_mirror (
                kind TEXT NOT NULL,
                id TEXT NOT NULL,
                state BYTEA NOT NULL,
                known TEXT NOT NULL,
                PRIMARY KEY (kind, id)
            )
            """,
            """
            CREATE TABLE mis_sent (
                kind TEXT NOT NULL,
                id TEXT NOT NULL,
                field TEXT NOT NULL,
                value TEXT NOT NULL,
                batch_id TEXT NOT NULL,
                PRIMARY KEY (kind, id, field)
            )
            """,
            """
            CREATE TABLE device_replicas (
                replica TEXT PRIMARY KEY,
                device TEXT NOT NULL,
                epoch BIGINT NOT NULL,
                issued_at_ms BIGINT NOT NULL,
                high_ms BIGINT,
                high_n BIGINT
            )
            """,
            "CREATE INDEX device_replicas_by_device ON device_replicas(device, epoch)",
            """
            CREATE TABLE device_refusals (
                seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                device TEXT NOT NULL,
                at_ms BIGINT NOT NULL,
                status INTEGER NOT NULL,
                code TEXT NOT NULL,
                detail TEXT NOT NULL
            )
            """,
            "CREATE INDEX device_refusals_by_device ON device_refusals(device, seq)",
            """
            CREATE TABLE device_keys (
                device TEXT NOT NULL,
                public_key TEXT PRIMARY KEY,
                registered_at_ms BIGINT NOT NULL
            )
            """,
            "CREATE INDEX device_keys_by_device ON device_keys(device)",
            """
            CREATE TABLE evidence_chain (
                signer TEXT NOT NULL,
                seq BIGINT NOT NULL,
                kind TEXT NOT NULL,
                id TEXT NOT NULL,
                link TEXT NOT NULL,
                PRIMARY KEY (signer, seq)
            )
            """,
            "CREATE INDEX evidence_chain_by_record ON evidence_chain(kind, id)",
            // `rowid` orders entries of one millisecond as SQLite's rowid does.
            """
            CREATE TABLE customer_site_history (
                rowid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                id TEXT NOT NULL,
                lat DOUBLE PRECISION,
                lon DOUBLE PRECISION,
                from_ms BIGINT NOT NULL
            )
            """,
            "CREATE INDEX customer_site_history_by_id ON customer_site_history(id, from_ms)",
        ]),
        // Records and the change log partitioned by county (LIST), a partition made on first use
        // (CountyPartitions), every key leading with the county, so that the same schema could be
        // distributed by county; record_counties finds a record's county (RecordPlacement).
        Migration(name: "v2-records-by-county", statements: [
            "ALTER TABLE records RENAME TO records_v1",
            "ALTER INDEX records_pkey RENAME TO records_v1_pkey",
            "ALTER INDEX records_by_seq RENAME TO records_v1_by_seq",
            "ALTER INDEX records_conflicted RENAME TO records_v1_conflicted",
            "ALTER TABLE change_log RENAME TO change_log_v1",
            "ALTER INDEX change_log_pkey RENAME TO change_log_v1_pkey",
            "CREATE TABLE record_counties (kind TEXT NOT NULL, id TEXT NOT NULL, county TEXT NOT NULL, PRIMARY KEY (kind, id))",
            """
            CREATE TABLE records (
                county TEXT NOT NULL,
                kind TEXT NOT NULL,
                id TEXT NOT NULL,
                state BYTEA NOT NULL,
                seq BIGINT NOT NULL,
                conflicted INTEGER NOT NULL,
                PRIMARY KEY (county, kind, id)
            ) PARTITION BY LIST (county)
            """,
            "CREATE INDEX records_by_seq ON records(seq)",
            "CREATE INDEX records_conflicted ON records(conflicted) WHERE conflicted = 1",
            // A sequence of the table's own: identity columns on partitioned tables need PostgreSQL 17.
            "CREATE SEQUENCE change_log_seq",
            """
            CREATE TABLE change_log (
                county TEXT NOT NULL,
                seq BIGINT NOT NULL DEFAULT nextval('change_log_seq'),  -- the sync cursor; see PostgresStore for its order
                kind TEXT NOT NULL,
                id TEXT NOT NULL,
                origin TEXT NOT NULL,
                batch_id TEXT,
                at_ms BIGINT NOT NULL,
                PRIMARY KEY (county, seq)
            ) PARTITION BY LIST (county)
            """,
            "ALTER SEQUENCE change_log_seq OWNED BY change_log.seq",
            "CREATE INDEX change_log_by_seq ON change_log(seq)",
        ], transform: { db in
            try CountyPlacementMigration.run(oldRecords: "records_v1", oldChangeLog: "change_log_v1", in: db)
        }, closing: [
            "SELECT setval('change_log_seq', COALESCE((SELECT MAX(seq) FROM change_log), 0) + 1, false)",
            "DROP TABLE records_v1",
            "DROP TABLE change_log_v1",
        ]),
        Migration(name: "v3-office-accounts", statements: [
            """
            CREATE TABLE office_users (
                name TEXT PRIMARY KEY,
                role TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                created_at_ms BIGINT NOT NULL,
                disabled_at_ms BIGINT
            )
            """,
            """
            CREATE TABLE office_sessions (
                token_hash TEXT PRIMARY KEY,
                user_name TEXT NOT NULL,
                csrf_token TEXT NOT NULL,
                created_at_ms BIGINT NOT NULL,
                expires_at_ms BIGINT NOT NULL
            )
            """,
            "CREATE INDEX office_sessions_by_user ON office_sessions(user_name)",
            "CREATE TABLE office_login_failures (subject TEXT PRIMARY KEY, failures BIGINT NOT NULL, last_at_ms BIGINT NOT NULL, locked_until_ms BIGINT)",
        ]),
        Migration(name: "v4-record-history", statements: [
            """
            CREATE TABLE record_history (
                kind TEXT NOT NULL,
                id TEXT NOT NULL,
                seq BIGINT NOT NULL,
                author TEXT,
                entries BYTEA NOT NULL,
                PRIMARY KEY (kind, id, seq)
            )
            """,
            "CREATE TABLE customer_accounts (account TEXT NOT NULL, customer TEXT NOT NULL, PRIMARY KEY (account, customer))",
        ], transform: { db in try RecordHistoryMigration.run(in: db) }),
        // Filled by v6, once the table has all its columns.
        Migration(name: "v5-customer-map", statements: CustomerMapTable.schema),
        Migration(name: "v6-office-tables", statements: OfficeTablesMigration.statements, transform: { db in try OfficeTablesMigration.fill(in: db) }),
        Migration(name: "v7-reminders", statements: ContactBook.schema + ReminderOutbox.schema),
        Migration(name: "v8-customer-list-indexes", statements: CustomerMapTable.listIndexes),
        Migration(name: "v9-leases", statements: StoreLease.schema),
        Migration(name: "v10-conflict-log", statements: ConflictLog.schema, transform: { db in try ConflictLog.backfill(in: db) }),
        Migration(name: "v11-quality", statements: QualityTables.schema),
        Migration(name: "v12-hazards", statements: HazardTable.schema),
        Migration(name: "v13-map-cells-every-county", statements: [CustomerMapCells.addEveryCounty]),
        Migration(name: "v14-hazard-states", statements: HazardTable.addStates, transform: { db in try HazardTable.backfill(in: db) }),
        Migration(name: "v15-quality-scope", statements: QualityScope.schema),
        // Under the write lock, so that no node's write commits between reading MAX(seq) and the commit.
        Migration(name: "v16-change-log-head", statements: [holdingWriters] + ChangeLogHead.schema),
        // Under the write lock too, so that no work order is cut between the fill and the commit.
        Migration(name: "v17-work-order-counties", statements: [holdingWriters] + WorkOrderCounties.postgresSchema),
    ]

    /// Holds every node's writes off until the migration's transaction ends.
    private static let holdingWriters = "SELECT pg_advisory_xact_lock(\(PostgresStore.writeLock.0), \(PostgresStore.writeLock.1))"

    /// Applies every migration (up to `lastMigration`, when given) the database has not had yet,
    /// under the migration lock.
    static func migrate(_ session: PostgresTransaction, upTo lastMigration: String? = nil) throws {
        let logger = session.logger
        let (classID, objectID) = PostgresStore.migrationLock
        try session.execute("SELECT pg_advisory_lock(\(classID), \(objectID))")
        defer { _ = try? session.execute("SELECT pg_advisory_unlock(\(classID), \(objectID))") }
        try session.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at_ms BIGINT NOT NULL)")
        let applied = Set(try session.values(String.self, "SELECT name FROM schema_migrations"))
        let wanted = lastMigration.flatMap { last in migrations.firstIndex { $0.name == last } }.map { migrations[...$0] } ?? migrations[...]
        for migration in wanted where !applied.contains(migration.name) {
            try session.execute("BEGIN")
            do {
                for statement in migration.statements { try session.execute(statement) }
                try migration.transform?(session)
                for statement in migration.closing { try session.execute(statement) }
                try session.execute("INSERT INTO schema_migrations (name, applied_at_ms) VALUES (?, ?)",
                                    [migration.name, Int64(Date().timeIntervalSince1970 * 1000)])
                try session.execute("COMMIT")
                session.finish(committed: true)
                logger.info("store migrated", metadata: ["migration": "\(migration.name)"])
            } catch {
                _ = try? session.execute("ROLLBACK")
                session.finish(committed: false)
                throw error
            }
        }
    }
}
