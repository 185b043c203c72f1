import Foundation
import Routing
import Shared

/// `audit-server quality run`: every rule over the store, findings kept with when they were
/// first and last found, closed by the first run that no longer finds them.
///
/// The first run, and any run under changed settings, reads every customer and meter and asks the
/// rules across records (``StoreChecks``) about every one; later runs read only the records the
/// change log shows changed since the last run, and ask those rules only about the subjects whose
/// findings could have changed (``QualityScope``, ``QualityScopeListing``). Records are read and
/// their rows written a page at a time, so that tablets keep syncing while a run goes through a
/// province; the findings are settled in one transaction at the end.
public struct QualityRun: Sendable {
    let database: any ServerStore
    let settings: QualitySettings
    let serviceArea: GeoBox?
    let streets: StreetIndex?

    /// - Parameters:
    ///   - serviceArea: the box outside which a customer's position is wrong (the rules file's,
    ///     else the imported road map's); `nil` rests that rule.
    ///   - streets: the imported road map's streets, for the street rule; `nil` rests it.
    public init(database: any ServerStore, settings: QualitySettings, serviceArea: GeoBox?, streets: StreetIndex? = nil) {
        self.database = database
        self.settings = settings
        self.serviceArea = settings.serviceArea ?? serviceArea
        self.streets = streets
    }

    /// What a run did.
    public struct Summary: Sendable, Equatable, Encodable {
        /// Whether it read every record (first run, changed settings, or `--full`).
        public var full: Bool
        /// Records read.
        public var checked: Int
        /// Findings new or found again after they had closed.
        public var opened: Int
        /// Findings no longer found.
        public var closed: Int
        /// Findings open after the run.
        public var open: Int
    }

    /// Records read and written at a time (a test makes it small to run through many pages).
    var pageSize = 2_000

