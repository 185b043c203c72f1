import Evidence
import Foundation
import Shared
import TestSupport
import Transport

/// A tablet's signed evidence, made in the test as the signing protocol says: every field written
/// first (with signer, chain_seq and chain_prev), ``EvidencePayload/init(state:)`` signed, the
/// signature written last; the chain head moves on with each item.
struct SignedEvidence {
    let key: EvidenceKey
    let replica: ReplicaID
    /// The next item's place and the link it names.
    var sequence: Int64 = 1
    var previous = EvidenceHash.chainStart
    /// Distinct stamps for each write.
    private var logical: UInt32 = 0

    init(key: EvidenceKey = EvidenceKey(), replica: String = "t-tab-anna") throws {
        self.key = key
        self.replica = try ReplicaID(validating: replica)
    }

    /// Registers the key for the token's device with `POST /v1/device/key`.
    func register(with fixture: ServerFixture, token: String) async throws -> HTTPResponse {
        let body = try JSONSerialization.data(withJSONObject: ["public_key": key.publicKey])
        return try await rawRequest(.post, fixture.server.baseURL + "/v1/device/key", token: token, body: body)
    }

    /// A visit of Anna's at `customer` recorded at `time` (ISO 8601 UTC).
    static func visitFields(workOrder: String, customer: String, time: String, fix: GeoPoint?, source: FixSource,
                            distance: Double? = nil, reason: String? = nil) -> [(String, FieldValue)] {
        var fields: [(String, FieldValue)] = [("work_order", .text(workOrder)), ("customer", .text(customer)), ("auditor", .text("anna")),
                                              ("time", .text(time)), ("outcome", .text("verified")), ("fix_source", .text(source.rawValue))]
        if let fix {
            fields.append(("fix", .location(fix)))
            fields += [("fix_accuracy_m", .decimal(4)), ("fix_time", .text(time)), ("fix_age_s", .decimal(1))]
        }
        if let distance { fields.append(("distance_m", .decimal(distance))) }
        if let reason { fields.append(("typed_reason", .text(reason))) }
        return fields
    }

    /// A track batch of Anna's tablet with `points`.
    static func trackFields(_ points: [TrackPoint]) -> [(String, FieldValue)] {
        [("device", .text("tab-anna")), ("auditor", .text("anna")),
         ("start", .text(SignedEvidence.iso(points.first!.seconds))), ("end", .text(SignedEvidence.iso(points.last!.seconds))),
         ("points", .text(TrackCodec.encode(points))), ("point_count", .integer(Int64(points.count)))]
    }

    /// An unsigned record with `fields`, written by this tablet's replica.
    mutating func record(_ kind: RecordKind, id: String, _ fields: [(String, FieldValue)]) throws -> RecordState {
        var state = RecordState(kind: kind, id: id)
        for (field, value) in fields { try write(value, to: field, in: &state) }
        return state
    }

    /// `state` signed at the chain's head (or at `sequence`/`previous` when given), moving the
    /// head on only when neither is given.
    mutating func signed(_ state: RecordState, sequence: Int64? = nil, previous: String? = nil, by other: EvidenceKey? = nil) throws -> RecordState {
        var state = state
        let place = sequence ?? self.sequence, before = previous ?? self.previous
        try write(.text(key.publicKey), to: "signer", in: &state)
        try write(.integer(place), to: "chain_seq", in: &state)
        try write(.text(before), to: "chain_prev", in: &state)
        let payload = try require(EvidencePayload(state: state))
        let signature = try (other ?? key).sign(payload)
        try write(.text(signature), to: "signature", in: &state)
        if sequence == nil && previous == nil {
            self.sequence += 1
            self.previous = payload.link(signature: signature)
        }
        return state
    }

    /// Writes one field as this tablet's replica, now.
    mutating func write(_ value: FieldValue, to field: String, in state: inout RecordState) throws {
        logical += 1
        _ = try state.write(value, to: field, by: replica, at: HLCTimestamp(milliseconds: HybridLogicalClock.wallClockMilliseconds(), logical: logical))
    }

    /// The wire JSON object of `state`, for ``WireRecords/push(_:batch:)``.
    static func wire(_ state: RecordState) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: WireCoding.encode(state)) as! [String: Any]
    }

    /// ISO 8601 UTC of seconds since 1970.
    static func iso(_ seconds: Int64) -> String {
        Date(timeIntervalSince1970: Double(seconds)).formatted(.iso8601)
    }
}

/// `#require` outside a test body.
private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw FixtureError("a required value was nil") }
    return value
}
