import Foundation
import Shared

/// A fact verified in the field that the MIS does not hold yet: one field of one record.
struct MISCorrection: Codable, Hashable, Sendable {
    var kind: RecordKind
    var id: String
    /// The record's key in the MIS: the customer's account or the device's serial.
    var key: String
    var field: String
    /// The corrected value, as the import CSV would write it.
    var value: String
    /// What the MIS holds now, as text.
    var misValue: String
    /// The replica that wrote the corrected value (`t-…` for a tablet, `server` for a dispatcher).
    var changedBy: String

    enum CodingKeys: String, CodingKey {
        case kind, id, key, field, value
        case misValue = "mis_value"
        case changedBy = "changed_by"
    }
}

/// One `POST {URL}/corrections` body (or one file in `--to DIR`).
struct MISCorrectionBatch: Codable, Sendable {
    /// Also sent as the `Idempotency-Key` header: a digest of the corrections, so a batch sent
    /// again after a lost answer has the same key and the MIS applies it once.
    var batchID: String
    var corrections: [MISCorrection]

    enum CodingKeys: String, CodingKey {
        case batchID = "batch_id"
        case corrections
    }
}

/// What the MIS answers to a corrections batch: everything not listed as rejected was applied.
struct MISCorrectionAnswer: Decodable, Sendable {
    struct Rejection: Decodable, Sendable {
        var index: Int
        var reason: String
    }

    var rejected: [Rejection] = []

    init() {}

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rejected = try container.decodeIfPresent([Rejection].self, forKey: .rejected) ?? []
    }

    enum CodingKeys: String, CodingKey { case rejected }
}
