import Foundation
import Shared

/// Reading the findings: `audit-server quality list`, the console's table and map, a tablet's
/// customer screen.
public struct QualityFindings: Sendable {
    let database: any ServerStore

    public init(database: any ServerStore) { self.database = database }

    /// Which findings to list.
    public struct Filter: Sendable, Equatable {
        public var rules: [QualityRule] = []
        public var county: String?
        /// This severity and the ones above it.
        public var severity: QualitySeverity?
        public var subject: String?
        /// Open (the default), closed, or both (`nil`).
        public var open: Bool? = true
        public var limit = 1_000

        public init() {}
    }

    /// The findings `filter` selects, most severe first, then by rule and record.
    public func list(_ filter: Filter) throws -> [QualityFinding] {
        var conditions: [String] = [], arguments: [StoreValue] = []
        if let open = filter.open { conditions.append(open ? "closed_ms IS NULL" : "closed_ms IS NOT NULL") }
        if !filter.rules.isEmpty {
            conditions.append("rule IN (\(SQLList.placeholders(filter.rules.count)))")
            arguments += filter.rules.map(\.rawValue.storeValue)
        }
        if let county = filter.county { conditions.append("county = ?"); arguments.append(county.storeValue) }
        if let subject = filter.subject { conditions.append("subject = ?"); arguments.append(subject.storeValue) }
        if let severity = filter.severity {
            let levels = QualitySeverity.allCases.filter { $0 <= severity }
            conditions.append("severity IN (\(SQLList.placeholders(levels.count)))")
            arguments += levels.map(\.rawValue.storeValue)
        }
        let order = "CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, rule, subject"
        let sql = """
            SELECT rule, subject, county, severity, detail, first_seen_ms, last_seen_ms, closed_ms, closed_by FROM quality_findings
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY \(order) LIMIT \(filter.limit)
            """
        return try database.read { db in
            try db.rows(sql, StoreArguments(arguments)).compactMap { row in
                guard let rule = QualityRule(rawValue: row[0]), let severity = QualitySeverity(rawValue: row[3]) else { return nil }
                var finding = QualityFinding(rule: rule, subject: row[1], county: row[2] as String?, severity: severity, detail: Self.decode(row[4]))
                finding.firstSeen = row[5]
                finding.lastSeen = row[6]
                finding.closedAt = row[7] as Int64?
                finding.closedBy = row[8] as String?
                return finding
            }
        }
    }

    /// The positions of those of `ids` that are customers with one (the map's rows).
    public func sites(of ids: [String]) throws -> [String: GeoPoint] {
        let unique = Array(Set(ids))
        return try database.read { db in
            var sites: [String: GeoPoint] = [:]
            for slice in SQLList.slices(unique) {
                for row in try db.rows("SELECT id, lat, lon FROM customer_map WHERE lat IS NOT NULL AND id IN (\(SQLList.placeholders(slice.count)))",
                                       StoreArguments(slice.map(\.storeValue))) {
                    sites[row[0]] = GeoPoint(latitude: row[1], longitude: row[2])
                }
            }
            return sites
        }
    }

    /// Open findings per rule, for a summary line.
    public func openCounts() throws -> [QualityRule: Int] {
        try database.read { db in
            Dictionary(uniqueKeysWithValues: try db.rows("SELECT rule, COUNT(*) FROM quality_findings WHERE closed_ms IS NULL GROUP BY rule")
                .compactMap { row in QualityRule(rawValue: row[0]).map { ($0, Int(row[1] as Int64)) } })
        }
    }

    static func encode(_ detail: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(detail)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func decode(_ text: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }
}
