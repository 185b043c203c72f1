import Foundation
import Messaging
import Shared

/// Records what delivery reports say in the outbox: a message moves to `queued`, `delivered` or
/// `failed` as its gateway reports, and never back from `delivered` or `failed` (reports may come
/// out of order: the SMS centre's "accepted" after the phone's "delivered").
///
/// A report for a message still `pending` is taken too: the gateway had it after all (its answer
/// was lost on the way), so it must not be sent again.
public struct DeliveryRecorder: Sendable {
    let database: any ServerStore

    public init(database: any ServerStore) { self.database = database }

    /// What a report did to its message.
    public enum Outcome: Sendable, Equatable {
        /// The message moved to this state.
        case recorded(String)
        /// The message stays in this state: it was already there, or past it.
        case unchanged(String)
        /// No message has the key; nothing was written.
        case unknown
    }

    /// Records that the message `key` has got to `status`; `detail` (the gateway's words) is kept
    /// as the reason of a failure.
    public func record(key: String, status: DeliveryStatus, detail: String,
                       now: Int64 = Int64(HybridLogicalClock.wallClockMilliseconds())) async throws -> Outcome {
        try await database.write { db in
            guard let state = try db.value(String.self, "SELECT state FROM reminder_outbox WHERE key = ?", [key]) else { return .unknown }
            guard Self.moves(from: state, to: status) else { return .unchanged(state) }
            _ = try db.execute("UPDATE reminder_outbox SET state = ?, last_error = ?, updated_at_ms = ? WHERE key = ?",
                               [status.rawValue, (status == .failed ? detail : nil) as String?, now, key])
            return .recorded(status.rawValue)
        }
    }

    /// Whether a message in `state` moves on to `status`: from `pending` to any; from `queued` to
    /// `delivered` or `failed`; from the final states (and `cancelled`) to none.
    static func moves(from state: String, to status: DeliveryStatus) -> Bool {
        switch state {
        case "pending": return true
        case "queued": return status != .queued
        default: return false
        }
    }
}
