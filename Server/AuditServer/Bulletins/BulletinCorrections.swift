import Foundation
import Shared

/// Which facts of the customer files were most often wrong: from the records' history, each
/// write of a customer's or a device's field made in the period (by its writer's clock) on a
/// tablet or in the office that replaced another value of the field. The first value of a field
/// (an import, a new record) is no correction, and the MIS's writes are the files' own.
enum BulletinCorrections {
    static func compute(period: BulletinPeriod, county: String?, in db: any StoreConnection) throws -> [BulletinReport.CorrectionLine] {
        let records = try db.rows("""
            SELECT DISTINCT h.kind, h.id FROM record_history h JOIN change_log c ON c.seq = h.seq
            JOIN record_counties d ON d.kind = h.kind AND d.id = h.id
            WHERE h.kind IN ('customer', 'device') AND c.at_ms >= ?1 AND (?2 = '' OR d.county = ?2)
            """, [period.milliseconds.lowerBound - (try earliestArrival(in: db)), county ?? ""])
        var writers: [String: String] = [:]
        var counts: [String: BulletinReport.CorrectionLine] = [:]
        for row in records {
            let key = RecordKey(kind: RecordKind(rawValue: try row.decode(String.self, at: 0)) ?? .customer, id: try row.decode(String.self, at: 1))
            var last: [String: String] = [:]
            for save in try RecordHistory.saves(of: key, in: db) {
                for entry in save.entries {
                    defer { last[entry.field] = entry.value }
                    guard let before = last[entry.field], before != entry.value,
                          period.milliseconds.contains(Int64(clamping: entry.stampMs)) else { continue }
                    if writers[entry.replica] == nil { writers[entry.replica] = try RecordHistory.writer(of: entry.replica, in: db).key }
                    let name = "\(key.kind.rawValue)/\(entry.field)"
                    switch writers[entry.replica] {
                    case "writer.tablet": counts[name, default: .init(kind: key.kind.rawValue, field: entry.field, tablet: 0, office: 0)].tablet += 1
                    case "writer.office": counts[name, default: .init(kind: key.kind.rawValue, field: entry.field, tablet: 0, office: 0)].office += 1
                    default: continue
                    }
                }
            }
        }
        return counts.values.sorted { ($1.total, $0.kind, $0.field) < ($0.total, $1.kind, $1.field) }
    }

    /// How long before its writer's time a write can have reached the server, in milliseconds:
    /// a tablet's clock may lead the server's by the push policy's limit, and the office writes
    /// by the server's own clock, which may lead the wall clock. Only saves that arrived after the
    /// period began, less this, are read.
    static func earliestArrival(in db: any StoreConnection) throws -> Int64 {
        let lead = Int64(clamping: try ServerClock.load(in: db).last.milliseconds) - Int64(clamping: HybridLogicalClock.wallClockMilliseconds())
        return Int64(clamping: PushPolicy.standard.maximumClockAheadMilliseconds) + max(lead, 0)
    }
}

/// The conflicts opened and resolved in the period, per field, from the ``ConflictLog``.
enum BulletinConflicts {
    static func compute(period: BulletinPeriod, county: String?, in db: any StoreConnection) throws -> [BulletinReport.ConflictLine] {
        var lines: [String: BulletinReport.ConflictLine] = [:]
        for row in try db.rows("""
            SELECT kind, field, opened, COUNT(*) FROM conflict_log
            WHERE stamp_ms >= ?1 AND stamp_ms < ?2 AND (?3 = '' OR county = ?3) GROUP BY kind, field, opened
            """, [period.milliseconds.lowerBound, period.milliseconds.upperBound, county ?? ""]) {
            let (kind, field) = (try row.decode(String.self, at: 0), try row.decode(String.self, at: 1))
            let count = Int(try row.decode(Int64.self, at: 3))
            if try row.decode(Int64.self, at: 2) == 1 {
                lines["\(kind)/\(field)", default: .init(kind: kind, field: field, opened: 0, resolved: 0)].opened += count
            } else {
                lines["\(kind)/\(field)", default: .init(kind: kind, field: field, opened: 0, resolved: 0)].resolved += count
            }
        }
        return lines.values.sorted { ($0.kind, $0.field) < ($1.kind, $1.field) }
    }
}