    /// Runs every rule at `now` (milliseconds since 1970); `full` reads every record.
    public func run(full forced: Bool = false, now: Int64 = Int64(HybridLogicalClock.wallClockMilliseconds())) async throws -> Summary {
        let fingerprint = settings.fingerprint
        let start = try await database.write { db in
            try Self.emptyScratch(in: db)
            func meta(_ key: String) throws -> String? { try db.value(String.self, "SELECT value FROM meta WHERE key = ?", [key]) }
            let cursor = try meta("quality_cursor").flatMap { Int64($0) }
            // The time of the run before draws the lines the time-based rules crossed since; a store
            // that has none (kept by an older version) is read in full once.
            let before = try meta(QualityGeneration.key).flatMap { Int64($0) }
            let settingsChanged = try meta("quality_settings") != fingerprint
            let full = forced || cursor == nil || before == nil || settingsChanged
            return (cursor: cursor ?? 0, before: before ?? now, full: full, head: try RecordTable.currentSequence(in: db))
        }
        let scope: QualityScope = start.full ? .everything : .listed
        let checked = start.full ? try await checkEveryRecord() : try await checkChanges(after: start.cursor, upTo: start.head)
        if scope == .listed {
            let (settings, cursor, head, before) = (settings, start.cursor, start.head, start.before)
            try await database.write { db in
                try QualityScopeListing.addVisited(after: cursor, upTo: head, in: db)
                try QualityScopeListing.addCrossed(from: QualityThresholds(settings: settings, now: before), to: QualityThresholds(settings: settings, now: now), in: db)
            }
            // The scratch tables were just filled: without their statistics PostgreSQL plans the
            // rules' `IN (SELECT id FROM quality_scope)` as a scan of every subject.
            try database.refreshStatistics(of: ["quality_scope", "quality_checked"])
        }
        let settled = try await settle(scope, now: now)
        // A full run rewrote every subject: later runs are planned from their new statistics.
        if scope == .everything { try database.refreshStatistics(of: ["quality_subjects", "quality_findings"]) }
        try await database.write { db in
            for (key, value) in [("quality_cursor", String(start.head)), ("quality_settings", fingerprint), (QualityGeneration.key, String(now))] {
                try db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])
            }
        }
        return Summary(full: start.full, checked: checked, opened: settled.opened, closed: settled.closed, open: settled.open)
    }

    /// Reads every customer and device, a page at a time, in ``stretchesPerKind`` stretches of ids side by
    /// side, each kind cut at its median id: decoding takes the most time, and customers and
    /// meters alone would not share it evenly between the cores.
    private func checkEveryRecord() async throws -> Int {
        let stretches = try await database.read { db in
            try [RecordKind.customer, .device].flatMap { kind in try Self.stretches(of: kind, count: Self.stretchesPerKind, in: db).map { (kind, $0) } }
        }
        return try await withThrowingTaskGroup(of: Int.self) { group in
            for (kind, ids) in stretches {
                group.addTask { try await checkEvery(kind, after: ids.after, upTo: ids.last) }
            }
            return try await group.reduce(0, +)
        }
    }

    /// Stretches of each kind a full run reads side by side.
    private static let stretchesPerKind = 2

    /// `count` stretches of about as many ids of `kind` each, as (after, last]: the first after
    /// the empty id, the last up to the greatest; none when there are no records of the kind.
    private static func stretches(of kind: RecordKind, count: Int, in db: any StoreConnection) throws -> [(after: String, last: String)] {
        let arguments: StoreArguments = [kind.rawValue]
        guard let last = try db.value(String.self, "SELECT MAX(id) FROM record_counties WHERE kind = ?", arguments) else { return [] }
        let total = try db.value(Int64.self, "SELECT COUNT(*) FROM record_counties WHERE kind = ?", arguments) ?? 0
        var bounds = [""]
        for part in 1..<max(count, 1) {
            let offset = total * Int64(part) / Int64(count)
            // In the database's order of ids, the one the stretches are read in (never compared here).
            if let id = try db.value(String.self, "SELECT id FROM record_counties WHERE kind = ? ORDER BY id LIMIT 1 OFFSET ?", [kind.rawValue, offset]) {
                bounds.append(id)
            }
        }
        bounds.append(last)
        return zip(bounds, bounds.dropFirst()).map { (after: $0, last: $1) }
    }

    /// Reads the records of `kind` with ids after `after` up to `last`, a page at a time.
    private func checkEvery(_ kind: RecordKind, after first: String, upTo last: String) async throws -> Int {
        try await recordPages(scope: .everything) { previous in
            let after = previous?.last?.id ?? first
            return try await database.read { db in
                // In id order through the directory's (kind, id) key, each state from its county's rows by their key.
                try db.rows("""
                    SELECT r.id, r.state FROM record_counties c JOIN records r ON r.county = c.county AND r.kind = c.kind AND r.id = c.id
                    WHERE c.kind = ? AND c.id > ? AND c.id <= ? ORDER BY c.id LIMIT \(pageSize)
                    """, [kind.rawValue, after, last])
                    .map { try RecordTable.decode($0[1]) }
            }
        }
    }

    /// Reads the customers and devices changed after change-log position `cursor`.
    private func checkChanges(after cursor: Int64, upTo head: Int64) async throws -> Int {
        let keys = try await database.read { db in
            try db.rows("SELECT DISTINCT kind, id FROM change_log WHERE seq > ? AND seq <= ? AND kind IN ('customer', 'device')", [cursor, head])
                .compactMap { row -> RecordKey? in RecordKind(rawValue: row[0]).map { RecordKey(kind: $0, id: row[1]) } }
        }
        var start = 0
        return try await recordPages(scope: .listed) { _ in
            let chunk = Array(keys[start..<min(start + pageSize, keys.count)])
            start += chunk.count
            return chunk.isEmpty ? [] : try await database.read { db in Array(try RecordTable.load(chunk, in: db).values) }
        }
    }

    /// Records every page `read` gives (given the page before it; empty when there are no more),
    /// the checking and writing of one page under way while the next is read and decoded: the
    /// two halves of a run each take a core. Returns how many records it read.
    private func recordPages(scope: QualityScope, read: (_ previous: [RecordState]?) async throws -> [RecordState]) async throws -> Int {
        var recording: Task<Void, any Error>?
        var previous: [RecordState]?
        var checked = 0
        do {
            while true {
                let page = try await read(previous)
                try await recording?.value
                recording = nil
                if page.isEmpty { return checked }
                recording = Task { try await record(page, scope: scope) }
                checked += page.count
                previous = page
            }
        } catch {
            _ = try? await recording?.value
            throw error
        }
    }

    /// Writes the rows of `states` for the rules across records, and what the one-record rules
    /// find in their customers. A run over the ``QualityScope/listed`` scope notes them as checked
    /// (a full run checks them all) and lists them and the subjects their rows bear on, as they
    /// were before this write and as they are after it.
    private func record(_ states: [RecordState], scope: QualityScope) async throws {
        let checks = RecordChecks(settings: settings, serviceArea: serviceArea, streets: streets)
        let (subjects, others, found) = Self.rows(of: states, checks: checks)
        let ids = scope == .listed ? states.map(\.id) : []
        try await database.write { db in
            try QualityScopeListing.addRecords(ids, in: db)
            if !subjects.isEmpty { _ = try db.insert(QualityTables.subjectUpsert, rows: subjects) }
            for key in others { try db.execute("DELETE FROM quality_subjects WHERE kind = ? AND id = ?", StoreArguments(key)) }
            try QualityScopeListing.addRecords(ids, in: db)
            if !found.isEmpty { _ = try db.insert(QualityTables.currentInsert, rows: found) }
            if !ids.isEmpty { _ = try db.insert(QualityTables.checkedInsert, rows: ids.map { [$0.storeValue] }) }
        }
    }

    /// The rows a page of `states` writes: each customer's and meter's in `quality_subjects`, the
    /// keys of other records (whose rows, should they have one, go), and what the one-record rules
    /// find in the customers. Each customer is read from its state once, for both.
    private static func rows(of states: [RecordState], checks: RecordChecks) -> (subjects: [[StoreValue]], others: [[StoreValue]], found: [[StoreValue]]) {
        var subjects: [[StoreValue]] = [], others: [[StoreValue]] = [], found: [[StoreValue]] = []
        subjects.reserveCapacity(states.count)
        for state in states {
            switch state.kind {
            case .customer:
                let customer = Customer(state)
                subjects.append(QualityTables.subjectRow(state, customer: customer))
                found += checks.findings(customer).map(currentRow)
            case .device:
                guard let row = QualityTables.subjectRow(state, device: Device(state)) else { fallthrough }
                subjects.append(row)
            default:
                others.append([state.kind.rawValue.storeValue, state.id.storeValue])
            }
        }
        return (subjects, others, found)
    }

    /// Adds what the rules across records find in `scope`, then opens, keeps and closes findings
    /// against what the run found, and empties the scratch tables.
    private func settle(_ scope: QualityScope, now: Int64) async throws -> (opened: Int, closed: Int, open: Int) {
        let checks = StoreChecks(settings: settings, now: now, scope: scope)
        return try await database.write { db in
            let found = try checks.findings(in: db).map(Self.currentRow)
            if !found.isEmpty { _ = try db.insert(QualityTables.currentInsert, rows: found) }
            // What an auditor verified or corrected on site since the record last changed stays closed.
            let closable = QualityRule.allCases.filter(\.closesOnAudit).map { "'\($0.rawValue)'" }.joined(separator: ", ")
            let audited = """
                SELECT s.id FROM quality_subjects s JOIN customer_map m ON m.id = s.id
                WHERE s.kind = 'customer' AND m.outcome IN ('verified', 'corrected') AND m.visited_at >= s.changed_at \(scope.restricting("s.id"))
                """
            try db.execute("DELETE FROM quality_current WHERE rule IN (\(closable)) AND subject IN (\(audited))")
            let opened = try db.value(Int64.self, """
                SELECT COUNT(*) FROM quality_current c WHERE NOT EXISTS (
                    SELECT 1 FROM quality_findings f WHERE f.rule = c.rule AND f.subject = c.subject AND f.closed_ms IS NULL)
                """) ?? 0
            try db.execute("""
                INSERT INTO quality_findings (rule, subject, kind, county, field, severity, detail, first_seen_ms, last_seen_ms, closed_ms)
                SELECT rule, subject, kind, county, field, severity, detail, ?1, ?1, NULL FROM quality_current WHERE 1 = 1
                ON CONFLICT (rule, subject) DO UPDATE SET
                    kind = excluded.kind, county = excluded.county, field = excluded.field, severity = excluded.severity, detail = excluded.detail,
                    first_seen_ms = CASE WHEN quality_findings.closed_ms IS NULL THEN quality_findings.first_seen_ms ELSE excluded.first_seen_ms END,
                    last_seen_ms = excluded.last_seen_ms, closed_ms = NULL, closed_by = NULL
                """, [now])
            let closedByAudit = try db.execute("""
                UPDATE quality_findings SET closed_ms = ?, closed_by = 'audit' WHERE closed_ms IS NULL AND rule IN (\(closable)) AND subject IN (\(audited))
                """, [now])
            let closedByData = try db.execute("""
                UPDATE quality_findings SET closed_ms = ?, closed_by = 'data' WHERE closed_ms IS NULL \(scope.judged(acrossRecords: StoreChecks.rules))
                AND NOT EXISTS (SELECT 1 FROM quality_current c WHERE c.rule = quality_findings.rule AND c.subject = quality_findings.subject)
                """, [now])
            try Self.emptyScratch(in: db)
            let open = try db.value(Int64.self, "SELECT COUNT(*) FROM quality_findings WHERE closed_ms IS NULL") ?? 0
            return (Int(opened), closedByAudit + closedByData, Int(open))
        }
    }

    private static func emptyScratch(in db: any StoreConnection) throws {
        for table in ["quality_current", "quality_checked", "quality_scope"] { try db.execute("DELETE FROM \(table)") }
    }

    private static func currentRow(_ finding: QualityFinding) -> [StoreValue] {
        [finding.rule.rawValue.storeValue, finding.subject.storeValue, finding.kind.rawValue.storeValue, finding.county.storeValue,
         finding.field.storeValue, finding.severity.rawValue.storeValue, QualityFindings.encode(finding.detail).storeValue]
    }
}
