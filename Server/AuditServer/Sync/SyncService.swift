import Foundation
import Logging
import Shared

/// Push, pull and packets: what terminals do with the server.
public struct SyncService: Sendable {
    let database: any ServerStore
    let notifier: ChangeNotifier
    let metrics: ServerMetrics
    let logger: Logger
    /// Decoded states of recently merged records.
    let cache = RecordStateCache()
    /// Road maps of work orders' areas.
    let maps: WorkOrderMaps?
    /// The limits pushes are checked against.
    let policy: PushPolicy

    /// The largest page a pull answers with.
    public static let maximumPage = 2_000
    /// The longest a pull may wait for changes, in seconds.
    public static let maximumWait = 60.0

    /// Creates the service over the server database.
    public init(database: any ServerStore, notifier: ChangeNotifier, metrics: ServerMetrics, logger: Logger, maps: WorkOrderMaps? = nil,
                policy: PushPolicy = .standard) {
        self.policy = policy
        self.database = database
        self.notifier = notifier
        self.metrics = metrics
        self.logger = logger
        self.maps = maps
    }

    /// Merges a pushed batch in one transaction: the states, the change log and the batch receipt
    /// commit together or not at all. A batch id seen before returns the stored answer unchanged.
    public func push(_ request: PushRequest, from device: EnrolledDevice) async throws -> PushResponse {
        let (response, replayed) = try await database.write { [cache, policy, logger] db in
            try Self.apply(request, from: device, policy: policy, cache: cache, logger: logger, in: db)
        }
        if !replayed {
            await notifier.signal(response.cursor)
            metrics.recordMerges(records: response.results.count, conflicts: response.results.filter { $0.status == .conflict }.count)
        }
        logger.debug("push", metadata: ["device": "\(device.name)", "batch": "\(request.batchID)",
                                        "records": "\(request.records.count)", "replayed": "\(replayed)"])
        return response
    }

    /// Merges a batch inside the caller's transaction; a batch id seen before returns the stored
    /// answer and writes nothing. Used by pushes and by `audit-server import outbox`.
    /// Every pushed state is first checked by ``PushVerifier``: a batch that breaks a rule is refused
    /// whole, before anything is written.
    static func apply(_ request: PushRequest, from device: EnrolledDevice, policy: PushPolicy = .standard, cache: RecordStateCache? = nil,
                      logger: Logger? = nil, in db: any StoreConnection) throws -> (PushResponse, replayed: Bool) {
        if let stored = try db.value(Data.self, "SELECT response FROM batch_receipts WHERE device = ? AND batch_id = ?", [device.name, request.batchID]) {
            return (try PushResponse.decodeFast(stored), true)
        }
        let verified = try PushVerifier(device: device, policy: policy).verify(request, cache: cache, logger: logger, in: db)
        // The merged states that changed, saved together (RecordBatch) in the batch's order.
        let writes = verified.filter { $0.effect.merged != $0.stored }.map { RecordWrite(state: $0.effect.merged, previous: $0.stored) }
        try RecordBatch.save(writes, origin: device.replica.rawValue, batchID: request.batchID, cache: cache, in: db)
        let results = verified.map { _, effect in
            let state = effect.merged
            let conflicts = state.conflicts.map(\.field)
            return PushResponse.Result(kind: state.kind, id: state.id, status: conflicts.isEmpty ? .merged : .conflict, conflicts: conflicts)
        }
        try ReplicaReuse.accepted(request.records, from: device, in: db)
        try EvidenceLedger.accepted(verified.map(\.effect.merged), in: db)
        let response = PushResponse(batchID: request.batchID, results: results, cursor: try RecordTable.currentSequence(in: db))
        try db.execute("INSERT INTO batch_receipts (device, batch_id, response, at_ms) VALUES (?, ?, ?, ?)", [device.name, request.batchID, response.encodeFast(), Int64(HybridLogicalClock.wallClockMilliseconds())])
        return (response, false)
    }

    /// The records in the device's scope changed since `cursor`, waiting up to `wait` seconds
    /// for something to arrive when nothing is new.
    /// - Parameter findingsGeneration: the findings generation the tablet holds (`nil` when it names
    ///   none); the last page leaves the findings out when it is current and the page brings
    ///   nothing new (``FindingsDelivery``).
    /// - Returns: the answer's JSON, assembled from the stored states' bytes without decoding them.
    public func pull(for device: EnrolledDevice, cursor: Int64, wait: Double, limit: Int = maximumPage,
                     findingsGeneration: String? = nil) async throws -> Data {
        let findings = FindingsDelivery(known: findingsGeneration)
        let deadline = ContinuousClock.now + .milliseconds(Int(min(wait, Self.maximumWait) * 1000))
        var cursor = cursor
        while true {
            let after = cursor
            let page = try await database.read { db in try Self.page(for: device, after: after, limit: limit, findings: findings, in: db) }
            let remaining = deadline - ContinuousClock.now
            let closing = await notifier.isClosed
            if !page.records.isEmpty || !page.leftScope.isEmpty || remaining <= .zero || closing {
                if !page.more { metrics.recordFindings(sent: page.findings != nil) }
                return try page.json()
            }
            // Nothing in scope yet: move past what was read and wait for the log to move.
            cursor = max(cursor, page.cursor)
            let seconds = Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18
            _ = await notifier.wait(after: page.cursor, seconds: seconds)
        }
    }

