import Foundation
import Shared

/// Replica ids issued to devices, their high stamps, and the pushes refused from each device.
///
/// A replica id is never issued twice (table `device_replicas`): a device's first id is
/// `t-NAME`, later ones carry an epoch, `t-NAME.2`, `t-NAME.3` … A device gets a new one when it
/// is enrolled again (after a revocation, or `--replace` for a lost tablet) and when a tablet
/// restored from an old copy asks for one (`POST /v1/device/replica`).
extension DeviceRegistry {
    /// One replica id issued to a device.
    public struct IssuedReplica: Hashable, Sendable {
        public var replica: ReplicaID
        public var device: String
        public var epoch: Int
        /// When it was issued, milliseconds since 1970.
        public var issuedAt: Int64
        /// The newest stamp of its own writes in an accepted push, `nil` when none.
        public var highStamp: HLCTimestamp?
    }

    /// A push the server refused for its content.
    public struct Refusal: Hashable, Sendable, Codable {
        /// When, milliseconds since 1970.
        public var at: Int64
        public var status: Int
        public var code: String
        public var detail: String

        enum CodingKeys: String, CodingKey {
            case at = "at_ms"
            case status, code, detail
        }
    }

    /// How many refusals are kept per device (the newest).
    static let refusalsKept = 20

    // MARK: High stamps (inside the push transaction)

    /// The newest hybrid-clock stamp among `replica`'s own writes in the pushes the server
    /// accepted from it; `nil` when it accepted none.
    public static func highStamp(of replica: ReplicaID, in db: any StoreConnection) throws -> HLCTimestamp? {
        guard let row = try db.row("SELECT high_ms, high_n FROM device_replicas WHERE replica = ?", [replica.rawValue]) else { return nil }
        return stamp(ms: row[0], n: row[1])
    }

    /// Raises `replica`'s high stamp to `stamp` (never lowers it). Called after a push is
    /// accepted, in its transaction, with ``ReplicaReuse/newestOwnStamp(in:of:)`` of the batch.
    public static func raiseHighStamp(of replica: ReplicaID, to stamp: HLCTimestamp, in db: any StoreConnection) throws {
        let ms = Int64(clamping: stamp.milliseconds), n = Int64(stamp.logical)
        try db.execute("""
            UPDATE device_replicas SET high_ms = ?1, high_n = ?2
            WHERE replica = ?3 AND (high_ms IS NULL OR high_ms < ?1 OR (high_ms = ?1 AND high_n < ?2))
            """, [ms, n, replica.rawValue])
    }

    static func stamp(ms: Int64?, n: Int64?) -> HLCTimestamp? {
        guard let ms, ms >= 0 else { return nil }
        return HLCTimestamp(milliseconds: UInt64(ms), logical: UInt32(clamping: max(0, n ?? 0)))
    }

    // MARK: Issuing

    /// Every replica id issued to `device`, oldest first.
    public func replicas(of device: String) throws -> [IssuedReplica] {
        try database.read { db in try Self.replicas(of: device, in: db) }
    }

    static func replicas(of device: String, in db: any StoreConnection) throws -> [IssuedReplica] {
        try db.rows("""
            SELECT replica, device, epoch, issued_at_ms, high_ms, high_n FROM device_replicas WHERE device = ? ORDER BY epoch
            """, [device]).map { row in
            IssuedReplica(replica: try ReplicaID(validating: row[0]), device: row[1], epoch: row[2], issuedAt: row[3],
                          highStamp: stamp(ms: row[4], n: row[5]))
        }
    }

