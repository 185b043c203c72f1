import Crypto
import Foundation

/// Copies every table of one store into another (an SQLite installation into PostgreSQL), then
/// verifies the copy by row counts and state digests.
///
/// Idempotent and resumable: rows go in with `ON CONFLICT DO NOTHING`, page by page in key order,
/// so a copy stopped halfway is finished by running it again, and a finished one changes nothing.
/// Rows keep their identities (change-log positions above all, which are the tablets' cursors).
/// The source should not change meanwhile: stop the server (or copy again until it verifies).
public struct StoreCopy {
    /// One table: its columns, and the key it is paged by (a unique key, in the order of the columns given).
    struct Table {
        var name: String
        var key: [String]
        var columns: [String]
        /// A column PostgreSQL generates (identity or sequence), inserted with `OVERRIDING SYSTEM VALUE`.
        var identity: String?
        /// Whether rows lie in counties (a `county` column; partitions in PostgreSQL, made before rows go in).
        var byCounty = false
        /// Whether the source's values replace the target's (`meta`: a new store makes its own
        /// epoch on opening, and the copy must carry the source's).
        var overwrite = false
        /// Done in each page's transaction after its rows went in.
        var afterPage: (@Sendable (any StoreConnection) throws -> Void)?
    }

    /// Every table the server keeps (both schemas have these, with these columns).
    static let tables: [Table] = [
        // Before the tables whose triggers add to it (``WorkOrderCounties``), so that the copy
        // inserts its rows itself and they find them there.
        Table(name: "work_order_counties", key: ["work_order", "county"], columns: ["work_order", "county"]),
        Table(name: "record_counties", key: ["kind", "id"], columns: ["kind", "id", "county"]),
        Table(name: "records", key: ["county", "kind", "id"], columns: ["county", "kind", "id", "state", "seq", "conflicted"], byCounty: true),
        Table(name: "change_log", key: ["seq"], columns: ["seq", "county", "kind", "id", "origin", "batch_id", "at_ms"], identity: "seq", byCounty: true,
              afterPage: { db in try ChangeLogHead.raiseToLog(in: db) }),
        Table(name: "batch_receipts", key: ["device", "batch_id"], columns: ["device", "batch_id", "response", "at_ms"]),
        Table(name: "devices", key: ["name"], columns: ["name", "auditor", "replica", "token_hash", "enrolled_at_ms", "revoked_at_ms", "last_seen_ms"]),
        Table(name: "work_orders", key: ["id"], columns: ["id", "auditor"]),
        Table(name: "work_order_customers", key: ["work_order", "customer"], columns: ["work_order", "customer"]),
        Table(name: "device_customers", key: ["device"], columns: ["device", "customer"]),
        Table(name: "visit_work_orders", key: ["visit"], columns: ["visit", "work_order"]),
        Table(name: "hazard_customers", key: ["hazard"], columns: ["hazard", "customer", "state", "severity", "due", "retired"]),
        Table(name: "assignment_history", key: ["work_order", "auditor"], columns: ["work_order", "auditor"]),
        Table(name: "meta", key: ["key"], columns: ["key", "value"], overwrite: true),
        Table(name: "customer_sites", key: ["id"], columns: ["id", "lat", "lon"]),
        Table(name: "mis_mirror", key: ["kind", "id"], columns: ["kind", "id", "state", "known"]),
        Table(name: "mis_sent", key: ["kind", "id", "field"], columns: ["kind", "id", "field", "value", "batch_id"]),
        Table(name: "device_replicas", key: ["replica"], columns: ["replica", "device", "epoch", "issued_at_ms", "high_ms", "high_n"]),
        Table(name: "device_refusals", key: ["seq"], columns: ["seq", "device", "at_ms", "status", "code", "detail"], identity: "seq"),
        Table(name: "device_keys", key: ["public_key"], columns: ["public_key", "device", "registered_at_ms"]),
        Table(name: "evidence_chain", key: ["signer", "seq"], columns: ["signer", "seq", "kind", "id", "link"]),
        Table(name: "record_history", key: ["kind", "id", "seq"], columns: ["kind", "id", "seq", "author", "entries"]),
        Table(name: "customer_accounts", key: ["account", "customer"], columns: ["account", "customer"]),
        Table(name: "office_users", key: ["name"], columns: ["name", "role", "password_hash", "created_at_ms", "disabled_at_ms"]),
        Table(name: "customer_map", key: ["id"], columns: ["id", "county", "lat", "lon", "feeder", "transformer", "conflicted", "outcome", "visited_at",
                                                                "presence_flagged"]),
        Table(name: "customer_map_cells", key: ["level", "cy", "cx", "county", "status"],
              columns: ["level", "cy", "cx", "county", "status", "customers", "sum_lat", "sum_lon"]),
        Table(name: "contacts", key: ["name"], columns: ["name", "phone", "language", "quiet_from", "quiet_to", "retired_at_ms", "updated_at_ms"]),
        Table(name: "reminder_outbox", key: ["key"], columns: ["key", "recipient", "phone", "language", "rule", "subject", "text", "created_at_ms",
                                                            "send_after_ms", "state", "attempts", "last_error", "updated_at_ms"]),
        Table(name: "customer_visits", key: ["visit"], columns: ["visit", "customer"]),
        Table(name: "auditor_positions", key: ["auditor"], columns: ["auditor", "lat", "lon", "seen_s"]),
        Table(name: "customer_site_history", key: ["rowid"], columns: ["rowid", "id", "lat", "lon", "from_ms"], identity: "rowid"),
        Table(name: "conflict_log", key: ["kind", "id", "field", "seq"], columns: ["kind", "id", "field", "seq", "county", "opened", "stamp_ms"]),
        // The data-quality runs' memory: `meta` carries their cursor, so a later run on the target
        // goes on from here rather than reading an empty table as nothing to check.
        Table(name: "quality_subjects", key: ["kind", "id"], columns: ["kind", "id", "county", "retired", "account", "account_status", "serial", "customer",
                                                                       "device_status", "known_since_ms", "mis_conflict_since_ms", "changed_at"]),
        Table(name: "quality_findings", key: ["rule", "subject"], columns: ["rule", "subject", "kind", "county", "field", "severity", "detail",
                                                                            "first_seen_ms", "last_seen_ms", "closed_ms", "closed_by"]),
    ]

