import Foundation
import Shared
import TestSupport
import Transport

/// Record states as a hostile tablet handles them: plain JSON objects it can bend any way, pushed
/// with raw HTTP and one valid token.
struct WireRecords {
    let fixture: ServerFixture
    let token: String
    let replica: String

    /// The records of the token's scope as the server sends them, by id.
    func pulled() async throws -> [String: [String: Any]] {
        let response = try await rawRequest(.get, fixture.server.baseURL + "/v1/sync/pull?cursor=0", token: token)
        guard response.status == 200, let page = try JSONSerialization.jsonObject(with: response.body) as? [String: Any],
              let records = page["records"] as? [[String: Any]] else { throw FixtureError("pull failed: \(response.status) \(response.text ?? "")") }
        return Dictionary(uniqueKeysWithValues: records.map { ($0["id"] as! String, $0) })
    }

    /// Pushes `records` as one batch and returns the HTTP status and the error body, if any.
    func push(_ records: [[String: Any]], batch: String = "b-\(UUID().uuidString.lowercased())") async throws -> (status: Int, error: APIErrorBody?) {
        let body = try JSONSerialization.data(withJSONObject: ["batch_id": batch, "records": records])
        let response = try await rawRequest(.post, fixture.server.baseURL + "/v1/sync/push", token: token, body: body)
        return (response.status, try? WireCoding.decode(APIErrorBody.self, from: response.body))
    }

    /// The server's clock now, in milliseconds.
    static var now: UInt64 { HybridLogicalClock.wallClockMilliseconds() }

    /// `record` with `field` written by `writer` (the next counter of that replica), as an honest
    /// write of `writer` would look.
    static func writing(_ value: Any, to field: String, in record: [String: Any], as writer: String,
                        at milliseconds: UInt64 = now) -> [String: Any] {
        var record = record
        var vector = record["vector"] as? [String: Any] ?? [:]
        let counter = ((vector[writer] as? NSNumber)?.uint64Value ?? 0) + 1
        vector[writer] = counter
        var fields = record["fields"] as? [String: Any] ?? [:]
        fields[field] = [["counter": counter, "hlc": ["ms": milliseconds, "n": 0], "replica": writer, "value": value]]
        record["vector"] = vector
        record["fields"] = fields
        return record
    }

    /// `writing(_:to:in:as:at:)` without labels, for tables of attacks.
    static func written(_ value: Any, _ field: String, _ record: [String: Any], _ writer: String, _ milliseconds: UInt64) -> [String: Any] {
        writing(value, to: field, in: record, as: writer, at: milliseconds)
    }

    /// The value of `field` shown when it holds one entry.
    static func value(of field: String, in record: [String: Any]) -> Any? {
        ((record["fields"] as? [String: Any])?[field] as? [[String: Any]])?.first?["value"]
    }

    /// A new visit record written wholly by `writer`.
    static func visit(id: String, workOrder: String, customer: String, auditor: String, as writer: String) -> [String: Any] {
        var record: [String: Any] = ["kind": "audit_visit", "id": id, "vector": [String: Any](), "fields": [String: Any]()]
        let values: [(String, Any)] = [("work_order", workOrder), ("customer", customer), ("auditor", auditor),
                                       ("time", "2026-12-01T09:00:00Z"), ("outcome", "verified")]
        for (field, value) in values { record = writing(value, to: field, in: record, as: writer) }
        return record
    }

    /// Every stored record state and the change log's length: equal before and after means a
    /// refused push changed nothing a tablet or the office relies on.
    func storedStates() throws -> String {
        try fixture.tableDump("SELECT kind, id, state, seq, conflicted FROM records ORDER BY kind, id")
            + "\nlog \(try fixture.scalar("SELECT COUNT(*) FROM change_log"))"
            + "\nreceipts \(try fixture.scalar("SELECT COUNT(*) FROM batch_receipts"))"
    }
}
