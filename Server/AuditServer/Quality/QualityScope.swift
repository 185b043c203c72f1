import Shared

/// Which subjects a run asks the rules across records (``StoreChecks``) about, and whose findings
/// of those rules it may close: every customer and meter (a full run), or the ids a run listed in
/// the scratch table `quality_scope` (a later run; ``QualityScopeListing`` says which).
///
/// Both are one set of queries: the listed scope only adds `IN` clauses to them, so a full run is
/// the incremental one without the restriction.
enum QualityScope: Sendable, Equatable {
    /// Every subject.
    case everything
    /// The subjects in `quality_scope`.
    case listed

    /// The scratch table (emptied when a run starts and when it ends), and the indexes that find
    /// the records whose time-based findings a stretch of time opens or closes. (None leads with
    /// `kind`: SQLite keeps no statistics here, and would walk every customer by such an index.)
    static let schema = [
        "CREATE TABLE quality_scope (id TEXT PRIMARY KEY)",
        "CREATE INDEX customer_map_by_visited_at ON customer_map(visited_at)",
        "CREATE INDEX quality_subjects_by_known_since ON quality_subjects(known_since_ms)",
        "CREATE INDEX quality_subjects_by_mis_conflict ON quality_subjects(mis_conflict_since_ms) WHERE mis_conflict_since_ms IS NOT NULL",
    ]

    private static let listedIDs = "SELECT id FROM quality_scope"

    /// `AND column IN (the listed ids)`, or nothing.
    func restricting(_ column: String) -> String {
        self == .everything ? "" : "AND \(column) IN (\(Self.listedIDs))"
    }

    /// `AND column IN (the values of column among the listed subjects of kind)`, or nothing: the
    /// peers a duplicate is counted among. A listed subject may be there for its visit or the time
    /// while its peers are not, so the peers are found by value, never by being listed.
    func restrictingPeers(_ column: String, kind: RecordKind) -> String {
        self == .everything ? "" : "AND \(column) IN (SELECT p.\(column) FROM quality_subjects p WHERE p.kind = '\(kind.rawValue)' \(restricting("p.id")))"
    }

    /// The findings whose rows a run judged, and may close when it no longer finds them: all of
    /// them, or those of the records it read (`quality_checked`, every rule) and those of the
    /// listed subjects by the rules across records.
    func judged(acrossRecords rules: [QualityRule]) -> String {
        guard self == .listed else { return "" }
        let codes = rules.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return "\(restricting("subject")) AND (rule IN (\(codes)) OR subject IN (SELECT id FROM quality_checked))"
    }
}
