import Foundation

/// The bodies of the sync API (see `openapi.yaml`). Terminals and the server share these types.
/// Sync messages are written by their `Encodable` conformance or the hand-written writer, and read
/// only by the wire reader (``WireDecodable``), which also holds their rules.

/// `POST /v1/sync/push`: changed record states from a terminal's outbox.
///
/// The batch id is fixed before the first send; the server stores its answer under it, so sending
/// the same batch again changes nothing and returns the same answer.
public struct PushRequest: Hashable, Sendable, Encodable, WireDecodable {
    /// The terminal's id for this batch, 1 to 128 characters.
    public var batchID: String
    /// Full record states, merged one by one on the server.
    public var records: [RecordState]

    /// Creates a batch.
    public init(batchID: String, records: [RecordState]) {
        self.batchID = batchID
        self.records = records
    }

    enum CodingKeys: String, CodingKey {
        case batchID = "batch_id"
        case records
    }
}

/// The server's answer to a push.
public struct PushResponse: Hashable, Sendable, Encodable, WireDecodable {
    /// What happened to one pushed record.
    public struct Result: Hashable, Sendable, Encodable {
        public var kind: RecordKind
        public var id: String
        /// `merged` when the record is settled after the merge, `conflict` when a field is now in conflict.
        public var status: MergeStatus
        /// The fields in conflict after the merge.
        public var conflicts: [String]

        /// Creates a result.
        public init(kind: RecordKind, id: String, status: MergeStatus, conflicts: [String]) {
            self.kind = kind
            self.id = id
            self.status = status
            self.conflicts = conflicts
        }
    }

    /// The batch this answers.
    public var batchID: String
    /// One result per pushed record, in the order pushed.
    public var results: [Result]
    /// The server's change-log position after the merge.
    public var cursor: Int64

    /// Creates an answer.
    public init(batchID: String, results: [Result], cursor: Int64) {
        self.batchID = batchID
        self.results = results
        self.cursor = cursor
    }

    enum CodingKeys: String, CodingKey {
        case batchID = "batch_id"
        case results, cursor
    }
}

/// Whether a merged record is settled.
public enum MergeStatus: String, Hashable, Sendable, Encodable {
    /// Every field has one value.
    case merged
    /// At least one field holds concurrent values that a person must resolve.
    case conflict
}

/// `GET /v1/sync/pull`: the records in a terminal's scope changed since its cursor.
public struct PullResponse: Hashable, Sendable, Encodable, WireDecodable {
    /// Changed states, oldest change first.
    public var records: [RecordState]
    /// The cursor to send with the next pull.
    public var cursor: Int64
    /// Whether more changes are waiting: pull again at once.
    public var more: Bool
    /// Records that left this terminal's scope since the cursor (a work order moved to another auditor).
    /// The terminal keeps its unsynced edits of them; they are still accepted.
    public var leftScope: [RecordKey]
    /// Every open data-quality finding about the customers in this terminal's scope and their
    /// devices, on the last page only (`more` false): the terminal keeps exactly these, so a finding
    /// closed on the server leaves the tablet. `nil` on other pages, on a last page that brings
    /// nothing new to a terminal that already holds the current ``findingsGeneration``, and from
    /// servers that predate them.
    public var findings: [QualityNote]?
    /// Which `quality run` the findings come from, beside them: the terminal names it in its next
    /// pull (`findings_generation`), and the server leaves the findings out while it still holds.
    /// `nil` without findings and from servers that predate it.
    public var findingsGeneration: String?

    /// Creates an answer.
    public init(records: [RecordState], cursor: Int64, more: Bool, leftScope: [RecordKey] = [], findings: [QualityNote]? = nil,
                findingsGeneration: String? = nil) {
        self.records = records
        self.cursor = cursor
        self.more = more
        self.leftScope = leftScope
        self.findings = findings
        self.findingsGeneration = findingsGeneration
    }

    enum CodingKeys: String, CodingKey {
        case records, cursor, more, findings
        case leftScope = "left_scope"
        case findingsGeneration = "findings_generation"
    }
}

/// One work order with everything an auditor needs to do it offline.
///
/// `GET /v1/packets/{work_order}` answers it; `audit-server packet export` writes it to a file for a
/// terminal that never sees a network.
public struct WorkPacket: Hashable, Sendable, Encodable, WireDecodable {
    /// The work order.
    public var workOrder: RecordState
    /// Its customers.
    public var customers: [RecordState]
    /// The devices of those customers.
    public var devices: [RecordState]
    /// Visits already recorded for the work order.
    public var visits: [RecordState]
    /// The hazards found at its customers, so the auditor sees them before knocking (empty in
    /// packets of servers that predate hazards).
    public var hazards: [RecordState]
    /// The open data-quality findings about its customers and their devices, shown beside the
    /// fields they concern (empty in packets of servers that predate them).
    public var findings: [QualityNote]
    /// The server's change-log position when the packet was cut.
    public var cursor: Int64
    /// The road map of the work order's area as a graph file (base64 in JSON), when the server
    /// has one: packets exported to files carry it for tablets that never see a network.
    public var map: Data?

    /// Creates a packet.
    public init(workOrder: RecordState, customers: [RecordState], devices: [RecordState], visits: [RecordState], cursor: Int64, map: Data? = nil,
                hazards: [RecordState] = [], findings: [QualityNote] = []) {
        self.workOrder = workOrder
        self.findings = findings
        self.customers = customers
        self.devices = devices
        self.visits = visits
        self.hazards = hazards
        self.cursor = cursor
        self.map = map
    }

    /// Every record in the packet.
    public var allRecords: [RecordState] { [workOrder] + customers + devices + visits + hazards }

    enum CodingKeys: String, CodingKey {
        case workOrder = "work_order"
        case customers, devices, visits, hazards, findings, cursor, map
    }
}

/// Every API error: `{"error": CODE, "detail": TEXT}`.
public struct APIErrorBody: Hashable, Sendable, Codable, Error, CustomStringConvertible {
    /// A stable code for programs, for example `malformed_json`, `out_of_scope`, `token_rejected`.
    public var error: String
    /// What is wrong, for a person.
    public var detail: String
    /// The record the error concerns (`kind/id`), when one is to blame: a refused push names it.
    public var record: String?
    /// The field the error concerns, when one is to blame.
    public var field: String?

    /// Creates an error body.
    public init(error: String, detail: String, record: String? = nil, field: String? = nil) {
        self.error = error
        self.detail = detail
        self.record = record
        self.field = field
    }

    public var description: String { "\(error): \(detail)" }
}

/// `GET /v1/device`: who a token belongs to. A terminal asks once, at enrolment, to learn the
/// replica id it writes under.
public struct DeviceIdentity: Hashable, Sendable, Codable {
    /// The device's name, as enrolled.
    public var name: String
    /// The auditor who carries it.
    public var auditor: String
    /// The replica id it writes under (`t-NAME`).
    public var replica: ReplicaID

    /// Creates an identity.
    public init(name: String, auditor: String, replica: ReplicaID) {
        self.name = name
        self.auditor = auditor
        self.replica = replica
    }
}

/// A terminal's unsent changes as a file, for a dispatcher to import with
/// `audit-server import outbox FILE` when the tablet never sees a network.
public struct OutboxFile: Hashable, Sendable, Encodable, WireDecodable {
    /// The device the changes come from.
    public var device: String
    /// The changes, as the push the terminal would have sent; the same idempotency applies.
    public var batch: PushRequest

    /// Creates an outbox file.
    public init(device: String, batch: PushRequest) {
        self.device = device
        self.batch = batch
    }
}