    /// Issues `device` a replica id never issued before and records it: `t-NAME` the first time
    /// (unless another device already had it), then `t-NAME.EPOCH`.
    static func issueReplica(to device: String, in db: any StoreConnection) throws -> ReplicaID {
        var epoch = (try db.value(Int.self, "SELECT MAX(epoch) FROM device_replicas WHERE device = ?", [device]) ?? 0) + 1
        while true {
            let text = epoch == 1 ? "t-\(device)" : "t-\(device).\(epoch)"
            let replica: ReplicaID
            do { replica = try ReplicaID(validating: text) } catch {
                throw APIError(status: 400, code: "bad_name",
                               detail: "device name: \(device) is too long to carry a new replica epoch (replica ids are at most 64 characters)")
            }
            let taken = try db.value(Bool.self, "SELECT 1 FROM device_replicas WHERE replica = ?", [text]) ?? false
            let inUse = try db.value(Bool.self, "SELECT 1 FROM devices WHERE replica = ?", [text]) ?? false
            if !taken && !inUse {
                try db.execute("INSERT INTO device_replicas (replica, device, epoch, issued_at_ms) VALUES (?, ?, ?, ?)", [text, device, epoch, Int64(HybridLogicalClock.wallClockMilliseconds())])
                return replica
            }
            epoch += 1
        }
    }

    /// Gives `device` a new replica id for a tablet that reused dots (`POST /v1/device/replica`).
    ///
    /// Asked again before the tablet wrote anything under the id it got (its answer was lost, or
    /// the tablet stopped before storing it), the same answer comes back: an id nothing was
    /// written under is still new, and the tablet learns the previous id's high stamp it needs.
    public func newReplica(for device: EnrolledDevice) async throws -> ReplicaChange {
        try await database.write { db in
            guard let current = try db.value(String.self, "SELECT replica FROM devices WHERE name = ? AND revoked_at_ms IS NULL", [device.name]) else { throw APIError.tokenRejected }
            let issued = try Self.replicas(of: device.name, in: db)
            if let last = issued.last, last.replica.rawValue == current, last.highStamp == nil, issued.count >= 2,
               try !Self.hasWritten(last.replica, in: db) {
                let previous = issued[issued.count - 2]
                return ReplicaChange(replica: last.replica, previous: previous.replica, previousHighStamp: previous.highStamp)
            }
            let previous = try ReplicaID(validating: current)
            let highStamp = try Self.highStamp(of: previous, in: db)
            let replica = try Self.issueReplica(to: device.name, in: db)
            try db.execute("UPDATE devices SET replica = ? WHERE name = ?", [replica.rawValue, device.name])
            return ReplicaChange(replica: replica, previous: previous, previousHighStamp: highStamp)
        }
    }

    /// Whether any push was merged under `replica` (the change log names each push's replica).
    static func hasWritten(_ replica: ReplicaID, in db: any StoreConnection) throws -> Bool {
        try db.value(Bool.self, "SELECT 1 FROM change_log WHERE origin = ? LIMIT 1", [replica.rawValue]) ?? false
    }

    // MARK: Refusals

    /// Notes that a push from `device` was refused with `error` (kept for `audit-server device
    /// list`); the only write a refused push causes. Never throws: a refusal that cannot be noted
    /// is logged by the caller's answer anyway.
    public func recordRefusal(device: String, status: Int, code: String, detail: String) async {
        _ = try? await database.write { db in
            try db.execute("INSERT INTO device_refusals (device, at_ms, status, code, detail) VALUES (?, ?, ?, ?, ?)", [device, Int64(HybridLogicalClock.wallClockMilliseconds()), status, code, String(detail.prefix(2_000))])
            try db.execute("""
                DELETE FROM device_refusals WHERE device = ?1 AND seq NOT IN (
                  SELECT seq FROM device_refusals WHERE device = ?1 ORDER BY seq DESC LIMIT ?2)
                """, [device, Self.refusalsKept])
        }
    }

    /// The newest refused push of each device that had one, by device name.
    public func lastRefusals() throws -> [String: Refusal] {
        try database.read { db in
            var refusals: [String: Refusal] = [:]
            for row in try db.rows("""
                SELECT device, at_ms, status, code, detail FROM device_refusals
                WHERE seq IN (SELECT MAX(seq) FROM device_refusals GROUP BY device)
                """) {
                let device: String = row[0]
                refusals[device] = Refusal(at: row[1], status: row[2], code: row[3], detail: row[4])
            }
            return refusals
        }
    }
}
