import Shared

/// What a later run lists in `quality_scope` (``QualityScope/listed``): every subject whose
/// findings of the rules across records could have changed since the run before.
///
/// - the records changed, and the subjects their rows bear on, both as they were and as they are
///   (``addRecords(_:in:)``, called before and after their rows are written);
/// - the customers of changed visits, whose latest visit `customer_map` keeps (``addVisited(after:upTo:in:)``);
/// - the customers a time-based rule's line passed over since the run before (``addCrossed(from:to:in:)``).
enum QualityScopeListing {
    /// Lists `ids` and the subjects whose findings read their rows: the customers sharing a
    /// customer's account and the meters sharing a meter's serial (the duplicates), the customer a
    /// meter names (without a meter, status against meters) and the meters naming a customer
    /// (without a customer; a meter's finding carries its customer's county). No condition on the
    /// kind of those found: only customers have an account, only meters a serial and a customer,
    /// and such a condition would lead SQLite's planner to walk every customer.
    static func addRecords(_ ids: [String], in db: any StoreConnection) throws {
        try insert.execute(ids.map { [$0.storeValue] }, in: db)
        for slice in SQLList.slices(ids) { try addRelatives(of: slice, in: db) }
    }

    private static func addRelatives(of ids: ArraySlice<String>, in db: any StoreConnection) throws {
        let list = SQLList.placeholders(ids.count), arguments = StoreArguments(ids.map(\.storeValue))
        for related in [
            "SELECT p.id FROM quality_subjects s JOIN quality_subjects p ON p.account = s.account WHERE s.kind = 'customer' AND s.id IN (\(list))",
            "SELECT p.id FROM quality_subjects s JOIN quality_subjects p ON p.serial = s.serial WHERE s.kind = 'device' AND s.id IN (\(list))",
            "SELECT s.customer FROM quality_subjects s WHERE s.kind = 'device' AND s.customer IS NOT NULL AND s.id IN (\(list))",
            "SELECT m.id FROM quality_subjects m WHERE m.customer IN (\(list))",
        ] {
            try db.execute("INSERT INTO quality_scope (id) \(related) ON CONFLICT (id) DO NOTHING", arguments)
        }
    }

    /// Lists the customers of the visits the change log shows changed after `cursor` up to `head`.
    static func addVisited(after cursor: Int64, upTo head: Int64, in db: any StoreConnection) throws {
        try db.execute("""
            INSERT INTO quality_scope (id) SELECT v.customer FROM change_log c JOIN customer_visits v ON v.visit = c.id
            WHERE c.seq > ? AND c.seq <= ? AND c.kind = '\(RecordKind.auditVisit.rawValue)' ON CONFLICT (id) DO NOTHING
            """, [cursor, head])
    }

    /// Lists the customers on whom a line of the time-based rules passed between the run before's
    /// time and this one's (either way: a clock set back moves the lines back), so that a record
    /// nobody touched is found overdue, or no longer, when the time says so. Meters on those lines
    /// come along, which is harmless: a condition on kind would have SQLite walk every customer.
    static func addCrossed(from previous: QualityThresholds, to current: QualityThresholds, in db: any StoreConnection) throws {
        func span<T: Comparable & StoreValueConvertible>(_ line: KeyPath<QualityThresholds, T>) -> StoreArguments {
            let (a, b) = (previous[keyPath: line], current[keyPath: line])
            return StoreArguments([min(a, b).storeValue, max(a, b).storeValue])
        }
        try db.execute("INSERT INTO quality_scope (id) SELECT id FROM customer_map WHERE visited_at >= ? AND visited_at < ? ON CONFLICT (id) DO NOTHING",
                       span(\.lastVisit))
        try db.execute("""
            INSERT INTO quality_scope (id) SELECT s.id FROM quality_subjects s
            WHERE s.known_since_ms >= ? AND s.known_since_ms < ?
              AND NOT EXISTS (SELECT 1 FROM customer_map m WHERE m.id = s.id AND m.visited_at IS NOT NULL)
            ON CONFLICT (id) DO NOTHING
            """, span(\.knownSince))
        try db.execute("""
            INSERT INTO quality_scope (id) SELECT id FROM quality_subjects
            WHERE mis_conflict_since_ms >= ? AND mis_conflict_since_ms < ? ON CONFLICT (id) DO NOTHING
            """, span(\.misConflictSince))
    }

    private static let insert = MultiRowInsert(into: "quality_scope", ["id"], onConflict: ["id"])
}
