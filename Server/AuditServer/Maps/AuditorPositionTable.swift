import Evidence
import Foundation
import Shared

/// `auditor_positions`: where each auditor was last seen — the newest of their visits' measured
/// fixes and their track batches' last points — so the office map shows every auditor with one
/// small query. Typed positions say where a visit claims to be, not where the auditor was: left out.
enum AuditorPositionTable {
    /// The table, in SQL both stores take.
    static let schema = [
        """
        CREATE TABLE auditor_positions (
            auditor TEXT PRIMARY KEY,
            lat DOUBLE PRECISION NOT NULL,
            lon DOUBLE PRECISION NOT NULL,
            seen_s BIGINT NOT NULL      -- when, in seconds since 1970
        )
        """,
    ]

    /// Moves each auditor seen in `writes` to their newest position, unless one newer is kept.
    static func update(after writes: [RecordWrite], in db: any StoreConnection) throws {
        var newest: [String: Sighting] = [:]
        for write in writes {
            guard let sighting = Sighting(write.state) else { continue }
            if let kept = newest[sighting.auditor], kept.seconds >= sighting.seconds { continue }
            newest[sighting.auditor] = sighting
        }
        for sighting in newest.values.sorted(by: { $0.auditor < $1.auditor }) {
            try db.execute("""
                INSERT INTO auditor_positions (auditor, lat, lon, seen_s) VALUES (?, ?, ?, ?)
                ON CONFLICT (auditor) DO UPDATE SET lat = excluded.lat, lon = excluded.lon, seen_s = excluded.seen_s
                WHERE auditor_positions.seen_s < excluded.seen_s
                """, [sighting.auditor, sighting.point.latitude, sighting.point.longitude, sighting.seconds])
        }
    }

    /// Fills the table from the stored visits and tracks (the migration that starts it).
    static func fill(in db: any StoreConnection) throws {
        for kind in [RecordKind.auditVisit, .track] {
            try StoredRecords.forEachPage(of: kind, in: db) { try update(after: $0, in: db) }
        }
    }

    /// The auditors last seen inside `box`, by name.
    static func positions(inside box: GeoBox, in db: any StoreConnection) throws -> [MapView.AuditorPosition] {
        try db.rows("""
            SELECT auditor, lat, lon, seen_s FROM auditor_positions
            WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? ORDER BY auditor
            """, [box.south, box.north, box.west, box.east])
            .map { MapView.AuditorPosition(auditor: $0[0], lat: $0[1], lon: $0[2], seenAt: PresenceService.iso($0[3])) }
    }

    /// An auditor seen somewhere at some time.
    private struct Sighting {
        var auditor: String
        var point: GeoPoint
        var seconds: Int64

        init?(_ state: RecordState) {
            switch state.kind {
            case .auditVisit:
                let visit = AuditVisit(state)
                guard !visit.retired, visit.fixSource != .typed, let fix = visit.fix,
                      let seconds = PresenceService.seconds(visit.time) else { return nil }
                (auditor, point, self.seconds) = (visit.auditor, fix, seconds)
            case .track:
                let batch = TrackBatch(state)
                guard !batch.retired, let last = (try? TrackCodec.decode(batch.points))?.last else { return nil }
                (auditor, point, seconds) = (batch.auditor, last.point, last.seconds)
            default:
                return nil
            }
            guard !auditor.isEmpty else { return nil }
        }
    }
}