    static func page(for device: EnrolledDevice, after cursor: Int64, limit: Int, findings delivery: FindingsDelivery = FindingsDelivery(known: nil),
                     in db: any StoreConnection) throws -> RawPullPage {
        // Only the counties the auditor works in are read: one partition each on PostgreSQL,
        // rather than an index probe into every county of the province.
        let counties = try WorkOrderCounties.counties(ofAuditor: device.auditor, in: db)
        let countyList = counties.indices.map { "?\($0 + 4)" }.joined(separator: ", ")
        let rows = counties.isEmpty ? [] : try db.rows("""
            SELECT r.state, r.seq FROM records r
            WHERE r.county IN (\(countyList)) AND r.seq > ?1 AND (
              (r.kind = 'work_order' AND r.id IN (SELECT id FROM work_orders WHERE auditor = ?2))
              OR (r.kind = 'customer' AND r.id IN (
                  SELECT c.customer FROM work_order_customers c JOIN work_orders w ON w.id = c.work_order WHERE w.auditor = ?2))
              OR (r.kind = 'device' AND r.id IN (
                  SELECT d.device FROM device_customers d
                  JOIN work_order_customers c ON c.customer = d.customer
                  JOIN work_orders w ON w.id = c.work_order WHERE w.auditor = ?2))
              OR (r.kind = 'audit_visit' AND r.id IN (
                  SELECT v.visit FROM visit_work_orders v JOIN work_orders w ON w.id = v.work_order WHERE w.auditor = ?2))
              OR (r.kind = 'hazard' AND r.id IN (
                  SELECT h.hazard FROM hazard_customers h
                  JOIN work_order_customers c ON c.customer = h.customer
                  JOIN work_orders w ON w.id = c.work_order WHERE w.auditor = ?2))
            )
            ORDER BY r.seq LIMIT ?3
            """, StoreArguments([.integer(cursor), .text(device.auditor), .integer(Int64(limit))] + counties.map(StoreValue.text)))
        let more = rows.count == limit
        let next = more ? rows.last![1] as Int64 : max(cursor, try RecordTable.currentSequence(in: db))
        let leftScope = more ? [] : try leftScope(of: device.auditor, after: cursor, in: db)
        let findings = more ? nil : try delivery.findings(forAuditor: device.auditor, bringsChanges: !rows.isEmpty || !leftScope.isEmpty, in: db)
        return RawPullPage(records: rows.map { $0[0] as Data }, cursor: next, more: more, leftScope: leftScope,
                           findings: findings?.notes, findingsGeneration: findings?.generation)
    }

    /// Records of work orders that moved away from `auditor` since `cursor`, except those still
    /// in the auditor's scope through another work order.
    ///
    /// The orders that moved away are found first (usually none), then each one's record is read
    /// in its own county: a join with `records` alone would read every county's partition on
    /// PostgreSQL, on every pull.
    static func leftScope(of auditor: String, after cursor: Int64, in db: any StoreConnection) throws -> [RecordKey] {
        let away = try db.rows("""
            SELECT w.id, d.county FROM assignment_history h
            JOIN work_orders w ON w.id = h.work_order
            JOIN record_counties d ON d.kind = 'work_order' AND d.id = w.id
            WHERE h.auditor = ? AND w.auditor <> h.auditor
            ORDER BY w.id
            """, [auditor])
        var moved: [String] = []
        for row in away {
            let (workOrder, county): (String, String) = (try row.decode(at: 0), try row.decode(at: 1))
            if try db.exists("SELECT 1 FROM records WHERE county = ? AND kind = 'work_order' AND id = ? AND seq > ?", [county, workOrder, cursor]) {
                moved.append(workOrder)
            }
        }
        var keys: [RecordKey] = []
        for workOrder in moved {
            keys.append(RecordKey(kind: .workOrder, id: workOrder))
            let customers = try db.values(String.self, """
                SELECT c.customer FROM work_order_customers c WHERE c.work_order = ?1 AND c.customer NOT IN (
                  SELECT c2.customer FROM work_order_customers c2 JOIN work_orders w2 ON w2.id = c2.work_order WHERE w2.auditor = ?2)
                """, [workOrder, auditor])
            for customer in customers {
                keys.append(RecordKey(kind: .customer, id: customer))
                for device in try db.values(String.self, "SELECT device FROM device_customers WHERE customer = ?", [customer]) {
                    keys.append(RecordKey(kind: .device, id: device))
                }
                keys += try HazardTable.hazards(atCustomers: [customer], in: db)
            }
        }
        return keys
    }