    /// The tables a copy leaves behind, and why: what a running server keeps for itself, and scratch.
    static let notCopied: [String: String] = [
        "leases": "held by the running nodes of the source",
        "office_sessions": "office users log in again on the target",
        "office_login_failures": "login throttling, minutes long",
        "quality_current": "a data-quality run's scratch, empty between runs",
        "quality_checked": "a data-quality run's scratch, empty between runs",
        "quality_scope": "a data-quality run's scratch, empty between runs",
        "schema_migrations": "each store migrates itself",
        "change_log_head": "the target's own, raised with each page of the change log it receives (ChangeLogHead)",
        "records_v": "a migration's scratch",
    ]

    /// What one table's copy did.
    public struct TableReport: Sendable, Equatable {
        public var table: String
        /// Rows read from the source.
        public var rows: Int
        /// Rows the target did not have yet.
        public var inserted: Int
    }

    /// A table whose copy does not match its source.
    public struct Mismatch: Error, CustomStringConvertible {
        public var description: String
    }

    let source: any ServerStore
    let target: any ServerStore
    /// Rows per transaction.
    var pageSize = 1_000

    /// A copy from `source` into `target`.
    public init(from source: any ServerStore, to target: any ServerStore) {
        self.source = source
        self.target = target
    }

    /// Copies every table; `progress` hears each table's report as it finishes.
    public func run(progress: (TableReport) -> Void = { _ in }) throws -> [TableReport] {
        try Self.tables.map { table in
            let report = try copy(table)
            progress(report)
            return report
        }
    }

