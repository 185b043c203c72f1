import Evidence
import Foundation
import GRDB
import Shared

/// The day's track on the tablet: breadcrumbs kept at once in `track_points`, closed into signed
/// ``TrackBatch`` records that join the outbox like any edit.
extension TerminalStore {
    /// Keeps one breadcrumb (committed before this returns: power loss loses none).
    public func addTrackPoint(_ point: TrackPoint) throws {
        try database.write { db in
            try db.execute(sql: "INSERT INTO track_points (seconds, latitude, longitude, accuracy) VALUES (?, ?, ?, ?)",
                           arguments: [point.seconds, point.point.latitude, point.point.longitude, point.accuracy])
        }
    }

    /// The breadcrumbs not yet closed into a batch, oldest first.
    public func unsentTrackPoints() throws -> [TrackPoint] {
        try database.read { db in try Self.trackPoints(in: db).map(\.point) }
    }

    /// How many breadcrumbs wait to be closed into a batch.
    public func unsentTrackPointCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM track_points") ?? 0 }
    }

    /// Closes the waiting breadcrumbs into a signed track batch: the batch, its outbox entry, the
    /// chain's new head and the removal of its points commit in one transaction. `workOrder` is
    /// the work order the auditor is on, when there is one. `nil` when no point waits.
    @discardableResult
    public func closeTrackBatch(workOrder: String? = nil) throws -> TrackBatch? {
        try database.write { db in
            let rows = try Self.trackPoints(in: db)
            guard let first = rows.first?.point, let last = rows.last?.point else { return nil }
            let identity = try Self.device(in: db)
            let points = rows.map(\.point)
            var batch = TrackBatch(id: TypedID.mint(), device: identity.name, auditor: identity.auditor,
                                   start: Self.iso(first.seconds), end: Self.iso(last.seconds),
                                   points: TrackCodec.encode(points), pointCount: Int64(points.count))
            batch.workOrder = try workOrder.map { try TypedID($0) }
            let state = try Self.appendSigned(batch, in: db)
            try db.execute(sql: "DELETE FROM track_points WHERE id <= ?", arguments: [rows.last!.id])
            return TrackBatch(state)
        }
    }

    /// The work order the auditor is on: their work order in progress, else their assigned one
    /// (the first by id); `nil` when neither is on this tablet.
    public func currentWorkOrder() throws -> String? {
        let auditor = try identity().device.auditor
        let mine = try records(.workOrder).filter { !$0.flag("retired") && $0.text("assignee") == auditor }
        for status in [WorkOrderStatus.inProgress, .assigned] {
            if let order = mine.first(where: { $0.text("status") == status.rawValue }) { return order.id }
        }
        return nil
    }

    static func trackPoints(in db: Database) throws -> [(id: Int64, point: TrackPoint)] {
        try Row.fetchAll(db, sql: "SELECT id, seconds, latitude, longitude, accuracy FROM track_points ORDER BY id").map { row in
            (row["id"], TrackPoint(point: GeoPoint(latitude: row["latitude"], longitude: row["longitude"]),
                                   seconds: row["seconds"], accuracy: row["accuracy"]))
        }
    }

    static func iso(_ seconds: Int64) -> String {
        Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
    }
}