    /// One work order's complete packet as JSON (the shape of ``WorkPacket``), for download or
    /// export to a file, with the work order's assignee for the scope check.
    public func packet(workOrder id: String) async throws -> (assignee: String, json: Data) {
        try await database.read { db in try Self.packet(workOrder: id, in: db) }
    }

    /// The road map of one work order's area as a graph file, with the work order's assignee.
    public func map(workOrder id: String) async throws -> (assignee: String, file: Data) {
        try await database.read { [maps] db in
            guard let order = try RecordTable.load(RecordKey(kind: .workOrder, id: id), in: db) else {
                throw APIError.notFound("no work order \(id)")
            }
            guard let file = try maps?.file(workOrder: id, in: db) else {
                throw APIError(status: 404, code: "no_map",
                               detail: "no road map for work order \(id): import one with audit-server map import, and give its customers sites")
            }
            return (order.text("assignee") ?? "", file)
        }
    }

    static func packet(workOrder id: String, maps: WorkOrderMaps? = nil, in db: any StoreConnection) throws -> (assignee: String, json: Data) {
        let key = RecordKey(kind: .workOrder, id: id)
        guard let order = try RecordTable.load(key, in: db) else {
            throw APIError.notFound("no work order \(id)")
        }
        // A work order lies in one county, its customers, devices, visits and hazards with it.
        let county = try RecordPlacement.placed(key, in: db)
        let customerIDs = order.list("customers")
        var deviceIDs: [String] = []
        for customer in customerIDs {
            deviceIDs += try db.values(String.self, "SELECT device FROM device_customers WHERE customer = ? ORDER BY device", [customer])
        }
        let visitIDs = try db.values(String.self, "SELECT visit FROM visit_work_orders WHERE work_order = ? ORDER BY visit", [id])
        var json = JSONAssembler()
        json.append("{\"cursor\":\(try RecordTable.currentSequence(in: db)),\"customers\":")
        json.appendArray(try RecordTable.loadRaw(.customer, ids: customerIDs, county: county, in: db))
        json.append(",\"devices\":")
        json.appendArray(try RecordTable.loadRaw(.device, ids: deviceIDs, county: county, in: db))
        json.append(",\"findings\":")
        json.append(try WireCoding.encode(try QualityNotes.open(about: customerIDs + deviceIDs, in: db)))
        json.append(",\"hazards\":")
        json.appendArray(try RecordTable.loadRaw(.hazard, ids: try HazardTable.hazards(atCustomers: customerIDs, in: db).map(\.id), county: county, in: db))
        if let map = try maps?.file(workOrder: id, in: db) {
            json.append(",\"map\":\"")
            json.append(map.base64EncodedData())
            json.append("\"")
        }
        json.append(",\"visits\":")
        json.appendArray(try RecordTable.loadRaw(.auditVisit, ids: visitIDs, county: county, in: db))
        json.append(",\"work_order\":")
        json.append(RecordStateCodec.encode(order))
        json.append("}")
        return (order.text("assignee") ?? "", json.data)
    }
}

/// A pull page whose records are the stored wire bytes: answered without decoding a single state.
struct RawPullPage {
    var records: [Data]
    var cursor: Int64
    var more: Bool
    var leftScope: [RecordKey]
    /// The open findings in scope, on the last page only, unless the tablet holds them.
    var findings: [QualityNote]?
    /// The generation of ``findings``, beside them.
    var findingsGeneration: String?

    /// The JSON of a ``PullResponse`` with these contents (keys sorted, as ``WireCoding`` writes them).
    func json() throws -> Data {
        var json = JSONAssembler()
        json.append("{\"cursor\":\(cursor),")
        if let findings {
            json.append("\"findings\":")
            json.append(try WireCoding.encode(findings))
            json.append(",")
        }
        if let findingsGeneration {
            json.append("\"findings_generation\":")
            json.append(try WireCoding.encode(findingsGeneration))
            json.append(",")
        }
        json.append("\"left_scope\":")
        json.append(try WireCoding.encode(leftScope))
        json.append(",\"more\":\(more),\"records\":")
        json.appendArray(records)
        json.append("}")
        return json.data
    }
}

/// Builds a JSON document from literal pieces and already-encoded values.
struct JSONAssembler {
    private(set) var data = Data()

    mutating func append(_ text: String) { data.append(contentsOf: text.utf8) }
    mutating func append(_ encoded: Data) { data.append(encoded) }

    /// Appends `[a,b,…]` from encoded elements.
    mutating func appendArray(_ elements: [Data]) {
        data.reserveCapacity(data.count + elements.reduce(2) { $0 + $1.count + 1 })
        append("[")
        for (index, element) in elements.enumerated() {
            if index > 0 { append(",") }
            data.append(element)
        }
        append("]")
    }

}