    private func copy(_ table: Table) throws -> TableReport {
        let columns = table.columns.joined(separator: ", ")
        let keyIndexes = table.key.map { table.columns.firstIndex(of: $0)! }
        let keyList = table.key.joined(separator: ", ")
        let after = table.key.count == 1 ? "\(keyList) > ?" : "(\(keyList)) > (\(table.key.map { _ in "?" }.joined(separator: ", ")))"
        let overriding = target.dialect == .postgres && table.identity != nil ? " OVERRIDING SYSTEM VALUE" : ""
        let values = table.columns.map { _ in "?" }.joined(separator: ", ")
        let others = table.columns.filter { !table.key.contains($0) }
        let onConflict = table.overwrite
            ? "ON CONFLICT (\(keyList)) DO UPDATE SET " + others.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
                + " WHERE " + others.map { "\(table.name).\($0) <> excluded.\($0)" }.joined(separator: " OR ")
            : "ON CONFLICT DO NOTHING"
        let insert = "INSERT INTO \(table.name) (\(columns))\(overriding) VALUES (\(values)) \(onConflict)"
        var report = TableReport(table: table.name, rows: 0, inserted: 0)
        var last: [StoreValue]?
        while true {
            let rows = try source.read { db in
                if let last {
                    try db.rows("SELECT \(columns) FROM \(table.name) WHERE \(after) ORDER BY \(keyList) LIMIT \(pageSize)", StoreArguments(last))
                } else {
                    try db.rows("SELECT \(columns) FROM \(table.name) ORDER BY \(keyList) LIMIT \(pageSize)")
                }
            }
            guard let final = rows.last else { break }
            report.inserted += try target.write { db in
                if table.byCounty {
                    for county in Set(try rows.map { try $0.decode(String.self, at: table.columns.firstIndex(of: "county")!) }) {
                        try db.preparePartitions(forCounty: county)
                    }
                }
                let inserted = try rows.reduce(0) { count, row in count + (try db.execute(insert, StoreArguments(row.values))) }
                try table.afterPage?(db)
                return inserted
            }
            report.rows += rows.count
            last = keyIndexes.map { final.values[$0] }
        }
        if let identity = table.identity, target.dialect == .postgres {
            // The next generated value comes after the copied ones.
            try target.write { db in
                try db.execute("SELECT setval(pg_get_serial_sequence('\(table.name)', '\(identity)'), COALESCE(MAX(\(identity)), 0) + 1, false) FROM \(table.name)")
            }
        }
        return report
    }

    /// Compares row counts of every table and digests of every record state, change-log entry,
    /// `meta` entry (the store epoch) and the change log's head.
    /// - Throws: ``Mismatch`` naming the first table that differs.
    public func verify() throws {
        for table in Self.tables {
            let sql = "SELECT COUNT(*) FROM \(table.name)"
            let (from, to) = (try source.read { db in try db.value(Int64.self, sql) }, try target.read { db in try db.value(Int64.self, sql) })
            guard from == to else {
                throw Mismatch(description: "\(table.name): \(from ?? 0) rows in the source, \(to ?? 0) in the copy")
            }
        }
        // meta holds the store epoch and the server's clock: a target that had a life of its own
        // before the copy (a different epoch) must not pass for a copy.
        for (table, sql) in [("records", "SELECT county, kind, id, state, seq, conflicted FROM records"),
                             ("change_log", "SELECT seq, county, kind, id, origin, batch_id, at_ms FROM change_log"),
                             ("meta", "SELECT key, value FROM meta"),
                             ("change_log_head", "SELECT seq FROM change_log_head")] {
            guard try Self.digest(source, sql) == Self.digest(target, sql) else {
                throw Mismatch(description: "\(table): the copy's rows differ from the source's")
            }
        }
    }

    /// SHA-256 over the rows of `sql`, value by value, whatever order the database returns them in
    /// (SQLite and PostgreSQL collate text differently).
    static func digest(_ store: any ServerStore, _ sql: String) throws -> String {
        let rowDigests = try store.read { db in
            try db.rows(sql).map { row in
                var hash = SHA256()
                for value in row.values {
                    hash.update(data: Data(String(describing: value).utf8))
                    hash.update(data: Data([0]))
                }
                return Data(hash.finalize())
            }
        }
        var hash = SHA256()
        for rowDigest in rowDigests.sorted(by: { $0.lexicographicallyPrecedes($1) }) { hash.update(data: rowDigest) }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
