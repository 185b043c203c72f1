import Foundation
import GRDB
import Shared

/// Batches the server refused for their content: set aside so the rest of the sync goes on.
///
/// A refused batch would otherwise be re-sent forever and block every later push and pull. It
/// moves here with the server's answer; its outbox entries leave the outbox, while its records
/// stay in the cache with their edits, and edits made to them later go out as usual. The auditor
/// sees it (`status`, the UI's status bar, `outbox`) and can put it back or write it to a file.
extension TerminalStore {
    /// A batch the server refused, as kept on the tablet.
    public struct QuarantinedBatch: Hashable, Sendable, Encodable {
        /// The tablet's number for it, for `outbox retry ID` and `outbox export ID FILE`.
        public var id: Int64
        public var batchID: String
        /// The records in it.
        public var records: [RecordKey]
        /// The server's answer.
        public var status: Int
        public var code: String
        public var detail: String
        /// When it was refused, milliseconds since 1970.
        public var at: Int64

        enum CodingKeys: String, CodingKey {
            case id, records, status, code, detail
            case batchID = "batch_id", at = "at_ms"
        }
    }

    /// The HTTP statuses that mean "this batch's content is refused": it is set aside.
    /// 401 (token), 409 (`replica_reused`, handled by a new replica id), 429 and 5xx are
    /// not about the content, and the batch is sent again.
    public static let quarantineStatuses: Set<Int> = [400, 403, 413, 422]

    /// Sets the pending batch `batchID` aside with the server's refusal: one transaction moves
    /// it to the quarantine and removes its outbox entries.
    public func quarantine(_ batchID: String, status: Int, refusal: APIErrorBody) throws {
        try database.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT upto_seq, body FROM pending_batch WHERE batch_id = ?", arguments: [batchID]) else { return }
            let upto: Int64 = row[0], body: Data = row[1]
            try db.execute(sql: "INSERT INTO quarantine (batch_id, body, status, code, detail, at_ms) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [batchID, body, status, refusal.error, refusal.detail, Int64(HybridLogicalClock.wallClockMilliseconds())])
            for key in try PushRequest.keys(in: body) {
                try db.execute(sql: "DELETE FROM outbox WHERE kind = ? AND id = ? AND seq <= ?", arguments: [key.kind.rawValue, key.id, upto])
            }
            try db.execute(sql: "DELETE FROM pending_batch WHERE batch_id = ?", arguments: [batchID])
        }
    }

    /// Every refused batch, oldest first.
    public func quarantined() throws -> [QuarantinedBatch] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, batch_id, body, status, code, detail, at_ms FROM quarantine ORDER BY id").map { row in
                QuarantinedBatch(id: row[0], batchID: row[1], records: try PushRequest.keys(in: row[2]), status: row[3],
                                 code: row[4], detail: row[5], at: row[6])
            }
        }
    }

    /// How many refused batches are kept.
    public func quarantineCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quarantine") ?? 0 }
    }

    /// The refused batch `id` exactly as it was sent.
    public func quarantinedBatch(_ id: Int64) throws -> PushRequest {
        try database.read { db in
            guard let body = try Data.fetchOne(db, sql: "SELECT body FROM quarantine WHERE id = ?", arguments: [id]) else {
                throw TerminalError("no refused batch \(id): audit-terminal outbox lists them")
            }
            return try PushRequest.decodeFast(body)
        }
    }

    /// Puts refused batch `id` back: its records get outbox entries again, so the next sync sends
    /// their current states as a new batch. The quarantine entry goes in the same transaction.
    /// - Returns: the records queued.
    @discardableResult
    public func retryQuarantined(_ id: Int64) throws -> [RecordKey] {
        try database.write { db in
            guard let body = try Data.fetchOne(db, sql: "SELECT body FROM quarantine WHERE id = ?", arguments: [id]) else {
                throw TerminalError("no refused batch \(id): audit-terminal outbox lists them")
            }
            let keys = try PushRequest.keys(in: body)
            for key in keys {
                guard try Self.load(key, in: db) != nil else { continue }
                try db.execute(sql: "INSERT INTO outbox (kind, id, at_ms) VALUES (?, ?, ?)",
                               arguments: [key.kind.rawValue, key.id, Int64(HybridLogicalClock.wallClockMilliseconds())])
            }
            try db.execute(sql: "DELETE FROM quarantine WHERE id = ?", arguments: [id])
            return keys
        }
    }

    /// A record waiting in the outbox.
    public struct WaitingRecord: Hashable, Sendable, Encodable {
        public var record: RecordKey
        /// Local edits to it not yet acknowledged.
        public var edits: Int
        /// When the first of them was made, milliseconds since 1970.
        public var since: Int64

        enum CodingKeys: String, CodingKey { case record, edits, since = "since_ms" }
    }

    /// The records with unsent edits, oldest edit first.
    public func waiting() throws -> [WaitingRecord] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, id, COUNT(*), MIN(at_ms) FROM outbox GROUP BY kind, id ORDER BY MIN(seq)").compactMap { row in
                guard let kind = RecordKind(rawValue: row[0]) else { return nil }
                return WaitingRecord(record: RecordKey(kind: kind, id: row[1]), edits: row[2], since: row[3])
            }
        }
    }
}
